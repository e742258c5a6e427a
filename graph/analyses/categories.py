"""Categories are not supply nodes: how facts stated about a category reach the supply flow.

A category (``Material.category``: "rare-earth alloys", "separated rare-earth
oxides") stands for the concrete materials that point to it with
``MEMBER_OF``. It stays out of the supply flow, so no cut, dominator, path or
scenario can name it, and no cut names one magnet three times. Its facts
reach the flow through its *leaf* members (members that are not categories
themselves), always marked ``inherited`` with the category's id, and only
where a member has nothing of its own:

* **producers** (``PRODUCES`` into the category): a member with no producer
  of its own on a basis (countries, organisations) inherits the category's
  producers on that basis, from its most specific category (fewest members)
  that has any; a member whose own producers carry no figure inherits the
  category's figures (its own producers stay as routes, weight 0);
* **inputs** (``INPUT_TO`` into the category): a member with no input of its
  own is fed by the inputs of its most specific category that has any;
* **uses and outputs** (``USED_IN`` or ``INPUT_TO`` from the category): the
  end use or material is fed by the category's members *as alternatives*
  (edge attribute ``group``: any one of them serves, in equal parts), unless
  it already takes one of them directly.

Facts between a category and its own members, or between two categories,
say nothing about flow; every fact about a category is kept in its record
(``F.graph["categories"]``) with the category's own producers and figures,
which the concentration table reports (the world mine-production or
separation share is the first figure an expert checks).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx


def category_ids(G: nx.MultiDiGraph) -> set[str]:
    """The materials flagged ``category``."""
    return {n for n, d in G._node.items() if d.get("category")}  # (the dicts, not NetworkX's view: a pass over every node)


class Categories:
    """Membership of categories, and the facts stated about them, collected while the flow is projected."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.ids = category_ids(G)
        self.members: dict[str, set[str]] = defaultdict(set)
        self.facts: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
        self._leaves: dict[str, frozenset[str]] = {}
        self._of: dict[str, list[str]] | None = None

    def add_member(self, member: str, category: str) -> None:
        self.members[category].add(member)

    def keep(self, source: str, target: str, attrs: dict) -> None:
        """Record a flow fact that names a category (on the category it is about)."""
        for node in (source, target):
            if node in self.ids:
                self.facts[node].append((source, target, attrs))

    def leaves(self, category: str, _seen: frozenset = frozenset()) -> frozenset[str]:
        """The concrete members a category stands for (members of member categories included)."""
        if category not in self._leaves:
            found: set[str] = set()
            for member in self.members.get(category, ()):
                if member in self.ids:
                    if member not in _seen:
                        found |= self.leaves(member, _seen | {category})
                else:
                    found.add(member)
            self._leaves[category] = frozenset(found)
        return self._leaves[category]

    def of(self, member: str) -> list[str]:
        """The categories a leaf stands under, most specific (fewest leaves) first."""
        if self._of is None:
            self._of = defaultdict(list)
            for category in self.ids:
                for leaf in self.leaves(category):
                    self._of[leaf].append(category)
            for cats in self._of.values():
                cats.sort(key=lambda c: (len(self.leaves(c)), c))
        return self._of.get(member, [])

    def expand(self, produced: dict[tuple[str, str], list], flows: list[tuple[str, str, dict]], basis_of, has_figures) -> None:
        """Add to ``produced`` and ``flows`` what the members inherit from their categories (see the module docstring)."""
        if not self.ids:
            return  # (no category: nothing to inherit, and no pass over a million flows to find it out)
        cat_rows: dict[tuple[str, str], list] = defaultdict(list)
        cat_inputs: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        outputs: list[tuple[str, str, dict]] = []
        for category, facts in self.facts.items():
            for source, target, attrs in facts:
                kind = attrs["type"]
                if kind == "PRODUCES" and target == category:
                    cat_rows[(category, basis_of(source))].append((source, attrs))
                elif kind == "INPUT_TO" and target == category and source not in self.ids and source not in self.leaves(category):
                    cat_inputs[category].append((source, attrs))
                elif source == category and target not in self.ids and target not in self.leaves(category) and kind in ("INPUT_TO", "USED_IN"):
                    outputs.append((source, target, attrs))
        has_input = {t for _, t, a in flows if a["type"] == "INPUT_TO"}
        for leaf in sorted({leaf for c in self.ids for leaf in self.leaves(c)}):
            cats = self.of(leaf)
            for basis in ("countries", "organisations"):
                own = produced.get((leaf, basis), [])
                if own and has_figures(own):
                    continue
                # no producers, or producers without figures: the category's (figures) are inherited; own producers
                # stay as routes (the inherited shares leave room for them in the unlisted rest)
                wanted = (lambda rows: True) if not own else has_figures
                donor = next((c for c in cats if (c, basis) in cat_rows and wanted(cat_rows[(c, basis)])), None)
                if donor is not None:
                    produced[(leaf, basis)] = own + [(p, dict(a, inherited=donor)) for p, a in cat_rows[(donor, basis)]]
            if leaf not in has_input:
                donor = next((c for c in cats if cat_inputs.get(c)), None)
                for source, attrs in cat_inputs.get(donor, ()) if donor else ():
                    flows.append((source, leaf, dict(attrs, inherited=donor, weight=None)))
        direct: dict[str, set[str]] = defaultdict(set)
        for source, target, _ in flows:
            direct[target].add(source)
        for category, target, attrs in outputs:
            leaves = self.leaves(category)
            if not leaves or direct[target] & leaves:
                continue
            for leaf in sorted(leaves):
                flows.append((leaf, target, dict(attrs, inherited=category, group=category, weight=None)))
            direct[target] |= leaves

    def record(self, category: str) -> dict[str, Any]:
        """What the report says about a category: name, stage, its members and the facts stated about it."""
        data = self.G.nodes[category]
        return {
            "name": data.get("name") or category,
            "stage": data.get("stage"),
            "members": sorted(self.leaves(category)),
            "facts": [{"type": a["type"], "source": s, "target": t, "sources": a.get("sources", [])} for s, t, a in self.facts.get(category, ())],
        }

"""Who controls a producer, who merely owns part of it, and where it is: the context the flow projection folds in.

Control follows ``OPERATES`` (facility -> operator) and ``SUBSIDIARY_OF``
(subsidiary -> parent): a majority, a joint venture's parents, or control a
source states. ``HOLDS_STAKE_IN`` is ownership without control: reported
("holds 15 % of"), never followed by a ``remove org:`` scenario.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx


class _Links:
    """The context edges the projection folds into attributes, indexed in one pass over the graph."""

    def __init__(self) -> None:
        self.located: dict[str, list[str]] = defaultdict(list)
        self.operators: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.parents: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.contains: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.stakes: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.minority: list[tuple[str, str]] = []
        """``SUBSIDIARY_OF`` facts with a stake under 50 %: read as stakes (an assumption the report lists)."""

    def add(self, source: str, target: str, data: dict) -> None:
        kind = data.get("type")
        if kind == "LOCATED_IN":
            self.located[source].append(target)
        elif kind == "OPERATES":
            self.operators[target].append((source, data))
        elif kind == "SUBSIDIARY_OF" and data.get("stake") is not None and data["stake"] < 0.5:
            self.stakes[source].append((target, data))  # a minority stake is ownership, not control
            self.minority.append((source, target))
        elif kind == "SUBSIDIARY_OF":
            self.parents[source].append((target, data))
        elif kind == "CONTAINS":
            self.contains[source].append((target, data))
        elif kind == "HOLDS_STAKE_IN":
            self.stakes[target].append((source, data))

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> "_Links":
        links = cls()
        for source, target, data in G.edges(data=True):
            links.add(source, target, data)
        return links


def _country_of(G: nx.MultiDiGraph, node: str, links: _Links, _seen: set | None = None) -> str | None:
    """ISO code of the country a node is in: itself, its ``country`` property, or ``LOCATED_IN`` upwards."""
    data = G._node[node]  # (the dict itself: NodeView's lookup cost as much again, a call per producer and material)
    if data.get("label") == "Country":
        return data.get("iso2") or node.split(":", 1)[1]
    if data.get("country"):
        return data["country"]
    seen = _seen or set()
    seen.add(node)
    for target in links.located.get(node, ()):
        if target not in seen:
            found = _country_of(G, target, links, seen)
            if found:
                return found
    return None


def controllers(G: nx.MultiDiGraph, node: str, *, _links: _Links | None = None) -> list[tuple[str, str]]:
    """Who controls a producer: its operators and its parents, transitively, as (id, how) pairs.

    Follows ``OPERATES`` backwards (facility -> operator) and ``SUBSIDIARY_OF``
    forwards (subsidiary -> parent) in the knowledge graph ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("org:a", "org:b", type="SUBSIDIARY_OF", stake=0.6)
    >>> controllers(G, "org:a")
    [('org:b', 'parent of org:a (60% stake)')]

    Notes
    -----
    Linear in the size of the ownership tree above ``node`` (plus one pass
    over ``G`` to index the links when called on its own).
    """
    links = _links if _links is not None else _Links.of(G)
    found: list[tuple[str, str]] = []
    seen = {node}
    stack = [node]
    while stack:
        current = stack.pop()
        steps = [(o, "operator", e) for o, e in links.operators.get(current, ())]
        steps += [(p, "parent", e) for p, e in links.parents.get(current, ())]
        for other, how, edge in steps:
            if other in seen:
                continue
            seen.add(other)
            stake = edge.get("stake")
            found.append((other, f"{how} of {current}" + (f" ({stake:.0%} stake)" if stake is not None else "")))
            stack.append(other)
    return found


def stakes(G: nx.MultiDiGraph, node: str, chain: list[tuple[str, str]] | None = None, *, _links: _Links | None = None) -> list[dict[str, Any]]:
    """Minority owners of a producer and of those who control it (``HOLDS_STAKE_IN``): ownership, not control.

    They are reported ("holds 15 % of"), never followed by ``remove org:``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("org:dod", "org:mp", type="HOLDS_STAKE_IN", stake=0.15)
    >>> stakes(G, "org:mp")
    [{'owner': 'org:dod', 'owned': 'org:mp', 'stake': 0.15}]
    """
    links = _links if _links is not None else _Links.of(G)
    if chain is None:
        chain = controllers(G, node, _links=links)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for owned in [node] + [c for c, _ in chain]:
        for owner, edge in links.stakes.get(owned, ()):
            found.setdefault((owner, owned), {"owner": owner, "owned": owned, "stake": edge.get("stake")})
    return list(found.values())


def _elements_of(G: nx.MultiDiGraph, material: str, links: _Links) -> set[str]:
    symbols = set(G._node[material].get("elements") or ())
    for target, _ in links.contains.get(material, ()):
        symbols.add(G._node[target].get("symbol") or target.split(":", 1)[1])
    return symbols


def _content_of(G: nx.MultiDiGraph, material: str, links: _Links) -> dict[str, dict[str, Any]]:
    """Element content where a source gives it (``CONTAINS`` ``mass_fraction``): symbol -> mass_fraction, sources, note."""
    found = {}
    for target, data in links.contains.get(material, ()):
        if data.get("mass_fraction") is not None:
            symbol = G.nodes[target].get("symbol") or target.split(":", 1)[1]
            found[symbol] = {"mass_fraction": data["mass_fraction"], "sources": list(data.get("sources") or ()), "note": data.get("note")}
    return found



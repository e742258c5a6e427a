"""Disruption scenarios: what share of each end use's supply is at risk, and along which path.

A scenario is a line of text:

``remove country:CN``
    Every producer in China stops: the country itself and every organisation,
    facility or place located there.
``remove org:<id>[,org:<id>...]``
    The organisation stops, with its subsidiaries (``SUBSIDIARY_OF``, taken
    as control whatever the stake) and the facilities they operate.
``restrict element:Dy,element:Tb [by country:CN]``
    The materials named, or the separated materials carrying the elements
    named (oxides, metals, alloys, magnets; not ores and concentrates), can no
    longer be had: all of them, or with ``by`` only their producers in that
    country.
``apply policy:<id>``
    A policy in the graph: its ``RESTRICTS`` targets, restricted by the
    countries that issued it (``ISSUED_BY``, or the policy's ``country``).

Several scenarios apply together.

The propagation
---------------
Availability (1 = all supply, 0 = none) flows downstream in topological
order of the supply-flow graph, strongly connected components condensed and
solved by fixed-point iteration:

* a **producer** is 0 when removed; one with suppliers (``SUPPLIES``) keeps
  ``1 - sum(share x loss)`` of its supplier-fed output (unlisted supply
  unaffected; suppliers without a share split the unlisted rest evenly).
  Supplier losses do not touch its mining-stage output.
* a **material** loses the share of its producers that are gone (weights as
  in :func:`~supplygraph.graph.analyses.flow.supply_flow`), and of a country
  the part its removed companies make where the data says it
  (:mod:`.countryparts`). Only the best-measured
  basis counts: stated shares of world output over shares of a listed
  volume (a quota list covers one country's firms, not the world); where
  two bases are measured alike, the larger loss counts; where none has
  figures, the known producers share equally. Its inputs (``INPUT_TO``)
  combine by their ``share`` when every input has one (alternative
  sources); otherwise inputs carrying a common element are alternatives in
  equal parts, and groups with none in common are complements, each needed:
  the scarcest decides. The material keeps the smaller of what its producers and
  what its inputs allow: surviving capacity is assumed to reach surviving
  inputs (trade reroutes), so the figures are the share *at risk*, a bound
  set by the tightest stage, before stocks and substitution.
* an **end use** needs every material it uses: the scarcest decides.

The *path that carries the loss* is traced back from each end use through
the binding input at each step to the removed or restricted producer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import eq
from typing import Any

import networkx as nx

from supplygraph.errors import NotFound, SupplygraphError, did_you_mean

from .centrality import condensed_order
from .countryparts import country_parts
from .flowgraph import flow_graph
from .integers import id_ranks, topological_generations
from .propagation import Rules, fast_propagate


class ScenarioError(SupplygraphError):
    """A scenario string cannot be parsed."""

    exit_code = 2


_SCENARIO = re.compile(r"^\s*(remove|restrict|apply)\s+(\S+(?:\s*,\s*\S+)*?)(?:\s+by\s+(country:[A-Z]{2}))?\s*$")

SYNTAX = "'remove country:CN', 'remove org:<id>', 'restrict element:Dy,element:Tb [by country:CN]' or 'apply policy:<id>'"


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario: an action on one or more targets."""

    action: str
    targets: tuple[str, ...]
    by: str | None = None
    text: str = ""


def parse_scenario(text: str) -> Scenario:
    """Parse a scenario string.

    Examples
    --------
    >>> parse_scenario("restrict element:Dy, element:Tb by country:CN")
    Scenario(action='restrict', targets=('element:Dy', 'element:Tb'), by='country:CN', text='restrict element:Dy, element:Tb by country:CN')
    """
    match = _SCENARIO.match(text or "")
    if not match:
        raise ScenarioError(f"cannot read scenario {text!r}: expected {SYNTAX}")
    action, targets_text, by = match.groups()
    targets = tuple(t.strip() for t in targets_text.split(",") if t.strip())
    allowed = {"remove": ("country:", "org:", "facility:", "place:"), "restrict": ("element:", "material:"), "apply": ("policy:",)}[action]
    for target in targets:
        if not target.startswith(allowed):
            prefix, _, rest = target.partition(":")
            near = difflib.get_close_matches(prefix + ":", allowed, n=1, cutoff=0.6)
            hint = f"; did you mean {near[0]}{rest}?" if near and rest else ""
            raise ScenarioError(f"scenario {text!r}: '{action}' takes {' or '.join(p + '...' for p in allowed)} ids, not {target!r}{hint}")
    if by and action != "restrict":
        raise ScenarioError(f"scenario {text!r}: 'by country:..' goes with 'restrict' only")
    return Scenario(action, targets, by, text.strip())


def check_targets(G: nx.MultiDiGraph, scenarios: Iterable[Scenario]) -> None:
    """Raise :class:`NotFound`, with the closest ids, when a scenario names an id the knowledge graph ``G`` lacks."""
    for scenario in scenarios:
        for target in (*scenario.targets, *([scenario.by] if scenario.by else [])):
            if target not in G:
                kind = target.split(":", 1)[0] + ":"
                near = ((n, d.get("name"), d.get("aliases") or ()) for n, d in G.nodes(data=True) if n.startswith(kind))
                raise NotFound(f"scenario {scenario.text!r}: no such entity {target!r} in the graph{did_you_mean(target, near)}")


@dataclass
class _Effects:
    removed: set[str] = field(default_factory=set)
    restricted: dict[str, set[str] | None] = field(default_factory=dict)
    """Material -> countries whose producers are cut off from it (None: every producer)."""
    named: set[str] = field(default_factory=set)
    """Restricted materials named (or a named category's members), as opposed to caught through an element."""
    elements: set[str] = field(default_factory=set)
    """Elements restricted: a material that contains none of them loses nothing through their restriction."""
    pipeline: list[dict] = field(default_factory=list)
    """Pipeline capacity (not operating on the as-of date) of the removed parties: nothing lost today."""
    parts: dict = field(default_factory=dict)
    """(country, material) node numbers -> (share of the country's output lost, the removed producer it stands for,
    the step as reported): the removed producers' part of their countries' shares (:mod:`.countryparts`)."""

    def restrict(self, material: str, countries: set[str] | None, named: bool) -> None:
        previous = self.restricted.get(material, set())
        self.restricted[material] = None if countries is None or previous is None else previous | countries
        if named:
            self.named.add(material)

    def without_elements(self) -> "_Effects":
        """The same effects with only the named restrictions: what materials without a restricted element see."""
        return _Effects(set(self.removed), {m: c for m, c in self.restricted.items() if m in self.named}, set(self.named),
                        parts=self.parts)  # fmt: skip


@dataclass
class _Plan:
    """What the scenarios do: losses (removals, restrictions, bans, quotas) and delays (licensing), and how each was modelled."""

    loss: _Effects = field(default_factory=_Effects)
    delay: _Effects = field(default_factory=_Effects)
    modelled: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


LOSS_MEASURES = frozenset({"ban", "quota", "procurement"})
"""Policy measures that remove volume; ``licensing`` delays it (lead time); others are applied as a ban, saying so."""


def _resolve(FG, scenarios: list[Scenario]) -> _Plan:
    plan = _Plan()
    producers = [(n, d) for n, d in zip(FG.nodes, FG.node_data) if d.get("label") not in ("Material", "EndUse")]
    carriers: dict[str, list[str]] = {}
    for node, data in zip(FG.nodes, FG.node_data):
        if data.get("label") == "Material" and data.get("stage") != "mining":
            for symbol in data.get("elements", ()):
                carriers.setdefault(symbol, []).append(node)
    categories = FG.graph.get("categories", {})

    def restrict(effects: _Effects, target: str, countries: set[str] | None, text: str) -> None:
        if target.startswith("element:"):
            symbol = target.split(":", 1)[1]
            effects.elements.add(symbol)
            for material in carriers.get(symbol, []):
                effects.restrict(material, countries, named=False)
        elif target in FG:
            effects.restrict(target, countries, named=True)
        elif target in categories:  # a category stands for its members; it is never itself in the flow
            for material in categories[target]["members"]:
                if material in FG:
                    effects.restrict(material, countries, named=True)
        else:
            raise NotFound(f"scenario {text!r}: no material {target!r} in the supply flow")

    for scenario in scenarios:
        if scenario.action == "remove":
            for target in scenario.targets:
                if target.startswith("country:"):
                    code = target.split(":", 1)[1]
                    hit = {n for n, d in producers if n == target or d.get("country") == code}
                else:  # control only: operators and SUBSIDIARY_OF parents, never a minority stake
                    hit = {n for n, d in producers if n == target or any(c == target for c, _ in d.get("controlled_by", ()))}
                planned = [r for r in FG.graph.get("pipeline", ()) if target in (r["producer"], f"country:{r['country']}", *r["controlled_by"])]
                plan.loss.pipeline += [r for r in planned if r not in plan.loss.pipeline]
                plan.loss.removed |= hit
                if not hit and not planned and target not in FG and target not in FG.graph.get("controllers", {}):
                    raise NotFound(f"scenario {scenario.text!r}: {target!r} produces or supplies nothing in the supply flow")
                if not hit:
                    plan.notes.append(_nothing_removed(FG, target))
            plan.modelled.append({"scenario": scenario.text, "as": "loss", "note": "the producers it operates or controls stop: their volume is lost"})
        elif scenario.action == "restrict":
            countries = {scenario.by.split(":", 1)[1]} if scenario.by else None
            for target in scenario.targets:
                restrict(plan.loss, target, countries, scenario.text)
            elements = [t.split(":", 1)[1] for t in scenario.targets if t.startswith("element:")]
            plan.modelled.append({"scenario": scenario.text, "as": "loss",
                                  "note": "supply of the materials named, or containing the elements named, is lost" +
                                          (f" from producers in {scenario.by.split(':', 1)[1]}" if scenario.by else "") +
                                          (f"; a material listed as containing {'/'.join(elements)} is taken to need it in every "
                                           "grade (the data has no split by grade: low-Dy magnet grades would lose less); "
                                           "materials without it lose nothing through it" if elements else "")})  # fmt: skip
        else:
            for target in scenario.targets:
                policy = FG.graph.get("policies", {}).get(target)
                if policy is None:
                    raise NotFound(f"scenario {scenario.text!r}: no policy {target!r} in the graph")
                if not policy["targets"]:
                    raise NotFound(f"scenario {scenario.text!r}: {target} restricts nothing (no RESTRICTS facts)")
                plan.modelled.append(_policy_model(scenario.text, target, policy, FG.graph.get("as_of")))
                if policy.get("measure") == "technology":
                    continue  # know-how and production lines, not material: nothing shipped is lost or delayed
                effects = plan.delay if policy.get("measure") == "licensing" else plan.loss
                countries = set(policy["countries"]) or None
                for restricted in policy["targets"]:
                    if restricted.startswith("element:") or restricted in FG or restricted in categories:
                        restrict(effects, restricted, countries, scenario.text)
    if plan.loss.removed:
        plan.loss.parts, notes = country_parts(FG, plan.loss.removed)
        plan.notes += notes
    return plan


def _nothing_removed(FG, target: str) -> str:
    """Why removing ``target`` removes no supply: it operates and controls no producer (what it owns is said, not followed)."""
    name = FG.graph.get("controllers", {}).get(target, {}).get("name") or (FG.node(target).get("name") if target in FG else target)
    held = {(s["owned"], s["stake"]) for _, d in zip(FG.nodes, FG.node_data) for s in d.get("stakes", ()) if s["owner"] == target}
    owned = "; ".join(f"it holds {_pct(stake)} of {FG.graph['controllers'].get(o, {}).get('name', o)} (ownership, not control)"
                      for o, stake in sorted(held, key=str))  # fmt: skip
    return (f"{name} operates or controls no producer in the supply flow on {FG.graph.get('as_of')}: nothing removed"
            + (f"; {owned}" if owned else "") + (" (its planned capacity is listed in the pipeline)" if any(
                target in r["controlled_by"] or target == r["producer"] for r in FG.graph.get("pipeline", ())) else ""))


def _pct(value: float | None) -> str:
    return "a stake" if value is None else f"{100 * value:.0f} %"


def _policy_model(text: str, policy_id: str, policy: dict[str, Any], as_of: str | None) -> dict[str, Any]:
    """How a policy is modelled: a licence delays (lead time, what it gates), a ban, quota or procurement rule removes."""
    measure = policy.get("measure")
    row = {"scenario": text, "policy": policy_id, "measure": measure, "lead_time_days": policy.get("lead_time_days")}
    if measure == "licensing":
        days = policy.get("lead_time_days")
        row.update({"as": "delay", "note": "a licence is required: supply is delayed" + (f" by about {days} days" if days else
                    " (no documented lead time)") + ", not lost; share_delayed is the share of supply it gates"})  # fmt: skip
    elif measure in LOSS_MEASURES:
        row.update({"as": "loss", "note": f"a {measure} removes volume: the supply it covers is lost"})
    elif measure == "technology":
        row.update({"as": "none", "note": "a control on exporting technology (know-how, production lines) stops no shipment "
                                          "of the materials it names: nothing is lost or delayed; it slows capacity built "
                                          "outside the country that issued it"})  # fmt: skip
    else:
        row.update({"as": "loss", "note": f"measure {measure or 'not recorded'}: applied as a ban (supply lost), an upper bound"})
    if not policy.get("in_force"):
        row["note"] += f"; not in force on {as_of} ({(policy.get('state') or 'no dated state').replace('_', ' ')}): applied as if it were"
    return row


def scenario_impact(F: nx.DiGraph, scenarios: list[str | Scenario], *, order: tuple | None = None) -> dict[str, Any]:
    """Share of each end use's supply at risk under the scenarios, with the path that carries the loss.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph (:func:`~supplygraph.graph.analyses.flow.supply_flow`).
    scenarios : list of str or Scenario
        Applied together (see the module docstring for the syntax).
    order : tuple, optional
        :func:`~supplygraph.graph.analyses.centrality.condensed_order` of ``F`` when
        the caller already has it.

    Returns
    -------
    dict
        ``scenarios`` (the texts), ``modelled`` (how each was modelled: loss
        or delay, and why), ``removed`` (producer ids), ``pipeline`` (planned
        capacity of the removed parties: nothing lost on the as-of date),
        ``restricted`` (material -> countries or "all"), ``materials``
        (material -> share lost, for those that lose any) and ``end_uses``:
        objects with ``id``, ``name``, ``share_at_risk`` (0..1, volume lost),
        ``share_delayed`` (0..1, gated by a licence on top of the loss) and
        ``path`` (ids from the removed producer or restricted material to
        the end use), ``assumed`` (the steps of the path no figure
        weighs: an equal split of known producers, or equal parts of
        alternative inputs) and ``country_part`` (the steps where a removed
        company stands for its part of its country's share:
        :mod:`.countryparts`), most at risk first.

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_node("country:CN", label="Country", country="CN")
    >>> F.add_node("country:US", label="Country", country="US")
    >>> F.add_node("material:ore", label="Material", stage="mining", vintages={"countries": {"weights": "stated shares"}})
    >>> F.add_node("enduse:motor", label="EndUse")
    >>> F.add_edge("country:CN", "material:ore", type="PRODUCES", basis="countries", weight=0.7)
    >>> F.add_edge("country:US", "material:ore", type="PRODUCES", basis="countries", weight=0.3)
    >>> F.add_edge("material:ore", "enduse:motor", type="USED_IN", weight=None)
    >>> r = scenario_impact(F, ["remove country:CN"])
    >>> r["end_uses"][0]["share_at_risk"], r["end_uses"][0]["path"]
    (0.7, ['country:CN', 'material:ore', 'enduse:motor'])

    Notes
    -----
    One pass in topological order over the condensed flow graph, O(V + E),
    plus fixed-point iteration inside strongly connected components; twice
    when elements are restricted (materials without them see only the named
    restrictions), and again for licensing delays.
    """
    parsed = [s if isinstance(s, Scenario) else parse_scenario(s) for s in scenarios]
    FG = flow_graph(F)
    plan = _resolve(FG, parsed)
    index = FG.index
    components = _numbered(order if order is not None else condensed_order(F), index)
    rules = Rules(FG)
    avail, trace = _run(rules, plan.loss, components)
    gated = None
    if plan.delay.restricted:
        both = _Effects(set(plan.loss.removed), dict(plan.loss.restricted), plan.loss.named | plan.delay.named,
                        plan.loss.elements | plan.delay.elements, parts=plan.loss.parts)  # fmt: skip
        for material, countries in plan.delay.restricted.items():
            both.restrict(material, countries, named=material in plan.delay.named)
        gated, _ = _run(rules, both, components)
    end_uses = []
    labels = FG.node_column("label")
    n, unreviewed = FG.n, _unreviewed_pairs(FG)
    unweighed: dict[int, dict] = {}
    removed, restricted_at = {index[r] for r in plan.loss.removed if r in index}, plan.loss.restricted

    def stops(producer: int, material: str) -> bool:
        countries = restricted_at.get(material, ())
        return producer in removed or (countries is not None and FG.node_data[producer].get("country") in countries)

    def assumed(path: list[str]) -> list[dict[str, Any]]:
        """The steps of a loss path weighed by no figure (:meth:`Rules.unweighed`) where the split decides the loss:
        alternatives that lose unequally, or a pool of producers of which some stop and some do not, or one alone (a
        sole known producer taken for the world). Where every alternative loses alike the split changes nothing."""
        steps = []
        for u, v in zip(path, path[1:]):
            if u is None or labels[index[v]] != "Material":
                continue
            if index[v] not in unweighed:
                unweighed[index[v]] = rules.unweighed(index[v])
            split = unweighed[index[v]].get(index[u])
            if not split:
                continue
            rule, members = split
            if rule == "equal parts":
                decides = len({round(avail[m], 9) for m in members}) > 1
            else:
                decides = len({stops(m, v) for m in members}) > 1 or (len(members) == 1 and stops(members[0], v))
            if decides:
                steps.append({"material": v, "name": FG.node(v).get("name", v), "source": u, "source_name": FG.node(u).get("name", u),
                              "rule": rule, "of": len(members),  # where the producers of a split are (none in China: say so)
                              "countries": sorted({c for c in (FG.node_data[m].get("country") for m in members) if c}) if rule == "equal split" else []})  # fmt: skip
        return steps

    shares = {(producer, m): row for (_, m), (_, producer, row) in plan.loss.parts.items()}

    def country_part(path: list[str]) -> list[dict[str, Any]]:
        """The steps of a loss path where a removed producer takes its part of its country's share (:mod:`.countryparts`)."""
        return [shares[index[u], index[v]] for u, v in zip(path, path[1:]) if u is not None and (index[u], index[v]) in shares]

    for i, (node, data, label) in enumerate(zip(FG.nodes, FG.node_data, labels)):
        if label != "EndUse":
            continue
        at_risk = round(1.0 - avail[i], 6)
        path = trace(node) if at_risk > 0 else []
        row = {"id": node, "name": data.get("name", node), "share_at_risk": at_risk, "path": path,
               "path_names": [FG.node(p).get("name", p) for p in path],
               "unreviewed": sum(index[u] * n + index[v] in unreviewed for u, v in zip(path, path[1:])), "assumed": assumed(path),
               "country_part": country_part(path) if shares else []}  # fmt: skip
        if gated is not None:
            row["share_delayed"] = round(max(0.0, avail[i] - gated[i]), 6)
        end_uses.append(row)
    end_uses.sort(key=lambda r: (-r["share_at_risk"], -r.get("share_delayed", 0.0), r["id"]))
    restricted = {**plan.delay.restricted, **plan.loss.restricted}
    return {
        "scenarios": [s.text for s in parsed],
        "modelled": plan.modelled,
        "removed": sorted(plan.loss.removed),
        "pipeline": plan.loss.pipeline,
        "notes": plan.notes,
        "restricted": {m: ("all" if c is None else sorted(c)) for m, c in sorted(restricted.items())},
        "materials": _materials_lost(FG, avail, labels),
        "end_uses": end_uses,
    }


def _unreviewed_pairs(FG) -> set[int]:
    """The edges whose fact nobody has accepted yet, as ``tail * n + head``: a path's count of them is a set look-up
    per step (finding each step's edge in NumPy was about 0.3 s for the 16k end uses of a million flow edges)."""
    import numpy as np

    found = np.flatnonzero(FG.unreviewed)
    return set((FG.tails[found] * FG.n + FG.heads[found]).tolist())


def _materials_lost(FG, avail: list[float], labels: list) -> dict[str, float]:
    """Material id -> share lost, for the materials that lose any, by id: picked and ordered in NumPy (the order of
    ids made once per flow graph) rather than by sorting (id, value) pairs of every node in Python."""
    import numpy as np

    material = np.fromiter(map(eq, labels, repeat("Material")), dtype=bool, count=FG.n)
    lost = np.flatnonzero((np.asarray(avail, dtype=np.float64) < 1.0) & material)
    nodes = FG.nodes
    return {nodes[i]: round(1.0 - avail[i], 6) for i in lost[np.argsort(id_ranks(FG)[lost])].tolist()}


def _run(rules: Rules, effects: _Effects, components: Callable[[], list[list[int]]]) -> tuple[list[float], Callable[[str], list[str]]]:
    """Availability by node number and the cause of each node's loss; with element restrictions, materials without them see only the rest.

    A restriction on an element removes the supply of materials that contain
    it, never of materials that do not: cerium oxide separated from a
    mixed concentrate that also carries Dy keeps its supply when Dy is
    restricted. Such materials take their values from a first pass without
    the element restrictions.
    """
    generations = topological_generations(rules.FG)  # None when the flow has cycles
    if generations is not None and not effects.elements:
        base = None
        avail, cause, _, _ = fast_propagate(rules, rules.FG, effects, generations)
    else:
        base = rules.propagate(effects.without_elements(), components()) if effects.elements else None
        avail, cause, _, _ = rules.propagate(effects, components(), base)
    nodes = rules.nodes

    def trace(node: str) -> list[str]:
        """The path that carries the loss; from a material that took the first pass's values on, that pass's causes."""
        last = rules.index[node]
        path, seen, causes = [last], {last}, cause
        while causes[last] is not None and causes[last] not in seen:
            if base is not None and last in base[3]:
                causes = base[1]
            last = causes[last]
            path.append(last)
            seen.add(last)
            if last is None:
                break
        return [nodes[p] if p is not None else None for p in path[::-1]]

    return avail, trace


def _numbered(order: tuple, index: dict[str, int]) -> Callable[[], list[list[int]]]:
    """The components of :func:`.centrality.condensed_order` as node numbers, made when a pass node by node needs them."""
    made: list = []

    def components() -> list[list[int]]:
        if not made:
            made.append([[index[n] for n in c] for c in order[0]])
        return made[0]

    return components

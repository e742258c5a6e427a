"""The chokepoint report: one ranked list that combines every measure, with reasons and sources.

:func:`chokepoint_report` is the library call behind ``supplygraph
chokepoints``. It projects the knowledge graph onto the supply flow
(:mod:`.flow`), then measures concentration (:mod:`.concentration`), single
points of failure (:mod:`.spof`), flow centrality (:mod:`.centrality`) and,
when asked, disruption scenarios (:mod:`.scenarios`), and ranks the nodes.

The score (0-100) of a node is

    100 x (0.45 x cut + 0.35 x concentration + 0.20 x flow)

* ``cut``: the share of end uses that losing the node would cut off, each
  counted 1 when the node dominates the end use and 1/k when it is one of a
  minimum cut of k nodes;
* ``concentration``: for a material, its HHI / 10,000 (countries basis, else
  organisations); for a producer, the largest share it holds of any material;
* ``flow``: its share of source-to-end-use supply paths, relative to the
  busiest node.

The weights put structure first (a node every path crosses is a chokepoint
whatever the market looks like), market concentration second, and
through-flow third, as a tie-breaker among many similar nodes.
"""

from __future__ import annotations

import datetime
import heapq
import time
from collections import defaultdict
from collections.abc import Iterable
from itertools import compress, repeat
from operator import eq, itemgetter, ne
from typing import Any

import networkx as nx

from supplygraph.errors import NotFound, did_you_mean
from supplygraph.perf import paused_gc
from supplygraph.schema.plain import STAGES

from .centrality import condensed_order, flow_betweenness, supply_path_centrality
from .concentration import concentration, mark_newer_figure, mark_no_share, mark_path_share, preferred_concentration
from .dependencies import DETAIL_LIMIT, end_use_dependencies, who_controls
from .flow import EQUAL, STATED, WEIGHT_QUALITY, figure_year, sources_and_sinks, supply_flow_graph
from .flowgraph import BASES, TYPES, FlowGraph, flow_graph
from .integers import in_edges, out_edges
from .reasons import reason
from .scenarios import ScenarioError, check_targets, parse_scenario, scenario_impact
from .timeline import DEFAULT_STALE_MONTHS, as_of_date, newest_source, unconfirmed_since
from .spof import minimum_supply_cut, supply_dominators, undirected_cut_structure

WEIGHTS = {"cut": 0.45, "concentration": 0.35, "flow": 0.20}
"""How the three measures combine into a score (see the module docstring)."""

CUT_LIMIT = 25
"""At most this many max-flow minimum-cut computations per report (end uses without a dominator)."""

BETWEENNESS_EXACT_EDGES = 300_000
"""Exact betweenness (rustworkx, O(V E)) up to this many flow edges; above it sampled with a fixed seed
(:func:`.centrality.sampled_betweenness`) and flagged approximate. The ranking uses exact path-count
centrality at every size; betweenness is shown for reference."""

BETWEENNESS_SAMPLE = 4096
"""Path ends sampled above :data:`BETWEENNESS_EXACT_EDGES`: about 1.2 s of CPU at a million flow edges (see
:func:`.centrality.flow_betweenness`)."""


def chokepoint_report(
    G: nx.MultiDiGraph,
    *,
    top: int = 15,
    end_use: str | None = None,
    stage: str | None = None,
    scenarios: list[str] | tuple[str, ...] = (),
    edition: str | None = None,
    year: int | None = None,
    as_of: str | datetime.date | None = None,
    stale_after: int = DEFAULT_STALE_MONTHS,
    betweenness: bool = True,
    timings: dict[str, float] | None = None,
    facts: Iterable[tuple] | None = None,
    keep: list | None = None,
) -> dict[str, Any]:
    """Find the chokepoints of a supply chain: concentration, single points of failure, flow, scenarios.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The knowledge graph (:meth:`Store.to_networkx`).
    top : int
        Length of the ranked list.
    end_use : str, optional
        Only the supply chain of this end use (its upstream).
    stage : str, optional
        Only materials of this stage (mining, separation, metal, alloy,
        magnet, component) in the ranking and the concentration table.
    scenarios : list of str
        Disruption scenarios applied together, e.g. ``["remove country:CN"]``.
    edition, year : optional
        Vintage of production figures (default: the newest per material not after ``as_of``).
    as_of : str or date, optional
        The date the graph is evaluated at (default: today): operating
        capacity, policies in force, vintages (:mod:`.timeline`).
    stale_after : int
        Months after which a source no longer confirms a policy or a figure.
    timings : dict, optional
        Filled with the seconds each step took (for benchmarks; the report
        itself stays free of timings so that it is reproducible).
    facts : iterable, optional
        The flow facts, when ``G`` holds the nodes and the context only
        (:func:`.flow.supply_flow`'s ``facts``; :meth:`Store.analysis_graph`).
    betweenness : bool
        Also compute shortest-path betweenness (exact up to
        :data:`BETWEENNESS_EXACT_EDGES` flow edges, above that sampled with a
        fixed seed and flagged approximate).
    keep : list, optional
        The flow graphs the report was computed on are appended to it, for a
        caller that will end its process without freeing them (the CLI:
        freeing a million edge dicts one by one when the report returns took
        about 0.5 s of CPU at a million flow edges).

    Returns
    -------
    dict
        The JSON shape documented in docs/method.md:
        ``chokepoints``, ``concentration``, ``end_uses``, ``structure``,
        ``centrality``, ``scenario`` (when scenarios are given), ``graph``
        and ``notes``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:CN", label="Country", name="China", iso2="CN")
    >>> G.add_node("material:ore", label="Material", name="ore", stage="mining")
    >>> G.add_node("enduse:motor", label="EndUse", name="motor")
    >>> _ = G.add_edge("country:CN", "material:ore", type="PRODUCES", share=1.0, year=2025, edition="T", sources=["doc:a"])
    >>> _ = G.add_edge("material:ore", "enduse:motor", type="USED_IN", sources=["doc:a"])
    >>> [row["id"] for row in chokepoint_report(G)["chokepoints"]]
    ['country:CN', 'material:ore']

    Notes
    -----
    The cyclic garbage collector is paused while the report runs
    (:func:`supplygraph.perf.paused_gc`): at 100k edges it doubled the time
    of the projection (0.9 s against 0.4 s). Linear in the size of the flow graph for the projection, concentration,
    dominators, articulation points, bridges, path-count centrality and
    scenarios; plus at most :data:`CUT_LIMIT` max-flow computations and
    sampled betweenness, O(k E).
    """
    with paused_gc():  # millions of small long-lived dicts: the collector's passes doubled the projection's time
        return _report(G, top=top, end_use=end_use, stage=stage, scenarios=scenarios, edition=edition, year=year,
                       as_of=as_of_date(as_of), stale_after=stale_after, betweenness=betweenness, timings=timings, facts=facts,
                       keep=keep if keep is not None else [])  # fmt: skip


def _check_vintage(FG: FlowGraph, edition: str | None, year: int | None) -> None:
    """Raise :class:`NotFound` naming the editions or years there are when no production figure has the one asked for."""
    import numpy as np

    produces = [FG.edge_attrs(e) for e in np.flatnonzero(FG.types == TYPES.index("PRODUCES")).tolist()]
    for name, wanted, have in (("edition", edition, {d.get("edition") for d in produces}),
                               ("year", year, {figure_year(d) for d in produces})):  # fmt: skip
        have.discard(None)
        if wanted is not None and wanted not in have:
            listed = ", ".join(map(str, sorted(have))) or "none"
            raise NotFound(f"no production figures of {name} {wanted!r} in the graph ({name}s there: {listed})")


def _report(G, *, top, end_use, stage, scenarios, edition, year, as_of, stale_after, betweenness, timings, facts, keep) -> dict[str, Any]:
    if stage is not None and stage not in STAGES:
        raise NotFound(f"no stage {stage!r}: expected one of {', '.join(STAGES)}")
    parsed = [parse_scenario(s) for s in scenarios]
    check_targets(G, parsed)
    clock = _Clock(timings)
    # The analyses read the projection's arrays (a FlowGraph; no DiGraph: 1.2-1.4 s at a million flow edges); country parts for `remove`
    F = clock("projection", supply_flow_graph, G, edition=edition, year=year, as_of=as_of, stale_after=stale_after, facts=facts, country_parts=any(p.action == "remove" for p in parsed))  # fmt: skip
    keep.append(F)
    if not F.m:
        raise NotFound("the graph holds no supply flow (PRODUCES, INPUT_TO, USED_IN or SUPPLIES facts); load data first")
    if edition is not None or year is not None:
        _check_vintage(F, edition, year)
    notes = []
    upstream = None
    if end_use is not None:
        if end_use not in F or F.node(end_use).get("label") != "EndUse":
            if end_use in G:
                raise NotFound(f"no end use {end_use!r} in the supply flow ({end_use} is a {G.nodes[end_use].get('label')} or has no supply)")
            uses = ((n, d.get("name"), d.get("aliases") or ()) for n, d in G.nodes(data=True) if d.get("label") == "EndUse")
            raise NotFound(f"no end use {end_use!r} in the supply flow{did_you_mean(end_use, uses)}")
        # NetworkX's subgraph copy, whose node order the report has always followed; the upstream is a small graph
        whole = F.to_networkx()
        upstream = whole.subgraph(nx.ancestors(whole, end_use) | {end_use}).copy()
        whole.clear()
        F = flow_graph(upstream)
        keep.append(F)
        notes.append(f"limited to the supply chain of {F.node(end_use)['name']} ({end_use})")
    sources, sinks = sources_and_sinks(F)
    conc = clock("concentration", concentration, F)
    confirmed: dict[tuple, str | None] = {}  # rows share their lists of sources: each list dated once
    for row in conc:  # before the ranking, whose reasons say it
        key = tuple(row["sources"])
        if key not in confirmed:
            confirmed[key] = unconfirmed_since(newest_source(G, row["sources"]), as_of, stale_after)
        row["unconfirmed_since"] = confirmed[key]
    mark_no_share(F, conc)  # a figure of 100 % beside a producer elsewhere: the report says they disagree
    mark_newer_figure(conc, F.graph.get("categories", {}))  # an inherited figure older than a broader category's
    dominators = clock("dominators", supply_dominators, F, sinks, sources=sources)
    order = clock("path centrality", condensed_order, F)  # topological order, shared with the scenarios
    paths = clock("path centrality", supply_path_centrality, F, sources=sources, sinks=sinks, order=order)
    mark_path_share(conc, paths["values"], F.graph.get("categories", {}))  # how much supply a figure weighs on
    needing_flow = sorted((t for t in sinks if not dominators.get(t)), key=lambda t: (paths["values"][t], t))  # fewest paths: most fragile, first
    cut_targets = [t for t in sinks if dominators.get(t)] + needing_flow[:CUT_LIMIT]
    if len(needing_flow) > CUT_LIMIT:
        notes.append(f"minimum cuts computed for the {CUT_LIMIT} end uses with the fewest supply paths among the {len(needing_flow)} without a dominator")
    cuts = clock("minimum cuts", minimum_supply_cut, F, cut_targets, sources=sources, dominators=dominators)
    structure = clock("articulation points and bridges", undirected_cut_structure, F)
    if paths["condensed"]:
        notes.append("the supply flow has cycles: strongly connected components were condensed for path counting and scenarios")
    centrality: dict[str, Any] = {"measure": "share of source-to-end-use supply paths through the node", "exact": True,
                                  "condensed": paths["condensed"], "supply_paths": paths["paths"]}  # fmt: skip
    if betweenness:
        centrality["betweenness"] = clock("betweenness", _betweenness, F, notes)
    preferred = preferred_concentration(conc)  # one row per material, for the ranking and the end-use details
    ranked = clock("ranking", rank_chokepoints, F, conc, dominators, cuts, paths["values"], structure, stage=stage, top=top,
                   preferred=preferred)
    report: dict[str, Any] = {
        "graph": {
            "nodes": F.n,
            "edges": F.m,
            "sources": len(sources),
            "end_uses": len(sinks),
            "end_use": end_use,
            "stage": stage,
            "unreviewed_facts": int(F.unreviewed.sum()),
        },
        "chokepoints": ranked,
        "concentration": [r for r in conc if stage is None or r["stage"] == stage],
        "end_uses": clock("end-use details", end_use_dependencies, F, dominators, cuts, conc, limit=(detail := max(DETAIL_LIMIT, top or 0)),
                          preferred=preferred),
        "structure": {
            "undirected": True,
            "note": "articulation points and bridges of the undirected projection (direction of flow ignored)",
            "articulation_points": [n for n in structure["articulation_points"] if F.node_column("label")[F.index[n]] == "Material"],
            "bridges": [list(b) for b in structure["bridges"] if _touches_flow(F, b)],
        },
        "centrality": centrality,
        "notes": notes,
    }
    report.update(as_of=as_of, stale_after_months=stale_after, **time_and_assumptions(F))
    if len(sinks) > detail:  # (--top 32 describes 32: session 17, where the text said so of 30)
        notes.append(f"end uses described in detail: {detail} of {len(sinks)} (--top N describes N)")
    if parsed:
        report["scenario"] = clock("scenario", scenario_impact, F, parsed, order=order)
    if upstream is not None:
        # A NetworkX graph is a reference cycle (its cached views point back at it), so it would wait for the paused
        # collector, whose first pass would then traverse its objects (1.8 s for the whole flow at 1M edges).
        upstream.clear()
    return report


def time_and_assumptions(F: nx.DiGraph | FlowGraph) -> dict[str, Any]:
    """What the report says about time and about what it assumed: pipeline, policies on the as-of date, assumptions."""
    policies = [dict(p, id=i) for i, p in sorted(F.graph["policies"].items()) if p["targets"]]
    assumptions = list(F.graph.get("assumptions", ()))
    assumptions.append({"kind": "share_at_risk", "count": None, "text": (
        "a share at risk is the part of supply lost at the tightest stage before stocks, substitution, recycling and "
        "rerouted trade; a licensing requirement delays supply by its lead time and is not counted as lost")})  # fmt: skip
    return {"pipeline": F.graph.get("pipeline", []), "policies": policies, "assumptions": assumptions}


class _Clock:
    """Runs a step and, when asked, records how long it took."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    def __call__(self, name: str, step, *args, **kwargs):
        started = time.perf_counter()
        result = step(*args, **kwargs)
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
        return result


def _touches_flow(FG: FlowGraph, bridge: tuple[str, str]) -> bool:
    """A bridge between two materials, or a material and an end use (a producer's only link is no news)."""
    labels, index = FG.node_column("label"), FG.index
    return labels[index[bridge[0]]] in _FLOW_LABELS and labels[index[bridge[1]]] in _FLOW_LABELS


_FLOW_LABELS = frozenset({"Material", "EndUse"})


def _betweenness(F: FlowGraph, notes: list[str]) -> dict[str, Any]:
    result = flow_betweenness(F, exact_limit=BETWEENNESS_EXACT_EDGES, k=BETWEENNESS_SAMPLE)
    values = result["values"]
    least = min(heapq.nlargest(10, values.values()), default=0.0)  # the ten best have at least the tenth largest value
    best = heapq.nsmallest(10, ((n, v) for n, v in values.items() if v >= least), key=lambda kv: (-kv[1], str(kv[0])))
    summary = {"exact": result["exact"], "k": result["k"], "seed": result["seed"]}
    if not result["exact"]:
        summary.update(ends=result["ends"], relative_error=round(result["relative_error"], 4))
        notes.append(f"betweenness is approximate: sampled from {result['k']:,} {result['ends']} with seed {result['seed']} "
                     f"(median relative standard error of the top 50: {result['relative_error']:.0%})")  # fmt: skip
    summary["top"] = [{"id": n, "name": F.node(n).get("name", n), "value": round(v, 6)} for n, v in best]
    return summary


def rank_chokepoints(
    F: nx.DiGraph,
    conc: list[dict[str, Any]],
    dominators: dict[str, list[str]],
    cuts: dict[str, list[str]],
    path_share: dict[str, float],
    structure: dict[str, Any],
    *,
    stage: str | None = None,
    top: int | None = None,
    preferred: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Combine the measures into one ranked list, each row with its reason in words and its sources.

    Every node is scored; reasons, sources and controllers are worked out
    for the ``top`` rows only (all when None). ``preferred``:
    :func:`.concentration.preferred_concentration` of ``conc`` when the
    caller has it.

    Returns
    -------
    list of dict
        Rows with ``rank``, ``id``, ``name``, ``label``, ``stage``, ``score``
        (0-100), ``reason``, ``sources`` and the parts of the score
        (``dominates``, ``in_min_cut``, ``hhi``, ``top_share``, ``path_share``,
        ``controlled_by``). Nodes that score 0 are left out.

    Examples
    --------
    >>> F = nx.DiGraph([("mine", "magnet"), ("magnet", "missile")])
    >>> F.nodes["missile"].update(label="EndUse", name="guided missiles")
    >>> F.nodes["magnet"].update(label="Material", name="SmCo magnet", vintages={})
    >>> F.nodes["mine"].update(label="Country", name="China")
    >>> rows = rank_chokepoints(F, [], {"missile": ["magnet", "mine"]}, {"missile": ["magnet"]}, {"mine": 1.0, "magnet": 1.0, "missile": 1.0}, {"articulation_points": []})
    >>> rows[0]["reason"]
    'all supply paths to guided missiles pass through SmCo magnet; on 100% of supply paths'

    Notes
    -----
    O(V + size of the dominator chains and cuts).
    """
    F = flow_graph(F)  # a DiGraph's arrays, made once (or the FlowGraph the report gives)
    labels = F.node_column("label")
    n_end = max(1, labels.count("EndUse"))
    dominated = defaultdict(list)
    for end_use, chain in dominators.items():
        for node in chain:
            dominated[node].append(end_use)
    in_cut = defaultdict(list)
    for end_use, cut in cuts.items():
        if len(cut) > 1:
            for node in cut:
                in_cut[node].append((end_use, len(cut)))
    by_material = preferred if preferred is not None else preferred_concentration(conc)
    largest_share = _largest_producer_shares(F)
    articulation = set(structure.get("articulation_points", ()))
    # the cut term of the few nodes on a dominator chain or in a cut; every other node's is 0
    cut_terms = {node: (len(dominated.get(node, ())) + sum(1.0 / k for _, k in in_cut.get(node, ()))) / n_end
                 for node in dominated.keys() | in_cut.keys()}  # fmt: skip
    scores = _scores(F, labels, by_material, largest_share, cut_terms, path_share)
    kept = list(compress(range(len(labels)), map(ne, labels, repeat("EndUse"))))
    if stage is not None:
        stages = F.node_column("stage")
        kept = [i for i in kept if stages[i] == stage]
    nodes = F.nodes
    if top is not None and len(kept) > top:  # only the nodes near the top: round() is monotonic (see _near_the_top)
        kept = _near_the_top(scores, kept, top)
    scored = ((-score, str(node), node) for score, node in zip(map(round, scores[kept].tolist(), repeat(1)), map(nodes.__getitem__, kept))
              if score > 0)  # fmt: skip
    scored = sorted(scored) if top is None else heapq.nsmallest(top, scored)  # nsmallest: sorted()[:top] without sorting all
    rows = []
    for negative, _, node in scored:
        data = F.node(node)
        market = by_material.get(node)
        rows.append(
            {
                "id": node,
                "name": data.get("name", node),
                "label": data.get("label"),
                "stage": data.get("stage"),
                "score": -negative,
                "reason": reason(F, node, dominated[node], in_cut[node], market, largest_share.get(node), path_share.get(node, 0.0), node in articulation,
                                  by_material.get(largest_share[node][1]) if node in largest_share else None),
                "sources": _sources(F, node, market),
                "unreviewed": _unreviewed(F, node),
                "dominates": sorted(dominated[node]),
                "in_min_cut": sorted(e for e, _ in in_cut[node]),
                "hhi": market["hhi"] if market else None,
                "top_share": market["top_share"] if market else None,
                "top_name": market["top_name"] if market else None,
                "population": market.get("population") if market else None,
                "inherited_from": market.get("inherited_from") if market else None,
                "no_share_for": market.get("no_share_for") if market else None,
                "path_share": round(path_share.get(node, 0.0), 6),
                "controlled_by": who_controls(F, node),
            }
        )
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows


def _near_the_top(scores, kept: list[int], top: int) -> list[int]:
    """The nodes of ``kept`` that can be among the ``top`` best by rounded score (to 0.1): those within 0.2 of the
    ``top``-th largest score. Rounding never reorders (a larger score never rounds lower), so a node whose rounded
    score is below that of the ``top``-th is behind at least ``top`` others; the ranking's own sort then runs on a few
    nodes instead of a Python step per node (189k at a million flow edges)."""
    import numpy as np

    kept_ = np.asarray(kept, dtype=np.int64)
    values = scores[kept_]
    threshold = np.partition(np.nan_to_num(values, nan=-np.inf), len(kept_) - top)[len(kept_) - top]
    return kept_[values >= threshold - 0.2].tolist()


def _scores(FG: FlowGraph, labels: list, by_material: dict, largest_share: dict, cut_terms: dict, path_share: dict):
    """Every node's score before rounding, as an array in node order: the weighted sum of the three measures in
    NumPy, the same operations in the same order as in Python floats (so the same values, bit for bit), instead of
    a Python step per node (189k nodes at a million flow edges).

    A material's concentration term is its preferred row's HHI / 10,000, a producer's its largest stated share of
    a material; the flow term is the node's path share relative to the busiest node that is not an end use.
    """
    import numpy as np

    index, n = FG.index, FG.n
    cut = np.zeros(n)
    for node, term in cut_terms.items():
        if node in index:
            cut[index[node]] = term
    market = np.zeros(n)
    material = np.fromiter(map(eq, labels, repeat("Material")), dtype=bool, count=n)
    # the materials' HHI / 10,000 and the producers' largest stated shares, placed by node number (at most one value each)
    at, hhi = _placed(index, by_material, "hhi")
    chosen = at >= 0
    chosen[chosen] = material[at[chosen]]
    market[at[chosen]] = hhi[chosen] / 10_000
    at, held = _placed(index, largest_share, 0)
    chosen = (at >= 0) & np.fromiter(map(eq, map(itemgetter(3), largest_share.values()), repeat(STATED)), dtype=bool, count=len(at))
    chosen[chosen] = ~material[at[chosen]]
    market[at[chosen]] = held[chosen]
    share = np.fromiter(map(path_share.get, FG.nodes, repeat(np.nan)), dtype=np.float64, count=n)
    given = ~np.isnan(share)
    share[~given] = 0.0
    ends = np.fromiter(map(eq, labels, repeat("EndUse")), dtype=bool, count=n)
    busiest = float(share[given & ~ends].max(initial=0.0))  # path shares are >= 0; one held by no node of FG counts too
    if int(given.sum()) < len(path_share):
        busiest = max(busiest, max((v for node, v in path_share.items() if node not in index), default=0.0))
    busiest = busiest or 1.0
    return 100 * (WEIGHTS["cut"] * cut + WEIGHTS["concentration"] * market + WEIGHTS["flow"] * (share / busiest))


def _placed(index: dict, values: dict, field) -> tuple:
    """For a dict keyed by node id: each key's node number (-1 where not a node) and each value's ``field`` as float64."""
    import numpy as np

    at = np.fromiter(map(index.get, values, repeat(-1)), dtype=np.int64, count=len(values))
    return at, np.fromiter(map(itemgetter(field), values.values()), dtype=np.float64, count=len(values))


def _largest_producer_shares(F: nx.DiGraph | FlowGraph) -> dict[str, tuple[float, str, int, str]]:
    """Producer -> (largest measured share it holds of a material, the material, the edge's number, how the share was
    measured).

    On the flow graph's columns (:mod:`.flowgraph`): the listed ``PRODUCES`` edges of a basis measured for their
    material, the best (quality, weight) per producer, the first in out-edge order among equals (as a scan keeping
    the first strictly larger key would), one sort instead of a Python step per edge (1.5 s to about 0.2 s at a
    million flow edges); the shares from the weight column, the edges' dicts left alone (60k scattered reads).
    """
    import numpy as np

    FG = flow_graph(F)
    quality = np.full((FG.n, len(BASES)), -1, dtype=np.int8)  # material x basis -> how well its shares were measured
    how_of: dict[tuple[int, int], str] = {}
    for i, vintages in zip(compress(range(FG.n), FG.node_column("vintages")), filter(None, FG.node_column("vintages"))):
        for basis, vintage in vintages.items():
            how = vintage.get("weights", EQUAL)
            if how != EQUAL and basis in BASES:
                how_of[i, BASES.index(basis)] = how
    if how_of:
        quality[tuple(np.array(list(how_of), dtype=np.int64).T)] = list(map(WEIGHT_QUALITY.__getitem__, how_of.values()))
    basis = FG.basis
    chosen = np.flatnonzero(FG.listed & (FG.types == TYPES.index("PRODUCES")) & (basis >= 0))
    rank = quality[FG.heads[chosen], basis[chosen]]
    chosen, rank = chosen[rank >= 0], rank[rank >= 0]
    tails = FG.tails[chosen]
    order = np.lexsort((chosen, -FG.weight[chosen], -rank, tails))  # by producer; best first; then edge order
    first = order[np.concatenate(([True], tails[order][1:] != tails[order][:-1]))] if len(order) else order
    edges, nodes = chosen[first], FG.nodes
    heads = FG.heads[edges].tolist()
    return dict(zip(map(nodes.__getitem__, tails[first].tolist()),
                    zip(FG.weight[edges].tolist(), map(nodes.__getitem__, heads), edges.tolist(),
                        map(how_of.__getitem__, zip(heads, basis[edges].tolist())))))  # fmt: skip


def _sources(F: FlowGraph, node: str, market: dict | None) -> list[str]:
    """Documents behind the numbers: the production figures used, and the links that make the node a chokepoint."""
    found = set(market["sources"]) if market else set()
    i = F.index[node]
    for e in out_edges(F, i):
        found.update(F.edge_attrs(e).get("sources", ()))
    if F.node(node).get("label") != "Material":
        return sorted(found)
    for e in in_edges(F, i):
        edge = F.edge_attrs(e)
        if edge.get("type") != "PRODUCES" or not market:
            found.update(edge.get("sources", ()))
    return sorted(found)


def _unreviewed(F: FlowGraph, node: str) -> int:
    """How many facts behind the finding were extracted from text and not yet accepted (``supplygraph review``): of
    the flow edges it rests on, what it supplies and, for a material, what feeds it (producers and inputs)."""
    i = F.index[node]
    behind = F.unreviewed[F.out_ptr[i]:F.out_ptr[i + 1]].sum()
    if F.node(node).get("label") == "Material":
        behind += F.unreviewed[in_edges(F, i)].sum()
    return int(behind)


def chokepoint_scores(G: nx.MultiDiGraph, *, as_of: str | datetime.date | None = None) -> tuple[dict[str, dict[str, Any]], str | None]:
    """``chokepoint_score`` and ``chokepoint_rank`` per node id from the chokepoint analysis, and a note.

    Every node the analysis scores above 0 gets its score (0-100) and rank.
    When the analysis cannot run on this graph (no supply flow), the scores
    are empty and the note says why, so the push of the graph itself still
    goes ahead (``supplygraph neo4j push`` writes them as node properties).
    """
    try:
        report = chokepoint_report(G, top=None, betweenness=False, as_of=as_of)
    except Exception as exc:  # noqa: BLE001 - the push must not fail because an optional analysis did
        return {}, f"chokepoint scores not written: {exc}"
    out: dict[str, dict[str, Any]] = {}
    for position, row in enumerate(report.get("chokepoints", []), start=1):
        if row.get("id") and row.get("score") is not None and row["id"] not in out:
            out[row["id"]] = {"chokepoint_score": float(row["score"]), "chokepoint_rank": int(row.get("rank") or position)}
    return out, None


__all__ = ["ScenarioError", "chokepoint_report", "chokepoint_scores", "rank_chokepoints"]

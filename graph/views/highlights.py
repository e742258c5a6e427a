"""What the chokepoint analysis adds to a network view: node scores, outlined chokepoints, scenario cuts.

The view only draws; the numbers come from the chokepoint report
(:func:`supplygraph.graph.analyses.chokepoints.chokepoint_report`), the same that
``supplygraph chokepoints`` prints, so a page and the report agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from supplygraph.graph.analyses.chokepoints import chokepoint_report

CUT_TYPES = frozenset({"PRODUCES", "SUPPLIES", "INPUT_TO", "USED_IN"})
"""Facts a scenario can cut: the supply flow."""


@dataclass
class Highlights:
    """Marks on a view.

    Attributes
    ----------
    scores : chokepoint score per node id; node size follows it.
    chokepoints : nodes to outline as chokepoints.
    cut_nodes, cut_edges : what a scenario removes or restricts (node ids, edge keys).
    score_name : what the score measures, for the caption.
    reasons : why a node is a chokepoint, in words, for its tooltip.
    at_risk : share of supply a node loses under the scenario (0..1).
    scenario : words describing the scenario, for the caption.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    chokepoints: set[str] = field(default_factory=set)
    cut_nodes: set[str] = field(default_factory=set)
    cut_edges: set[str] = field(default_factory=set)
    score_name: str = "chokepoint score"
    reasons: Mapping[str, str] = field(default_factory=dict)
    at_risk: Mapping[str, float] = field(default_factory=dict)
    scenario: str | None = None


def view_highlights(
    G: nx.MultiDiGraph,
    *,
    end_use: str | None = None,
    chokepoints: bool = False,
    top: int = 10,
    scenarios: Iterable[str] = (),
    as_of: str | None = None,
    stale_after: int = 12,
) -> Highlights:
    """Chokepoint scores and scenario cuts from the chokepoint report, as marks for a view of ``G``.

    Parameters
    ----------
    G : the whole knowledge graph (scores are properties of the whole supply flow).
    end_use : score within this end use's supply chain, as ``supplygraph
        chokepoints --end-use`` does (ignored unless it is an ``EndUse``).
    chokepoints : size nodes by score and outline the ``top`` chokepoints.
    scenarios : disruption scenarios applied together (the report's syntax).
    as_of, stale_after : the date the graph is evaluated at (default today), as for the report.

    Returns
    -------
    Highlights

    Notes
    -----
    One run of :func:`~supplygraph.graph.analyses.chokepoints.chokepoint_report`
    (betweenness left out: the report's ranking does not use it).
    """

    scenarios = list(scenarios)
    if end_use is not None and G.nodes.get(end_use, {}).get("label") != "EndUse":
        end_use = None
    report = chokepoint_report(G, top=max(1, G.number_of_nodes()), end_use=end_use, scenarios=scenarios,
                               betweenness=False, as_of=as_of, stale_after=stale_after)  # fmt: skip
    marks = Highlights()
    if chokepoints:
        rows = report["chokepoints"]
        marks.scores = {row["id"]: float(row["score"]) for row in rows}
        marks.chokepoints = {row["id"] for row in rows[:top]}
        marks.reasons = {row["id"]: row["reason"] for row in rows if row.get("reason")}
        where = f"the supply chain of {G.nodes[end_use].get('name', end_use)}" if end_use else "the whole supply flow"
        marks.score_name = f"chokepoint score (0-100, in {where}, as supplygraph chokepoints ranks them)"
    if scenarios:
        impact = report["scenario"]
        removed = set(impact["removed"])
        marks.cut_nodes = removed | set(impact["restricted"])
        marks.at_risk = {node: share for node, share in impact["materials"].items() if share > 0}
        marks.at_risk |= {row["id"]: row["share_at_risk"] for row in impact["end_uses"] if row["share_at_risk"] > 0}
        cut_pairs = {(a, b) for row in impact["end_uses"] for a, b in zip(row["path"], row["path"][1:])}
        for u, v, key, kind in G.edges(keys=True, data="type"):
            if kind in CUT_TYPES and (u in removed or (u, v) in cut_pairs or (v, u) in cut_pairs):
                marks.cut_edges.add(key)
        marks.scenario = "; ".join(impact["scenarios"])
    return marks

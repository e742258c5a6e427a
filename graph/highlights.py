"""What the chokepoint analysis adds to a network view: node scores, outlined chokepoints, scenario cuts.

The view only draws; the numbers come from the chokepoint analysis
(:mod:`supplygraph.graph.centrality`, :mod:`supplygraph.graph.scenarios`).
Where that analysis is not installed the options fail with a clear error
rather than draw invented scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from supplygraph.errors import SupplygraphError


@dataclass
class Highlights:
    """Marks on a view.

    Attributes
    ----------
    scores : chokepoint score per node id; node size follows it.
    chokepoints : nodes to outline as chokepoints.
    cut_nodes, cut_edges : what a scenario removes or restricts (node ids, edge keys).
    score_name : what the score measures, for the caption.
    scenario : words describing the scenario, for the caption.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    chokepoints: set[str] = field(default_factory=set)
    cut_nodes: set[str] = field(default_factory=set)
    cut_edges: set[str] = field(default_factory=set)
    score_name: str = "chokepoint score"
    scenario: str | None = None


def view_highlights(G: nx.MultiDiGraph, *, chokepoints: bool = False, scenarios: Iterable[str] = ()) -> Highlights:
    """Scores and chokepoints (when ``chokepoints``) and scenario cuts for a view of ``G``."""
    try:
        from supplygraph.graph import centrality, flow, scenarios as scenario_analysis  # noqa: F401
    except ImportError as exc:
        raise SupplygraphError(
            "--chokepoints and --scenario need the chokepoint analysis (supplygraph.graph.centrality, "
            "supplygraph.graph.scenarios), which this version of supplygraph does not have"
        ) from exc
    raise NotImplementedError

"""The chokepoint report's analyses on the FlowGraph alone (issue 13, item 2): each piece that read the projection's
NetworkX ``DiGraph`` and now reads the arrays gives what NetworkX gives on generated flows (cycles included), and
the report is made without a ``DiGraph``."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from networkx.algorithms.flow import edmonds_karp

from supplygraph.graph.analyses import chokepoints
from supplygraph.graph.analyses.centrality import condensed_order
from supplygraph.graph.analyses.flow import sources_and_sinks, supply_flow_graph
from supplygraph.graph.analyses.flowgraph import FlowGraph
from supplygraph.graph.analyses.integers import in_edges, out_edges, upstream_of
from supplygraph.graph.analyses.spof import minimum_supply_cut

from .benchmarks.gen_supply_network import supply_network


def _random_flow(seed: int) -> FlowGraph:
    """A random flow in five tiers whose end uses are fed through a narrow tier: sources, a wide tier, 2 to 4
    bottleneck nodes, a wide tier fed mostly by them, end uses with 3 to 6 inputs each; a few edges back from the
    fourth tier to the second make cycles. Its cuts lie upstream of the end uses' own inputs, often mixed."""
    rng = random.Random(seed)
    tiers = [[f"t{t}-{k:02d}" for k in range(size)] for t, size in enumerate((10, 15, rng.randint(2, 4), 14, 12))]
    F = nx.DiGraph()
    F.add_nodes_from(node for tier in tiers for node in tier)
    F.add_nodes_from(tiers[4], label="EndUse")
    for t, (least, most, wide) in enumerate(((1, 2, False), (1, 3, False), (1, 2, True), (3, 6, False)), start=1):
        for node in tiers[t]:
            for _ in range(rng.randint(least, most)):
                F.add_edge(rng.choice(tiers[t - 2] if wide and rng.random() < 0.15 else tiers[t - 1]), node)
    for _ in range(rng.randint(1, 3)):
        F.add_edge(rng.choice(tiers[3]), rng.choice(tiers[1]))
    return FlowGraph.from_networkx(F)


@pytest.fixture(scope="module", params=[("network", 0.0, 1), ("network", 0.2, 2), ("random", 0, 4), ("random", 0, 5)],
                ids=["acyclic", "cycles", "random", "random-2"])  # fmt: skip
def flows(request):
    """A generated network's projection (or a random flow) as a FlowGraph, and the same flow as a DiGraph."""
    kind, recycle, seed = request.param
    if kind == "random":
        FG = _random_flow(seed)
    else:
        FG = supply_flow_graph(supply_network(2500, recycle=recycle, seed=seed), as_of="2026-01-01")
    return FG, FG.to_networkx()


def test_adjacency_in_networkx_order(flows):
    FG, F = flows
    for i, node in enumerate(FG.nodes):
        assert [(FG.nodes[FG.tails[e]], FG.edge_attrs(e)) for e in in_edges(FG, i)] == list(F.pred[node].items())
        assert [(FG.nodes[FG.heads[e]], FG.edge_attrs(e)) for e in out_edges(FG, i)] == list(F.succ[node].items())


def test_upstream_is_networkx_ancestors(flows):
    FG, F = flows
    rng = random.Random(0)
    for node in rng.sample(FG.nodes, min(60, FG.n)) + sources_and_sinks(F)[1]:
        assert [FG.nodes[i] for i in upstream_of(FG, FG.index[node]).tolist()] == sorted(nx.ancestors(F, node), key=FG.index.get)


def test_sources_and_sinks_of_a_flow_graph(flows):
    FG, F = flows
    assert sources_and_sinks(FG) == sources_and_sinks(F)


def test_condensed_order_of_a_flow_graph(flows):
    FG, F = flows
    components, index, C = condensed_order(FG)
    expected = condensed_order(F)
    assert (components, index) == expected[:2]
    assert (C is None) == (expected[2] is None)
    if C is not None:
        assert list(C.edges()) == list(expected[2].edges())


def _nearest_cut(F: nx.DiGraph, sources: list[str], target: str) -> list[str]:
    """The minimum node cut nearest ``target`` by NetworkX's maximum flow on the node-split graph: the nodes whose
    "out" copy still reaches the target in the residual network and whose "in" copy does not."""
    upstream = nx.ancestors(F, target)
    H = nx.DiGraph()
    for v in upstream:
        H.add_edge((v, "in"), (v, "out"), capacity=1)
        for w in F.succ[v]:
            if w in upstream or w == target:
                H.add_edge((v, "out"), (w, "in") if w != target else target)
    for s in set(sources) & upstream:
        H.add_edge("root", (s, "in"))
    if "root" not in H:
        return []
    R = edmonds_karp(H, "root", target)
    residual = nx.DiGraph((u, v) for u, v, d in R.edges(data=True) if d["capacity"] - d["flow"] > 0)
    reaches = nx.ancestors(residual, target) if target in residual else set()
    return sorted({v for v, side in (n for n in reaches if isinstance(n, tuple)) if side == "out" and (v, "in") not in reaches}, key=str)


def test_minimum_cuts_are_networkx_nearest_cuts(flows):
    FG, F = flows
    sources, sinks = sources_and_sinks(F)
    cuts = minimum_supply_cut(FG, sinks, sources=sources)
    for sink in sinks:
        assert cuts[sink] == _nearest_cut(F, sources, sink), sink


def test_random_flows_have_cuts_away_from_their_end_uses():
    """What makes the random flows a test of the cut nearest the end use: several of their cuts hold none of the end
    use's own inputs."""
    for seed in (4, 5):
        FG = _random_flow(seed)
        sources, sinks = sources_and_sinks(FG)
        cuts = minimum_supply_cut(FG, sinks, sources=sources)
        assert any(len(cut) > 1 and not set(cut) & {FG.nodes[i] for i in FG.predecessors(FG.index[t]).tolist()}
                   for t, cut in cuts.items())  # fmt: skip


def test_the_report_reads_no_digraph(bundled, monkeypatch):
    """The report runs on the FlowGraph alone: making the DiGraph fails here (not with --end-use, whose upstream is
    NetworkX's subgraph)."""
    from supplygraph.graph import EmbeddedStore
    from supplygraph.graph.analyses.flow import FLOW_TYPES

    def refused(self):
        raise AssertionError("the report made a DiGraph")

    store = EmbeddedStore(bundled, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES)
        monkeypatch.setattr(FlowGraph, "to_networkx", refused)
        report = chokepoints.chokepoint_report(graph, facts=facts, scenarios=["remove country:CN"], as_of="2026-12-06")
    finally:
        store.close()
    assert report["chokepoints"] and report["scenario"]["end_uses"]


def test_scores_are_the_python_sums_bit_for_bit(flows):
    """The ranking's scores in NumPy (chokepoints._scores) are the floats the per-node Python sum gave, to the last bit
    (a printed score rounds them: a last-bit difference could move a score across a rounding boundary)."""
    from supplygraph.graph.analyses.centrality import supply_path_centrality
    from supplygraph.graph.analyses.concentration import concentration, preferred_concentration
    from supplygraph.graph.analyses.flow import STATED

    FG, F = flows
    sources, sinks = sources_and_sinks(FG)
    shares = supply_path_centrality(FG, sources=sources, sinks=sinks)["values"]
    by_material = preferred_concentration(concentration(FG))
    largest = chokepoints._largest_producer_shares(FG)
    rng = random.Random(1)
    cut_terms = {node: rng.random() for node in rng.sample(FG.nodes, min(40, FG.n))}
    labels = FG.node_column("label")
    scores = chokepoints._scores(FG, labels, by_material, largest, cut_terms, shares).tolist()
    busiest = max((v for n, v in shares.items() if F.nodes[n].get("label") != "EndUse"), default=0.0) or 1.0
    w = chokepoints.WEIGHTS
    for node, label, score in zip(FG.nodes, labels, scores):
        if label == "Material":
            term = by_material[node]["hhi"] / 10_000 if node in by_material else 0.0
        else:
            held = largest.get(node)
            term = held[0] if held and held[3] == STATED else 0.0
        expected = 100 * (w["cut"] * cut_terms.get(node, 0.0) + w["concentration"] * term + w["flow"] * (shares.get(node, 0.0) / busiest))
        assert label == "EndUse" or score == expected, node


def test_the_top_rows_are_the_first_rows_of_the_whole_ranking(flows):
    """rank_chokepoints(top=k) sorts only the nodes near the top (chokepoints._near_the_top): the same rows as the
    first k of the whole ranking."""
    from supplygraph.graph.analyses.centrality import supply_path_centrality
    from supplygraph.graph.analyses.concentration import concentration
    from supplygraph.graph.analyses.spof import supply_dominators

    FG, _ = flows
    sources, sinks = sources_and_sinks(FG)
    shares = supply_path_centrality(FG, sources=sources, sinks=sinks)["values"]
    dominators = supply_dominators(FG, sinks, sources=sources)
    conc = concentration(FG)
    whole = chokepoints.rank_chokepoints(FG, conc, dominators, {}, shares, {"articulation_points": []})
    for top in (1, 5, 15):
        assert chokepoints.rank_chokepoints(FG, conc, dominators, {}, shares, {"articulation_points": []}, top=top) == whole[:top]


def test_near_the_top_keeps_every_node_that_rounds_into_the_top():
    """Scores a hair either side of a rounding boundary (x.x5), ties broken by id: the top k by (rounded score, id)
    among the nodes kept is the top k among all."""
    import numpy as np

    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 60)
        scores = np.array([rng.choice([10.0, 10.05, 9.95, 10.1]) + rng.choice([-1e-9, 0.0, 1e-9, -0.04, 0.04]) for _ in range(n)])
        names = [f"n{rng.randint(0, 999):03d}-{i}" for i in range(n)]
        kept = list(range(n))
        top = rng.randint(1, n)

        def best(nodes):
            return sorted(((-round(scores[i], 1), names[i]) for i in nodes))[:top]

        near = chokepoints._near_the_top(scores, kept, top)
        assert best(near) == best(kept)


def test_the_cli_keeps_the_graphs_it_reported_on(bundled):
    """api.chokepoints(keep=...) hands the caller the graphs read and the flow graph analysed (the CLI ends its
    process without freeing them); the report is the same as without."""
    from supplygraph import api
    from supplygraph.graph import EmbeddedStore

    store = EmbeddedStore(bundled, read_only=True)
    try:
        kept: list = []
        report = api.chokepoints(store, as_of="2026-12-06", keep=kept)
        again = api.chokepoints(store, as_of="2026-12-06")
    finally:
        store.close()
    assert report == again
    assert isinstance(kept[-1], FlowGraph) and kept[-1].m == report["graph"]["edges"]
    assert len(kept) == 3  # the knowledge graph, the flow facts, the flow graph

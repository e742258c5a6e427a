"""The compact flow graph (:mod:`supplygraph.graph.analyses.flowgraph`) holds the projection's graph exactly:
the same nodes, edges, adjacency orders both ways and attribute dicts, its columns equal to the dicts' values,
and the DiGraph made back from it equal to the projection, order for order."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from supplygraph.graph import EmbeddedStore
from supplygraph.graph.analyses.flow import FLOW_TYPES, supply_flow
from supplygraph.graph.analyses.flowgraph import BASES, TYPES, FlowGraph, flow_graph
from supplygraph.graph.analyses.integers import flow_arrays, flow_csr, topological_generations

from .benchmarks.gen_supply_network import supply_network


def _projections(bundled):
    store = EmbeddedStore(bundled, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES)
        yield supply_flow(graph, facts=facts, as_of="2026-12-06")
    finally:
        store.close()
    yield supply_flow(supply_network(3000, recycle=0.2, seed=3), as_of="2026-01-01")  # with cycles


def _orders(F: nx.DiGraph) -> tuple:
    """Nodes with their dicts, out- and in-adjacency in order, edges' dicts by identity: what the analyses depend on."""
    return (list(F._node.items()), [(u, list(s)) for u, s in F._succ.items()], [(v, list(p)) for v, p in F._pred.items()],
            [id(d) for s in F._succ.values() for d in s.values()], F.graph)  # fmt: skip


def _check(F: nx.DiGraph, FG: FlowGraph) -> None:
    nodes = FG.nodes
    assert nodes == list(F) and FG.n == len(FG) == F.number_of_nodes() and FG.m == F.number_of_edges()
    assert all(FG.node(n) is F.nodes[n] for n in F) and FG.graph is F.graph
    assert FG.node_column("label") == [d.get("label") for _, d in F.nodes(data=True)]
    edges = list(F.edges(data=True))
    assert [(nodes[u], nodes[v]) for u, v in zip(FG.tails.tolist(), FG.heads.tolist())] == [(u, v) for u, v, _ in edges]
    assert all(FG.edge_attrs(e) is d for e, (_, _, d) in enumerate(edges))
    for i, node in enumerate(nodes):
        assert [nodes[v] for v in FG.successors(i).tolist()] == list(F._succ[node])
        assert [nodes[u] for u in FG.predecessors(i).tolist()] == list(F._pred[node])
        for e in range(FG.out_ptr[i], FG.out_ptr[i + 1]):
            assert FG.tails[e] == i and FG.edge(i, int(FG.heads[e])) == e
    assert [TYPES[t] for t in FG.types.tolist()] == [d["type"] for _, _, d in edges]
    assert [BASES[b] if b >= 0 else None for b in FG.basis.tolist()] == [d.get("basis") for _, _, d in edges]
    weights = FG.weight.tolist()
    assert all((math.isnan(w) if d.get("weight") is None else w == d["weight"]) for w, (_, _, d) in zip(weights, edges))
    assert FG.listed.tolist() == [bool(d.get("listed")) for _, _, d in edges]
    assert FG.unreviewed.tolist() == [bool(d.get("unreviewed")) for _, _, d in edges]
    assert FG.column("sources") == [d.get("sources") for _, _, d in edges]
    codes, values = FG.codes("edition")
    assert [values[c] if c >= 0 else None for c in codes.tolist()] == [d.get("edition") for _, _, d in edges]
    shares = FG.numbers("share").tolist()
    assert all((math.isnan(s) if d.get("share") is None else s == d["share"]) for s, (_, _, d) in zip(shares, edges))
    # the integer passes give the same arrays for the FlowGraph as for the DiGraph
    assert all(np.array_equal(a, b) for a, b in zip(flow_csr(FG), flow_csr(F)))
    assert flow_arrays(FG)[1] == flow_arrays(F)[1]
    gens, expected = topological_generations(FG), topological_generations(F)
    assert (gens is None) == (expected is None)
    if gens is not None:
        assert all(np.array_equal(a, b) for a, b in zip(gens, expected))


def test_a_flow_graph_holds_the_projection_exactly(bundled):
    for F in _projections(bundled):
        assert F.number_of_edges() > 0
        FG = flow_graph(F)  # the one supply_flow made F from (FlowGraph.from_flows)
        _check(F, FG)
        assert flow_graph(F) is FG and flow_graph(FG) is FG and FG.to_networkx() is F
        assert flow_arrays(F)[3] is FG.heads  # the integer passes on F share the FlowGraph's arrays
        made = FlowGraph.from_networkx(F)
        _check(F, made)
        assert made.to_networkx() is F


def test_the_digraph_made_from_a_flow_graph_equals_the_projection(bundled):
    for F in _projections(bundled):
        made = flow_graph(F)
        # a FlowGraph without its original, in-edges in the projection's order: to_networkx makes the DiGraph
        FG = FlowGraph(made.nodes, made.node_data, made.graph, made.tails, made.heads, [made.edge_attrs(e) for e in range(made.m)],
                       made.in_edges)  # fmt: skip
        G = FG.to_networkx()
        assert G is not F and _orders(G) == _orders(F) and flow_graph(G) is FG and FG.to_networkx() is G
        _check(G, FG)


def test_in_edges_default_to_edge_order_and_edges_must_come_by_tail():
    FG = FlowGraph(["a", "b", "c"], [{}, {}, {}], {}, [0, 0, 1], [2, 1, 2], [{"type": "INPUT_TO"}, {}, {"weight": 0.5}])
    assert FG.predecessors(2).tolist() == [0, 1] and FG.in_edges.tolist() == [1, 0, 2]
    assert FG.edge(0, 1) == 1 and FG.edge(1, 0) == -1
    assert FG.types.tolist() == [1, -1, -1] and FG.weight[2] == 0.5 and math.isnan(FG.weight[0])
    G = FG.to_networkx()
    assert list(G.edges(data=True)) == [("a", "c", {"type": "INPUT_TO"}), ("a", "b", {}), ("b", "c", {"weight": 0.5})]
    assert list(G.pred["c"]) == ["a", "b"]
    with pytest.raises(ValueError, match="grouped by tail"):
        FlowGraph(["a", "b"], [{}, {}], {}, [1, 0], [0, 1], [{}, {}])


def test_a_change_through_networkx_makes_a_new_flow_graph():
    F = nx.DiGraph([("a", "b")])
    FG = flow_graph(F)
    F.add_edge("b", "c")
    assert flow_graph(F) is not FG and flow_graph(F).m == 2


@pytest.mark.parametrize("module", ["flowgraph", "integers"])
def test_the_docstring_examples_run(module):
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(f"supplygraph.graph.analyses.{module}"))
    assert tried > 0 and failures == 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_edges_from_the_projection_order_as_add_edge_does(seed):
    import random

    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(30)]
    flows = [(rng.choice(nodes), rng.choice(nodes), {"type": rng.choice(TYPES), "weight": rng.random(), f"k{rng.randint(0, 3)}": i}) for i in range(300)]
    expected = nx.DiGraph()
    expected.add_nodes_from(nodes)
    for u, v, d in flows:
        expected.add_edge(u, v, **d)
    FG = FlowGraph.from_flows(nodes, [{} for _ in nodes], {}, [(u, v, dict(d)) for u, v, d in flows])
    G = FG.to_networkx()
    assert [(n, list(s.items())) for n, s in G._succ.items()] == [(n, list(s.items())) for n, s in expected._succ.items()]
    assert [(n, list(p.items())) for n, p in G._pred.items()] == [(n, list(p.items())) for n, p in expected._pred.items()]
    _check(G, FG)

"""The flow graph's integer arrays are shared between passes and follow every change made through NetworkX."""

from __future__ import annotations

import networkx as nx

from supplygraph.graph.analyses.integers import as_rustworkx, flow_arrays
from supplygraph.graph.analyses.spof import minimum_supply_cut


def test_arrays_are_computed_once_and_follow_changes():
    F = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    first = flow_arrays(F)
    assert flow_arrays(F) is first  # shared, not rebuilt
    F.add_edge("c", "d")
    nodes, index, tails, heads = flow_arrays(F)
    assert nodes == ["a", "b", "c", "d"] and index["d"] == 3
    assert list(zip(tails.tolist(), heads.tolist())) == [(index[u], index[v]) for u, v in F.edges()]
    R, _ = as_rustworkx(F, directed=False)
    assert sorted(tuple(sorted(e)) for e in R.edge_list()) == [(0, 1), (1, 2), (2, 3)]  # a <-> b merged into one undirected edge


def test_minimum_cuts_leave_the_graph_and_its_arrays_alone():
    F = nx.DiGraph([("m1", "x"), ("m2", "y"), ("x", "u"), ("y", "u")])
    F.nodes["u"]["label"] = "EndUse"
    arrays = flow_arrays(F)
    assert minimum_supply_cut(F) == {"u": ["x", "y"]}
    assert list(F) == ["m1", "x", "m2", "y", "u"] and flow_arrays(F) is arrays


def test_one_rustworkx_graph_is_made_and_each_caller_gets_its_own_copy():
    F = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    R, nodes = as_rustworkx(F)
    shared = F.__networkx_cache__["supplygraph_rustworkx"]
    R.add_node("extra")  # what supply_dominators does with its super-source
    R.add_edge(3, 0, None)
    again, _ = as_rustworkx(F)
    assert F.__networkx_cache__["supplygraph_rustworkx"] is shared and again is not shared
    assert again.num_nodes() == 3 and sorted(again.edge_list()) == [(0, 1), (1, 0), (1, 2)]
    U, _ = as_rustworkx(F, directed=False)
    assert U.num_edges() == 2 and shared.num_edges() == 3
    F.add_edge("c", "a")  # a change through NetworkX: a new graph
    assert sorted(as_rustworkx(F)[0].edge_list()) == [(0, 1), (1, 0), (1, 2), (2, 0)]

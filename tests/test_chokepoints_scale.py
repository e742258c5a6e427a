"""What the chokepoint report does to stay linear at scale gives the same answers as the plain way."""

from __future__ import annotations

import networkx as nx
import rustworkx as rx

from supplygraph.graph.analyses.centrality import condensed_order, supply_path_centrality
from supplygraph.graph.analyses.flow import supply_flow
from supplygraph.graph.analyses.integers import as_rustworkx
from supplygraph.graph.analyses.scenarios import scenario_impact
from tests.benchmarks.gen_supply_network import supply_network


def test_as_rustworkx_merges_reciprocal_edges_around_a_hub():
    # A hub with 200 spokes, each linked both ways, and a tail hub - t1 - t2: 202 undirected edges.
    F = nx.DiGraph([("hub", f"s{i}") for i in range(200)] + [(f"s{i}", "hub") for i in range(200)] + [("hub", "t1"), ("t1", "t2")])
    R, nodes = as_rustworkx(F, directed=False)
    assert R.num_edges() == 202, "u -> v and v -> u are one undirected edge"
    assert sorted(nodes[i] for i in rx.articulation_points(R)) == sorted(nx.articulation_points(F.to_undirected()))
    assert sorted(tuple(sorted((nodes[a], nodes[b]))) for a, b in rx.bridges(R)) == sorted(tuple(sorted(e)) for e in nx.bridges(F.to_undirected()))
    D, nodes = as_rustworkx(F)
    assert D.num_edges() == F.number_of_edges() == 402
    assert {(nodes[a], nodes[b]) for a, b in D.edge_list()} == set(F.edges())


def test_a_shared_topological_order_gives_the_same_results():
    # Recycling closes cycles, so the order is a condensation, the harder case.
    F = supply_flow(supply_network(3000, recycle=0.2, seed=3))
    order = condensed_order(F)
    assert order[2] is not None, "the network should have cycles"
    assert supply_path_centrality(F, order=order) == supply_path_centrality(F)
    assert scenario_impact(F, ["remove country:CN"], order=order) == scenario_impact(F, ["remove country:CN"])

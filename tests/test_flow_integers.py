"""The integer passes of the analyses (graph/analyses/integers.py, centrality.py) against NetworkX and brute force."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from supplygraph.graph.analyses.centrality import _dependencies, _adjacency, condensed_order, supply_path_centrality
from supplygraph.graph.analyses.integers import flow_arrays, flow_csr, topological_generations


def _random_digraph(seed: int, acyclic: bool) -> nx.DiGraph:
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    G = nx.gnp_random_graph(n, rng.random() * 0.3, directed=True, seed=seed)
    nodes = [f"n{i}" for i in range(n)]
    rng.shuffle(nodes)  # node order is not the numbering
    D = nx.DiGraph()
    D.add_nodes_from(nodes)
    edges = [(f"n{u}", f"n{v}") for u, v in G.edges() if u < v or not acyclic]
    rng.shuffle(edges)
    D.add_edges_from(edges)
    return D


@pytest.mark.parametrize("seed", range(60))
def test_topological_generations_are_networkx_generations_node_for_node(seed):
    D = _random_digraph(seed, acyclic=seed % 3 != 0)
    nodes = flow_arrays(D)[0]
    got = topological_generations(D)
    try:
        want = [list(g) for g in nx.topological_generations(D)]
    except nx.NetworkXUnfeasible:
        want = None
    assert (None if got is None else [[nodes[i] for i in g] for g in got]) == want
    if want is not None:
        assert condensed_order(D)[0] == [[n] for n in nx.topological_sort(D)]


def test_compressed_rows_follow_the_adjacency():
    D = _random_digraph(7, acyclic=False)
    nodes, index, _, _ = flow_arrays(D)
    indptr, heads = flow_csr(D)
    for i, node in enumerate(nodes):
        assert [nodes[j] for j in heads[indptr[i] : indptr[i + 1]]] == list(D.successors(node))


@pytest.mark.parametrize("seed", range(40))
def test_path_centrality_on_a_dag_counts_every_path(seed):
    D = _random_digraph(seed, acyclic=True)
    sources = [n for n in D if D.in_degree(n) == 0]
    sinks = [n for n in D if D.out_degree(n) == 0][:5]
    result = supply_path_centrality(D, sources=sources, sinks=sinks)
    paths = [p for s in sources for t in sinks for p in nx.all_simple_paths(D, s, t)]  # a source that is a sink: the path [s]
    assert result["paths"] == len(paths) and not result["condensed"]
    for node in D:
        through = sum(1 for p in paths if node in p)
        assert result["values"][node] == pytest.approx(through / len(paths) if paths else 0.0, abs=1e-12)


def test_betweenness_batches_reuse_their_arrays():
    """Summed batch by batch, the pairs reached are reset between batches: any batch size gives the same sums."""
    D = _random_digraph(11, acyclic=False)
    _, _, tails, heads = flow_arrays(D)
    indptr, indices = _adjacency(tails, heads, D.number_of_nodes())
    ends = np.arange(D.number_of_nodes())
    whole = _dependencies(indptr, indices, ends, batch=len(ends))
    exact = nx.betweenness_centrality(D, normalized=False)
    for batch in (1, 3, 7):
        total, squares = _dependencies(indptr, indices, ends, batch=batch)
        assert np.allclose(total, whole[0]) and np.allclose(squares, whole[1])
    assert np.allclose(whole[0], [exact[n] for n in flow_arrays(D)[0]])

"""The flow graph in integers, for the passes that work on them: one mapping shared, and the rustworkx view made from it.

The projection (:mod:`.flow`) builds a NetworkX graph with the attributes a
report prints; dominators, articulation points, bridges and betweenness need
only its structure, as integers. :func:`flow_arrays` maps it once per graph
and :func:`as_rustworkx` gives rustworkx's compiled algorithms their graph
from that mapping.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, Callable

import networkx as nx


def cached(F, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, made once per graph: kept in NetworkX's own cache of ``F`` (``__networkx_cache__``, which every
    change made through NetworkX clears) under ``key``; made at every call for a graph without that cache."""
    cache = getattr(F, "__networkx_cache__", None)
    if cache is not None and key in cache:
        return cache[key]
    value = make()
    if cache is not None:
        cache[key] = value
    return value


def flow_arrays(F: nx.DiGraph) -> tuple[list, dict, Any, Any]:
    """The flow graph in integers: its nodes, node -> index, and its edges as two NumPy arrays (tails, heads).

    Computed once per graph and kept in NetworkX's own cache of the graph
    (``__networkx_cache__``, which every change made through NetworkX clears),
    so the passes that work on integers (dominators, articulation points and
    bridges, betweenness) share one mapping instead of each making its own:
    at a million flow edges each mapping was a pass over the edges' dicts.
    Edges come in ``F.edges()`` order.

    Examples
    --------
    >>> nodes, index, tails, heads = flow_arrays(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")]))
    >>> nodes, tails.tolist(), heads.tolist()
    (['a', 'b', 'c'], [0, 0, 1], [1, 2, 2])
    """
    return cached(F, "supplygraph_flow_arrays", lambda: _flow_arrays(F))


def _flow_arrays(F: nx.DiGraph) -> tuple[list, dict, Any, Any]:
    import numpy as np

    nodes = list(F)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = F._adj.values()  # F.adjacency()'s order; C-level maps, no Python step per edge (0.6 s at 1M edges)
    degrees = np.fromiter(map(len, adjacency), dtype=np.int64, count=len(nodes))
    tails = np.repeat(np.arange(len(nodes), dtype=np.int64), degrees)
    heads = np.fromiter(map(index.__getitem__, chain.from_iterable(adjacency)), dtype=np.int64, count=int(degrees.sum()))
    return nodes, index, tails, heads


def as_rustworkx(F: nx.DiGraph, *, directed: bool = True) -> tuple[Any, list]:
    """The structure of a flow graph (no attributes) as a rustworkx graph, and the node list that maps its indices back.

    ``directed=False`` gives the undirected projection, reciprocal edges
    merged into one (as :meth:`networkx.DiGraph.to_undirected` does). Each
    call gives a new graph, the caller's to change (the dominators add a
    super-source), copied from one directed graph made once per flow graph
    and kept in its cache like :func:`flow_arrays`: the dominators,
    articulation points and bridges, and exact betweenness share it.

    Examples
    --------
    >>> R, nodes = as_rustworkx(nx.DiGraph([("a", "b"), ("b", "a")]), directed=False)
    >>> R.num_edges(), nodes
    (1, ['a', 'b'])

    Notes
    -----
    O(V + E), from :func:`flow_arrays` (shared with the other passes). Used
    where rustworkx's compiled algorithms pay off on large graphs
    (articulation points, bridges, dominators, exact betweenness); see
    docs/scale.md. The directed graph is made once (0.1-0.15 s at a million
    edges; 0.2-0.25 s with a list of the pairs); a copy takes 0.015 s, the
    undirected view (rustworkx's ``to_undirected``, then one edge of each
    reciprocal pair removed) 0.1 s. Edges are added to multigraphs: with
    ``multigraph=False`` rustworkx looks for an existing edge at every
    insertion, a scan of the endpoint's neighbours, which is quadratic in a
    hub's degree (6.7 s instead of 0.1 s at a million edges).
    """
    import numpy as np
    import rustworkx as rx

    nodes, _, tails, heads = flow_arrays(F)

    def directed_graph():
        R = rx.PyDiGraph()
        R.add_nodes_from(nodes)
        R.extend_from_edge_list(zip(tails.tolist(), heads.tolist()))  # (zip hands over one reused pair at a time)
        return R

    R = cached(F, "supplygraph_rustworkx", directed_graph)
    if directed:
        return R.copy(), nodes
    U = R.to_undirected()  # u -> v and v -> u become two parallel edges here: one of each pair goes
    width = max(1, len(nodes))  # a pair (low, high) as one integer, low * width + high
    keys = np.sort(np.minimum(tails, heads) * width + np.maximum(tails, heads))
    for key in keys[1:][keys[1:] == keys[:-1]].tolist():
        U.remove_edge(key // width, key % width)
    return U, nodes


def flow_csr(F: nx.DiGraph) -> tuple[Any, Any]:
    """The flow graph's out-edges as compressed rows over :func:`flow_arrays`: (indptr, heads).

    Node ``i``'s successors are ``heads[indptr[i]:indptr[i + 1]]``, in
    ``F.adjacency()`` order: the tails of :func:`flow_arrays` are already
    grouped by node, in node order, so only the row pointers are new.

    Examples
    --------
    >>> indptr, heads = flow_csr(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")]))
    >>> indptr.tolist(), heads.tolist()
    ([0, 2, 3, 3], [1, 2, 2])
    """
    import numpy as np

    nodes, _, tails, heads = flow_arrays(F)
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=len(nodes)), out=indptr[1:])
    return indptr, heads


def out_edges_of(indptr, heads, rows) -> tuple[Any, Any]:
    """The out-edges of the nodes ``rows`` (in that order, each node's in adjacency order): (edge positions, heads)."""
    import numpy as np

    start = indptr[rows]
    degree = indptr[rows + 1] - start
    offset = np.arange(int(degree.sum()), dtype=np.int64) - np.repeat(np.cumsum(degree) - degree, degree)
    positions = np.repeat(start, degree) + offset
    return positions, heads[positions]


def topological_generations(F: nx.DiGraph) -> list | None:
    """The generations of :func:`networkx.topological_generations` as arrays of node indices, or None when ``F`` has a cycle.

    The same generations in the same order, node for node, as NetworkX's
    (Kahn's algorithm: the nodes nothing flows into in node order, then each
    generation the nodes whose last incoming edge it removed, in the order
    those edges are scanned), so ``np.concatenate`` of them is
    :func:`networkx.topological_sort`'s order; one NumPy pass per generation
    instead of a Python step per edge (1.8 s against about 0.1 s at a
    million flow edges). Kept in the graph's cache like :func:`flow_arrays`.

    Examples
    --------
    >>> [g.tolist() for g in topological_generations(nx.DiGraph([("a", "c"), ("b", "c"), ("c", "d"), ("a", "d")]))]
    [[0, 2], [1], [3]]
    >>> topological_generations(nx.DiGraph([("a", "b"), ("b", "a")])) is None
    True
    """
    return cached(F, "supplygraph_generations", lambda: _topological_generations(F))


def _topological_generations(F: nx.DiGraph) -> list | None:
    import numpy as np

    nodes = flow_arrays(F)[0]
    indptr, heads = flow_csr(F)
    waiting = np.bincount(heads, minlength=len(nodes))
    generation = np.flatnonzero(waiting == 0)
    generations = []
    while generation.size:
        generations.append(generation)
        _, reached = out_edges_of(indptr, heads, generation)
        waiting -= np.bincount(reached, minlength=len(nodes))
        # a node joins the next generation when its last incoming edge is removed: order by that edge's position
        backwards = reached[::-1]
        unique, first = np.unique(backwards, return_index=True)
        ready = waiting[unique] == 0
        generation = unique[ready][np.argsort(-first[ready], kind="stable")]
    return generations if sum(len(g) for g in generations) == len(nodes) else None


def id_ranks(FG) -> Any:
    """Each node's place in the order of the node ids (int64[n]), for ties broken by id in NumPy: one sort of the
    ids per FlowGraph (0.1-0.2 s at a million flow edges), shared by the concentration table and the scenarios.

    Examples
    --------
    >>> from supplygraph.graph.analyses.flowgraph import flow_graph
    >>> id_ranks(flow_graph(nx.DiGraph([("b", "c"), ("c", "a")]))).tolist()
    [1, 2, 0]
    """
    import numpy as np

    def ranks():
        order = np.empty(FG.n, dtype=np.int64)
        order[sorted(range(FG.n), key=FG.nodes.__getitem__)] = np.arange(FG.n)
        return order

    return cached(FG, "supplygraph_id_ranks", ranks)


def distinct(values) -> Any:
    """The distinct values of an integer array, sorted: ``np.unique(values)`` by a sort and one comparison.

    NumPy 2's ``np.unique`` hashes integer arrays before sorting the result:
    0.9 s against 0.05 s for a million pairs, the whole cost of the
    undirected view at a million flow edges.

    Examples
    --------
    >>> import numpy as np
    >>> distinct(np.array([3, 1, 3, 2, 1])).tolist()
    [1, 2, 3]
    """
    import numpy as np

    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def in_edges(FG, i: int) -> list[int]:
    """The numbers of node ``i``'s in-edges in a :class:`.flowgraph.FlowGraph`, in ``F.pred`` order (the order a
    ``DiGraph``'s ``F.pred[node].items()`` gives its producers and inputs)."""
    return FG.in_edges[FG.in_ptr[i]:FG.in_ptr[i + 1]].tolist()


def out_edges(FG, i: int) -> range:
    """The numbers of node ``i``'s out-edges in a FlowGraph, in ``F.succ`` order (contiguous)."""
    return range(int(FG.out_ptr[i]), int(FG.out_ptr[i + 1]))


def in_tails(FG) -> Any:
    """The tails of a FlowGraph's in-edges in ``FG.in_edges`` order: with ``FG.in_ptr``, the predecessors as
    compressed rows (node ``i``'s are ``in_tails(FG)[FG.in_ptr[i]:FG.in_ptr[i + 1]]``); made once per FlowGraph."""
    return cached(FG, "supplygraph_in_tails", lambda: FG.tails[FG.in_edges])


def upstream_of(FG, i: int) -> Any:
    """The node numbers upstream of node ``i`` (its ancestors, ``i`` itself left out, as :func:`networkx.ancestors`
    leaves it out), sorted: a breadth-first search a level at a time over the in-edges in NumPy.

    Examples
    --------
    >>> from supplygraph.graph.analyses.flowgraph import flow_graph
    >>> FG = flow_graph(nx.DiGraph([("a", "b"), ("b", "c"), ("d", "c"), ("c", "e")]))
    >>> [FG.nodes[j] for j in upstream_of(FG, FG.index["c"])]
    ['a', 'b', 'd']

    Notes
    -----
    O(size of the upstream and its in-edges) NumPy steps, one per level; the
    tails of the in-edges in in-edge order are made once per FlowGraph.
    """
    import numpy as np

    tails = in_tails(FG)
    seen = np.zeros(FG.n, dtype=bool)
    seen[i] = True
    frontier = np.array([i], dtype=np.int64)
    while frontier.size:
        _, reached = out_edges_of(FG.in_ptr, tails, frontier)
        frontier = distinct(reached[~seen[reached]])
        seen[frontier] = True
    seen[i] = False
    return np.flatnonzero(seen)

"""How much of the supply network runs through each node.

* :func:`supply_path_centrality` (used for ranking): the share of all
  source-to-end-use supply paths that pass through a node. On a DAG that is
  (paths from the sources into the node) x (paths from it to the end uses),
  two passes in topological order: exact and O(V + E). Where the flow has
  cycles (a recycling loop, two firms supplying each other) the strongly
  connected components are condensed first and every member of a component
  gets the component's value; the result says so.
* :func:`flow_betweenness`: shortest-path betweenness on the flow graph, the
  measure of the trade-network literature; exact up to ``exact_limit``
  edges, above it :func:`sampled_betweenness` (``k`` sampled path ends, a
  fixed seed, flagged approximate with its estimated error).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .flow import sources_and_sinks
from .integers import as_rustworkx, distinct, flow_arrays, flow_csr, out_edges_of, topological_generations


def condensed_order(F: nx.DiGraph) -> tuple[list[list[str]], dict[str, int], nx.DiGraph | None]:
    """A topological order of the strongly connected components of ``F``.

    Returns
    -------
    components : list of lists
        Members of each component, in topological order.
    index : dict
        Node -> position of its component in ``components``.
    C : networkx.DiGraph or None
        The condensation, or None when ``F`` is acyclic (then every component
        is one node and ``F`` itself is the DAG).

    Examples
    --------
    >>> condensed_order(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b")]))[0]
    [['a'], ['b', 'c']]

    Notes
    -----
    O(V + E): a topological sort (:func:`.integers.topological_generations`,
    NetworkX's order in NumPy), and Tarjan's algorithm only when it fails.
    """
    generations = topological_generations(F)
    if generations is not None:
        nodes = flow_arrays(F)[0]
        order = [nodes[i] for generation in generations for i in generation.tolist()]
        return [[n] for n in order], {n: i for i, n in enumerate(order)}, None
    C = nx.condensation(F if isinstance(F, nx.DiGraph) else _structure(F))
    order = list(nx.topological_sort(C))
    position = {c: i for i, c in enumerate(order)}
    components = [sorted(C.nodes[c]["members"], key=str) for c in order]
    index = {n: position[c] for n, c in C.graph["mapping"].items()}
    return components, index, C


def _structure(FG) -> nx.DiGraph:
    """A FlowGraph's nodes and edges as a ``DiGraph`` without attributes, in its node and out-edge orders (those
    :func:`networkx.condensation` and the topological sort of its result follow), for a flow with cycles."""
    nodes = FG.nodes
    D = nx.DiGraph()
    D.add_nodes_from(nodes)
    D.add_edges_from(zip(map(nodes.__getitem__, FG.tails.tolist()), map(nodes.__getitem__, FG.heads.tolist())))
    return D


def supply_path_centrality(
    F: nx.DiGraph, *, sources: list[str] | None = None, sinks: list[str] | None = None, order: tuple | None = None
) -> dict[str, Any]:
    """Share of all source-to-end-use supply paths that pass through each node.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph.
    sources, sinks : list of str, optional
        Where paths start and end; by default the nodes nothing flows into
        and the ``EndUse`` nodes.
    order : tuple, optional
        :func:`condensed_order` of ``F`` when the caller already has it (the
        report shares it with the scenarios).

    Returns
    -------
    dict
        ``values``: node -> share in [0, 1] (sources and sinks included;
        a node on every path has 1.0); ``paths``: the number of supply paths
        (a float); ``condensed``: True when cycles were condensed; ``exact``:
        True.

    Examples
    --------
    >>> F = nx.DiGraph([("m1", "ox"), ("m2", "ox"), ("ox", "a"), ("ox", "b"), ("m2", "b")])
    >>> for u in ("a", "b"): F.nodes[u]["label"] = "EndUse"
    >>> result = supply_path_centrality(F)
    >>> result["paths"], result["values"]["ox"], result["values"]["m2"]
    (5.0, 0.8, 0.6)

    Notes
    -----
    Counts all paths, not only shortest ones: the measure a supply chain
    wants (an alternative route is a route). Two passes in topological order
    over the condensation: O(V + E), exact. Counts are floats; they grow
    exponentially with the number of tiers but stay finite for any realistic
    depth (about 700 tiers of branching 3 before overflow).
    """
    if sources is None or sinks is None:
        default_sources, default_sinks = sources_and_sinks(F)
        sources = default_sources if sources is None else sources
        sinks = default_sinks if sinks is None else sinks
    components, index, C = order if order is not None else condensed_order(F)
    if C is None and topological_generations(F) is not None:
        return _acyclic_path_centrality(F, sources, sinks)
    n = len(components)
    if C is None:
        succ = [[index[v] for v in F.successors(c[0])] for c in components]
    else:
        succ = [[] for _ in range(n)]
        for a, b in C.edges():
            succ[_component_position(C, a, index)].append(_component_position(C, b, index))
    up = [0.0] * n
    down = [0.0] * n
    for s in sources:
        up[index[s]] = 1.0
    for i in range(n):
        if up[i]:
            for j in succ[i]:
                up[j] += up[i]
    for t in sinks:
        down[index[t]] = 1.0
    for i in range(n - 1, -1, -1):
        total = down[i]
        for j in succ[i]:
            total += down[j]
        down[i] = total
    paths = sum(up[index[t]] for t in sinks)
    values = {}
    for node, i in index.items():
        values[node] = (up[i] * down[i] / paths) if paths else 0.0
    return {"values": values, "paths": paths, "condensed": C is not None, "exact": True}


def _acyclic_path_centrality(F: nx.DiGraph, sources: list, sinks: list) -> dict[str, Any]:
    """:func:`supply_path_centrality` on a DAG, generation by generation in NumPy (1.2 s to about 0.1 s at a million flow edges).

    Path counts are whole numbers, which floats hold exactly up to 2**53, so
    summing them a generation at a time gives the same values as the
    node-by-node passes in any topological order.
    """
    import numpy as np

    nodes, index, _, _ = flow_arrays(F)
    indptr, heads = flow_csr(F)
    generations = topological_generations(F)
    n = len(nodes)
    up, down = np.zeros(n), np.zeros(n)
    up[[index[s] for s in sources]] = 1.0
    for generation in generations:
        _, reached = out_edges_of(indptr, heads, generation)
        up += np.bincount(reached, weights=up[np.repeat(generation, indptr[generation + 1] - indptr[generation])], minlength=n)
    down[[index[t] for t in sinks]] = 1.0
    for generation in reversed(generations):
        _, reached = out_edges_of(indptr, heads, generation)
        tails = np.repeat(generation, indptr[generation + 1] - indptr[generation])
        down += np.bincount(tails, weights=down[reached], minlength=n)
    paths = float(sum(up[index[t]] for t in sinks))
    share = up * down / paths if paths else np.zeros(n)
    in_order = [nodes[i] for generation in generations for i in generation.tolist()]
    values = dict(zip(in_order, share[np.concatenate(generations)].tolist())) if n else {}
    return {"values": values, "paths": paths, "condensed": False, "exact": True}


def _component_position(C: nx.DiGraph, component: int, index: dict[str, int]) -> int:
    """Position in topological order of a condensation node (via any of its members)."""
    return index[next(iter(C.nodes[component]["members"]))]


def flow_betweenness(F: nx.DiGraph, *, exact_limit: int = 300_000, k: int = 4096, seed: int = 42) -> dict[str, Any]:
    """Shortest-path betweenness centrality of the flow graph, exact or sampled.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph (directed; paths follow the flow).
    exact_limit : int
        Exact betweenness up to this many edges; above it,
        :func:`sampled_betweenness`.
    k, seed : int
        Number of sampled path ends and the random seed (fixed, so two runs
        agree). 4,096 ends take about 1.2 s at a million flow edges and rank
        the exact top 50 of the concentrated benchmark network with a
        Spearman correlation of 0.99 (docs/scale.md).

    Returns
    -------
    dict
        ``values`` (node -> normalised betweenness), ``exact`` (bool), ``k``
        (path ends used), ``seed`` (None when exact); when sampled also
        ``ends`` and ``relative_error`` (see :func:`sampled_betweenness`).

    Examples
    --------
    >>> r = flow_betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))
    >>> r["exact"], r["values"]["b"]
    (True, 0.5)

    Notes
    -----
    Brandes' algorithm, O(V E) exact and O(k E) sampled. Exact runs in
    rustworkx (compiled, both cores): 0.5 s at 92k flow edges.
    """
    if len(flow_arrays(F)[3]) <= exact_limit:  # the edge count without a pass over the nodes
        import rustworkx as rx

        R, nodes = as_rustworkx(F)
        values = rx.digraph_betweenness_centrality(R, normalized=True)
        return {"values": {nodes[i]: v for i, v in values.items()}, "exact": True, "k": len(nodes), "seed": None}
    return sampled_betweenness(F, k=k, seed=seed)


def sampled_betweenness(F: nx.DiGraph, *, k: int = 4096, seed: int = 42, top: int = 50) -> dict[str, Any]:
    """Betweenness estimated from the shortest paths of ``k`` sampled sources, or of ``k`` sampled targets.

    Betweenness sums, over all path ends, the share of their shortest paths
    through a node. Sampling ``k`` of the ``N`` possible ends uniformly
    (without replacement, fixed seed) and scaling by ``N / k`` estimates it
    without bias. Either end may be sampled: sampling targets is Brandes'
    algorithm on the reversed graph. A node's estimate rests on the sampled
    ends that reach it, so the better end is the side where nodes of high
    betweenness reach more: on the concentrated benchmark network a typical
    top-50 node, a hub material, is reached from about 120 sources and
    reaches about 1,800 targets.
    A pilot of ``k // 4`` ends on each side estimates the relative standard
    error of the ``top`` highest values; the rest of the sample goes to the
    side with the smaller one.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph.
    k : int
        Path ends sampled on the chosen side (plus ``k // 4`` in the pilot on
        the other). With ``k`` at least the number of possible ends on a
        side, that side is taken whole and the result is exact.
    seed : int
        Seed of the sample.
    top : int
        How many of the highest estimates the error is judged on.

    Returns
    -------
    dict
        ``values`` (node -> normalised betweenness, as NetworkX and
        rustworkx normalise it), ``exact``, ``k``, ``seed``, ``ends``
        (``"sources"`` or ``"targets"``) and ``relative_error``: the median,
        over the ``top`` highest estimates, of their estimated relative
        standard error (0.0 when exact).

    Examples
    --------
    >>> F = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")])
    >>> r = sampled_betweenness(F, k=2)
    >>> r["exact"], r["ends"], round(r["values"]["b"], 3)
    (True, 'sources', 0.333)

    Notes
    -----
    O((k + k // 4) E) time and O(V b) memory for batches of b ends: a
    level-synchronous Brandes in NumPy that follows a batch of ends at once,
    26 to 57 times faster than NetworkX's sampling (256 sources at 92k flow
    edges: 0.26 s and 0.15 s against 6.7 s and 8.7 s). How well it ranks is
    measured against exact betweenness in
    ``tests/benchmarks/bench_chokepoints.py`` (see docs/scale.md).
    """
    import numpy as np

    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    nodes, _, tails, heads = flow_arrays(F)
    n = len(nodes)
    rng = np.random.default_rng(seed)
    sides = {}
    for name, (a, b) in {"sources": (tails, heads), "targets": (heads, tails)}.items():
        adjacency = _adjacency(a, b, n)
        ends = rng.permutation(np.flatnonzero(np.diff(adjacency[0])))  # ends with no path contribute nothing
        sides[name] = (adjacency, ends)
    whole = [name for name, (_, ends) in sides.items() if len(ends) <= k]
    if whole:
        name = min(whole, key=lambda side: len(sides[side][1]))
        adjacency, ends = sides[name]
        total, _ = _dependencies(*adjacency, ends)
        error = 0.0
    else:
        pilot = max(1, k // 4)
        sums = {name: _dependencies(*adjacency, ends[:pilot]) for name, (adjacency, ends) in sides.items()}
        errors = {name: _relative_error(*sums[name], pilot, len(sides[name][1]), top) for name in sides}
        name = min(errors, key=errors.__getitem__)
        adjacency, ends = sides[name]
        more = _dependencies(*adjacency, ends[pilot:k])
        total, squares = sums[name][0] + more[0], sums[name][1] + more[1]
        error = _relative_error(total, squares, k, len(ends), top)
        total = total * (len(ends) / k)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    values = dict(zip(nodes, (total * scale).tolist()))  # float(v) * scale for each, in one NumPy multiply
    return {"values": values, "exact": bool(whole), "k": int(min(k, len(ends))), "seed": seed, "ends": name, "relative_error": error}


def _adjacency(tails, heads, n: int):
    """Compressed rows (indptr, indices) of the edges tails -> heads over ``n`` nodes."""
    import numpy as np

    order = np.argsort(tails, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=n), out=indptr[1:])
    return indptr, heads[order]


def _dependencies(indptr, indices, ends, batch: int | None = None):
    """Brandes' dependencies summed over the path ends ``ends``: (sum, sum of squares) per node.

    Follows ``batch`` ends at once: a breadth-first search level by level
    over (node, end) pairs, then the dependencies level by level backwards.
    The pair arrays are made once and only the pairs a batch reached are
    summed and reset: making, summing and clearing them whole for every
    batch (n x batch entries, most never reached) took three quarters of
    the time at a million flow edges.
    """
    import numpy as np

    n = len(indptr) - 1
    batch = batch or max(8, min(256, 2**22 // max(n, 1)))  # n x batch arrays: at most ~100 MB
    total, squares = np.zeros(n), np.zeros(n)
    dist = np.full(n * batch, -1, dtype=np.int32)
    sigma = np.zeros(n * batch)  # shortest paths from the end, per (node, end) pair at node * b + end
    delta = np.zeros(n * batch)
    for lo in range(0, len(ends), batch):
        starts = np.asarray(ends[lo : lo + batch], dtype=np.int64)
        b = len(starts)
        keys = starts * b + np.arange(b)
        dist[keys], sigma[keys] = 0, 1.0
        levels = [keys]
        while True:
            frontier = levels[-1]
            owner, reached = _step(indptr, indices, frontier, b)
            found = dist[reached]
            depth = len(levels)
            on_path = (found == -1) | (found == depth)
            if not on_path.any():
                break
            reached = reached[on_path]
            dist[reached] = depth
            np.add.at(sigma, reached, sigma[frontier[owner[on_path]]])
            levels.append(distinct(reached))
        for depth in range(len(levels) - 2, -1, -1):
            frontier = levels[depth]
            owner, reached = _step(indptr, indices, frontier, b)
            on_path = dist[reached] == depth + 1
            reached = reached[on_path]
            pulled = np.bincount(owner[on_path], weights=(1.0 + delta[reached]) / sigma[reached], minlength=len(frontier))
            delta[frontier] = sigma[frontier] * pulled
        delta[keys] = 0.0
        touched = np.concatenate(levels)  # every pair reached, once each
        values = delta[touched]
        total += np.bincount(touched // b, weights=values, minlength=n)
        squares += np.bincount(touched // b, weights=np.square(values), minlength=n)
        dist[touched], sigma[touched], delta[touched] = -1, 0.0, 0.0
    return total, squares


def _step(indptr, indices, frontier, b: int):
    """One step along the edges from the (node, end) pairs ``frontier``: for each edge, its pair's position and the pair it reaches."""
    import numpy as np

    rows = frontier // b
    start, degree = indptr[rows], indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(frontier)), degree)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    return owner, indices[start[owner] + offset] * b + (frontier % b)[owner]


def _relative_error(total, squares, k: int, population: int, top: int) -> float:
    """Median relative standard error of the ``top`` highest estimates from a sample of ``k`` of ``population`` ends."""
    import numpy as np

    best = np.argsort(-total, kind="stable")[:top]
    mean = total[best] / k
    variance = np.maximum(squares[best] / k - mean**2, 0.0) * k / max(k - 1, 1)
    error = np.sqrt((1 - k / population) * variance / k) / np.where(mean > 0, mean, np.inf)
    return float(np.median(error)) if len(best) else 0.0

"""How much of the supply network runs through each node.

* :func:`supply_path_centrality` (used for ranking): the share of all
  source-to-end-use supply paths that pass through a node. On a DAG that is
  (paths from the sources into the node) x (paths from it to the end uses),
  two passes in topological order: exact and O(V + E). Where the flow has
  cycles (a recycling loop, two firms supplying each other) the strongly
  connected components are condensed first and every member of a component
  gets the component's value; the result says so.
* :func:`flow_betweenness`: shortest-path betweenness on the flow graph, the
  measure of the trade-network literature; exact up to ``exact_limit`` nodes,
  sampled from ``k`` sources with a fixed seed above it and flagged
  approximate.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .flow import as_rustworkx, sources_and_sinks


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
    O(V + E): a topological sort, and Tarjan's algorithm only when it fails.
    """
    try:
        order = list(nx.topological_sort(F))
        return [[n] for n in order], {n: i for i, n in enumerate(order)}, None
    except nx.NetworkXUnfeasible:
        pass
    C = nx.condensation(F)
    order = list(nx.topological_sort(C))
    position = {c: i for i, c in enumerate(order)}
    components = [sorted(C.nodes[c]["members"], key=str) for c in order]
    index = {n: position[c] for n, c in C.graph["mapping"].items()}
    return components, index, C


def supply_path_centrality(F: nx.DiGraph, *, sources: list[str] | None = None, sinks: list[str] | None = None) -> dict[str, Any]:
    """Share of all source-to-end-use supply paths that pass through each node.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph.
    sources, sinks : list of str, optional
        Where paths start and end; by default the nodes nothing flows into
        and the ``EndUse`` nodes.

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
    default_sources, default_sinks = sources_and_sinks(F)
    sources = default_sources if sources is None else sources
    sinks = default_sinks if sinks is None else sinks
    components, index, C = condensed_order(F)
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


def _component_position(C: nx.DiGraph, component: int, index: dict[str, int]) -> int:
    """Position in topological order of a condensation node (via any of its members)."""
    return index[next(iter(C.nodes[component]["members"]))]


def flow_betweenness(F: nx.DiGraph, *, exact_limit: int = 300_000, k: int = 64, seed: int = 42) -> dict[str, Any]:
    """Shortest-path betweenness centrality of the flow graph, exact or sampled.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph (directed; paths follow the flow).
    exact_limit : int
        Exact betweenness up to this many edges; above it, sample.
    k, seed : int
        Number of sampled source nodes and the random seed (fixed, so two
        runs agree).

    Returns
    -------
    dict
        ``values`` (node -> normalised betweenness), ``exact`` (bool), ``k``
        (sources used) and ``seed`` (None when exact).

    Examples
    --------
    >>> r = flow_betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))
    >>> r["exact"], r["values"]["b"]
    (True, 0.5)

    Notes
    -----
    Brandes' algorithm, O(V E) exact and O(k E) sampled. Exact runs in
    rustworkx (compiled, both cores): at 100k flow edges it took 0.4 s where
    NetworkX took 9 s for a sample of 256 sources, and was exact. Sampled
    runs in NetworkX (rustworkx has no sampling). On layered supply networks
    whose betweenness is flat across a tier, source sampling ranks the top
    nodes poorly (the benchmark measures it), which is one reason the
    chokepoint ranking rests on :func:`supply_path_centrality` instead.
    """
    n = F.number_of_nodes()
    if F.number_of_edges() <= exact_limit or k >= n:
        import rustworkx as rx

        R, nodes = as_rustworkx(F)
        values = rx.digraph_betweenness_centrality(R, normalized=True)
        return {"values": {nodes[i]: v for i, v in values.items()}, "exact": True, "k": n, "seed": None}
    return {"values": nx.betweenness_centrality(F, k=k, seed=seed), "exact": False, "k": k, "seed": seed}

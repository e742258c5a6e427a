"""Single points of failure in a supply-flow graph.

Three views of the same question, "which nodes can cut an end use off":

* :func:`supply_dominators`: the nodes every supply path from any mining
  source to an end use passes through (dominators from a super-source that
  feeds every source; directed).
* :func:`minimum_supply_cut`: the fewest nodes whose loss cuts an end use off
  from every source (Menger; directed). A dominator is a cut of size 1.
* :func:`undirected_cut_structure`: articulation points and bridges. NetworkX
  defines these for undirected graphs only, so this one works on the
  **undirected** projection of the flow (direction of flow is ignored): a
  cut vertex there splits the network into parts that share no link at all.
"""

from __future__ import annotations

from collections import defaultdict, deque
from itertools import islice
from typing import Any

import networkx as nx

from .flow import sources_and_sinks
from .flowgraph import flow_graph
from .integers import as_rustworkx, flow_arrays, in_tails, out_edges_of, upstream_of

SUPER_SOURCE = "__supply__"
"""The artificial node that feeds every source of the flow."""


def supply_dominators(F: nx.DiGraph, end_uses: list[str] | None = None, *, sources: list[str] | None = None) -> dict[str, list[str]]:
    """For each end use, the nodes that every supply path into it passes through.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph.
    end_uses : list of str, optional
        Sinks to analyse; every ``EndUse`` node by default.
    sources : list of str, optional
        Where supply starts; the nodes nothing flows into by default.

    Returns
    -------
    dict
        End use -> its dominators, nearest to the end use first. An end use
        that no source reaches maps to an empty list.

    Examples
    --------
    >>> F = nx.DiGraph([("mine1", "oxide"), ("mine2", "oxide"), ("oxide", "magnet"), ("magnet", "motor")])
    >>> F.nodes["motor"]["label"] = "EndUse"
    >>> supply_dominators(F)
    {'motor': ['magnet', 'oxide']}

    Notes
    -----
    One run of Cooper-Harvey-Kennedy (rustworkx's compiled
    ``immediate_dominators``, the same tree as NetworkX's in a fraction of the
    time: 0.02 s against 0.9 s at 100k edges) from a super-source, near-linear
    in V + E, then a walk up the dominator tree per end use. Cycles are
    allowed.
    """
    import rustworkx as rx

    targets = end_uses if end_uses is not None else sources_and_sinks(F)[1]
    feeds = sources if sources is not None else sources_and_sinks(F)[0]
    if SUPER_SOURCE in F:
        raise ValueError(f"the flow graph already has a node named {SUPER_SOURCE!r}")
    R, nodes = as_rustworkx(F)  # a copy: the super-source is added to it
    index = flow_arrays(F)[1]
    root = R.add_node(SUPER_SOURCE)
    R.extend_from_edge_list([(root, index[s]) for s in feeds])
    idom = rx.immediate_dominators(R, root)
    result = {}
    for end_use in targets:
        chain = []
        i = index.get(end_use)
        if i is not None and i in idom:
            while idom[i] != i and idom[i] != root:
                i = idom[i]
                chain.append(nodes[i])
        result[end_use] = chain
    return result


def minimum_supply_cut(
    F: nx.DiGraph, end_uses: list[str] | None = None, *, sources: list[str] | None = None, dominators: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """For each end use, a smallest set of nodes whose loss cuts it off from every source.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow graph.
    end_uses : list of str, optional
        Sinks to analyse; every ``EndUse`` node by default.
    sources : list of str, optional
        Where supply starts; the nodes nothing flows into by default.
    dominators : dict, optional
        The result of :func:`supply_dominators`, to skip the flow computation
        where a dominator already is a cut of size 1.

    Returns
    -------
    dict
        End use -> sorted node ids of one minimum cut (minimum cuts need not
        be unique). Sources themselves may be in the cut; end uses with no
        supply map to an empty list.

    Examples
    --------
    >>> F = nx.DiGraph([("a", "x"), ("a", "y"), ("x", "u"), ("y", "u")])
    >>> F.nodes["u"]["label"] = "EndUse"
    >>> minimum_supply_cut(F)
    {'u': ['a']}

    Notes
    -----
    A unit-capacity maximum flow per end use on its upstream only, k + 1
    breadth-first searches for a cut of k nodes: O(k (V + E)) in the size of
    that upstream, whose arcs are listed once per end use (the searches never
    scan a hub's arcs that leave it, nor the sources of other end uses). Where
    ``dominators`` names one, the nearest dominator is returned instead
    (any dominator is a minimum cut of size 1).
    """
    import numpy as np

    FG = flow_graph(F)
    targets = end_uses if end_uses is not None else sources_and_sinks(FG)[1]
    result: dict[str, list[str]] = {}
    todo = []
    for end_use in targets:
        if dominators and dominators.get(end_use):
            result[end_use] = [dominators[end_use][0]]
        else:
            todo.append(end_use)
    if not todo:
        return result
    if SUPER_SOURCE in FG:
        raise ValueError(f"the flow graph already has a node named {SUPER_SOURCE!r}")
    feeds = np.zeros(FG.n, dtype=bool)
    feeds[[FG.index[s] for s in (sources if sources is not None else sources_and_sinks(FG)[0])]] = True
    for end_use in todo:
        target = FG.index[end_use]
        upstream = upstream_of(FG, target)
        if not feeds[upstream].any():
            result[end_use] = []
            continue
        result[end_use] = sorted((FG.nodes[i] for i in _min_node_cut(FG, feeds, target, upstream)), key=str)
    return result


def _min_node_cut(FG, feeds, target: int, upstream) -> set[int]:
    """A minimum node cut between a super-source feeding ``feeds`` and ``target`` inside ``upstream`` (its ancestors).

    Node numbers of a FlowGraph; ``feeds`` a mask of the sources. Unit-capacity
    maximum flow on the node-split graph (every node but the two ends is an
    arc of capacity 1 from its "in" to its "out" copy; original arcs are
    unbounded, so only nodes can be cut), augmenting along shortest paths
    (Edmonds-Karp): k + 1 breadth-first searches for a cut of k nodes. Of the
    minimum cuts it returns the one nearest the end use (found by a last
    search backwards from it), which names plants and products rather than
    mines: that cut is the same whichever maximum flow was found, so the
    order the arcs are listed in does not change it. Same size as
    :func:`networkx.algorithms.connectivity.minimum_st_node_cut` (tests check
    it), without building an auxiliary and a residual graph.
    """
    import numpy as np

    root = -1
    inside = np.append(upstream, target)
    # Arcs inside the upstream, listed once: every search then follows only these (a hub's out-arcs mostly leave the
    # upstream, and each search rescanned them). The upstream is closed under predecessors, so its in-arcs are all of them.
    degrees = (FG.in_ptr[inside + 1] - FG.in_ptr[inside]).tolist()
    _, tails = out_edges_of(FG.in_ptr, in_tails(FG), inside)
    tails, fed = iter(tails.tolist()), feeds[inside].tolist()
    pred: dict = {v: [*islice(tails, d)] + ([root] if f else []) for v, d, f in zip(inside.tolist(), degrees, fed)}
    pred[root] = []
    succ: dict = {v: [] for v in pred}
    for v, before in pred.items():
        for u in before:
            succ[u].append(v)
    through: set = set()  # nodes whose inner arc carries flow
    flow_in: dict = defaultdict(set)  # v -> the u of original arcs (u, v) that carry flow (at most 1: a node passes 1)
    flow_out: dict = defaultdict(set)  # u -> the v of the same arcs
    IN, OUT = 0, 1

    def search() -> tuple[dict, bool]:
        parent: dict = {(root, OUT): None}
        queue = deque([(root, OUT)])
        while queue:
            state = queue.popleft()
            node, side = state
            if side == IN:
                if node == target:
                    return parent, True
                steps = [] if node in through else [(node, OUT)]
                steps += [(u, OUT) for u in flow_in.get(node, ())]
            else:  # original arcs: unbounded capacity
                steps = [(w, IN) for w in succ[node]]
                if node in through:
                    steps.append((node, IN))
            for nxt in steps:
                if nxt not in parent:
                    parent[nxt] = state
                    queue.append(nxt)
        return parent, False

    while True:
        parent, found = search()
        if not found:
            break
        state = (target, IN)
        while parent[state] is not None:
            before = parent[state]
            (u, side_u), (v, _) = before, state
            if u == v:  # the inner arc of a node, forwards or backwards
                (through.add if side_u == IN else through.discard)(u)
            elif side_u == OUT:  # an original arc u -> v, forwards
                flow_in[v].add(u)
                flow_out[u].add(v)
            else:  # backwards along v -> u
                flow_in[u].discard(v)
                flow_out[v].discard(u)
            state = before
    # The cut nearest the end use: nodes whose "out" copy still reaches it in the residual graph and whose "in" copy does not.
    reaches = {(target, IN)}
    queue = deque(reaches)
    while queue:
        node, side = queue.popleft()
        if side == IN:
            before = [(u, OUT) for u in pred[node]]
            if node in through:
                before.append((node, OUT))
        else:
            before = [] if node in through else [(node, IN)]
            before += [(w, IN) for w in flow_out.get(node, ())]
        for state in before:
            if state not in reaches:
                reaches.add(state)
                queue.append(state)
    return {node for node, side in reaches if side == OUT and node != root and (node, IN) not in reaches}


def undirected_cut_structure(F: nx.DiGraph) -> dict[str, Any]:
    """Articulation points and bridges of the **undirected** projection of a flow graph.

    The direction of flow is ignored (``F.to_undirected()``), as NetworkX's
    :func:`~networkx.articulation_points` and :func:`~networkx.bridges` require:
    a cut vertex splits the network into parts with no link in either
    direction.

    Returns
    -------
    dict
        ``undirected``: True; ``articulation_points``: sorted ids;
        ``bridges``: sorted (u, v) pairs with u < v.

    Examples
    --------
    >>> barbell = nx.DiGraph(nx.barbell_graph(3, 0))
    >>> undirected_cut_structure(barbell)["bridges"]
    [(2, 3)]
    >>> undirected_cut_structure(nx.DiGraph(nx.star_graph(4)))["articulation_points"]
    [0]

    Notes
    -----
    Linear, O(V + E): one depth-first search for each, in rustworkx (the
    NetworkX versions, ``nx.articulation_points`` and ``nx.bridges``, give
    the same answer; tests check it) because at a million edges they took
    about 15 s against about 2 s.
    """
    import rustworkx as rx

    R, nodes = as_rustworkx(F, directed=False)
    points = sorted((nodes[i] for i in rx.articulation_points(R)), key=str)
    pairs = (tuple(sorted((nodes[a], nodes[b]), key=str)) for a, b in rx.bridges(R))
    bridges = sorted(pairs, key=lambda e: (str(e[0]), str(e[1])))
    return {"undirected": True, "articulation_points": points, "bridges": bridges}

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

import contextlib
from collections.abc import Iterator
from typing import Any

import networkx as nx
from networkx.algorithms.connectivity import build_auxiliary_node_connectivity, minimum_st_node_cut

from .flow import as_rustworkx, sources_and_sinks

SUPER_SOURCE = "__supply__"
"""The artificial node that feeds every source of the flow."""


@contextlib.contextmanager
def _super_source(F: nx.DiGraph, sources: list[str] | None = None) -> Iterator[str]:
    """Temporarily add :data:`SUPER_SOURCE` with an edge to every source; removed afterwards."""
    if SUPER_SOURCE in F:
        raise ValueError(f"the flow graph already has a node named {SUPER_SOURCE!r}")
    feeds = sources if sources is not None else sources_and_sinks(F)[0]
    F.add_edges_from((SUPER_SOURCE, s) for s in feeds)
    try:
        yield SUPER_SOURCE
    finally:
        F.remove_node(SUPER_SOURCE)


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
    One run of Cooper-Harvey-Kennedy (:func:`networkx.immediate_dominators`)
    from a super-source, near-linear in V + E, then a walk up the dominator
    tree per end use. Cycles are allowed.
    """
    targets = end_uses if end_uses is not None else sources_and_sinks(F)[1]
    with _super_source(F, sources) as root:
        idom = nx.immediate_dominators(F, root)
    result = {}
    for end_use in targets:
        chain = []
        node = end_use
        if node in idom:
            while idom[node] != node and idom[node] != root:
                node = idom[node]
                chain.append(node)
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
    A maximum-flow computation per end use (Edmonds-Karp via
    :func:`minimum_st_node_cut`) on the node-split auxiliary digraph of the
    end use's upstream only: O(V E^2) in the size of that upstream in the
    worst case, far less on layered supply networks. Where
    ``dominators`` names one, the nearest dominator is returned instead
    (any dominator is a minimum cut of size 1).
    """
    targets = end_uses if end_uses is not None else sources_and_sinks(F)[1]
    result: dict[str, list[str]] = {}
    todo = []
    for end_use in targets:
        if dominators and dominators.get(end_use):
            result[end_use] = [dominators[end_use][0]]
        else:
            todo.append(end_use)
    if not todo:
        return result
    with _super_source(F, sources) as root:
        for end_use in todo:
            upstream = nx.ancestors(F, end_use)
            if root not in upstream:
                result[end_use] = []
                continue
            # A plain copy of the upstream's structure: flow on a subgraph view of a large graph is slow.
            H = nx.DiGraph((p, n) for n in upstream | {end_use} for p in F.pred[n])
            result[end_use] = sorted(minimum_st_node_cut(H, root, end_use, auxiliary=build_auxiliary_node_connectivity(H)), key=str)
    return result


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

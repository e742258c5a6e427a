"""Views: the part of the knowledge graph an export shows.

A whole rare-earth graph is too big to look at, so an export picks a view:
the neighbourhood of one entity, or everything upstream of one end use along
the supply flow. Views are plain node sets turned into induced subgraphs, so
what a page draws is exactly the stored facts among the chosen entities.
Pure functions on the ``MultiDiGraph`` of :meth:`Store.to_networkx`; no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from supplygraph.errors import NotFound, SupplygraphError, did_you_mean

FLOW_TYPES = frozenset({"PRODUCES", "INPUT_TO", "USED_IN", "SUPPLIES", "RESTRICTS"})
"""Relationship types that point the way material flows: from the mine towards the end use."""

REVERSED_FLOW_TYPES = frozenset({"DEPENDS_ON"})
"""Types that point against the flow: ``X DEPENDS_ON Y`` means Y is upstream of X."""

CONTEXT_TYPES = frozenset({"OPERATES", "SUBSIDIARY_OF", "ISSUED_BY"})
"""Who controls what is upstream: operators of facilities, parents of firms, issuers of policies."""

DEFAULT_MAX_NODES = 1500
"""Past this many nodes a page takes long to lay out and is too dense to read."""


class ViewTooLarge(SupplygraphError):
    """A view holds more nodes than the page can show readably."""


@dataclass
class View:
    """A subgraph to export, with words saying what it is.

    Attributes
    ----------
    graph : the induced subgraph (a copy), node and edge attributes as in the store.
    title : one line naming the view, for the page heading.
    description : one sentence saying what the view contains.
    focus : the entity the view is built around, if any.
    kind : ``"neighbourhood"``, ``"upstream"`` or ``"whole"``.
    """

    graph: nx.MultiDiGraph
    title: str
    description: str
    focus: str | None = None
    kind: str = "whole"


def _require(G: nx.MultiDiGraph, node_id: str) -> None:
    """Raise :class:`NotFound`, with the closest ids as suggestions, when ``node_id`` is not in ``G``."""
    if node_id in G:
        return
    hint = did_you_mean(node_id, ((n, d.get("name"), d.get("aliases") or ()) for n, d in G.nodes(data=True)))
    raise NotFound(f"no entity with id {node_id!r} in the store{hint}")


def neighbourhood(G: nx.MultiDiGraph, node_id: str, depth: int = 1) -> set[str]:
    """Nodes within ``depth`` hops of ``node_id``, edges followed in either direction.

    Parameters
    ----------
    G : knowledge graph.
    node_id : the centre.
    depth : number of hops (0 is the node alone).

    Returns
    -------
    set of node ids, ``node_id`` included.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(G, "a", 2))
    ['a', 'b', 'c']

    Notes
    -----
    Breadth-first search, O(V + E) in the part of the graph reached.
    """
    _require(G, node_id)
    if depth < 0:
        raise SupplygraphError(f"depth must be 0 or more, not {depth}")
    seen = {node_id}
    frontier = [node_id]
    for _ in range(depth):
        reached = []
        for node in frontier:
            for other in (*G.successors(node), *G.predecessors(node)):
                if other not in seen:
                    seen.add(other)
                    reached.append(other)
        frontier = reached
    return seen


def _feeders(G: nx.MultiDiGraph, node: str) -> Iterable[str]:
    """Nodes directly upstream of ``node`` in the supply flow."""
    for source, _, edge_type in G.in_edges(node, data="type"):
        if edge_type in FLOW_TYPES:
            yield source
    for _, target, edge_type in G.out_edges(node, data="type"):
        if edge_type in REVERSED_FLOW_TYPES:
            yield target


def upstream(G: nx.MultiDiGraph, end_use: str, *, context: bool = True) -> set[str]:
    """Everything upstream of ``end_use`` along the supply flow.

    Follows ``PRODUCES``, ``INPUT_TO``, ``USED_IN``, ``SUPPLIES`` and
    ``RESTRICTS`` backwards and ``DEPENDS_ON`` forwards from the end use, so
    the result holds the materials it is made from, their producers and
    suppliers (firms, facilities, countries) and the policies that restrict
    them. With ``context``, adds one hop of control: operators of upstream
    facilities, parents of upstream firms and issuers of upstream policies.

    Parameters
    ----------
    G : knowledge graph.
    end_use : id of the sink, usually an ``EndUse`` (any node works).
    context : add controllers of what is upstream.

    Returns
    -------
    set of node ids, ``end_use`` included.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:CN", "material:ore", type="PRODUCES")
    >>> _ = G.add_edge("material:ore", "enduse:motor", type="USED_IN")
    >>> _ = G.add_edge("material:ore", "element:Nd", type="CONTAINS")
    >>> sorted(upstream(G, "enduse:motor"))
    ['country:CN', 'enduse:motor', 'material:ore']

    Notes
    -----
    Breadth-first search against the flow, O(V + E) in the part reached.
    """
    _require(G, end_use)
    seen = {end_use}
    queue = deque([end_use])
    while queue:
        node = queue.popleft()
        for feeder in _feeders(G, node):
            if feeder not in seen:
                seen.add(feeder)
                queue.append(feeder)
    if context:
        controllers = set()
        for node in seen:
            for source, _, edge_type in G.in_edges(node, data="type"):
                if edge_type == "OPERATES":
                    controllers.add(source)
            for _, target, edge_type in G.out_edges(node, data="type"):
                if edge_type in ("SUBSIDIARY_OF", "ISSUED_BY"):
                    controllers.add(target)
        seen |= controllers
    return seen


def tiers(G: nx.MultiDiGraph, end_use: str) -> dict[str, int]:
    """How many supply steps each node of an upstream view sits before ``end_use`` (the end use is 0).

    Distances follow the flow backwards as :func:`upstream` does; an
    operator, parent or issuer sits one step before what it controls; any
    other node takes one step before its nearest placed neighbour.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:CN", "material:ore", type="PRODUCES")
    >>> _ = G.add_edge("material:ore", "enduse:motor", type="USED_IN")
    >>> _ = G.add_edge("org:op", "country:CN", type="OPERATES")
    >>> tiers(G, "enduse:motor")
    {'enduse:motor': 0, 'material:ore': 1, 'country:CN': 2, 'org:op': 3}

    Notes
    -----
    Breadth-first search, O(V + E).
    """
    tier = {end_use: 0}
    queue = deque([end_use])
    while queue:
        node = queue.popleft()
        for feeder in _feeders(G, node):
            if feeder not in tier:
                tier[feeder] = tier[node] + 1
                queue.append(feeder)
    for node in list(tier):
        for source, _, edge_type in G.in_edges(node, data="type"):
            if edge_type == "OPERATES":
                tier.setdefault(source, tier[node] + 1)
        for _, target, edge_type in G.out_edges(node, data="type"):
            if edge_type in ("SUBSIDIARY_OF", "ISSUED_BY"):
                tier.setdefault(target, tier[node] + 1)
    for node in G:
        if node not in tier:
            placed = [tier[n] for n in (*G.successors(node), *G.predecessors(node)) if n in tier]
            tier[node] = min(placed) + 1 if placed else max(tier.values()) + 1
    return tier


def _name(G: nx.MultiDiGraph, node_id: str) -> str:
    return str(G.nodes[node_id].get("name") or node_id)


def select_view(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    end_use: str | None = None,
    documents: bool = False,
    max_nodes: int | None = None,
) -> View:
    """Pick the view an export shows: a neighbourhood, an end use's supply chain, or everything.

    Parameters
    ----------
    G : knowledge graph.
    focus : centre of a neighbourhood view.
    depth : hops around ``focus``.
    end_use : sink of an upstream view (exclusive with ``focus``).
    documents : keep ``Document`` nodes; by default they are left out, since
        every fact already lists its sources and a page full of documents
        hides the supply chain.
    max_nodes : refuse a view with more nodes than this (``None``: no limit).

    Returns
    -------
    View

    Raises
    ------
    NotFound : an id is not in the graph.
    ViewTooLarge : the view exceeds ``max_nodes``.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> select_view(G, focus="a").graph.number_of_nodes()
    2

    Notes
    -----
    O(V + E) for the selection plus the copy of the subgraph.
    """
    if focus and end_use:
        raise SupplygraphError("choose one of focus and end use, not both")
    if focus:
        ids = neighbourhood(G, focus, depth)
        title = f"{_name(G, focus)}: neighbourhood"
        description = (
            f"Everything within {depth} hop{'s' if depth != 1 else ''} of {_name(G, focus)} ({focus}), "
            "following facts in either direction."
        )
    elif end_use:
        ids = upstream(G, end_use)
        title = f"{_name(G, end_use)}: supply chain"
        description = (
            f"Everything upstream of {_name(G, end_use)} ({end_use}) along the supply flow: the materials it is "
            "made from, who produces and supplies them, the policies that restrict them, and who operates, "
            "owns or issues those."
        )
    else:
        ids = set(G.nodes)
        title = "The whole graph"
        description = "Every entity and fact in the store."
    if not documents:
        kept = {n for n in ids if G.nodes[n].get("label") != "Document" or n in (focus, end_use)}
        if len(kept) < len(ids):
            description += " Source documents are listed in the tooltips rather than drawn."
        ids = kept
    if max_nodes is not None and len(ids) > max_nodes:
        what = f"the neighbourhood of {focus} at depth {depth}" if focus else (
            f"the supply chain of {end_use}" if end_use else "the whole graph")
        narrower = (
            "a smaller --depth" if focus
            else "--focus ID --depth N for one entity's neighbourhood" if end_use
            else "--focus ID --depth N (one entity's neighbourhood) or --end-use ID (one end use's supply chain)"
        )
        raise ViewTooLarge(
            f"{what} has {len(ids):,} nodes, more than --max-nodes {max_nodes:,}: narrow it with {narrower}, "
            "or raise --max-nodes (pages past about 1,500 nodes are slow to lay out and hard to read)"
        )
    kind = "neighbourhood" if focus else "upstream" if end_use else "whole"
    return View(induced(G, ids), title, description, focus or end_use, kind)


def induced(G: nx.MultiDiGraph, ids: set[str]) -> nx.MultiDiGraph:
    """The subgraph of ``G`` on ``ids``, a copy, with nodes and edges in ``G``'s order.

    ``G.subgraph(ids)`` iterates in the order of the set ``ids``, which
    changes with Python's hash seed between runs; the page drawn from it, and
    so the HTML file, would differ from one export to the next.
    """
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in ids)
    H.add_edges_from((u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True) if u in ids and v in ids)
    return H

"""The supply flow as arrays: node ids interned to integers, CSR adjacency both ways, per-edge columns.

The projection (:func:`.flow.supply_flow`) gives a NetworkX ``DiGraph``
with one attribute dict per edge (918,792 of them at a million stored
edges); every analysis reading those dicts is a Python pass over a million
objects. :class:`FlowGraph` holds the same graph as NumPy arrays, shared by
the analyses, with attribute dicts looked up only for the rows a report
prints, and NetworkX kept as the public API (:meth:`FlowGraph.to_networkx`,
made lazily; :func:`flow_graph` goes the other way, once per graph).

API (what the analyses may rely on)
-----------------------------------
Nodes are numbered ``0 .. n-1`` in ``F``'s node order; edges ``0 .. m-1`` in
``F.edges()`` order (by tail in node order, then each tail's ``F._succ``
order), so an edge's number is its position in :func:`.integers.flow_arrays`.

``FG = supply_flow_graph(G, ...)`` (:mod:`.flow`)
    The projection made as a FlowGraph (:meth:`FlowGraph.from_flows`), no
    ``DiGraph`` built; :func:`.flow.supply_flow` is its ``to_networkx()``.
``FG = flow_graph(F)``
    The FlowGraph of a projected ``DiGraph``: for ``supply_flow``'s the one it
    was made from; otherwise made once (:meth:`FlowGraph.from_networkx`) and
    kept in NetworkX's cache of ``F``, which every change through NetworkX
    clears. A FlowGraph given is returned as it is, so an analysis can take either.
``FG.nodes`` (list of ids), ``FG.index`` (id -> int), ``FG.n``, ``FG.m``, ``len(FG)``, ``id in FG``
``FG.graph``
    ``F.graph`` (policies, controllers, categories, pipeline, assumptions...).
``FG.node_data[i]`` / ``FG.node(id)``
    Node ``i``'s attribute dict (the same dict as ``F.nodes[id]``);
    ``FG.node_column("label")``: one attribute of every node, a list (cached).
``FG.tails``, ``FG.heads``
    int64[m]: edge ``e`` goes ``tails[e] -> heads[e]``.
``FG.out_ptr``
    int64[n+1]: node ``i``'s out-edges are the edges ``out_ptr[i]:out_ptr[i+1]``
    (contiguous, in ``F._succ[id]`` order; ``FG.successors(i)`` = their heads).
``FG.in_ptr``, ``FG.in_edges``
    int64[n+1], int64[m]: node ``i``'s in-edges are
    ``in_edges[in_ptr[i]:in_ptr[i+1]]`` (edge numbers, in ``F._pred[id]``
    order; ``FG.predecessors(i)`` = their tails).
``FG.types``
    int8[m], a code into :data:`TYPES` (= ``FLOW_TYPES``: PRODUCES, INPUT_TO, USED_IN, SUPPLIES).
``FG.weight``
    float64[m], NaN where the edge's ``weight`` is None. A float column: a
    weight stored as an int (an ``INPUT_TO`` share of 1) reads 1.0 here;
    :meth:`FlowGraph.edge_attrs` has the value as the report prints it.
``FG.basis``
    int8[m], a code into :data:`BASES` (countries, organisations); -1 where none (not ``PRODUCES``).
``FG.listed``, ``FG.unreviewed``
    bool[m].
``FG.column(name)``
    Any other attribute of every edge as a list (None where missing), made
    once on first use: ``share``, ``year``, ``edition``, ``sources``, ``group``...
``FG.numbers(name)``
    The same as float64, NaN where missing (for figures: ``share``, ``volume_t``...).
``FG.codes(name)``
    (int32[m], values): each edge's value as an index into the list of
    distinct values in first-seen order, -1 where missing (``edition``, ``inherited``...).
``FG.edge_attrs(e)``
    Edge ``e``'s attribute dict as NetworkX has it (for the rows a report
    prints); ``FG.edge(u, v)`` the number of the edge ``u -> v`` (ints), or -1.
``FG.to_networkx()``
    A ``DiGraph`` with the same nodes, edges, orders and attribute dicts
    (the original when made from one; cached), for library algorithms and Python callers.

The integer passes of :mod:`.integers` (``flow_arrays``, ``flow_csr``,
``topological_generations``, ``as_rustworkx``) accept a FlowGraph as they
accept a ``DiGraph``, and give the same arrays.
"""

from __future__ import annotations

from itertools import chain, islice, repeat
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np

from .integers import cached

TYPES = ("PRODUCES", "INPUT_TO", "USED_IN", "SUPPLIES")
"""Edge type codes of :attr:`FlowGraph.types` (the flow types, :data:`.flow.FLOW_TYPES`)."""

BASES = ("countries", "organisations")
"""Basis codes of :attr:`FlowGraph.basis` (:data:`.flow.BASES`)."""

_CACHE_KEY = "supplygraph_flow_graph"
_TYPE_CODE = {t: i for i, t in enumerate(TYPES)}
_BASIS_CODE = {b: i for i, b in enumerate(BASES)}


class FlowGraph:
    """A projected supply flow as arrays (see the module's docstring for the API). Read-only once made."""

    def __init__(self, nodes: list[str], node_data: list[dict], graph: dict, tails, heads, edge_dicts: list[dict],
                 in_edges=None, *, original: nx.DiGraph | None = None, index: dict[str, int] | None = None) -> None:  # fmt: skip
        """From nodes in order, edges in out-adjacency order (tails ascending) and their attribute dicts.

        ``in_edges``: the edge numbers grouped by head in each head's in-edge
        order; default: by head, then edge number (what insertion gives when
        edges are added in their numbers' order). ``index``: node id ->
        position, when the caller has made it (at a million edges, 173k
        nodes, a second one cost 0.1 s).
        """
        self.nodes = nodes
        self.index = {node: i for i, node in enumerate(nodes)} if index is None else index
        self.node_data = node_data
        self.graph = graph
        self.n, self.m = len(nodes), len(tails)
        self.tails = np.asarray(tails, dtype=np.int64)
        self.heads = np.asarray(heads, dtype=np.int64)
        if self.m and np.any(self.tails[1:] < self.tails[:-1]):
            raise ValueError("FlowGraph: edges must come grouped by tail, in node order")
        self.out_ptr = _pointers(self.tails, self.n)
        self.in_ptr = _pointers(self.heads, self.n)
        self.in_edges = (np.argsort(self.heads, kind="stable") if in_edges is None
                         else np.asarray(in_edges, dtype=np.int64))  # fmt: skip
        self._edge_dicts = edge_dicts
        self._networkx = original
        self._columns: dict[str, Any] = {}
        self._node_columns: dict[str, list] = {}
        # the caches of .integers read this dict as they read a DiGraph's
        self.__networkx_cache__ = {"supplygraph_flow_arrays": (self.nodes, self.index, self.tails, self.heads)}

    @classmethod
    def from_networkx(cls, F: nx.DiGraph) -> FlowGraph:
        """The FlowGraph of a projected ``DiGraph``: the same node dicts, edge dicts and orders (O(V + E), C-level passes)."""
        nodes = list(F._node)
        index = {node: i for i, node in enumerate(nodes)}
        adjacency = F._succ.values()
        degrees = np.fromiter(map(len, adjacency), dtype=np.int64, count=len(nodes))
        m = int(degrees.sum())
        tails = np.repeat(np.arange(len(nodes), dtype=np.int64), degrees)
        heads = np.fromiter(map(index.__getitem__, chain.from_iterable(adjacency)), dtype=np.int64, count=m)
        edge_dicts = list(chain.from_iterable(map(dict.values, adjacency)))
        # F._succ[u][v] and F._pred[v][u] are one dict: its identity gives each in-edge its number
        number = {id(d): e for e, d in enumerate(edge_dicts)}
        in_edges = np.fromiter(map(number.__getitem__, map(id, chain.from_iterable(map(dict.values, F._pred.values())))),
                               dtype=np.int64, count=m)  # fmt: skip
        return cls(nodes, list(F._node.values()), F.graph, tails, heads, edge_dicts, in_edges, original=F, index=index)

    @classmethod
    def from_flows(cls, nodes: list[str], node_data: list[dict], graph: dict, flows: list[tuple[str, str, dict]]) -> FlowGraph:
        """From edges in the order they are added, ``(tail id, head id, attribute dict)``, ends among ``nodes``.

        The orders ``DiGraph.add_edge`` would give, one at a time: each node's
        out- and in-edges in the order of their pair's first edge; a pair's
        later dicts update its first (which stays; not copied). The
        projection's way (:func:`.flow.supply_flow_graph`), a few NumPy sorts
        instead of two dict insertions per edge.
        """
        index = {node: i for i, node in enumerate(nodes)}
        count, width = len(flows), max(1, len(nodes))
        tails = np.fromiter(map(index.__getitem__, map(itemgetter(0), flows)), dtype=np.int64, count=count)
        heads = np.fromiter(map(index.__getitem__, map(itemgetter(1), flows)), dtype=np.int64, count=count)
        dicts = list(map(itemgetter(2), flows))
        by_pair = np.argsort(tails * width + heads, kind="stable")  # each pair's edges together, in order
        pairs = (tails * width + heads)[by_pair]
        again = pairs[1:] == pairs[:-1]  # by_pair[j + 1] repeats the pair of by_pair[j]
        kept = np.arange(count, dtype=np.int64)
        if again.any():
            first = by_pair[np.maximum.accumulate(np.where(np.concatenate(([False], again)), 0, np.arange(count)))]
            for j in (np.flatnonzero(again) + 1).tolist():
                dicts[first[j]].update(dicts[by_pair[j]])
            kept = np.sort(by_pair[np.concatenate(([True], ~again))])
        out = kept[np.argsort(tails[kept], kind="stable")]  # edge e is flows[out[e]]: by tail, then first added
        in_edges = np.lexsort((out, heads[out]))  # by head, then first added
        return cls(nodes, node_data, graph, tails[out], heads[out], list(map(dicts.__getitem__, out.tolist())), in_edges, index=index)

    # nodes

    def __len__(self) -> int:
        return self.n

    def __contains__(self, node: object) -> bool:
        return node in self.index

    def node(self, node: str) -> dict:
        """The attribute dict of the node with this id."""
        return self.node_data[self.index[node]]

    def node_column(self, name: str) -> list:
        """One attribute of every node, in node order (None where missing); made once."""
        column = self._node_columns.get(name)
        if column is None:
            column = self._node_columns[name] = [d.get(name) for d in self.node_data]
        return column

    def successors(self, i: int):
        """The heads of node ``i``'s out-edges, in out-edge order."""
        return self.heads[self.out_ptr[i]:self.out_ptr[i + 1]]

    def predecessors(self, i: int):
        """The tails of node ``i``'s in-edges, in in-edge order."""
        return self.tails[self.in_edges[self.in_ptr[i]:self.in_ptr[i + 1]]]

    def edge(self, u: int, v: int) -> int:
        """The number of the edge ``u -> v``, or -1."""
        start = int(self.out_ptr[u])
        found = np.flatnonzero(self.heads[start:self.out_ptr[u + 1]] == v)
        return start + int(found[0]) if found.size else -1

    # edge columns

    def edge_attrs(self, e: int) -> dict:
        """Edge ``e``'s attribute dict (the graph's own: not to be changed)."""
        return self._edge_dicts[e]

    def column(self, name: str) -> list:
        """Attribute ``name`` of every edge, in edge order, None where missing; made once."""
        key = ("column", name)
        column = self._columns.get(key)
        if column is None:
            column = self._columns[key] = [d.get(name) for d in self._edge_dicts]
        return column

    def numbers(self, name: str):
        """Attribute ``name`` of every edge as float64, NaN where missing or None; made once."""
        key = ("numbers", name)
        column = self._columns.get(key)
        if column is None:
            values = self.column(name)
            column = self._columns[key] = np.fromiter((np.nan if x is None else x for x in values), dtype=np.float64,
                                                      count=self.m)  # fmt: skip
        return column

    def codes(self, name: str) -> tuple[Any, list]:
        """Attribute ``name`` of every edge as int32 codes into its distinct values (first-seen order), -1 where missing."""
        key = ("codes", name)
        found = self._columns.get(key)
        if found is None:
            code: dict = {None: -1}
            values: list = []

            def intern(value: Any) -> int:
                c = code.get(value)
                if c is None:
                    c = code[value] = len(values)
                    values.append(value)
                return c

            found = self._columns[key] = (np.fromiter(map(intern, self.column(name)), dtype=np.int32, count=self.m), values)
        return found

    @property
    def types(self):
        """int8 codes into :data:`TYPES`."""
        return self._core()[0]

    @property
    def weight(self):
        """float64, NaN where the weight is None."""
        return self._core()[1]

    @property
    def basis(self):
        """int8 codes into :data:`BASES`, -1 where an edge has no basis."""
        return self._core()[2]

    @property
    def listed(self):
        """bool: a ``PRODUCES`` edge of the chosen vintage."""
        return self._core()[3]

    @property
    def unreviewed(self):
        """bool: the edge's fact is an extracted one nobody accepted yet."""
        return self._core()[4]

    def _core(self) -> tuple:
        """The five columns every report reads, made together on first use: one pass over the edge dicts, each a
        cache miss at a million edges (five passes: 1.3-1.6 s; one: 0.7 s, and 0.4 s to make the arrays)."""
        core = self._columns.get("core")
        if core is None:
            m = self.m
            if m:
                types, weights, bases, listed, unreviewed = zip(*[(d.get("type"), d.get("weight"), d.get("basis"), d.get("listed"),
                                                                   d.get("unreviewed")) for d in self._edge_dicts])  # fmt: skip
            else:
                types = weights = bases = listed = unreviewed = ()
            core = self._columns["core"] = (
                np.fromiter(map(_TYPE_CODE.get, types, repeat(-1)), dtype=np.int8, count=m),
                np.array(weights, dtype=np.float64).reshape(m),  # None: NaN
                np.fromiter(map(_BASIS_CODE.get, bases, repeat(-1)), dtype=np.int8, count=m),
                np.fromiter(map(bool, listed), dtype=bool, count=m),
                np.fromiter(map(bool, unreviewed), dtype=bool, count=m),
            )
        return core

    # NetworkX

    def to_networkx(self) -> nx.DiGraph:
        """The ``DiGraph`` of this flow: same nodes, edges, orders and attribute dicts (shared, not copied); made once."""
        if self._networkx is None:
            F = nx.DiGraph()
            F.graph = self.graph
            nodes, dicts = self.nodes, self._edge_dicts
            F._node.update(zip(nodes, self.node_data))
            # each node's run of (neighbour id, dict) pairs as one C-level dict(islice(...)): 1.2-1.4 s at 1M edges,
            # as long as the projection's own add_edge loop took
            out_pairs = zip(map(nodes.__getitem__, self.heads.tolist()), dicts)
            succ = {node: dict(islice(out_pairs, degree)) for node, degree in zip(nodes, np.diff(self.out_ptr).tolist())}
            in_pairs = zip(map(nodes.__getitem__, self.tails[self.in_edges].tolist()), map(dicts.__getitem__, self.in_edges.tolist()))
            pred = {node: dict(islice(in_pairs, degree)) for node, degree in zip(nodes, np.diff(self.in_ptr).tolist())}
            F._succ = F._adj = succ
            F._pred = pred
            nx._clear_cache(F)
            # the integer passes on F (.integers) find this graph's arrays: F's edges come in the same order
            F.__networkx_cache__.update({_CACHE_KEY: self, **self.__networkx_cache__})
            self._networkx = F
        return self._networkx


def flow_graph(F: nx.DiGraph | FlowGraph) -> FlowGraph:
    """The FlowGraph of ``F`` (itself when it is one), made once per graph and kept in NetworkX's cache of ``F``.

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_edge("country:CN", "material:ore", type="PRODUCES", weight=0.7, basis="countries", listed=True)
    >>> F.add_edge("material:ore", "enduse:motor", type="USED_IN", weight=None)
    >>> FG = flow_graph(F)
    >>> FG.nodes, FG.tails.tolist(), FG.heads.tolist(), FG.types.tolist(), FG.basis.tolist()
    (['country:CN', 'material:ore', 'enduse:motor'], [0, 1], [1, 2], [0, 2], [0, -1])
    >>> FG.weight.tolist()[0], FG.edge_attrs(FG.edge(1, 2))["type"], flow_graph(F) is FG
    (0.7, 'USED_IN', True)
    """
    if isinstance(F, FlowGraph):
        return F
    return cached(F, _CACHE_KEY, lambda: FlowGraph.from_networkx(F))


def _pointers(ends, n: int):
    """Row pointers of a CSR index over ``ends`` (node numbers): ``ptr[i]:ptr[i+1]`` is node ``i``'s run."""
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(ends, minlength=n), out=ptr[1:])
    return ptr

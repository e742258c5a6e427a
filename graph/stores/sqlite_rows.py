"""The embedded store's file format: how the graph is written into SQLite rows and read back into a graph.

Canonical JSON payloads, one row format for an edge and for an edge claim,
what differs between the node and the edge tables (:class:`Kind`), and the
read of the rows into NetworkX for the analyses (:func:`read_graph`). Kept
apart from the store's transactions and merge (:mod:`.embedded`), as
:mod:`.neo4j_rows` is from the Neo4j store.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import is_, itemgetter
from typing import TYPE_CHECKING, Any

from supplygraph.perf import consume, paused_gc

from .base import StoredEdge, StoredNode
from .claims import EdgeClaim, NodeClaim, merge_edge, merge_node

if TYPE_CHECKING:  # the tables (pydantic): passed in by the load path
    from supplygraph.schema.node_table import NodeTable
    from supplygraph.schema.table import FactTable

_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# JSONEncoder.encode builds a new C encoder on every call, a third of the time of encoding a small
# payload, and a load encodes one per node and fact: build it once (what encode does, minus the set-up).
_C_ENCODE = json.encoder.c_make_encoder and json.encoder.c_make_encoder(
    None, _CANONICAL.default, json.encoder.encode_basestring, None, ":", ",", True, False, True
)


_encode_string, _encode_float = json.encoder.encode_basestring, float.__repr__
"""How the canonical encoder writes a string and a float (what :func:`table_edge_rows` writes by hand)."""


def dump(value: list | dict) -> str:
    """Canonical JSON, so that equal content compares equal as text."""
    return "".join(_C_ENCODE(value, 0)) if _C_ENCODE else _CANONICAL.encode(value)


def node_from_row(row: Sequence) -> StoredNode:
    return StoredNode(row[0], row[1], row[2], tuple(json.loads(row[3])), json.loads(row[4]))


def edge_from_row(row: Sequence) -> StoredEdge:
    props, sources, evidence, confidence, reviewed = json.loads(row[4])
    return StoredEdge(row[0], row[1], row[2], row[3], props, tuple(sources), tuple(evidence), confidence, reviewed)


def node_row(node: StoredNode) -> tuple:
    return (node.id, node.label, node.name, dump(list(node.aliases)), dump(node.props))


def edge_payload(props: dict, sources: Sequence[str], evidence: Sequence[str], confidence: float, reviewed: bool) -> str:
    """What an edge or an edge claim stores besides its key, type and ends (same form for both: an edge's last
    element says whether it is reviewed, a claim's whether it is curated, so one curated claim is its own edge)."""
    return dump([props, sorted(sources) if len(sources) > 1 else sources, evidence, confidence, reviewed])


def table_edge_rows(table: FactTable, origin: int, numbers: Numbers) -> list[tuple]:
    """The edge rows of a facts table's rows in key order, each a curated claim of ``origin`` alone on its edge (the
    payload :func:`edge_payload` gives) with its ends' ``numbers``, with what rows repeat (a type's properties with
    the sources) encoded once.

    Rows with the same cells besides their ends and evidence share one
    properties dict (:func:`.fact_table`), so the payload's start is found by
    that dict's identity (an int hashes faster than the values); only the
    evidence is encoded per row. The ends are numbered in file order (new
    ones as met: source, then target), and the columns are gathered and
    zipped into rows by C loops: half the CPU of one Python loop making each
    row (0.8 against 1.5 s at 500,000 facts).
    """
    rows = table.rows
    # id(props) -> the props (held: the id stays theirs) and the payload's text before and after the evidence, and
    # without evidence. Rows share a props dict only when they share every cell but their ends and evidence
    # (:class:`.FactRow`), so also their sources and confidence: the first row with the dict gives them.
    heads: dict[int, tuple[dict, str, str, str]] = {}
    for props, docs, confidence in dict(zip(map(id, map(itemgetter(6), rows)), map(itemgetter(6, 3, 5), rows))).values():
        start, end = f"[{dump(props)},{dump(sorted(docs))},", f",{_encode_float(confidence)},true]"
        heads[id(props)] = (props, start, end, f"{start}[]{end}")
    ends = list(map(numbers.__getitem__, itertools.chain.from_iterable(map(itemgetter(1, 2), rows))))
    payloads = [f"{head[1]}[{_encode_string(evidence)}]{head[2]}" if evidence else head[3]
                for head, evidence in zip(map(heads.__getitem__, map(id, map(itemgetter(6), rows))), map(itemgetter(4), rows))]  # fmt: skip
    edge_rows = list(zip(map(itemgetter(7), rows), map(itemgetter(0), rows), map(itemgetter(1), rows), map(itemgetter(2), rows),
                         payloads, itertools.repeat(origin), ends[0::2], ends[1::2]))  # fmt: skip
    edge_rows.sort(key=itemgetter(0))  # keys are distinct: ordered by key (3x faster than comparing the tuples)
    return edge_rows


def table_node_rows(table: NodeTable, origin: int) -> tuple[list[tuple], list[tuple]]:
    """The node rows of an entities table's rows and their claim rows of ``origin``, in id order, each node its one
    claim: the rows :func:`node_row` of :func:`.merge_node` and :func:`node_claim_payload` give, with what rows
    share (their label, their properties: one dict per distinct set, :func:`.node_table`) encoded once."""
    texts: dict[int, tuple[Any, str]] = {}  # id(label or props) -> the object (held: the id stays its), its JSON
    rows, claims = [], []
    for node_id, label, name, aliases, props, *_ in sorted(table.rows, key=itemgetter(0)):
        known = texts.get(id(props))
        if known is None:
            known = texts[id(props)] = (props, dump(props))
        kind = texts.get(id(label))
        if kind is None:
            kind = texts[id(label)] = (label, _encode_string(label))
        listed = dump(aliases)
        rows.append((node_id, label, name, dump([a for a in aliases if a != name]) if name in aliases else listed, known[1]))
        claims.append((origin, node_id, f"[{kind[1]},{_encode_string(name)},{listed},{known[1]}]"))
    return rows, claims


def edge_row(edge: StoredEdge) -> tuple:
    return (edge.key, edge.type, edge.source, edge.target, edge_payload(edge.props, edge.sources, edge.evidence, edge.confidence, edge.reviewed))


ROWS_PER_STATEMENT = 4000
"""Rows :func:`insert_rows` gives one INSERT statement (fewer when SQLite allows fewer variables)."""


def insert_rows(db: sqlite3.Connection, head: str, rows: Iterable[tuple]) -> None:
    """What ``db.executemany(head + " VALUES (?, ...)", rows)`` does, with up to :data:`ROWS_PER_STATEMENT` rows to a
    statement (``INSERT ... VALUES (...), (...), ...``): the same rows in the same order, at about 60 % of the CPU
    (500,000 edge rows: 1.17 against 1.85 s, as SQLite steps once per statement, not once per row)."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return
    width = len(rows[0])
    per = max(1, min(ROWS_PER_STATEMENT, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    one = f"({', '.join('?' * width)})"
    whole = len(rows) - len(rows) % per
    if whole:
        sql = f"{head} VALUES {', '.join([one] * per)}"
        for start in range(0, whole, per):
            db.execute(sql, list(itertools.chain.from_iterable(rows[start:start + per])))
    if whole < len(rows):
        db.executemany(f"{head} VALUES {one}", rows[whole:])


NODE_COLUMNS = "key, label, name, aliases, props"
EDGE_COLUMNS = "key, type, source, target, payload"


class Numbers(dict):
    """Node keys -> their numbers as edges' ends (``node_ids``, store format 5): the stored numbers given, and a key
    not numbered yet given the next one when first asked for (listed in ``fresh``, for the writer to store). A dict
    hit costs what a lookup costs: a load numbers a million ends as it makes their rows."""

    def __init__(self, known: Iterable[tuple[str, int]], top: int | None) -> None:
        super().__init__(known)
        self.next = (top or 0) + 1
        self.fresh: list[tuple[int, str]] = []

    def __missing__(self, key: str) -> int:
        number = self[key] = self.next
        self.next += 1
        self.fresh.append((number, key))
        return number


def number_ends(db: sqlite3.Connection) -> None:
    """Give every edge row without its ends' numbers (a file of an older format) those numbers, numbering its ends."""
    db.execute("INSERT OR IGNORE INTO node_ids (key) SELECT source FROM edges WHERE source_id IS NULL "
               "UNION SELECT target FROM edges WHERE source_id IS NULL")  # fmt: skip
    db.execute("UPDATE edges SET source_id = (SELECT id FROM node_ids WHERE key = edges.source), "
               "target_id = (SELECT id FROM node_ids WHERE key = edges.target) WHERE source_id IS NULL")  # fmt: skip


def node_claim_payload(c: NodeClaim) -> str:
    return dump([c.label, c.name, c.aliases, c.props])


def edge_claim_payload(c: EdgeClaim) -> str:
    return edge_payload(c.props, c.sources, c.evidence, c.confidence, c.curated)


@dataclass(frozen=True)
class Kind:
    """How nodes or edges are kept: merged table, claims table, and the functions between them."""

    table: str
    claims: str
    columns: str
    ends: str
    """Columns of the merged table that claims do not repeat (an edge's type and ends follow from its key; for an
    extracted fact whose every statement was rejected, no merged edge is left, so they come from ``extracted_ends``)."""
    claim: Callable[[str, str, list, tuple], Any]
    payload: Callable[[Any], str]
    merge: Callable[[list], Any]
    row: Callable[[Any], tuple]
    single_row: Callable[[Any, str], tuple] | None = None
    """The merged row of a key with one claim, from that claim and its encoded payload (saves encoding twice)."""
    folded: str | None = None
    """Claims kept as their merged row, not in the claims table (each claim's payload written once): the SELECT of
    their rows as claim rows (key, origin, payload, ends), or None when every claim has its own row. A claim is kept so
    when it is its key's only claim and curated, whose row is the claim itself; the row's ``origin`` names it."""

    @property
    def written(self) -> str:
        """The columns a write gives: ``columns`` and, for an edge, its ends' numbers (:class:`Numbers`)."""
        return f"{self.columns}, source_id, target_id" if self.table == "edges" else self.columns


NODES = Kind(
    "nodes", "node_claims", NODE_COLUMNS, "NULL",
    lambda origin, key, payload, _: NodeClaim(origin, key, *payload), node_claim_payload, merge_node, node_row,
)  # fmt: skip
EDGES = Kind(
    "edges", "edge_claims", EDGE_COLUMNS + ", origin",
    "COALESCE(m.type, x.type), COALESCE(m.source, x.source), COALESCE(m.target, x.target)",
    lambda origin, key, payload, ends: EdgeClaim(origin, key, *ends, *payload), edge_claim_payload, merge_edge, edge_row,
    lambda claim, payload: (claim.key, claim.type, claim.source, claim.target, payload),
    "SELECT m.key, o.origin, m.payload, m.type, m.source, m.target FROM edges m JOIN origins o ON o.id = m.origin",
)  # fmt: skip


BATCH = 4096
"""Flow facts decoded per batch: one JSON scan each (attribute names shared within it), small enough to stay in cache."""


class FlowFacts:
    """The flow facts a read keeps out of its graph (:meth:`.EmbeddedStore.analysis_graph`), in the graph's adjacency
    order: iterated, one (source, target, type, properties, sources, reviewed) tuple per fact, as
    :meth:`.Store.analysis_graph` promises; or :meth:`batches`, the same facts as six parallel lists per batch; or
    :meth:`shared`, each batch's payloads as their texts' numbers and decodings shared between the facts of one text.

    The batches let the projection take a batch of plain facts with a few C-level passes over its lists instead of
    its rules one fact at a time (:mod:`..analyses.flowbulk`); iterating gives the same tuples from the same lists.
    Either way, once: the facts are decoded as they are taken and dropped once passed.

    ``nodes``: the graph's nodes in order, whose positions :meth:`shared` gives as each fact's ends besides their ids
    (the sorted read's integers, which the projection files by), or None when the read has none (its general path).
    """

    def __init__(self, count: int, ends: Callable[[int, int], tuple], decoding: _Decoding | None,
                 nodes: list[str] | None = None) -> None:  # fmt: skip
        """``count`` facts; ``ends`` (start, stop): their sources, targets, types and, with ``nodes``, the sources' and
        targets' positions in ``nodes`` (two NumPy arrays); ``decoding``: their payloads."""
        self._count, self._ends, self._decoding, self.nodes = count, ends, decoding, nodes

    def __iter__(self) -> Iterator[tuple]:
        return itertools.chain.from_iterable(itertools.starmap(zip, self.batches()))

    def batches(self) -> Iterator[tuple[list, ...]]:
        """(sources, targets, types, properties, sources cited, reviewed): one list each, of the batch's facts in order."""
        return ((sources, targets, kinds, *self.own(numbers, entries)) for sources, targets, kinds, numbers, entries, _ in self.shared())

    def shared(self) -> Iterator[tuple]:
        """(sources, targets, types, payload numbers, decodings, positions): a list each, of the batch's facts in order
        (a decoding is the (properties, sources cited, reviewed) of its text, shared by the facts of that text: read,
        not changed); positions: the ends' positions in :attr:`nodes` (tails, heads: NumPy arrays), or None."""
        for start in range(0, self._count, BATCH):
            sources, targets, kinds, *positions = self._ends(start, start + BATCH)
            yield (sources, targets, kinds, *self._decoding.entries(start, start + BATCH), tuple(positions) if positions else None)
        self._ends = self._decoding = None  # taken once: the read's arrays let go (the report holds the stream till its end)

    def own(self, numbers: list[int], entries: list[tuple]) -> tuple[list, list, list]:
        """A shared batch's (properties, sources cited, reviewed), every fact its own dict and list (:class:`_Decoding`)."""
        return self._decoding.own(numbers, entries)


class Payloads(dict):
    """Payload texts -> their numbers, in the order first met: a read keeps each distinct text once and its facts the
    number. A facts table's rows repeat their payloads (the same figures, sources and no evidence): the million flow
    facts of the generated benchmark network hold 7,440 distinct texts."""

    def __missing__(self, text: str) -> int:
        number = self[text] = len(self)
        return number


class _Decoding:
    """The payloads of a stream of flow facts (their texts' numbers, :class:`Payloads`, in stream order) decoded a batch
    at a time: each distinct text scanned once, in one scan of the texts a batch meets first, its decoding kept until
    its last fact has passed; every fact gets its own properties dict and sources list (each document id one shared
    string object) and its reviewed flag, by C-level maps, no Python loop per fact.

    A text shared by several facts gives each a copy (a dict copied costs a fraction of a dict decoded; a deep copy
    where the properties hold a list or a dict), so nothing is shared between two facts' attributes but strings and
    numbers. (Decoded batch by batch, the benchmark network's 7,440 texts were scanned 206,000 times, 915 a batch.)
    """

    def __init__(self, scan: Callable, texts: list, numbers: Any, strings: dict[str, str]) -> None:
        import numpy as np

        self.scan, self.texts, self.strings = scan, texts, strings
        self.numbers = np.asarray(numbers, dtype=np.int64)
        self.repeated = np.bincount(self.numbers, minlength=len(texts)) > 1
        # the texts in the order of their last fact, and those positions: the decodings each batch lets go
        met, first_from_end = np.unique(self.numbers[::-1], return_index=True)
        last = len(self.numbers) - 1 - first_from_end
        self.by_last, self.last = met[np.argsort(last, kind="stable")].tolist(), np.sort(last)
        self.released = 0
        self.done: list[tuple | None] = [None] * len(texts)  # number -> (properties, sources, reviewed), while needed
        self.nested: set[int] = set()  # repeated texts whose properties hold a list or a dict (rare: no figure does)

    def entries(self, start: int, stop: int) -> tuple[list[int], list[tuple]]:
        """The facts ``start:stop``: their texts' numbers and decodings (properties, sources cited, reviewed), shared."""
        at = self.numbers[start:stop].tolist()
        done, texts = self.done, self.texts
        met = list(dict.fromkeys(at))
        new = list(itertools.compress(met, map(is_, map(done.__getitem__, met), itertools.repeat(None))))  # not decoded yet
        if new:
            payloads = self.scan("[" + ",".join(map(texts.__getitem__, new)) + "]", 0)[0]
            cited = map(itemgetter(1), payloads)
            sources = map(list, map(map, itertools.repeat(self.strings.setdefault), *itertools.tee(cited)))
            decoded = zip(map(itemgetter(0), payloads), sources, map(itemgetter(4), payloads))
            consume(map(done.__setitem__, new, decoded))
            consume(map(texts.__setitem__, new, itertools.repeat(None)))  # decoded: the texts let go
            repeated = itertools.compress(zip(new, payloads), self.repeated[new].tolist())  # (the texts given as copies)
            self.nested.update(n for n, (props, *_) in repeated if any(isinstance(v, (list, dict)) for v in props.values()))
        entries = list(map(done.__getitem__, at))
        passed = int(self.last.searchsorted(stop))  # the texts whose last fact is before stop
        consume(map(done.__setitem__, self.by_last[self.released:passed], itertools.repeat(None)))
        self.released = passed
        return at, entries

    def own(self, numbers: list[int], entries: list[tuple]) -> tuple[list, list, list]:
        """Decodings of :meth:`entries` as (properties, sources cited, reviewed) lists, each fact its own dict and list."""
        props, sources, reviewed = (list(map(itemgetter(i), entries)) for i in range(3))
        if self.repeated[numbers].any():  # a text some other fact has too: each fact its own copy
            if not self.nested.isdisjoint(numbers):
                props = [copy.deepcopy(p) for p in props]
            else:
                props = list(map(dict, props))
            sources = list(map(list, sources))
        return props, sources, reviewed


def read_graph(query: Callable[..., sqlite3.Cursor], keep: set[str] | None, reviewed_only: bool,
               flow_types: frozenset[str], numbered: bool = True) -> tuple[Any, FlowFacts]:  # fmt: skip
    """The store's rows as a NetworkX graph (only the nodes in ``keep``, when given), and the facts of ``flow_types``
    kept out of it as a stream (:meth:`.EmbeddedStore.analysis_graph`); ``query`` runs SQL on the store (with
    parameters); ``numbered``: the edge rows carry their ends' numbers (store format 5), which the sorted read needs."""
    import networkx as nx  # here: commands that never build a graph (load, extract, stats) need not import it

    scan = json.JSONDecoder().scan_once  # json.loads minus its per-call checks
    graph = nx.MultiDiGraph()
    nodes, succ, pred = graph._node, graph._succ, graph._pred
    strings: dict[str, str] = {}  # one object per distinct id or document id
    ids: dict[str, str] = {}  # node id -> the node's own id object (one lookup says whether an edge's end has a node)
    # source -> target -> its flow facts; every pair is listed at its first fact of any type, which is where
    # the pair stands in the full graph's adjacency, so the stream comes in that order
    flows: dict[str, dict[str, list]] = defaultdict(dict)
    kinds: dict[str, str] = {}  # one string per type: a million facts held their own copy of "PRODUCES" each
    texts = Payloads()  # the flow facts' payload texts, each kept once

    def decoded(rows: list[tuple]) -> Iterator[tuple]:
        """Rows ending in their payload, with the payload decoded: one scan per batch, so attribute names are shared."""
        payloads = scan("[" + ",".join(row[-1] for row in rows) + "]", 0)[0]
        for row, (props, sources, evidence, confidence, reviewed) in zip(rows, payloads):
            yield row, props, [strings.setdefault(s, s) for s in sources], evidence, confidence, reviewed

    def add_context(rows: list[tuple]) -> None:
        """Rows of facts (key, type, source, target, payload) into the graph, ends and type already the shared objects."""
        for (key, kind, source, target, _), props, sources, evidence, confidence, reviewed in decoded(rows):
            parallel = succ[source].get(target)
            if parallel is None:
                parallel = succ[source][target] = pred[target][source] = {}
            parallel[key] = {"type": kind, **props, "sources": sources, "evidence": evidence, "confidence": confidence,
                             "reviewed": reviewed}  # fmt: skip

    cache = query("PRAGMA cache_size").fetchone()[0]
    # A read passes each page once: a small page cache while it runs (the loads' 256 MiB would stay allocated
    # beside the graph: at a million facts the report's peak was 1.59 GiB with it, 1.42 GiB without).
    query("PRAGMA cache_size = -16384")
    sorted_read = bool(flow_types) and keep is None and numbered
    numbers: list[int | None] = []  # each node's number as an edge's end (node_ids), None if it is none's
    with paused_gc(), contextlib.ExitStack() as restore:
        restore.callback(query, f"PRAGMA cache_size = {int(cache)}")
        node_rows = (query("SELECT n.key, n.label, n.name, n.aliases, n.props, i.id FROM nodes n "
                           "LEFT JOIN node_ids i ON i.key = n.key ORDER BY n.key") if sorted_read
                     else query(f"SELECT {NODE_COLUMNS}, NULL FROM nodes ORDER BY key"))  # fmt: skip
        for key, label, name, aliases, props, number in node_rows:
            if keep is None or key in keep:
                nodes[key] = {"label": label, "name": name, "aliases": scan(aliases, 0)[0], **scan(props, 0)[0]}
                succ[key], pred[key] = {}, {}
                strings[key] = ids[key] = key
                numbers.append(number)
        if sorted_read:
            # (a payload's last element says whether the edge is reviewed: edge_payload); a flow fact's key is not read
            reviewed = " WHERE substr(payload, -5) = 'true]'" if reviewed_only else ""
            flowing = sorted(flow_types)
            rows = query(f"SELECT CASE WHEN type IN ({', '.join('?' * len(flowing))}) THEN NULL ELSE key END, type, "
                         f"source_id, target_id, payload FROM edges{reviewed} ORDER BY key", flowing)  # fmt: skip
            split = _split_rows(rows, list(nodes), numbers, flow_types, scan, strings)
            if split is not None:
                context, facts = split
                for start in range(0, len(context), 4096):
                    add_context(context[start:start + 4096])
                return graph, facts
        rows = query(f"SELECT {EDGE_COLUMNS} FROM edges ORDER BY key")
        while batch := rows.fetchmany(4096):
            context = []
            for key, kind, source, target, payload in batch:
                if (reviewed_only and not payload.endswith("true]")) or (keep is not None and (source not in keep or target not in keep)):
                    continue  # (a payload's last element says whether the edge is reviewed: edge_payload)
                start, end = ids.get(source), ids.get(target)  # the node's own id object, None for an end without one
                if start is None or end is None:
                    for bare in (source, target):
                        if bare not in nodes:  # as add_edge would: an end without a node row gets a bare node
                            graph.add_node(bare)
                            strings[bare] = ids[bare] = bare
                    start, end = ids[source], ids[target]
                source, target, kind = start, end, kinds.setdefault(kind, kind)
                if flow_types:
                    facts = flows[source].get(target)
                    if facts is None:
                        facts = flows[source][target] = []
                    if kind in flow_types:
                        facts.append((source, target, kind, texts[payload]))
                        continue
                context.append((key, kind, source, target, payload))
            add_context(context)

    if not flow_types:
        return graph, FlowFacts(0, list, None)
    # the general read's stream, where an edge's end has no node row or only some nodes are kept (else _split_rows):
    # the flow facts by source in the graph's node order, as its adjacency runs
    stream = [fact for source in list(nodes) for facts in flows.pop(source, {}).values() for fact in facts]
    starts, ends, types, numbers = (list(column) for column in zip(*stream)) if stream else ([], [], [], [])
    return graph, FlowFacts(len(stream), lambda a, b: (starts[a:b], ends[a:b], types[a:b]),
                            _Decoding(scan, list(texts), numbers, strings))  # fmt: skip


def _split_rows(rows: sqlite3.Cursor, nodes: list[str], numbers: list[int | None], flow_types: frozenset[str],
                scan: Callable, strings: dict[str, str]) -> tuple[list[tuple], FlowFacts] | None:  # fmt: skip
    """The edge rows (in key order; key, or None for a flow fact, type, the ends' numbers, payload) parted: the context
    facts' rows, their ends and type the shared objects, and the flow facts as :func:`read_graph`'s stream, in the same
    order; None when an edge's end has no node row. ``numbers``: each node's number (``node_ids``), in ``nodes`` order.

    The stream's order is the full graph's adjacency: by source in ``nodes``' order, each source's targets in the order
    of the pair's first fact of any type, then by key. Instead of filing a million facts into dicts of dicts, each
    row's ends become their nodes' positions (the stored numbers through one array: no end string is read) and its
    type an integer (one C-level map per batch), and NumPy sorts them: the payloads are
    decoded a batch at a time in that order, as the projection takes them. (Filed by pair, each fact was a tuple kept
    in a scattered list, and handing them out cost more than decoding them.)
    """
    import numpy as np

    known = [(number, i) for i, number in enumerate(numbers) if number is not None]
    position = np.full(max((number for number, _ in known), default=0) + 1, -1, np.int64)  # number -> node's position
    if known:
        position[[number for number, _ in known]] = [i for _, i in known]
    flow_kinds = sorted(flow_types)
    code = {kind: i for i, kind in enumerate(flow_kinds)}
    columns: tuple[list, list, list] = ([], [], [])  # per batch: tails, heads, flow type codes (-1: context)
    texts = Payloads()  # the flow facts' payload texts, each kept once
    numbers: list = []  # per batch: each row's text number (-1: context)
    context: list[tuple] = []
    kinds: dict[str, str] = {}
    while batch := rows.fetchmany(65536):
        keys, types, sources, targets, payloads = zip(*batch)
        try:
            ends = np.array((sources, targets), np.int64)
        except TypeError:
            return None  # a row without its numbers (never written so): the general read
        if ends.max() >= len(position) or ends.min() < 0:
            return None  # a number no node row has: as below
        tails, heads = position[ends]
        if tails.min() < 0 or heads.min() < 0:
            return None  # an end without a node row: the general read adds a bare node for it
        codes = np.fromiter(map(code.get, types, itertools.repeat(-1)), np.int64, len(batch))
        for j, tail, head in zip(*(a.tolist() for a in (np.flatnonzero(codes < 0), tails[codes < 0], heads[codes < 0]))):
            key, kind, payload = keys[j], types[j], payloads[j]
            context.append((key, kinds.setdefault(kind, kind), nodes[tail], nodes[head], payload))
        for column, values in zip(columns, (tails, heads, codes)):
            column.append(values)
        numbers.append(np.full(len(batch), -1, np.int64))
        numbers[-1][codes >= 0] = np.fromiter(map(texts.__getitem__, itertools.compress(payloads, (codes >= 0).tolist())), np.int64)
    tails, heads, codes = (np.concatenate(c) if c else np.zeros(0, np.int64) for c in columns)
    order = _stream_order(tails, heads, np.flatnonzero(codes >= 0), len(nodes))

    def flow_ends(start: int, stop: int) -> tuple[list, list, list, Any, Any]:
        chunk = order[start:stop]
        starts, ends = tails[chunk], heads[chunk]
        return (list(map(nodes.__getitem__, starts.tolist())), list(map(nodes.__getitem__, ends.tolist())),
                list(map(flow_kinds.__getitem__, codes[chunk].tolist())), starts, ends)  # fmt: skip

    stream = np.concatenate(numbers)[order] if numbers else np.zeros(0, np.int64)
    return context, FlowFacts(len(order), flow_ends, _Decoding(scan, list(texts), stream, strings), nodes)


def _stream_order(tails, heads, flowing, n: int):
    """The positions of the ``flowing`` rows (of all rows, ends' positions ``tails`` and ``heads`` among ``n`` nodes,
    in key order) sorted by source, then their pair's first row of any type, then key: the stream's order.

    Each sort key packed into one int64 where the numbers fit (a million rows, 188k nodes: 58 bits), so two plain
    sorts do what ``np.unique`` and a three-key ``lexsort`` did (0.12 s against 0.21-0.26 s at a million rows)."""
    import numpy as np

    count = len(tails)
    if not count:
        return flowing
    row_bits, node_bits = max(1, (count - 1).bit_length()), max(1, (n - 1).bit_length())
    if 2 * node_bits + row_bits > 62 or node_bits + 2 * row_bits > 62:  # (not at any size a machine holds today)
        _, first, pair = np.unique(tails * max(1, n) + heads, return_index=True, return_inverse=True)
        return flowing[np.lexsort((flowing, first[pair[flowing]], tails[flowing]))]
    rows = np.sort(((tails * n + heads) << row_bits) | np.arange(count, dtype=np.int64))  # by pair, then row
    pairs, rows = rows >> row_bits, rows & ((1 << row_bits) - 1)
    starts = np.concatenate(([True], pairs[1:] != pairs[:-1]))
    first = np.empty(count, np.int64)
    first[rows] = rows[starts][np.cumsum(starts) - 1]  # each row's pair's first row
    return np.sort((tails[flowing] << (2 * row_bits)) | (first[flowing] << row_bits) | flowing) & ((1 << row_bits) - 1)

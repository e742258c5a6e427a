"""Mirroring a local store into Neo4j (``supplygraph neo4j push``) and reading a Neo4j graph back (``pull``).

:func:`push` writes a local store's merged graph in batches, one
transaction per batch; the derived properties it writes with the nodes
(chokepoint scores) come from its caller, so the store layer never runs an
analysis. :func:`pull` reads a graph curated in Neo4j Browser back as one
validated load unit.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from supplygraph.errors import NotFound, did_you_mean

from . import DEFAULT_BATCH_SIZE, cypher
from .base import Progress, Store, StoredEdge, StoredNode
from .cypher import Statement
from .neo4j_rows import PulledGraph, PushLedger, batches, edge_rows_by_type, node_rows_by_label, pulled_unit, row_digest
from .neo4j_store import Neo4jStore


@dataclass
class PushSummary:
    """What a push wrote, per label and type: rows pushed (sent, or unchanged since the last push and not sent),
    created, updated (sent again: changed since the last push, or that push is not known)."""

    nodes: dict[str, dict[str, int]] = field(default_factory=dict)
    edges: dict[str, dict[str, int]] = field(default_factory=dict)
    chokepoints: int = 0
    seconds: float = 0.0
    unreviewed: int = 0
    """Relationships pushed that stand only on extracted facts nobody has accepted (``reviewed: false`` in Neo4j)."""
    left_out_unreviewed: int = 0
    """Relationships ``--reviewed-only`` kept back."""

    def totals(self) -> dict[str, int]:
        return {
            "nodes": sum(c["written"] for c in self.nodes.values()),
            "edges": sum(c["written"] for c in self.edges.values()),
            "created": sum(c["created"] for c in (*self.nodes.values(), *self.edges.values())),
            "updated": sum(c["updated"] for c in (*self.nodes.values(), *self.edges.values())),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "chokepoints": self.chokepoints,
            "totals": self.totals(),
            "seconds": round(self.seconds, 3),
            "unreviewed": self.unreviewed,
            "left_out_unreviewed": self.left_out_unreviewed,
        }


def select(
    source: Store, *, labels: Sequence[str] = (), ids: Sequence[str] = ()
) -> tuple[list[StoredNode], list[StoredEdge]]:
    """The nodes to push (all, or those of ``labels`` and ``ids``) and the edges between them (unreviewed ones too:
    :func:`push` leaves those out when asked)."""
    for name in labels:
        cypher.label(name)
    nodes = list(source.nodes())
    if labels or ids:
        wanted_ids = set(ids)
        missing = sorted(wanted_ids - {n.id for n in nodes})
        if missing:
            hint = did_you_mean(missing[0], ((n.id, n.name, n.aliases) for n in nodes))
            raise NotFound(f"no entity with id {missing[0]!r} in the local store{hint}")
        nodes = [n for n in nodes if n.label in labels or n.id in wanted_ids]
        keep = {n.id for n in nodes}
        edges = [e for e in source.edges() if e.source in keep and e.target in keep]
    else:
        edges = list(source.edges())
    return nodes, edges


def push(
    target: Neo4jStore,
    nodes: Sequence[StoredNode],
    edges: Sequence[StoredEdge],
    *,
    scores: Mapping[str, Mapping[str, Any]] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    reviewed_only: bool = False,
    ledger: PushLedger | None = None,
    full: bool = False,
) -> PushSummary:
    """Write nodes, then relationships, to Neo4j in batches of ``batch_size``, one transaction per batch.

    ``scores`` maps node ids to derived properties (``chokepoint_score``,
    ``chokepoint_rank``) written with the node. ``reviewed_only`` leaves out
    the edges that stand only on unreviewed extracted facts; either way the
    summary counts them. Runs the idempotent
    :meth:`Neo4jStore.init_schema` first, so even a fresh database has the
    ``Entity.id`` constraint that every ``MERGE``/``MATCH`` on ``id`` uses.

    Only rows that changed since the last push are sent: ``ledger`` (by
    default the target's own, :attr:`Neo4jStore.ledger`) holds a digest of
    each row pushed, trusted while the database's entity and relationship
    counts are those the last push left; ``full`` sends everything. Each
    batch is the plain ``UNWIND $rows ... MERGE ... SET`` and nothing else.
    Idempotent: a rerun sends nothing, creates nothing, updates nothing. A
    failing batch rolls back alone; batches before it stay written, and a
    rerun completes the push.

    Notes
    -----
    One round trip per batch of changed rows, plus two count queries; rows
    are built and compared client-side in O(n + m).
    """
    started = time.perf_counter()
    target.init_schema()
    ledger = target.ledger if ledger is None else ledger
    ledger.trust(None if full else target.counts())
    summary = PushSummary(chokepoints=len(scores or {}))
    if reviewed_only:
        summary.left_out_unreviewed = sum(1 for e in edges if not e.reviewed)
        edges = [e for e in edges if e.reviewed]
    summary.unreviewed = sum(1 for e in edges if not e.reviewed)
    for primary, rows in node_rows_by_label(nodes, scores).items():
        statement = cypher.upsert_nodes(primary)
        summary.nodes[primary] = _write_all(target, statement, rows, "n:", "id", ledger, batch_size, progress)
    for type_name, rows in edge_rows_by_type(edges).items():
        statement = cypher.upsert_edges(type_name)
        summary.edges[type_name] = _write_all(target, statement, rows, "r:", "key", ledger, batch_size, progress)
    ledger.finish(target.counts())
    summary.seconds = time.perf_counter() - started
    return summary


def _write_all(
    target: Neo4jStore, statement: Statement, rows: Sequence[Mapping[str, Any]], prefix: str, id_field: str,
    ledger: PushLedger, size: int, progress: Progress | None,
) -> dict[str, int]:  # fmt: skip
    """Send the rows whose digest differs from the ledger's, in batches; count rows, created, updated (sent again)."""
    digests = {prefix + row[id_field]: row_digest(statement.name, row) for row in rows}
    changed = [row for row in rows if ledger.digests.get(prefix + row[id_field]) != digests[prefix + row[id_field]]]
    counts = {"written": len(rows), "created": 0, "updated": 0}
    if progress:
        progress(len(rows) - len(changed))
    for batch in batches(changed, size):
        written, created = target.write_batch(statement, batch)
        ledger.record({prefix + row[id_field]: digests[prefix + row[id_field]] for row in batch})
        counts["created"] += created
        counts["updated"] += written - created
        if progress:
            progress(len(batch))
    return counts


def pull(source: Neo4jStore) -> PulledGraph:
    """The Neo4j graph as one load unit named after the server and database, validated by the schema."""
    nodes, edges = source.read_graph()
    origin = f"neo4j:{source.settings.uri}/{source.settings.database or 'default'}"
    return pulled_unit(origin, nodes, edges)

"""The embedded store: one SQLite file, no server.

Claims are kept per origin (``node_claims``, ``edge_claims``) next to the
merged graph (``nodes``, ``edges``) that reads use. A load runs in one
SQLite transaction, so a failure of any kind, a Ctrl-C or a SIGKILL leaves
the file exactly as it was before the load.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path

from supplygraph.errors import IntegrityError, StoreError
from supplygraph.schema import LoadUnit

from .claims import EdgeClaim, NodeClaim, check_units, merge_edge, merge_node, unit_claims
from .store import QUANTITY_FIELDS, Counts, LoadSummary, Progress, Stats, Store, StoredEdge, StoredNode

SCHEMA_VERSION = "1"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS origins (origin TEXT PRIMARY KEY, digest TEXT NOT NULL, loaded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_claims (
    origin TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (origin, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_claims_id ON node_claims (id);
CREATE TABLE IF NOT EXISTS edge_claims (
    origin TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    props TEXT NOT NULL, sources TEXT NOT NULL, evidence TEXT NOT NULL, confidence REAL NOT NULL,
    PRIMARY KEY (origin, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_claims_key ON edge_claims (key);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes (label);
CREATE TABLE IF NOT EXISTS edges (
    key TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, props TEXT NOT NULL,
    sources TEXT NOT NULL, evidence TEXT NOT NULL, confidence REAL NOT NULL);
CREATE INDEX IF NOT EXISTS edges_source ON edges (source);
CREATE INDEX IF NOT EXISTS edges_target ON edges (target);
CREATE INDEX IF NOT EXISTS edges_type ON edges (type);
"""


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _node(row: Sequence) -> StoredNode:
    return StoredNode(row[0], row[1], row[2], tuple(json.loads(row[3])), json.loads(row[4]))


def _edge(row: Sequence) -> StoredEdge:
    return StoredEdge(
        row[0], row[1], row[2], row[3], json.loads(row[4]), tuple(json.loads(row[5])), tuple(json.loads(row[6])), row[7]
    )


def _node_row(node: StoredNode) -> tuple:
    return (node.id, node.label, node.name, _dump(list(node.aliases)), _dump(node.props))


def _edge_row(edge: StoredEdge) -> tuple:
    return (
        edge.key, edge.type, edge.source, edge.target, _dump(edge.props),
        _dump(list(edge.sources)), _dump(list(edge.evidence)), edge.confidence,
    )  # fmt: skip


_NODE_COLUMNS = "id, label, name, aliases, props"
_EDGE_COLUMNS = "key, type, source, target, props, sources, evidence, confidence"


class EmbeddedStore(Store):
    """A supplygraph graph in one SQLite file.

    Parameters
    ----------
    path : path of the file; created on first write when ``create`` is true.
    create : when false, a missing file is an error (for read-only commands).
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run 'supplygraph demo' or 'supplygraph load' first")
        try:
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = OFF")
            version = self._version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a supplygraph store ({exc})") from exc
        if version is None:
            self._db.executescript(_DDL)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store format {version}; this supplygraph reads format {SCHEMA_VERSION}")

    def _version(self) -> str | None:
        has_meta = self._db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            if self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise sqlite3.DatabaseError("it holds other tables")
            return None
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self._db.close()

    # -- writing -----------------------------------------------------------

    def apply(self, units: Sequence[LoadUnit], progress: Progress | None = None) -> LoadSummary:
        summary = LoadSummary(inputs=len(units))
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            loaded = dict(db.execute("SELECT origin, digest FROM origins"))
            changed = []
            for unit in units:
                if loaded.get(unit.origin) == unit.digest:
                    summary.skipped_unchanged_inputs += 1
                    summary.nodes.unchanged += len({n.id for n in unit.nodes})
                    summary.edges.unchanged += len({f.key() for f in unit.facts})
                    if progress:
                        progress(len(unit.nodes) + len(unit.facts))
                else:
                    changed.append(unit)
            if changed:
                self._temp_set("replaced", (u.origin for u in changed))
                check_units(changed, self._labels_elsewhere)
                self._write(changed, summary, progress)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return summary

    def _temp_set(self, name: str, values: Iterable[str]) -> None:
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (v TEXT PRIMARY KEY)")
        self._db.execute(f"DELETE FROM {name}")
        self._db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", ((v,) for v in values))

    def _labels_elsewhere(self, ids: Sequence[str]) -> dict[str, str]:
        self._temp_set("wanted", ids)
        rows = self._db.execute(
            "SELECT c.id, c.label FROM node_claims c JOIN wanted w ON w.v = c.id "
            "WHERE c.origin NOT IN (SELECT v FROM replaced)"
        )
        return dict(rows)

    def _write(self, units: Sequence[LoadUnit], summary: LoadSummary, progress: Progress | None) -> None:
        db = self._db
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        node_ids: set[str] = set()
        edge_keys: set[str] = set()
        for unit in units:
            node_ids.update(r[0] for r in db.execute("SELECT id FROM node_claims WHERE origin = ?", (unit.origin,)))
            edge_keys.update(r[0] for r in db.execute("SELECT key FROM edge_claims WHERE origin = ?", (unit.origin,)))
            db.execute("DELETE FROM node_claims WHERE origin = ?", (unit.origin,))
            db.execute("DELETE FROM edge_claims WHERE origin = ?", (unit.origin,))
            nodes, edges = unit_claims(unit)
            db.executemany(
                "INSERT INTO node_claims VALUES (?, ?, ?, ?, ?, ?)",
                ((c.origin, c.id, c.label, c.name, _dump(c.aliases), _dump(c.props)) for c in nodes.values()),
            )
            db.executemany(
                "INSERT INTO edge_claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (c.origin, c.key, c.type, c.source, c.target, _dump(c.props), _dump(c.sources),
                     _dump(c.evidence), c.confidence)
                    for c in edges.values()
                ),
            )  # fmt: skip
            node_ids.update(nodes)
            edge_keys.update(edges)
            db.execute("INSERT OR REPLACE INTO origins VALUES (?, ?, ?)", (unit.origin, unit.digest, now))
            if progress:
                progress(len(unit.nodes) + len(unit.facts))
        removed = self._rebuild_nodes(node_ids, summary.nodes)
        self._rebuild_edges(edge_keys, summary.edges)
        if removed:
            self._refuse_dangling(removed)

    def _rebuild_nodes(self, ids: set[str], counts: Counts) -> list[str]:
        """Re-merge the given nodes from their claims; return the ids that no longer exist."""
        db = self._db
        self._temp_set("touched", ids)
        old = {r[0]: tuple(r) for r in db.execute(f"SELECT {_NODE_COLUMNS} FROM nodes JOIN touched ON v = id")}
        claims = db.execute(
            "SELECT origin, id, label, name, aliases, props FROM node_claims JOIN touched ON v = id ORDER BY id, origin"
        )
        upserts = []
        present = set()
        for node_id, rows in groupby(claims, key=lambda r: r[1]):
            merged = merge_node(
                [NodeClaim(r[0], r[1], r[2], r[3], json.loads(r[4]), json.loads(r[5])) for r in rows]
            )
            row = _node_row(merged)
            present.add(node_id)
            before = old.get(node_id)
            if before is None:
                counts.added += 1
            elif before != row:
                counts.updated += 1
            else:
                counts.unchanged += 1
                continue
            upserts.append(row)
        db.executemany(f"INSERT OR REPLACE INTO nodes ({_NODE_COLUMNS}) VALUES (?, ?, ?, ?, ?)", upserts)
        removed = [node_id for node_id in old if node_id not in present]
        db.executemany("DELETE FROM nodes WHERE id = ?", ((i,) for i in removed))
        counts.removed += len(removed)
        return removed

    def _rebuild_edges(self, keys: set[str], counts: Counts) -> None:
        db = self._db
        self._temp_set("touched", keys)
        old = {r[0]: tuple(r) for r in db.execute(f"SELECT {_EDGE_COLUMNS} FROM edges JOIN touched ON v = key")}
        claims = db.execute(
            "SELECT origin, key, type, source, target, props, sources, evidence, confidence "
            "FROM edge_claims JOIN touched ON v = key ORDER BY key, origin"
        )
        upserts = []
        present = set()
        for key, rows in groupby(claims, key=lambda r: r[1]):
            merged = merge_edge(
                [
                    EdgeClaim(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), json.loads(r[7]), r[8])
                    for r in rows
                ]
            )
            row = _edge_row(merged)
            present.add(key)
            before = old.get(key)
            if before is None:
                counts.added += 1
            elif before != row:
                counts.updated += 1
            else:
                counts.unchanged += 1
                continue
            upserts.append(row)
        db.executemany(f"INSERT OR REPLACE INTO edges ({_EDGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", upserts)
        removed = [key for key in old if key not in present]
        db.executemany("DELETE FROM edges WHERE key = ?", ((k,) for k in removed))
        counts.removed += len(removed)

    def _refuse_dangling(self, removed: list[str]) -> None:
        """A reload may drop a node that facts from other inputs still use: refuse it."""
        self._temp_set("touched", removed)
        row = self._db.execute(
            "SELECT e.type, e.source, e.target, c.origin FROM edges e JOIN touched t ON t.v IN (e.source, e.target) "
            "JOIN edge_claims c ON c.key = e.key LIMIT 1"
        ).fetchone()
        if row:
            raise IntegrityError(
                f"fact {row[0]} {row[1]}->{row[2]} from {row[3]} would be left dangling: "
                f"the reload no longer defines {', '.join(sorted(set(removed) & {row[1], row[2]}))}"
            )

    # -- reading -----------------------------------------------------------

    def _query(self, sql: str, params: Sequence = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def node(self, node_id: str) -> StoredNode | None:
        row = self._query(f"SELECT {_NODE_COLUMNS} FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return _node(row) if row else None

    def nodes(self, label: str | None = None) -> Iterator[StoredNode]:
        if label is None:
            rows = self._query(f"SELECT {_NODE_COLUMNS} FROM nodes ORDER BY id")
        else:
            rows = self._query(f"SELECT {_NODE_COLUMNS} FROM nodes WHERE label = ? ORDER BY id", (label,))
        return map(_node, rows.fetchall())

    def edges(self, type: str | None = None) -> Iterator[StoredEdge]:
        if type is None:
            rows = self._query(f"SELECT {_EDGE_COLUMNS} FROM edges ORDER BY key")
        else:
            rows = self._query(f"SELECT {_EDGE_COLUMNS} FROM edges WHERE type = ? ORDER BY key", (type,))
        return map(_edge, rows.fetchall())

    def edges_of(self, node_id: str) -> list[StoredEdge]:
        rows = self._query(
            f"SELECT {_EDGE_COLUMNS} FROM edges WHERE source = ? UNION SELECT {_EDGE_COLUMNS} FROM edges WHERE target = ? "
            "ORDER BY type, source, target",
            (node_id, node_id),
        )
        return [_edge(r) for r in rows]

    def stats(self) -> Stats:
        labels = dict(self._query("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label"))
        types = dict(self._query("SELECT type, count(*) FROM edges GROUP BY type ORDER BY type"))
        cited = self._query("SELECT count(DISTINCT j.value) FROM edges, json_each(edges.sources) j").fetchone()[0]
        has_figure = " OR ".join(f"json_extract(props, '$.{name}') IS NOT NULL" for name in QUANTITY_FIELDS)
        without = self._query(
            f"SELECT count(*) FROM edges WHERE type != 'MENTIONED_IN' AND NOT ({has_figure})"
        ).fetchone()[0]
        return Stats(
            nodes=sum(labels.values()),
            edges=sum(types.values()),
            labels=labels,
            types=types,
            sources=labels.get("Document", 0),
            cited_sources=cited,
            facts_without_quantities=without,
            origins=self._query("SELECT count(*) FROM origins").fetchone()[0],
        )


"""The embedded store: one SQLite file, no server.

Claims are kept per origin (``node_claims``, ``edge_claims``) next to the
merged graph (``nodes``, ``edges``) that reads use. A load runs in one
SQLite transaction, so a failure of any kind, a Ctrl-C or a SIGKILL leaves
the file exactly as it was before the load.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import sqlite3
import urllib.parse
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections import defaultdict
from itertools import chain, islice
from operator import attrgetter, eq, itemgetter
from typing import TYPE_CHECKING, Any
from pathlib import Path

from supplygraph.errors import IntegrityError, OutdatedStore, StoreError
from supplygraph.perf import paused_gc
from supplygraph.schema.plain import is_document

from .claims import (EdgeClaim, changed_units, check_units, edge_claims, merge_node, node_claims, only_documents_claim,
                     unit_claims)  # fmt: skip
from .base import (QUANTITY_FIELDS, Candidate, Counts, Decision, LoadSummary, Progress, Stats, Store, StoredEdge,
                   StoredNode)  # fmt: skip
from .review import candidates_of, reviewed_claims
from .sqlite_rows import (EDGE_COLUMNS, EDGES, NODE_COLUMNS, NODES, Kind, edge_from_row, node_from_row, node_row,
                          Numbers, insert_rows, read_graph, table_edge_rows, table_node_rows)  # fmt: skip
from .sqlite_format import DDL, SCHEMA_VERSION, why_not_writable
from .sqlite_upgrade import migrate

if TYPE_CHECKING:  # the models (pydantic): the load path's, not a reader's
    from supplygraph.schema import LoadUnit

class EmbeddedStore(Store):
    """A supplygraph graph in one SQLite file.

    Parameters
    ----------
    path : path of the file; created on first write when ``create`` is true.
    create : when false, a missing file is an error (for read-only commands).
    read_only : open with SQLite's read-only mode: reads work on a read-only file or file system; a load
        is refused with one line and leaves the file as it was.
    """

    migrated: str | None = None
    """One line saying the file was migrated from an older store format when it was opened, else None."""

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        if (read_only or not create) and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run 'supplygraph demo' or 'supplygraph load' first")
        target = f"file:{urllib.parse.quote(str(self.path.resolve()))}?mode=ro" if read_only else self.path
        try:
            self._db = sqlite3.connect(target, timeout=30, isolation_level=None, uri=read_only)
            self._db.execute("PRAGMA cache_size = -262144")  # 256 MiB: bulk loads insert in key order, not file order
            self._db.execute("PRAGMA temp_store = MEMORY")
            # New files only: fewer, larger pages to split in bulk inserts (about 20 % less SQL time at 500k facts).
            self._db.execute("PRAGMA page_size = 16384")
            version = self._version()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open the store {self.path}: {why_not_writable(self.path) or exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a supplygraph store ({exc})") from exc
        if version is None:
            self._db.executescript(DDL)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif version in ("2", "3", "4") and not read_only:
            why = migrate(self._db, self._rebuild, version, DDL, SCHEMA_VERSION)
            self.migrated = f"{self.path}: store format {version} migrated to {SCHEMA_VERSION} ({why})"
        elif version != SCHEMA_VERSION and not (version in ("3", "4") and read_only):
            inputs = [row[0] for row in self._db.execute("SELECT origin FROM origins ORDER BY id")] if version.isdigit() else []
            self._db.close()
            if version.isdigit() and int(version) < int(SCHEMA_VERSION):
                raise OutdatedStore(
                    f"{self.path} was built by an older supplygraph (store format {version}; this one reads format "
                    f"{SCHEMA_VERSION}): load its {len(inputs)} input(s) again into a new store",
                    inputs=inputs,
                )
            raise StoreError(f"{self.path} has store format {version}; this supplygraph reads format {SCHEMA_VERSION}")
        self._ends_numbered = version is None or self.migrated is not None or version == SCHEMA_VERSION  # ends numbered

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
        try:
            with paused_gc():
                return self._apply(units, progress)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
            raise StoreError(f"cannot write to the store {self.path}: it is read-only (the file, its folder or the file system); nothing was changed") from None

    def _apply(self, units: Sequence[LoadUnit], progress: Progress | None) -> LoadSummary:
        summary = LoadSummary(inputs=len(units))
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            changed = changed_units(units, dict(db.execute("SELECT origin, digest FROM origins")), summary, progress)
            if changed:
                self._temp_set("replaced", (u.origin for u in changed))
                check_units(changed, self._labels_elsewhere, lambda: ((n.id, n.name, n.aliases) for n in self.nodes()))
                self._write(changed, summary, progress)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return summary

    def _temp_set(self, name: str, values: Iterable[str]) -> None:
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (v TEXT PRIMARY KEY)")
        self._db.execute(f"DELETE FROM {name}")
        insert_rows(self._db, f"INSERT OR IGNORE INTO {name}", [(v,) for v in sorted(values)])

    def _labels_elsewhere(self, ids: Sequence[str]) -> dict[str, str]:
        rows = self._rows_with_keys(
            "node_claims", "c.",
            "SELECT c.key, json_extract(c.payload, '$[0]') FROM node_claims c JOIN origins o ON o.id = c.origin",
            ids, "WHERE o.origin NOT IN (SELECT v FROM replaced)",
        )  # fmt: skip
        return dict(rows)

    def _write(self, units: Sequence[LoadUnit], summary: LoadSummary, progress: Progress | None) -> None:
        db = self._db
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        node_ids: set[str] = set()
        edge_keys: set[str] = set()
        first = db.execute("SELECT 1 FROM origins LIMIT 1").fetchone() is None and not any(u.extracted for u in units)
        origin_ids, replaced = [], []
        for unit in units:
            row = db.execute("SELECT id FROM origins WHERE origin = ?", (unit.origin,)).fetchone()
            if row:
                node_ids.update(r[0] for r in db.execute("SELECT key FROM node_claims WHERE origin = ?", row))
                edge_keys.update(r[0] for r in db.execute("SELECT key FROM edge_claims WHERE origin = ?", row))
                edge_keys.update(r[0] for r in db.execute("SELECT key FROM edges WHERE origin = ?", row))
                replaced.append(row[0])
                db.execute("DELETE FROM node_claims WHERE origin = ?", row)
                db.execute("DELETE FROM edge_claims WHERE origin = ?", row)
                db.execute("UPDATE origins SET digest = ?, loaded_at = ? WHERE id = ?", (unit.stamp, now, row[0]))
                origin_ids.append(row[0])
            else:
                cursor = db.execute("INSERT INTO origins (origin, digest, loaded_at) VALUES (?, ?, ?)", (unit.origin, unit.stamp, now))
                origin_ids.append(cursor.lastrowid)
        if first and self._write_first(units, origin_ids, summary, progress):
            return
        claimed = [unit_claims(unit) for unit in units]
        new_nodes: dict[str, list] = defaultdict(list)
        new_edges: dict[str, list] = defaultdict(list)
        for nodes, edges in claimed:
            for node_id, claim in nodes.items():
                new_nodes[node_id].append(claim)
            for key, claim in edges.items():
                new_edges[key].append(claim)
        encoded = [({k: NODES.payload(c) for k, c in nodes.items()}, {k: EDGES.payload(c) for k, c in edges.items()})
                   for nodes, edges in claimed]  # fmt: skip
        single_edges = {key: payload for _, payloads in encoded for key, payload in payloads.items()}
        removed, folded_nodes = self._rebuild(NODES, node_ids | new_nodes.keys(), new_nodes, summary.nodes)
        extracted = [(c.key, c.type, c.source, c.target) for _, edges in claimed for c in edges.values() if not c.curated]
        db.executemany("INSERT OR IGNORE INTO extracted_ends VALUES (?, ?, ?, ?)", extracted)
        verdicts = self._verdicts() if extracted else {}
        _, folded_edges = self._rebuild(EDGES, edge_keys | new_edges.keys(), new_edges, summary.edges, single_edges, verdicts, replaced)
        if removed:
            self._refuse_dangling(removed)
        for unit, origin_id, payloads in zip(units, origin_ids, encoded):
            for kind, encoded_claims, folded in zip((NODES, EDGES), payloads, (folded_nodes, folded_edges)):
                rows = [(origin_id, key, encoded_claims[key]) for key in sorted(encoded_claims) if key not in folded]
                insert_rows(db, f"INSERT INTO {kind.claims}", rows)
            if progress:
                progress(unit.node_count() + unit.fact_count())

    def _write_first(self, units: Sequence[LoadUnit], origin_ids: list[int], summary: LoadSummary,
                     progress: Progress | None) -> bool:  # fmt: skip
        """A first load of curated inputs into an empty store: every node and edge is its one claim, written as it is.

        Skips the merge (no other claims to read, nothing to compare or
        remove) and writes each node's claim, encoded once, as the claim and as
        the node, and each fact's claim as its edge alone (:attr:`Kind.folded`);
        a facts table's rows go in without becoming records.
        The same rows as the general path; False, having written nothing,
        when two inputs claim the same node or fact (their merge needs it).
        """
        runs: tuple[list[list[tuple]], list[list[tuple]]] = ([], [])  # per kind, each input's rows in key order
        claims: tuple[list[tuple], list[tuple]] = ([], [])
        numbers = self._numbers(self._db.execute("SELECT key, id FROM node_ids"))  # (none: the store is empty)
        for unit, origin_id in zip(units, origin_ids):
            if unit.entities:
                node_rows, node_claim_rows = table_node_rows(unit.entities, origin_id)
                runs[0].append(node_rows)
                claims[0].extend(node_claim_rows)
            else:
                nodes = sorted(node_claims(unit).values(), key=attrgetter("id"))
                runs[0].append([node_row(merge_node([c])) for c in nodes])
                claims[0].extend((origin_id, c.id, NODES.payload(c)) for c in nodes)
            if unit.table:
                runs[1].append(table_edge_rows(unit.table, origin_id, numbers))
            else:
                runs[1].append([(c.key, c.type, c.source, c.target, EDGES.payload(c), origin_id, numbers[c.source], numbers[c.target])
                                for c in sorted(edge_claims(unit).values(), key=attrgetter("key"))])  # fmt: skip
        merged = []
        for kind_runs in runs:
            kind_runs = [run for run in kind_runs if run]
            if len(kind_runs) <= 1:  # one input's rows: their keys are distinct
                merged.append(kind_runs[0] if kind_runs else [])
                continue
            rows = sorted(chain.from_iterable(kind_runs), key=itemgetter(0))  # sorted runs: merged in linear time
            if any(map(eq, map(itemgetter(0), rows), map(itemgetter(0), islice(rows, 1, None)))):
                return False
            merged.append(rows)
        db = self._db
        insert_rows(db, "INSERT INTO node_ids", numbers.fresh)
        for kind, rows, counts, claim_rows in zip((NODES, EDGES), merged, (summary.nodes, summary.edges), claims):
            with self._indexes_deferred(kind.table, len(rows)):
                insert_rows(db, f"INSERT INTO {kind.table} ({kind.written})", rows)
            if claim_rows:
                with self._indexes_deferred(kind.claims, len(claim_rows)):
                    insert_rows(db, f"INSERT INTO {kind.claims}", claim_rows)
            counts.added += len(rows)
        if progress:
            progress(sum(unit.node_count() + unit.fact_count() for unit in units))
        return True

    def _rebuild(
        self, kind: Kind, keys: set[str], new_claims: dict[str, list], counts: Counts, encoded: dict[str, str] | None = None,
        verdicts: dict[str, str] | None = None, replaced: Sequence[int] = (),
    ) -> tuple[list[str], set[str]]:
        """Re-merge the given nodes or edges from this batch's claims and the other origins' claims.

        Called after the replaced origins' claims are deleted and before this
        batch's claims are inserted, so the claims read here are the others'
        (a claim kept as its row counts unless its origin is in ``replaced``).
        ``verdicts`` (review decisions by key) leave out rejected statements of
        extracted facts and mark accepted ones. Keeps the rule of
        :attr:`Kind.folded`: a row that stops being its only claim writes the
        claim out first, and another origin's claim left alone and curated
        moves from the claims table into its row. Returns the keys that no
        longer exist, and the keys whose one claim, from this batch, is its
        row (the caller writes no claim row for them).
        """
        db = self._db
        old = {r[0]: tuple(r) for r in self._rows_with_keys(kind.table, "", f"SELECT {kind.columns} FROM {kind.table} t", keys)}
        others: dict[str, list] = defaultdict(list)
        rows = self._rows_with_keys(
            kind.claims, "c.",
            f"SELECT c.key, o.origin, c.payload, {kind.ends} FROM {kind.claims} c "
            f"JOIN origins o ON o.id = c.origin LEFT JOIN {kind.table} m ON m.key = c.key"
            + (" LEFT JOIN extracted_ends x ON x.key = c.key" if kind is EDGES else ""),
            keys,
        )  # fmt: skip
        for key, origin, payload, *ends in rows:
            others[key].append(kind.claim(origin, key, json.loads(payload), ends))
        kept: dict[str, tuple[int, str]] = {}  # key -> origin id and payload of another origin's claim that is its row
        if kind.folded:
            where = f"WHERE m.origin NOT IN ({', '.join(map(str, replaced))})" if replaced else ""
            for key, origin, payload, *ends in self._rows_with_keys(kind.table, "m.", kind.folded, keys, where):
                others[key].append(kind.claim(origin, key, json.loads(payload), ends))
                kept[key] = (origin, payload)
        origin_ids = dict(db.execute("SELECT origin, id FROM origins")) if kind.folded else {}
        upserts, written_out, moved_in, folded = [], [], [], set()
        single_row, encoded = kind.single_row, encoded or {}
        rejected, reworked = set(), set()
        for key in sorted(keys):
            claims = new_claims.get(key, [])
            if key in others:
                claims = claims + others[key]
            if verdicts and claims and not all(c.curated for c in claims):
                reviewed = reviewed_claims(claims, verdicts)
                if reviewed != claims:
                    claims = reviewed
                    reworked.add(key)
            if not claims:
                rejected.add(key)
                continue
            if len(claims) == 1 and single_row and key in encoded and key not in reworked:
                row = single_row(claims[0], encoded[key])
            else:
                row = kind.row(kind.merge(claims))
            if kind.folded:
                alone = len(claims) == 1 and claims[0].curated
                if alone and key in new_claims:
                    folded.add(key)
                elif alone and key not in kept:
                    moved_in.append((key, origin_ids[claims[0].origin]))
                elif not alone and key in kept:
                    written_out.append((origin_ids[kept[key][0]], key, kept[key][1]))
                row = (*row, origin_ids[claims[0].origin] if alone else None)
            before = old.get(key)
            if before == row:
                counts.unchanged += 1
                continue
            if before is None:
                counts.added += 1
            elif kind.folded and before[:-1] == row[:-1]:
                counts.unchanged += 1  # the same node or edge; only where its claim is kept changed
            else:
                counts.updated += 1
            upserts.append(row)
        if kind is EDGES and upserts:
            upserts = self._numbered(upserts)
        with self._indexes_deferred(kind.table, len(upserts)):
            insert_rows(db, f"INSERT OR REPLACE INTO {kind.table} ({kind.written})", upserts)
        removed = [key for key in old if (key not in new_claims and key not in others) or key in rejected]
        db.executemany(f"DELETE FROM {kind.table} WHERE key = ?", ((k,) for k in removed))
        counts.removed += len(removed)
        db.executemany(f"DELETE FROM {kind.claims} WHERE key = ? AND origin = ?", moved_in)
        insert_rows(db, f"INSERT INTO {kind.claims}", written_out)
        return removed, folded

    def _numbered(self, rows: list[tuple]) -> list[tuple]:
        """Edge rows (key, type, source, target, ...) with their ends' numbers appended, new ends numbered (stored)."""
        ends = {row[2] for row in rows} | {row[3] for row in rows}
        numbers = self._numbers(self._rows_with_keys("node_ids", "n.", "SELECT n.key, n.id FROM node_ids n", ends))
        rows = [(*row, numbers[row[2]], numbers[row[3]]) for row in rows]
        insert_rows(self._db, "INSERT INTO node_ids", numbers.fresh)
        return rows

    def _numbers(self, known: Iterable[Sequence]) -> Numbers:
        """Edges' ends numbered: the ``known`` (key, number) rows of ``node_ids``, new keys after its largest number."""
        return Numbers(known, self._db.execute("SELECT max(id) FROM node_ids").fetchone()[0])

    @contextlib.contextmanager
    def _indexes_deferred(self, table: str, rows: int) -> Iterator[None]:
        """Drop the table's secondary indexes around an insert of more rows than it holds, then build them again.

        Building an index once sorts its entries; keeping it up to date inserts
        them one by one in random order, which took half the time of writing
        500,000 edges. The drop and the rebuild are part of the load's
        transaction, so a failed load leaves the indexes as they were. Indexes
        that enforce a UNIQUE constraint stay: the insert relies on them.
        """
        stored = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        indexes = [] if rows <= stored else self._db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).fetchall()  # fmt: skip
        for name, _ in indexes:
            self._db.execute(f"DROP INDEX {name}")
        yield
        for _, sql in indexes:
            self._db.execute(sql)

    def _rows_with_keys(self, table: str, alias: str, select: str, keys: Collection[str], where: str = "") -> Iterable[Sequence]:
        """Rows of ``select`` (whose first column is the key) for the given keys, reading the smaller side.

        A bulk load into a small store scans the store; a small load into a big
        store looks its keys up through an index.
        """
        stored = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if stored <= len(keys):
            wanted = keys if isinstance(keys, (set, frozenset, dict)) else set(keys)
            return (row for row in self._db.execute(f"{select} {where}") if row[0] in wanted)
        self._temp_set("touched", keys)
        return self._db.execute(f"{select} JOIN touched ON touched.v = {alias or 't.'}key {where}")

    def _refuse_dangling(self, removed: list[str]) -> None:
        """A reload may drop a node that facts from other inputs still use: refuse it."""
        self._temp_set("touched", removed)
        row = self._db.execute(
            "SELECT e.type, e.source, e.target, o.origin FROM edges e JOIN touched t ON t.v IN (e.source, e.target) "
            "LEFT JOIN edge_claims c ON e.origin IS NULL AND c.key = e.key JOIN origins o ON o.id = COALESCE(e.origin, c.origin) "
            "LIMIT 1"
        ).fetchone()
        if row:
            raise IntegrityError(
                f"fact {row[0]} {row[1]}->{row[2]} from {row[3]} would be left dangling: "
                f"the reload no longer defines {', '.join(sorted(set(removed) & {row[1], row[2]}))}"
            )

    # -- the review gate -----------------------------------------------------

    def _verdicts(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, decision FROM decisions"))

    def _extracted_claims(self) -> Iterator[EdgeClaim]:
        rows = self._query(
            "SELECT c.key, o.origin, c.payload, x.type, x.source, x.target FROM edge_claims c "
            "JOIN origins o ON o.id = c.origin JOIN extracted_ends x ON x.key = c.key "
            "WHERE json_extract(c.payload, '$[4]') = 0 ORDER BY o.origin, c.key"
        )  # fmt: skip
        return (EDGES.claim(origin, key, json.loads(payload), ends) for key, origin, payload, *ends in rows.fetchall())

    def candidates(self) -> list[Candidate]:
        verdicts = self._verdicts()
        return [c for claim in self._extracted_claims() for c in candidates_of(claim, verdicts)]

    def decisions(self) -> list[Decision]:
        rows = self._query("SELECT type, source, target, evidence, decision, decided_at FROM decisions ORDER BY decided_at, key")
        return [Decision(*row) for row in rows]

    def decide(self, decisions: Sequence[Decision]) -> int:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            before = self._verdicts()
            changed = {d.key: d for d in decisions if before.get(d.key) != d.decision}
            db.executemany(
                "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(k, d.type, d.source, d.target, d.evidence, d.decision, d.decided_at) for k, d in sorted(changed.items())],
            )  # fmt: skip
            touched = {c.key for c in self._extracted_claims()
                       if any(s.id in changed for s in candidates_of(c, {}))}  # fmt: skip
            if touched:
                self._rebuild(EDGES, touched, {}, Counts(), verdicts=self._verdicts())
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return len(changed)

    # -- what was pushed to Neo4j (neo4j push's ledger) ----------------------

    _LEDGER_DDL = """
    CREATE TABLE IF NOT EXISTS neo4j_pushed (
        target TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (target, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS neo4j_targets (target TEXT PRIMARY KEY, nodes INTEGER, relationships INTEGER);
    """

    def read_ledger(self, target: str) -> tuple[dict[str, str], tuple[int, int] | None]:
        """What ``neo4j push`` last sent to ``target`` (a database's address): digests by row, and its counts then."""
        if not self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'neo4j_targets'").fetchone():
            return {}, None
        digests = dict(self._db.execute("SELECT key, digest FROM neo4j_pushed WHERE target = ?", (target,)))
        row = self._db.execute("SELECT nodes, relationships FROM neo4j_targets WHERE target = ?", (target,)).fetchone()
        return digests, (row[0], row[1]) if row and row[0] is not None else None

    def write_ledger(self, target: str, digests: Mapping[str, str], counts: tuple[int, int] | None, reset: bool) -> None:
        """Record what a push sent (``reset``: forget the old record first), in a side table the graph never reads.

        A store that cannot be written (a read-only file) keeps no record:
        the push stays right, and the next one sends everything again.
        """
        try:
            self._db.executescript(self._LEDGER_DDL)
            self._db.execute("BEGIN IMMEDIATE")
            if reset:
                self._db.execute("DELETE FROM neo4j_pushed WHERE target = ?", (target,))
            self._db.executemany("INSERT OR REPLACE INTO neo4j_pushed VALUES (?, ?, ?)", ((target, k, d) for k, d in digests.items()))
            self._db.execute("INSERT OR REPLACE INTO neo4j_targets VALUES (?, ?, ?)", (target, *(counts or (None, None))))
            self._db.execute("COMMIT")
        except sqlite3.OperationalError:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")

    # -- reading -----------------------------------------------------------

    def _query(self, sql: str, params: Sequence = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def node(self, node_id: str) -> StoredNode | None:
        row = self._query(f"SELECT {NODE_COLUMNS} FROM nodes WHERE key = ?", (node_id,)).fetchone()
        return node_from_row(row) if row else None

    def nodes(self, label: str | None = None) -> Iterator[StoredNode]:
        if label is None:
            rows = self._query(f"SELECT {NODE_COLUMNS} FROM nodes ORDER BY key")
        else:
            rows = self._query(f"SELECT {NODE_COLUMNS} FROM nodes WHERE label = ? ORDER BY key", (label,))
        return map(node_from_row, rows.fetchall())

    def document_nodes(self) -> dict[str, frozenset[str]]:
        if not any(is_document(origin, stamp) for origin, stamp in self._query("SELECT origin, digest FROM origins")):
            return {}  # no document loaded: no need to read every claim (a large curated store)
        return only_documents_claim(self._query(
            "SELECT c.key, o.origin, o.digest FROM node_claims c JOIN origins o ON o.id = c.origin"))  # fmt: skip

    def edges(self, type: str | None = None) -> Iterator[StoredEdge]:
        if type is None:
            rows = self._query(f"SELECT {EDGE_COLUMNS} FROM edges ORDER BY key")
        else:
            rows = self._query(f"SELECT {EDGE_COLUMNS} FROM edges WHERE type = ? ORDER BY key", (type,))
        return map(edge_from_row, rows.fetchall())

    def edges_of(self, node_id: str) -> list[StoredEdge]:
        rows = self._query(
            f"SELECT {EDGE_COLUMNS} FROM edges WHERE source = ? UNION SELECT {EDGE_COLUMNS} FROM edges WHERE target = ? "
            "ORDER BY type, source, target",
            (node_id, node_id),
        )
        return [edge_from_row(r) for r in rows]

    def to_networkx(self, ids: Iterable[str] | None = None, *, reviewed_only: bool = False) -> Any:
        """The graph of :meth:`Store.to_networkx`, read straight from the rows (same nodes, edges, keys and attributes).

        Rows go into NetworkX's adjacency dicts directly, payloads through the
        JSON decoder's C scanner a few thousand at a time: no :class:`StoredEdge`
        per fact and no ``add_edge`` call (its checks and attribute copies were
        half of the conversion, 1.6 s of CPU at 100k facts). Strings repeated
        across facts are one object each: an edge's ends are its nodes' own
        ids, a document id cited a thousand times is one string, and attribute
        names are shared (decoded per batch). Less memory, and dict lookups
        that match by identity: the report on this graph took about 10 % less
        CPU at 100k facts than on one with a copy of every string per fact.
        """
        return read_graph(self._query, None if ids is None else set(ids), reviewed_only, frozenset(), self._ends_numbered)[0]

    def analysis_graph(self, flow_types: Collection[str], *, reviewed_only: bool = False) -> tuple[Any, Iterator[tuple]]:
        """:meth:`Store.analysis_graph`: the facts of ``flow_types`` stay out of the graph and come as a stream.

        Until the stream reaches them they are held as their rows' JSON text
        (no edge dict, no decoded properties): at a million facts the read
        held 1.0 GiB with them decoded. They are decoded a batch at a time as
        the projection takes them, and dropped once passed.
        """
        return read_graph(self._query, None, reviewed_only, frozenset(flow_types), self._ends_numbered)

    def stats(self) -> Stats:
        labels = dict(self._query("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label"))
        types = dict(self._query("SELECT type, count(*) FROM edges GROUP BY type ORDER BY type"))
        cited = self._query("SELECT count(DISTINCT j.value) FROM edges, json_each(edges.payload, '$[1]') j").fetchone()[0]
        has_figure = " OR ".join(f"json_extract(payload, '$[0].{name}') IS NOT NULL" for name in QUANTITY_FIELDS)
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


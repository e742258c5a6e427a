"""Older embedded store files brought to the current format in place, when opened for writing.

Each step runs in the one transaction of :func:`migrate`, so a failure, a
Ctrl-C or a SIGKILL leaves the file in its old format, readable by the
version that wrote it and migrated again on the next open.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from .base import Counts
from .sqlite_rows import EDGES, dump, number_ends

Rebuild = Callable[..., object]
"""The store's ``_rebuild``: re-merges the given keys from their claims."""


def migrate(db: sqlite3.Connection, rebuild: Rebuild, version: str, ddl: str, current: str) -> str:
    """Bring a file of format ``version`` (2 to 4) to ``current`` in one transaction; says why it changed."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if version in ("2", "3"):
            db.execute("ALTER TABLE edges ADD COLUMN origin INTEGER")  # format 4: which claim an edge is, if it is one
        for column in ("source_id", "target_id"):  # format 5: the numbers of an edge's ends
            db.execute(f"ALTER TABLE edges ADD COLUMN {column} INTEGER")
        for statement in filter(str.strip, ddl.split(";")):
            db.execute(statement)  # the new tables and indexes (every statement is IF NOT EXISTS)
        if version == "2":
            _review_columns(db, rebuild)
        if version in ("2", "3"):
            _fold_lone_claims(db)
        number_ends(db)
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (current,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return {"2": "facts from documents are now unreviewed: see 'supplygraph review'",
            "3": "each claim now stored once"}.get(version, "each fact's ends numbered, for faster reads")  # fmt: skip


def _review_columns(db: sqlite3.Connection, rebuild: Rebuild) -> None:
    """Format 2 -> 3: the facts that loaded documents' texts gave become unreviewed claims (a document's unit is the
    origin whose Document node has the origin's path); the rest stay reviewed."""
    documents = {row[0] for row in db.execute(
        "SELECT o.id FROM origins o JOIN node_claims c ON c.origin = o.id "
        "WHERE json_extract(c.payload, '$[0]') = 'Document' AND json_extract(c.payload, '$[3].path') = o.origin"
    )}  # fmt: skip
    rows = db.execute("SELECT c.rowid, c.origin, c.key, c.payload, m.type, m.source, m.target FROM edge_claims c "
                      "JOIN edges m ON m.key = c.key").fetchall()  # fmt: skip
    updates, ends = [], []
    for rowid, origin, key, payload, type_, source, target in rows:
        curated = origin not in documents or type_ == "MENTIONED_IN"
        updates.append((dump([*json.loads(payload), curated]), rowid))
        if not curated:
            ends.append((key, type_, source, target))
    db.executemany("UPDATE edge_claims SET payload = ? WHERE rowid = ?", updates)
    db.executemany("INSERT OR IGNORE INTO extracted_ends VALUES (?, ?, ?, ?)", ends)
    db.execute("UPDATE edges SET payload = json_insert(payload, '$[#]', json('true'))")
    rebuild(EDGES, {key for key, *_ in ends}, {}, Counts())


def _fold_lone_claims(db: sqlite3.Connection) -> None:
    """Format 3 -> 4: a curated claim alone on its edge (whose row holds the same payload) becomes the edge row's
    ``origin`` and leaves ``edge_claims``."""
    db.execute(
        "CREATE TEMP TABLE lone AS SELECT c.rowid AS claim, c.key AS key, c.origin AS origin FROM edge_claims c "
        "JOIN edges e ON e.key = c.key AND e.payload = c.payload WHERE json_extract(c.payload, '$[4]') = 1 "
        "AND NOT EXISTS (SELECT 1 FROM edge_claims d WHERE d.key = c.key AND d.origin != c.origin)"
    )  # fmt: skip
    db.execute("UPDATE edges SET origin = lone.origin FROM lone WHERE lone.key = edges.key")
    db.execute("DELETE FROM edge_claims WHERE rowid IN (SELECT claim FROM lone)")
    db.execute("DROP TABLE lone")

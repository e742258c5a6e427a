"""The embedded store's file format: its version, its tables (every new file gets them; a migration completes them,
:mod:`.sqlite_upgrade`), and what an open that fails says of the file's folder.

Its own module, apart from the store's reads and writes (:mod:`.embedded`): the format is read by the store and its
migrations alike, and embedded.py had reached the 600-line limit (session 17).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

SCHEMA_VERSION = "5"
"""The store format. 2: the model of dated lifecycles, categories and stakes (a store of format 1 holds facts
such as minority stakes recorded as SUBSIDIARY_OF that this model reads differently: it is rebuilt from its inputs).
3: edges and their claims say whether they are reviewed, and the store keeps review decisions. 4: a curated claim
alone on its edge is the edge row itself (``edges.origin``), not also a row of ``edge_claims``: each claim's payload
is written once. 5: each edge row carries its ends' numbers (``source_id``, ``target_id``, from ``node_ids``, where a
key keeps its number for ever), so a read sorts a million facts by integers without mapping two million end strings.
Files of format 2 to 4 are migrated in place when opened (:mod:`.sqlite_upgrade`); a format 3 or 4 file opened
read-only is read as it is (the reads give the same, by the general read: :func:`.sqlite_rows.read_graph`)."""

# Claims are (origin, key, payload) rows whose payload is the canonical JSON of the claim; the
# merged tables keep the columns reads filter on. An edge whose one claim is curated is that claim:
# its ``origin`` says whose, and edge_claims holds no row for it (Kind.folded). Plain rowid tables
# with separate indexes, and rows written in key order, keep bulk loads fast (random-key inserts
# into wide B-trees are not).
DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS origins (
    id INTEGER PRIMARY KEY, origin TEXT NOT NULL UNIQUE, digest TEXT NOT NULL, loaded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_claims (origin INTEGER NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS node_claims_key ON node_claims (key, origin);
CREATE INDEX IF NOT EXISTS node_claims_origin ON node_claims (origin);
CREATE TABLE IF NOT EXISTS edge_claims (origin INTEGER NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS edge_claims_key ON edge_claims (key, origin);
CREATE INDEX IF NOT EXISTS edge_claims_origin ON edge_claims (origin);
CREATE TABLE IF NOT EXISTS nodes (
    key TEXT NOT NULL UNIQUE, label TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes (label);
CREATE TABLE IF NOT EXISTS edges (
    key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, payload TEXT NOT NULL,
    origin INTEGER, source_id INTEGER, target_id INTEGER);
CREATE TABLE IF NOT EXISTS node_ids (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS edges_source ON edges (source);
CREATE INDEX IF NOT EXISTS edges_target ON edges (target);
CREATE INDEX IF NOT EXISTS edges_origin ON edges (origin);
CREATE TABLE IF NOT EXISTS extracted_ends (key TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    key TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, evidence TEXT NOT NULL,
    decision TEXT NOT NULL, decided_at TEXT NOT NULL);
"""


def why_not_writable(path: Path) -> str | None:
    """Why SQLite could not open ``path``, in words: a missing or unwritable folder (None when the folder is fine)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if path.exists():
        return None
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as exc:
        return f"the folder {folder} cannot be written to ({exc.strerror})"
    return None

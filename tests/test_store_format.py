"""Store formats 4 and 5: a curated claim alone on its edge is stored once, as the edge (4); each edge row carries the
numbers of its ends (5, ``node_ids``); older files migrate in place.

The format 3 store in fixtures/stores/format3 was written by supplygraph at
b2224ac (the last version writing format 3), from tests/fixtures/good, the
Northwind document and more.yaml, with one extracted fact accepted and one
rejected (``supplygraph load inputs/good inputs/northwind-magnet-plant.txt;
load inputs/more.yaml; review accept 28ff55909c85; review reject
94ed1bbb456a``), kept as its SQL dump; report.json, stats.json and
review.json are what that version printed for it (``chokepoints``, ``stats``
and ``review --decided``, each ``--format json``); report.json has gained only
the keys later versions added (docs/method.md's JSON reference: since session
15, ``concentration[].path_share``).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from supplygraph import api
from supplygraph.graph import EmbeddedStore

from .conftest import FIXTURES, Cli, as_format_3, as_format_4, snapshot, store_tables

FORMAT3 = FIXTURES / "stores" / "format3"
WRITTEN_FROM = "/tmp/payload/old/fx/inputs"
"""Where the inputs of the format 3 store were when it was written (its origins); the tests put them elsewhere."""
DOC = FIXTURES / "documents" / "northwind-magnet-plant.txt"


def _inputs(tmp_path: Path) -> Path:
    inputs = tmp_path / "inputs"
    shutil.copytree(FIXTURES / "good", inputs / "good")
    shutil.copy(DOC, inputs)
    shutil.copy(FORMAT3 / "more.yaml", inputs)
    return inputs


def _format3_store(tmp_path: Path) -> tuple[Path, Path]:
    """The format 3 store, as written by the old version, its origins moved to a copy of its inputs under tmp_path."""
    inputs = _inputs(tmp_path)
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript((FORMAT3 / "store.sql").read_text(encoding="utf-8").replace(WRITTEN_FROM, str(inputs)))
    db.close()
    return path, inputs


def _claims(path: Path) -> set[tuple]:
    """Every claim as (table, origin, key, payload), wherever the layout keeps it."""
    db = sqlite3.connect(path)
    try:
        claims = {("node", *row) for row in db.execute("SELECT o.origin, c.key, c.payload FROM node_claims c JOIN origins o ON o.id = c.origin")}
        claims |= {("edge", *row) for row in db.execute("SELECT o.origin, c.key, c.payload FROM edge_claims c JOIN origins o ON o.id = c.origin")}
        if "origin" in {row[1] for row in db.execute("PRAGMA table_info(edges)")}:
            claims |= {("edge", *row) for row in db.execute("SELECT o.origin, e.key, e.payload FROM edges e JOIN origins o ON o.id = e.origin")}
        return claims
    finally:
        db.close()


def ends_numbered(path: Path) -> int:
    """How many edge rows a store has, each checked to carry the numbers of its ends (each naming its key in ``node_ids``)."""
    db = sqlite3.connect(path)
    try:
        wrong = db.execute("SELECT e.key, e.source_id, e.target_id FROM edges e LEFT JOIN node_ids s ON s.id = e.source_id "
                           "LEFT JOIN node_ids t ON t.id = e.target_id WHERE s.key IS NOT e.source OR t.key IS NOT e.target").fetchall()
        assert not wrong, wrong[:3]
        return db.execute("SELECT count(*) FROM edges").fetchone()[0]
    finally:
        db.close()


def test_a_format_3_store_migrates_on_open_and_reports_exactly_as_before(tmp_path):
    path, inputs = _format3_store(tmp_path)
    cli = Cli(path)
    report = cli("chokepoints", "--format", "json", "--as-of", "2026-12-06")  # the day report.json was printed
    assert report.exit_code == 0, report.output
    assert report.stderr.count("\n") == 1 and "store format 3 migrated to 5" in report.stderr
    assert report.stdout == (FORMAT3 / "report.json").read_text(encoding="utf-8")
    stats = cli("stats", "--format", "json")
    assert stats.stderr == "" and stats.stdout == (FORMAT3 / "stats.json").read_text(encoding="utf-8")
    review = cli("review", "--format", "json", "--decided")
    assert review.stdout == (FORMAT3 / "review.json").read_text(encoding="utf-8").replace(WRITTEN_FROM, str(inputs))


def test_the_migration_keeps_every_claim_and_stores_lone_curated_ones_once(tmp_path):
    path, _ = _format3_store(tmp_path)
    before, rows_before = _claims(path), snapshot(path)
    EmbeddedStore(path).close()
    after, rows_after = _claims(path), snapshot(path)
    assert after == before
    assert [row[:5] for row in rows_after["edges"]] == rows_before["edges"] and rows_after["nodes"] == rows_before["nodes"]
    db = sqlite3.connect(path)
    lone = db.execute("SELECT count(*) FROM edges WHERE origin IS NOT NULL").fetchone()[0]
    shared = db.execute("SELECT count(*) FROM edges e WHERE (SELECT count(*) FROM edge_claims c WHERE c.key = e.key) > 1").fetchone()[0]
    extracted = db.execute("SELECT count(*) FROM edge_claims WHERE json_extract(payload, '$[4]') = 0").fetchone()[0]
    db.close()
    assert lone and shared and extracted  # the fixture has all three kinds of edge
    assert len(rows_after["edge_claims"]) == len(rows_before["edge_claims"]) - lone


def test_a_migrated_store_equals_the_store_it_was_and_keeps_working(tmp_path):
    """The old layout written with raw SQL (:func:`as_format_3`) migrates back to exactly the tables it came from, and
    loads into it then give what they give in a store that was never migrated."""
    inputs = _inputs(tmp_path)
    new = Cli(tmp_path / "new.db")
    assert new("load", str(inputs / "good"), str(inputs / DOC.name)).exit_code == 0
    assert new("load", str(inputs / "more.yaml")).exit_code == 0
    new("review", "accept", "--min-confidence", "0.8")
    new("review", "reject", "--type", "COOPERATES_WITH")
    with EmbeddedStore(new.store_path) as store:
        assert store.decisions()
    old = Cli(tmp_path / "old.db")
    shutil.copy(new.store_path, old.store_path)
    as_format_3(old.store_path)
    assert "store format 3 migrated to 5" in old("stats").stderr
    assert store_tables(old.store_path) == store_tables(new.store_path)
    assert ends_numbered(old.store_path) and ends_numbered(new.store_path)
    more, doc = inputs / "more.yaml", inputs / DOC.name
    more.write_text(more.read_text(encoding="utf-8").replace("Ore goes", "Ore went"), encoding="utf-8")  # a shared edge
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # claims kept as their edges, replaced
    for cli in (new, old):
        assert cli("load", str(more), str(doc)).exit_code == 0
    assert store_tables(old.store_path) == store_tables(new.store_path)
    assert ends_numbered(old.store_path) and ends_numbered(new.store_path)


def test_a_format_3_store_opened_read_only_is_read_as_it_is(tmp_path):
    path, _ = _format3_store(tmp_path)
    kept = path.read_bytes()
    with EmbeddedStore(path, read_only=True) as store:
        assert store.migrated is None
        assert store.stats().as_dict() == json.loads((FORMAT3 / "stats.json").read_text(encoding="utf-8"))
        assert store.candidates()
    assert path.read_bytes() == kept


def test_the_tables_depend_on_the_inputs_not_on_the_order_of_loads(tmp_path):
    """A claim moves out of its edge when a second origin claims the edge, and back when it is alone again."""
    inputs = _inputs(tmp_path)
    more, alone = inputs / "more.yaml", inputs / "alone.yaml"
    alone.write_text("sources:\n  - {id: doc:second-source, name: Second source, title: Another test source}\n", encoding="utf-8")
    one_by_one = Cli(tmp_path / "one-by-one.db")
    assert one_by_one("load", str(inputs / "good")).exit_code == 0
    assert one_by_one("load", str(more)).exit_code == 0
    together = Cli(tmp_path / "together.db")
    assert together("load", str(inputs / "good"), str(more)).exit_code == 0
    assert store_tables(one_by_one.store_path) == store_tables(together.store_path)
    db = sqlite3.connect(one_by_one.store_path)
    assert db.execute("SELECT count(*) FROM edges WHERE origin IS NULL").fetchone()[0] == 1  # the fact both restate
    db.close()
    more.write_text(alone.read_text(encoding="utf-8"), encoding="utf-8")  # the second input no longer restates it
    assert one_by_one("load", str(more)).exit_code == 0
    first_load = Cli(tmp_path / "first.db")
    assert first_load("load", str(inputs / "good"), str(more)).exit_code == 0
    assert store_tables(one_by_one.store_path) == store_tables(first_load.store_path)
    assert all(map(ends_numbered, (one_by_one.store_path, together.store_path, first_load.store_path)))
    with EmbeddedStore(one_by_one.store_path) as store:
        assert store.migrated is None and api.load(store, api.read([inputs / "good", more])).edges.unchanged


def test_a_format_4_store_migrates_on_open_and_reports_exactly_as_before(tmp_path, bundled):
    """The bundled store rewritten in format 4 (no numbers of edges' ends) is read as it is when opened read-only, and
    migrated on its first open for writing (one line on stderr) to the tables of the store that was never migrated."""
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    shutil.copy(bundled, new)
    shutil.copy(bundled, old)
    as_format_4(old)
    kept = old.read_bytes()
    options = {"as_of": "2026-12-06", "scenarios": ["remove country:CN"]}
    with EmbeddedStore(new, read_only=True) as store:
        expected = api.chokepoints(store, **options)
    with EmbeddedStore(old, read_only=True) as store:
        assert store.migrated is None and api.chokepoints(store, **options) == expected  # by the general read
    assert old.read_bytes() == kept
    report = Cli(old)("chokepoints", "--format", "json")
    assert report.stderr.count("\n") == 1 and "store format 4 migrated to 5" in report.stderr
    assert report.stdout == Cli(new)("chokepoints", "--format", "json").stdout
    assert store_tables(old) == store_tables(new)
    assert ends_numbered(old) > 100

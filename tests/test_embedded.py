"""The embedded store's own mechanics, beyond the store contract."""

from __future__ import annotations

import json
import sqlite3

import pytest

from supplygraph.errors import IntegrityError
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores.sqlite_rows import dump as _dump

from .test_store_contract import ALPHA, BETA, DOC_A, SUPPLY, unit


def _indexes(path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def _edges_of_plan(path) -> str:
    with sqlite3.connect(path) as db:
        return " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN SELECT key FROM edges WHERE source = 'x' OR target = 'x'"))


def test_bulk_load_rebuilds_the_indexes_it_defers(tmp_path):
    path = tmp_path / "s.db"
    store = EmbeddedStore(path)
    created = _indexes(path)
    store.apply([unit("bulk", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"]}])])  # more rows than the tables hold
    store.apply([unit("small", [], [{**SUPPLY, "target": "org:alpha", "source": "org:beta", "sources": ["doc:a"]}])])
    store.close()
    assert _indexes(path) == created
    assert "edges_source" in _edges_of_plan(path) and "edges_target" in _edges_of_plan(path)


def test_failed_bulk_load_keeps_the_indexes(tmp_path):
    path = tmp_path / "s.db"
    store = EmbeddedStore(path)
    store.apply([unit("defs", [DOC_A, ALPHA, BETA]), unit("facts", [], [{**SUPPLY, "sources": ["doc:a"]}])])
    created = _indexes(path)
    gamma = {"id": "org:gamma", "label": "Company", "name": "Gamma"}
    more = [{**SUPPLY, "target": "org:gamma", "year": year, "sources": ["doc:a"]} for year in (2020, 2021)]
    with pytest.raises(IntegrityError, match="dangling"):  # refused after the edges are written: more than the table held
        store.apply([unit("defs", [DOC_A, ALPHA, gamma], digest="v2"), unit("more", [], more)])
    store.close()
    assert _indexes(path) == created


def test_payloads_are_canonical_json():
    value = [{"b": 0.1, "a": "Zürich \"x\"", "n": None, "l": [1, 2.5e-7, True]}, ["doc:a"], [], 1.0]
    assert _dump(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_insert_rows_writes_what_executemany_writes(monkeypatch):
    """Many rows to a statement (sqlite_rows.insert_rows): the same rows in the same order, and a row that breaks a
    constraint fails the insert as it fails executemany's."""
    from supplygraph.graph.stores import sqlite_rows

    monkeypatch.setattr(sqlite_rows, "ROWS_PER_STATEMENT", 4)
    rows = [(f"k{i:02}", i, None if i % 3 else f"t{i}") for i in range(11, 0, -1)]
    tables = []
    def executemany(db: sqlite3.Connection, rows: list) -> None:
        db.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)

    for insert in (executemany, lambda db, r: sqlite_rows.insert_rows(db, "INSERT INTO t", r)):
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t (key TEXT UNIQUE, n INTEGER, s TEXT)")
        insert(db, rows)
        insert(db, iter([]))
        tables.append(db.execute("SELECT rowid, * FROM t").fetchall())
        with pytest.raises(sqlite3.IntegrityError):
            insert(db, [("new", 0, None), *rows[5:7]])
    assert tables[0] == tables[1] and len(tables[0]) == 11

"""Shared fixtures: the store implementations under contract, a CLI runner, store snapshots."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.graph import EmbeddedStore, Store

from .chromium import BrowserError, Chromium, find_chromium

_CACHE = tempfile.TemporaryDirectory(prefix="supplygraph-test-cache-")
os.environ["SUPPLYGRAPH_CACHE_DIR"] = _CACHE.name
"""The extractor's cache (loaders/extraction/phrases.py) in a folder of the test run's own, not the user's, for every
extractor the tests build (in this process and in the commands they run)."""

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The project's shared design and corpus folder beside the checkout, when it is there."""


def _embedded(tmp_path: Path) -> Store:
    return EmbeddedStore(tmp_path / "contract.db")


STORE_FACTORIES: dict[str, Callable[[Path], Store]] = {"embedded": _embedded}
"""Every store implementation the contract suite runs against (others register when they can run)."""

if os.environ.get("NEO4J_URI"):  # a live Neo4j: see tests/neo4j_support.py
    from .neo4j_support import fresh_store

    STORE_FACTORIES["neo4j"] = fresh_store


@pytest.fixture(params=sorted(STORE_FACTORIES))
def store(request: pytest.FixtureRequest, tmp_path: Path):
    opened = STORE_FACTORIES[request.param](tmp_path)
    yield opened
    opened.close()


class Cli:
    """Runs ``supplygraph`` in-process against a store file of its own."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path

    def __call__(self, *args: str):
        return CliRunner().invoke(main, ["--store", str(self.store_path), *args], catch_exceptions=False)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "cli.db")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of an SQLite file, to show a store is exactly as it was."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}  # noqa: S608
    finally:
        db.close()


def store_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, with claims and edges naming their origin by path (origin ids depend on the order of
    loads) and origins without their load times: equal for stores that hold the same inputs."""
    rows = snapshot(path)
    db = sqlite3.connect(path)
    try:
        names = dict(db.execute("SELECT id, origin FROM origins"))
        keys = dict(db.execute("SELECT id, key FROM node_ids"))
    finally:
        db.close()
    rows["origins"] = sorted((origin, digest) for _, origin, digest, _ in rows["origins"])
    for table in ("node_claims", "edge_claims"):
        rows[table] = sorted((names[origin], key, payload) for origin, key, payload in rows[table])
    # the claim an edge is, if any, and the keys its ends' numbers name (numbers depend on the order of loads too)
    rows["edges"] = sorted((*row[:5], names.get(row[5]), keys.get(row[6]), keys.get(row[7])) for row in rows["edges"])
    del rows["node_ids"]
    return rows


def as_format_4(path: Path) -> None:
    """Rewrite a store file in the layout of store format 4, with raw SQL: no numbers of edges' ends (``node_ids``,
    ``edges.source_id`` and ``target_id``: what supplygraph wrote before the ends were numbered)."""
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE edges DROP COLUMN source_id")
    db.execute("ALTER TABLE edges DROP COLUMN target_id")
    db.execute("DROP TABLE node_ids")
    db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    db.commit()
    db.close()


def as_format_3(path: Path) -> None:
    """Rewrite a store file in the layout of store format 3, with raw SQL: every claim a row of its claims table, no
    ``edges.origin`` (what supplygraph wrote before claims were stored once)."""
    as_format_4(path)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO edge_claims SELECT origin, key, payload FROM edges WHERE origin IS NOT NULL")
    db.execute("DROP INDEX edges_origin")
    db.execute("ALTER TABLE edges DROP COLUMN origin")
    db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    db.commit()
    db.close()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (the HTML view tests); skips, saying why, where it cannot run."""
    if not find_chromium():
        pytest.skip("chromium not installed (make test-setup installs Debian's chromium): browser tests skipped")
    try:
        with Chromium() as chromium:
            yield chromium
    except BrowserError as exc:
        pytest.skip(f"chromium cannot start here: {exc}")


@pytest.fixture(scope="session")
def bundled(tmp_path_factory) -> Path:
    """A store file holding what ``supplygraph demo`` loads, shared by the tests that only read it."""
    path = tmp_path_factory.mktemp("bundled") / "demo.db"
    result = CliRunner().invoke(main, ["--store", str(path), "demo"])
    assert result.exit_code == 0, result.output
    return path

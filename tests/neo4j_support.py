"""A live Neo4j for tests: only when NEO4J_URI is set, one test at a time, on a database the tests may wipe.

The tests wipe the database they run on, so they refuse (skip with the
reason) a database that holds data they did not create: it must be empty
when a test session first touches it (or ``SUPPLYGRAPH_TEST_NEO4J_WIPE=1``
says it may be emptied), and a ``(:SupplygraphTestMarker)`` node then marks
it as the tests' own. Tests in parallel workers (``pytest -n
2``) take turns through a file lock, since they share the one database.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from supplygraph.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

NEO4J_URI = os.environ.get("NEO4J_URI")
SKIP_REASON = (
    "NEO4J_URI is not set: the Neo4j integration tests need a live server "
    "(docker compose up -d; export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=...)"
)
requires_neo4j = pytest.mark.skipif(not NEO4J_URI, reason=SKIP_REASON)

_MARKER = "SupplygraphTestMarker"
_LOCK = Path(tempfile.gettempdir()) / "supplygraph-neo4j-tests.lock"


def settings() -> Neo4jSettings:
    return Neo4jSettings.from_env()


def _run(store: Neo4jStore, text: str) -> list[dict]:
    with store._errors("preparing the test database"), store._session() as session:  # noqa: SLF001
        return [r.data() for r in session.run(text)]


def claim_and_wipe(store: Neo4jStore) -> None:
    """Empty the database, after checking it is empty or already the tests' own."""
    (row,) = _run(
        store,
        f"MATCH (n) RETURN count(n) AS nodes, count(CASE WHEN n:{_MARKER} THEN 1 END) AS markers",
    )
    if row["nodes"] and not row["markers"] and os.environ.get("SUPPLYGRAPH_TEST_NEO4J_WIPE") != "1":
        pytest.skip(
            f"the Neo4j database at {store.settings.where()} holds {row['nodes']} nodes the tests did not create; "
            "the integration tests wipe their database: point NEO4J_URI/NEO4J_DATABASE at an empty one, "
            "or set SUPPLYGRAPH_TEST_NEO4J_WIPE=1 to let them empty this one"
        )
    _run(store, f"MATCH (n) WHERE NOT n:{_MARKER} DETACH DELETE n")
    _run(store, f"MERGE (:{_MARKER} {{id: 'supplygraph-tests'}})")


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    """Hold the cross-process lock that serialises tests on the shared database."""
    with open(_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ExclusiveNeo4jStore(Neo4jStore):
    """A Neo4jStore on a freshly wiped test database that releases the lock when closed."""

    def __init__(self) -> None:
        super().__init__(settings())
        self._hold = exclusive()
        self._hold.__enter__()
        try:
            claim_and_wipe(self)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._hold is not None:
                self._hold.__exit__(None, None, None)
                self._hold = None


def fresh_store(tmp_path: Path | None = None) -> Neo4jStore:
    """For ``STORE_FACTORIES``: an empty Neo4j store, exclusively this test's until closed."""
    return ExclusiveNeo4jStore()

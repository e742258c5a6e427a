"""Where the graph is kept: the store interface, the embedded SQLite store (the default) and the Neo4j store.

Stores import the schema and the shared helpers only, never an analysis or a
view. ``open_store`` picks the embedded store; the Neo4j store
(:mod:`.neo4j_store`, with push and pull in :mod:`.neo4j_push` and every
Cypher statement in :mod:`.cypher`) implements the same
:class:`~.base.Store` interface.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import LoadSummary, Stats, Store, StoredEdge, StoredNode
    from .embedded import EmbeddedStore

DEFAULT_STORE = "supplygraph.db"
DEFAULT_BATCH_SIZE = 5000
"""Rows per transaction of a Neo4j push (here, not in the Neo4j store, so the CLI's help needs no driver or schema)."""

_LAZY = {"LoadSummary": ".base", "Stats": ".base", "Store": ".base", "StoredEdge": ".base", "StoredNode": ".base",
         "EmbeddedStore": ".embedded"}  # fmt: skip


def __getattr__(name: str) -> Any:
    """The store classes, imported when first used: ``supplygraph --help`` needs only :func:`store_path`."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store file: ``path`` if given, else ``$SUPPLYGRAPH_STORE``, else ``supplygraph.db`` here."""
    return Path(path or os.environ.get("SUPPLYGRAPH_STORE") or DEFAULT_STORE)


def open_store(path: str | os.PathLike | None = None, *, create: bool = True) -> EmbeddedStore:
    """Open the embedded store (see :func:`store_path`)."""
    from .embedded import EmbeddedStore

    return EmbeddedStore(store_path(path), create=create)


__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_STORE", "EmbeddedStore", "LoadSummary", "Stats", "Store", "StoredEdge", "StoredNode", "open_store", "store_path"]

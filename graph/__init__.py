"""Stores and the graph built from them.

``open_store`` picks the embedded SQLite store (the default). The Neo4j store
implements the same :class:`~supplygraph.graph.store.Store` interface.
"""

from __future__ import annotations

import os
from pathlib import Path

from .embedded import EmbeddedStore
from .store import LoadSummary, Stats, Store, StoredEdge, StoredNode

DEFAULT_STORE = "supplygraph.db"


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store file: ``path`` if given, else ``$SUPPLYGRAPH_STORE``, else ``supplygraph.db`` here."""
    return Path(path or os.environ.get("SUPPLYGRAPH_STORE") or DEFAULT_STORE)


def open_store(path: str | os.PathLike | None = None, *, create: bool = True) -> EmbeddedStore:
    """Open the embedded store (see :func:`store_path`)."""
    return EmbeddedStore(store_path(path), create=create)


__all__ = ["EmbeddedStore", "LoadSummary", "Stats", "Store", "StoredEdge", "StoredNode", "open_store", "store_path"]

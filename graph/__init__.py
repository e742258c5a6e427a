"""The graph, in three layers whose imports run one way: views use analyses, analyses use stores.

- :mod:`.stores`: where the graph is kept (the store interface, the embedded
  SQLite store, the Neo4j store with its rows and Cypher);
- :mod:`.analyses`: what is computed from it (the supply-flow projection,
  centrality, single points of failure, scenarios, concentration, end-use
  dependencies and the chokepoint report that combines them);
- :mod:`.views`: what people look at (view selection, GraphML/JSON exports,
  the HTML page and its assets, the text report).

``tests/test_layers.py`` fails when a lower layer imports a higher one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import stores
from .stores import DEFAULT_STORE, open_store, store_path

if TYPE_CHECKING:
    from .stores import EmbeddedStore, LoadSummary, Stats, Store, StoredEdge, StoredNode


def __getattr__(name: str) -> Any:
    """The store classes re-exported from :mod:`.stores`, imported when first used (as there)."""
    return getattr(stores, name)

__all__ = ["DEFAULT_STORE", "EmbeddedStore", "LoadSummary", "Stats", "Store", "StoredEdge", "StoredNode", "open_store", "store_path"]

"""The library calls the CLI commands stand on: each command opens a store, makes one call here, prints."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from supplygraph.data import BUNDLED
from supplygraph.errors import NotFound
from supplygraph.graph.store import LoadSummary, Progress, Store
from supplygraph.loaders import expand, read_file
from supplygraph.perf import paused_gc
from supplygraph.schema import LoadUnit


def read(paths: Iterable[str | Path], progress: Progress | None = None) -> list[LoadUnit]:
    """Read and validate every file under ``paths``; nothing is stored."""
    units = []
    with paused_gc():
        for path in expand(paths):
            units.append(read_file(path))
            if progress:
                progress(1)
    return units


def load(store: Store, units: list[LoadUnit], progress: Progress | None = None) -> LoadSummary:
    """Write read units to the store in one transaction."""
    return store.apply(units, progress)


def load_bundled(store: Store) -> LoadSummary:
    """Load the bundled rare-earth dataset (what ``supplygraph demo`` does first)."""
    return store.apply(read([BUNDLED]))


def describe_node(store: Store, node_id: str) -> dict[str, Any]:
    """An entity, its facts (both directions) and the documents behind them, for ``supplygraph show``."""
    node = store.node(node_id)
    if node is None:
        raise NotFound(f"no entity with id {node_id!r} in the store")
    facts = store.edges_of(node_id)
    ends = {i for e in facts for i in (e.source, e.target)} | {s for e in facts for s in e.sources}
    names = {}
    documents = {}
    for other_id in sorted(ends):
        other = store.node(other_id)
        if other is None:
            continue
        names[other_id] = other.name
        if other.label == "Document":
            documents[other_id] = {k: v for k, v in other.as_dict().items() if k in ("name", "title", "url", "publisher", "edition", "published")}
    return {
        "node": node.as_dict(),
        "facts": [
            {
                **edge.as_dict(),
                "direction": "out" if edge.source == node_id else "in",
                "other": edge.target if edge.source == node_id else edge.source,
                "other_name": names.get(edge.target if edge.source == node_id else edge.source),
            }
            for edge in facts
        ],
        "documents": documents,
    }

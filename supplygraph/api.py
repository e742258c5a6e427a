"""The library calls the CLI commands stand on: each command opens a store, makes one call here, prints."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from supplygraph.data import BUNDLED, SAMPLES
from supplygraph.errors import LoadError, NotFound
from supplygraph.graph.chokepoints import chokepoint_report
from supplygraph.graph.store import LoadSummary, Progress, Store
from supplygraph.loaders import DOCUMENT_SUFFIXES, Context, Gazetteer, expand, read_file
from supplygraph.loaders.gazetteer import KnownEntity
from supplygraph.loaders.evaluation import Evaluation, gold_pairs
from supplygraph.loaders.evaluation import evaluate as evaluate_pairs
from supplygraph.perf import paused_gc
from supplygraph.schema import LoadUnit


def known_entities(store: Store | None) -> Gazetteer:
    """What document names resolve to: the store's entities (if a store is given) and the built-in vocabulary."""
    return Gazetteer.from_store(store) if store is not None else Gazetteer()


def read(paths: Iterable[str | Path], progress: Progress | None = None, store: Store | None = None) -> list[LoadUnit]:
    """Read and validate every file under ``paths``; nothing is stored.

    Documents resolve names against ``store``'s entities and against the
    entities of files read before them in the same call (curated data first,
    so ``supplygraph load data/ articles/`` links the articles to the data).
    """
    files = expand(paths)
    known = known_entities(store) if any(f.suffix.lower() in DOCUMENT_SUFFIXES for f in files) else None
    units = []
    with paused_gc():
        for path in files:
            unit = read_file(path, known)
            units.append(unit)
            if known is not None and path.suffix.lower() not in DOCUMENT_SUFFIXES:
                for node in unit.nodes:
                    if node.label != "Document":
                        known.add(KnownEntity(node.id, node.label, node.name, node.aliases, node.properties(), stored=True))
            if progress:
                progress(1)
    return units


def extract_document(path: str | Path, store: Store | None = None) -> dict[str, Any]:
    """What loading the document at ``path`` would add, without storing it (``supplygraph extract``).

    Names resolve against ``store``'s entities when a store is given.
    """
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no such file: {path}")
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise LoadError(f"not a document: {path.suffix or '(no suffix)'!r} (known: {', '.join(DOCUMENT_SUFFIXES)})", where=str(path))
    return _extract(path, known_entities(store))


def evaluate(folder: str | Path, store: Store | None = None) -> Evaluation:
    """Score extraction on every ``*.gold.json`` in ``folder`` (``supplygraph eval``)."""
    pairs = gold_pairs(Path(folder))
    known = known_entities(store)
    return evaluate_pairs(pairs, lambda path: _extract(path, known))


def _extract(path: Path, known: Gazetteer) -> dict[str, Any]:
    from supplygraph.loaders.documents import extract

    record, found = extract(Context(path, known))
    return {"document": record, **found.as_dict()}


def load(store: Store, units: list[LoadUnit], progress: Progress | None = None) -> LoadSummary:
    """Write read units to the store in one transaction."""
    return store.apply(units, progress)


def load_bundled(store: Store) -> LoadSummary:
    """Load the bundled rare-earth dataset and the sample articles (what ``supplygraph demo`` does first)."""
    return store.apply(read([BUNDLED, SAMPLES], store=store))


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


def chokepoints(store: Store, **options: Any) -> dict[str, Any]:
    """The chokepoint report on the whole stored graph, for ``supplygraph chokepoints``.

    ``options`` go to :func:`supplygraph.graph.chokepoints.chokepoint_report`
    (``top``, ``end_use``, ``stage``, ``scenarios``, ``edition``, ``year``).
    """
    return chokepoint_report(store.to_networkx(), **options)

"""The library calls the CLI commands stand on: each command opens a store, makes one call here, prints."""

from __future__ import annotations

import contextlib
import functools
import shlex
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ContextManager

from supplygraph.data import BUNDLED, SAMPLES
from supplygraph.errors import LoadError, NotFound, OutdatedStore, StoreError, SupplygraphError, did_you_mean
from supplygraph.graph.stores import EmbeddedStore, store_path
from supplygraph.graph.stores.base import Decision, LoadSummary, Progress, Stats, Store
from supplygraph.perf import ordered_map, paused_gc

# The review gate's calls are the library's calls here too, as before they had a module (``x as x``: re-exported).
from supplygraph.api_review import export_decisions as export_decisions, import_decisions as import_decisions
from supplygraph.api_review import review_candidates as review_candidates, review_counts, review_decide as review_decide
from supplygraph.api_review import unmatched_decisions as unmatched_decisions

# The loaders (the extractor, its grammar and vocabulary, YAML) are imported by the calls that read files: the
# report's command reads none, and importing them was about a third of a second of its start-up.
if TYPE_CHECKING:
    from supplygraph.loaders import Gazetteer
    from supplygraph.loaders.evaluation import Evaluation
    from supplygraph.loaders.gazetteer import KnownEntity
    from supplygraph.graph.stores.neo4j_csv import ImportFiles
    from supplygraph.graph.stores.neo4j_push import PulledGraph, PushSummary
    from supplygraph.graph.stores.neo4j_store import Neo4jStore
    from supplygraph.graph.views.selection import View
    from supplygraph.schema import LoadUnit  # the models: only the calls that read files validate (pydantic)

ProgressBar = Callable[[int, str], ContextManager[Progress]]
"""Makes a progress display for a step: ``with bar(total, label) as advance: advance(n)`` (the CLI's bar on stderr)."""


@contextlib.contextmanager
def no_progress(total: int, label: str):
    """No display: the default for library callers (and the CLI's choice where a bar would get in the way)."""
    yield lambda n: None


def open_store(path: str | Path | None = None, *, create: bool = True,
               notify: Callable[[str], None] = lambda message: None) -> EmbeddedStore:
    """Open the embedded store; one built by an older supplygraph is rebuilt from its inputs first.

    The rebuild reads every input the old store was loaded from (they must
    still exist), loads them into a new file beside it and replaces the old
    file only when that succeeded; ``notify`` is told what happened in one
    line. Any failure leaves the old store exactly as it was.
    """
    path = store_path(path)
    try:
        store = EmbeddedStore(path, create=create)
        if store.migrated:
            notify(f"supplygraph: note: {store.migrated}")
        return store
    except OutdatedStore as outdated:
        missing = [p for p in outdated.inputs if not Path(p).exists()]
        if missing:
            raise StoreError(f"{outdated.message}; cannot rebuild it: {len(missing)} input(s) are gone, first {missing[0]}",
                             where=outdated.where) from outdated  # fmt: skip
        fresh = path.with_name(path.name + ".rebuild")
        fresh.unlink(missing_ok=True)
        try:
            store = EmbeddedStore(fresh)
            try:
                store.apply(read(outdated.inputs, store=store))
            finally:
                store.close()
            fresh.replace(path)
        finally:
            fresh.unlink(missing_ok=True)
        notify(f"{path} was built by an older supplygraph: rebuilt it from its {len(outdated.inputs)} input(s)")
        return EmbeddedStore(path, create=create)


def known_entities(store: Store | None, extra: Iterable[KnownEntity] = (),
                   links: Iterable[tuple[str, str, str]] = (), rereading: Iterable[Path] = ()) -> Gazetteer:  # fmt: skip
    """What document names resolve to: the store's entities (if a store is given), then ``extra``, then the
    built-in vocabulary, which folds into entities of the same name rather than shadowing them; with the
    store's and ``links``' facts on who runs which facility where.

    A document read again (one of the files in ``rereading``) reads as it would
    in a fresh store with the same curated data: the nodes only its own
    earlier reading made are left out (else an article loaded before the
    curated data would keep its own "Lynas Rare Earths" for ever), and of two
    stored entities with one name, the one curated data defines takes it.
    """
    from supplygraph.loaders import Gazetteer
    from supplygraph.loaders.context import origin_of
    from supplygraph.loaders.gazetteer import LINK_TYPES, KnownEntity

    stored: list[KnownEntity] = []
    stored_links: list[tuple[str, str, str]] = []
    if store is not None:
        guessed = store.document_nodes()
        read_again = frozenset(map(origin_of, rereading))
        own = {node_id for node_id, origins in guessed.items() if origins <= read_again}
        stored = [KnownEntity(n.id, n.label, n.name, tuple(n.aliases), dict(n.props), stored=True)
                  for n in store.nodes() if n.label != "Document" and n.id not in own]  # fmt: skip
        stored.sort(key=lambda e: e.id in guessed)  # curated first: the first entity to claim a name keeps it
        stored_links = [(e.type, e.source, e.target) for type_ in LINK_TYPES for e in store.edges(type_)]
    known = Gazetteer([*stored, *extra])
    known.add_links([*stored_links, *links])
    return known


def read(paths: Iterable[str | Path], progress: Progress | None = None, store: Store | None = None) -> list[LoadUnit]:
    """Read and validate every file under ``paths``; nothing is stored.

    Documents resolve names against ``store``'s entities and against the
    entities of every curated file of the call: curated files are read first,
    whatever their place among ``paths``, so ``supplygraph load articles/
    data/`` links the articles to the data as ``load data/ articles/`` does.
    The units come back in the order of ``paths``.
    """
    from supplygraph.loaders import DOCUMENT_SUFFIXES, expand, read_file

    files = expand(paths)
    is_document = [path.suffix.lower() in DOCUMENT_SUFFIXES for path in files]
    units: dict[int, LoadUnit] = {}
    known: Gazetteer | None = None
    with paused_gc():
        for i in sorted(range(len(files)), key=is_document.__getitem__):  # curated files first
            if known is None and is_document[i]:
                documents = [path for path, document in zip(files, is_document) if document]
                known = known_entities(store, *_known_of(units.values()), documents)
            units[i] = read_file(files[i], known)
            if progress:
                progress(1)
    return [units[i] for i in range(len(files))]


def _known_of(units: Iterable[LoadUnit]) -> tuple[list[KnownEntity], list[tuple[str, str, str]]]:
    """What curated units give documents to resolve names against: their entities and who runs what (facts' ends)."""
    from supplygraph.loaders.gazetteer import KnownEntity

    entities = [KnownEntity(n.id, n.label, n.name, n.aliases, n.properties(), stored=True)
                for unit in units for n in unit.nodes if n.label != "Document"]  # fmt: skip
    return entities, [(type_, source, target) for unit in units for type_, source, target, _ in unit.fact_refs()]


def extract_document(path: str | Path, store: Store | None = None, kind: str | None = None) -> dict[str, Any]:
    """What loading the document at ``path`` would add, without storing it (``supplygraph extract``).

    Names resolve against ``store``'s entities when a store is given; ``-`` reads standard input as ``kind``.
    """
    files, known = _extraction_start(store, [path], kind)
    return _extract(files[0], known)


def extract_documents(paths: Sequence[str | Path], store: Store | None = None, kind: str | None = None,
                      progress: ProgressBar = no_progress, jobs: int = 1) -> Iterator[dict[str, Any]]:  # fmt: skip
    """What loading each document named or under the folders in ``paths`` would add, one result per document, in order.

    One vocabulary and one extractor for all of them: start-up and the
    store's entities are paid once, not once per document, also with
    ``jobs`` > 1 (that many worker processes, forked once the extractor is
    built). Every path is checked before the first document is extracted.
    """
    files, known = _extraction_start(store, paths, kind)
    with progress(len(files), "extracting") as advance, contextlib.closing(_extract_all(files, known, jobs)) as found:
        for one in found:
            yield one
            advance(1)


def _extraction_start(store: Store | None, paths: Sequence[str | Path], kind: str | None) -> tuple[list[Path], Gazetteer]:
    """``extract``'s start-up: the documents, the names they resolve to, and the extractor, with the garbage collector
    paused. Its imports (pydantic's model classes, spaCy) and the extractor make objects that all live on, and the
    collector scanned them about 200 times for no garbage: 60-90 ms of CPU in a start-up of about 0.65 s (``gc.callbacks``
    timed it), the same in every run whatever the number of documents."""
    with paused_gc():
        files = _document_files(paths, kind)
        known = known_entities(store, rereading=files)
        if files:
            from supplygraph.loaders.documents import extractor_for

            extractor_for(known)  # (built now, or by the first document: the same extractor, cached for ``known``)
    return files, known


def _document_files(paths: Sequence[str | Path], kind: str | None) -> list[Path]:
    """The documents named in ``paths`` (each must be one) and the documents under its folders (other files skipped)."""
    from supplygraph.loaders import DOCUMENT_SUFFIXES, expand

    files: list[Path] = []
    for raw in paths:
        if str(raw) != "-" and Path(raw).is_dir():
            files.extend(path for path in expand([raw]) if path.suffix.lower() in DOCUMENT_SUFFIXES)
            continue
        path = expand([raw], kind)[0] if str(raw) == "-" else Path(raw)
        if not path.is_file():
            raise NotFound(f"no such file: {path}")
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise LoadError(f"not a document: {path.suffix or '(no suffix)'!r} (known: {', '.join(DOCUMENT_SUFFIXES)})", where=str(path))
        files.append(path)
    return files


HELD_OUT = "tests/fixtures/documents/heldout-b"
"""A held-out evaluation set with gold files that ships in the repository (relative to a clone's top folder)."""


def evaluate(folders: str | Path | Sequence[str | Path], store: Store | None = None,
             progress: ProgressBar = no_progress, jobs: int = 1) -> Evaluation:  # fmt: skip
    """Score extraction on every ``*.gold.json`` in ``folders`` (one or several; ``supplygraph eval``) with one
    extractor, built once (``jobs``: worker processes, as for :func:`extract_documents`).

    A missing folder says where the corpora are: the development corpus is
    not in the repository (``../shared/corpus/dev`` exists on the project's
    machines only), the held-out sets ship with the tests.
    """
    from supplygraph.loaders.evaluation import evaluate as evaluate_pairs
    from supplygraph.loaders.evaluation import gold_pairs

    folders = [folders] if isinstance(folders, (str, Path)) else folders
    for folder in folders:
        if not Path(folder).is_dir():
            raise NotFound(f"no such folder: {folder}. The development corpus (../shared/corpus/dev) is not part of the "
                           f"repository, only of the project's shared machines; in a clone, score the held-out sets that "
                           f"ship with the tests, e.g. supplygraph eval {HELD_OUT}")  # fmt: skip
    pairs = [pair for folder in folders for pair in gold_pairs(Path(folder))]
    known = known_entities(store)
    with progress(len(pairs), "scoring") as advance, \
            contextlib.closing(_extract_all([document for document, _ in pairs], known, jobs)) as extractions:  # fmt: skip

        def extract_one(path: Path) -> dict[str, Any]:  # the documents come in the pairs' order
            found = next(extractions)
            advance(1)
            return found

        return evaluate_pairs(pairs, extract_one)


def _extract_all(files: list[Path], known: Gazetteer, jobs: int) -> Generator[dict[str, Any], None, None]:
    """Each file's extraction, in order, on up to ``jobs`` processes forked after the extractor is built."""
    if jobs > 1 and len(files) > 1:
        from supplygraph.loaders.documents import extractor_for

        extractor_for(known)  # built once, before the fork: the workers share it
    return ordered_map(functools.partial(_extract, known=known), files, jobs)


def _extract(path: Path, known: Gazetteer) -> dict[str, Any]:
    from supplygraph.loaders import Context
    from supplygraph.loaders.documents import extract

    record, found = extract(Context(path, known))
    return {"document": record, **found.as_dict()}


def load(store: Store, units: list[LoadUnit], progress: Progress | None = None) -> LoadSummary:
    """Write read units to the store in one transaction; the units' notes come back in the summary."""
    summary = store.apply(units, progress)
    summary.notes = [note for unit in units for note in unit.notes]
    return summary


def load_files(store: Store, paths: Sequence[str | Path], progress: ProgressBar = no_progress,
               kind: str | None = None) -> LoadSummary:  # fmt: skip
    """Read every file under ``paths`` and write them to ``store`` in one transaction (``supplygraph load``).

    All or nothing: a bad file stops the load before anything is written. ``-`` reads standard input as ``kind``.
    Review decisions files (``*.decisions.yaml``) among ``paths`` are recorded
    first, so a fact they reject never enters the graph.
    """
    from supplygraph.loaders import decision_files, expand
    from supplygraph.loaders.decisions import read_decisions

    decisions = [d for path in decision_files(paths) for d in read_decisions(path)]
    files = expand(paths, kind)
    with progress(len(files), "reading") as advance:
        units = read(files, advance, store=store)
    if decisions:
        store.decide([Decision(**d) for d in decisions])
    with progress(sum(u.node_count() + u.fact_count() for u in units), "writing") as advance:
        summary = load(store, units, advance)
    if summary.nodes.added + summary.nodes.updated and not all(u.reader for u in units):
        _note_documents_read_before(store, units, summary)
    return summary


def _note_documents_read_before(store: Store, units: Sequence[LoadUnit], summary: LoadSummary) -> None:
    """After curated data: say which documents of the store made nodes of their own under a name the data now
    gives. Such a guess stands until the document is loaded again, when it links to the data (see
    :func:`known_entities`)."""
    from supplygraph.loaders.gazetteer import normalise

    guessed = store.document_nodes()
    if not guessed:  # no document in the store: no need to make records of the curated entities (0.4 s at 100,000)
        return
    defined = {normalise(name) for u in units if not u.reader for n in u.nodes for name in (n.name, *n.aliases)}
    loaded = {u.origin for u in units}
    earlier = sorted({origin for n in store.nodes() if n.id in guessed and not defined.isdisjoint(map(normalise, (n.name, *n.aliases)))
                      for origin in guessed[n.id]} - loaded)  # fmt: skip
    if earlier:
        them = "them" if len(earlier) > 1 else "it"
        summary.notes.append(
            f"{len(earlier):,} document{'s were' if len(earlier) > 1 else ' was'} read before this data and named what "
            f"it defines as new entities: load {them} again to link {them} to the data "
            f"({'e.g. ' if len(earlier) > 1 else ''}supplygraph load {shlex.quote(earlier[0])})"
        )


def load_bundled(store: Store) -> LoadSummary:
    """Load the bundled rare-earth dataset and the sample articles with their review decisions (what ``supplygraph
    demo`` does first)."""
    from supplygraph.loaders import decision_files
    from supplygraph.loaders.decisions import read_decisions

    store.decide([Decision(**d) for path in decision_files([SAMPLES]) for d in read_decisions(path)])
    return store.apply(read([BUNDLED, SAMPLES], store=store))


def demo(store: Store) -> tuple[LoadSummary, Stats, dict[str, Any]]:
    """``supplygraph demo``: load the bundled data and samples; the load summary, the store's stats and the report."""
    summary = load_bundled(store)
    report = chokepoints(store)
    report["review"] = review_counts(store)
    return summary, store.stats(), report


def search(store: Store, text: str, labels: Sequence[str] = (), limit: int | None = 20) -> list[dict[str, Any]]:
    """Entities whose name, alias or id matches ``text``, best first (``supplygraph search``).

    Nothing found is :class:`NotFound`, with the closest ids when some are spelled alike.
    """
    from supplygraph.graph.stores.search import search_nodes

    found = [m.as_dict() for m in search_nodes(store.nodes(), text, labels, limit)]
    if not found:
        within = f" among {', '.join(labels)}" if labels else ""
        candidates = ((n.id, n.name, n.aliases) for n in store.nodes() if not labels or n.label in labels)
        raise NotFound(f"nothing matches {text!r}{within}{did_you_mean(text, candidates)}")
    return found


def describe_node(store: Store, node_id: str) -> dict[str, Any]:
    """An entity, its facts (both directions) and the documents behind them, for ``supplygraph show``."""
    node = store.node(node_id)
    if node is None:
        documents = node_id.startswith("doc:")  # a name matches the titles of the documents about it: suggest entities
        hint = did_you_mean(node_id, ((n.id, n.name, n.aliases) for n in store.nodes() if documents or n.label != "Document"))
        raise NotFound(f"no entity with id {node_id!r} in the store{hint}")
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


def chokepoints(store: Store, *, reviewed_only: bool = False, keep: list | None = None, **options: Any) -> dict[str, Any]:
    """The chokepoint report on the whole stored graph, for ``supplygraph chokepoints``.

    ``options`` go to :func:`supplygraph.graph.analyses.chokepoints.chokepoint_report`
    (``top``, ``end_use``, ``stage``, ``scenarios``, ``edition``, ``year``, ``as_of``, ``stale_after``).
    Each finding counts the unreviewed facts behind it; ``reviewed_only``
    leaves those facts out of the graph analysed. ``keep``: a list the
    graphs read and analysed are appended to, for a caller that ends its
    process without freeing them (``supplygraph chokepoints``).
    """
    from supplygraph.graph.analyses.chokepoints import chokepoint_report  # networkx and the analyses: only where a command analyses
    from supplygraph.graph.analyses.flow import FLOW_TYPES

    graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)  # the flow facts straight to the projection
    if keep is not None:
        keep += [graph, facts]
    report = chokepoint_report(graph, facts=facts, keep=keep, **options)
    report["graph"]["reviewed_only"] = reviewed_only
    return report


# -- exports: HTML network views, GraphML, node-link JSON -------------------

EXPORT_FORMATS = ("html", "graphml", "json")


def export_view(
    store: Store,
    out: str | Path,
    fmt: str,
    *,
    focus: str | None = None,
    depth: int = 1,
    end_use: str | None = None,
    documents: bool = False,
    chokepoints: bool = False,
    top: int = 10,
    scenarios: Iterable[str] = (),
    max_nodes: int | None = None,
    as_of: str | None = None,
    stale_after: int = 12,
    reviewed_only: bool = False,
) -> "View":
    """Write a view of the store's graph to ``out`` as ``html``, ``graphml`` or ``json``; return the view.

    ``chokepoints`` (outlining the ``top`` ones) and ``scenarios`` mark the
    page with the chokepoint report (HTML only); ``max_nodes`` refuses views
    too big to read; ``reviewed_only`` leaves out unreviewed extracted facts
    (each edge otherwise carries ``reviewed``).
    The export modules are imported here, not at the top: pyvis imports
    IPython, a quarter of a second that other commands should not pay.
    """
    from supplygraph.graph.views.export import write_graphml, write_node_link
    from supplygraph.graph.views.highlights import view_highlights
    from supplygraph.graph.views.html import write_html
    from supplygraph.graph.views.selection import select_view

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    scenarios = list(scenarios)
    if fmt != "html" and (chokepoints or scenarios):
        raise SupplygraphError("--chokepoints and --scenario mark up the HTML view; GraphML and JSON carry the graph only")
    graph = store.to_networkx(reviewed_only=reviewed_only)
    view = select_view(graph, focus=focus, depth=depth, end_use=end_use, documents=documents, max_nodes=max_nodes)
    if fmt == "html":
        highlights = None
        if chokepoints or scenarios:
            end = view.focus if view.kind == "upstream" else None
            highlights = view_highlights(graph, end_use=end, chokepoints=chokepoints, top=top, scenarios=scenarios,
                                         as_of=as_of, stale_after=stale_after)  # fmt: skip
        write_html(view, out, graph, highlights)
    elif fmt == "graphml":
        write_graphml(view, out)
    else:
        write_node_link(view, out)
    return view


# -- Neo4j ---------------------------------------------------------------------


def push_to_neo4j(
    local: Store,
    target: "Neo4jStore",
    *,
    labels: Sequence[str] = (),
    ids: Sequence[str] = (),
    scores: bool = True,
    batch_size: int | None = None,
    as_of: str | None = None,
    full: bool = False,
    progress: ProgressBar = no_progress,
    reviewed_only: bool = False,
) -> tuple["PushSummary", str | None]:
    """Push the local graph (or the nodes of ``labels`` and ``ids`` and the edges between them) to Neo4j.

    With ``scores``, the chokepoint analysis runs here and its scores go to
    the push as node properties: the store writes what it is given and never
    runs an analysis. Only what changed since the last push to the same
    database is sent (an embedded store keeps the record); ``full`` sends
    everything. ``reviewed_only`` leaves out unreviewed extracted facts (from
    the push and from the analysis behind the scores); the summary counts
    them. Returns the summary and a note when scores could not be computed.
    """
    from supplygraph.graph.analyses.chokepoints import chokepoint_scores
    from supplygraph.graph.stores.embedded import EmbeddedStore
    from supplygraph.graph.stores.neo4j_push import DEFAULT_BATCH_SIZE, PushLedger, push, select

    nodes, edges = select(local, labels=labels, ids=ids)
    node_scores, note = chokepoint_scores(local.to_networkx(reviewed_only=reviewed_only), as_of=as_of) if scores else ({}, None)
    ledger = None
    if isinstance(local, EmbeddedStore):
        where = target.settings.where()
        digests, counts = local.read_ledger(where)
        ledger = PushLedger(digests, counts, lambda new, counts, reset: local.write_ledger(where, new, counts, reset))
    with progress(len(nodes) + len(edges), "pushing") as advance:
        summary = push(target, nodes, edges, scores=node_scores, batch_size=batch_size or DEFAULT_BATCH_SIZE, progress=advance,
                       reviewed_only=reviewed_only, ledger=ledger, full=full)  # fmt: skip
    return summary, note


def export_neo4j_csv(local: Store, folder: str | Path, *, scores: bool = True, database: str = "neo4j",
                     as_of: str | None = None) -> tuple["ImportFiles", str, str | None]:  # fmt: skip
    """Write the local graph as the CSV files ``neo4j-admin database import full`` reads (``supplygraph neo4j export-csv``).

    The same nodes, relationships and properties a push sends (chokepoint
    scores included unless ``scores`` is false), for a first load of a large
    graph into an empty database. Returns the files, the exact import
    command, and a note when scores could not be computed.
    """
    from supplygraph.graph.analyses.chokepoints import chokepoint_scores
    from supplygraph.graph.stores.neo4j_csv import import_command, write_import_csv
    from supplygraph.graph.stores.neo4j_push import select

    nodes, edges = select(local)
    node_scores, note = chokepoint_scores(local.to_networkx(), as_of=as_of) if scores else ({}, None)
    files = write_import_csv(Path(folder), nodes, edges, node_scores)
    return files, import_command(files, database), note


def pull_from_neo4j(source: "Neo4jStore", local: Store, *, progress: ProgressBar = no_progress) -> tuple["PulledGraph", LoadSummary]:
    """Read the Neo4j graph and load it into ``local`` as one input (``supplygraph neo4j pull``)."""
    from supplygraph.graph.stores.neo4j_push import pull

    pulled = pull(source)
    with progress(len(pulled.unit.nodes) + pulled.facts, "writing") as advance:
        return pulled, local.apply(pulled.units, advance)

"""The store interface that the embedded store and the Neo4j store both implement.

A store keeps *claims*: what each origin (a loaded file or document) says
about nodes and edges. The graph a user sees is the merge of those claims:
one node per id, one edge per fact key, an edge listing every source that
states it. Loading an origin again replaces its claims, which makes loads
idempotent and lets a new version of a document replace the old one.
"""

from __future__ import annotations

import abc
import dataclasses
import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from supplygraph.perf import paused_gc

if TYPE_CHECKING:
    import networkx as nx

    from supplygraph.schema import LoadUnit  # the models (pydantic) only where something is loaded

QUANTITY_FIELDS = ("share", "volume_t", "capacity_t", "reserves_t", "stake", "intensity_kg", "mass_fraction")
"""Edge properties that hold a figure."""


@dataclass(frozen=True)
class StoredNode:
    """A node as the store holds it: the merge of every origin's claim."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    props: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "aliases": list(self.aliases), **self.props}


@dataclass(frozen=True)
class StoredEdge:
    """An edge as the store holds it, with the merged provenance of every claim."""

    key: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    confidence: float = 1.0
    reviewed: bool = True
    """False while every claim behind the edge is an extracted fact nobody has accepted."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.type,
            "source": self.source,
            "target": self.target,
            **self.props,
            "sources": list(self.sources),
            "evidence": list(self.evidence),
            "confidence": self.confidence,
            "reviewed": self.reviewed,
        }


DECISIONS = ("accepted", "rejected")


def decision_key(type_: str, source: str, target: str, evidence: str) -> str:
    """The id of one reviewable statement: the fact's type and ends, and the sentence that states it."""
    text = " ".join(evidence.split())
    return hashlib.sha1("\x1f".join((type_, source, target, text)).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Decision:
    """A person's verdict on one statement of a fact."""

    type: str
    source: str
    target: str
    evidence: str
    decision: str
    decided_at: str = ""

    @property
    def key(self) -> str:
        return decision_key(self.type, self.source, self.target, self.evidence)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.key, **dataclasses.asdict(self)}


@dataclass(frozen=True)
class Candidate:
    """One extracted statement as ``supplygraph review`` lists it."""

    id: str
    type: str
    source: str
    target: str
    evidence: str
    confidence: float
    document: str
    origin: str
    decision: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class LoadSummary:
    """What a load did, for the CLI summary and for tests of idempotency."""

    inputs: int = 0
    skipped_unchanged_inputs: int = 0
    nodes: Counts = field(default_factory=Counts)
    edges: Counts = field(default_factory=Counts)
    notes: list[str] = field(default_factory=list)
    """One line per input worth a remark (a document mostly not in English), from the inputs' units."""

    def as_dict(self) -> dict[str, Any]:
        out = {
            "inputs": self.inputs,
            "skipped_unchanged_inputs": self.skipped_unchanged_inputs,
            "nodes": vars(self.nodes),
            "edges": vars(self.edges),
        }
        return {**out, "notes": self.notes} if self.notes else out


@dataclass
class Stats:
    """Counts by label and type, the sources cited, and facts that carry no figure."""

    nodes: int
    edges: int
    labels: dict[str, int]
    types: dict[str, int]
    sources: int
    cited_sources: int
    facts_without_quantities: int
    origins: int

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


Progress = Callable[[int], None]
"""Called with the number of records just written, to advance a progress bar."""


class Store(abc.ABC):
    """What every store implementation offers. Constructors make no I/O beyond opening a local file."""

    @abc.abstractmethod
    def apply(self, units: Sequence[LoadUnit], progress: Progress | None = None) -> LoadSummary:
        """Write the units in one transaction: all of them, or nothing when any fails."""

    @abc.abstractmethod
    def node(self, node_id: str) -> StoredNode | None:
        """One node by id, or None."""

    @abc.abstractmethod
    def nodes(self, label: str | None = None) -> Iterator[StoredNode]:
        """Every node, or those of one label."""

    @abc.abstractmethod
    def document_nodes(self) -> dict[str, frozenset[str]]:
        """The nodes that only documents claim (no curated file defines them), each with those documents' origins.

        What a document resolves its names against depends on it: a node that
        a document's own earlier reading made is not evidence for reading it
        again, and a name that curated data and a document's guess share
        belongs to the curated node (:func:`supplygraph.api.known_entities`).
        """

    @abc.abstractmethod
    def edges(self, type: str | None = None) -> Iterator[StoredEdge]:
        """Every edge, or those of one type."""

    @abc.abstractmethod
    def edges_of(self, node_id: str) -> list[StoredEdge]:
        """The edges that start or end at a node."""

    @abc.abstractmethod
    def stats(self) -> Stats:
        """Counts for ``supplygraph stats``."""

    @abc.abstractmethod
    def candidates(self) -> list[Candidate]:
        """Every statement of an extracted fact in the store, pending or decided (see :mod:`.review`)."""

    @abc.abstractmethod
    def decisions(self) -> list[Decision]:
        """Every review decision the store keeps, whether or not a loaded document still states its fact."""

    @abc.abstractmethod
    def decide(self, decisions: Sequence[Decision]) -> int:
        """Record decisions (a later one on the same statement replaces the earlier) and re-merge the edges they
        touch, in one transaction; returns how many decisions changed."""

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def analysis_graph(self, flow_types: Collection[str], *, reviewed_only: bool = False) -> tuple[nx.MultiDiGraph, Iterable[tuple] | None]:
        """The graph an analysis reads: :meth:`to_networkx`, and None for the flow facts (they are in it).

        A store may instead keep the facts of ``flow_types`` out of the graph
        and return them as a stream of (source, target, type, properties,
        sources, reviewed) in the order the graph's adjacency would give them
        (the embedded store does: no NetworkX copy of a million flow facts the
        projection reads once).
        """
        return self.to_networkx(reviewed_only=reviewed_only), None

    def to_networkx(self, ids: Iterable[str] | None = None, *, reviewed_only: bool = False) -> nx.MultiDiGraph:
        """The whole graph, or the subgraph induced by ``ids``, as a NetworkX ``MultiDiGraph``.

        Node attributes are ``label``, ``name``, ``aliases`` and the label's
        properties; edges are keyed by fact key and carry ``type``, their
        properties and ``sources``, ``evidence``, ``confidence`` and ``reviewed``;
        ``reviewed_only`` leaves out the edges no claim of which is reviewed.

        The cyclic garbage collector is paused meanwhile
        (:func:`~supplygraph.perf.paused_gc`): a graph of 500k facts is
        millions of small objects, and the collector's repeated passes over
        them made the conversion take 10 s instead of 6 s (embedded store).
        """
        keep = None if ids is None else set(ids)
        import networkx as nx  # here: commands that never build a graph (load, extract, stats) need not import it

        graph = nx.MultiDiGraph()
        with paused_gc():
            for node in self.nodes():
                if keep is None or node.id in keep:
                    graph.add_node(node.id, label=node.label, name=node.name, aliases=list(node.aliases), **node.props)
            for edge in self.edges():
                if reviewed_only and not edge.reviewed:
                    continue
                if keep is None or (edge.source in keep and edge.target in keep):
                    graph.add_edge(
                        edge.source,
                        edge.target,
                        key=edge.key,
                        type=edge.type,
                        **edge.props,
                        sources=list(edge.sources),
                        evidence=list(edge.evidence),
                        confidence=edge.confidence,
                        reviewed=edge.reviewed,
                    )
        return graph

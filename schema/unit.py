"""The unit of loading: the records read from one input, with where each came from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .plain import DOCUMENT_SUFFIXES, is_document  # noqa: F401 - their home before .plain

if TYPE_CHECKING:  # (annotations only: a unit holds records others made, so reading a document imports no pydantic model)
    from .facts import Fact
    from .node_table import NodeTable
    from .nodes import Node
    from .table import FactTable


@dataclass
class LoadUnit:
    """Everything read from one input (a file, a document, a generated batch).

    ``origin`` names the input stably (its resolved path): loading an origin
    again replaces what it contributed before, so an edited file or a new
    version of a document takes the place of the old one. ``digest`` is the
    sha256 of the content, so an unchanged input is recognised and skipped
    (a document only when the same rules read it: :attr:`stamp`).
    """

    origin: str
    digest: str
    reader: str = ""
    """What read the content into facts when that can change between versions: the extraction rules' fingerprint
    for a document, empty for curated data (whose meaning is its bytes)."""
    extracted: bool = False
    """The facts were read from a document's text by rules: each is stored unreviewed until a person accepts it
    (``supplygraph review``); curated data is reviewed by definition."""
    notes: list[str] = field(default_factory=list)
    """What a reader should know about the input that is no error ("mostly not in English: no relation extracted")."""
    table: FactTable | None = None
    """Facts read column by column (a CSV facts table): a first load writes them as they are; :attr:`facts` turns
    them into records on first use."""
    entities: NodeTable | None = None
    """Entities read as a table (a CSV entities table): a first load writes them as they are; :attr:`nodes` turns
    them into records on first use."""
    _nodes: list[Node] = field(default_factory=list, repr=False)
    _node_where: list[str] = field(default_factory=list, repr=False)
    _facts: list[Fact] = field(default_factory=list, repr=False)
    _fact_where: list[str] = field(default_factory=list, repr=False)

    @property
    def stamp(self) -> str:
        """What a store keeps to recognise this input next time: the digest, and for a document the rules that read
        it, so that an unchanged document is read again by new rules rather than kept as older rules read it."""
        return f"{self.digest}+{self.reader}" if self.reader else self.digest

    @property
    def nodes(self) -> list[Node]:
        self._node_records()
        return self._nodes

    @property
    def node_where(self) -> list[str]:
        self._node_records()
        return self._node_where

    def _node_records(self) -> None:
        if self.entities is not None:
            self._nodes, self._node_where = self.entities.nodes(), [self.entities.where(row) for row in self.entities.rows]
            self.entities = None

    def node_count(self) -> int:
        return len(self.entities.rows) if self.entities else len(self._nodes)

    def node_labels(self) -> Iterator[tuple[str, str]]:
        """``(id, label)`` of every node, in order, without building records."""
        return ((n.id, n.label) for n in (self.entities.rows if self.entities else self._nodes))

    def node_where_at(self, index: int) -> str:
        """Where the node at ``index`` (of :meth:`node_labels`) was read, for an error message."""
        return self.entities.where(self.entities.rows[index]) if self.entities else self._node_where[index]

    @property
    def facts(self) -> list[Fact]:
        self._records()
        return self._facts

    @property
    def fact_where(self) -> list[str]:
        self._records()
        return self._fact_where

    def _records(self) -> None:
        if self.table is not None:
            self._facts, self._fact_where = self.table.facts(), [self.table.where(row) for row in self.table.rows]
            self.table = None

    def fact_count(self) -> int:
        return len(self.table.rows) if self.table else len(self._facts)

    def fact_keys(self) -> Iterable[str]:
        return (row.key for row in self.table.rows) if self.table else (fact.key() for fact in self._facts)

    def fact_refs(self) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
        """``(type, source, target, sources)`` of every fact, in order, without building records."""
        return ((f.type, f.source, f.target, f.sources) for f in (self.table.rows if self.table else self._facts))

    def fact_ids(self) -> Iterable[str]:
        """Every id the facts refer to (ends and sources), each at least once."""
        if self.table:
            return self.table.documents.union(*(ids for ends in self.table.ends.values() for ids in ends))
        return (i for f in self._facts for i in (f.source, f.target, *f.sources))

    def fact_at(self, index: int) -> tuple[Fact, str]:
        """The fact at ``index`` (of :meth:`fact_refs`) and where it was read, for an error message."""
        if self.table:
            row = self.table.rows[index]
            return self.table.facts([row])[0], self.table.where(row)
        return self._facts[index], self._fact_where[index]

    def add_node(self, node: Node, where: str) -> None:
        self._node_records()
        self._nodes.append(node)
        self._node_where.append(where)

    def add_fact(self, fact: Fact, where: str) -> None:
        self._records()
        self._facts.append(fact)
        self._fact_where.append(where)

"""The unit of loading: the records read from one input, with where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import Fact
from .nodes import Node


@dataclass
class LoadUnit:
    """Everything read from one input (a file, a document, a generated batch).

    ``origin`` names the input stably (its resolved path): loading an origin
    again replaces what it contributed before, so an edited file or a new
    version of a document takes the place of the old one. ``digest`` is the
    sha256 of the content, so an unchanged input is recognised and skipped.
    """

    origin: str
    digest: str
    nodes: list[Node] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    node_where: list[str] = field(default_factory=list)
    fact_where: list[str] = field(default_factory=list)
    extracted: bool = False
    """The facts were read from a document's text by rules: each is stored unreviewed until a person accepts it
    (``supplygraph review``); curated data is reviewed by definition."""
    notes: list[str] = field(default_factory=list)
    """What a reader should know about the input that is no error ("mostly not in English: no relation extracted")."""

    def add_node(self, node: Node, where: str) -> None:
        self.nodes.append(node)
        self.node_where.append(where)

    def add_fact(self, fact: Fact, where: str) -> None:
        self.facts.append(fact)
        self.fact_where.append(where)

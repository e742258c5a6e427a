"""Rows for Neo4j and back: pure functions between the store's records and driver parameters.

Push sends nodes and relationships as ``UNWIND $rows`` parameters built
here; reads and pull turn what Neo4j returns back into
:class:`~supplygraph.graph.stores.base.StoredNode`, :class:`StoredEdge` and
schema-validated :class:`~supplygraph.schema.LoadUnit` records. No driver is
involved, so all of this is tested without a server.

Neo4j property values must be primitives or homogeneous lists of primitives
(no maps, no nested lists, no nulls inside lists); :func:`check_property`
refuses anything else with the offending name and id before a row is sent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from supplygraph.errors import IntegrityError, StoreError, SupplygraphError
from supplygraph.schema import FACT_TYPES, NODE_LABELS, LoadUnit, parse_fact, parse_node

from .cypher import DERIVED_NODE_PROPERTIES, EDGE_BOOKKEEPING
from .base import StoredEdge, StoredNode

_PRIMITIVES = (str, bool, int, float)

Row = dict[str, Any]


def check_property(name: str, value: Any, owner: str) -> Any:
    """``value`` as Neo4j can store it (tuples become lists); raise StoreError for maps, nested lists, nulls."""
    if isinstance(value, _PRIMITIVES):
        return value
    if isinstance(value, (list, tuple)):
        kinds = {bool if isinstance(v, bool) else (float if isinstance(v, int) else type(v)) for v in value}
        if all(isinstance(v, _PRIMITIVES) for v in value) and len(kinds) <= 1:
            return list(value)
        raise StoreError(f"{owner}: property {name!r} is a list Neo4j cannot store (mixed types, nulls or nesting)")
    raise StoreError(f"{owner}: property {name!r} has a value Neo4j cannot store ({type(value).__name__})")


def _checked(props: Mapping[str, Any], owner: str) -> dict[str, Any]:
    return {name: check_property(name, value, owner) for name, value in props.items() if value is not None}


def node_props(node: StoredNode, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every property a node gets in Neo4j: ``id``, ``name``, ``aliases``, its label's properties, then ``extra``."""
    props = {"id": node.id, "name": node.name, "aliases": list(node.aliases), **node.props, **(extra or {})}
    return _checked(props, f"node {node.id}")


def node_row(node: StoredNode, extra: Mapping[str, Any] | None = None) -> Row:
    """The ``$rows`` entry for :func:`~supplygraph.graph.stores.cypher.upsert_nodes`."""
    return {"id": node.id, "props": node_props(node, extra)}


def edge_props(edge: StoredEdge) -> dict[str, Any]:
    """Every property a relationship gets: its fact key, its properties and its provenance."""
    props = {
        **edge.props,
        "key": edge.key,
        "sources": list(edge.sources),
        "evidence": list(edge.evidence),
        "confidence": float(edge.confidence),
        "reviewed": bool(edge.reviewed),
    }
    return _checked(props, f"fact {edge.type} {edge.source}->{edge.target}")


def edge_row(edge: StoredEdge) -> Row:
    """The ``$rows`` entry for :func:`~supplygraph.graph.stores.cypher.upsert_edges`."""
    return {"key": edge.key, "source": edge.source, "target": edge.target, "props": edge_props(edge)}


def node_rows_by_label(
    nodes: Iterable[StoredNode], extras: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, list[Row]]:
    """Node rows grouped by primary label (one statement per label), in the schema's label order."""
    groups: dict[str, list[Row]] = {name: [] for name in NODE_LABELS}
    for node in nodes:
        if node.label not in groups:
            raise StoreError(f"node {node.id}: unknown label {node.label!r}")
        groups[node.label].append(node_row(node, (extras or {}).get(node.id)))
    return {name: rows for name, rows in groups.items() if rows}


def edge_rows_by_type(edges: Iterable[StoredEdge]) -> dict[str, list[Row]]:
    """Relationship rows grouped by type, in the schema's type order."""
    groups: dict[str, list[Row]] = {name: [] for name in FACT_TYPES}
    for edge in edges:
        if edge.type not in groups:
            raise StoreError(f"fact {edge.key}: unknown relationship type {edge.type!r}")
        groups[edge.type].append(edge_row(edge))
    return {name: rows for name, rows in groups.items() if rows}


def row_digest(statement: str, row: Row) -> str:
    """What a row sends, as a short digest: equal digests, nothing to send again (the statement names label or type)."""
    text = json.dumps([statement, row], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


@dataclass
class PushLedger:
    """What was pushed to one Neo4j database: a digest per node (``n:ID``) and relationship (``r:KEY``).

    ``counts`` are the database's (entities, relationships) when the last
    push ended; a push trusts ``digests`` only while the database still has
    those counts (nothing deleted or added behind its back), and otherwise
    sends everything. ``save`` persists what changed (the embedded store
    keeps a ledger per database beside the graph); without it the ledger
    lives as long as the object.
    """

    digests: dict[str, str] = field(default_factory=dict)
    counts: tuple[int, int] | None = None
    save: Callable[[Mapping[str, str], tuple[int, int] | None, bool], None] | None = None
    """Called with new digests, the counts (None while a push runs) and whether to forget the old record first."""

    def trust(self, counts: tuple[int, int] | None) -> None:
        """Forget the digests unless the database's counts are those the last push left (None: forget them)."""
        if (counts is None or self.counts != counts) and (self.digests or self.counts is not None):
            self.digests.clear()
            self.counts = None
            if self.save:
                self.save({}, None, True)

    def record(self, digests: Mapping[str, str]) -> None:
        self.digests.update(digests)
        self.counts = None
        if self.save:
            self.save(digests, None, False)

    def finish(self, counts: tuple[int, int]) -> None:
        self.counts = counts
        if self.save:
            self.save({}, counts, False)


def batches(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """Consecutive slices of at most ``size`` rows."""
    if size < 1:
        raise StoreError(f"batch size must be at least 1, got {size}")
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# -- from Neo4j --------------------------------------------------------------


def primary_label(labels: Iterable[str], owner: str) -> str | None:
    """The one schema label among a node's labels; None when it has none; IntegrityError for two."""
    found = [name for name in labels if name in NODE_LABELS]
    if len(found) > 1:
        raise IntegrityError(f"{owner} has two schema labels: {', '.join(sorted(found))}")
    return found[0] if found else None


def stored_node(labels: Iterable[str], props: Mapping[str, Any]) -> StoredNode | None:
    """A :class:`StoredNode` from a node's labels and properties; None for a node without a schema label."""
    node_id = props.get("id")
    primary = primary_label(labels, f"node {node_id}")
    if primary is None:
        return None
    rest = {k: v for k, v in props.items() if k not in ("id", "name", "aliases")}
    return StoredNode(node_id, primary, props.get("name", ""), tuple(props.get("aliases") or ()), rest)


def stored_edge(type_name: str, source: str, target: str, props: Mapping[str, Any]) -> StoredEdge:
    """A :class:`StoredEdge` from a relationship's type, end ids and properties."""
    rest = {k: v for k, v in props.items() if k not in EDGE_BOOKKEEPING}
    return StoredEdge(
        props.get("key", ""), type_name, source, target, rest,
        tuple(props.get("sources") or ()), tuple(props.get("evidence") or ()), float(props.get("confidence", 1.0)),
        bool(props.get("reviewed", True)),
    )  # fmt: skip


@dataclass
class PulledGraph:
    """What pull read: the unit to load, and what it left out because the schema does not know it."""

    unit: LoadUnit
    unreviewed: LoadUnit
    """The relationships Neo4j holds as ``reviewed: false`` (extracted, nobody accepted them): loaded as extracted
    facts so they stay unreviewed here, and a decision on them (``supplygraph review``) applies as to any other."""
    skipped_labels: dict[str, int] = field(default_factory=dict)
    skipped_types: dict[str, int] = field(default_factory=dict)

    @property
    def units(self) -> list[LoadUnit]:
        """What to load: the reviewed graph, and the unreviewed facts when there are any."""
        return [self.unit, self.unreviewed] if self.unreviewed.facts else [self.unit]

    @property
    def facts(self) -> int:
        return len(self.unit.facts) + len(self.unreviewed.facts)


def pulled_unit(
    origin: str,
    nodes: Iterable[tuple[str, Sequence[str], Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, str, str, Mapping[str, Any]]],
) -> PulledGraph:
    """Validate a graph read from Neo4j through the schema into one :class:`LoadUnit`.

    ``nodes`` are ``(element_id, labels, properties)``; ``edges`` are
    ``(element_id, type, source_id, target_id, properties)``. Nodes whose
    labels include no schema label and relationships of unknown types are
    left out and counted; derived properties (chokepoint scores) and the
    stored fact ``key`` are dropped (the key is recomputed); a relationship
    with several evidence sentences becomes one fact per sentence, which the
    store merges back into one edge. A relationship pushed as ``reviewed:
    false`` comes back as an extracted fact, still unreviewed. A record the schema refuses raises
    :class:`~supplygraph.errors.InvalidRecord` naming the Neo4j element.
    """
    unit = LoadUnit(origin=origin, digest="")
    unreviewed = LoadUnit(origin=f"{origin} (unreviewed)", digest="", extracted=True)
    result = PulledGraph(unit, unreviewed)
    canonical: list[Any] = []
    canonical_unreviewed: list[Any] = []
    for element_id, labels, props in nodes:
        where = f"{origin} node {props.get('id', element_id)}"
        primary = primary_label(labels, where)
        if primary is None:
            key = ":".join(sorted(labels)) or "(no label)"
            result.skipped_labels[key] = result.skipped_labels.get(key, 0) + 1
            continue
        record = {k: v for k, v in props.items() if k not in DERIVED_NODE_PROPERTIES}
        record["label"] = primary
        try:
            unit.add_node(parse_node(record), where)
        except SupplygraphError as exc:
            raise exc.at(where) from None
        canonical.append(record)
    for element_id, type_name, source, target, props in edges:
        if type_name not in FACT_TYPES:
            result.skipped_types[type_name] = result.skipped_types.get(type_name, 0) + 1
            continue
        where = f"{origin} relationship {type_name} {source}->{target}"
        base = {k: v for k, v in props.items() if k not in ("key", "evidence", "reviewed")}
        base.update(type=type_name, source=source, target=target)
        into, seen = (unit, canonical) if props.get("reviewed", True) else (unreviewed, canonical_unreviewed)
        for evidence in list(props.get("evidence") or []) or [None]:
            record = dict(base, evidence=evidence) if evidence is not None else base
            try:
                into.add_fact(parse_fact(record), where)
            except SupplygraphError as exc:
                raise exc.at(where) from None
            seen.append(record)
    unit.digest = _digest(canonical)
    unreviewed.digest = _digest(canonical_unreviewed)
    return result


def _digest(records: list[Any]) -> str:
    return hashlib.sha256(json.dumps(records, sort_keys=True, default=str).encode()).hexdigest()

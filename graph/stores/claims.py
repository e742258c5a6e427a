"""Claims and their merge: the store-independent half of loading.

Each origin claims nodes and edges; the graph is their merge. These pure
functions are shared by every store implementation, so both merge the same
way: the first origin (in id order) that sets a property wins, aliases and
sources are united, the highest confidence is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from supplygraph.errors import IntegrityError, SupplygraphError, did_you_mean
from supplygraph.schema.plain import is_document

from .base import LoadSummary, Progress, StoredEdge, StoredNode

if TYPE_CHECKING:  # the models (pydantic): imported by the load path's calls, not by a store's reader
    from supplygraph.schema import LoadUnit
    from supplygraph.schema.table import FactTable


@dataclass(slots=True)
class NodeClaim:
    origin: str
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class EdgeClaim:
    origin: str
    key: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    confidence: float = 1.0
    curated: bool = True
    """False for a fact extracted from a document's text: unreviewed until a decision accepts it."""
    accepted: bool = False
    """Set on the way to a merge (:func:`.review.reviewed_claims`), never stored: a decision accepted it."""

    @property
    def reviewed(self) -> bool:
        return self.curated or self.accepted


PROVENANCE_TYPES = frozenset({"MENTIONED_IN"})
"""Facts about where an entity is named, not about the supply chain: nothing to review."""


def _fill(into: dict[str, Any], props: Mapping[str, Any]) -> None:
    for name, value in props.items():
        into.setdefault(name, value)


def _unite(into: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value not in into:
            into.append(value)


def unit_claims(unit: LoadUnit) -> tuple[dict[str, NodeClaim], dict[str, EdgeClaim]]:
    """The claims of one unit, with repeated records of the same node or fact merged.

    Raises IntegrityError when the unit gives one id two labels.
    """
    return node_claims(unit), edge_claims(unit)


def node_claims(unit: LoadUnit) -> dict[str, NodeClaim]:
    """The unit's node claims by id (see :func:`unit_claims`)."""
    if unit.entities:  # ids distinct: each row is its node's one claim (its props shared with like rows: copied)
        return {r.id: NodeClaim(unit.origin, r.id, r.label, r.name, list(r.aliases), dict(r.props)) for r in unit.entities.rows}
    nodes: dict[str, NodeClaim] = {}
    for node, where in zip(unit.nodes, unit.node_where):
        claim = nodes.get(node.id)
        if claim is None:
            nodes[node.id] = NodeClaim(unit.origin, node.id, node.label, node.name, list(node.aliases), node.properties())
            continue
        if claim.label != node.label:
            raise IntegrityError(f"id {node.id!r} is given two labels: {claim.label} and {node.label}", where=where)
        _unite(claim.aliases, [node.name, *node.aliases] if node.name != claim.name else node.aliases)
        _fill(claim.props, node.properties())
    return nodes


def edge_claims(unit: LoadUnit) -> dict[str, EdgeClaim]:
    """The unit's edge claims by key (see :func:`unit_claims`)."""
    edges: dict[str, EdgeClaim] = {}
    extracted = unit.extracted
    for fact in unit.facts:
        key = fact.key()
        claim = edges.get(key)
        evidence = [fact.evidence] if fact.evidence else []
        if claim is None:
            edges[key] = EdgeClaim(
                unit.origin, key, fact.type, fact.source, fact.target,
                fact.properties(), list(fact.sources), evidence, fact.confidence,
                not extracted or fact.type in PROVENANCE_TYPES,
            )  # fmt: skip
            continue
        _fill(claim.props, fact.properties())
        _unite(claim.sources, fact.sources)
        _unite(claim.evidence, evidence)
        claim.confidence = max(claim.confidence, fact.confidence)
    return edges


def changed_units(
    units: Sequence[LoadUnit], loaded: Mapping[str, str], summary: LoadSummary, progress: Progress | None = None
) -> list[LoadUnit]:
    """The units whose content differs from what their origin last loaded (``loaded``: origin -> stamp, the digest
    and for a document the rules that read it).

    An unchanged unit is skipped whole and counted as unchanged in ``summary``.
    """
    changed = []
    for unit in units:
        if loaded.get(unit.origin) != unit.stamp:
            changed.append(unit)
            continue
        summary.skipped_unchanged_inputs += 1
        summary.nodes.unchanged += len({node_id for node_id, _ in unit.node_labels()})
        summary.edges.unchanged += len(set(unit.fact_keys()))
        if progress:
            progress(unit.node_count() + unit.fact_count())
    return changed


def only_documents_claim(claims: Iterable[tuple[str, str, str]]) -> dict[str, frozenset[str]]:
    """From ``(node id, origin, its stamp)`` for every claim on a node: the nodes that only documents claim, each with
    the origins of those documents (:meth:`Store.document_nodes`)."""
    origins: dict[str, set[str]] = {}
    curated: set[str] = set()
    for node_id, origin, stamp in claims:
        if is_document(origin, stamp):
            origins.setdefault(node_id, set()).add(origin)
        else:
            curated.add(node_id)
    return {node_id: frozenset(found) for node_id, found in origins.items() if node_id not in curated}


LabelLookup = Callable[[Sequence[str]], Mapping[str, str]]
"""Given node ids, the labels that *other* origins give them (ids unknown elsewhere are left out)."""


def check_units(units: Sequence[LoadUnit], labels_elsewhere: LabelLookup,
                known: Callable[[], Iterable[tuple[str, str, Iterable[str]]]] | None = None) -> None:  # fmt: skip
    """Check the units against each other and the rest of the store before anything is written.

    Catches, with the file and line of the offending record: one id given two
    labels, a reference to a node defined nowhere, a source that is not a
    Document, and a fact whose ends carry labels its type does not allow. A
    reference to an unknown id suggests the closest ids of the batch and of
    ``known`` (the store's ``(id, name, aliases)``, read on that error only).
    """
    from supplygraph.schema import FACT_TYPES, check_endpoints  # the models: loaded data is validated, a store's read is not

    batch: dict[str, tuple[str, LoadUnit, int]] = {}  # id -> its label, and the unit and index that first give it
    for unit in units:
        for i, (node_id, label) in enumerate(unit.node_labels()):
            seen = batch.get(node_id)
            if seen is None:
                batch[node_id] = (label, unit, i)
            elif seen[0] != label:
                raise IntegrityError(
                    f"id {node_id!r} is given two labels: {seen[0]} (at {seen[1].node_where_at(seen[2])}) and {label}",
                    where=unit.node_where_at(i),
                )  # fmt: skip
    referenced = {node_id for unit in units for node_id in unit.fact_ids()}
    elsewhere = dict(labels_elsewhere(sorted(referenced | set(batch))))
    for node_id, (label, unit, i) in batch.items() if elsewhere else ():
        other = elsewhere.get(node_id)
        if other and other != label:
            raise IntegrityError(f"id {node_id!r} is given two labels: {label} here and {other} in the store",
                                 where=unit.node_where_at(i))  # fmt: skip
    labels = {**elsewhere, **{node_id: label for node_id, (label, _, _) in batch.items()}}
    allowed: dict[tuple[str, str, str], bool] = {}
    for unit in units:
        if unit.table and _table_fits(unit.table, labels):
            continue
        for i, (type_, source_id, target_id, docs) in enumerate(unit.fact_refs()):
            source, target = labels.get(source_id), labels.get(target_id)
            if source is None or target is None:
                fact, where = unit.fact_at(i)
                role, node_id = ("source", fact.source) if source is None else ("target", fact.target)
                candidates = [(n.id, n.name, n.aliases) for u in units for n in u.nodes]
                hint = did_you_mean(node_id, [*candidates, *(known() if known else ())])
                raise IntegrityError(
                    f"fact {fact.type} {fact.source}->{fact.target}: dangling reference: {role} {node_id!r} is not defined{hint}",
                    where=where,
                )
            for doc in docs:
                if labels.get(doc) != "Document":
                    fact, where = unit.fact_at(i)
                    raise IntegrityError(
                        f"fact {fact.type} {fact.source}->{fact.target}: source {doc!r} is not a defined document",
                        where=where,
                    )
            ends = (type_, source, target)
            ok = allowed.get(ends)
            if ok is None:
                ok = allowed[ends] = FACT_TYPES[type_].allows(source, target)
            if not ok:
                fact, where = unit.fact_at(i)
                try:
                    check_endpoints(fact, source, target)
                except SupplygraphError as exc:
                    raise exc.at(where) from None


def _table_fits(table: FactTable, labels: Mapping[str, str]) -> bool:
    """Whether every fact of a table passes :func:`check_units`, checked per distinct id: each type's starts and ends
    carry labels it allows, and every cited source is a Document. When not, the row-by-row check finds the first
    offending row."""
    from supplygraph.schema import FACT_TYPES

    if any(labels.get(doc) != "Document" for doc in table.documents):
        return False
    for type_, (starts, ends) in table.ends.items():
        cls = FACT_TYPES[type_]
        for ids, allowed in ((starts, cls.SOURCE_LABELS), (ends, cls.TARGET_LABELS)):
            found = {labels.get(node_id) for node_id in ids}
            if None in found or ("*" not in allowed and not found <= allowed):
                return False
    return True


def merge_node(claims: Sequence[NodeClaim]) -> StoredNode:
    """One node from the claims of every origin, taken in origin order."""
    if len(claims) == 1:  # the common case, kept fast for bulk loads: the same as the loop below
        c = claims[0]
        return StoredNode(c.id, c.label, c.name, tuple(a for a in dict.fromkeys(c.aliases) if a != c.name), dict(c.props))
    claims = sorted(claims, key=lambda c: c.origin)
    first = claims[0]
    aliases: list[str] = []
    props: dict[str, Any] = {}
    for claim in claims:
        if claim.label != first.label:
            raise IntegrityError(
                f"id {first.id!r} is given two labels: {first.label} by {first.origin} and {claim.label} by {claim.origin}"
            )
        _unite(aliases, [a for a in ([claim.name] if claim.name != first.name else []) + claim.aliases])
        _fill(props, claim.props)
    return StoredNode(first.id, first.label, first.name, tuple(a for a in aliases if a != first.name), props)


def merge_edge(claims: Sequence[EdgeClaim]) -> StoredEdge:
    """One edge from the claims of every origin: sources and evidence united, highest confidence; reviewed when any
    claim behind it is (curated, or extracted and accepted)."""
    if len(claims) == 1:  # the common case, kept fast for bulk loads
        c = claims[0]
        return StoredEdge(c.key, c.type, c.source, c.target, c.props, tuple(sorted(c.sources)), tuple(c.evidence), c.confidence,
                          c.reviewed)  # fmt: skip
    claims = sorted(claims, key=lambda c: c.origin)
    first = claims[0]
    props: dict[str, Any] = {}
    sources: list[str] = []
    evidence: list[str] = []
    for claim in claims:
        _fill(props, claim.props)
        _unite(sources, claim.sources)
        _unite(evidence, claim.evidence)
    return StoredEdge(
        first.key, first.type, first.source, first.target, props,
        tuple(sorted(sources)), tuple(evidence), max(c.confidence for c in claims), any(c.reviewed for c in claims),
    )  # fmt: skip

"""Facts read column by column: a CSV facts table validated per distinct cell value, not per row.

Building a pydantic record per row costs about 10 microseconds, more than
SQLite takes to store the row. Yet each field's validation depends on its
cell alone (the ends' and sources' validators, the constraints on shares and
years), and most columns repeat a few values (types, sources, materials,
years), so :func:`fact_table` validates each distinct value of a column once,
through the type's own model, and keeps plain values per row. Free-text
columns (``str`` fields without constraints) pass through as pydantic would
pass them.

It only ever *accepts*: any row it is not sure of (an unknown type, a value
the model rejects, a repeated fact, a column it does not know) makes it
return None, and the loader reads the file record by record as before, so
every error is the one the record-by-record path gives, at the same line.
:meth:`FactTable.facts` turns the rows into the same :class:`Fact` records
for the code that needs them (merges into a non-empty store, Neo4j).
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import ValidationError
from pydantic_core import PydanticUndefined

from .facts import FACT_TYPES, Fact
from .values import ID_PATTERN

ENDS = ("type", "source", "target", "sources")
"""The columns every facts table has; the rest are the fact's fields."""
_NOT_PROPERTIES = frozenset({"type", "source", "target", "sources", "evidence", "confidence"})
"""What :meth:`Fact.properties` leaves out."""
_KNOWN_FIELD_VALIDATORS = {"_check_end": ("source", "target"), "_check_sources": ("sources",)}
_KNOWN_MODEL_VALIDATORS = {"_order_symmetric_ends"}
_PROBE = {"source": "probe:a", "target": "probe:b", "sources": ("doc:probe",)}
"""The smallest valid fact of any type: a distinct cell value is validated in its place."""
_INVALID, _ABSENT, _MISS = object(), object(), object()


class FactRow(NamedTuple):
    """One fact as :class:`Fact` would hold it: validated values, its key and properties (``props``: one dict shared
    by the rows with the same cells besides their ends and evidence, never changed after :func:`fact_table`)."""

    type: str
    source: str
    target: str
    sources: tuple[str, ...]
    evidence: str | None
    confidence: float
    props: dict[str, Any]
    key: str
    line: int


@dataclass
class FactTable:
    """The rows of one CSV facts table (keys distinct), with where the file is for messages."""

    name: str
    rows: list[FactRow]
    ends: dict[str, tuple[set[str], set[str]]]
    """Per fact type, the ids its facts start from and end at: checks against the store's labels run per id, not per row."""
    documents: set[str]
    """The ids the facts cite as sources."""

    def where(self, row: FactRow) -> str:
        return f"{self.name}:{row.line}"

    def facts(self, rows: Sequence[FactRow] | None = None) -> list[Fact]:
        """The rows (all by default) as :class:`Fact` records, equal to those the record-by-record path builds."""
        return [
            FACT_TYPES[r.type].model_validate({**r.props, "source": r.source, "target": r.target, "sources": r.sources,
                                               "evidence": r.evidence, "confidence": r.confidence})
            for r in (self.rows if rows is None else rows)
        ]  # fmt: skip


def _plain_text(annotation: Any) -> bool:
    """A ``str`` or ``str | None`` field: pydantic passes a string cell through unchanged."""
    if annotation is str:
        return True
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and set(typing.get_args(annotation)) == {str, type(None)}


class _TypeColumns:
    """How one fact type's columns are validated: each distinct cell once, through the model."""

    def __init__(self, cls: type[Fact], header: Sequence[str], lists: dict[str, str], i_sources: int) -> None:
        self.cls = cls
        self.symmetric = cls.SYMMETRIC
        fields = cls.model_fields
        passthrough = {name for name, f in fields.items() if _plain_text(f.annotation) and not f.metadata} - {"source", "target"}
        self.defaults = {name: f.default for name, f in fields.items()
                         if name not in _NOT_PROPERTIES and f.default not in (None, PydanticUndefined)}  # fmt: skip
        self.key_defaults = {name: fields[name].default for name in cls.KEY}
        # evidence is free text, distinct per row: read per row, so that the other cells of rows repeat as a whole
        self.evidence = header.index("evidence") if "evidence" in header and "evidence" in passthrough and "evidence" not in lists else None
        self.columns = [(column, i, lists.get(column), None if column in passthrough and column not in lists else {})
                        for i, column in enumerate(header) if column not in ENDS and i != self.evidence]  # fmt: skip
        """Per property column but evidence: name, index, list separator, and the validated value of each cell seen (None: as is)."""
        self.sources: dict[str, Any] = {}
        self.sources_index = i_sources
        self.separator = lists["sources"]
        self.cells = itemgetter(i_sources, *(column[1] for column in self.columns))
        """A row's cells besides its ends and evidence: rows with the same ones share :meth:`shared`'s answer."""
        self.memo: dict[Any, tuple | None] = {}

    @staticmethod
    def usable(cls: type[Fact]) -> bool:
        """Whether every validator of the type is one this module knows the effect of."""
        decorators = cls.__pydantic_decorators__
        fields = {name: tuple(d.info.fields) for name, d in decorators.field_validators.items()}
        return fields == _KNOWN_FIELD_VALIDATORS and set(decorators.model_validators) == _KNOWN_MODEL_VALIDATORS

    def shared(self, cells: list[str]) -> tuple | None:
        """What a row's cells besides its ends and evidence give: (sources, properties, evidence, confidence, the
        key's properties as text), or None when a cell is absent where needed or invalid. The answer (and its
        properties dict) is shared by every row with the same cells, as :meth:`cells` gives them."""
        docs = self.sources.get(cells[self.sources_index], _MISS)
        if docs is _MISS:
            docs = self.value("sources", self.separator, self.sources, cells[self.sources_index])
        if docs is _INVALID or docs is _ABSENT:
            return None
        props = dict(self.defaults) if self.defaults else {}
        for column, i, separator, cache in self.columns:
            cell = cells[i]
            if cache is None:
                value = cell.strip()
                if not value:
                    continue
            else:
                value = cache.get(cell, _MISS)
                if value is _MISS:
                    value = self.value(column, separator, cache, cell)
                if value is _ABSENT:
                    continue
                if value is _INVALID:
                    return None
            props[column] = value
        evidence, confidence = props.pop("evidence", None), props.pop("confidence", 1.0)
        key = "".join(f"\x1f{props.get(n, default)}" for n, default in self.key_defaults.items())
        return docs, props, evidence, confidence, key

    def value(self, field: str, separator: str | None, cache: dict[str, Any], cell: str) -> Any:
        """The validated value of ``cell`` in ``field`` (remembered in ``cache``): _ABSENT, _INVALID or the value."""
        text = cell.strip()
        if not text:
            known = _ABSENT
        else:
            try:
                parsed = tuple(p.strip() for p in text.split(separator) if p.strip()) if separator else text
                known = getattr(self.cls.model_validate({**_PROBE, field: parsed}), field)
            except ValidationError:
                known = _INVALID
            if not isinstance(known, (str, int, float, bool, tuple)) or field not in self.cls.model_fields:
                known = _INVALID
        cache[cell] = known
        return known


def _ends(rows: list[FactRow], types: list[str]) -> dict[str, tuple[set[str], set[str]]]:
    """Per type, the ids its rows start from and end at (set-building in C: a set.add per row cost 0.2 s at 500k)."""
    if len(types) == 1:
        return {types[0]: (set(map(itemgetter(1), rows)), set(map(itemgetter(2), rows)))}
    ends: dict[str, tuple[set[str], set[str]]] = {type_: (set(), set()) for type_ in types}
    for type_, source, target, *_ in rows:
        ends[type_][0].add(source)
        ends[type_][1].add(target)
    return ends


def fact_table(name: str, header: Sequence[str], reader: Iterator[list[str]], lists: dict[str, str]) -> FactTable | None:
    """The facts of a CSV table (``reader``: a ``csv.reader`` past the header; ``lists``: column -> separator),
    or None when any row needs the record-by-record path (which then gives its error, or merges its repeats)."""
    if len(set(header)) != len(header) or not all(column in header for column in ENDS):
        return None
    i_type, i_source, i_target, i_sources = (header.index(c) for c in ENDS)
    specs: dict[str, _TypeColumns | None] = {}
    rows: list[FactRow] = []
    width = len(header)
    new, sha1 = tuple.__new__, hashlib.sha1
    for cells in reader:
        if len(cells) != width:
            if not "".join(cells).strip():
                continue
            return None
        type_ = cells[i_type].strip()
        spec = specs.get(type_, _MISS)
        if spec is _MISS:
            cls = FACT_TYPES.get(type_)
            spec = specs[type_] = _TypeColumns(cls, header, lists, i_sources) if cls and _TypeColumns.usable(cls) else None
        if spec is None:
            if not "".join(cells).strip():
                continue
            return None
        source, target = cells[i_source].strip(), cells[i_target].strip()
        same = spec.cells(cells)
        shared = spec.memo.get(same, _MISS)
        if shared is _MISS:
            shared = spec.memo[same] = spec.shared(cells)
        if shared is None or not source or not target:
            return None
        docs, props, evidence, confidence, key_props = shared
        if spec.evidence is not None:
            evidence = cells[spec.evidence].strip() or None
        if spec.symmetric and target < source:
            source, target = target, source
        key = sha1(f"{type_}\x1f{source}\x1f{target}{key_props}".encode()).hexdigest()[:20]
        rows.append(new(FactRow, (type_, source, target, docs, evidence, confidence, props, key, reader.line_num)))
    used = _ends(rows, [type_ for type_, spec in specs.items() if spec])
    if not all(ID_PATTERN.match(node_id) for starts, ends in used.values() for node_id in (*starts, *ends)):
        return None
    if len({r.key for r in rows}) != len(rows):
        return None
    documents = {doc for spec in specs.values() if spec for docs in spec.sources.values() if isinstance(docs, tuple) for doc in docs}
    return FactTable(name, rows, used, documents)

"""Entities read as a table: a CSV entities table validated once per distinct set of property cells, not per row.

An entity's id, name and aliases are distinct per row, and their validation
depends on the cell alone (the id's pattern and its label's prefix, a name
that is not empty, aliases stripped and without repeats). Every other cell
(label, country, stage, url...) repeats, and what it gives depends on the
cells of its row only: so :func:`node_table` validates each distinct set of
them once, through the label's own model with a probe id and name, and keeps
the plain values per row. A label whose model also checks its id against
another field (a country's code, an element's symbol) is validated row by
row, through its model.

As :func:`.table.fact_table`, it only ever *accepts*: any row it is not sure
of (an unknown label, a value the model rejects, an id given twice, a column
the label does not have) makes it return None, and the loader reads the file
record by record, so every error is the one that path gives, at its line.
:meth:`NodeTable.nodes` turns the rows into the same :class:`Node` records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic import ValidationError

from .nodes import NODE_LABELS, Node
from .values import ID_PATTERN

_PER_ROW = ("id", "name", "aliases")
"""The columns read per row; the others are validated once per distinct set."""
_KNOWN_FIELD_VALIDATORS = {"_check_id": ("id",), "_clean_aliases": ("aliases",)}
_BASE_FIELDS = {name: (Node.model_fields[name].annotation, Node.model_fields[name].metadata) for name in _PER_ROW}
_MISS = object()


class NodeRow(NamedTuple):
    """One entity as :class:`Node` holds it: its label, name, aliases and :meth:`Node.properties` (``props``: one dict
    shared by the rows with the same property cells, never changed after :func:`node_table`)."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    props: dict[str, Any]
    line: int
    record: dict[str, Any]
    """The row's property cells as the record-by-record path reads them (shared like ``props``), for :meth:`NodeTable.nodes`."""


@dataclass
class NodeTable:
    """The rows of one CSV entities table (ids distinct), with where the file is for messages."""

    name: str
    rows: list[NodeRow]

    def where(self, row: NodeRow) -> str:
        return f"{self.name}:{row.line}"

    def nodes(self) -> list[Node]:
        """The rows as :class:`Node` records, equal to those the record-by-record path builds."""
        return [NODE_LABELS[r.label].model_validate({**r.record, "id": r.id, "name": r.name, "aliases": r.aliases})
                for r in self.rows]  # fmt: skip


def _per_row_fields_known(cls: type[Node]) -> bool:
    """Whether the label's id, name and aliases are Node's, with only Node's validators and no model validator: then
    they are valid on their own, and the other fields' validity does not depend on them."""
    decorators = cls.__pydantic_decorators__
    validators = {name: tuple(d.info.fields) for name, d in decorators.field_validators.items()}
    fields = {name: (cls.model_fields[name].annotation, cls.model_fields[name].metadata) for name in _PER_ROW}
    return validators == _KNOWN_FIELD_VALIDATORS and not decorators.model_validators and fields == _BASE_FIELDS


_SHARED_LABELS = {label for label, cls in NODE_LABELS.items() if _per_row_fields_known(cls)}


def _split(cell: str, separator: str | None) -> Any:
    """A cell as the record-by-record path reads it (stripped; a list cell split and its parts stripped)."""
    return [part.strip() for part in cell.split(separator) if part.strip()] if separator else cell


def node_table(name: str, header: Sequence[str], reader: Iterator[list[str]], lists: dict[str, str]) -> NodeTable | None:
    """The entities of a CSV table (``reader``: a ``csv.reader`` past the header; ``lists``: column -> separator), or
    None when any row needs the record-by-record path (which then gives its error, or merges a repeated id)."""
    if len(set(header)) != len(header) or not all(column in header for column in _PER_ROW[:2]):
        return None
    i_id, i_name = header.index("id"), header.index("name")
    i_aliases = header.index("aliases") if "aliases" in header else None
    separator = lists.get("aliases")
    shared_columns = [(column, i, lists.get(column)) for i, column in enumerate(header) if column not in _PER_ROW]
    memo: dict[tuple[str, ...], tuple[str, dict, dict] | None] = {}
    rows: list[NodeRow] = []
    width = len(header)
    new = tuple.__new__
    for cells in reader:
        if len(cells) != width:
            if not "".join(cells).strip():
                continue
            return None
        node_id, node_name = cells[i_id].strip(), cells[i_name].strip()
        if not node_id or not node_name:
            if not "".join(cells).strip():
                continue
            return None
        aliases = tuple(dict.fromkeys(_split(cells[i_aliases], separator))) if i_aliases is not None else ()
        same = tuple([cells[i] for _, i, _ in shared_columns])
        shared = memo.get(same, _MISS)
        if shared is _MISS:
            record = {column: _split(cell, sep) for (column, _, sep), cell in zip(shared_columns, map(str.strip, same)) if cell}
            shared = memo[same] = _shared(record)
        if shared is None:
            return None
        label, props, record = shared
        if label in _SHARED_LABELS:
            match = ID_PATTERN.match(node_id)
            if match is None or match.group(1) != NODE_LABELS[label].PREFIX:
                return None
        else:  # the model checks the id against another field: validated whole
            try:
                node = NODE_LABELS[label].model_validate({**record, "id": node_id, "name": node_name, "aliases": aliases})
            except ValidationError:
                return None
            aliases, props = node.aliases, node.properties()
        rows.append(new(NodeRow, (node_id, label, node_name, aliases, props, reader.line_num, record)))
    if len({r.id for r in rows}) != len(rows):
        return None
    return NodeTable(name, rows)


def _shared(record: dict[str, Any]) -> tuple[str, dict, dict] | None:
    """The label and properties that a row's property cells give (``record``: as the record-by-record path reads
    them), validated with a probe id and name; None when the label is unknown or the model rejects them."""
    cls = NODE_LABELS.get(record.get("label"))  # type: ignore[arg-type]
    if cls is None:
        return None
    try:
        probe = cls.model_validate({**record, "id": f"{cls.PREFIX}:probe", "name": "probe"})
    except ValidationError:
        return None if cls.model_fields["label"].default in _SHARED_LABELS else (cls.model_fields["label"].default, {}, record)
    return probe.label, probe.properties(), record

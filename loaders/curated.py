"""Curated data: YAML for entities and facts, CSV for bulk tables.

YAML files hold up to three lists, ``sources`` (Document nodes, label
implied), ``entities`` and ``facts``. A CSV file is a facts table when its
header has ``type,source,target,sources`` and an entities table when it has
``id,label,name``; every other column is a property, an empty cell means
"not set", and list cells are split on ``;`` (sources) or ``|`` (aliases,
elements). See docs/dataset.md ("Curated data format") for the full format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import yaml

from supplygraph.errors import LoadError
from supplygraph.schema.node_table import node_table
from supplygraph.schema.table import fact_table

from .context import Context

YAML_SECTIONS = ("sources", "entities", "facts")
FACT_COLUMNS = ("type", "source", "target", "sources")
ENTITY_COLUMNS = ("id", "label", "name")
LIST_CELLS = {"sources": ";", "aliases": "|", "elements": "|"}


class _Lines:
    """Remembers the line each mapping starts on (as ``__line__``), for errors that name file and line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        mapping = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _LineLoader(_Lines, yaml.SafeLoader):
    """The pure-Python safe loader: slower, and the one whose error messages a malformed file gets."""


class _FastLineLoader(_Lines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader on libyaml's C parser (3-4 times faster), the same marks and line numbers."""


def load_yaml(ctx: Context) -> None:
    text = ctx.text()
    try:
        try:
            document = yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError:  # parse again for the pure-Python parser's wording of the problem (and the same line)
            document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark and context_mark is not mark:
            problem += f" ({context} that starts at line {context_mark.line + 1})"
        raise LoadError(f"malformed YAML: {problem}", where=ctx.where(mark.line + 1 if mark else None)) from exc
    if document is None:
        raise LoadError("empty file: no sources, entities or facts", where=ctx.where())
    if not isinstance(document, dict):
        raise LoadError(f"expected a mapping with {', '.join(YAML_SECTIONS)} at the top", where=ctx.where(1))
    document.pop("__line__", None)
    for section in document:
        if section not in YAML_SECTIONS:
            raise LoadError(f"unknown section {section!r} (expected {', '.join(YAML_SECTIONS)})", where=ctx.where())
    for section in YAML_SECTIONS:
        items = document.get(section) or []
        if not isinstance(items, list):
            raise LoadError(f"'{section}' must be a list", where=ctx.where())
        for item in items:
            if not isinstance(item, dict):
                raise LoadError(f"each item of '{section}' must be a mapping, got {item!r}", where=ctx.where())
            line = item.pop("__line__")
            if section == "sources":
                ctx.node({"label": "Document", **item}, line)
            elif section == "entities":
                ctx.node(item, line)
            else:
                ctx.fact(item, line)


def _reader(ctx: Context) -> Any:
    """A ``csv.reader`` over the decoded file, from its start."""
    return csv.reader(io.StringIO(ctx.text(), newline=""))


def _rows(ctx: Context, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """The CSV rows with their line numbers; a malformed or oversized cell is a :class:`LoadError` at its line."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            if "field larger than field limit" in str(exc):
                raise LoadError(f"a cell is over {csv.field_size_limit() // 1024:,} KiB; is a quote left open?", where=ctx.where(line)) from None
            raise LoadError(f"cannot read the CSV: {exc}", where=ctx.where(line)) from None
        yield reader.line_num, cells


def _read_table(ctx: Context, header: list[str], reader: Any, facts: bool) -> bool:
    """Read a facts table column by column (:func:`fact_table`), or an entities table validating each distinct set
    of property cells once (:func:`node_table`), from ``reader`` (past the header); False when it needs the
    record-by-record path, which then reads the file from its start and raises the first error where the file has it."""
    try:
        if facts:
            ctx.unit.table = fact_table(ctx.where(), header, reader, LIST_CELLS)
        else:
            ctx.unit.entities = node_table(ctx.where(), header, reader, LIST_CELLS)
    except csv.Error:
        return False
    return (ctx.unit.table if facts else ctx.unit.entities) is not None


def load_csv(ctx: Context) -> None:
    reader = _reader(ctx)  # decoded and wrapped once: a second copy of a 500k-row file cost 0.15 s
    header = [cell.strip() for cell in next(_rows(ctx, reader))[1]]
    facts = all(column in header for column in FACT_COLUMNS)
    if facts or all(column in header for column in ENTITY_COLUMNS):
        if _read_table(ctx, header, reader, facts):
            return
        emit = ctx.fact if facts else ctx.node
    else:
        wanted = FACT_COLUMNS if "type" in header or "target" in header else ENTITY_COLUMNS
        missing = [column for column in wanted if column not in header]
        raise LoadError(
            f"missing column {', '.join(repr(m) for m in missing)} (a facts table needs {','.join(FACT_COLUMNS)}; "
            f"an entities table needs {','.join(ENTITY_COLUMNS)})",
            where=ctx.where(1),
        )
    columns = [(column, LIST_CELLS.get(column)) for column in header]
    rows = _rows(ctx, _reader(ctx))
    next(rows)
    for line, cells in rows:
        if not "".join(cells).strip():
            continue
        if len(cells) != len(header):
            raise LoadError(f"row has {len(cells)} cells but the header has {len(header)}", where=ctx.where(line))
        record: dict[str, Any] = {}
        for (column, separator), cell in zip(columns, cells):
            cell = cell.strip()
            if cell:
                record[column] = [part.strip() for part in cell.split(separator) if part.strip()] if separator else cell
        emit(record, line)

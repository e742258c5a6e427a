"""The local graph as the header-typed CSV files ``neo4j-admin database import full`` reads.

For a first load of a large graph into an empty database, Neo4j's bulk
importer writes its store files directly, far faster than any transaction.
:func:`write_import_csv` writes one node file per primary label and one
relationship file per type, with the properties push would send
(:func:`~.neo4j_rows.node_props`, :func:`~.neo4j_rows.edge_props`), in the
documented header format (Neo4j Operations Manual, "CSV header format"):

- node files: ``id:ID`` (the id, kept as the ``id`` property), ``:LABEL``
  (the node's labels, joined by the array delimiter), then ``name:type``
  columns;
- relationship files: ``:START_ID``, ``:END_ID``, ``:TYPE``, then typed
  property columns;
- types ``string``, ``long``, ``double``, ``boolean``, arrays with ``[]``
  (``aliases:string[]``), elements joined by the array delimiter;
- an empty, unquoted field leaves the property unset.

The array delimiter is ``;`` (the importer's default) unless an array
element contains it; :func:`import_command` spells out the exact command,
delimiter included. Indexes and constraints are not part of an import:
``supplygraph neo4j init`` creates them once the database runs.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplygraph.errors import StoreError

from . import cypher
from .base import StoredEdge, StoredNode
from .neo4j_rows import edge_props, node_props

ARRAY_DELIMITERS = (";", "|", "\x1f")
"""Tried in order: the first that no array element contains joins arrays (U+001F, the unit separator, last)."""


@dataclass
class ImportFiles:
    """What :func:`write_import_csv` wrote: files per label and type, row counts, and the reader's settings."""

    nodes: dict[str, Path] = field(default_factory=dict)
    relationships: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    array_delimiter: str = ";"
    multiline: bool = False


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _column_type(name: str, values: Iterable[Any], owner: str) -> str:
    """The header type of a property from every value it takes (ints among floats make it ``double``)."""
    kinds: set[str] = set()
    array = None
    for value in values:
        is_list = isinstance(value, list)
        if array is not None and array != is_list:
            raise StoreError(f"{owner}: property {name!r} is a list on some rows and not on others")
        array = is_list
        kinds.update(_type_of(v) for v in (value if is_list else [value]))
    if kinds == {"long", "double"}:
        kinds = {"double"}
    if len(kinds) > 1:
        raise StoreError(f"{owner}: property {name!r} mixes {' and '.join(sorted(kinds))} values; neo4j-admin needs one type")
    return (kinds.pop() if kinds else "string") + ("[]" if array else "")


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(_cell(v, delimiter) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _array_delimiter(rows: Iterable[Mapping[str, Any]]) -> str:
    elements = {v for row in rows for value in row.values() if isinstance(value, list) for v in value if isinstance(v, str)}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in element for element in elements):
            return delimiter
    raise StoreError("every array delimiter neo4j-admin could use (';', '|', U+001F) occurs inside a list value")


def _write(path: Path, fixed: Sequence[str], rows: list[tuple[list[str], dict[str, Any]]], owner: str, delimiter: str) -> bool:
    """One file: the fixed columns, then a typed column per property; returns whether a value spans lines."""
    names = list(dict.fromkeys(name for _, props in rows for name in props))
    header = [*fixed, *(f"{name}:{_column_type(name, (p[name] for _, p in rows if name in p), owner)}" for name in names)]
    multiline = False
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for cells, props in rows:
            line = [*cells, *(_cell(props.get(name), delimiter) for name in names)]
            multiline = multiline or any("\n" in cell or "\r" in cell for cell in line)
            writer.writerow(line)
    return multiline


def write_import_csv(
    folder: Path, nodes: Sequence[StoredNode], edges: Sequence[StoredEdge], scores: Mapping[str, Mapping[str, Any]] | None = None
) -> ImportFiles:
    """Write ``nodes_<Label>.csv`` and ``relationships_<TYPE>.csv`` into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    node_rows: dict[str, list[tuple[list[str], dict[str, Any]]]] = {}
    for node in nodes:
        props = node_props(node, (scores or {}).get(node.id))
        node_rows.setdefault(cypher.label(node.label), []).append(([node.id], {k: v for k, v in props.items() if k != "id"}))
    edge_rows: dict[str, list[tuple[list[str], dict[str, Any]]]] = {}
    for edge in edges:
        edge_rows.setdefault(cypher.rel_type(edge.type), []).append(([edge.source, edge.target, edge.type], edge_props(edge)))
    delimiter = _array_delimiter(props for group in (*node_rows.values(), *edge_rows.values()) for _, props in group)
    files = ImportFiles(array_delimiter=delimiter)
    for primary, rows in node_rows.items():
        labels = delimiter.join(cypher.node_labels(primary).strip(":").split(":"))
        path = files.nodes[primary] = folder / f"nodes_{primary}.csv"
        rows = [([node_id, labels], props) for (node_id,), props in rows]
        files.multiline |= _write(path, ["id:ID", ":LABEL"], rows, f"nodes {primary}", delimiter)
        files.counts[primary] = len(rows)
    for type_name, rows in edge_rows.items():
        path = files.relationships[type_name] = folder / f"relationships_{type_name}.csv"
        files.multiline |= _write(path, [":START_ID", ":END_ID", ":TYPE"], rows, f"relationships {type_name}", delimiter)
        files.counts[type_name] = len(rows)
    return files


def import_command(files: ImportFiles, database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command that reads ``files`` into the (new, empty) ``database``."""
    delimiter = {";": ";", "|": "|", "\x1f": "U+001F"}[files.array_delimiter]
    parts = ["neo4j-admin", "database", "import", "full", f"--array-delimiter={delimiter}"]
    if files.multiline:
        parts.append("--multiline-fields=true")
    parts += [f"--nodes={path}" for path in files.nodes.values()]
    parts += [f"--relationships={path}" for path in files.relationships.values()]
    parts.append(database)
    return shlex.join(parts)

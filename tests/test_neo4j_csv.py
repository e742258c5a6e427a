"""``supplygraph neo4j export-csv``: the files follow neo4j-admin's documented header format and hold what push sends.

The format (Neo4j Operations Manual, "CSV header format" of ``neo4j-admin
database import``): each header field is ``<name>:<field_type>``; node files
have an ``:ID`` field (``id:ID`` keeps it as the ``id`` property) and a
``:LABEL`` field whose labels are separated by the array delimiter;
relationship files have ``:START_ID``, ``:END_ID`` and ``:TYPE``; property
types are ``int``, ``long``, ``float``, ``double``, ``boolean``, ``byte``,
``short``, ``char``, ``string`` (and temporal or point types), arrays with
``[]`` and elements separated by the array delimiter (``;`` unless
``--array-delimiter`` says otherwise); an empty field sets nothing. The files
are read back here by those rules alone and compared with push's rows.
"""

from __future__ import annotations

import csv
import re
import shlex

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.data import BUNDLED
from supplygraph.errors import StoreError
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores import cypher
from supplygraph.graph.stores.base import StoredEdge, StoredNode
from supplygraph.graph.stores.neo4j_csv import import_command, write_import_csv
from supplygraph.graph.stores.neo4j_rows import edge_props, node_props
from supplygraph.loaders import read_paths

TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string"}
FIELD = re.compile(r"^(?P<name>[^:]*):(?P<type>[A-Za-z_]+)(?P<array>\[\])?$")


def _value(text: str, kind: str):
    return {"long": int, "int": int, "double": float, "float": float, "boolean": lambda t: t == "true"}.get(kind, str)(text)


def read_import_file(path, delimiter):
    """Rows of one file, read by the documented rules: (fixed fields by type, properties)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, out = rows[0], []
    for name in header:
        match = FIELD.match(name)
        assert match, f"{path.name}: header field {name!r} is not <name>:<field_type>"
        kind = match["type"]
        assert kind in TYPES | {"ID", "LABEL", "START_ID", "END_ID", "TYPE"}, f"{path.name}: unknown type {kind!r}"
        assert not (match["array"] and kind not in TYPES), f"{path.name}: {name!r}"
        assert match["name"] or kind in ("LABEL", "START_ID", "END_ID", "TYPE"), f"{path.name}: property field without a name"
    for cells in rows[1:]:
        assert len(cells) == len(header)
        fixed, props = {}, {}
        for name, cell in zip(header, cells):
            match = FIELD.match(name)
            kind = match["type"]
            if kind in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
                fixed[kind] = cell.split(delimiter) if kind == "LABEL" else cell
                if kind == "ID" and match["name"]:
                    props[match["name"]] = cell
            elif cell != "":
                props[match["name"]] = [_value(v, kind) for v in cell.split(delimiter)] if match["array"] else _value(cell, kind)
        out.append((fixed, props))
    return out


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("csv") / "local.db")
    store.apply(read_paths([BUNDLED]))
    yield store
    store.close()


def test_files_follow_the_header_format_and_hold_what_push_sends(local, tmp_path):
    nodes, edges = list(local.nodes()), list(local.edges())
    scores = {nodes[0].id: {"chokepoint_score": 0.5, "chokepoint_rank": 1}}
    files = write_import_csv(tmp_path, nodes, edges, scores)
    assert set(files.nodes) == {n.label for n in nodes} and set(files.relationships) == {e.type for e in edges}
    read_nodes = {}
    for label, path in files.nodes.items():
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in header
        for fixed, props in read_import_file(path, files.array_delimiter):
            assert fixed["LABEL"] == cypher.node_labels(label).strip(":").split(":")
            read_nodes[fixed["ID"]] = props
    expected = {n.id: node_props(n, scores.get(n.id)) for n in nodes}
    assert read_nodes == {i: {k: v for k, v in p.items() if v != []} for i, p in expected.items()}  # [] is not set
    read_edges = {}
    for type_name, path in files.relationships.items():
        assert path.read_text(encoding="utf-8").splitlines()[0].split(",")[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for fixed, props in read_import_file(path, files.array_delimiter):
            assert fixed["TYPE"] == type_name and {fixed["START_ID"], fixed["END_ID"]} <= read_nodes.keys()
            read_edges[props["key"]] = (fixed["START_ID"], fixed["END_ID"], props)
    assert read_edges == {e.key: (e.source, e.target, {k: v for k, v in edge_props(e).items() if v != []}) for e in edges}
    assert files.counts == {**local.stats().labels, **local.stats().types}


def test_the_array_delimiter_avoids_the_values_and_the_command_names_it(tmp_path):
    doc = StoredNode("doc:a", "Document", "A; with a semicolon", ("x;y", "plain"), {})
    files = write_import_csv(tmp_path, [doc], [])
    assert files.array_delimiter == "|"
    [(fixed, props)] = read_import_file(files.nodes["Document"], "|")
    assert props["aliases"] == ["x;y", "plain"] and props["name"] == "A; with a semicolon"
    command = shlex.split(import_command(files, "supply"))
    assert command[:4] == ["neo4j-admin", "database", "import", "full"] and command[-1] == "supply"
    assert "--array-delimiter=|" in command and f"--nodes={files.nodes['Document']}" in command
    evidence = StoredEdge("k1", "MENTIONED_IN", "doc:a", "doc:a", {}, ("doc:a",), ("one line\nand the next",), 1.0)
    files = write_import_csv(tmp_path / "multi", [doc], [evidence])
    assert "--multiline-fields=true" in shlex.split(import_command(files))


def test_a_property_of_two_types_is_refused_in_one_line(tmp_path):
    a = StoredNode("material:a", "Material", "A", (), {"note": "text"})
    b = StoredNode("material:b", "Material", "B", (), {"note": 3})
    with pytest.raises(StoreError, match="property 'note' mixes long and string"):
        write_import_csv(tmp_path, [a, b], [])


def test_cli_writes_the_files_and_prints_the_command(local, tmp_path):
    out = tmp_path / "import"
    result = CliRunner().invoke(main, ["--store", str(local.path), "neo4j", "export-csv", str(out), "--no-chokepoints"])
    assert result.exit_code == 0, result.output
    command = shlex.split(result.stdout.strip())
    assert command[:4] == ["neo4j-admin", "database", "import", "full"] and command[-1] == "neo4j"
    named = {part.split("=", 1)[1] for part in command if part.startswith(("--nodes=", "--relationships="))}
    assert named == {str(p) for p in out.iterdir()}
    assert "wrote" in result.stderr and "neo4j init" in result.stderr

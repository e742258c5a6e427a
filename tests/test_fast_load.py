"""The fast load path: CSV facts read column by column, and a first load into an empty store written without the merge.

Both must give exactly what the record-by-record path and the general merge
give: the same rows in every table, the same reports, and for bad input the
same one-line error at the same line, with the store as it was.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from supplygraph import api
from supplygraph.data import BUNDLED
from supplygraph.graph import EmbeddedStore
from supplygraph.loaders import read_file
from supplygraph.schema import parse_fact, parse_node

from .benchmarks.gen_curated import write_dataset
from .conftest import Cli, snapshot, store_tables

ENTITIES = """id,label,name,aliases,country,stage,title
doc:s,Document,S,,,,S
doc:t,Document,T,,,,T
org:a,Company,A,A Ltd|A Inc,US,,
org:b,Company,B,,CN,,
org:c,Company,C,,AU,,
material:m,Material,M,,,magnet,
material:n,Material,N,,,separation,
"""

FACTS = """type,source,target,sources,material,year,share,volume_t,as_of,estimate,confidence,agreement,evidence,note
SUPPLIES,org:a,org:b,doc:s,material:m,2024,0.5,,,,,,A supplies B.,
SUPPLIES,org:a,org:b,doc:s;doc:t;doc:s,material:m,2025,,,2025-03,,0.8,,,a note
SUPPLIES,org:b,org:c,doc:t,material:n,,1,,,,,,,
PRODUCES,org:a,material:m,doc:s,,2024,0.25,1200.5,,true,,,,
PRODUCES,org:b,material:m,doc:s,,2024,,3000,2024,false,,,,
COOPERATES_WITH,org:c,org:a,doc:t,,,,,,,,,"C and A ""cooperate"": Ölwerk \\ 稀土\tquoted",
COOPERATES_WITH,org:b,org:a,doc:t,,,,,,,,offtake,,

SUBSIDIARY_OF,org:a,org:b,doc:s,,,,,,,0.9,,,
"""


def _write(folder: Path, entities: str = ENTITIES, facts: str = FACTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_text(entities)
    (folder / "facts.csv").write_text(facts)
    return folder


def test_a_facts_table_gives_the_records_the_record_path_gives(tmp_path):
    folder = _write(tmp_path / "data")
    unit = read_file(folder / "facts.csv")
    assert unit.table is not None, "read column by column"
    keys = list(unit.fact_keys())
    with (folder / "facts.csv").open(newline="") as f:
        rows = [{k: v for k, v in row.items() if v} for row in csv.DictReader(f) if any(row.values())]
    expected = [parse_fact({**row, "sources": row["sources"].split(";")}) for row in rows]
    assert unit.facts == expected
    assert [f.key() for f in unit.facts] == keys
    assert unit.fact_where == [f"{folder / 'facts.csv'}:{line}" for line in (2, 3, 4, 5, 6, 7, 8, 10)]


# Rows that repeat every cell but their ends and evidence share what those cells give (fact_table's memo): ends
# swapped by a symmetric type, evidence given or not, and cells equal once stripped but not as written.
REPEATS = """type,source,target,sources,material,year,share,agreement,evidence
SUPPLIES,org:a,org:b,doc:s,material:m,2024,0.5,,A supplies B.
SUPPLIES,org:b,org:c,doc:s,material:m,2024,0.5,,
SUPPLIES,org:a,org:c,doc:s,material:m,2024,0.5,,A supplies C.
SUPPLIES,org:c,org:a,doc:s, material:m ,2024,0.50,,C supplies A.
COOPERATES_WITH,org:c,org:a,doc:t,,,,offtake,
COOPERATES_WITH,org:a,org:b,doc:t,,,,offtake,B and A.
COOPERATES_WITH,org:c,org:b,doc:t,,,,offtake,C and B.
"""


def test_rows_with_the_same_cells_give_what_the_record_path_gives(tmp_path):
    folder = _write(tmp_path / "data", facts=REPEATS)
    unit = read_file(folder / "facts.csv")
    assert unit.table is not None, "read column by column"
    keys = list(unit.fact_keys())
    with (folder / "facts.csv").open(newline="") as f:
        rows = [{k: v.strip() for k, v in row.items() if v.strip()} for row in csv.DictReader(f)]
    expected = [parse_fact({**row, "sources": row["sources"].split(";")}) for row in rows]
    assert unit.facts == expected
    assert [f.key() for f in unit.facts] == keys
    fast, *others = [store_tables(path) for path in _load_three_ways(tmp_path, [folder])]
    assert len(fast["edges"]) == 7
    assert others == [fast, fast]


def test_a_table_the_columns_cannot_take_is_read_record_by_record(tmp_path):
    # The same fact twice in one file: its records merge (sources united), as before.
    facts = FACTS + "SUPPLIES,org:b,org:c,doc:s,material:n,,1,,,,,,,\n"
    unit = read_file(_write(tmp_path / "data", facts=facts) / "facts.csv")
    assert unit.table is None and len(unit.facts) == 9


# An entities table of every kind of cell: per-row labels (a country's and an element's models check the id against
# another field), aliases repeated, padded or naming the entity, cells equal once stripped, typed and list cells.
ENTITY_KINDS = """id,label,name,aliases,country,stage,elements,category,capacity_t,iso2,symbol,url,title,note
doc:s,Document,S,,,,,,,,,https://example.org/s,S,
doc:t,Document,T,,,,,,,,,,T,
org:a,Company,A,A Ltd| A Inc |A Ltd|A,US,,,,,,,,,
org:b,Company, B ,,US ,,,,,,,,,
org:c,Company,C,C Inc,US,,,,,,,,,a note
country:CN,Country,China,PRC,,,,,,CN,,,,
element:Nd,Element,Neodymium,,,,,,,,Nd,,,
material:m,Material,M,,,magnet,Nd|Pr,false,,,,,,
material:n,Material,N,,,magnet,Nd|Pr,true,,,,,,

facility:f,Facility,F,,AU,,,,1200,,,,,
facility:g,Facility,G,,AU,,,,1200.0,,,,,
"""


def test_an_entities_table_gives_the_records_the_record_path_gives(tmp_path):
    folder = _write(tmp_path / "data", entities=ENTITY_KINDS)
    unit = read_file(folder / "entities.csv")
    assert unit.entities is not None and unit.node_count() == 11, "read as a table"
    with (folder / "entities.csv").open(newline="") as f:
        rows = [{k: v.strip() for k, v in row.items() if v.strip()} for row in csv.DictReader(f) if any(row.values())]
    lists = {"aliases": "|", "elements": "|"}
    expected = [parse_node({k: [p.strip() for p in v.split(lists[k]) if p.strip()] if k in lists else v for k, v in row.items()})
                for row in rows]  # fmt: skip
    assert list(unit.node_labels()) == [(n.id, n.label) for n in expected]
    assert unit.nodes == expected
    assert unit.entities is None and unit.node_where == [f"{folder / 'entities.csv'}:{line}" for line in (*range(2, 11), 12, 13)]


def test_an_entities_table_the_rows_cannot_take_is_read_record_by_record(tmp_path):
    # The same id twice in one file: its records merge (aliases united), as before.
    entities = ENTITIES + "org:a,Company,A,A Group,,,\n"
    unit = read_file(_write(tmp_path / "data", entities=entities) / "entities.csv")
    assert unit.entities is None and len(unit.nodes) == 8


def _load_three_ways(tmp_path: Path, paths: list[Path]) -> list[Path]:
    """The same inputs through the fast path, as records into an empty store, and through the general merge."""
    other = tmp_path / "other.yaml"
    other.write_text("sources:\n  - {id: doc:other, name: Other, title: Other}\n")
    stores = [tmp_path / "fast.db", tmp_path / "records.db", tmp_path / "general.db"]
    fast = EmbeddedStore(stores[0])
    units = api.read(paths)
    assert any(u.table is not None for u in units)
    fast_summary = api.load(fast, units)
    api.load(fast, api.read([other]))
    records = EmbeddedStore(stores[1])
    units = api.read(paths)
    for unit in units:
        unit.facts, unit.nodes  # noqa: B018 - turns the tables into records
    assert all(unit.table is None and unit.entities is None for unit in units)
    assert api.load(records, units) == fast_summary
    api.load(records, api.read([other]))
    general = EmbeddedStore(stores[2])
    api.load(general, api.read([other]))
    assert api.load(general, api.read(paths)) == fast_summary
    for store in (fast, records, general):
        store.close()
    return stores


@pytest.mark.parametrize("dataset", ["hand-written", "entity kinds", "generated", "bundled"])
def test_a_first_load_equals_the_general_path(tmp_path, dataset):
    if dataset == "hand-written":
        paths = [_write(tmp_path / "data")]
    elif dataset == "entity kinds":
        paths = [_write(tmp_path / "data", entities=ENTITY_KINDS)]
    elif dataset == "generated":
        write_dataset(tmp_path / "data", entities=600, facts=3000)
        paths = [tmp_path / "data"]
    else:
        paths = [BUNDLED]
    stores = _load_three_ways(tmp_path, paths)
    fast, *others = [store_tables(path) for path in stores]
    assert fast["edges"] and fast["nodes"]
    for other in others:
        assert other == fast
    reports = [Cli(path)("chokepoints", "--format", "json", "--as-of", "2025-06-30") for path in stores]
    assert reports[0].exit_code == 0, reports[0].output
    assert [json.loads(r.stdout) for r in reports[1:]] == [json.loads(reports[0].stdout)] * 2
    stats = [Cli(path)("stats", "--format", "json").stdout for path in stores]
    assert stats[1:] == [stats[0]] * 2


def test_a_reload_of_a_fast_load_changes_nothing(tmp_path):
    folder = _write(tmp_path / "data")
    store = EmbeddedStore(tmp_path / "s.db")
    first = api.load(store, api.read([folder]))
    before = snapshot(store.path)
    again = api.load(store, api.read([folder]))
    assert again.skipped_unchanged_inputs == 2
    assert (again.nodes.unchanged, again.edges.unchanged) == (first.nodes.added, first.edges.added) == (7, 8)
    # Edited: one fact's share changes; the merge path replaces what the file said.
    (folder / "facts.csv").write_text(FACTS.replace("material:m,2024,0.5", "material:m,2024,0.55"))
    edited = api.load(store, api.read([folder]))
    assert (edited.edges.updated, edited.edges.unchanged, edited.edges.added) == (1, 7, 0)
    assert snapshot(store.path) != before
    store.close()


BAD_ROWS = {
    "unknown type": ("SUPPLIED,org:a,org:b,doc:s,material:m,2024,,,,,,,,", "unknown relationship type 'SUPPLIED'"),
    "share over 1": ("SUPPLIES,org:a,org:b,doc:s,material:m,2024,1.5,,,,,,,", "share: Input should be less than or equal to 1"),
    "year not a number": ("SUPPLIES,org:a,org:b,doc:s,material:m,soon,,,,,,,,", "year: Input should be a valid integer"),
    "bad date": ("PRODUCES,org:a,material:m,doc:s,,,,,2025-13,,,,,", "not an ISO 8601 date or year: '2025-13'"),
    "malformed id": ("SUPPLIES,org:a,org:B b,doc:s,material:m,2024,,,,,,,,", "malformed id 'org:B b'"),
    "no source": ("SUPPLIES,org:a,org:b,,material:m,2024,,,,,,,,", "no source"),
    "not a document id": ("SUPPLIES,org:a,org:b,org:c,material:m,2024,,,,,,,,", "source 'org:c' is not a document id"),
    "ragged row": ("SUPPLIES,org:a,org:b,doc:s", "row has 4 cells but the header has 14"),
    "open quote": ('SUPPLIES,org:a,org:b,doc:s,material:m,2024,,,,,,,"never closed,', "row has 13 cells but the header has 14"),
    "oversized cell": ('SUPPLIES,org:a,org:b,doc:s,material:m,2024,,,,,,,"' + "x" * 140_000, "a cell is over 128 KiB"),
    "dangling reference": ("SUPPLIES,org:a,org:zz,doc:s,material:m,2024,,,,,,,,", "dangling reference: target 'org:zz' is not defined"),
    "undefined document": ("SUPPLIES,org:a,org:b,doc:nowhere,material:m,2024,,,,,,,,", "source 'doc:nowhere' is not a defined document"),
    "labels not allowed": ("PRODUCES,material:m,org:a,doc:s,,2024,,,,,,,,", "a PRODUCES cannot go from Material to Company"),
}


@pytest.mark.parametrize("position", ["first", "middle", "last"])
@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_a_bad_row_anywhere_gives_one_line_and_changes_nothing(cli, tmp_path, name, position):
    row, expected = BAD_ROWS[name]
    header, *good = [line for line in FACTS.splitlines() if line and not (name == "open quote" and '"' in line)]
    at = {"first": 0, "middle": 4, "last": len(good)}[position]
    lines = [header, *good[:at], row, *good[at:]]
    folder = _write(tmp_path / "data", facts="\n".join(lines) + "\n")
    line = len(lines) if name == "open quote" else at + 2  # an open quote runs to the end of the file
    empty = cli.store_path
    for store_is_empty in (True, False):
        if not store_is_empty:
            assert cli("load", str(folder / "entities.csv")).exit_code == 0
        before = snapshot(empty) if empty.exists() else None
        result = cli("load", str(folder))
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        out = result.stderr.strip().splitlines()
        assert len(out) == 1, result.stderr
        assert out[0].startswith(f"supplygraph: error: {folder / 'facts.csv'}:{line}: "), out[0]
        assert expected in out[0], out[0]
        assert (snapshot(empty) if empty.exists() else None) == before


BAD_ENTITY_ROWS = {
    "unknown label": ("org:d,Compnay,D,,US,,", "entity org:d: unknown label 'Compnay'; did you mean Company?"),
    "no label": ("org:d,,D,,US,,", "entity org:d: unknown label None"),
    "malformed id": ("org:D d,Company,D,,US,,", "malformed id 'org:D d'"),
    "id of another kind": ("material:d,Company,D,,US,,", "id 'material:d' of a Company must start with 'org:'"),
    "no name": ("org:d,Company,,,US,,", "entity org:d: missing field 'name'"),
    "unknown country": ("org:d,Company,D,,XX,,", "not an ISO 3166-1 alpha-2 country code: 'XX'"),
    "a field the label has not": ("org:d,Company,D,,US,magnet,", "unknown field 'stage'"),
    "a country without its code": ("country:US,Country,United States,,,,", "missing field 'iso2'"),
    "ragged row": ("org:d,Company,D", "row has 3 cells but the header has 7"),
    "one id two labels": ("org:b,University,B,,CN,,", "id 'org:b' is given two labels"),
}


@pytest.mark.parametrize("position", ["first", "middle", "last"])
@pytest.mark.parametrize("name", sorted(BAD_ENTITY_ROWS))
def test_a_bad_entity_row_anywhere_gives_one_line_and_changes_nothing(cli, tmp_path, name, position):
    row, expected = BAD_ENTITY_ROWS[name]
    header, *good = ENTITIES.splitlines()
    at = {"first": 0, "middle": 3, "last": len(good)}[position]
    lines = [header, *good[:at], row, *good[at:]]
    folder = _write(tmp_path / "data", entities="\n".join(lines) + "\n")
    line = at + 2
    if name == "one id two labels":  # the id's second row is the offending one
        line = max(line, lines.index("org:b,Company,B,,CN,,") + 1)
    other = tmp_path / "other.yaml"
    other.write_text("sources:\n  - {id: doc:other, name: Other, title: Other}\n")
    for store_is_empty in (True, False):
        if not store_is_empty:
            assert cli("load", str(other)).exit_code == 0
        before = snapshot(cli.store_path) if cli.store_path.exists() else None
        result = cli("load", str(folder))
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        out = result.stderr.strip().splitlines()
        assert len(out) == 1, result.stderr
        assert out[0].startswith(f"supplygraph: error: {folder / 'entities.csv'}:{line}: "), out[0]
        assert expected in out[0], out[0]
        assert (snapshot(cli.store_path) if cli.store_path.exists() else None) == before


def test_an_unknown_label_in_a_first_load_changes_nothing(cli, tmp_path):
    folder = _write(tmp_path / "data", entities=ENTITIES.replace("org:c,Company", "org:c,Compnay"))
    result = cli("load", str(folder))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"supplygraph: error: {folder / 'entities.csv'}:6: entity org:c: unknown label 'Compnay'; did you mean Company? "
        f"(known: {result.stderr.split('(known: ')[1].strip()}"
    )
    assert not cli.store_path.exists() or snapshot(cli.store_path)["edges"] == []


def test_two_inputs_claiming_one_fact_merge_on_a_first_load(tmp_path):
    folder = _write(tmp_path / "data")
    (folder / "more.csv").write_text("type,source,target,sources,evidence\nSUBSIDIARY_OF,org:a,org:b,doc:t,Seen again.\n")
    store = EmbeddedStore(tmp_path / "s.db")
    summary = api.load(store, api.read([folder]))
    assert summary.edges.added == 8
    edge = next(e for e in store.edges("SUBSIDIARY_OF"))
    assert edge.sources == ("doc:s", "doc:t") and edge.evidence == ("Seen again.",)
    store.close()

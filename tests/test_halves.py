"""A big facts table read on two cores (loaders/halves.py) gives the table one process reads, or the same error.

Every test here makes any table big enough to be split (``SPLIT_CHARS = 0``)
and checks that the worker really ran (or really was not used), so a quiet
fallback to one process cannot pass for the two-core path.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from supplygraph import api
from supplygraph.graph import EmbeddedStore
from supplygraph.loaders import halves, read_file

from .benchmarks.gen_curated import write_dataset
from .conftest import snapshot, store_tables
from .test_fast_load import BAD_ROWS, FACTS, _write

pytestmark = pytest.mark.skipif(not halves.can_split(), reason="the worker is a fork (Linux)")


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Every facts table read on two cores; counts the worker's parts joined and the reads again in one process."""
    calls = {"joined": 0, "again": 0}
    monkeypatch.setattr(halves, "SPLIT_CHARS", 0)
    monkeypatch.setattr(halves, "core_free", lambda: True)  # (the test machine's load does not decide)
    unpacked, again = halves._unpacked, halves._again

    def joined(*args):
        calls["joined"] += 1
        return unpacked(*args)

    def one_process(*args):
        calls["again"] += 1
        return again(*args)

    monkeypatch.setattr(halves, "_unpacked", joined)
    monkeypatch.setattr(halves, "_again", one_process)
    return calls


def _one_process(path: Path, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(halves, "SPLIT_CHARS", 10**15)
        return read_file(path)


def _same(two, one) -> None:
    assert two.table is not None and one.table is not None
    assert two.table.rows == one.table.rows  # values, keys and lines
    assert (two.table.ends, two.table.documents) == (one.table.ends, one.table.documents)
    assert two.fact_where == one.fact_where and two.facts == one.facts


QUOTED = FACTS.replace("A supplies B.", '"A supplies B,\nover two lines."').replace("\n", "\r\n")


IN_THE_CELL = QUOTED.index("A supplies B,") / len(QUOTED)
"""A share of QUOTED that cuts it inside its quoted cell (at the cell's line end)."""


@pytest.mark.parametrize("facts", ["hand-written", "quoted, CRLF", "generated"])
@pytest.mark.parametrize("share", [IN_THE_CELL, 0.45, 0.9])
def test_a_table_read_on_two_cores_is_the_table_one_process_reads(tmp_path, monkeypatch, split, facts, share):
    monkeypatch.setattr(halves, "FIRST_SHARE", share)
    if facts == "generated":
        write_dataset(tmp_path / "data", entities=300, facts=2000)
        path = tmp_path / "data" / "facts.csv"
    else:
        path = _write(tmp_path / "data", facts=FACTS if facts == "hand-written" else QUOTED) / "facts.csv"
    one = _one_process(path, monkeypatch)
    two = read_file(path)
    if facts == "quoted, CRLF" and share == IN_THE_CELL:  # the cut falls inside the quoted cell
        assert split == {"joined": 0, "again": 1}
    else:
        assert split == {"joined": 1, "again": 0}
    _same(two, one)


def test_a_first_load_read_on_two_cores_writes_the_same_store(tmp_path, monkeypatch, split):
    write_dataset(tmp_path / "data", entities=300, facts=2000)
    stores = []
    for name, limit in (("two", 0), ("one", 10**15)):
        monkeypatch.setattr(halves, "SPLIT_CHARS", limit)
        store = EmbeddedStore(tmp_path / f"{name}.db")
        assert api.load(store, api.read([tmp_path / "data"])).edges.added == 2000
        store.close()
        stores.append(store_tables(tmp_path / f"{name}.db"))
    assert split["joined"] == 1
    assert stores[0] == stores[1]


@pytest.mark.parametrize("position", ["first", "last"])
@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_a_bad_row_in_either_part_gives_one_line_and_changes_nothing(cli, tmp_path, split, name, position):
    row, expected = BAD_ROWS[name]
    header, *good = [line for line in FACTS.splitlines() if line and not (name == "open quote" and '"' in line)]
    at = {"first": 0, "last": len(good)}[position]  # read by this process / by the worker
    lines = [header, *good[:at], row, *good[at:]]
    folder = _write(tmp_path / "data", facts="\n".join(lines) + "\n")
    line = len(lines) if name == "open quote" else at + 2
    for store_is_empty in (True, False):
        if not store_is_empty:
            assert cli("load", str(folder / "entities.csv")).exit_code == 0
        before = snapshot(cli.store_path) if cli.store_path.exists() else None
        result = cli("load", str(folder))
        assert result.exit_code == 1, result.output
        out = result.stderr.strip().splitlines()
        assert len(out) == 1, result.stderr
        assert out[0].startswith(f"supplygraph: error: {folder / 'facts.csv'}:{line}: "), out[0]
        assert expected in out[0], out[0]
        assert (snapshot(cli.store_path) if cli.store_path.exists() else None) == before
    assert multiprocessing.active_children() == []


def test_a_fact_given_in_both_parts_goes_the_record_path(tmp_path, monkeypatch, split):
    first = FACTS.splitlines()[1]
    path = _write(tmp_path / "data", facts=FACTS + first + "\n") / "facts.csv"
    unit = read_file(path)
    assert unit.table is None  # the record-by-record path: it merges the repeated fact, as for one process
    assert split["joined"] == 1
    assert unit.facts == _one_process(path, monkeypatch).facts


@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_a_failure_in_this_process_leaves_no_worker_behind(tmp_path, monkeypatch, split, failure):
    path = _write(tmp_path / "data") / "facts.csv"
    real = halves.fact_rows

    def failing(*args, stop=None, **kwargs):
        if stop is not None:  # this process's part; the worker forked before this and reads its part as usual
            raise failure
        return real(*args, stop=stop, **kwargs)

    monkeypatch.setattr(halves, "fact_rows", failing)
    with pytest.raises(type(failure)):
        read_file(path)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("how", ["exits", "raises"])
def test_a_worker_that_dies_or_fails_leaves_the_file_to_this_process(tmp_path, monkeypatch, split, how):
    path = _write(tmp_path / "data", facts=FACTS) / "facts.csv"

    def dying(send, *args):
        if how == "exits":
            os._exit(3)
        halves.fact_rows = None  # (in the worker only: it is a fork) any error of its own
        real(send, *args)

    real = halves._read_rest
    monkeypatch.setattr(halves, "_read_rest", dying)
    two = read_file(path)
    assert split == {"joined": 0, "again": 1}
    _same(two, _one_process(path, monkeypatch))
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("load", [0.2, 1.6])
def test_a_table_is_read_in_one_process_when_no_core_is_free(tmp_path, monkeypatch, split, load):
    monkeypatch.undo()
    monkeypatch.setattr(halves, "SPLIT_CHARS", 0)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    started = []
    monkeypatch.setattr(halves, "fact_rows", lambda *args, **kw: started.append("part") or None)
    monkeypatch.setattr(halves, "fact_table", lambda *args, **kw: started.append("whole") or None)
    assert read_file(_write(tmp_path / "data") / "facts.csv").table is None  # (both said no: the record path)
    assert started == (["part"] if load < 1.5 else ["whole"])  # two cores: this process reads its part / the whole

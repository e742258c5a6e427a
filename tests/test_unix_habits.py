"""Unix habits and one-line errors (issue 14, items 4 and 5): '-' for stdin and stdout, python -m, folder walks,
new stores announced, and every user error one line naming what and where, with the store unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph import api
from supplygraph.cli import main
from supplygraph.errors import StoreError
from supplygraph.graph import EmbeddedStore
from supplygraph.loaders import expand

from .conftest import FIXTURES, snapshot

GOOD = FIXTURES / "good"


def run(store: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["--store", str(store), *args], input=stdin, catch_exceptions=False)


def one_line_error(result, *phrases: str) -> str:
    """The run failed with exactly one line on stderr that holds every phrase."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or lines[-1].startswith("Error:"), result.stderr
    line = lines[-1]
    for phrase in phrases:
        assert phrase in line, line
    return line


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("loaded") / "good.db"
    assert run(path, "load", str(GOOD)).exit_code == 0
    return path


# -- item 4: Unix habits -----------------------------------------------------------------------------------


def test_load_reads_standard_input_of_the_kind_named(tmp_path):
    store = tmp_path / "s.db"
    text = (GOOD / "chain.yaml").read_text()
    result = run(store, "load", "-", "--kind", "yaml", "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"]["added"] > 0
    again = run(store, "load", "-", "--kind", "yaml", "--format", "json", stdin=text)
    assert json.loads(again.stdout)["skipped_unchanged_inputs"] == 1, "the same text twice is one input"
    one_line_error(run(store, "load", "-", stdin=text), "--kind")


def test_extract_reads_standard_input(tmp_path):
    text = "Lynas Rare Earths separates dysprosium at its Malaysian plant in Kuantan.\n"
    result = run(tmp_path / "none.db", "extract", "-", "--kind", "txt", "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    assert any(e["name"].startswith("Lynas") for e in json.loads(result.stdout)["entities"])


def test_export_to_standard_output_writes_no_file(loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(loaded, "export", "json", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"]
    assert not (tmp_path / "-").exists()
    assert "wrote standard output" in result.stderr


def test_review_decisions_go_to_stdout_and_come_from_stdin(bundled, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exported = run(bundled, "review", "export", "-")
    assert exported.exit_code == 0 and "decisions:" in exported.stdout and not (tmp_path / "-").exists()
    assert "wrote" in exported.stderr and "wrote" not in exported.stdout
    copy = tmp_path / "copy.db"
    shutil.copy(bundled, copy)
    assert run(copy, "review", "import", "-", stdin=exported.stdout).exit_code == 0
    one_line_error(run(copy, "review", "import", "-", stdin="decisions: [{decision: maybe}]\n"), "<stdin>:1")


def test_python_dash_m_runs_the_command():
    done = subprocess.run([sys.executable, "-m", "supplygraph", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Usage: supplygraph" in done.stdout


def test_folder_loads_skip_hidden_folders_virtualenvs_and_node_modules(tmp_path):
    for folder in (".git", ".venv", "node_modules", "env", "data"):
        (tmp_path / folder).mkdir()
        shutil.copy(GOOD / "chain.yaml", tmp_path / folder / "chain.yaml")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert expand([tmp_path]) == [tmp_path / "data" / "chain.yaml"]


def test_a_new_store_is_announced_and_a_failed_load_leaves_no_file(tmp_path):
    store = tmp_path / "new.db"
    result = run(store, "load", str(GOOD))
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [f"supplygraph: created a new store at {store}"]
    assert "created" not in run(store, "load", str(GOOD)).stderr
    other = tmp_path / "other.db"
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: country:ZZ, label: Country, name: Zed, nonsense: 1}\n")
    one_line_error(run(other, "load", str(bad)), f"{bad}:2")
    assert not other.exists()


# -- item 5: every error one line ----------------------------------------------------------------------------


def test_a_read_only_store_refuses_a_load_in_one_line(loaded, tmp_path):
    copy = tmp_path / "ro.db"
    shutil.copy(loaded, copy)
    before = snapshot(copy)
    changed = tmp_path / "changed.yaml"
    changed.write_text((GOOD / "chain.yaml").read_text())
    store = EmbeddedStore(copy, read_only=True)  # SQLite's read-only open: the refusal a read-only mount gives
    try:
        assert store.stats().nodes == 8, "reading works"
        with pytest.raises(StoreError, match="cannot write to the store .*read-only") as caught:
            store.apply(api.read([changed]))
    finally:
        store.close()
    assert "\n" not in str(caught.value)
    assert snapshot(copy) == before


@pytest.fixture
def read_only_mount(tmp_path):
    """A folder bind-mounted read-only (root in a container may do this; elsewhere the test skips, saying why)."""
    source, mount = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=False).returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield source, mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_store_on_a_read_only_file_system(loaded, read_only_mount):
    source, mount = read_only_mount
    shutil.copy(loaded, source / "s.db")
    before = snapshot(source / "s.db")
    assert run(mount / "s.db", "stats").exit_code == 0, "reading works"
    changed = source / "changed.yaml"
    changed.write_text((GOOD / "chain.yaml").read_text())
    one_line_error(run(mount / "s.db", "load", str(changed)), "cannot write to the store", "read-only")
    assert snapshot(source / "s.db") == before
    one_line_error(run(mount / "new.db", "load", str(GOOD)), "cannot open the store", "cannot be written to")


def test_a_store_in_a_folder_that_is_not_there(tmp_path):
    one_line_error(run(tmp_path / "nowhere" / "s.db", "load", str(GOOD)), "the folder", "does not exist")


def test_an_oversized_csv_cell_is_one_line(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text('id,label,name\ncountry:ZZ,Country,"' + "x" * 200_000 + '"\n')
    one_line_error(run(tmp_path / "s.db", "load", str(big)), f"{big}:2", "KiB")


def test_unknown_editions_and_years_name_the_ones_there(bundled):
    before = snapshot(bundled)
    one_line_error(run(bundled, "chokepoints", "--edition", "MCS 2099"), "'MCS 2099'", "MCS 2026")
    one_line_error(run(bundled, "chokepoints", "--year", "1900"), "1900", "2024")
    assert run(bundled, "chokepoints", "--edition", "MCS 2026", "--top", "1").exit_code == 0
    assert snapshot(bundled) == before


@pytest.mark.parametrize("args, needed", [
    (["export", "html", "OUT", "--depth", "3"], "--focus"),
    (["export", "json", "OUT", "--depth", "2"], "--focus"),
    (["export", "html", "OUT", "--top", "3"], "--chokepoints"),
    (["load", "--kind", "csv", "FILE"], "'-'"),
])  # fmt: skip
def test_options_that_need_another_option(loaded, tmp_path, args, needed):
    args = [str(tmp_path / "out") if a == "OUT" else str(GOOD / "chain.yaml") if a == "FILE" else a for a in args]
    line = one_line_error(run(loaded, *args), needed)
    assert "ignored" in line
    assert not (tmp_path / "out").exists()


def test_a_share_over_one_says_shares_are_fractions(loaded, tmp_path):
    bad = tmp_path / "share.yaml"
    text = (GOOD / "chain.yaml").read_text()
    assert "share: 0." in text
    bad.write_text(text.replace("share: 0.", "share: 4", 1))
    before = snapshot(loaded)
    one_line_error(run(loaded, "load", str(bad)), f"{bad}:", "shares are fractions: 45 % is 0.45")
    assert snapshot(loaded) == before


def test_near_miss_labels_and_ids_get_did_you_mean(loaded, tmp_path):
    label = tmp_path / "label.yaml"
    label.write_text("entities:\n  - {id: country:ZZ, label: Contry, name: Zed}\n")
    one_line_error(run(loaded, "load", str(label)), f"{label}:2", "did you mean Country?")


@pytest.mark.parametrize("args, phrases", [
    (["show", "org:lynass"], ["no entity", "did you mean org:lynas"]),
    (["show", "Lynas"], ["did you mean org:lynas"]),
    (["show", "org:baogang"], ["did you mean", "org:baogang-group"]),
    (["chokepoints", "--end-use", "enduse:guided-missil"], ["no end use", "did you mean enduse:guided-missile?"]),
    (["chokepoints", "--scenario", "remove country:XX"], ["no such entity 'country:XX'"]),
    (["chokepoints", "--scenario", "remove contry:CN"], ["did you mean country:CN?"]),
    (["export", "html", "OUT", "--focus", "org:lynass"], ["did you mean org:lynas"]),
])  # fmt: skip
def test_unknown_ids_get_did_you_mean_everywhere(bundled, tmp_path, args, phrases):
    args = [str(tmp_path / "out.html") if a == "OUT" else a for a in args]
    one_line_error(run(bundled, *args), *phrases)


def test_a_reference_in_a_loaded_file_gets_did_you_mean(loaded, tmp_path):
    bad = tmp_path / "ref.yaml"
    bad.write_text((GOOD / "chain.yaml").read_text().replace("source: country:US, target: material:ore", "source: country:USA, target: material:ore"))
    before = snapshot(loaded)
    one_line_error(run(loaded, "load", str(bad)), f"{bad}:", "'country:USA' is not defined; did you mean country:US")
    assert snapshot(loaded) == before


def test_neo4j_push_ids_get_did_you_mean_too(bundled):
    from supplygraph.errors import NotFound
    from supplygraph.graph.stores.neo4j_push import select

    with EmbeddedStore(bundled, read_only=True) as store, pytest.raises(NotFound, match="did you mean org:lynas"):
        select(store, ids=["org:lynass"])

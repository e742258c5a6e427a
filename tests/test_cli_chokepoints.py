"""``supplygraph chokepoints`` end to end on the tiny test chain (tests/fixtures/good).

The chain: ore from China 70 % and the US 30 % (edition T1, 2025) -> NdFeB
magnet made half by Alpha (a Chinese SOE) and half by Beta (American, a
quarter owned by Alpha) -> EV traction motor.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import FIXTURES


@pytest.fixture
def loaded(cli):
    result = cli("load", str(FIXTURES / "good"))
    assert result.exit_code == 0, result.output
    return cli


def test_json_has_the_documented_shape(loaded):
    result = loaded("chokepoints", "--format", "json", "--scenario", "remove country:CN")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {"chokepoints", "concentration", "scenario", "end_uses", "structure", "centrality", "graph", "notes"} <= set(report)
    for row in report["chokepoints"]:
        assert {"id", "name", "label", "score", "reason", "sources"} <= set(row), row
        assert row["sources"] == ["doc:test-source"], row
    ore = next(r for r in report["concentration"] if r["subject"] == "material:ore")
    assert {k: ore[k] for k in ("basis", "edition", "year", "hhi", "top_share", "top_id")} == {
        "basis": "countries", "edition": "T1", "year": 2025, "hhi": 5800.0, "top_share": 0.7, "top_id": "country:CN",
    }  # fmt: skip
    magnet = next(r for r in report["concentration"] if r["subject"] == "material:magnet")
    assert magnet["basis"] == "organisations" and magnet["hhi"] == 5000.0
    # Without China: ore keeps 30 %, Alpha's half of the magnets stops: the ore binds, 70 % at risk.
    (motor,) = report["scenario"]["end_uses"]
    assert motor["id"] == "enduse:motor" and motor["share_at_risk"] == pytest.approx(0.7)
    assert motor["path"] == ["country:CN", "material:ore", "material:magnet", "enduse:motor"]


def test_removing_an_organisation_does_not_take_a_company_it_holds_a_quarter_of(loaded):
    """The fixture's SUBSIDIARY_OF carries a 25 % stake and states no control: a stake, not control (issue 11)."""
    result = loaded("chokepoints", "--format", "json", "--as-of", "2026-12-06", "--scenario", "remove org:alpha-rare-earth")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scenario"]["removed"] == ["org:alpha-rare-earth"]
    assert report["scenario"]["end_uses"][0]["share_at_risk"] == 0.5
    assert any(a["kind"] == "minority_subsidiary" for a in report["assumptions"])


def test_table_and_markdown(loaded):
    table = loaded("chokepoints", "--top", "2")
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith("Chokepoints (") and "  1. " in table.stdout and "  3. " not in table.stdout
    assert "HHI 5,800 (T1, 2025)" in table.stdout
    markdown = loaded("chokepoints", "--format", "markdown", "--stage", "magnet")
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith("## Chokepoints") and "stage magnet" in markdown.stdout
    assert "material:ore" not in markdown.stdout.split("### Concentration")[1].split("###")[0]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--scenario", "blow up country:CN"], 2, "cannot read scenario 'blow up country:CN'"),
        (["--scenario", "remove country:FR"], 1, "no such entity 'country:FR' in the graph; did you mean"),
        (["--end-use", "enduse:nothing"], 1, "no end use 'enduse:nothing'"),
        (["--end-use", "material:ore"], 1, "material:ore is a Material"),
    ],
)
def test_bad_requests_are_one_line_errors(loaded, args, code, message):
    result = loaded("chokepoints", *args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("supplygraph: error: ") and message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_a_store_without_flow_says_what_to_do(cli, tmp_path):
    assert "no store at" in cli("chokepoints").stderr
    (tmp_path / "people.yaml").write_text(
        "sources:\n  - {id: doc:s, name: S}\nentities:\n  - {id: org:a, label: Company, name: A}\n", encoding="utf-8"
    )
    assert cli("load", str(tmp_path / "people.yaml")).exit_code == 0
    result = cli("chokepoints")
    assert result.exit_code == 1
    assert "no supply flow" in result.stderr, result.stderr


@pytest.mark.parametrize("args", [["--format", "json", "--scenario", "remove country:CN"], ["--top", "2"]])
def test_a_process_of_its_own_writes_the_whole_report_and_exits_0(loaded, args, monkeypatch):
    """The command ends its process once the report is flushed (cli._end_process): the output and exit code are
    those of the command run in-process, which returns as before."""
    monkeypatch.setenv("COLUMNS", "100")  # the table's width, the same in both
    args = ["chokepoints", "--as-of", "2026-12-06", *args]
    in_process = loaded(*args)
    assert in_process.exit_code == 0, in_process.output
    done = subprocess.run([sys.executable, "-m", "supplygraph", "--store", str(loaded.store_path), *args],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == in_process.stdout
    failed = subprocess.run([sys.executable, "-m", "supplygraph", "--store", str(loaded.store_path), *args, "--scenario", "blow up"],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert failed.returncode == 2 and failed.stdout == "" and failed.stderr.startswith("supplygraph: error: cannot read scenario")


def test_help_lists_the_command():
    from click.testing import CliRunner

    from supplygraph.cli import main

    result = CliRunner().invoke(main, ["--help"])
    assert "chokepoints" in result.stdout
    result = CliRunner().invoke(main, ["chokepoints", "--help"])
    assert "--scenario" in result.stdout and "--end-use" in result.stdout

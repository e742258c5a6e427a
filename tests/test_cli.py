"""The command line: every command has help and is documented; output shapes for people and programs."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from supplygraph.cli import main

from .conftest import FIXTURES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
    return found


@pytest.mark.parametrize("name, command", _commands(main), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_is_in_the_readme(name, command):
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert command.help, f"{name} has no help text"
    assert f"supplygraph {name}" in README, f"README does not mention `supplygraph {name}`"


def test_load_stats_show_round_trip(cli):
    result = cli("load", str(FIXTURES / "good"))
    assert result.exit_code == 0, result.output
    assert "nodes      8" in result.stdout and "edges      7" in result.stdout

    stats = json.loads(cli("stats", "--format", "json").stdout)
    assert (stats["nodes"], stats["edges"]) == (8, 7)
    assert stats["labels"]["Country"] == 2 and stats["types"]["PRODUCES"] == 4

    table = cli("stats").stdout
    assert "8 nodes, 7 edges" in table and "StateOwnedEnterprise" in table

    shown = cli("show", "org:alpha-rare-earth")
    assert shown.exit_code == 0, shown.output
    assert "Alpha Rare Earth  [StateOwnedEnterprise]" in shown.stdout
    assert "<- SUBSIDIARY_OF" in shown.stdout and "A test source (supplygraph tests, 2025)\n    https://example.org/test" in shown.stdout

    info = json.loads(cli("show", "org:beta-magnets", "--format", "json").stdout)
    (owner,) = [f for f in info["facts"] if f["type"] == "SUBSIDIARY_OF"]
    assert owner["stake"] == 0.25 and owner["sources"] == ["doc:test-source"] and owner["direction"] == "out"
    assert info["documents"]["doc:test-source"]["url"] == "https://example.org/test"


def test_show_unknown_id_is_one_line(cli):
    cli("load", str(FIXTURES / "good"))
    result = cli("show", "org:nobody")
    assert result.exit_code == 1
    assert result.stderr == "supplygraph: error: no entity with id 'org:nobody' in the store\n"


def test_store_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SUPPLYGRAPH_STORE", str(tmp_path / "env.db"))
    result = CliRunner().invoke(main, ["load", str(FIXTURES / "good")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()


def test_load_json_summary_and_quiet_when_piped(cli):
    result = cli("load", str(FIXTURES / "good"), "--format", "json")
    summary = json.loads(result.stdout)
    assert summary["nodes"]["added"] == 8 and summary["edges"]["added"] == 7
    assert result.stderr == f"supplygraph: created a new store at {cli.store_path}\n", "no progress bar when stderr is not a terminal"


def test_schema_formats():
    runner = CliRunner()
    markdown = runner.invoke(main, ["schema"]).stdout
    assert markdown.startswith("# supplygraph schema") and "| `PRODUCES` |" in markdown
    schema = json.loads(runner.invoke(main, ["schema", "--format", "json"]).stdout)
    assert "Produces" in schema["$defs"]

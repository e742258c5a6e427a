"""Output for a terminal (issue 14, item 3): reports fit the width, stay plain when piped, --top bounds every
section, the scenario's answer and a short summary come first, the demo says what to try next, JSON is complete."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.graph.views.report import render_report

ANSI = re.compile(r"\x1b\[")


def run(store: Path, *args: str, columns: int | None = None):
    env = {"COLUMNS": str(columns) if columns else None}  # piped (CliRunner's stdout is no terminal)
    return CliRunner().invoke(main, ["--store", str(store), *args], env=env, catch_exceptions=False)


def sections(text: str) -> dict[str, str]:
    """Section title -> body, from the underlined headings of the text report."""
    parts = re.split(r"\n([^\n]+)\n-{3,}\n", "\n" + text)
    return {title.split(":")[0].split(" (")[0]: body for title, body in zip(parts[1::2], parts[2::2])}


@pytest.mark.parametrize("columns, limit", [(None, 100), (80, 80), (132, 132)])
@pytest.mark.parametrize("args", [["chokepoints"], ["chokepoints", "--scenario", "remove country:CN"], ["demo"],
                                  ["show", "country:CN"], ["show", "org:lynas"], ["stats"]])  # fmt: skip
def test_piped_output_fits_100_columns_or_COLUMNS_and_stays_plain(bundled, args, columns, limit):
    result = run(bundled, *args, columns=columns)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not re.fullmatch(r"\s*https?://\S+", line)]  # a URL stays whole
    longest = max(lines, key=len)
    assert len(longest) <= limit, f"{len(longest)} columns: {longest}"
    assert not ANSI.search(result.stdout)


def test_top_bounds_every_section(bundled):
    text = run(bundled, "chokepoints", "--top", "2", "--scenario", "remove country:CN").stdout
    parts = sections(text)
    assert re.findall(r"^\s+(\d+)\. ", parts["Ranked chokepoints"], re.M) == ["1", "2"]
    assert len(re.findall(r"^\d\. ", parts["Summary"], re.M)) == 2
    concentration = [line for line in parts["Concentration"].splitlines() if re.search(r"\d,\d{3}", line)]
    assert len(concentration) == 2, parts["Concentration"]
    assert "and 20 more end uses" in parts["End uses"] or "more end uses" in parts["End uses"]
    end_uses = [line for line in parts["End uses"].splitlines() if re.match(r"^\S.*\(enduse:", line)]
    assert len(end_uses) == 2
    scenario_rows = [line for line in parts["Scenario"].splitlines() if re.search(r"\(enduse:[^)]*\)\s+\d+\.\d%", line)
                     or re.search(r"^\S.*\s\d+\.\d%\s", line)]  # fmt: skip
    assert len(scenario_rows) <= 2 and "more end uses that lose supply" in parts["Scenario"]


def test_the_scenario_answer_then_a_summary_come_first(bundled):
    text = run(bundled, "chokepoints", "--scenario", "remove country:CN").stdout
    order = [text.index(t) for t in ("Scenario: remove country:CN", "Summary: the 5 chokepoints", "Ranked chokepoints", "Concentration")]
    assert order == sorted(order), order
    summary = sections(text)["Summary"].strip().splitlines()
    assert summary[0] == "As of " + date.today().isoformat() + "."  # no --as-of: today
    assert [line[:3] for line in summary[1:]] == ["1. ", "2. ", "3. ", "4. ", "5. "], summary
    assert "the worst hit is" in sections(text)["Scenario"]


def test_controllers_are_ranked_by_share_with_and_n_more():
    row = {"rank": 1, "id": "material:x", "name": "X", "label": "Material", "stage": "magnet", "score": 50.0,
           "reason": "a reason", "sources": [], "controlled_by": [
               {"name": f"Small {i}", "share": None, "via": "produces"} for i in range(5)] + [
               {"name": "Big", "share": 0.6, "via": "produces"}, {"name": "Middle", "share": 0.3, "via": "produces"}]}  # fmt: skip
    report = {"graph": {"nodes": 1, "edges": 0, "sources": 0, "end_uses": 0}, "chokepoints": [row],
              "concentration": [], "end_uses": [], "notes": []}  # fmt: skip
    text = render_report(report, width=200)
    line = next(line for line in text.splitlines() if "controlled by" in line)
    assert line.strip().startswith("controlled by: Big 60.0%; Middle 30.0%; Small 0")
    assert line.endswith("and 3 more")


def test_a_new_part_of_the_report_shows_without_a_renderer_of_its_own():
    report = {"graph": {"nodes": 1, "edges": 0, "sources": 0, "end_uses": 0}, "chokepoints": [], "concentration": [],
              "end_uses": [], "notes": [], "watch_list": [{"facility": "Plant A", "expected_start": "2027"},
                                                          {"facility": "Plant B", "expected_start": "2028"}]}  # fmt: skip
    text = render_report(report, top=1)
    body = sections(text)["Watch list"]
    assert "Plant A" in body and "2027" in body and "Plant B" not in body and "1 more watch list" in body


def test_the_demo_ends_with_three_lines_of_what_to_try_next(bundled, tmp_path):
    result = run(tmp_path / "demo.db", "demo")
    last = result.stdout.rstrip().splitlines()[-3:]
    assert last[0].startswith("Next: supplygraph ") and all("supplygraph " in line for line in last), last
    for line in last:  # each suggestion runs on the demo's store
        command = re.split(r"\s{2,}", line.split("supplygraph ", 1)[1])[0]
        args = [a.strip("'") for a in re.findall(r"'[^']*'|\S+", command)]
        args = [str(tmp_path / a) if a.endswith(".html") else a for a in args]
        assert run(tmp_path / "demo.db", *args).exit_code == 0, command


def test_demo_json_holds_stats_load_summary_and_report(tmp_path):
    data = json.loads(run(tmp_path / "demo.db", "demo", "--format", "json").stdout)
    assert data["nodes"] > 0 and data["labels"], "the stats' keys stay at the top"
    assert data["load"]["nodes"]["added"] == data["nodes"]
    assert data["report"]["chokepoints"] and data["report"]["concentration"]

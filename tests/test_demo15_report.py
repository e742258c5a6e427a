"""What a rare-earth analyst questioned in the demo's text (session 15, demo15): 'controlled by' slots taken by parent
chains, world mine production hidden below the concentration table's top rows, and a scenario's worst hit resting on
an equal split that the text did not say plainly was assumed."""

from __future__ import annotations

import re

from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import MINE, _report


def _ranked_lines(text: str) -> dict[str, str]:
    """Each ranked chokepoint's paragraph, by its name, on one line."""
    section = text[text.index("Ranked chokepoints"):text.index("Concentration (")]
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\d+\. ", section)[1:]]
    return {b.split(" (")[0]: b for b in blocks}


def test_controlled_by_names_the_producers_before_their_parents():
    """Yttrium oxide's four slots were China, China Rare Earth Group, SASAC and the State Council; NdPr oxide's China,
    China Northern Rare Earth, Baogang and the Inner Mongolia government. Makers now come before operators and parents
    (the JSON keeps its order)."""
    report = _report()
    rows = _ranked_lines(render_report(report, width=100, top=15))
    yttrium = rows["Yttrium oxide"]
    assert "State-owned Assets" not in yttrium and "State Council" not in yttrium
    assert "China Southern Rare Earth Group (listed as producing" in yttrium and "; and 13 more" in yttrium
    ndpr = rows["NdPr oxide"]
    assert "Baogang Group" not in ndpr and "Lynas Malaysia separation plant (Gebeng) (produces)" in ndpr
    entries = next(r for r in report["chokepoints"] if r["id"] == "material:y-oxide")["controlled_by"]
    assert [c["id"] for c in entries][:3] == ["country:CN", "org:china-rare-earth-group", "org:sasac"], "the JSON's order"


def test_the_concentration_table_names_world_mine_production_at_the_demo_top():
    """At top 5 the table held Samarium metal, two separation categories, gallium and a magnet category, and world mine
    production (HHI 5,054) was among '6 more'. A stage the top rows leave out now gets the last of the slots (at most
    half of them: --top still bounds the table), its world-output row that the most supply paths pass through:
    mining's is mine production (40 % of paths), not graphite (none)."""
    report = _report()
    mine = next(r for r in report["concentration"] if r["subject"] == MINE and r["basis"] == "countries")
    graphite = next(r for r in report["concentration"] if r["subject"] == "material:graphite")
    assert mine["path_share"] > 0.3 and not graphite["path_share"]
    category = next(r for r in report["concentration"] if r["subject"] == "material:separated-rare-earth-oxides" and r["hhi"])
    assert category["path_share"] > 0.3, "a category's rows weigh its members' paths"
    assert "| Rare-earth concentrate (mine production) | mining | countries | MCS 2026 | 2025 |" in render_report(report, markdown=True, top=5)
    text = render_report(report, width=100, top=5)
    table = text[text.index("Concentration ("):text.index("End uses")]
    flat = " ".join(table.split())
    assert "The last row: at a stage the 4 most concentrated leave out, the figure of world output the most supply paths pass through (mining, 40% of paths)" in flat
    assert "... and 6 more materials" in flat and "Graphite" not in flat, "the row takes the last of the 5 slots"
    assert "The last row" not in render_report(report, width=100, top=40), "nothing is added where every stage is shown"
    two = " ".join(render_report(report, width=100, top=2).split())
    assert "Samarium metal" in two and "(mining, 40% of paths)" in two and "... and 9 more materials" in two


def test_the_worst_hit_of_a_scenario_says_when_an_equal_split_decides_it():
    """'remove org:mp-materials' puts 50 % of EV motors at risk because NdPr metal's two known makers (MP's Fort Worth
    plant and Less Common Metals in Britain) share it equally: no source in the data gives a world or Chinese figure for
    NdPr metal (none found: docs/dataset.md). The first line and the path now say the split is assumed and where its
    producers are."""
    report = _report(scenarios=("remove org:mp-materials",))
    motor = next(e for e in report["scenario"]["end_uses"] if e["id"] == "enduse:ev-traction-motor")
    assert [(a["material"], a["rule"], a["of"], a["countries"]) for a in motor["assumed"]] == [
        ("material:ndpr-metal", "equal split", 2, ["GB", "US"])]
    text = " ".join(render_report(report, width=100).split())
    assert "the worst hit is EV traction motor (50.0% of its supply at risk, resting on a split the data gives no figures for)" in text
    assert "(no figures: NdPr metal taken as made by its 2 known producers (in GB, US) equally)" in text

"""What a rare-earth analyst questioned in the demo's text (session 15, demo15): 'controlled by' slots taken by parent
chains, world mine production hidden below the concentration table's top rows, and a scenario's worst hit resting on
an equal split that the text did not say plainly was assumed."""

from __future__ import annotations

import re

from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import _report


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

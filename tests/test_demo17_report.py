"""What a rare-earth analyst questioned in the demo's text (session 17, demo17)."""

from __future__ import annotations

import doctest
import functools

from supplygraph.graph.analyses import enduses
from supplygraph.graph.analyses.chokepoints import chokepoint_report
from supplygraph.graph.views import quotas
from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import AS_OF, MINE, _graph, _report


@functools.cache
def _at_top(top: int) -> dict:
    return chokepoint_report(_graph(), top=top, as_of=AS_OF)


def test_quota_allocations_read_under_their_countrys_share_of_world_output():
    """Mine production's 'controlled by' read 'China Northern Rare Earth 70.1% of the listed volume; China 69.2%; China
    Rare Earth Group 29.9% of the listed volume; United States 13.1%; and 22 more': every share sorted by size, so a
    share of China's 2024 first-batch quota (an allocation, not output) came first and read, at a glance, as a share
    of the world. The allocations now stand under China's share, and the countries take the slots."""
    report = _report()
    text = " ".join(render_report(report).split())
    assert ("controlled by: China 69.2% (its 2024 quota list, MIIT/MNR 2024 first batch: China Northern Rare Earth 70.1%, "
            "China Rare Earth Group 29.9% of the allocations, not of output); United States 13.1%; Australia 7.4%; "
            "Myanmar 5.6%; and 20 more") in text
    assert "of the listed volume; China 69.2%" not in text
    row = next(r for r in report["chokepoints"] if r["id"] == MINE)
    group = next(c for c in row["controlled_by"] if c["id"] == "org:china-northern-rare-earth")
    assert group["share"] == 0.7006 and group["via"] == "produces (share of the listed volume)", "the JSON keeps its entries"
    assert group["listed_volume"] == {"country": "CN", "quota": True, "year": 2024, "edition": "MIIT/MNR 2024 first batch"}
    assert [c["id"] for c in row["controlled_by"][:2]] == ["country:CN", "country:US"], "and its order"


def test_quota_words_examples_run():
    assert doctest.testmod(quotas).failed == 0


def test_the_assumptions_say_how_an_end_uses_materials_are_read():
    """make demo printed 'minimum cut (5): Bonded NdFeB magnet, NdFeB strip-cast alloy, Sintered NdFeB magnet,
    Samarium-cobalt alloy, Samarium-cobalt magnet' for the DDG-51 (CRS counts 'rare-earth materials' per destroyer, read
    as any one of five members serving, alloys among them) and 'minimum cut (5)' for fighter aircraft, whose scenarios
    take each material they use as needed: a scenario that stops samarium-cobalt magnets stops them. The report now
    lists both readings among its assumptions, with the end uses they touch."""
    rows = {a["kind"]: a for a in _report()["assumptions"]}
    assert rows["category_alternatives"]["count"] == 5
    assert rows["category_alternatives"]["text"].endswith(
        "5 uses (Arleigh Burke-class destroyer (DDG-51): any one of 5 members of Rare-earth materials (aggregate, as "
        "counted by DoD/CRS))")
    assert rows["end_use_inputs"]["count"] == 13
    assert rows["end_use_inputs"]["text"].endswith(
        "13 end uses (Fighter aircraft: Samarium-cobalt magnet; Yttria-stabilised zirconia (7YSZ); one of 3 members of "
        "NdFeB magnet)")
    text = " ".join(render_report(_report(), top=5).split())
    assert "a dominator or minimum cut asks what cuts every supply path" in text
    smco = _report(scenarios=("restrict element:Sm",))["scenario"]
    missile = next(e for e in smco["end_uses"] if e["id"] == "enduse:guided-missile")
    assert missile["share_at_risk"] > 0.99, "the scenario reads the missile's samarium-cobalt magnets as needed"
    row = next(e for e in _report()["end_uses"] if e["id"] == "enduse:guided-missile")
    assert len(row["min_cut"]) == 4, "the cut reads them as one of four alternatives: the assumption says so"


def test_end_use_input_examples_run():
    assert doctest.testmod(enduses).failed == 0


def test_every_end_use_the_text_promises_is_described():
    """make demo ended the end uses with '... and 25 more end uses (supplygraph chokepoints --top 30 lists them all)'
    while the data holds 32 and the report described 30 at most, so two were never listed; and its heading's '73
    sources' read, under '251 source documents', as documents. The count now takes every end use, --top N describes N
    of them (30 at least), and the heading says supply sources."""
    text = render_report(_at_top(5), top=5, width=100)
    graph = _at_top(5)["graph"]
    assert graph["end_uses"] == 32
    assert text.splitlines()[0] == f"Chokepoints (supply flow: {graph['nodes']} nodes, {graph['edges']} edges; {graph['sources']} supply sources, 32 end uses)"
    assert "... and 27 more end uses (supplygraph chokepoints --top 32 lists them all)" in " ".join(text.split())
    assert "end uses described in detail: 30 of 32 (--top N describes N)" in _at_top(5)["notes"]
    report = _at_top(40)
    assert len(report["end_uses"]) == 32 and not any(n.startswith("end uses described") for n in report["notes"])
    assert "more end uses" not in render_report(report, top=40)


def test_a_quota_allocation_is_held_not_produced():
    """China Rare Earth Group's ranked row read 'produces 30% of the listed volume of Rare-earth concentrate (mine
    production) (MIIT/MNR 2024 first batch, 2024)': the 30 % is its part of China's 2024 first-batch quota, an
    allocation, not output."""
    row = next(r for r in _report()["chokepoints"] if r["id"] == "org:china-rare-earth-group")
    assert row["reason"].startswith("holds 30% of the quota allocations listed for Rare-earth concentrate (mine "
                                    "production) (MIIT/MNR 2024 first batch, 2024)")
    assert "produces" not in row["reason"]

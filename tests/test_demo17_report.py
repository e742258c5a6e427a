"""What a rare-earth analyst questioned in the demo's text (session 17, demo17)."""

from __future__ import annotations

import doctest

from supplygraph.graph.views import quotas
from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import MINE, _report


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

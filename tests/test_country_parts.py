"""A removed company's part of its country's share (:mod:`supplygraph.graph.analyses.countryparts`).

Session 15: world shares are mostly given by country, and a scenario weighs a material's producers on its best-measured
basis only, so ``remove org:mp-materials`` cost world mine production nothing although Mountain Pass is all of the
United States' 13 %. A removed producer now takes its part of its country's share where the data says what part it is
(stated volumes, stated capacities, or the only producers listed there); elsewhere the scenario's notes say that
nothing of it is counted.
"""

from __future__ import annotations

import pytest

from supplygraph.graph.analyses.flow import supply_flow
from supplygraph.graph.analyses.scenarios import scenario_impact
from supplygraph.graph.views.report import render_report

from .test_chokepoints import country, kg
from .test_chokepoints_bundled import MINE, _report

AS_OF = "2026-12-06"


def ore(*producers, more_edges=()):
    """ore: CN 60 %, AU 40 % (stated shares, 2025) -> motor; ``producers``: (id, country, capacity_t or None)."""
    nodes = [country("CN"), country("AU"), ("material:ore", "Material", {"stage": "mining", "elements": ["Nd"]}),
             ("enduse:motor", "EndUse", {"name": "motor"})]  # fmt: skip
    nodes += [(p, "Company", {"country": c}) for p, c, _ in producers]
    edges = [("country:CN", "material:ore", "PRODUCES", {"share": 0.6, "year": 2025, "edition": "T 2026"}),
             ("country:AU", "material:ore", "PRODUCES", {"share": 0.4, "year": 2025, "edition": "T 2026"}),
             ("material:ore", "enduse:motor", "USED_IN", {})]  # fmt: skip
    edges += [(p, "material:ore", "PRODUCES", {"capacity_t": cap} if cap else {}) for p, _, cap in producers]
    return supply_flow(kg(nodes, edges + list(more_edges)), as_of=AS_OF)


def test_the_only_producer_listed_in_a_country_takes_its_whole_share():
    result = scenario_impact(ore(("org:a", "CN", None), ("org:b", "AU", None)), ["remove org:a"])
    motor = result["end_uses"][0]
    assert motor["share_at_risk"] == pytest.approx(0.6) and motor["path"] == ["org:a", "material:ore", "enduse:motor"]
    assert [(c["rule"], c["part"], c["country"], c["country_share"]) for c in motor["country_part"]] == [
        ("only producer listed", 1.0, "country:CN", 0.6)]
    assert result["notes"] == []


def test_stated_capacities_split_a_country_share_and_without_them_nothing_is_counted_and_said():
    F = ore(("org:a", "CN", 300), ("org:b", "CN", 100))
    result = scenario_impact(F, ["remove org:a"])
    assert result["materials"] == {"material:ore": pytest.approx(0.45)}  # 60 % x 300 / 400
    assert [(c["rule"], c["of"]) for c in result["end_uses"][0]["country_part"]] == [("share of listed capacity", 2)]
    unknown = scenario_impact(ore(("org:a", "CN", 300), ("org:b", "CN", None)), ["remove org:a"])
    assert unknown["materials"] == {} and unknown["end_uses"][0]["country_part"] == []
    assert unknown["notes"] == ["a makes part of CN's share of world output of ore (60.0%, 1 of 2 producers listed there): "
                                "no stated volume or capacity says how much, so none of it is counted lost"]  # fmt: skip
    both = scenario_impact(ore(("org:a", "CN", 300), ("org:b", "CN", None)), ["remove org:a,org:b"])
    assert both["materials"] == {"material:ore": pytest.approx(0.6)}


def test_removing_the_country_itself_is_unchanged():
    F = ore(("org:a", "CN", 300), ("org:b", "CN", 100))
    result = scenario_impact(F, ["remove country:CN"])
    assert result["materials"] == {"material:ore": pytest.approx(0.6)} and result["end_uses"][0]["country_part"] == []
    assert result["end_uses"][0]["path"][0] == "country:CN"


def test_removing_mp_materials_costs_world_mine_production_the_us_share_by_stated_volumes():
    """Mountain Pass: 45,455 t of REO in 2024 (MP's figure), the United States 45,500 t (MCS 2026) that year; the US
    holds 13.08 % of world mine production in 2025. Before: mine production lost nothing."""
    report = _report(scenarios=("remove org:mp-materials",))
    scenario = report["scenario"]
    assert scenario["materials"][MINE] == pytest.approx(0.1308 * 45455 / 45500, abs=1e-6)
    steel = next(e for e in scenario["end_uses"] if e["id"] == "enduse:steelmaking")
    assert steel["path"][:2] == ["facility:mountain-pass", MINE]
    part = steel["country_part"]
    assert [(c["rule"], c["year"], c["volume_t"], c["country_volume_t"], c["country"]) for c in part] == [
        ("stated volumes", 2024, 45455, 45500.0, "country:US")]
    text = " ".join(render_report(report, width=200).split())
    assert ("(Mountain Pass mine and separation facility taken as 99.9% of the output of United States, which holds 13.1% "
            "of world output of Rare-earth concentrate (mine production): 45,455 t of 45,500 t in 2024)") in text


def test_removing_lynas_costs_australias_share_as_mount_weld_is_the_only_australian_mine_listed():
    scenario = _report(scenarios=("remove org:lynas",))["scenario"]
    assert scenario["materials"][MINE] == pytest.approx(0.0744)
    steel = next(e for e in scenario["end_uses"] if e["id"] == "enduse:steelmaking")
    assert [(c["rule"], c["producer"]) for c in steel["country_part"]] == [("only producer listed", "facility:mount-weld-mine")]


def test_a_quota_or_a_category_figure_gives_no_part_and_the_notes_say_so():
    """China Rare Earth Group's mine-production volume is a quota batch (not output), and China's 99 % of dysprosium
    oxide is the figure for all separated heavy oxides, whose Chinese producers the data does not list one by one."""
    scenario = _report(scenarios=("remove org:china-rare-earth-group",))["scenario"]
    assert MINE not in scenario["materials"]
    note = next(n for n in scenario["notes"] if n.startswith("China Rare Earth Group makes part of China's share"))
    assert "Rare-earth concentrate (mine production) (69.2%, 1 of 3 producers listed there; its quota is 29.9% of China's" in note
    assert "Dysprosium oxide (99.0%, the figure for Separated heavy rare-earth oxides)" in note


def test_where_the_companies_own_shares_are_measured_as_well_they_count_as_before():
    """Both bases stated (shares of world output by country and by company): the larger loss counts, as before. A
    country part is taken, and named on the path, only where it is the larger; a note that nothing was counted is
    given only where the company's own share counts nothing either."""
    own = [("org:a", "material:ore", "PRODUCES", {"share": 0.7, "year": 2025, "edition": "R"}),
           ("org:b", "material:ore", "PRODUCES", {"share": 0.3, "year": 2025, "edition": "R"})]  # fmt: skip
    larger = scenario_impact(ore(("org:a", "CN", None), ("org:b", "AU", None), more_edges=own), ["remove org:a"])
    assert larger["materials"] == {"material:ore": pytest.approx(0.7)} and larger["end_uses"][0]["country_part"] == []
    assert larger["notes"] == []
    own[0][3]["share"], own[1][3]["share"] = 0.5, 0.5
    smaller = scenario_impact(ore(("org:a", "CN", None), ("org:b", "AU", None), more_edges=own), ["remove org:a"])
    assert smaller["materials"] == {"material:ore": pytest.approx(0.6)}
    assert [c["rule"] for c in smaller["end_uses"][0]["country_part"]] == ["only producer listed"]
    own[0][3]["share"], own[1][3]["share"] = 0.5, 0.5
    unknown = scenario_impact(ore(("org:a", "CN", None), ("org:b", "AU", None), ("org:c", "CN", None), more_edges=own),
                              ["remove org:a"])  # fmt: skip
    assert unknown["materials"] == {"material:ore": pytest.approx(0.5)} and unknown["notes"] == []

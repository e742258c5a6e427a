"""The chokepoint report on the bundled rare-earth dataset: right by the facts it holds.

Skipped, with the reason, only when the bundled data is not there.
"""

from __future__ import annotations

import csv
import functools

import pytest

from supplygraph import api
from supplygraph.data import BUNDLED
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.analyses.chokepoints import chokepoint_report
from supplygraph.graph.views.report import render_report

pytestmark = pytest.mark.skipif(
    not any(BUNDLED.glob("*.csv")), reason=f"the bundled dataset is not in {BUNDLED} (it lands on main from the dataset branch)"
)

MINE = "material:rare-earth-mine-production"
CHINESE_GROUPS = {"org:china-northern-rare-earth", "org:baogang-group", "org:china-rare-earth-group"}


@functools.cache
def _graph():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "bundled.db")
        api.load(store, api.read([BUNDLED]))
        graph = store.to_networkx()
        store.close()
    return graph


AS_OF = "2026-12-06"
"""Every check is pinned to one date: the report evaluates lifecycles, policies and vintages at it."""


@functools.cache
def _report(**options):
    return chokepoint_report(_graph(), top=40, as_of=options.pop("as_of", AS_OF), **options)


def test_mine_production_hhi_mcs_2026_year_2025_equals_the_hand_computation():
    """HHI = sum over the country rows of (100 x share)^2, read straight from the CSV."""
    with (BUNDLED / "usgs-mine-production.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["target"] == MINE and r["edition"] == "MCS 2026" and r["year"] == "2025"]
    assert len(rows) >= 10, "expected the MCS 2026 country table for 2025"
    by_hand = sum((100 * float(r["share"])) ** 2 for r in rows)
    top = max(rows, key=lambda r: float(r["share"]))
    row = next(r for r in _report()["concentration"] if r["subject"] == MINE and r["basis"] == "countries")
    assert (row["edition"], row["year"]) == ("MCS 2026", 2025), "the newest edition and year are the default"
    assert row["hhi"] == pytest.approx(by_hand, abs=0.05)
    assert row["producers"] == len(rows)
    assert (row["top_id"], row["top_share"]) == (top["source"], float(top["share"]))
    assert row["us_2023"] == "highly concentrated" and row["eu_crma"] == "above 65% from one third country"
    assert row["sources"] == ["doc:usgs-mcs-2026-rare-earths"]
    older = next(
        r for r in chokepoint_report(_graph(), edition="MCS 2025", year=2024)["concentration"] if r["subject"] == MINE and r["basis"] == "countries"
    )
    assert (older["edition"], older["year"]) == ("MCS 2025", 2024) and older["hhi"] != row["hhi"]


@pytest.mark.parametrize("stage", ["separation", "magnet"])
def test_china_tops_the_separation_and_magnet_stages(stage):
    rows = [r for r in _report()["concentration"] if r["stage"] == stage and r["basis"] == "countries" and r["hhi"] is not None]
    assert rows, f"no country shares at the {stage} stage"
    assert all(r["top_id"] == "country:CN" for r in rows), rows
    assert max(r["top_share"] for r in rows) > 0.9
    staged = chokepoint_report(_graph(), stage=stage)
    assert staged["chokepoints"] and all(r["stage"] == stage for r in staged["chokepoints"])
    assert staged["chokepoints"][0]["controlled_by"][0]["id"] == "country:CN", staged["chokepoints"][0]


@pytest.mark.parametrize(("end_use", "element"), [("enduse:guided-missile", "Sm"), ("enduse:guided-missile", "Dy"), ("enduse:guided-missile", "Tb")])
def test_defence_dependencies_show_the_chinese_groups_behind_them(end_use, element):
    detail = next(e for e in _report()["end_uses"] if e["id"] == end_use)
    assert detail["sector"] == "defense"
    dependency = next(d for d in detail["elements"] if d["element"] == element)
    assert dependency["restricted_by"], f"{element} materials should be under export control"
    organisations = {o["id"] for o in dependency["organisations"]}
    if element == "Sm":
        assert dependency["feed"][0]["top_id"] == "country:CN"
        assert any(o["country"] == "CN" for o in dependency["organisations"]), organisations
        assert "material:smco-magnet" in dependency["materials"]
    else:  # heavy rare earths: the southern ion-adsorption clays (China Rare Earth Group) and Myanmar, not Bayan Obo
        assert dependency["feed"][0]["top_id"] in ("country:CN", "country:MM")
        assert "org:china-rare-earth-group" in organisations, organisations
        assert not organisations & {"org:china-northern-rare-earth", "org:baogang-group", "facility:bayan-obo-mine"}, organisations


def test_element_lines_name_the_makers_by_stage_and_their_countrys_share_not_by_id():
    """The Dy line named Less Common Metals' British metal plant and Lynas's Malaysian plant before China Rare Earth Group
    (ids sort 'facility:' before 'org:') and the Sm line led with two SmCo magnet plants; makers now come by measured
    share, the most upstream material they make, their country's share of it, capacity; operators and parents after."""
    detail = next(e for e in _report()["end_uses"] if e["id"] == "enduse:f-35")
    lines = {d["element"]: d["organisations"] for d in detail["elements"]}
    dy = [o["id"] for o in lines["Dy"]]
    assert dy[:3] == ["org:china-rare-earth-group", "facility:lynas-malaysia-gebeng", "facility:lcm-ellesmere-port"], dy
    sm = [o["id"] for o in lines["Sm"]]
    assert sm[:4] == ["org:china-northern-rare-earth", "org:gansu-rare-earth-new-materials", "facility:solvay-la-rochelle",
                      "facility:lcm-ellesmere-port"], sm  # fmt: skip
    for organisations in lines.values():
        makers = [o["via"].startswith("produces") for o in organisations]
        assert makers == sorted(makers, reverse=True), "every maker comes before the operators and parents"
    # the text names the makers apart from their operators and parents and counts all of them (17 in the Sm line, of
    # which the JSON keeps 10: it said "and 6 more"); session 16: makers and the others each counted as what they are
    text = " ".join(render_report(_report()).split())
    assert ("made by China Rare Earth Group, Lynas Malaysia separation plant (Gebeng), Less Common Metals Ellesmere Port plant; "
            "their operators, parents and owners: State-owned Assets Supervision and Administration Commission of the State Council and 5 more") in text
    sm_line = next(d for d in detail["elements"] if d["element"] == "Sm")
    assert sm_line["organisations_total"] == 17 and len(sm_line["organisations"]) == 10 and sm_line["makers_total"] == 8
    assert "Solvay La Rochelle rare earths plant, Less Common Metals Ellesmere Port plant and 4 more; 9 operators, parents and owners" in text


def test_controlled_by_names_a_producer_in_the_country_that_holds_the_share_before_one_outside_it():
    """Organisations with no share of their own came by id: yttrium oxide, China 99 %, was 'controlled by: China 99.0%;
    Lynas Malaysia separation plant (Gebeng) ...' (a plant that makes no yttrium oxide), and NdPr oxide named Mountain
    Pass first and China Northern Rare Earth last. A producer in a country with a stated share now comes first."""
    rows = {r["id"]: r for r in _report()["chokepoints"]}
    for material, first in (("material:y-oxide", "org:china-rare-earth-group"), ("material:ndpr-oxide", "org:china-northern-rare-earth")):
        producers = [c["id"] for c in rows[material]["controlled_by"] if c["via"].startswith(("produces", "listed as producing"))]
        assert producers[:2] == ["country:CN", first], (material, producers)
    text = " ".join(render_report(_report()).split())
    assert "controlled by: China 99.0%; China Rare Earth Group (listed as producing Separated heavy rare-earth oxides)" in text


def test_a_concentrated_input_names_its_makers_before_their_parents():
    """'Dysprosium oxide: China 99.0% (...); China Rare Earth Group, State-owned Assets Supervision and Administration
    Commission of the State Council, State Council of the People's Republic of China, Lynas Malaysia separation plant
    (Gebeng) and 9 more' read as if the State Council made dysprosium oxide; the makers' names now come first, and
    (session 16) apart from those above them."""
    text = " ".join(render_report(_report()).split())
    assert "the figure for Separated heavy rare-earth oxides); made by China Rare Earth Group, Lynas Malaysia separation plant (Gebeng); their" in text
    assert ("Samarium metal: China 100.0% (New York Times (Jun 2025), 2025; leaves no share for 1 listed producer); made by Less Common Metals "
            "Ellesmere Port plant; its operators, parents and owners: Less Common Metals, USA Rare Earth") in text


def test_cobalt_is_under_no_chinese_rare_earth_control():
    for detail in _report()["end_uses"]:
        for dependency in detail["elements"]:
            if dependency["element"] != "Co":
                continue
            assert "material:smco-magnet" not in dependency["materials"], "SmCo is caught through samarium, not cobalt"
            policies = _graph().nodes
            assert not [p for p in dependency["restricted_by"] if policies[p["id"]].get("country") == "CN"], dependency
            assert not {o["id"] for o in dependency["organisations"]} & CHINESE_GROUPS


def test_restricting_dy_and_tb_from_china_spares_cerium_and_hits_high_temperature_magnets():
    scenario = _report(scenarios=("restrict element:Dy,element:Tb by country:CN",))["scenario"]
    risk = {e["id"]: e["share_at_risk"] for e in scenario["end_uses"]}
    assert risk["enduse:auto-emission-catalyst"] <= 0.01 and risk["enduse:glass-polishing"] <= 0.01, risk
    assert risk["enduse:ev-traction-motor"] >= 0.5 and risk["enduse:f-35"] >= 0.5 and risk["enduse:guided-missile"] > 0.25, risk
    assert "every grade" in scenario["modelled"][0]["note"], "the grade assumption an expert would question is stated"
    assert not any(m in scenario["restricted"] for m in ("material:ce-oxide", "material:la-oxide", "material:rare-earth-polishing-powder"))
    categories = {n for n, d in _graph().nodes(data=True) if d.get("category")}
    assert not any(set(e["path"]) & categories for e in scenario["end_uses"]), "a category is never on a scenario path"


def test_removing_lynas_hits_what_it_operates_today_and_lists_its_planned_plant_apart():
    scenario = _report(scenarios=("remove org:lynas",))["scenario"]
    assert "facility:lynas-malaysia-heavy-re-plant" not in scenario["removed"]
    assert "facility:lynas-malaysia-heavy-re-plant" in {r["producer"] for r in scenario["pipeline"]}
    assert {"facility:mount-weld-mine", "facility:lynas-malaysia-gebeng"} & set(scenario["removed"])
    assert all("facility:lynas-malaysia-heavy-re-plant" not in e["path"] for e in scenario["end_uses"])
    assert max(e["share_at_risk"] for e in scenario["end_uses"]) < 0.5, "Lynas is a minor share of world supply"


def test_a_scenario_loss_that_rests_on_equal_splits_says_so():
    """'remove org:lynas' cost samarium oxide, NdPr oxide and ceria 10 %, read as a measured share: Kalgoorlie is one of
    the 2 known makers of mixed carbonate (no figures: half) and the carbonate one of 5 inputs of separation (no shares:
    a fifth). No operating Lynas plant makes samarium oxide. The path now names both splits; a loss weighed by stated
    shares names none."""
    lynas = _report(scenarios=("remove org:lynas",))
    aerospace = next(e for e in lynas["scenario"]["end_uses"] if e["id"] == "enduse:aerospace-systems")
    # 1/2 x 1/5 through the carbonate, and since session 15 Mount Weld's Australia (7.44 % of mine production, through
    # the chloride) a fifth more: (0.5 + 0.0744) / 5
    assert aerospace["share_at_risk"] == pytest.approx(0.11488) and "material:sm-oxide" in aerospace["path"]
    assert [(a["material"], a["source"], a["rule"], a["of"]) for a in aerospace["assumed"]] == [
        ("material:mixed-rare-earth-carbonate", "facility:lynas-kalgoorlie", "equal split", 2),
        ("material:sm-oxide", "material:mixed-rare-earth-carbonate", "equal parts", 5)]
    text = " ".join(render_report(lynas).split())
    # steelmaking's 7.4 % is Mount Weld's part of Australia's stated share (session 15): no split decides it
    assert "23 of 32 end uses lose supply" in text and "The loss of 22 of them rests on equal splits where the data gives" in text
    assert ("(no figures: Mixed rare-earth carbonate taken as made by its 2 known producers (in AU, US) equally; Mixed rare-earth "
            "carbonate taken as 1 of 5 inputs of Samarium oxide in equal parts)") in text
    china = _report(scenarios=("remove country:CN",))["scenario"]["end_uses"]
    missile = next(e for e in china if e["id"] == "enduse:guided-missile")
    assert missile["path"][:2] == ["country:CN", "material:sm-metal"] and missile["assumed"] == []  # the NYT's stated share
    assert all(e["assumed"] == [] for e in china if not e["path"])
    # where every alternative loses alike the split decides nothing: restricting Dy and Tb from China cuts Dy metal, Tb
    # metal and NdFeB alloy, the three inputs of high-temperature magnets, by the same 99 % (6 of 13 were flagged)
    dytb = _report(scenarios=("restrict element:Dy,element:Tb by country:CN",))["scenario"]["end_uses"]
    assert [e["id"] for e in dytb if e["assumed"]] == [] and max(e["share_at_risk"] for e in dytb) == pytest.approx(0.99)
    sole = {e["id"]: e["assumed"] for e in china if e["assumed"]}  # a sole known maker taken for the world
    assert [(a["rule"], a["of"]) for a in sole["enduse:glass-polishing"]] == [("equal split", 1)]


def test_the_policies_that_restrict_most_of_the_supply_flow_come_first():
    """By name, the policies section opened with graphite, gallium and two DFARS rules and put No. 18 among '18 more'.
    In-force rules now come by how many materials of the supply flow they restrict (`catches`), a control on exporting
    technology (which stops no shipment) after those that stop shipments."""
    report = _report()
    catches = {p["id"]: p["catches"] for p in report["policies"]}
    assert catches["policy:mofcom-gac-2025-18"] > catches["policy:mofcom-gac-2023-graphite"] == 1
    text = render_report(report, top=5)
    section = text[text.index("Policies on"):text.index("Assumptions")]
    shown = [" ".join(item.split()) for item in section.split("\n- ")[1:]]
    assert len(shown) == 5 and any("No. 18 [2025]" in line for line in shown[:2]), shown
    assert not any("graphite" in line or "Catalogue of Technologies" in line for line in shown), shown


def test_kalgoorlie_supplies_nothing_before_its_first_carbonate():
    """As of 2020 Kalgoorlie (first output mid-2024) counted as a maker of mixed carbonate, and removing Lynas cost
    every separated oxide 10 % through it; now it is a planned plant then, and nothing Lynas runs carries a figure."""
    early = _report(as_of="2020-01-01", scenarios=("remove org:lynas",))
    assert "facility:lynas-kalgoorlie" in {r["producer"] for r in early["pipeline"]}
    # what is lost then is Mount Weld's part of Australia's mine production (session 15), through no carbonate
    assert early["scenario"]["materials"]["material:rare-earth-mine-production"] > 0
    assert all(e["path"][0] == "facility:mount-weld-mine" for e in early["scenario"]["end_uses"] if e["share_at_risk"])
    assert "facility:lynas-kalgoorlie" in _report(scenarios=("remove org:lynas",))["scenario"]["removed"]


def test_planned_plants_are_named_without_a_state_and_the_lynas_expansion_has_its_sourced_start():
    """A name saying '(planned)' goes stale once the lifecycle moves on ('... plant (planned): commissioning'); the
    Lynas expansion's full range is due two years after its first samarium (SMM, October 2025): 2028, not 'no date'."""
    pipeline = _report()["pipeline"]
    assert not [r["name"] for r in pipeline if "planned" in r["name"]]
    lynas = [r for r in pipeline if r["producer"] == "facility:lynas-malaysia-heavy-re-plant"]
    assert lynas and {(r["state"], r["expected"]) for r in lynas} == {("commissioning", "2028")}


def test_the_lynas_expansion_would_make_dysprosium_and_terbium_oxide():
    """Dy and Tb are the point of the Malaysian heavy rare-earth expansion: its initial flowsheet is Sm, Gd, Dy, Tb, Y
    and Lu (Australian Mining Review, October 2025); the pipeline line named the other four and left them out."""
    made = {r["material"] for r in _report()["pipeline"] if r["producer"] == "facility:lynas-malaysia-heavy-re-plant"}
    assert {"material:dy-oxide", "material:tb-oxide", "material:sm-oxide", "material:gd-oxide", "material:y-oxide",
            "material:lu-oxide"} <= made  # fmt: skip
    text = " ".join(render_report(_report(), width=400).split())
    line = text[text.index("Lynas Malaysia heavy rare-earth separation expansion"):][:500]
    assert "Dysprosium oxide" in line and "Terbium oxide" in line


def test_the_mined_material_is_named_as_a_product_and_keeps_its_id():
    """'Round Top ... would make Rare-earth mine production (mineral concentrate)' read as if a mine made a statistic:
    the material is the concentrate; its id (a key in people's scripts) and its old name (an alias) stay."""
    node = _graph().nodes[MINE]
    assert node["name"] == "Rare-earth concentrate (mine production)"
    assert "Rare-earth mine production (mineral concentrate)" in node["aliases"]
    text = " ".join(render_report(_report(), width=400).split())
    line = text[text.index("Round Top rare earth project"):][:300]
    assert "would make Rare-earth concentrate (mine production)" in line


def test_a_pipeline_line_lists_what_a_plant_would_make_by_name_and_its_category_last():
    text = " ".join(render_report(_report(), width=400).split())
    assert ("would make Dysprosium oxide, Gadolinium oxide, Lutetium oxide, Samarium oxide, Terbium oxide, Yttrium oxide, "
            "Separated heavy rare-earth oxides") in text  # fmt: skip


def test_china_is_listed_among_the_countries_that_mine_ion_adsorption_clays():
    """The clays were listed as mined by Myanmar and by Chinese groups, not by China: 'controlled by: Myanmar
    (produces); China Rare Earth Group ...' (China's 2024 quota gave 10,140 t of ion-adsorption mining, Fastmarkets)."""
    row = next(r for r in _report()["concentration"] if r["subject"] == "material:ionic-clay-rare-earths" and r["basis"] == "countries")
    assert row["producers"] == 2 and row["hhi"] is None  # China and Myanmar, no figure for either
    clay = next(r for r in _report()["chokepoints"] if r["id"] == "material:ionic-clay-rare-earths")
    assert [c["name"] for c in clay["controlled_by"] if c["label"] == "Country"] == ["China", "Myanmar"]


def test_chinas_technology_export_bans_stop_no_shipment():
    """The 2023 catalogue and No. 62 control know-how, not material: applied, they took 100 % of aerospace supply."""
    for policy in ("policy:tech-export-catalogue-2023", "policy:mofcom-2025-62"):
        scenario = _report(scenarios=(f"apply {policy}",))["scenario"]
        assert not [e for e in scenario["end_uses"] if e.get("share_at_risk") or e.get("share_delayed")], policy
        assert scenario["modelled"][0]["as"] == "none"


def test_the_mp_heavy_circuit_would_make_the_dysprosium_and_terbium_its_capacity_counts():
    """Its capacity is '200 t/yr of Dy and Tb oxides combined'; a pipeline line that printed that figure beside 'would
    make Samarium oxide, Separated heavy rare-earth oxides' named neither oxide it counts."""
    made = {r["material"] for r in _report()["pipeline"] if r["producer"] == "facility:mp-heavy-re-separation"}
    assert {"material:dy-oxide", "material:tb-oxide"} <= made
    text = " ".join(render_report(_report(), width=400).split())
    line = text[text.index("MP Materials heavy rare-earth separation circuit"):][:400]
    assert "Dysprosium oxide" in line and "Terbium oxide" in line


def test_the_lapsed_suspensions_read_as_ended_and_unconfirmed():
    policies = {p["id"]: p for p in _report()["policies"]}
    no61 = policies["policy:mofcom-2025-61"]
    assert (no61["state"], no61["ended"]) == ("in_force", "2026-11-10") and no61["unconfirmed_since"]
    before = {p["id"]: p for p in _report(as_of="2026-06-30")["policies"]}["policy:mofcom-2025-61"]
    assert before["state"] == "suspended" and before["suspended_until"] == "2026-11-10"


def test_chinas_whole_samarium_metal_figure_names_the_british_plant_it_leaves_no_share_for():
    """The NYT's 'entire world's supply' beside Less Common Metals' samarium metal: the report says they disagree."""
    report = _report()
    row = next(r for r in report["concentration"] if r["subject"] == "material:sm-metal" and r["basis"] == "countries")
    assert (row["top_id"], row["top_share"]) == ("country:CN", 1.0)
    assert row["no_share_for"] == [{"id": "facility:lcm-ellesmere-port", "name": "Less Common Metals Ellesmere Port plant", "country": "GB"}]
    assert [r["subject"] for r in report["concentration"] if r["no_share_for"]] == ["material:sm-metal"]
    text = " ".join(render_report(report, width=100, top=5).split())
    assert "Samarium metal: China holds 100.0% of world output (yet the data lists 1 producer outside China)" in text
    assert "the figure leaves no share for 1 listed producer outside China: Less Common Metals Ellesmere Port plant (GB)" in text


def test_sintered_ndfeb_keeps_its_2017_category_figure_and_names_the_newer_iea_one():
    """No newer share for NdFeB magnets was found; the member takes its most specific category's (2017) and the report
    names the IEA's 2025 figure for rare-earth permanent magnets beside it; end uses mark a category's figure."""
    report = _report()
    row = next(r for r in report["concentration"] if r["subject"] == "material:sintered-ndfeb-magnet" and r["basis"] == "countries")
    assert (row["inherited_from"], row["year"], row["top_share"]) == ("material:ndfeb-magnet", 2017, 0.9)
    newer = row["newer_figure"]
    assert (newer["category"], newer["edition"], newer["year"], newer["top_share"]) == (
        "material:rare-earth-permanent-magnet", "IEA commentary 2025-10-23", 2025, 0.94)
    inputs = {c["id"]: c for e in report["end_uses"] if e["id"] == "enduse:f-35" for c in e["concentrated_inputs"]}
    assert inputs["material:smco-magnet"]["inherited_from"] == "material:rare-earth-permanent-magnet"
    assert [o["id"] for o in inputs["material:sm-metal"]["no_share_for"]] == ["facility:lcm-ellesmere-port"]


def test_heavy_rare_earth_oxides_take_the_heavy_figure_not_the_all_rare_earth_separation_share():
    """China's 91 % (IEA) is its share of all rare-earth separation, mostly light rare earths; the heavy oxides take
    the heavy-specific ~99 % stored on their narrower category, and the report names that category beside it."""
    report = _report()
    rows = {r["subject"]: r for r in report["concentration"] if r["basis"] == "countries"}
    for oxide in ("dy-oxide", "tb-oxide", "gd-oxide", "y-oxide", "lu-oxide"):
        row = rows[f"material:{oxide}"]
        assert (row["inherited_from"], row["top_id"], row["top_share"], row["edition"]) == (
            "material:heavy-rare-earth-oxides", "country:CN", 0.99, "Rare Earth Exchanges (Aug 2025)"), oxide
        assert row["no_share_for"] == []  # 1 % left: room for Lynas Malaysia's Dy and Tb
    light = rows["material:nd-oxide"]
    assert (light["inherited_from"], light["top_share"]) == ("material:separated-rare-earth-oxides", 0.91)
    text = " ".join(render_report(report, width=200, top=30).split())
    assert "fed by Dysprosium oxide China 99.0% (the figure for Separated heavy rare-earth oxides)" in text


def test_the_quota_list_hhi_names_its_population():
    row = next(r for r in _report()["concentration"] if r["subject"] == MINE and r["basis"] == "organisations")
    assert "quota list" in row["population"] and "of world output" in row["population"], row["population"]
    world = next(r for r in _report()["concentration"] if r["subject"] == MINE and r["basis"] == "countries")
    assert world["population"] == "world output"


def test_the_department_of_defense_holds_a_stake_in_mp_materials_and_controls_nothing():
    report = _report()
    entries = [c for r in report["chokepoints"] for c in r["controlled_by"] if c["id"] == "org:us-dod"]
    assert entries and all(c["via"] == "holds 15 % of MP Materials" for c in entries), entries
    scenario = _report(scenarios=("remove org:us-dod",))["scenario"]
    assert scenario["removed"] == [] and max(e["share_at_risk"] for e in scenario["end_uses"]) == 0.0
    assert "holds 15 % of MP Materials" in scenario["notes"][0]


def test_planned_capacity_and_dated_rules_change_by_mid_2027():
    now, later = _report(), _report(as_of="2027-06-30")
    policies = {p["id"]: p for p in later["policies"]}
    dfars = [p for i, p in policies.items() if "7052" in p["name"]]
    assert dfars and any(p["in_force"] for p in dfars), "DFARS 252.225-7052 takes effect on 1 January 2027"
    assert not any(p["in_force"] for p in now["policies"] if "7052" in p["name"] and (p.get("since") or "") >= "2027")


def test_smco_magnets_are_a_single_point_of_failure_for_defence_end_uses():
    dominated = {e["id"] for e in _report()["end_uses"] if "material:smco-magnet" in (e["dominators"] or [])}
    assert {"enduse:electronic-countermeasures", "enduse:tank-navigation-system", "enduse:travelling-wave-tube"} <= dominated
    row = next(r for r in _report()["chokepoints"] if r["id"] == "material:smco-magnet")
    assert "all supply paths to" in row["reason"] and row["sources"]


def test_remove_china_puts_the_defence_end_uses_at_risk_along_a_path_from_china():
    scenario = _report(scenarios=("remove country:CN",))["scenario"]
    missile = next(e for e in scenario["end_uses"] if e["id"] == "enduse:guided-missile")
    assert missile["share_at_risk"] >= 0.9, missile
    assert missile["path"][-1] == "enduse:guided-missile"
    assert scenario["materials"][MINE] == pytest.approx(0.6923, abs=1e-4), "China's MCS 2026 share of 2025 mine output"


def test_apply_the_april_2025_export_control():
    policies = [n for n, d in _graph().nodes(data=True) if d.get("label") == "Policy" and "No. 18" in (d.get("name") or "")]
    assert policies, "the dataset should hold MOFCOM/GAC Announcement No. 18"
    scenario = _report(scenarios=(f"apply policy:{policies[0].split(':', 1)[1]}",))["scenario"]
    assert "material:dy-oxide" in scenario["restricted"] and scenario["restricted"]["material:dy-oxide"] == ["CN"]


def test_demo_ends_with_the_chokepoint_report(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("Chokepoints (", 1)
    assert len(tail) == 2, "demo should end with the chokepoint report"
    assert "Concentration" in tail[1] and "HHI" in tail[1]


def test_element_content_is_given_where_sourced():
    motor = next(e for e in _report()["end_uses"] if e["id"] == "enduse:ev-traction-motor")
    dy = next(d for d in motor["elements"] if d["element"] == "Dy")
    content = {c["material"]: c["mass_fraction"] for c in dy["content"]}
    assert content.get("material:ht-sintered-ndfeb-magnet") == pytest.approx(0.10)

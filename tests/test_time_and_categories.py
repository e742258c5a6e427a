"""Issue 11 on small hand-made graphs: time (as-of date, pipeline, lapsed suspensions), categories, stakes vs control.

Each graph is built so that the right answer is known by hand.
"""

import networkx as nx

from supplygraph.graph.analyses.chokepoints import chokepoint_report
from supplygraph.graph.views.report import render_report
from supplygraph.graph.analyses.concentration import concentration
from supplygraph.graph.analyses.flow import supply_flow


def plant_graph() -> nx.MultiDiGraph:
    """An operating plant in China and a planned one in Australia (expected 2028), both making one oxide for one end use."""
    G = nx.MultiDiGraph()
    G.add_node("country:CN", label="Country", name="China", iso2="CN")
    G.add_node("country:AU", label="Country", name="Australia", iso2="AU")
    G.add_node("org:lynas", label="Company", name="Lynas", country="AU")
    G.add_node("facility:cn-plant", label="Facility", name="CN plant", country="CN", lifecycle=["operating since 2015"])
    G.add_node("facility:au-plant", label="Facility", name="AU plant", country="AU",
               lifecycle=["announced since 2024-05", "operating since 2028 expected per doc:plan"])
    G.add_node("material:ox", label="Material", name="oxide", stage="separation", elements=["Dy"])
    G.add_node("enduse:motor", label="EndUse", name="motor")
    G.add_edge("org:lynas", "facility:au-plant", type="OPERATES", sources=["doc:plan"])
    G.add_edge("facility:cn-plant", "material:ox", type="PRODUCES", capacity_t=1000.0, sources=["doc:a"])
    G.add_edge("facility:au-plant", "material:ox", type="PRODUCES", capacity_t=1000.0, sources=["doc:plan"])
    G.add_edge("material:ox", "enduse:motor", type="USED_IN", sources=["doc:a"])
    return G


def test_a_planned_plant_supplies_nothing_before_its_start_and_its_share_after():
    before = supply_flow(plant_graph(), as_of="2026-12-06")
    assert "facility:au-plant" not in before
    assert [(r["producer"], r["material"], r["state"], r["expected"]) for r in before.graph["pipeline"]] == [
        ("facility:au-plant", "material:ox", "announced", "2028")]
    assert before["facility:cn-plant"]["material:ox"]["weight"] == 1.0
    after = supply_flow(plant_graph(), as_of="2028-06-30")
    assert after.graph["pipeline"] == []
    # both operate, both with 1,000 t/yr: weighed by capacity, half each
    assert after["facility:au-plant"]["material:ox"]["weight"] == 0.5
    assert after.nodes["material:ox"]["vintages"]["organisations"]["weights"] == "share of listed capacity"


def test_removing_the_operator_of_a_planned_plant_removes_nothing_before_it_starts():
    early = chokepoint_report(plant_graph(), as_of="2026-12-06", scenarios=["remove country:AU"], betweenness=False)
    assert early["scenario"]["end_uses"][0]["share_at_risk"] == 0.0
    assert early["pipeline"][0]["controlled_by"] == ["org:lynas"]
    late = chokepoint_report(plant_graph(), as_of="2028-06-30", scenarios=["remove country:AU"], betweenness=False)
    assert late["scenario"]["end_uses"][0]["share_at_risk"] == 0.5


def suspension_graph() -> nx.MultiDiGraph:
    G = plant_graph()
    G.add_node("doc:notice", label="Document", name="notice", published="2025-11-08")
    G.add_node("policy:p", label="Policy", name="Control P", country="CN", measure="licensing",
               lifecycle=["in_force since 2025-10-09", "suspended since 2025-11-07 until 2026-11-10 per doc:notice"])
    G.add_edge("policy:p", "element:Dy", type="RESTRICTS", sources=["doc:notice"])
    return G


def test_a_lapsed_suspension_reads_as_ended_in_force_again_and_unconfirmed():
    F = supply_flow(suspension_graph(), as_of="2026-12-06")
    policy = F.graph["policies"]["policy:p"]
    assert (policy["state"], policy["in_force"], policy["ended"]) == ("in_force", True, "2026-11-10")
    assert policy["unconfirmed_since"] == "2025-11-08"  # the newest source says nothing after the suspension
    assert F.nodes["material:ox"]["restrictions"] == [{"policy": "policy:p", "caught_by": "Dy"}]
    during = supply_flow(suspension_graph(), as_of="2026-01-01").graph["policies"]["policy:p"]
    assert (during["state"], during["in_force"], during["ended"], during["suspended_until"]) == ("suspended", False, None, "2026-11-10")


def test_the_report_says_it_took_a_lapsed_suspension_as_ended():
    """The data cannot say a suspension was not extended: the report names the assumption, and only once it has lapsed."""
    assumed = {row["kind"]: row for row in supply_flow(suspension_graph(), as_of="2026-12-06").graph["assumptions"]}
    assert assumed["suspension_lapsed"]["count"] == 1
    assert "Control P: suspended until 2026-11-10" in assumed["suspension_lapsed"]["text"]
    during = supply_flow(suspension_graph(), as_of="2026-01-01").graph["assumptions"]
    assert "suspension_lapsed" not in {row["kind"] for row in during}


def category_graph() -> nx.MultiDiGraph:
    """'Magnets' is a category of NdFeB and SmCo magnets; the data states a producer and a use about the category only."""
    G = nx.MultiDiGraph()
    for code in ("CN", "JP"):
        G.add_node(f"country:{code}", label="Country", name=code, iso2=code)
    G.add_node("material:magnets", label="Material", name="magnets", stage="magnet", category=True)
    G.add_node("material:ndfeb", label="Material", name="NdFeB magnet", stage="magnet", elements=["Nd", "Fe", "B"])
    G.add_node("material:smco", label="Material", name="SmCo magnet", stage="magnet", elements=["Sm", "Co"])
    G.add_node("material:ore", label="Material", name="ore", stage="mining", elements=["Nd", "Sm"])
    G.add_node("enduse:motor", label="EndUse", name="motor")
    G.add_node("enduse:missile", label="EndUse", name="missile")
    G.add_edge("material:ndfeb", "material:magnets", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("material:smco", "material:magnets", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("country:CN", "material:magnets", type="PRODUCES", share=0.9, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("country:JP", "material:ndfeb", type="PRODUCES", share=0.4, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("country:CN", "material:ndfeb", type="PRODUCES", share=0.6, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("country:CN", "material:ore", type="PRODUCES", share=1.0, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("material:ore", "material:magnets", type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:magnets", "enduse:motor", type="USED_IN", sources=["doc:a"])
    G.add_edge("material:smco", "enduse:missile", type="USED_IN", sources=["doc:a"])
    G.add_edge("material:magnets", "enduse:missile", type="USED_IN", sources=["doc:a"])
    return G


def test_a_category_stays_out_of_the_flow_and_a_member_inherits_only_what_it_lacks():
    F = supply_flow(category_graph(), as_of="2026-12-06")
    assert "material:magnets" not in F
    # SmCo has no producer of its own: it inherits the category's, marked; NdFeB keeps its own 60/40
    assert F["country:CN"]["material:smco"]["inherited"] == "material:magnets"
    assert F.nodes["material:smco"]["vintages"]["countries"]["inherited"] == "material:magnets"
    assert F["country:CN"]["material:ndfeb"]["weight"] == 0.6 and "inherited" not in F["country:CN"]["material:ndfeb"]
    # the ore fed the category: it feeds both members (neither has an input of its own)
    assert F["material:ore"]["material:ndfeb"]["inherited"] == "material:magnets"
    # the motor uses 'magnets': any member serves (alternatives); the missile already takes SmCo directly
    assert F["material:ndfeb"]["enduse:motor"]["group"] == "material:magnets"
    assert set(F.pred["enduse:missile"]) == {"material:smco"}
    # the category's own figure stays in the concentration table
    table = concentration(F)
    rows = {(r["subject"], r["basis"]): r for r in table}
    assert rows[("material:magnets", "countries")]["category"] is True
    # a category's rows and the materials' are made apart: the same keys in the same order (one JSON template)
    assert len({tuple(r) for r in table}) == 1
    assert rows[("material:smco", "countries")]["inherited_from"] == "material:magnets"
    assert "inherited from magnets" in rows[("material:smco", "countries")]["population"]


def test_an_inherited_figure_names_a_newer_one_of_a_broader_category():
    """Sintered NdFeB stands under 'NdFeB magnets' (China 90 %, 2017) and, through it, under 'magnets' (China 94 %, 2025): it
    takes the most specific category's figure, and the report names the newer one beside it; SmCo, under 'magnets'
    only, has the newest figure already."""
    G = nx.MultiDiGraph()
    G.add_node("country:CN", label="Country", name="China", iso2="CN")
    G.add_node("enduse:motor", label="EndUse", name="motor")
    for m, name in (("magnets", "magnets"), ("ndfeb", "NdFeB magnets")):
        G.add_node(f"material:{m}", label="Material", name=name, stage="magnet", category=True)
    for m, name in (("sintered", "Sintered NdFeB"), ("smco", "SmCo magnet")):
        G.add_node(f"material:{m}", label="Material", name=name, stage="magnet")
        G.add_edge(f"material:{m}", "enduse:motor", type="USED_IN", sources=["doc:a"])
    G.add_edge("material:sintered", "material:ndfeb", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("material:ndfeb", "material:magnets", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("material:smco", "material:magnets", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("country:CN", "material:ndfeb", type="PRODUCES", share=0.9, year=2017, edition="MM", sources=["doc:a"])
    G.add_edge("country:CN", "material:magnets", type="PRODUCES", share=0.94, year=2025, edition="IEA", sources=["doc:a"])
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    rows = {(r["subject"], r["basis"]): r for r in report["concentration"]}
    sintered = rows["material:sintered", "countries"]
    assert (sintered["inherited_from"], sintered["year"]) == ("material:ndfeb", 2017)  # the rule stays: the most specific
    assert sintered["newer_figure"] == {"category": "material:magnets", "name": "magnets", "edition": "IEA", "year": 2025,
                                        "top_id": "country:CN", "top_name": "China", "top_share": 0.94}  # fmt: skip
    assert rows["material:smco", "countries"]["newer_figure"] is None
    assert rows["material:magnets", "countries"]["newer_figure"] is None
    reason = next(r for r in report["chokepoints"] if r["id"] == "material:sintered")["reason"]
    assert ("China 90% (the figure of NdFeB magnets, which it stands under); a newer figure stands for magnets, which it "
            "also stands under: China 94% (IEA, 2025)") in reason  # fmt: skip
    inherited = next(a for a in report["assumptions"] if a["kind"] == "inherited")
    assert "its most specific category with figures, whatever the date of a broader one's" in inherited["text"]


def test_no_cut_or_scenario_path_names_a_category():
    report = chokepoint_report(category_graph(), as_of="2026-12-06", scenarios=["remove country:CN"], betweenness=False)
    named = {n for e in report["end_uses"] for n in (e["dominators"] + (e["min_cut"] or []))}
    named |= {n for e in report["scenario"]["end_uses"] for n in e["path"]}
    named |= {r["id"] for r in report["chokepoints"]}
    assert "material:magnets" not in named
    for end_use in report["end_uses"]:
        cut = end_use["min_cut"] or []
        assert len(cut) == len(set(cut))


def stake_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("org:mp", label="Company", name="MP Materials", country="US")
    G.add_node("org:dod", label="GovernmentBody", name="Department of Defense", country="US")
    G.add_node("org:parent", label="Company", name="Parent", country="US")
    G.add_node("org:sub", label="Company", name="Sub", country="US")
    G.add_node("material:ore", label="Material", name="ore", stage="mining")
    G.add_node("enduse:magnet-use", label="EndUse", name="use")
    G.add_edge("org:dod", "org:mp", type="HOLDS_STAKE_IN", stake=0.15, sources=["doc:a"])
    G.add_edge("org:sub", "org:parent", type="SUBSIDIARY_OF", stake=0.6, sources=["doc:a"])
    G.add_edge("org:mp", "material:ore", type="PRODUCES", volume_t=50.0, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("org:sub", "material:ore", type="PRODUCES", volume_t=50.0, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("material:ore", "enduse:magnet-use", type="USED_IN", sources=["doc:a"])
    return G


def test_a_minority_stake_is_no_parent_and_carries_no_removal():
    F = supply_flow(stake_graph(), as_of="2026-12-06")
    assert F.nodes["org:mp"]["controlled_by"] == []
    assert F.nodes["org:mp"]["stakes"] == [{"owner": "org:dod", "owned": "org:mp", "stake": 0.15}]
    assert [c for c, _ in F.nodes["org:sub"]["controlled_by"]] == ["org:parent"]
    report = chokepoint_report(stake_graph(), as_of="2026-12-06", scenarios=["remove org:parent"], betweenness=False)
    assert report["scenario"]["end_uses"][0]["share_at_risk"] == 0.5


def test_figures_are_chosen_by_vintage_not_after_the_as_of_date():
    G = nx.MultiDiGraph()
    G.add_node("country:CN", label="Country", name="China", iso2="CN")
    G.add_node("material:ore", label="Material", name="ore", stage="mining")
    G.add_edge("country:CN", "material:ore", type="PRODUCES", share=0.6, year=2024, edition="MCS 2025", sources=["doc:a"])
    G.add_edge("country:CN", "material:ore", type="PRODUCES", share=0.7, year=2025, edition="MCS 2026", sources=["doc:b"])
    assert supply_flow(G, as_of="2025-06-30").nodes["material:ore"]["vintages"]["countries"]["edition"] == "MCS 2025"
    assert supply_flow(G, as_of="2026-12-06").nodes["material:ore"]["vintages"]["countries"]["edition"] == "MCS 2026"


def element_graph() -> nx.MultiDiGraph:
    """A mixed concentrate (Ce and Dy) from China and Australia is separated into Ce oxide and Dy oxide; NdFeB needs Dy oxide."""
    G = nx.MultiDiGraph()
    for code in ("CN", "AU"):
        G.add_node(f"country:{code}", label="Country", name=code, iso2=code)
    G.add_node("material:mix", label="Material", name="mixed concentrate", stage="separation", elements=["Ce", "Dy"])
    G.add_node("material:ce-ox", label="Material", name="Ce oxide", stage="separation", elements=["Ce"])
    G.add_node("material:dy-ox", label="Material", name="Dy oxide", stage="separation", elements=["Dy"])
    G.add_node("material:ndfeb", label="Material", name="NdFeB (Dy-doped)", stage="magnet", elements=["Nd", "Fe", "B", "Dy"])
    G.add_node("enduse:polish", label="EndUse", name="glass polishing")
    G.add_node("enduse:motor", label="EndUse", name="EV motor")
    G.add_edge("country:CN", "material:mix", type="PRODUCES", share=0.8, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("country:AU", "material:mix", type="PRODUCES", share=0.2, year=2025, edition="E", sources=["doc:a"])
    for oxide in ("material:ce-ox", "material:dy-ox"):
        G.add_edge("material:mix", oxide, type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:dy-ox", "material:ndfeb", type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:ce-ox", "enduse:polish", type="USED_IN", sources=["doc:a"])
    G.add_edge("material:ndfeb", "enduse:motor", type="USED_IN", sources=["doc:a"])
    G.add_node("policy:ban", label="Policy", name="Dy ban", country="CN", measure="ban", lifecycle=["in_force since 2025-01-01"])
    G.add_node("policy:licence", label="Policy", name="Dy licence", country="CN", measure="licensing", lead_time_days=45,
               lifecycle=["in_force since 2025-04-04"])
    for policy in ("policy:ban", "policy:licence"):
        G.add_edge(policy, "element:Dy", type="RESTRICTS", sources=["doc:a"])
    return G


def _risk(report: dict, end_use: str, key: str = "share_at_risk") -> float:
    return next(e for e in report["scenario"]["end_uses"] if e["id"] == end_use).get(key, 0.0)


def test_restricting_an_element_leaves_materials_without_it_untouched():
    report = chokepoint_report(element_graph(), as_of="2026-12-06", scenarios=["restrict element:Dy by country:CN"], betweenness=False)
    assert _risk(report, "enduse:polish") == 0.0  # Ce oxide carries no Dy, though its feed does
    assert _risk(report, "enduse:motor") == 0.8  # the Dy-doped magnet loses China's 80 % of the mixed feed
    assert "material:ce-ox" not in report["scenario"]["restricted"]
    assert report["scenario"]["end_uses"][0]["path"][-2:] == ["material:ndfeb", "enduse:motor"]
    # the element catches the magnet that contains it, and the report says which element did
    F = supply_flow(element_graph(), as_of="2026-12-06")
    assert {"policy": "policy:ban", "caught_by": "Dy"} in F.nodes["material:ndfeb"]["restrictions"]
    assert F.nodes["material:ce-ox"]["restrictions"] == []


def test_a_licensing_policy_is_a_delay_and_a_ban_a_loss():
    licence = chokepoint_report(element_graph(), as_of="2026-12-06", scenarios=["apply policy:licence"], betweenness=False)
    assert _risk(licence, "enduse:motor") == 0.0 and _risk(licence, "enduse:motor", "share_delayed") == 0.8
    assert licence["scenario"]["modelled"][0]["as"] == "delay" and licence["scenario"]["modelled"][0]["lead_time_days"] == 45
    ban = chokepoint_report(element_graph(), as_of="2026-12-06", scenarios=["apply policy:ban"], betweenness=False)
    assert _risk(ban, "enduse:motor") == 0.8 and ban["scenario"]["modelled"][0]["as"] == "loss"
    assert _risk(ban, "enduse:polish") == 0.0


def test_an_end_use_of_a_category_is_served_by_any_of_its_members():
    # the motor uses 'magnets': NdFeB or SmCo, in equal parts; SmCo inherits China's 90 % of 'magnets' and loses it
    report = chokepoint_report(category_graph(), as_of="2026-12-06", scenarios=["restrict material:smco by country:CN"], betweenness=False)
    assert _risk(report, "enduse:motor") == 0.45  # (1.0 for NdFeB + 0.1 for SmCo) / 2 survives
    assert _risk(report, "enduse:missile") == 0.9  # the missile needs SmCo itself


def test_a_measure_in_force_until_a_past_date_has_ended_and_catches_nothing():
    G = plant_graph()
    G.add_node("policy:ban", label="Policy", name="Temporary ban", country="CN", measure="ban",
               lifecycle=["in_force since 2025-02 until 2025-10"])
    G.add_edge("policy:ban", "element:Dy", type="RESTRICTS", sources=["doc:a"])
    F = supply_flow(G, as_of="2026-12-06")
    policy = F.graph["policies"]["policy:ban"]
    assert (policy["state"], policy["in_force"], policy["ended"], policy["ended_state"]) == ("expired", False, "2025-10", "in_force")
    assert F.nodes["material:ox"]["restrictions"] == []
    assert supply_flow(G, as_of="2025-06-30").nodes["material:ox"]["restrictions"] == [{"policy": "policy:ban", "caught_by": "Dy"}]


def test_control_holds_between_its_dates():
    """A parent that sold a subsidiary (``until``) no longer controls it; the buyer controls it from its ``since``."""
    G = plant_graph()
    G.add_node("org:old", label="Company", name="Old parent")
    G.add_node("org:new", label="Company", name="New parent")
    G.add_edge("org:lynas", "org:old", type="SUBSIDIARY_OF", until="2025-11-18", sources=["doc:a"])
    G.add_edge("org:lynas", "org:new", type="SUBSIDIARY_OF", since="2025-11-18", sources=["doc:a"])
    late = supply_flow(G, as_of="2028-06-30")
    assert [c for c, _ in late.nodes["facility:au-plant"]["controlled_by"]] == ["org:lynas", "org:new"]
    early = supply_flow(G, as_of="2025-06-30")
    assert "org:old" in early.graph["pipeline"][0]["controlled_by"] and "org:new" not in early.graph["pipeline"][0]["controlled_by"]


def test_a_cancelled_plan_is_not_pipeline():
    G = plant_graph()
    G.nodes["facility:au-plant"]["lifecycle"] = ["announced since 2024-05", "cancelled since 2025-11 per doc:plan"]
    assert supply_flow(G, as_of="2025-06-30").graph["pipeline"][0]["producer"] == "facility:au-plant"
    late = supply_flow(G, as_of="2026-12-06")
    assert late.graph["pipeline"] == [] and "facility:au-plant" not in late


def test_an_expected_start_that_has_passed_is_named_as_begun_not_as_the_plant_s_start():
    """A reader must not take a past construction start for the plant's operating start, printed as ahead elsewhere."""
    G = plant_graph()
    G.nodes["facility:au-plant"]["lifecycle"] = ["construction since 2022-07 expected per doc:plan",
                                                  "operating since 2028 expected per doc:plan"]
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    assert report["pipeline"][0]["state"] == "construction"
    texts = [a["text"] for a in report["assumptions"] if a["kind"] == "expected_reached"]
    assert texts == ["an expected start whose date has passed is taken as reached: 1 facility "
                     "(AU plant: construction expected from 2022-07, doc:plan, taken as begun)"]


def test_a_plant_taken_as_operating_on_a_passed_expected_date_is_named_as_counted_supply():
    """An expected start of operation that has passed puts the plant in the supply flow with no source saying it began:
    the assumptions name each such plant (not one example among construction starts), so the reader can check it."""
    G = plant_graph()
    G.nodes["facility:au-plant"]["lifecycle"] = ["announced since 2022-06", "operating since 2026-06 expected per doc:plan"]
    G.add_node("facility:au-plant-2", label="Facility", name="AU plant 2", country="AU",
               lifecycle=["construction since 2022-07 expected per doc:plan", "operating since 2028 expected per doc:plan"])
    G.add_edge("facility:au-plant-2", "material:ox", type="PRODUCES", sources=["doc:plan"])
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    rows = {a["kind"]: a for a in report["assumptions"]}
    assert rows["expected_reached"]["count"] == 2
    assert rows["expected_operating"]["text"] == ("of these, taken as operating and so counted as supply, though no source in the "
                                                  "data says they began: 1 facility (AU plant: expected from 2026-06, doc:plan)")
    assert [r["producer"] for r in report["pipeline"]] == ["facility:au-plant-2"]
    early = chokepoint_report(G, as_of="2026-01-01", betweenness=False)
    assert "expected_operating" not in {a["kind"] for a in early["assumptions"]}


def test_the_pipeline_says_what_a_capacity_counts_and_shows_figures_that_disagree():
    """5,000 t/yr of feed is not 5,000 t/yr of oxide: the pipeline prints a capacity's basis where the source gives one,
    and where two sources give the plant different capacities it prints both, each with its edition."""
    G = plant_graph()
    G.add_edge("facility:au-plant", "material:ox", type="PRODUCES", capacity_t=5000.0, basis="heavy rare-earth feed",
               sources=["doc:plan"])
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    assert report["pipeline"][0]["capacity_t"] == 1000.0 and report["pipeline"][0]["capacity_basis"] is None
    assert [(f["capacity_t"], f["basis"]) for f in report["pipeline"][0]["capacities"]] == [(1000.0, None), (5000.0, "heavy rare-earth feed")]
    one = plant_graph()
    one.remove_edges_from([("facility:au-plant", "material:ox")])
    one.add_edge("facility:au-plant", "material:ox", type="PRODUCES", capacity_t=5000.0, basis="heavy rare-earth feed",
                 sources=["doc:plan"])
    text = " ".join(render_report(chokepoint_report(one, as_of="2026-12-06", betweenness=False), width=200).split())
    assert "AU plant (AU, Lynas): announced, expected to operate from 2028, 5,000 t/yr of heavy rare-earth feed; would make oxide" in text
    two = plant_graph()
    two.remove_edges_from([("facility:au-plant", "material:ox")])
    for amount, edition in ((23000.0, "Kallanish, Dec 2024"), (17500.0, "Mining Weekly, Feb 2024")):
        two.add_edge("facility:au-plant", "material:ox", type="PRODUCES", capacity_t=amount, basis="REO", edition=edition,
                     year=2027, sources=["doc:plan"])
    text = " ".join(render_report(chokepoint_report(two, as_of="2026-12-06", betweenness=False), width=200).split())
    assert ("expected to operate from 2028, 17,500 t/yr of REO (Mining Weekly, Feb 2024) or 23,000 t/yr of REO "
            "(Kallanish, Dec 2024); would make oxide") in text


def test_a_plant_whose_sources_date_only_its_commissioning_is_not_said_to_operate_then():
    """Iluka dates Eneabba's commissioning (2027), not its operation: the pipeline says 'expected to begin
    commissioning in 2027', not 'expected to operate from 2027'; a dated operating start still reads as before."""
    G = plant_graph()
    G.nodes["facility:au-plant"]["lifecycle"] = ["construction since 2024-05 per doc:plan", "commissioning since 2027 expected per doc:plan"]
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    assert [(r["state"], r["expected"], r["expected_state"]) for r in report["pipeline"]] == [("construction", "2027", "commissioning")]
    text = " ".join(render_report(report, width=200).split())
    assert "AU plant (AU, Lynas): construction, expected to begin commissioning in 2027, 1,000 t/yr; would make oxide" in text
    planned = chokepoint_report(plant_graph(), as_of="2026-12-06", betweenness=False)
    assert planned["pipeline"][0]["expected_state"] == "operating"
    assert "announced, expected to operate from 2028" in " ".join(render_report(planned, width=200).split())


def test_a_plant_in_commissioning_with_no_date_for_operation_says_which_date_is_missing():
    """MP's heavy circuit: 'commissioning since 2026-06 expected', nothing later. 'Commissioning, no start date' reads as
    if its commissioning were undated (the assumptions name that date); the date missing is the operating one."""
    G = plant_graph()
    G.nodes["facility:au-plant"]["lifecycle"] = ["announced since 2024-05 per doc:plan", "commissioning since 2026-06 expected per doc:plan"]
    text = " ".join(render_report(chokepoint_report(G, as_of="2026-12-06", betweenness=False), width=200).split())
    assert "AU plant (AU, Lynas): commissioning, no operating date in the sources, 1,000 t/yr; would make oxide" in text
    assert "no start date" not in text


def test_production_of_an_element_stays_out_of_the_flow_and_is_said():
    """'Congo mined three quarters of the world's cobalt' names the element, not a form: no guess of the form."""
    G = plant_graph()
    G.add_node("country:CD", label="Country", name="DR Congo", iso2="CD")
    G.add_node("element:Co", label="Element", name="Cobalt", symbol="Co")
    G.add_edge("country:CD", "element:Co", type="PRODUCES", share=0.75, year=2024, sources=["doc:news"], reviewed=False)
    F = supply_flow(G, as_of="2026-12-06")
    assert "element:Co" not in F and "country:CD" not in F
    assert F["facility:cn-plant"]["material:ox"]["weight"] == 1.0  # the rest of the flow as before
    rows = {r["kind"]: r for r in F.graph["assumptions"]}
    assert rows["element_production"]["count"] == 1
    assert "materials: 1 (DR Congo: Cobalt)" in rows["element_production"]["text"]
    report = chokepoint_report(G, as_of="2026-12-06")
    assert any(a["kind"] == "element_production" for a in report["assumptions"])
    assert all(c["id"] != "element:Co" for c in report["chokepoints"])


def category_producer_graph(country_figure: bool = True) -> nx.MultiDiGraph:
    """'Heavy oxides' is a category of Dy oxide and Y oxide. A Malaysian plant is listed for Dy oxide and for the
    category; a Chinese group for the category only; China holds 99 % of the category (when ``country_figure``), or
    is named as making Y oxide with no figure. Y oxide has no organisation of its own: the plant and the group are
    possible producers of it, not equal ones."""
    G = nx.MultiDiGraph()
    for code in ("CN", "MY"):
        G.add_node(f"country:{code}", label="Country", name=code, iso2=code)
    G.add_node("material:heavy", label="Material", name="Heavy oxides", stage="separation", category=True)
    G.add_node("material:dy", label="Material", name="Dy oxide", stage="separation", elements=["Dy"])
    G.add_node("material:y", label="Material", name="Y oxide", stage="separation", elements=["Y"])
    G.add_node("facility:my-plant", label="Facility", name="MY plant", country="MY", status="operating")
    G.add_node("org:cn-group", label="StateOwnedEnterprise", name="CN group", country="CN")
    G.add_node("enduse:laser", label="EndUse", name="laser")
    for member in ("material:dy", "material:y"):
        G.add_edge(member, "material:heavy", type="MEMBER_OF", sources=["doc:a"])
    G.add_edge("facility:my-plant", "material:heavy", type="PRODUCES", capacity_t=1500.0, sources=["doc:a"])
    G.add_edge("org:cn-group", "material:heavy", type="PRODUCES", sources=["doc:a"])
    G.add_edge("facility:my-plant", "material:dy", type="PRODUCES", sources=["doc:a"])
    if country_figure:
        G.add_edge("country:CN", "material:heavy", type="PRODUCES", share=0.99, year=2025, edition="E", sources=["doc:a"])
    else:
        G.add_edge("country:CN", "material:y", type="PRODUCES", sources=["doc:a"])
    G.add_edge("material:y", "enduse:laser", type="USED_IN", sources=["doc:a"])
    G.add_edge("material:dy", "enduse:laser", type="USED_IN", sources=["doc:a"])
    return G


def test_a_category_s_producers_are_possible_producers_of_a_member_not_equal_ones():
    F = supply_flow(category_producer_graph(), as_of="2026-12-06")
    # Y oxide takes over the category's organisations (routes, named as the category's) with no share each
    taken = {p: F[p]["material:y"] for p in ("facility:my-plant", "org:cn-group")}
    assert all(e["inherited"] == "material:heavy" and e["weight"] == 0.0 for e in taken.values()), taken
    assert F.nodes["material:y"]["vintages"]["organisations"]["weights"] == "equal split (no figures)"  # not capacity
    assert F["country:CN"]["material:y"]["weight"] == 0.99  # its shares are the category's country figure
    # Dy oxide's own producer is its own (not the category's) and weighs all of it
    assert F["facility:my-plant"]["material:dy"]["weight"] == 1.0 and "inherited" not in F["facility:my-plant"]["material:dy"]
    assumed = {row["kind"]: row for row in F.graph["assumptions"]}
    assert assumed["category_producers"]["count"] == 1
    assert "Y oxide: 2 listed as producing Heavy oxides" in assumed["category_producers"]["text"]
    row = next(r for r in concentration(F) if (r["subject"], r["basis"]) == ("material:y", "organisations"))
    assert row["population"] == "2 listed as producing Heavy oxides, none known to make this member; no figures"


def test_a_scenario_pools_a_category_s_producers_only_where_the_member_has_no_other():
    """Y oxide has no figure at all: China is named as making it, the category's plant and group only as making the
    category. Removing Malaysia must not take a share of Y oxide (it took half: MY plant and CN group, equal)."""
    report = chokepoint_report(category_producer_graph(country_figure=False), as_of="2026-12-06", betweenness=False,
                               scenarios=["remove country:MY"])  # fmt: skip
    assert report["scenario"]["materials"].get("material:y", 0.0) == 0.0, report["scenario"]["materials"]
    report = chokepoint_report(category_producer_graph(country_figure=False), as_of="2026-12-06", betweenness=False,
                               scenarios=["remove country:CN"])  # fmt: skip
    assert report["scenario"]["materials"]["material:y"] == 1.0


def test_a_scenario_s_equal_pool_counts_an_operator_listed_beside_its_plant_once():
    """The equal split counts an organisation listed beside the plant it operates once (the Assumptions say so); the
    scenario's pool (no figure on any basis) counted both: removing China took 2/3 of the oxide, not 1/2."""
    G = nx.MultiDiGraph()
    for code in ("CN", "MY"):
        G.add_node(f"country:{code}", label="Country", name=code, iso2=code)
    G.add_node("org:op", label="Company", name="Operator", country="CN")
    G.add_node("facility:cn", label="Facility", name="CN plant", country="CN", status="operating")
    G.add_node("facility:my", label="Facility", name="MY plant", country="MY", status="operating")
    G.add_node("material:ox", label="Material", name="oxide", stage="separation", elements=["Nd"])
    G.add_node("enduse:motor", label="EndUse", name="motor")
    G.add_edge("org:op", "facility:cn", type="OPERATES", sources=["doc:a"])
    for producer in ("org:op", "facility:cn", "facility:my"):
        G.add_edge(producer, "material:ox", type="PRODUCES", sources=["doc:a"])
    G.add_edge("material:ox", "enduse:motor", type="USED_IN", sources=["doc:a"])
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False, scenarios=["remove country:CN"])
    assert report["scenario"]["materials"]["material:ox"] == 0.5


def test_capacities_that_count_different_things_are_not_added_in_one_row():
    """5,000 t/yr of heavy rare-earth feed and 1,000 t/yr of oxide are not one measure: weighed by them, the feed plant
    made five sixths of the oxide. The row falls back to an equal split and the Assumptions say why; capacities on one
    stated basis are still added."""
    def graph(basis_b):
        G = plant_graph()
        G.nodes["facility:au-plant"]["lifecycle"] = ["operating since 2020"]
        G.remove_edges_from([(u, "material:ox") for u in ("facility:cn-plant", "facility:au-plant")])
        G.add_edge("facility:cn-plant", "material:ox", type="PRODUCES", capacity_t=5000.0, basis="heavy rare-earth feed", sources=["doc:a"])
        G.add_edge("facility:au-plant", "material:ox", type="PRODUCES", capacity_t=1000.0, sources=["doc:a"], **({"basis": basis_b} if basis_b else {}))
        return G

    mixed = supply_flow(graph(None), as_of="2026-12-06")
    assert mixed.nodes["material:ox"]["vintages"]["organisations"]["weights"] == "equal split (no figures)"
    assert mixed["facility:cn-plant"]["material:ox"]["weight"] == mixed["facility:au-plant"]["material:ox"]["weight"] == 0.5
    assumed = {row["kind"]: row["text"] for row in mixed.graph["assumptions"]}
    assert "oxide: heavy rare-earth feed and not stated" in assumed["capacity_bases"]
    text = " ".join(render_report(chokepoint_report(graph(None), as_of="2026-12-06", betweenness=False), width=400).split())
    assert "capacities that count different things (feed and product" in text
    same = supply_flow(graph("heavy rare-earth feed"), as_of="2026-12-06")
    assert same.nodes["material:ox"]["vintages"]["organisations"]["weights"] == "share of listed capacity"
    assert same["facility:cn-plant"]["material:ox"]["weight"] == 5000 / 6000
    assert "capacity_bases" not in {row["kind"] for row in same.graph["assumptions"]}


def test_an_end_use_s_element_lines_name_materials_and_lead_with_the_element_its_chain_carries():
    """SmCo missiles: samarium runs through Sm oxide, Sm metal and the magnet; the magnet also holds cobalt and some
    gadolinium. The lines named materials by id fragments ('Sm (sm-oxide, sm-metal, ...)') and came by symbol (Co and
    Gd shown, Sm under 'also restricted'); a measure taken as in force again on a lapsed suspension came before the
    one in force on its own dates."""
    G = nx.MultiDiGraph()
    G.add_node("country:CN", label="Country", name="China", iso2="CN")
    G.add_node("country:CD", label="Country", name="DR Congo", iso2="CD")
    for symbol, group in (("Sm", "light"), ("Gd", "heavy"), ("Co", None)):
        G.add_node(f"element:{symbol}", label="Element", symbol=symbol, name=symbol, **({"group": group} if group else {}))
    G.add_node("material:sm-oxide", label="Material", name="Samarium oxide", stage="separation", elements=["Sm"])
    G.add_node("material:sm-metal", label="Material", name="Samarium metal", stage="metal", elements=["Sm"])
    G.add_node("material:co-metal", label="Material", name="Cobalt metal", stage="metal", elements=["Co"])
    G.add_node("material:smco", label="Material", name="Samarium-cobalt magnet", stage="magnet", elements=["Sm", "Co", "Gd"])
    G.add_node("enduse:missile", label="EndUse", name="missile", sector="defense")
    G.add_edge("country:CN", "material:sm-oxide", type="PRODUCES", share=0.99, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("country:CD", "material:co-metal", type="PRODUCES", share=0.7, year=2025, edition="E", sources=["doc:a"])
    G.add_edge("material:sm-oxide", "material:sm-metal", type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:sm-metal", "material:smco", type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:co-metal", "material:smco", type="INPUT_TO", sources=["doc:a"])
    G.add_edge("material:smco", "enduse:missile", type="USED_IN", sources=["doc:a"])
    G.add_node("doc:notice", label="Document", name="notice", published="2025-11-08")
    G.add_node("policy:a-61", label="Policy", name="No. 61", country="CN", measure="licensing",
               lifecycle=["in_force since 2025-10-09", "suspended since 2025-11-07 until 2026-11-10 per doc:notice"])
    G.add_node("policy:b-18", label="Policy", name="No. 18", country="CN", measure="licensing", lifecycle=["in_force since 2025-04-04"])
    G.add_node("policy:quota", label="Policy", name="DRC quota", country="CD", measure="quota", lifecycle=["in_force since 2025-10-16"])
    for policy, symbols in (("policy:a-61", ("Sm", "Gd")), ("policy:b-18", ("Sm", "Gd")), ("policy:quota", ("Co",))):
        for symbol in symbols:
            G.add_edge(policy, f"element:{symbol}", type="RESTRICTS", sources=["doc:notice"])
    report = chokepoint_report(G, as_of="2026-12-06", betweenness=False)
    missile = next(e for e in report["end_uses"] if e["id"] == "enduse:missile")
    sm = next(d for d in missile["elements"] if d["element"] == "Sm")
    assert sm["materials"] == ["material:sm-oxide", "material:sm-metal", "material:smco"]
    assert sm["material_names"] == ["Samarium oxide", "Samarium metal", "Samarium-cobalt magnet"]
    assert [d["element"] for d in missile["elements"]] == ["Co", "Gd", "Sm"]  # the JSON keeps its order
    text = " ".join(render_report(report, width=400).split())
    block = text[text.index("missile (enduse:missile"):]
    assert block.index("Sm (Samarium oxide, Samarium metal, Samarium-cobalt magnet): restricted by No. 18; No. 61 (suspension ended") < block.index("Co (Cobalt metal)")
    assert "sm-oxide" not in block


def test_a_control_on_exporting_technology_stops_no_shipment():
    """China's technology-export catalogue names the materials its banned know-how makes; applied as a ban it cut
    every end use downstream (29 of 32 on the demo data, aerospace 100 %). It removes and delays nothing; the
    policies list says what it does, and an element's line does not list it as restricting the element."""
    G = element_graph()
    G.add_node("policy:tech", label="Policy", name="Technology catalogue", country="CN", measure="technology",
               lifecycle=["in_force since 2023-12-21"])
    G.add_edge("policy:tech", "material:dy-ox", type="RESTRICTS", sources=["doc:a"])
    report = chokepoint_report(G, as_of="2026-12-06", scenarios=["apply policy:tech"], betweenness=False)
    assert _risk(report, "enduse:motor") == 0.0 and _risk(report, "enduse:motor", "share_delayed") == 0.0
    assert report["scenario"]["modelled"][0]["as"] == "none" and report["scenario"]["restricted"] == {}
    text = " ".join(render_report(report, width=400).split())
    assert "Technology catalogue: in force since 2023-12-21" in text and "technology: removes no material" in text
    line = text[text.index("Dy (Dy oxide"):]
    assert "restricted by Dy ban; Dy licence" in line[:200] and "Technology catalogue" not in line[:200]


def test_an_assumption_names_the_case_that_shows_it_best():
    """The category-producers row named 'Cerium magnet: 1 listed as producing Rare-earth permanent magnet', the first
    case met; the member with the most producers taken over shows the assumption (first among equals); other kinds
    keep their first example."""
    from supplygraph.graph.analyses.timeline import Assumptions

    assumed = Assumptions()
    for example, rank in (("Cerium magnet: 1 listed", 1), ("Neodymium oxide: 9 listed", 9), ("Praseodymium oxide: 9 listed", 9)):
        assumed.note("category_producers", example, rank=rank)
    assumed.note("inherited", "Terbium oxide from X")
    assumed.note("inherited", "Yttrium oxide from X")
    rows = {row["kind"]: row["text"] for row in assumed.rows()}
    assert rows["category_producers"].endswith("3 materials (Neodymium oxide: 9 listed)")
    assert rows["inherited"].endswith("(Terbium oxide from X)")

"""Chokepoint analyses on small graphs whose answers are worked out by hand in the comments."""

from __future__ import annotations

import networkx as nx
import pytest

from supplygraph.errors import NotFound
from supplygraph.graph.analyses.centrality import flow_betweenness, sampled_betweenness, supply_path_centrality
from supplygraph.graph.analyses.chokepoints import chokepoint_report, rank_chokepoints
from supplygraph.graph.analyses.concentration import concentration, hhi
from supplygraph.graph.analyses.flow import choose_vintage, supply_flow
from supplygraph.graph.views.report import render_report
from supplygraph.graph.analyses.scenarios import ScenarioError, parse_scenario, scenario_impact
from supplygraph.graph.analyses.spof import minimum_supply_cut, supply_dominators, undirected_cut_structure

DOC = ["doc:test"]


def kg(nodes, edges) -> nx.MultiDiGraph:
    """A knowledge graph shaped like ``Store.to_networkx()``: nodes (id, label, attrs), edges (u, v, type, attrs)."""
    G = nx.MultiDiGraph()
    for node, label, attrs in nodes:
        G.add_node(node, label=label, name=attrs.pop("name", node.split(":", 1)[1]), aliases=[], **attrs)
    for i, (u, v, kind, attrs) in enumerate(edges):
        G.add_edge(u, v, key=f"k{i}", type=kind, sources=attrs.pop("sources", DOC), evidence=[], confidence=1.0, **attrs)
    return G


def country(code):
    return (f"country:{code}", "Country", {"iso2": code, "name": code})


def chain() -> nx.MultiDiGraph:
    """ore (CN 70 %, US 30 %) -> oxide (made by a Chinese and a Malaysian separator, 90/10) -> magnet -> motor.

    Ce ore (US only) -> catalyst. The Chinese separator belongs to a parent group.
    """
    return kg(
        [
            country("CN"), country("US"), country("MY"),
            ("org:cn-sep", "StateOwnedEnterprise", {"country": "CN", "name": "CN Separator"}),
            ("org:cn-group", "StateOwnedEnterprise", {"country": "CN", "name": "CN Group"}),
            ("org:my-sep", "Company", {"name": "MY Separator"}),
            ("material:ore", "Material", {"stage": "mining", "elements": ["Nd", "Dy"]}),
            ("material:oxide", "Material", {"stage": "separation", "elements": ["Nd"]}),
            ("material:magnet", "Material", {"stage": "magnet", "elements": ["Nd", "Fe", "B"], "name": "NdFeB magnet"}),
            ("material:ce-ore", "Material", {"stage": "mining", "elements": ["Ce"]}),
            ("enduse:motor", "EndUse", {"sector": "automotive", "name": "EV motor"}),
            ("enduse:catalyst", "EndUse", {"sector": "automotive"}),
        ],
        [
            ("country:CN", "material:ore", "PRODUCES", {"share": 0.7, "volume_t": 70, "year": 2025, "edition": "E 2026"}),
            ("country:US", "material:ore", "PRODUCES", {"share": 0.3, "volume_t": 30, "year": 2025, "edition": "E 2026"}),
            ("country:CN", "material:ore", "PRODUCES", {"share": 0.5, "year": 2024, "edition": "E 2025", "sources": ["doc:old"]}),
            ("country:US", "material:ore", "PRODUCES", {"share": 0.5, "year": 2024, "edition": "E 2025", "sources": ["doc:old"]}),
            ("org:cn-sep", "material:oxide", "PRODUCES", {"share": 0.9, "year": 2025, "edition": "R"}),
            ("org:my-sep", "material:oxide", "PRODUCES", {"share": 0.1, "year": 2025, "edition": "R"}),
            ("org:my-sep", "country:MY", "LOCATED_IN", {}),
            ("org:cn-sep", "org:cn-group", "SUBSIDIARY_OF", {"stake": 0.6}),
            ("material:ore", "material:oxide", "INPUT_TO", {}),
            ("material:oxide", "material:magnet", "INPUT_TO", {}),
            ("material:magnet", "enduse:motor", "USED_IN", {}),
            ("country:US", "material:ce-ore", "PRODUCES", {"share": 1.0, "year": 2025, "edition": "E 2026"}),
            ("material:ce-ore", "enduse:catalyst", "USED_IN", {}),
        ],
    )  # fmt: skip


# --- the projection ---------------------------------------------------------------------------


def test_flow_keeps_flow_edges_and_folds_context_into_attributes():
    F = supply_flow(chain())
    assert set(F.edges()) == {
        ("country:CN", "material:ore"), ("country:US", "material:ore"), ("org:cn-sep", "material:oxide"),
        ("org:my-sep", "material:oxide"), ("material:ore", "material:oxide"), ("material:oxide", "material:magnet"),
        ("material:magnet", "enduse:motor"), ("country:US", "material:ce-ore"), ("material:ce-ore", "enduse:catalyst"),
    }  # fmt: skip
    assert F.nodes["org:my-sep"]["country"] == "MY", "LOCATED_IN should give the country"
    assert F.nodes["org:cn-sep"]["controlled_by"] == [("org:cn-group", "parent of org:cn-sep (60% stake)")]
    assert F.nodes["material:magnet"]["elements"] == {"Nd", "Fe", "B"}


def test_flow_uses_the_newest_vintage_unless_told_and_names_it():
    F = supply_flow(chain())
    assert F["country:CN"]["material:ore"]["weight"] == 0.7
    assert F.nodes["material:ore"]["vintages"]["countries"] == {"edition": "E 2026", "year": 2025, "weights": "stated shares", "listed": 2}
    old = supply_flow(chain(), edition="E 2025")
    assert old["country:CN"]["material:ore"]["weight"] == 0.5
    assert old["country:CN"]["material:ore"]["sources"] == ["doc:old"]
    assert choose_vintage([("MCS 2025", 2024), ("MCS 2026", 2024), ("MCS 2026", 2025)], year=2024) == ("MCS 2026", 2024)


def test_a_report_before_every_figure_takes_the_nearest_and_says_so():
    """On 2020-01-01 no figure of the ore existed yet (E 2025 and E 2026, data years 2024 and 2025): the flow takes the
    nearest year, not the farthest (a 2030 projection came first before), and the assumptions say a later figure
    stands in. On a date after both, nothing is assumed."""
    G = chain()
    for code, share in (("CN", 0.9), ("US", 0.1)):  # a projection in the newest edition
        G.add_edge(f"country:{code}", "material:ore", key=f"p{code}", type="PRODUCES", sources=DOC, evidence=[], confidence=1.0,
                   share=share, year=2030, edition="E 2026")
    assert choose_vintage([("E 2025", 2024), ("E 2026", 2025), ("E 2026", 2030)], this_year=2020) == ("E 2025", 2024)
    early = supply_flow(G, as_of="2020-01-01")
    assert (early.nodes["material:ore"]["vintages"]["countries"]["edition"], early.nodes["material:ore"]["vintages"]["countries"]["year"]) \
        == ("E 2025", 2024)  # fmt: skip
    later = {row["kind"]: row for row in early.graph["assumptions"]}["figure_after_as_of"]
    assert "E 2025, 2024" in later["text"] and "after the as-of year" in later["text"]
    now = supply_flow(G, as_of="2026-12-06")
    assert now.nodes["material:ore"]["vintages"]["countries"]["year"] == 2025
    assert "figure_after_as_of" not in {row["kind"] for row in now.graph["assumptions"]}


def test_flow_weights_from_volumes_then_equal_split():
    G = kg(
        [country("CN"), country("AU"), ("org:a", "Company", {}), ("org:b", "Company", {}), ("material:m", "Material", {"stage": "metal"})],
        [
            ("country:CN", "material:m", "PRODUCES", {"volume_t": 300}),
            ("country:AU", "material:m", "PRODUCES", {"volume_t": 100}),
            ("org:a", "material:m", "PRODUCES", {}),
            ("org:b", "material:m", "PRODUCES", {}),
        ],
    )
    F = supply_flow(G)
    assert F["country:CN"]["material:m"]["weight"] == 0.75
    assert F.nodes["material:m"]["vintages"]["countries"]["weights"] == "share of listed volume"
    assert F["org:a"]["material:m"]["weight"] == 0.5
    assert F.nodes["material:m"]["vintages"]["organisations"]["weights"] == "equal split (no figures)"


def test_policies_attach_to_materials_carrying_restricted_elements_but_not_ores():
    G = chain()
    G.add_node("policy:ban", label="Policy", name="Nd ban")
    G.add_edge("policy:ban", "element:Nd", type="RESTRICTS", sources=DOC)
    G.add_node("element:Nd", label="Element", name="Nd", symbol="Nd")
    G.add_edge("policy:ban", "country:CN", type="ISSUED_BY", sources=DOC)
    F = supply_flow(G)
    assert F.nodes["material:oxide"]["restricted_by"] == ["policy:ban"]
    assert F.nodes["material:magnet"]["restricted_by"] == ["policy:ban"]
    assert F.nodes["material:ore"]["restricted_by"] == [], "ores carry every element; restrictions target separated forms"
    assert F.graph["policies"]["policy:ban"]["countries"] == ["CN"]


# --- concentration ----------------------------------------------------------------------------


def test_hhi_by_hand():
    assert hhi([0.5, 0.3, 0.2]) == pytest.approx(2500 + 900 + 400)
    assert hhi([1.0]) == 10_000
    assert hhi([]) == 0


def test_concentration_rows_name_edition_year_and_classify():
    rows = concentration(supply_flow(chain()))
    ore = next(r for r in rows if r["subject"] == "material:ore")
    # 70^2 + 30^2 = 4900 + 900
    assert ore["hhi"] == 5800 and ore["top_share"] == 0.7 and ore["top_id"] == "country:CN"
    assert (ore["basis"], ore["edition"], ore["year"]) == ("countries", "E 2026", 2025)
    assert ore["us_2023"] == "highly concentrated"
    assert ore["eu_crma"] == "above 65% from one third country"
    assert ore["sources"] == ["doc:test"]
    oxide = next(r for r in rows if r["subject"] == "material:oxide")
    assert oxide["basis"] == "organisations" and oxide["hhi"] == pytest.approx(8200) and oxide["eu_crma"] is None
    old = next(r for r in concentration(supply_flow(chain(), edition="E 2025")) if r["subject"] == "material:ore")
    assert old["hhi"] == 5000 and old["eu_crma"] == "within the 65% benchmark" and old["us_2023"] == "highly concentrated"


def test_concentration_without_figures_gives_no_hhi_and_low_hhi_is_not_highly_concentrated():
    G = kg(
        [country(c) for c in ("CN", "AU", "US", "DE", "JP", "FR")] + [("org:a", "Company", {}), ("material:m", "Material", {})],
        [(f"country:{c}", "material:m", "PRODUCES", {"share": s}) for c, s in (("CN", 0.2), ("AU", 0.2), ("US", 0.2), ("DE", 0.2), ("JP", 0.1), ("FR", 0.1))]
        + [("org:a", "material:m", "PRODUCES", {})],
    )  # fmt: skip
    rows = {r["basis"]: r for r in concentration(supply_flow(G))}
    assert rows["countries"]["hhi"] == pytest.approx(4 * 400 + 2 * 100)
    assert rows["countries"]["us_2023"] == "not highly concentrated", "exactly 1,800 is not above the threshold"
    assert rows["organisations"]["hhi"] is None and rows["organisations"]["top_share"] is None


# --- single points of failure -----------------------------------------------------------------


def _flow(edges, end_uses):
    F = nx.DiGraph(edges)
    for u in end_uses:
        F.nodes[u]["label"] = "EndUse"
    return F


def test_dominators_on_a_diamond_and_a_chain():
    # m1, m2 -> a -> {b, c} -> d -> u : every path passes a and d, not b or c.
    F = _flow([("m1", "a"), ("m2", "a"), ("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "u")], ["u"])
    assert supply_dominators(F) == {"u": ["d", "a"]}
    assert "__supply__" not in F, "the super-source is removed afterwards"
    # A single mine dominates too.
    assert supply_dominators(_flow([("m", "x"), ("x", "u")], ["u"])) == {"u": ["x", "m"]}


def test_min_cut_of_two_parallel_routes_is_two_nodes():
    # m1 -> p -> u, m2 -> q -> u, m1 -> q : no dominator; {p, q} cuts u off.
    F = _flow([("m1", "p"), ("m2", "q"), ("m1", "q"), ("p", "u"), ("q", "u")], ["u"])
    dominators = supply_dominators(F)
    assert dominators == {"u": []}
    assert minimum_supply_cut(F, dominators=dominators) == {"u": ["p", "q"]}


def test_min_cut_uses_a_dominator_when_there_is_one():
    F = _flow([("m1", "a"), ("m2", "a"), ("a", "u")], ["u"])
    assert minimum_supply_cut(F, dominators=supply_dominators(F)) == {"u": ["a"]}
    assert minimum_supply_cut(F) == {"u": ["a"]}


def test_articulation_points_and_bridges_of_the_undirected_projection():
    barbell = undirected_cut_structure(nx.DiGraph(nx.barbell_graph(4, 0)))
    assert barbell["undirected"] is True
    assert barbell["bridges"] == [(3, 4)] and barbell["articulation_points"] == [3, 4]
    star = undirected_cut_structure(nx.DiGraph([(0, i) for i in range(1, 6)]))
    assert star["articulation_points"] == [0] and len(star["bridges"]) == 5
    # Direction is ignored: a -> b <- c still has b as cut vertex.
    assert undirected_cut_structure(nx.DiGraph([("a", "b"), ("c", "b")]))["articulation_points"] == ["b"]


# --- centrality -------------------------------------------------------------------------------


def test_supply_path_centrality_counts_all_paths():
    # Paths: m1-ox-a, m1-ox-b, m2-ox-a, m2-ox-b, m2-b : 5; ox lies on 4, m2 on 3, b on 3.
    F = _flow([("m1", "ox"), ("m2", "ox"), ("ox", "a"), ("ox", "b"), ("m2", "b")], ["a", "b"])
    result = supply_path_centrality(F)
    assert result["paths"] == 5 and result["condensed"] is False
    assert result["values"]["ox"] == pytest.approx(4 / 5)
    assert result["values"]["m2"] == pytest.approx(3 / 5)
    assert result["values"]["b"] == pytest.approx(3 / 5)


def test_supply_path_centrality_condenses_cycles():
    # m -> x <-> y -> u : the cycle {x, y} is one component on the single path.
    F = _flow([("m", "x"), ("x", "y"), ("y", "x"), ("y", "u")], ["u"])
    result = supply_path_centrality(F)
    assert result["condensed"] is True
    assert result["values"]["x"] == result["values"]["y"] == 1.0


def test_betweenness_exact_small_sampled_large():
    path = nx.DiGraph(nx.path_graph(5))
    assert flow_betweenness(path)["exact"] is True
    sampled = flow_betweenness(nx.gnp_random_graph(60, 0.1, seed=1, directed=True), exact_limit=10, k=20, seed=7)
    again = flow_betweenness(nx.gnp_random_graph(60, 0.1, seed=1, directed=True), exact_limit=10, k=20, seed=7)
    assert sampled["exact"] is False and sampled["k"] == 20 and sampled["seed"] == 7
    assert sampled["ends"] in ("sources", "targets") and sampled["relative_error"] > 0
    assert sampled["values"] == again["values"], "a fixed seed gives the same sample"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sampled_betweenness_from_every_end_is_exact(seed):
    # With k at least the number of possible path ends on one side, that side is taken whole: Brandes exactly.
    F = nx.gnp_random_graph(50, 0.06, seed=seed, directed=True)
    result = sampled_betweenness(F, k=F.number_of_nodes())
    expected = nx.betweenness_centrality(F)
    assert result["exact"] is True and result["relative_error"] == 0.0
    assert all(result["values"][n] == pytest.approx(expected[n], abs=1e-12) for n in F), result["ends"]


def test_sampled_betweenness_by_hand():
    # s -> h -> {t1, t2, t3}; x -> h. Paths through h: s->t1..t3 and x->t1..t3 = 6 of 5 x 4 ordered
    # pairs (normalised 6 / 20 = 0.3). Sources side: s, x, h (3 ends); targets side: h, t1, t2, t3 (4).
    F = nx.DiGraph([("s", "h"), ("x", "h"), ("h", "t1"), ("h", "t2"), ("h", "t3")])
    whole = sampled_betweenness(F, k=3)
    assert (whole["exact"], whole["ends"], whole["k"]) == (True, "sources", 3)
    assert whole["values"] == pytest.approx({"s": 0.0, "x": 0.0, "h": 0.3, "t1": 0.0, "t2": 0.0, "t3": 0.0})
    with pytest.raises(ValueError, match="at least 1"):
        sampled_betweenness(F, k=0)


def test_sampled_betweenness_is_unbiased():
    # The mean over many seeds of the N / k-scaled sample converges on exact betweenness.
    F = nx.gnp_random_graph(30, 0.1, seed=4, directed=True)
    expected = nx.betweenness_centrality(F)
    seeds = range(300)
    mean = {n: sum(sampled_betweenness(F, k=8, seed=s)["values"][n] for s in seeds) / len(seeds) for n in F}
    total = sum(expected.values())
    assert sum(abs(mean[n] - expected[n]) for n in F) < 0.05 * total, (mean, expected)


def test_sampled_betweenness_samples_the_side_that_reaches_the_hubs():
    # A hub material feeding many products is reached from few sources but reaches many targets:
    # the pilot picks targets; reversing every edge (the same betweenness) makes it pick sources.
    F = nx.DiGraph()
    for i in range(40):
        F.add_edge(f"ore{i % 4}", f"hub{i % 2}")  # 4 ores feed 2 hubs
        F.add_edge(f"hub{i % 2}", f"part{i}")
        F.add_edge(f"part{i}", f"product{i}")
        F.add_edge(f"producer{i}", f"part{i}")  # many producers, each reaching only its part
    # Judged on the two hubs (top=2): 2 of the 86 sources reach a hub, 40 of the 82 targets are reached from one.
    forward, backward = sampled_betweenness(F, k=32, seed=1, top=2), sampled_betweenness(F.reverse(), k=32, seed=1, top=2)
    assert (forward["ends"], backward["ends"]) == ("targets", "sources"), (forward, backward)
    assert forward["relative_error"] < 0.5
    assert sorted(forward["values"], key=forward["values"].get)[-2:] in (["hub0", "hub1"], ["hub1", "hub0"])


# --- scenarios --------------------------------------------------------------------------------


def test_remove_china_by_hand():
    """ore keeps 30 % (US); oxide: producers keep 10 % (Malaysia), inputs 30 %: the tighter, 10 %, binds.

    magnet needs oxide: 10 %; the motor needs the magnet: 90 % at risk, the loss carried from the
    Chinese separator. The catalyst's Ce ore is all American: nothing at risk.
    """
    result = scenario_impact(supply_flow(chain()), ["remove country:CN"])
    at_risk = {e["id"]: e for e in result["end_uses"]}
    assert at_risk["enduse:motor"]["share_at_risk"] == pytest.approx(0.9)
    assert at_risk["enduse:motor"]["path"] == ["org:cn-sep", "material:oxide", "material:magnet", "enduse:motor"]
    assert at_risk["enduse:catalyst"]["share_at_risk"] == 0 and at_risk["enduse:catalyst"]["path"] == []
    assert result["materials"] == {"material:ore": pytest.approx(0.7), "material:oxide": pytest.approx(0.9), "material:magnet": pytest.approx(0.9)}
    assert result["removed"] == ["country:CN", "org:cn-sep"], "the producers in the flow that stop"


def test_shared_inputs_are_weighted_and_unshared_ones_are_complements():
    """magnet2 takes half its feed from oxide (90 % lost) and half from scrap (safe): 45 % lost."""
    G = chain()
    G.add_node("material:scrap", label="Material", name="scrap", stage="mining")
    G.add_node("material:magnet2", label="Material", name="recycled-feed magnet", stage="magnet")
    G.add_node("enduse:drive", label="EndUse", name="drive")
    G.add_edge("material:oxide", "material:magnet2", type="INPUT_TO", share=0.5, sources=DOC)
    G.add_edge("material:scrap", "material:magnet2", type="INPUT_TO", share=0.5, sources=DOC)
    G.add_edge("material:magnet2", "enduse:drive", type="USED_IN", sources=DOC)
    G.add_edge("material:ce-ore", "enduse:motor", type="USED_IN", sources=DOC)  # a second, safe input: the scarcest binds
    result = scenario_impact(supply_flow(G), ["remove country:CN"])
    at_risk = {e["id"]: e["share_at_risk"] for e in result["end_uses"]}
    assert at_risk["enduse:drive"] == pytest.approx(0.45)
    assert at_risk["enduse:motor"] == pytest.approx(0.9)


def test_remove_org_takes_its_subsidiaries():
    result = scenario_impact(supply_flow(chain()), ["remove org:cn-group"])
    motor = next(e for e in result["end_uses"] if e["id"] == "enduse:motor")
    assert result["removed"] == ["org:cn-sep"]
    assert motor["share_at_risk"] == pytest.approx(0.9)


def test_restrict_elements_all_or_by_country_and_apply_policy():
    G = chain()
    G.add_node("element:Nd", label="Element", name="Neodymium", symbol="Nd")
    G.add_node("policy:nd-controls", label="Policy", name="Nd export controls", country="CN")
    G.add_edge("policy:nd-controls", "element:Nd", type="RESTRICTS", sources=DOC)
    F = supply_flow(G)
    everything = scenario_impact(F, ["restrict element:Nd"])
    assert next(e for e in everything["end_uses"] if e["id"] == "enduse:motor")["share_at_risk"] == 1.0
    assert everything["restricted"] == {"material:magnet": "all", "material:oxide": "all"}
    by_china = scenario_impact(F, ["restrict element:Nd by country:CN"])
    motor = next(e for e in by_china["end_uses"] if e["id"] == "enduse:motor")
    assert motor["share_at_risk"] == pytest.approx(0.9), "only the Chinese separator (90 %) is cut off"
    policy = scenario_impact(F, ["apply policy:nd-controls"])
    assert policy["restricted"] == {"material:magnet": ["CN"], "material:oxide": ["CN"]}
    assert next(e for e in policy["end_uses"] if e["id"] == "enduse:motor")["share_at_risk"] == pytest.approx(0.9)


def test_scenarios_converge_on_a_recycling_loop():
    G = chain()
    G.add_edge("material:magnet", "material:oxide", type="INPUT_TO", sources=DOC)  # recycling closes a cycle
    result = scenario_impact(supply_flow(G), ["remove country:CN"])
    motor = next(e for e in result["end_uses"] if e["id"] == "enduse:motor")
    assert motor["share_at_risk"] == pytest.approx(0.9)
    assert motor["path"][-1] == "enduse:motor"


@pytest.mark.parametrize(
    "text",
    ["destroy country:CN", "remove element:Dy", "restrict country:CN", "apply org:x", "remove country:CN by country:US", ""],
)
def test_bad_scenarios_say_what_is_expected(text):
    with pytest.raises(ScenarioError, match="scenario"):
        parse_scenario(text)


def test_unknown_targets_are_not_found():
    F = supply_flow(chain())
    with pytest.raises(NotFound, match="country:FR"):
        scenario_impact(F, ["remove country:FR"])
    with pytest.raises(NotFound, match="policy:none"):
        scenario_impact(F, ["apply policy:none"])


# --- the ranked report ------------------------------------------------------------------------


def smco_chain() -> nx.MultiDiGraph:
    """Two producing countries of SmCo magnets (90/10): HHI 8,200; every path to guided missiles goes through them."""
    return kg(
        [
            country("CN"), country("JP"),
            ("material:sm-oxide", "Material", {"stage": "separation", "elements": ["Sm"], "name": "Sm oxide"}),
            ("material:smco", "Material", {"stage": "magnet", "elements": ["Sm", "Co"], "name": "SmCo magnet production"}),
            ("enduse:missile", "EndUse", {"sector": "defense", "name": "guided missiles"}),
        ],
        [
            ("country:CN", "material:sm-oxide", "PRODUCES", {"share": 0.99, "year": 2024, "edition": "R"}),
            ("country:CN", "material:smco", "PRODUCES", {"share": 0.9, "year": 2024, "edition": "R", "sources": ["doc:smco"]}),
            ("country:JP", "material:smco", "PRODUCES", {"share": 0.1, "year": 2024, "edition": "R", "sources": ["doc:smco"]}),
            ("material:sm-oxide", "material:smco", "INPUT_TO", {}),
            ("material:smco", "enduse:missile", "USED_IN", {"sources": ["doc:use"]}),
        ],
    )  # fmt: skip


def test_report_reason_names_the_dominated_end_use_and_the_concentration():
    report = chokepoint_report(smco_chain())
    smco = next(r for r in report["chokepoints"] if r["id"] == "material:smco")
    assert smco["reason"].startswith(
        "all supply paths to guided missiles pass through SmCo magnet production; 2 producing countries, HHI 8,200 (R, 2024); CN 90%"
    ), smco["reason"]
    assert smco["sources"] == ["doc:smco", "doc:test", "doc:use"]
    assert smco["dominates"] == ["enduse:missile"] and smco["hhi"] == pytest.approx(8200)
    # cut 1 x 0.45 + HHI 0.82 x 0.35 + on every path 1 x 0.20
    assert smco["score"] == pytest.approx(100 * (0.45 + 0.35 * 0.82 + 0.20), abs=0.05)
    assert [c["id"] for c in smco["controlled_by"]] == ["country:CN", "country:JP"]
    assert {"id", "name", "label", "score", "reason", "sources"} <= set(smco)
    assert [r["rank"] for r in report["chokepoints"]] == list(range(1, len(report["chokepoints"]) + 1))


def sm_metal(china_share: float) -> nx.MultiDiGraph:
    """Samarium metal: China's stated share; a British plant, and its operator, make it with no figure; so does a Chinese plant."""
    return kg(
        [
            country("CN"), country("GB"),
            ("facility:gb-plant", "Facility", {"name": "GB plant"}),
            ("org:gb-operator", "Company", {"name": "GB operator"}),
            ("facility:cn-plant", "Facility", {"name": "CN plant"}),
            ("material:sm-metal", "Material", {"stage": "metal", "name": "Samarium metal"}),
            ("enduse:magnet", "EndUse", {"name": "magnet"}),
        ],
        [
            ("country:CN", "material:sm-metal", "PRODUCES", {"share": china_share, "year": 2025, "edition": "NYT"}),
            ("facility:gb-plant", "material:sm-metal", "PRODUCES", {}),
            ("org:gb-operator", "material:sm-metal", "PRODUCES", {}),
            ("facility:cn-plant", "material:sm-metal", "PRODUCES", {}),
            ("facility:gb-plant", "country:GB", "LOCATED_IN", {}),
            ("org:gb-operator", "country:GB", "LOCATED_IN", {}),
            ("org:gb-operator", "facility:gb-plant", "OPERATES", {}),
            ("facility:cn-plant", "country:CN", "LOCATED_IN", {}),
            ("material:sm-metal", "enduse:magnet", "USED_IN", {}),
        ],
    )  # fmt: skip


def test_a_figure_that_leaves_no_share_for_a_listed_producer_says_so():
    """China 100 % beside a British plant that makes the metal: the figure and the listed producers disagree, and every
    place that prints the figure says so (the plant's operator is not named twice; the Chinese plant is in China's share)."""
    report = chokepoint_report(sm_metal(1.0), as_of="2026-12-06")
    row = next(r for r in report["concentration"] if r["subject"] == "material:sm-metal" and r["basis"] == "countries")
    assert row["no_share_for"] == [{"id": "facility:gb-plant", "name": "GB plant", "country": "GB"}]
    ranked = {r["id"]: r for r in report["chokepoints"]}
    assert "CN 100%; the figure leaves no share for 1 listed producer outside CN: GB plant (GB)" in ranked["material:sm-metal"]["reason"]
    assert ranked["material:sm-metal"]["no_share_for"] == row["no_share_for"]
    assert "produces 100% of Samarium metal (NYT, 2025); the figure leaves no share" in ranked["country:CN"]["reason"]
    summary = [line for line in render_report(report, width=100).splitlines() if line.endswith("CN: produces 100% of Samarium metal (NYT, 2025)")]
    assert summary, "the summary's one line for the producer is its first part whole, not clipped mid-caveat"
    text = " ".join(render_report(report, width=200).split())
    assert ("Where a figure and the producers listed disagree (JSON: no_share_for): Samarium metal (NYT, 2025): CN 100.0% leaves "
            "no share for 1 listed producer outside CN: GB plant (GB).") in text  # fmt: skip
    room = chokepoint_report(sm_metal(0.9), as_of="2026-12-06")  # 10 % left for the rest of the world
    assert all(r["no_share_for"] == [] for r in room["concentration"])
    assert "no share" not in render_report(room, width=200)


def rare_metals(share: float) -> nx.MultiDiGraph:
    """A category (Rare metals) with China's stated share; two members, one made by a British plant with no figure."""
    return kg(
        [
            country("CN"), country("GB"),
            ("facility:gb-plant", "Facility", {"name": "GB plant"}),
            ("material:rare-metals", "Material", {"stage": "metal", "name": "Rare metals", "category": True}),
            ("material:sm-metal", "Material", {"stage": "metal", "name": "Samarium metal"}),
            ("material:dy-metal", "Material", {"stage": "metal", "name": "Dysprosium metal"}),
            ("enduse:magnet", "EndUse", {"name": "magnet"}),
        ],
        [
            ("country:CN", "material:rare-metals", "PRODUCES", {"share": share, "year": 2025, "edition": "E"}),
            ("material:sm-metal", "material:rare-metals", "MEMBER_OF", {}),
            ("material:dy-metal", "material:rare-metals", "MEMBER_OF", {}),
            ("facility:gb-plant", "material:sm-metal", "PRODUCES", {}),
            ("facility:gb-plant", "country:GB", "LOCATED_IN", {}),
            ("material:sm-metal", "enduse:magnet", "USED_IN", {}),
            ("material:dy-metal", "enduse:magnet", "USED_IN", {}),
        ],
    )  # fmt: skip


def test_a_category_figure_that_leaves_no_share_checks_its_members_producers():
    """A category's China 100 % beside a British plant listed under one of its members: the category's own row (shown
    once, under the category) says the figure leaves no share for the plant, as its member's inherited row does; its
    own producers alone (only China) would hide it. A share that leaves room names nobody."""
    report = chokepoint_report(rare_metals(1.0), as_of="2026-12-06")
    rows = {r["subject"]: r["no_share_for"] for r in report["concentration"] if r["basis"] == "countries"}
    plant = [{"id": "facility:gb-plant", "name": "GB plant", "country": "GB"}]
    assert rows["material:rare-metals"] == plant
    assert rows["material:sm-metal"] == plant
    assert rows["material:dy-metal"] == []  # its producers are the category's: China alone
    text = " ".join(render_report(report, width=200).split())
    assert ("Where a figure and the producers listed disagree (JSON: no_share_for): Rare metals (E, 2025): CN 100.0% leaves "
            "no share for 1 listed producer outside CN: GB plant (GB).") in text  # the member's row is the category's: once
    # an inherited figure names the category it is the figure for, wherever it is printed
    assert "Dysprosium metal: CN 100.0% (E, 2025; the figure for Rare metals)" in text
    assert "its category's figure" not in text
    ranked = {r["id"]: r for r in report["chokepoints"]}
    assert ranked["country:CN"]["reason"].startswith("produces 100% of Dysprosium metal (E, 2025, the figure for Rare metals)")
    room = chokepoint_report(rare_metals(0.9), as_of="2026-12-06")
    assert all(r["no_share_for"] == [] for r in room["concentration"])


def test_a_producer_taken_over_from_a_category_is_listed_as_producing_the_category():
    """A plant the data lists as making the category (heavy rare-earth oxides) is not shown as making each member
    (lutetium oxide) in so many words: 'controlled by' says what the data lists."""
    G = rare_metals(0.9)
    G.add_node("facility:cat-plant", label="Facility", name="Category plant", aliases=[])
    G.add_edge("facility:cat-plant", "material:rare-metals", key="cat", type="PRODUCES", sources=DOC, evidence=[], confidence=1.0)
    report = chokepoint_report(G, as_of="2026-12-06")
    ranked = {r["id"]: r for r in report["chokepoints"]}
    plant = next(c for c in ranked["material:dy-metal"]["controlled_by"] if c["id"] == "facility:cat-plant")
    assert (plant["via"], plant["inherited_from"]) == ("produces", "material:rare-metals")
    text = " ".join(render_report(report, width=200).split())
    assert "Category plant (listed as producing Rare metals)" in text
    assert "Category plant (produces)" not in text


def test_report_filters_and_scenario_section():
    report = chokepoint_report(chain(), stage="separation", scenarios=["remove country:CN"], top=5)
    assert {r["stage"] for r in report["chokepoints"]} == {"separation"}
    assert {r["stage"] for r in report["concentration"]} == {"separation"}
    assert report["scenario"]["end_uses"][0] == {
        "id": "enduse:motor", "name": "EV motor", "share_at_risk": pytest.approx(0.9),
        "path": ["org:cn-sep", "material:oxide", "material:magnet", "enduse:motor"],
        "path_names": ["CN Separator", "oxide", "NdFeB magnet", "EV motor"], "unreviewed": 0, "assumed": [], "country_part": [],
    }  # fmt: skip
    only_catalyst = chokepoint_report(chain(), end_use="enduse:catalyst")
    assert only_catalyst["graph"]["end_uses"] == 1 and only_catalyst["graph"]["nodes"] == 3
    with pytest.raises(NotFound, match="enduse:nothing"):
        chokepoint_report(chain(), end_use="enduse:nothing")
    with pytest.raises(NotFound, match="stage"):
        chokepoint_report(chain(), stage="smelting")
    with pytest.raises(NotFound, match="no supply flow"):
        chokepoint_report(nx.MultiDiGraph())


def test_end_use_details_show_who_controls_concentrated_inputs():
    report = chokepoint_report(chain())
    motor = next(e for e in report["end_uses"] if e["id"] == "enduse:motor")
    assert motor["dominators"] == ["material:magnet", "material:oxide"]
    oxide = next(c for c in motor["concentrated_inputs"] if c["id"] == "material:oxide")
    assert [o["id"] for o in oxide["organisations"]] == ["org:cn-sep", "org:cn-group", "org:my-sep"]


def test_end_use_cut_nodes_are_named_in_the_text_and_kept_as_ids_in_json():
    report = chokepoint_report(chain())
    motor = next(e for e in report["end_uses"] if e["id"] == "enduse:motor")
    assert motor["dominator_names"] == ["NdFeB magnet", "oxide"] and motor["min_cut_names"] == ["NdFeB magnet"]
    text = " ".join(render_report(report, width=200).split())
    assert "every supply path passes through: NdFeB magnet, oxide" in text
    assert "minimum cut (1): NdFeB magnet" in text and "minimum cut (1): material:magnet" not in text
    # Two parallel magnets: no dominator, a cut of two named nodes.
    G = chain()
    G.add_node("material:smco", label="Material", name="SmCo magnet", aliases=[], stage="magnet", elements=["Sm", "Co"])
    G.add_edge("material:oxide", "material:smco", type="INPUT_TO", sources=DOC, evidence=[], confidence=1.0)
    G.add_edge("material:ce-ore", "material:smco", type="INPUT_TO", sources=DOC, evidence=[], confidence=1.0)
    G.add_edge("material:smco", "enduse:motor", type="USED_IN", sources=DOC, evidence=[], confidence=1.0)
    report = chokepoint_report(G)
    motor = next(e for e in report["end_uses"] if e["id"] == "enduse:motor")
    assert (motor["dominators"], motor["dominator_names"]) == ([], [])
    assert motor["min_cut"] == ["material:magnet", "material:smco"] and motor["min_cut_names"] == ["NdFeB magnet", "SmCo magnet"]
    assert "minimum cut (2): NdFeB magnet, SmCo magnet" in " ".join(render_report(report, width=200).split())


def test_producers_without_a_share_are_listed_largest_stated_capacity_first():
    """Sintered NdFeB's organisations have no shares: 'controlled by' named a 2,000 t/yr US plant first (by id) and
    JL Mag's 40,000 t/yr Baotou base later; the largest stated capacity comes first, those without one last, among
    the producers of one country's share (session 14: those in a country with a stated share come first)."""
    G = kg(
        [country("CN"), country("US"),
         ("facility:a-small", "Facility", {"country": "US", "status": "operating", "name": "Small plant"}),
         ("facility:b-none", "Facility", {"country": "CN", "status": "operating", "name": "No capacity"}),
         ("facility:c-large", "Facility", {"country": "CN", "status": "operating", "name": "Large plant"}),
         ("material:magnet", "Material", {"stage": "magnet", "elements": ["Nd"]}),
         ("enduse:motor", "EndUse", {"sector": "automotive"})],
        [("facility:a-small", "material:magnet", "PRODUCES", {"capacity_t": 2000.0}),
         ("facility:b-none", "material:magnet", "PRODUCES", {}),
         ("facility:c-large", "material:magnet", "PRODUCES", {"capacity_t": 40000.0}),
         ("country:CN", "material:magnet", "PRODUCES", {"share": 0.9, "year": 2025, "edition": "E"}),
         ("material:magnet", "enduse:motor", "USED_IN", {})],
    )  # fmt: skip
    row = next(r for r in chokepoint_report(G, as_of="2026-12-06", betweenness=False)["chokepoints"] if r["id"] == "material:magnet")
    # session 14: a plant in the country that holds the 90 % (China) comes before one in a country the figure does not
    # list, then the larger capacity: the US 2,000 t/yr plant after China's plant with no stated capacity
    assert [c["id"] for c in row["controlled_by"]] == ["country:CN", "facility:c-large", "facility:b-none", "facility:a-small"]
    G.add_node("facility:d-mid", label="Facility", name="Mid plant", aliases=[], country="US", status="operating")
    G.add_edge("facility:d-mid", "material:magnet", key="d", type="PRODUCES", capacity_t=5000.0, sources=DOC, evidence=[], confidence=1.0)
    row = next(r for r in chokepoint_report(G, as_of="2026-12-06", betweenness=False)["chokepoints"] if r["id"] == "material:magnet")
    assert [c["id"] for c in row["controlled_by"]] == ["country:CN", "facility:c-large", "facility:b-none", "facility:d-mid", "facility:a-small"]
    G.remove_node("facility:d-mid")
    # an operator listed beside its plant weighs nothing in the split: its capacity (its plants') does not put it first
    G.add_node("org:op", label="Company", name="Operator", aliases=[], country="CN")
    G.add_edge("org:op", "facility:c-large", key="op", type="OPERATES", sources=DOC, evidence=[], confidence=1.0)
    G.add_edge("org:op", "material:magnet", key="op2", type="PRODUCES", capacity_t=90000.0, sources=DOC, evidence=[], confidence=1.0)
    row = next(r for r in chokepoint_report(G, as_of="2026-12-06", betweenness=False)["chokepoints"] if r["id"] == "material:magnet")
    assert [(c["id"], c["via"]) for c in row["controlled_by"]][:3] == [
        ("country:CN", "produces"), ("facility:c-large", "produces"), ("org:op", "operator of Large plant")]


def test_report_flags_sampled_betweenness(monkeypatch):
    import supplygraph.graph.analyses.chokepoints as chokepoints

    exact = chokepoint_report(chain())["centrality"]["betweenness"]
    assert exact["exact"] is True and "ends" not in exact
    monkeypatch.setattr(chokepoints, "BETWEENNESS_EXACT_EDGES", 0)
    monkeypatch.setattr(chokepoints, "BETWEENNESS_SAMPLE", 3)
    report = chokepoint_report(chain())
    sampled = report["centrality"]["betweenness"]
    assert (sampled["exact"], sampled["k"], sampled["seed"]) == (False, 3, 42), sampled
    assert sampled["ends"] in ("sources", "targets") and sampled["relative_error"] >= 0
    note = [n for n in report["notes"] if n.startswith("betweenness is approximate")]
    assert note == [f"betweenness is approximate: sampled from 3 {sampled['ends']} with seed 42 "
                    f"(median relative standard error of the top 50: {sampled['relative_error']:.0%})"], report["notes"]  # fmt: skip


def test_rank_orders_by_score_and_drops_zeros():
    F = nx.DiGraph([("mine", "magnet"), ("magnet", "missile"), ("idle", "other")])
    F.nodes["missile"].update(label="EndUse", name="missiles")
    F.nodes["other"].update(label="EndUse", name="other")
    for n in ("magnet", "idle"):
        F.nodes[n].update(label="Material", name=n, vintages={})
    F.nodes["mine"].update(label="Country", name="mine")
    rows = rank_chokepoints(F, [], {"missile": ["magnet", "mine"], "other": ["idle"]}, {}, {"magnet": 0.5, "mine": 0.5, "idle": 0.5}, {})
    assert [r["id"] for r in rows] == ["idle", "magnet", "mine"]
    assert all(r["score"] == pytest.approx(100 * (0.45 * 0.5 + 0.20)) for r in rows)


def test_rendered_table_and_markdown_carry_the_numbers():
    report = chokepoint_report(chain(), scenarios=["remove country:CN"])
    text = render_report(report, width=200)
    assert "HHI 5,800 (E 2026, 2025)" in text and "90.0%" in text and "CN Separator -> oxide -> NdFeB magnet -> EV motor" in text
    markdown = render_report(report, markdown=True)
    assert markdown.startswith("## Chokepoints") and "| rank | chokepoint | score | reason |" in markdown


@pytest.mark.parametrize("module", ["analyses.flow", "analyses.concentration", "analyses.spof", "analyses.centrality",
                                    "analyses.scenarios", "analyses.chokepoints", "analyses.dependencies", "views.report"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    failures, _ = doctest.testmod(importlib.import_module(f"supplygraph.graph.{module}"), optionflags=doctest.ELLIPSIS)
    assert failures == 0, f"docstring examples of supplygraph.graph.{module} fail"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cut_structure_and_exact_betweenness_agree_with_networkx(seed):
    F = nx.gnp_random_graph(40, 0.05, seed=seed, directed=True)
    U = F.to_undirected()
    structure = undirected_cut_structure(F)
    assert structure["articulation_points"] == sorted(nx.articulation_points(U))
    assert structure["bridges"] == sorted(tuple(sorted(b)) for b in nx.bridges(U))
    exact = flow_betweenness(F)
    assert exact["exact"] is True
    expected = nx.betweenness_centrality(F)
    assert all(exact["values"][n] == pytest.approx(expected[n]) for n in F)


@pytest.mark.parametrize("seed", range(6))
def test_min_cut_size_agrees_with_networkx_on_random_layered_graphs(seed):
    import random

    rng = random.Random(seed)
    layers = [[f"t{t}-{i}" for i in range(rng.randint(2, 5))] for t in range(5)]
    F = nx.DiGraph()
    for t in range(1, 5):
        for node in layers[t]:
            for source in rng.sample(layers[t - 1], rng.randint(1, len(layers[t - 1]))):
                F.add_edge(source, node)
    end_use = layers[-1][0]
    F.nodes[end_use]["label"] = "EndUse"
    for other in layers[-1][1:]:
        F.remove_node(other)
    F.remove_nodes_from([n for n in list(F) if n != end_use and not nx.has_path(F, n, end_use)])
    (cut,) = minimum_supply_cut(F).values()
    H = F.copy()
    H.add_edges_from(("S", s) for s in layers[0] if s in H)
    expected = nx.minimum_node_cut(H, "S", end_use)
    assert len(cut) == len(expected), (cut, expected)
    G = F.copy()
    G.remove_nodes_from(cut)
    assert not any(nx.has_path(G, s, end_use) for s in layers[0] if s in G), "the cut must separate"


def test_inputs_sharing_an_element_are_alternatives_and_unmeasured_producers_pool():
    """oxide is fed by ore (Nd, Dy; 70 % Chinese) and by clay (Dy; all American): alternatives sharing Dy,
    in equal parts: 1 - (0.3 + 1.0) / 2 = 35 % of the feed lost; the producers keep 10 %, which binds.

    magnet3 is made in China and by two named firms, none with a figure: a pool of three, equal
    shares; one of them (the Chinese entry) goes: a third lost.
    """
    G = chain()
    G.add_node("material:clay", label="Material", name="clay", stage="mining", elements=["Dy"])
    G.add_edge("country:US", "material:clay", type="PRODUCES", share=1.0, year=2025, edition="E 2026", sources=DOC)
    G.add_edge("material:clay", "material:oxide", type="INPUT_TO", sources=DOC)
    G.add_node("material:magnet3", label="Material", name="magnet3", stage="magnet", elements=["Sm"])
    G.add_node("org:jp-maker", label="Company", name="JP maker", country="JP")
    G.add_node("org:de-maker", label="Company", name="DE maker", country="DE")
    G.add_node("enduse:radar", label="EndUse", name="radar")
    for producer in ("country:CN", "org:jp-maker", "org:de-maker"):
        G.add_edge(producer, "material:magnet3", type="PRODUCES", sources=DOC)
    G.add_edge("material:magnet3", "enduse:radar", type="USED_IN", sources=DOC)
    result = scenario_impact(supply_flow(G), ["remove country:CN"])
    assert result["materials"]["material:oxide"] == pytest.approx(0.9), "producers (10 % left) bind before the feed (65 % left)"
    assert result["materials"]["material:magnet3"] == pytest.approx(1 / 3)
    radar = next(e for e in result["end_uses"] if e["id"] == "enduse:radar")
    assert radar["path"] == ["country:CN", "material:magnet3", "enduse:radar"]
    G.remove_edge("org:cn-sep", "material:oxide")
    G.remove_edge("org:my-sep", "material:oxide")
    feed_only = scenario_impact(supply_flow(G), ["remove country:CN"])
    assert feed_only["materials"]["material:oxide"] == pytest.approx(0.35)


def test_no_share_for_is_each_rows_own():
    """Three metals in one report, each row's producers outside its figure found on its own material's edges: the
    materials are screened together (concentration._producing_outside), so a producer must not leak into
    another row, a listed country covers its plants in every row, and a row with room left names nobody."""
    nodes = [country("CN"), country("GB"), country("JP"), country("US"),
             ("enduse:magnet", "EndUse", {"name": "magnet"})]  # fmt: skip
    edges = []
    plants = {"sm": ("GB", "CN"), "nd": ("US", "GB", "JP"), "dy": ("US",)}  # each metal's plants, by country
    figures = {"sm": [("CN", 1.0)], "nd": [("JP", 0.6), ("CN", 0.4)], "dy": [("CN", 0.8)]}  # dy: 20 % left
    for metal, where in plants.items():
        nodes.append((f"material:{metal}", "Material", {"stage": "metal", "name": f"{metal} metal"}))
        edges.append((f"material:{metal}", "enduse:magnet", "USED_IN", {}))
        for code, share in figures[metal]:
            edges.append((f"country:{code}", f"material:{metal}", "PRODUCES", {"share": share, "year": 2025, "edition": "E"}))
        for code in where:
            plant = f"facility:{metal}-{code.lower()}"
            nodes.append((plant, "Facility", {"name": f"{metal} plant {code}"}))
            edges += [(plant, f"material:{metal}", "PRODUCES", {}), (plant, f"country:{code}", "LOCATED_IN", {})]
    report = chokepoint_report(kg(nodes, edges), as_of="2026-12-06")
    rows = {r["subject"]: r["no_share_for"] for r in report["concentration"] if r["basis"] == "countries"}
    assert rows == {
        "material:sm": [{"id": "facility:sm-gb", "name": "sm plant GB", "country": "GB"}],
        "material:nd": [{"id": "facility:nd-gb", "name": "nd plant GB", "country": "GB"},
                        {"id": "facility:nd-us", "name": "nd plant US", "country": "US"}],
        "material:dy": [],
    }  # fmt: skip

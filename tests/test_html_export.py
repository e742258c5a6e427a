"""HTML network views, GraphML and JSON exports: view selection, safe embedding, and the page in real Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.errors import NotFound, SupplygraphError
from supplygraph.graph.views.export import graphml_graph, node_link
from supplygraph.graph.views.html import _data_date, _json_for_script, page_data, render_html
from supplygraph.graph.views.selection import ViewTooLarge, neighbourhood, select_view, tiers, upstream

from .conftest import FIXTURES

GOOD = FIXTURES / "good"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


def _chain() -> nx.MultiDiGraph:
    """A small chain shaped like ``Store.to_networkx()``: ore -> oxide -> magnet -> motor, with context around it."""
    G = nx.MultiDiGraph()
    nodes = {
        "country:CN": "Country", "org:miner": "StateOwnedEnterprise", "org:parent": "StateOwnedEnterprise",
        "facility:mine": "Facility", "org:operator": "Company", "material:ore": "Material",
        "material:oxide": "Material", "material:magnet": "Material", "enduse:motor": "EndUse",
        "enduse:turbine": "EndUse", "element:Nd": "Element", "policy:ban": "Policy", "org:ministry": "GovernmentBody",
        "org:buyer": "Company", "place:baotou": "Place", "doc:d": "Document", "org:partner": "Company",
    }  # fmt: skip
    for node, label in nodes.items():
        G.add_node(node, label=label, name=node.split(":")[1].title(), aliases=[])
    edges = [
        ("country:CN", "material:ore", "PRODUCES"), ("org:miner", "material:ore", "PRODUCES"),
        ("facility:mine", "material:ore", "PRODUCES"), ("org:operator", "facility:mine", "OPERATES"),
        ("org:miner", "org:parent", "SUBSIDIARY_OF"), ("material:ore", "material:oxide", "INPUT_TO"),
        ("material:oxide", "material:magnet", "INPUT_TO"), ("material:magnet", "enduse:motor", "USED_IN"),
        ("material:magnet", "enduse:turbine", "USED_IN"), ("material:magnet", "element:Nd", "CONTAINS"),
        ("policy:ban", "material:oxide", "RESTRICTS"), ("policy:ban", "org:ministry", "ISSUED_BY"),
        ("enduse:motor", "org:buyer", "DEPENDS_ON"), ("org:miner", "place:baotou", "LOCATED_IN"),
        ("org:miner", "doc:d", "MENTIONED_IN"), ("org:partner", "org:miner", "COOPERATES_WITH"),
    ]  # fmt: skip
    for i, (u, v, kind) in enumerate(edges):
        G.add_edge(u, v, key=f"k{i}", type=kind, sources=["doc:d"], evidence=[], confidence=1.0)
    return G


# -- view selection ----------------------------------------------------------


def test_neighbourhood_follows_both_directions_to_the_depth_asked():
    G = _chain()
    assert neighbourhood(G, "material:oxide", 0) == {"material:oxide"}
    assert neighbourhood(G, "material:oxide", 1) == {"material:oxide", "material:ore", "material:magnet", "policy:ban"}
    two = neighbourhood(G, "material:oxide", 2)
    assert {"country:CN", "enduse:motor", "org:ministry", "element:Nd"} <= two, two
    assert "org:parent" not in two


def test_upstream_follows_the_supply_flow_and_adds_who_controls_it():
    up = upstream(_chain(), "enduse:motor")
    assert up == {
        "enduse:motor", "material:magnet", "material:oxide", "material:ore", "country:CN", "org:miner",
        "facility:mine", "policy:ban", "org:buyer",  # the flow (DEPENDS_ON points against it)
        "org:operator", "org:parent", "org:ministry",  # operator, parent, issuer
    }, sorted(up)  # fmt: skip
    bare = upstream(_chain(), "enduse:motor", context=False)
    assert not {"org:operator", "org:parent", "org:ministry"} & bare
    assert "enduse:turbine" not in up and "element:Nd" not in up and "place:baotou" not in up


def test_views_leave_documents_out_unless_asked_and_keep_every_fact_among_their_nodes():
    G = _chain()
    view = select_view(G, focus="org:miner", depth=1)
    assert "doc:d" not in view.graph and "org:partner" in view.graph
    assert select_view(G, focus="org:miner", depth=1, documents=True).graph.has_node("doc:d")
    whole = select_view(G, documents=True)
    assert (whole.graph.number_of_nodes(), whole.graph.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    chain = select_view(G, end_use="enduse:motor")
    assert chain.graph.number_of_edges() == G.subgraph(chain.graph.nodes).number_of_edges()
    assert "upstream of Motor" in chain.description


def test_a_view_past_max_nodes_is_refused_with_a_way_to_narrow_it():
    with pytest.raises(ViewTooLarge, match=r"has 16 nodes, more than --max-nodes 5.*--focus ID.*--end-use ID"):
        select_view(_chain(), max_nodes=5)
    with pytest.raises(ViewTooLarge, match=r"supply chain of enduse:motor has 12 nodes.*--focus ID --depth N"):
        select_view(_chain(), end_use="enduse:motor", max_nodes=11)
    assert select_view(_chain(), end_use="enduse:motor", max_nodes=12).graph.number_of_nodes() == 12


def test_unknown_ids_say_what_was_meant():
    with pytest.raises(NotFound, match="did you mean enduse:motor"):
        select_view(_chain(), end_use="enduse:motr")
    with pytest.raises(SupplygraphError, match="not both"):
        select_view(_chain(), focus="org:miner", end_use="enduse:motor")


# -- the page: data embedded safely, nothing remote ---------------------------


def test_json_for_script_cannot_close_the_script_and_round_trips():
    value = {"name": SCRIPT + IMG + " & \u2028\u2029 <!-- -->"}
    text = _json_for_script(value)
    assert not set("<>&\u2028\u2029") & set(text), text
    assert json.loads(text) == value


def test_the_page_is_one_file_with_no_remote_resource_and_untrusted_text_only_in_the_json_block():
    G = _chain()
    G.nodes["org:miner"]["name"] = IMG
    G.nodes["org:buyer"]["name"] = SCRIPT
    page = render_html(select_view(G), G)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href|data)\s*=", page, re.I)
    assert not re.search(r"@import|url\((?!\"?data:)", page), "a stylesheet loads something"
    assert IMG not in page and "<img" not in page
    assert page.lower().count("</script") == 3  # the data block, vis-network and the page script
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_page_data_has_a_legend_caption_and_tooltips_from_the_facts():
    G = _chain()
    G.nodes["org:miner"]["country"] = "CN"
    G.nodes["doc:d"].update(title="Mineral survey", publisher="Survey", published="2025-01-31")
    G.edges["org:miner", "material:ore", "k1"].update(share=0.25, volume_t=1200, year=2024, evidence=["It mined a quarter."])
    data = page_data(select_view(G, end_use="enduse:motor"), G)
    assert data["title"] == "Motor: supply chain"
    assert any("Data as of 2025-01-31" in sentence for sentence in data["caption"]), data["caption"]
    assert {item["label"] for item in data["legend"]} == {"Country", "StateOwnedEnterprise", "Facility", "Company",
                                                          "Material", "EndUse", "Policy", "GovernmentBody"}
    miner = next(n for n in data["nodes"] if n["id"] == "org:miner")
    assert ["country", "Cn (CN)"] in miner["tip"] and ["source", "Mineral survey (Survey, 2025-01-31)"] in miner["tip"]
    edge = next(e for e in data["edges"] if e["id"] == "k1")
    assert ["share", "25%"] in edge["tip"] and ["volume_t", "1,200 t/yr"] in edge["tip"], edge["tip"]
    assert ["evidence", "“It mined a quarter.”"] in edge["tip"] and edge["label"] == "produces"
    view_edges = G.subgraph(n["id"] for n in data["nodes"]).number_of_edges()
    assert (len(data["nodes"]), len(data["edges"])) == (12, view_edges), (len(data["nodes"]), len(data["edges"]))


# -- GraphML and JSON -----------------------------------------------------------


def test_graphml_has_scalar_attributes_and_reads_back(tmp_path):
    G = _chain()
    G.nodes["org:miner"]["aliases"] = ["Miner Co", "矿业"]
    G.edges["org:miner", "material:ore", "k1"]["year"] = 2024
    G.edges["country:CN", "material:ore", "k0"]["year"] = "2023"
    out = tmp_path / "g.graphml"
    nx.write_graphml(graphml_graph(select_view(G, documents=True)), out)
    back = nx.read_graphml(out, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert back.nodes["org:miner"]["aliases"] == "Miner Co; 矿业" and back.nodes["org:miner"]["kind"] == "StateOwnedEnterprise"
    assert back.nodes["org:miner"]["label"] == "Miner"
    assert back.edges["org:miner", "material:ore", "k1"]["year"] == "2024"  # mixed int/str: text everywhere


def test_node_link_json_keeps_attributes_as_stored():
    data = node_link(select_view(_chain(), documents=True))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == 16 and back.nodes["org:miner"]["aliases"] == []
    assert data["graph"]["title"] == "The whole graph"


# -- CLI ---------------------------------------------------------------------------


@pytest.fixture
def loaded(tmp_path):
    """A store file holding the small fixture chain (7 entities, 1 document, 7 facts)."""
    path = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["--store", str(path), "load", str(GOOD)])
    assert result.exit_code == 0, result.output
    return path


def test_cli_exports_all_three_formats(loaded, tmp_path):
    runner = CliRunner()
    for fmt, name in (("html", "v.html"), ("graphml", "v.graphml"), ("json", "v.json")):
        out = tmp_path / name
        result = runner.invoke(main, ["--store", str(loaded), "export", fmt, str(out), "--end-use", "enduse:motor"])
        assert result.exit_code == 0, result.output
        assert "EV traction motor: supply chain, 7 nodes, 7 edges" in result.stderr and result.stdout == ""
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "v.json").read_text())["graph"]["title"] == "EV traction motor: supply chain"


def test_cli_refuses_a_view_past_max_nodes_and_writes_nothing(loaded, tmp_path):
    out = tmp_path / "big.html"
    result = CliRunner().invoke(main, ["--store", str(loaded), "export", "html", str(out), "--max-nodes", "3"])
    assert result.exit_code == 1
    assert "more than --max-nodes 3: narrow it with --focus ID --depth N" in result.stderr, result.stderr
    assert not out.exists() and not list(tmp_path.glob(".big.html*"))
    result = CliRunner().invoke(main, ["--store", str(loaded), "export", "json", str(tmp_path / "no" / "v.json")])
    assert result.exit_code == 1 and "cannot write" in result.stderr and "No such file or directory" in result.stderr


# -- in headless Chromium -------------------------------------------------------------

XSS_DATA = f"""
sources:
  - id: doc:evil
    name: {json.dumps(SCRIPT)}
    title: {json.dumps(IMG)}
    publisher: {json.dumps("<b onmouseover=alert(2)>x</b>")}
    published: 2025
entities:
  - {{id: org:img, label: Company, name: {json.dumps(IMG)}, country: CN}}
  - {{id: org:script, label: Company, name: {json.dumps(SCRIPT)}, aliases: ["\\u2028</script>"]}}
  - {{id: material:magnet, label: Material, name: "NdFeB magnet & <i>friends</i>", stage: magnet}}
  - {{id: enduse:motor, label: EndUse, name: "motor\\u2029<svg onload=alert(3)>", sector: automotive}}
  - {{id: country:CN, label: Country, name: China, iso2: CN}}
facts:
  - type: PRODUCES
    source: org:img
    target: material:magnet
    share: 0.6
    year: 2025
    sources: [doc:evil]
    evidence: {json.dumps("<img src=y onerror=alert(4)> made " + SCRIPT)}
  - {{type: PRODUCES, source: org:script, target: material:magnet, share: 0.4, year: 2025, sources: [doc:evil]}}
  - {{type: USED_IN, source: material:magnet, target: enduse:motor, sources: [doc:evil]}}
  - {{type: SUPPLIES, source: org:script, target: org:img, material: "<b>oxide</b>", sources: [doc:evil]}}
  - {{type: LOCATED_IN, source: org:img, target: country:CN, sources: [doc:evil]}}
"""

STABLE = "window.supplygraph && window.supplygraph.stable"


@pytest.fixture
def xss_page(tmp_path):
    """A store loaded from a file full of markup and script in names, evidence and sources, exported as HTML."""
    (tmp_path / "evil.yaml").write_text(XSS_DATA, encoding="utf-8")
    store, out = tmp_path / "s.db", tmp_path / "evil.html"
    runner = CliRunner()
    result = runner.invoke(main, ["--store", str(store), "load", str(tmp_path / "evil.yaml")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--store", str(store), "export", "html", str(out), "--documents"])
    assert result.exit_code == 0, result.output
    return out


def _open(browser, path: Path, *, bypass_csp: bool = False):
    page = browser.new_page()
    # Trap alert as well as watching for dialogs, so any script the data sneaks in is seen either way.
    page.send("Page.addScriptToEvaluateOnNewDocument",
              source="window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };")
    if bypass_csp:
        page.send("Page.setBypassCSP", enabled=True)
    page.goto(path.as_uri())
    page.wait_for(STABLE, timeout=60)
    return page


def test_page_loads_offline_from_file_and_draws_every_node_and_edge(browser, loaded, tmp_path):
    out = tmp_path / "chain.html"
    result = CliRunner().invoke(main, ["--store", str(loaded), "export", "html", str(out), "--documents"])
    assert result.exit_code == 0, result.output
    page = _open(browser, out)
    try:
        drawn = page.evaluate("""(() => { const n = supplygraph.network;
            return [n.body.data.nodes.length, n.body.data.edges.length, Object.keys(n.getPositions()).length,
                    Object.keys(n.body.edges).length,
                    n.physics.physicsEnabled, document.querySelectorAll('#sg-legend input').length,
                    document.getElementById('sg-title').textContent]; })()""")
        # 8 nodes (7 entities and the source document) and 7 facts; 6 labels and 4 types to filter by
        assert drawn == [8, 7, 8, 7, False, 10, "The whole graph"], drawn
        assert page.errors() == [], page.errors()
        assert [url for url in page.requests() if not url.startswith(("file:", "data:"))] == [], page.requests()
        hidden = page.evaluate("""(() => { document.querySelector('#sg-legend input[data-kind="node:Country"]').click();
            return supplygraph.nodes.get({filter: n => n.hidden}).map(n => n.kind); })()""")
        assert hidden == ["Country", "Country"], hidden
    finally:
        page.close()


def test_the_bundled_end_use_view_draws_its_supply_chain_left_to_right(browser, tmp_path):
    store, out = tmp_path / "bundled.db", tmp_path / "missile.html"
    runner = CliRunner()
    assert runner.invoke(main, ["--store", str(store), "demo"]).exit_code == 0
    result = runner.invoke(main, ["--store", str(store), "export", "html", str(out), "--end-use", "enduse:guided-missile"])
    assert result.exit_code == 0, result.output
    from supplygraph.graph import open_store

    with open_store(store) as opened:
        expected = select_view(opened.to_networkx(), end_use="enduse:guided-missile").graph
    page = _open(browser, out)
    try:
        drawn = page.evaluate("""(() => { const n = supplygraph.network, p = n.getPositions();
            const deepest = supplygraph.nodes.get({filter: d => d.level === 0});
            return [n.body.data.nodes.length, n.body.data.edges.length, Object.keys(p).length,
                    deepest.length, p['enduse:guided-missile'].x - Math.max(...deepest.map(d => p[d.id].x))]; })()""")
        assert drawn[:3] == [expected.number_of_nodes(), expected.number_of_edges(), expected.number_of_nodes()], drawn
        assert drawn[3] > 0 and drawn[4] > 0, f"the end use is not to the right of the deepest tier: {drawn}"
        assert page.errors() == [] and [u for u in page.requests() if not u.startswith(("file:", "data:"))] == []
    finally:
        page.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_untrusted_text_shows_as_text_and_runs_nothing(browser, xss_page, bypass_csp):
    page = _open(browser, xss_page, bypass_csp=bypass_csp)
    try:
        nodes = page.evaluate("supplygraph.nodes.get().map(n => [n.id, n.label, n.title.textContent])")
        by_id = {node: (label, tip) for node, label, tip in nodes}
        assert by_id["org:img"][0] == IMG and by_id["org:script"][0] == SCRIPT[:31] + "…"  # labels stop at 32 characters
        assert by_id["org:script"][1].startswith(SCRIPT + "label") and by_id["doc:evil"][1].startswith(SCRIPT)
        assert "source" + IMG + " (<b onmouseover=alert(2)>x</b>, 2025)" in by_id["org:img"][1]
        assert "also</script>" in by_id["org:script"][1] and by_id["enduse:motor"][0] == "motor <svg onload=alert(3)>"
        # Hover the node so vis-network puts its tooltip into the page, then look at what the DOM holds.
        x, y = page.evaluate("""(() => { const n = supplygraph.network;
            const p = n.canvasToDOM(n.getPositions(['org:img'])['org:img']);
            const r = document.getElementById('sg-network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()""")
        page.hover(x - 5, y - 5)
        page.hover(x, y)
        page.wait_for("document.querySelector('div.vis-tooltip') && "
                      "document.querySelector('div.vis-tooltip').style.visibility === 'visible'", timeout=10)
        tip = page.evaluate("document.querySelector('div.vis-tooltip').textContent")
        assert tip.startswith(IMG) and "China (CN)" in tip, tip
        counts = page.evaluate("""[document.querySelectorAll('img, svg:not(#sg-legend svg), iframe, b, i').length,
            document.scripts.length, window.__alerts.length]""")
        assert counts == [0, 3, 0], counts
        assert page.dialogs() == [] and page.errors() == [], (page.dialogs(), page.errors())
        assert [url for url in page.requests() if not url.startswith(("file:", "data:"))] == []
    finally:
        page.close()


def test_tiers_put_the_mines_furthest_from_the_end_use_and_controllers_before_what_they_control():
    G = _chain()
    view = select_view(G, end_use="enduse:motor")
    tier = tiers(view.graph, "enduse:motor")
    assert tier["enduse:motor"] == 0 and tier["material:magnet"] == 1 and tier["material:oxide"] == 2
    assert tier["material:ore"] == 3 and tier["country:CN"] == tier["facility:mine"] == 4
    assert tier["org:operator"] == 5 and tier["org:ministry"] == tier["policy:ban"] + 1
    levels = {n["id"]: n["level"] for n in page_data(view, G)["nodes"]}
    assert levels["enduse:motor"] == max(levels.values()) and levels["org:operator"] == 0, levels


def test_data_date_skips_projections():
    G = _chain()
    G.edges["country:CN", "material:ore", "k0"]["year"] = 2030
    G.edges["org:miner", "material:ore", "k1"]["as_of"] = "2024-06"
    assert _data_date(select_view(G), G, today="2026-11-30") == "2024-06"
    assert _data_date(select_view(G), G, today="2031-01-01") == "2030"


def test_big_end_use_views_fall_back_to_the_force_layout():
    G = nx.MultiDiGraph()
    G.add_node("enduse:motor", label="EndUse", name="Motor")
    G.add_node("material:magnet", label="Material", name="Magnet")
    G.add_edge("material:magnet", "enduse:motor", key="used", type="USED_IN")
    for i in range(300):
        G.add_node(f"org:m{i}", label="Company", name=f"Maker {i}")
        G.add_edge(f"org:m{i}", "material:magnet", key=f"p{i}", type="PRODUCES")
    data = page_data(select_view(G, end_use="enduse:motor"), G)
    assert len(data["nodes"]) == 302 and "hierarchical" not in data["options"]["layout"]
    assert not any("level" in node for node in data["nodes"])
    G.remove_nodes_from(["org:m0", "org:m1"])  # 300 nodes
    assert page_data(select_view(G, end_use="enduse:motor"), G)["options"]["layout"]["hierarchical"]["enabled"]


# -- marks from the chokepoint report -----------------------------------------------------


def test_chokepoint_marks_are_the_reports_scores_and_a_scenario_cuts_what_it_removes(loaded):
    from supplygraph.graph import open_store
    from supplygraph.graph.analyses import chokepoints
    from supplygraph.graph.views.highlights import view_highlights

    with open_store(loaded) as store:
        G = store.to_networkx()
    report = chokepoints.chokepoint_report(G, top=100, betweenness=False)
    marks = view_highlights(G, chokepoints=True, top=2, scenarios=["remove country:CN"])
    assert marks.scores == {row["id"]: row["score"] for row in report["chokepoints"]}
    assert marks.chokepoints == {row["id"] for row in report["chokepoints"][:2]}
    assert "country:CN" in marks.cut_nodes and "country:US" not in marks.cut_nodes
    cut = {G.edges[u, v, k]["type"] + " " + u for u, v, k in G.edges(keys=True) if k in marks.cut_edges}
    assert "PRODUCES country:CN" in cut and "PRODUCES country:US" not in cut, cut
    assert marks.at_risk["enduse:motor"] == pytest.approx(0.7) and marks.at_risk["material:ore"] == pytest.approx(0.7)
    data = page_data(select_view(G, end_use="enduse:motor"), G, marks)
    ore = next(n for n in data["nodes"] if n["id"] == "material:ore")
    assert ["scenario", "70% of its supply at risk"] in ore["tip"] and any(k == "why" for k, _ in ore["tip"]), ore["tip"]
    assert any("Scenario: remove country:CN" in sentence for sentence in data["caption"]), data["caption"]


def test_cli_marks_chokepoints_and_scenarios_in_the_page(loaded, tmp_path):
    out = tmp_path / "marked.html"
    args = ["--store", str(loaded), "export", "html", str(out), "--end-use", "enduse:motor", "--chokepoints",
            "--scenario", "remove country:CN"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "chokepoint score" in out.read_text() and "cut by the scenario" in out.read_text()
    result = CliRunner().invoke(main, [*args[:-1], "flood the mines"])
    assert result.exit_code == 2 and "cannot read scenario" in result.stderr, result.output

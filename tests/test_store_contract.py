"""The store contract: every Store implementation must pass these (see STORE_FACTORIES in conftest)."""

from __future__ import annotations

import pytest

from supplygraph.errors import IntegrityError, SupplygraphError
from supplygraph.loaders import read_paths
from supplygraph.schema import LoadUnit, parse_fact, parse_node

from .conftest import FIXTURES

DOC_A = {"id": "doc:a", "label": "Document", "name": "Source A", "title": "A", "url": "https://example.org/a"}
DOC_B = {"id": "doc:b", "label": "Document", "name": "Source B", "title": "B", "url": "https://example.org/b"}
ALPHA = {"id": "org:alpha", "label": "Company", "name": "Alpha", "country": "US"}
BETA = {"id": "org:beta", "label": "Company", "name": "Beta", "aliases": ["Beta Ltd"]}
SUPPLY = {"type": "SUPPLIES", "source": "org:alpha", "target": "org:beta", "material": "material:magnet"}


def unit(origin: str, nodes=(), facts=(), digest: str | None = None) -> LoadUnit:
    built = LoadUnit(origin=origin, digest=digest or f"digest-of-{origin}")
    for i, data in enumerate(nodes, 1):
        built.add_node(parse_node(data), f"{origin}:{i}")
    for i, data in enumerate(facts, 1):
        built.add_fact(parse_fact(data), f"{origin}:{100 + i}")
    return built


def graph_state(store) -> tuple:
    nodes = sorted((n.id, n.label, n.name, n.aliases, sorted(n.props.items())) for n in store.nodes())
    edges = sorted((e.key, e.type, e.source, e.target, e.sources, sorted(map(repr, e.props.items()))) for e in store.edges())
    return nodes, edges


def test_load_then_read_back(store):
    summary = store.apply(read_paths([FIXTURES / "good"]))
    assert (summary.nodes.added, summary.edges.added) == (8, 7)
    alpha = store.node("org:alpha-rare-earth")
    assert alpha is not None and alpha.label == "StateOwnedEnterprise" and alpha.props["country"] == "CN"
    assert store.node("org:nope") is None
    assert {e.type for e in store.edges_of("org:alpha-rare-earth")} == {"PRODUCES", "SUBSIDIARY_OF"}
    assert [n.id for n in store.nodes("Country")] == ["country:CN", "country:US"]
    produces = list(store.edges("PRODUCES"))
    assert len(produces) == 4 and all(e.sources == ("doc:test-source",) for e in produces)
    stats = store.stats()
    assert (stats.nodes, stats.edges, stats.labels["Country"], stats.types["PRODUCES"]) == (8, 7, 2, 4)
    assert stats.facts_without_quantities == 2  # INPUT_TO and USED_IN carry no figure


def test_loading_twice_changes_nothing(store):
    units = read_paths([FIXTURES / "good"])
    store.apply(units)
    before = graph_state(store)
    again = store.apply(read_paths([FIXTURES / "good"]))
    assert (again.nodes.added, again.nodes.updated, again.edges.added, again.edges.updated) == (0, 0, 0, 0)
    assert again.nodes.unchanged == 8 and again.edges.unchanged == 7
    assert graph_state(store) == before


def test_same_fact_from_two_sources_is_one_edge_listing_both(store):
    store.apply([unit("one", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"], "evidence": "Alpha sells to Beta."}])])
    store.apply([unit("two", [DOC_B], [{**SUPPLY, "sources": ["doc:b"], "evidence": "Beta buys from Alpha."}])])
    edges = list(store.edges("SUPPLIES"))
    assert len(edges) == 1, edges
    assert edges[0].sources == ("doc:a", "doc:b")
    assert set(edges[0].evidence) == {"Alpha sells to Beta.", "Beta buys from Alpha."}


def test_dropping_one_of_two_sources_keeps_the_edge_with_the_other(store):
    store.apply([unit("one", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"], "share": 0.4}])])
    store.apply([unit("two", [DOC_B], [{**SUPPLY, "sources": ["doc:b"], "evidence": "B says so."}])])
    summary = store.apply([unit("one", [DOC_A, ALPHA, BETA], [], digest="v2")])
    (edge,) = store.edges("SUPPLIES")
    assert (edge.sources, edge.evidence, edge.props.get("share")) == (("doc:b",), ("B says so.",), None)
    assert summary.edges.updated == 1


def test_symmetric_cooperation_stated_both_ways_is_one_edge(store):
    coop = {"type": "COOPERATES_WITH", "sources": ["doc:a"]}
    store.apply(
        [unit("one", [DOC_A, ALPHA, BETA], [{**coop, "source": "org:alpha", "target": "org:beta"},
                                              {**coop, "source": "org:beta", "target": "org:alpha"}])]
    )  # fmt: skip
    assert len(list(store.edges("COOPERATES_WITH"))) == 1


def test_reloading_an_origin_replaces_what_it_said(store):
    store.apply([unit("f", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"]}], digest="v1")])
    summary = store.apply([unit("f", [DOC_A, ALPHA], [], digest="v2")])
    assert store.node("org:beta") is None
    assert list(store.edges()) == []
    assert summary.nodes.removed == 1 and summary.edges.removed == 1


def test_editions_of_a_figure_stay_apart(store):
    country = {"id": "country:AU", "label": "Country", "name": "Australia", "iso2": "AU"}
    ore = {"id": "material:ore", "label": "Material", "name": "ore", "stage": "mining"}
    fact = {"type": "PRODUCES", "source": "country:AU", "target": "material:ore", "year": 2024}
    store.apply(
        [unit("f", [DOC_A, DOC_B, country, ore], [{**fact, "volume_t": 13000, "edition": "MCS 2025", "sources": ["doc:a"]},
                                                  {**fact, "volume_t": 29000, "edition": "MCS 2026", "sources": ["doc:b"]}])]
    )  # fmt: skip
    volumes = sorted((e.props["edition"], e.props["volume_t"]) for e in store.edges("PRODUCES"))
    assert volumes == [("MCS 2025", 13000.0), ("MCS 2026", 29000.0)]


@pytest.mark.parametrize(
    "bad_unit, message",
    [
        (unit("bad", [DOC_A], [{**SUPPLY, "target": "org:delta", "sources": ["doc:a"]}]), "dangling reference: target 'org:delta'"),
        (unit("bad", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:zz"]}]), "'doc:zz' is not a defined document"),
        (unit("bad", [DOC_A, {**ALPHA, "label": "University"}]), "given two labels"),
        (
            unit("bad", [DOC_A, ALPHA, {"id": "material:m", "label": "Material", "name": "m"}],
                 [{"type": "USED_IN", "source": "org:alpha", "target": "material:m", "sources": ["doc:a"]}]),
            "cannot go from Company to Material",
        ),
    ],  # fmt: skip
)
def test_bad_batches_are_refused_whole_and_change_nothing(store, bad_unit, message):
    store.apply([unit("base", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"]}])])
    before = graph_state(store)
    good = unit("good", [DOC_B, {"id": "org:gamma", "label": "Company", "name": "Gamma"}])
    with pytest.raises(SupplygraphError) as caught:
        store.apply([good, bad_unit])
    assert message in str(caught.value)
    assert str(caught.value).startswith("bad:"), "the error names where the record came from"
    assert graph_state(store) == before


def test_reload_that_would_leave_another_inputs_facts_dangling_is_refused(store):
    store.apply([unit("defs", [DOC_A, ALPHA, BETA])])
    store.apply([unit("facts", [], [{**SUPPLY, "sources": ["doc:a"]}])])
    before = graph_state(store)
    with pytest.raises(IntegrityError, match="dangling"):
        store.apply([unit("defs", [DOC_A, ALPHA], digest="v2")])
    assert graph_state(store) == before


def test_networkx_graph_and_subgraph(store):
    store.apply(read_paths([FIXTURES / "good"]))
    graph = store.to_networkx()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (8, 7)
    assert graph.nodes["country:CN"]["label"] == "Country" and "中国" in graph.nodes["country:CN"]["aliases"]
    (key, data), = [(k, d) for _, _, k, d in graph.edges("org:beta-magnets", keys=True, data=True) if d["type"] == "SUBSIDIARY_OF"]
    assert data["stake"] == 0.25 and data["sources"] == ["doc:test-source"] and data["evidence"]
    sub = store.to_networkx(["country:CN", "material:ore", "material:magnet"])
    assert sorted(sub.nodes) == ["country:CN", "material:magnet", "material:ore"]
    assert sorted((u, v, d["type"]) for u, v, d in sub.edges(data=True)) == [
        ("country:CN", "material:ore", "PRODUCES"),
        ("material:ore", "material:magnet", "INPUT_TO"),
    ]

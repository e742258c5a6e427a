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


# --- the review gate -------------------------------------------------------------------------------------------


def _edge(store, type_: str, source: str, target: str):
    return next((e for e in store.edges(type_) if (e.source, e.target) == (source, target)), None)


def test_review_decisions_hold_when_the_document_is_loaded_again(store, tmp_path):
    """Extracted facts are stored unreviewed; a rejected one leaves the graph and never comes back, an accepted one is
    reviewed, and both decisions hold when an edited version of the document is loaded (keyed on the fact, not the
    document's id)."""
    from supplygraph.graph.stores.base import Decision

    doc = tmp_path / "northwind.txt"
    text = (FIXTURES / "documents" / "northwind-magnet-plant.txt").read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    store.apply(read_paths([doc]))
    pending = store.candidates()
    assert pending and all(c.decision is None and c.evidence and 0 < c.confidence <= 1 for c in pending)
    assert all(not e.reviewed for e in store.edges() if e.type != "MENTIONED_IN")
    assert all(e.reviewed for e in store.edges("MENTIONED_IN"))
    supply = next(c for c in pending if c.type == "SUPPLIES")
    supplies = [c for c in pending if (c.type, c.source, c.target) == (supply.type, supply.source, supply.target)]
    made = next(c for c in pending if c.type == "PRODUCES")  # (the document states two supplies between the same firms)
    store.decide([*(Decision(c.type, c.source, c.target, c.evidence, "rejected", "t1") for c in supplies),
                  Decision(made.type, made.source, made.target, made.evidence, "accepted", "t1")])  # fmt: skip
    assert _edge(store, "SUPPLIES", supply.source, supply.target) is None
    assert _edge(store, "PRODUCES", made.source, made.target).reviewed

    doc.write_text(text + "\nNorthwind Magnetics said the plant employs 120 people.\n", encoding="utf-8")
    summary = store.apply(read_paths([doc]))
    assert summary.skipped_unchanged_inputs == 0  # a new version of the document, another document id
    assert _edge(store, "SUPPLIES", supply.source, supply.target) is None  # the rejected fact stays out
    assert _edge(store, "PRODUCES", made.source, made.target).reviewed  # the accepted one stays reviewed
    decided = {c.id: c.decision for c in store.candidates() if c.decision}
    assert decided == {**{c.id: "rejected" for c in supplies}, made.id: "accepted"}
    assert {(d.key, d.decision) for d in store.decisions()} == {*((c.id, "rejected") for c in supplies), (made.id, "accepted")}


def test_a_curated_claim_makes_an_extracted_edge_reviewed(store, tmp_path):
    from supplygraph.loaders import read_paths as read

    doc = tmp_path / "a.txt"
    doc.write_text("Harbor Rare Earths Ltd supplies NdPr oxide to Northwind Magnetics.", encoding="utf-8")
    store.apply(read([doc]))
    edge = _edge(store, "SUPPLIES", "org:harbor-rare-earths-ltd", "org:northwind-magnetics")
    assert edge is not None and not edge.reviewed
    source = {"id": "doc:curated", "label": "Document", "name": "Curated", "title": "Curated"}
    fact = {"type": "SUPPLIES", "source": "org:harbor-rare-earths-ltd", "target": "org:northwind-magnetics",
            "material": "material:ndpr-oxide", "sources": ["doc:curated"]}  # fmt: skip
    store.apply([unit("curated.yaml", [source], [fact])])
    assert _edge(store, "SUPPLIES", "org:harbor-rare-earths-ltd", "org:northwind-magnetics").reviewed


def test_a_fact_rejected_in_one_document_stays_out_when_another_document_states_it_in_those_words(store, tmp_path):
    """The decision is on the statement, not the document: a second file with the same sentence brings nothing back,
    and a new sentence stating the same fact is a new candidate."""
    from supplygraph.graph.stores.base import Decision

    sentence = "Harbor Rare Earths Ltd supplies NdPr oxide to Northwind Magnetics."
    (tmp_path / "a.txt").write_text(sentence, encoding="utf-8")
    store.apply(read_paths([tmp_path / "a.txt"]))
    supply = next(c for c in store.candidates() if c.type == "SUPPLIES")
    store.decide([Decision(supply.type, supply.source, supply.target, supply.evidence, "rejected", "t1")])
    (tmp_path / "b.txt").write_text(sentence + "\nNorthwind Magnetics makes NdFeB magnets.", encoding="utf-8")
    store.apply(read_paths([tmp_path / "b.txt"]))
    assert _edge(store, "SUPPLIES", supply.source, supply.target) is None
    (tmp_path / "c.txt").write_text("Northwind Magnetics buys NdPr oxide from Harbor Rare Earths Ltd.", encoding="utf-8")
    store.apply(read_paths([tmp_path / "c.txt"]))
    edge = _edge(store, "SUPPLIES", supply.source, supply.target)
    assert edge is not None and not edge.reviewed and edge.evidence == ("Northwind Magnetics buys NdPr oxide from Harbor Rare Earths Ltd.",)


def test_document_nodes_are_those_only_documents_claim(store):
    article = unit("/docs/a.txt", [DOC_A, ALPHA, BETA], [{**SUPPLY, "sources": ["doc:a"]}], digest="d1+rules")
    other = unit("/docs/b.txt", [DOC_B, BETA], [], digest="d2+rules")
    curated = unit("/data/alpha.yaml", [DOC_B, ALPHA])
    store.apply([article, other, curated])
    assert store.document_nodes() == {
        "doc:a": frozenset({"/docs/a.txt"}),
        "org:beta": frozenset({"/docs/a.txt", "/docs/b.txt"}),
    }  # org:alpha and doc:b are curated too

"""Rows for Neo4j and back, and the statement whitelists: pure functions, no driver, no server."""

from __future__ import annotations

import pytest

from supplygraph.errors import IntegrityError, InvalidRecord, StoreError
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores import cypher
from supplygraph.graph.stores.neo4j_rows import (
    batches,
    check_property,
    edge_props,
    edge_row,
    edge_rows_by_type,
    node_props,
    node_row,
    node_rows_by_label,
    pulled_unit,
    stored_edge,
    stored_node,
)
from supplygraph.graph.stores.base import StoredEdge, StoredNode
from supplygraph.loaders import read_paths

from .conftest import FIXTURES
from .test_store_contract import graph_state

SOE = StoredNode("org:alpha", "StateOwnedEnterprise", "Alpha", ("Alpha Group",), {"country": "CN"})
MAGNET = StoredNode("material:magnet", "Material", "Magnet", (), {"stage": "magnet", "elements": ["Nd", "Fe"]})
EDGE = StoredEdge(
    "k1", "PRODUCES", "org:alpha", "material:magnet", {"share": 0.5, "year": 2025},
    ("doc:a", "doc:b"), ("Alpha makes half.", "Half the magnets."), 0.9,
)  # fmt: skip


def _labels(node: StoredNode) -> list[str]:
    """The labels push gives a node, as Neo4j would return them."""
    return [name for name in cypher.node_labels(node.label).split(":") if name]


def test_node_row_carries_every_property_and_lists_not_tuples():
    row = node_row(SOE, {"chokepoint_score": 0.8, "chokepoint_rank": 1})
    assert row == {
        "id": "org:alpha",
        "props": {
            "id": "org:alpha", "name": "Alpha", "aliases": ["Alpha Group"], "country": "CN",
            "chokepoint_score": 0.8, "chokepoint_rank": 1,
        },
    }  # fmt: skip
    assert node_props(MAGNET)["elements"] == ["Nd", "Fe"]


def test_edge_row_carries_its_key_properties_and_provenance():
    assert edge_row(EDGE) == {
        "key": "k1",
        "source": "org:alpha",
        "target": "material:magnet",
        "props": {
            "share": 0.5, "year": 2025, "key": "k1", "sources": ["doc:a", "doc:b"],
            "evidence": ["Alpha makes half.", "Half the magnets."], "confidence": 0.9, "reviewed": True,
        },
    }  # fmt: skip


@pytest.mark.parametrize(
    "value, problem",
    [({"a": 1}, "cannot store (dict)"), ([["a"]], "list Neo4j cannot store"), (["a", None], "list Neo4j cannot store"),
     (["a", 1], "list Neo4j cannot store"), (object(), "cannot store (object)")],
)  # fmt: skip
def test_values_neo4j_cannot_store_are_refused_with_the_owner_and_name(value, problem):
    with pytest.raises(StoreError, match="node org:x: property 'p'") as caught:
        check_property("p", value, "node org:x")
    assert problem in str(caught.value)


def test_primitive_values_and_homogeneous_lists_pass():
    assert check_property("p", (1, 2.5), "x") == [1, 2.5]  # ints and floats mix as numbers
    assert check_property("p", [], "x") == []
    assert check_property("p", True, "x") is True


def test_rows_are_grouped_by_label_and_type_in_schema_order():
    groups = node_rows_by_label([MAGNET, SOE, StoredNode("org:b", "StateOwnedEnterprise", "B")])
    assert list(groups) == ["StateOwnedEnterprise", "Material"]
    assert [r["id"] for r in groups["StateOwnedEnterprise"]] == ["org:alpha", "org:b"]
    other = StoredEdge("k2", "SUBSIDIARY_OF", "org:b", "org:alpha")
    assert list(edge_rows_by_type([EDGE, other])) == ["SUBSIDIARY_OF", "PRODUCES"]
    with pytest.raises(StoreError, match="unknown label 'Person'"):
        node_rows_by_label([StoredNode("org:p", "Person", "P")])


def test_batches_split_rows_and_refuse_a_zero_size():
    rows = [{"i": i} for i in range(7)]
    assert [len(b) for b in batches(rows, 3)] == [3, 3, 1]
    assert list(batches([], 3)) == []
    with pytest.raises(StoreError, match="at least 1"):
        list(batches(rows, 0))


def test_stored_records_are_the_inverse_of_rows():
    for node in (SOE, MAGNET):
        assert stored_node(_labels(node), node_props(node)) == node
    assert stored_edge("PRODUCES", "org:alpha", "material:magnet", edge_props(EDGE)) == EDGE
    assert stored_node(["Scratch"], {"id": "x"}) is None
    with pytest.raises(IntegrityError, match="two schema labels: Company, Material"):
        stored_node(["Entity", "Company", "Material"], {"id": "org:x"})


def test_labels_and_types_come_only_from_the_whitelists():
    assert cypher.node_labels("Company") == ":Company:Entity:Organization"
    assert cypher.node_labels("Material") == ":Material:Entity"
    for bad in ("Company) DETACH DELETE (n", "company", "Entity"):
        with pytest.raises(StoreError, match="unknown node label"):
            cypher.upsert_nodes(bad)
    with pytest.raises(StoreError, match="unknown relationship type"):
        cypher.upsert_edges("PRODUCES]->() DELETE r //")


def test_statements_bind_exactly_their_parameters():
    statement = cypher.upsert_nodes("Company")
    assert statement.bind(rows=[]) == {"rows": []}
    with pytest.raises(ValueError, match="takes"):
        statement.bind(rows=[], extra=1)
    assert all("$" not in s.text or s.params for s in cypher.all_statements())


def _as_neo4j(store: EmbeddedStore):
    """What push leaves in Neo4j, as the pull queries would return it (element ids made up)."""
    nodes = [(f"n{i}", _labels(n), node_props(n, {"chokepoint_score": 0.1})) for i, n in enumerate(store.nodes())]
    edges = [(f"r{i}", e.type, e.source, e.target, edge_props(e)) for i, e in enumerate(store.edges())]
    return nodes, edges


def test_pull_rebuilds_the_same_graph(tmp_path):
    original = EmbeddedStore(tmp_path / "a.db")
    original.apply(read_paths([FIXTURES / "good"]))
    nodes, edges = _as_neo4j(original)
    pulled = pulled_unit("neo4j:test", nodes + [("x", ["Scratch"], {"id": "x"})], edges + [("y", "NOTE", "x", "x", {})])
    assert (pulled.skipped_labels, pulled.skipped_types) == ({"Scratch": 1}, {"NOTE": 1})
    copy = EmbeddedStore(tmp_path / "b.db")
    copy.apply([pulled.unit])
    assert graph_state(copy) == graph_state(original)
    assert [n.props for n in copy.nodes()] == [n.props for n in original.nodes()], "chokepoint scores are not pulled"
    again = pulled_unit("neo4j:test", nodes, edges)
    assert again.unit.digest == pulled.unit.digest, "an unchanged Neo4j graph pulls with the same digest"


def test_pull_keeps_an_unreviewed_fact_unreviewed(tmp_path):
    """An extracted fact nobody accepted must not come back from Neo4j as reviewed, or --reviewed-only would trust it."""
    original = EmbeddedStore(tmp_path / "a.db")
    original.apply(read_paths([FIXTURES / "good", FIXTURES / "documents" / "northwind-magnet-plant.txt"]))
    assert any(not e.reviewed for e in original.edges()) and any(e.reviewed for e in original.edges())
    pulled = pulled_unit("neo4j:test", *_as_neo4j(original))
    assert pulled.unreviewed.extracted and pulled.facts == len(pulled.unit.facts) + len(pulled.unreviewed.facts)
    copy = EmbeddedStore(tmp_path / "b.db")
    copy.apply(pulled.units)
    assert graph_state(copy) == graph_state(original)
    assert {e.key: e.reviewed for e in copy.edges()} == {e.key: e.reviewed for e in original.edges()}


def test_pull_keeps_every_evidence_sentence_of_a_merged_edge(tmp_path):
    nodes = [
        ("1", _labels(SOE), node_props(SOE)),
        ("2", _labels(MAGNET), node_props(MAGNET)),
        *[(d, ["Document", "Entity"], {"id": d, "name": d}) for d in ("doc:a", "doc:b")],
    ]
    pulled = pulled_unit("neo4j:test", nodes, [("r", "PRODUCES", "org:alpha", "material:magnet", edge_props(EDGE))])
    store = EmbeddedStore(tmp_path / "c.db")
    store.apply([pulled.unit])
    (edge,) = store.edges()
    assert (edge.sources, edge.evidence, edge.confidence, edge.props) == (
        EDGE.sources, EDGE.evidence, EDGE.confidence, {"share": 0.5, "year": 2025}
    )


def test_pull_refuses_a_record_the_schema_refuses_and_names_it():
    bad = ("4:x:1", ["Company", "Entity", "Organization"], {"id": "org:bad", "name": "Bad", "country": "XX"})
    with pytest.raises(InvalidRecord, match=r"^neo4j:test node org:bad: .*country") as caught:
        pulled_unit("neo4j:test", [bad], [])
    assert "'XX'" in str(caught.value)
    no_source = ("r", "PRODUCES", "org:alpha", "material:magnet", {"key": "k"})
    with pytest.raises(InvalidRecord, match="relationship PRODUCES org:alpha->material:magnet.*no source"):
        pulled_unit("neo4j:test", [], [no_source])


def _has_chokepoint_analysis() -> bool:
    try:
        import supplygraph.graph.analyses.chokepoints  # noqa: F401
    except ImportError:
        return False
    return True


def test_chokepoint_scores_are_written_when_the_analysis_exists_and_never_break_a_push(tmp_path):
    from supplygraph.graph.analyses.chokepoints import chokepoint_scores

    store = EmbeddedStore(tmp_path / "cp.db")
    store.apply(read_paths([FIXTURES / "good"]))
    scores, note = chokepoint_scores(store.to_networkx())
    if not _has_chokepoint_analysis():
        assert scores == {} and note == "chokepoint scores not written: the chokepoint analysis is not installed"
        return
    assert note is None and scores, note
    ranks = sorted(v["chokepoint_rank"] for v in scores.values())
    assert ranks == list(range(1, len(ranks) + 1))
    assert all(0 < v["chokepoint_score"] <= 100 for v in scores.values())
    assert set(scores) <= {n.id for n in store.nodes()}
    rows = node_rows_by_label(store.nodes(), scores)
    assert any("chokepoint_score" in r["props"] for group in rows.values() for r in group)


def test_chokepoint_scores_on_a_graph_without_supply_flow_leave_a_note(tmp_path):
    from supplygraph.graph.analyses.chokepoints import chokepoint_scores

    empty = EmbeddedStore(tmp_path / "empty.db")
    scores, note = chokepoint_scores(empty.to_networkx())
    assert scores == {} and note and note.startswith("chokepoint scores not written")


def test_every_store_statement_lives_in_the_cypher_module():
    """The house rule: the store never passes a literal or an f-string to ``run``; statements come from cypher.py."""
    import ast
    from pathlib import Path

    import supplygraph.graph.stores.neo4j_store as store_module

    tree = ast.parse(Path(store_module.__file__).read_text(encoding="utf-8"))
    runs = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "run"]
    assert runs, "the store runs statements"
    for call in runs:
        first = call.args[0]
        assert not isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp)), ast.unparse(call)
        assert ast.unparse(first) in ("statement.text", "text"), ast.unparse(call)

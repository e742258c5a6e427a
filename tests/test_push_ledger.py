"""What push remembers of what it sent, so that a rerun sends only what changed.

The ledger's rules are tested here without a server; the integration tests
(``tests/test_neo4j_integration.py``, with NEO4J_URI) push for real.
"""

from __future__ import annotations

from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores.neo4j_rows import PushLedger, edge_row, node_row, row_digest
from supplygraph.graph.stores.base import StoredEdge, StoredNode

NODE = StoredNode("material:a", "Material", "A", ("a",), {"stage": "metal"})
EDGE = StoredEdge("k1", "INPUT_TO", "material:a", "material:b", {"share": 0.5}, ("doc:x",), ("A goes into B.",), 1.0)


def test_a_digest_changes_with_any_property_and_with_the_label_or_type():
    digest = row_digest("upsert_nodes_Material", node_row(NODE))
    assert digest == row_digest("upsert_nodes_Material", node_row(StoredNode(*NODE.__dict__.values())))
    assert digest != row_digest("upsert_nodes_Material", node_row(NODE, {"chokepoint_score": 0.1}))
    assert digest != row_digest("upsert_nodes_Element", node_row(NODE))
    changed = StoredEdge(*[*EDGE.__dict__.values()][:7], 0.9)
    assert row_digest("upsert_edges_INPUT_TO", edge_row(EDGE)) != row_digest("upsert_edges_INPUT_TO", edge_row(changed))


def test_the_ledger_is_trusted_only_while_the_database_counts_are_those_the_last_push_left():
    ledger = PushLedger()
    ledger.trust((0, 0))
    ledger.record({"n:material:a": "d1"})
    ledger.finish((1, 0))
    ledger.trust((1, 0))
    assert ledger.digests == {"n:material:a": "d1"}
    ledger.trust((0, 0))  # the database was emptied (or written by someone else) since
    assert ledger.digests == {} and ledger.counts is None
    ledger.record({"n:material:a": "d1"})
    ledger.trust((1, 0))  # a push that did not finish: its record is not trusted either
    assert ledger.digests == {}
    ledger.record({"n:material:a": "d1"})
    ledger.finish((1, 0))
    ledger.trust(None)  # --full
    assert ledger.digests == {}


def test_the_embedded_store_keeps_a_ledger_per_database(tmp_path):
    store = EmbeddedStore(tmp_path / "local.db")
    assert store.read_ledger("bolt://a (database default)") == ({}, None)
    store.write_ledger("bolt://a (database default)", {"n:x": "1", "r:k": "2"}, None, False)
    store.write_ledger("bolt://a (database default)", {"r:k": "3"}, (1, 1), False)
    store.write_ledger("bolt://b (database default)", {"n:y": "9"}, (1, 0), False)
    store.close()
    store = EmbeddedStore(tmp_path / "local.db")
    assert store.read_ledger("bolt://a (database default)") == ({"n:x": "1", "r:k": "3"}, (1, 1))
    store.write_ledger("bolt://a (database default)", {}, None, True)
    assert store.read_ledger("bolt://a (database default)") == ({}, None)
    assert store.read_ledger("bolt://b (database default)") == ({"n:y": "9"}, (1, 0))
    assert store.stats().nodes == 0, "the ledger is beside the graph, not in it"


def test_a_read_only_store_keeps_no_ledger_and_says_nothing(tmp_path):
    path = tmp_path / "local.db"
    EmbeddedStore(path).close()
    store = EmbeddedStore(path, read_only=True)
    store.write_ledger("bolt://a (database default)", {"n:x": "1"}, (1, 0), False)
    assert store.read_ledger("bolt://a (database default)") == ({}, None)

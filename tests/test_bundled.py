"""The bundled dataset through the real command: `supplygraph demo` and loading it twice."""

from __future__ import annotations

import json

from supplygraph import api
from supplygraph.data import BUNDLED
from supplygraph.graph import EmbeddedStore

from .conftest import snapshot


def test_demo_prints_stats_of_the_bundled_data(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "nodes" in result.stdout and "edges" in result.stdout
    stats = json.loads(cli("stats", "--format", "json").stdout)
    assert stats["nodes"] >= 60 and stats["edges"] >= 100, stats
    assert cli("show", "org:baogang-group").exit_code == 0


def test_sample_articles_resolve_to_the_dataset_loaded_with_them(tmp_path):
    store = EmbeddedStore(tmp_path / "demo.db")
    api.load_bundled(store)
    licensing = [n for n in store.nodes("Document") if "seven medium and heavy rare earths" in n.props.get("title", "")]
    assert len(licensing) == 1
    mentioned = {e.source for e in store.edges_of(licensing[0].id) if e.type == "MENTIONED_IN"}
    assert {"material:smco-magnet", "org:mofcom", "element:Dy", "enduse:guided-missile"} <= mentioned
    assert store.node("material:samarium-cobalt-magnet") is None, "the built-in vocabulary must not shadow the dataset"


def test_loading_the_bundled_data_twice_changes_no_count(tmp_path):
    store = EmbeddedStore(tmp_path / "twice.db")
    first = api.load(store, api.read([BUNDLED]))
    before = snapshot(tmp_path / "twice.db")
    again = api.load(store, api.read([BUNDLED]))
    assert (again.nodes.added, again.nodes.updated, again.edges.added, again.edges.updated) == (0, 0, 0, 0)
    assert again.edges.unchanged == first.edges.added
    store.close()
    after = snapshot(tmp_path / "twice.db")
    assert {t: len(rows) for t, rows in after.items()} == {t: len(rows) for t, rows in before.items()}


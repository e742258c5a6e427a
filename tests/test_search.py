"""Finding entities by name (issue 14, item 2): ``supplygraph search`` over names and aliases, ranked, filtered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.graph.stores.base import StoredNode
from supplygraph.graph.stores.search import fold, search_nodes


def search(store: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--store", str(store), "search", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("text, first", [
    ("Lynas", "org:lynas"),                  # an alias, whatever the case
    ("LYNAS RARE EARTHS", "org:lynas"),
    ("mp-materials", "org:mp-materials"),    # punctuation folds away
    ("MP Materials", "org:mp-materials"),
    ("包钢", "org:baogang-group"),            # Chinese names
    ("dysprosium", "element:Dy"),
    ("guided missile", "enduse:guided-missile"),
    ("baogang", "org:baogang-group"),
])  # fmt: skip
def test_search_finds_names_and_aliases_best_first(bundled, text, first):
    found = search(bundled, text)
    assert found[0]["id"] == first, [f["id"] for f in found[:5]]
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)


def test_label_filters_and_limit(bundled):
    found = search(bundled, "lynas", "--label", "Facility", "--label", "company", "--limit", "3")
    assert len(found) == 3 and {f["label"] for f in found} <= {"Facility", "Company"}
    assert all(f["label"] == "Facility" for f in search(bundled, "lynas", "--label", "Facility"))


def test_search_table_and_nothing_found(bundled):
    result = CliRunner().invoke(main, ["--store", str(bundled), "search", "lynas"])
    assert result.stdout.splitlines()[0].split() == ["id", "label", "name"]
    assert "Lynas Rare Earths (as 'Lynas')" in result.stdout, "the alias that matched is named"
    assert "org:lynas " in result.stdout
    missing = CliRunner().invoke(main, ["--store", str(bundled), "search", "zzqqxx"])
    assert missing.exit_code == 1 and missing.stderr.startswith("supplygraph: error: nothing matches 'zzqqxx'")


def test_a_misspelt_name_is_still_found():
    nodes = [StoredNode("org:lynas", "Company", "Lynas Rare Earths", ("Lynas",)), StoredNode("country:CN", "Country", "China")]
    assert [m.node.id for m in search_nodes(nodes, "Lynass")] == ["org:lynas"]
    assert fold("Ｌｙｎａｓ—Rare／Earths") == "lynas rare earths"


def test_docstring_examples_run():
    import doctest

    from supplygraph.graph.stores import search as module

    assert doctest.testmod(module).failed == 0

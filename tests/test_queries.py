"""The Cypher library's files and runner, without a server: headers, parameters, example ids."""

from __future__ import annotations

import re

import pytest

from supplygraph import queries
from supplygraph.errors import InvalidRecord, NotFound
from supplygraph.loaders import read_paths
from supplygraph.data import BUNDLED
from supplygraph.graph import EmbeddedStore
from supplygraph.schema import NODE_LABELS

REQUIRED = {
    "supply-paths-to-end-use", "single-supplier-dependencies", "single-country-dependencies", "export-control-reach",
    "cooperation-partners", "corporate-family", "facts-behind-edge", "document-mentions", "top-chokepoints",
}  # fmt: skip
ID = re.compile(r"^[a-z]+:[A-Za-z0-9._-]+$")


def test_the_library_has_every_required_question_and_at_least_twelve():
    names = queries.names()
    assert len(names) >= 12, names
    assert REQUIRED <= set(names), REQUIRED - set(names)


@pytest.mark.parametrize("name", queries.names())
def test_each_file_has_a_header_browser_params_and_a_query(name):
    query = queries.load(name)
    text = query.path.read_text(encoding="utf-8")
    assert text.startswith("// ") and query.title and query.question.endswith("?"), name
    used = set(re.findall(r"\$([A-Za-z_]\w*)", query.cypher))
    assert used == set(query.params), f"{name}: parameters used {used} but set by :param lines {set(query.params)}"
    for param in query.params:
        assert re.search(rf"^//\s+{param}\s+\S", text, re.M), f"{name}: parameter {param} is not described"
        assert re.search(rf"^:param {param} => .+;$", text, re.M), f"{name}: no Browser ':param {param} => ...;' line"
    assert ":param" not in query.cypher and not query.cypher.rstrip().endswith(";")


def test_parse_reads_literals_and_refuses_other_client_commands():
    text = "// T\n// Question: q?\n:param a => 'x';\n:param n => 3;\n:param f => 0.5;\n:param b => true;\n" \
           ":param l => ['p', 'q'];\n\nMATCH (n) RETURN n\n"  # fmt: skip
    query = queries.parse(text, "t")
    assert query.params == {"a": "x", "n": 3, "f": 0.5, "b": True, "l": ["p", "q"]}
    assert query.cypher == "MATCH (n) RETURN n"
    with pytest.raises(InvalidRecord, match=r"t:3: only :param commands"):
        queries.parse("// T\n// Question: q?\n:style x\nRETURN 1", "t")
    with pytest.raises(InvalidRecord, match="no a 'Question:' line"):
        queries.parse("// T\nRETURN 1", "t")


def test_bind_converts_given_values_to_the_examples_types():
    query = queries.parse("// T\n// Question: q?\n:param s => 'a';\n:param n => 3;\n:param f => 0.5;\nRETURN $s, $n, $f", "t")
    assert query.bind({}) == {"s": "a", "n": 3, "f": 0.5}
    assert query.bind({"n": "10", "f": "0.25", "s": "org:x"}) == {"s": "org:x", "n": 10, "f": 0.25}
    with pytest.raises(InvalidRecord, match="'n' expects a int like 3, got 'ten'"):
        query.bind({"n": "ten"})
    with pytest.raises(InvalidRecord, match="no parameter 'x'"):
        query.bind({"x": "1"})


def test_unknown_query_names_the_ones_that_exist():
    with pytest.raises(NotFound, match="no query named 'nope'.*corporate-family"):
        queries.load("nope")
    with pytest.raises(NotFound):
        queries.load("../README")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    if not any(BUNDLED.glob("*.yaml")):
        pytest.skip(f"the bundled dataset is not in {BUNDLED} yet")
    store = EmbeddedStore(tmp_path_factory.mktemp("bundled") / "bundled.db")
    store.apply(read_paths([BUNDLED]))
    yield store
    store.close()


@pytest.mark.parametrize("name", queries.names())
def test_example_ids_exist_in_the_bundled_dataset(bundled, name):
    """Pasted into Browser after a push of the bundled data, every example finds its node."""
    for param, value in queries.load(name).params.items():
        if isinstance(value, str) and ID.match(value):
            node = bundled.node(value)
            assert node is not None, f"{name}: :param {param} => {value!r} is not in the bundled dataset"
            assert node.label in NODE_LABELS


def test_style_sheet_has_a_colour_and_caption_for_every_label():
    text = queries.STYLE.read_text(encoding="utf-8")
    for label in NODE_LABELS:
        block = re.search(rf"node\.{label}\s*\{{([^}}]*)\}}", text)
        assert block, f"no style for {label}"
        assert "color:" in block.group(1) and "caption:" in block.group(1), label


def test_the_neo4j_guide_lists_every_query():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "docs" / "neo4j.md").read_text(encoding="utf-8")
    for name in queries.names():
        assert f"| `{name}` |" in guide, f"docs/neo4j.md's query table misses {name}"

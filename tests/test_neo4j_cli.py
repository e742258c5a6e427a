"""``supplygraph neo4j`` and ``supplygraph query`` without a server: listing, errors before any connection."""

from __future__ import annotations

import json

from click.testing import CliRunner

from supplygraph import queries
from supplygraph.cli import main

from .conftest import FIXTURES

DOWN = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "pw-never-shown"}


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env={**DOWN, **(env or {})})


def test_query_list_shows_every_query_with_its_example_parameters():
    result = run("query", "--list")
    assert result.exit_code == 0, result.output
    for name in queries.names():
        assert name in result.stdout
    assert "org='org:baogang-group'" in result.stdout
    listed = json.loads(run("query", "--list", "--format", "json").stdout)
    assert {q["name"] for q in listed} == set(queries.names())
    assert next(q for q in listed if q["name"] == "top-chokepoints")["params"] == {"limit": 10}


def test_unknown_query_and_bad_parameters_fail_before_connecting():
    result = run("query", "nope")
    assert result.exit_code == 1 and result.stderr.startswith("supplygraph: error: no query named 'nope'")
    result = run("query", "corporate-family", "--param", "company=org:x")
    assert result.exit_code == 1 and "has no parameter 'company' (parameters: org)" in result.stderr
    result = run("query", "top-chokepoints", "--param", "limit=many")
    assert result.exit_code == 1 and "'limit' expects a int like 10, got 'many'" in result.stderr
    result = run("query", "top-chokepoints", "--param", "limit")
    assert result.exit_code == 2 and "expected key=value" in result.stderr


def test_query_on_a_server_that_is_down_is_one_line(tmp_path):
    result = run("query", "corporate-family", "--param", "org=org:baogang-group")
    assert result.exit_code == 1
    assert result.stderr.startswith("supplygraph: error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "pw-never-shown" not in result.output


def test_push_refuses_unknown_labels_and_ids_without_connecting(tmp_path):
    store = str(tmp_path / "local.db")
    assert run("--store", store, "load", str(FIXTURES / "good")).exit_code == 0
    result = run("--store", store, "neo4j", "push", "--label", "Person")
    assert result.exit_code == 1 and "unknown node label 'Person'" in result.stderr
    result = run("--store", store, "neo4j", "push", "--ids", "org:nobody")
    assert result.exit_code == 1 and "no entity with id 'org:nobody' in the local store" in result.stderr


def test_push_needs_a_local_store(tmp_path):
    result = run("--store", str(tmp_path / "missing.db"), "neo4j", "push")
    assert result.exit_code == 1 and "no store at" in result.stderr


def test_style_prints_a_browser_style_command():
    result = run("neo4j", "style")
    assert result.stdout.startswith(":style node {") and "node.StateOwnedEnterprise" in result.stdout


def test_push_report_shows_counts_per_label_and_type_and_the_rate():
    from supplygraph.graph.stores.neo4j_push import PushSummary
    from supplygraph.neo4j_cli import render_push

    summary = PushSummary(
        nodes={"Country": {"written": 2, "created": 2, "updated": 0}},
        edges={"PRODUCES": {"written": 4000, "created": 0, "updated": 1}},
        chokepoints=3,
        seconds=0.5,
    )
    text = render_push(summary, "bolt://localhost:7687 (database default)", "table")
    assert "Country        2        2        0" in text and "PRODUCES    4,000        0        1" in text
    assert text.endswith(
        "2 nodes and 4,000 relationships pushed to bolt://localhost:7687 (database default) "
        "(2 created, 1 updated) in 0.5 s (8,000 relationships/s); chokepoint scores on 3 nodes"
    )
    data = json.loads(render_push(summary, "x", "json"))
    assert data["totals"] == {"nodes": 2, "edges": 4000, "created": 2, "updated": 1} and data["target"] == "x"

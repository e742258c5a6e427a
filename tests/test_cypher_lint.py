"""Every Cypher statement, the store's and the library's, through Neo4j's own parser and linter.

``tests/cypher_lint.mjs`` runs ``lintCypherQuery`` from the npm package
``@neo4j-cypher/language-support`` (pinned in package.json, installed by
``make test-setup``) with the schema's labels, relationship types and
property keys, and each statement's declared parameters.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from supplygraph import queries
from supplygraph.graph.stores import cypher
from supplygraph.schema import FACT_CLASSES, FACT_TYPES, NODE_CLASSES, NODE_LABELS

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "cypher_lint.mjs"
PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (make test-setup needs it)")


def lint_schema() -> dict:
    """Labels, relationship types and property keys the graph can hold, from the schema classes."""
    keys = {name for cls in (*NODE_CLASSES, *FACT_CLASSES) for name in cls.model_fields} - {"label", "type"}
    keys |= {*cypher.EDGE_BOOKKEEPING, *cypher.DERIVED_NODE_PROPERTIES, "origin", "digest", "loaded_at", "claims",
             *cypher.DECISION_PROPERTIES}
    return {
        "labels": sorted([*NODE_LABELS, cypher.ENTITY, cypher.ORGANIZATION, cypher.ORIGIN, cypher.DECISION]),
        "relationshipTypes": sorted(FACT_TYPES),
        "propertyKeys": sorted(keys),
    }


def library_statements() -> list[dict]:
    """Each library file as pasted into Browser: header, ``:param`` lines and query."""
    return [
        {"name": f"queries/{q.name}.cypher", "text": q.path.read_text(encoding="utf-8"), "params": list(q.params)}
        for q in queries.library()
    ]


def lint(statements: list[dict], tmp_path: Path) -> subprocess.CompletedProcess:
    if not PACKAGE.is_dir():
        pytest.fail("the Cypher linter is not installed: run 'make test-setup' (npm ci)")
    path = tmp_path / "statements.json"
    path.write_text(json.dumps({"schema": lint_schema(), "statements": statements}), encoding="utf-8")
    # (66 s alone on a busy 2-core machine; 120 s was exceeded twice under a load average of 15: the limit only
    # catches a linter that hangs)
    return subprocess.run(["node", str(SCRIPT), str(path)], capture_output=True, text=True, cwd=ROOT, timeout=400)


def test_store_statements_pass_the_linter(tmp_path):
    statements = cypher.lint_input()
    assert len(statements) > 100  # every label and type variant is there
    result = lint(statements, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(statements)} statement(s), 0 problem(s)" in result.stderr


def test_library_queries_pass_the_linter(tmp_path):
    statements = library_statements()
    assert len(statements) >= 12
    result = lint(statements, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN = {
    "syntax error": ("MATCH (n:Entity {id: $id}) RETURN n,", ["id"], "expected an expression"),
    "undefined variable": ("MATCH (n:Entity {id: $id}) RETURN m", ["id"], "Variable `m` not defined"),
    "undeclared parameter": ("MATCH (n:Entity {id: $id}) RETURN n", [], "Parameter $id is not defined"),
    "misspelt label": ("MATCH (n:Entiti) RETURN n", [], "Label Entiti is not present"),
    "unknown type": ("MATCH (:Entity)-[r:SUPPLY]->(:Entity) RETURN r", [], "SUPPLY is not present"),
    "unknown property": ("MATCH (n:Entity) RETURN n.nmae", [], "nmae is not present"),
}


def test_linter_catches_deliberately_broken_statements(tmp_path):
    statements = [{"name": name, "text": text, "params": params} for name, (text, params, _) in BROKEN.items()]
    statements.append({"name": "fine", "text": "MATCH (n:Entity {id: $id}) RETURN n.name", "params": ["id"]})
    result = lint(statements, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [json.loads(line) for line in result.stdout.splitlines()]
    for name, (_, _, expected) in BROKEN.items():
        assert any(p["statement"] == name and expected in p["message"] for p in problems), (name, problems)
    assert not [p for p in problems if p["statement"] == "fine"], problems

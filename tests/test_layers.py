"""The layering stays true: imports run one way, and no module imports itself back through others.

Read from the source with ``ast`` (every import, at module level, inside
functions and under ``TYPE_CHECKING`` alike): a lazy or type-only import is
still a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]

# Folder -> the package it is installed as (pyproject.toml's package-dir).
PACKAGE_DIRS = {"supplygraph": "supplygraph", "schema": "supplygraph.schema", "graph": "supplygraph.graph",
                "loaders": "supplygraph.loaders", "queries": "supplygraph.queries", "data": "supplygraph.data"}  # fmt: skip

SHARED = ("supplygraph", "supplygraph.errors", "supplygraph.perf", "supplygraph.formatting")
"""Helpers every layer may use: the one exception hierarchy, bulk-work helpers, text formatting (and the empty root package)."""

API = ("supplygraph.api", "supplygraph.api_review")
"""The library calls: api.py, and the review gate's (api_review.py, whose calls api.py re-exports)."""

CLI = ("supplygraph.cli", "supplygraph.neo4j_cli", "supplygraph.review_cli", "supplygraph.output", "supplygraph.__main__")

# Each layer and what it may import besides itself. Order is bottom to top.
LAYERS: dict[str, tuple[str, ...]] = {
    "shared": (),
    "supplygraph.schema": ("shared",),
    "supplygraph.data": ("shared",),
    "supplygraph.loaders": ("shared", "supplygraph.schema"),
    "supplygraph.graph.stores": ("shared", "supplygraph.schema"),
    "supplygraph.queries": ("shared", "supplygraph.schema", "supplygraph.graph.stores"),
    "supplygraph.graph.analyses": ("shared", "supplygraph.schema", "supplygraph.graph.stores"),
    "supplygraph.graph.views": ("shared", "supplygraph.schema", "supplygraph.graph.stores", "supplygraph.graph.analyses"),
    "supplygraph.api": ("shared", "supplygraph.schema", "supplygraph.data", "supplygraph.loaders", "supplygraph.queries",
                        "supplygraph.graph.stores", "supplygraph.graph.analyses", "supplygraph.graph.views"),
    "cli": ("shared", "supplygraph.schema", "supplygraph.data", "supplygraph.loaders", "supplygraph.queries",
            "supplygraph.graph.stores", "supplygraph.graph.analyses", "supplygraph.graph.views", "supplygraph.api"),
}  # fmt: skip


def layer_of(module: str) -> str:
    """The layer a module belongs to (``supplygraph.graph`` itself re-exports the stores, so it counts as one)."""
    if module in SHARED:
        return "shared"
    if module in CLI:
        return "cli"
    if module in API:
        return "supplygraph.api"
    if module == "supplygraph.graph":
        return "supplygraph.graph.stores"
    for layer in sorted(LAYERS, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    raise AssertionError(f"{module} belongs to no layer: add it to tests/test_layers.py")


def our_modules() -> dict[str, Path]:
    modules = {}
    for folder, package in PACKAGE_DIRS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join((package, *parts))
            modules[name.removesuffix(".__init__")] = path
    return modules


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The project's modules that ``module`` imports, relative imports resolved, ``from pkg import mod`` included."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    modules = our_modules()
    G = nx.DiGraph()
    for module, path in modules.items():
        G.add_node(module)
        for imported in imports_of(module, path, set(modules)):
            G.add_edge(module, imported)
    return G


def test_every_module_is_in_a_layer(graph):
    for module in graph:
        layer_of(module)


def test_imports_run_one_way(graph):
    wrong = []
    for module, imported in graph.edges:
        mine, theirs = layer_of(module), layer_of(imported)
        if theirs != mine and theirs not in LAYERS[mine]:
            wrong.append(f"{module} ({mine}) imports {imported} ({theirs})")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles(graph):
    # A package's __init__ re-exporting its own modules is not a cycle a reader follows: drop package -> child edges.
    G = nx.DiGraph((a, b) for a, b in graph.edges if not b.startswith(a + "."))
    cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_check_catches_an_upward_import(tmp_path):
    """The test above can fail: a store importing an analysis is reported."""
    fake = tmp_path / "fake_store.py"
    fake.write_text("from ..analyses.chokepoints import chokepoint_report\n", encoding="utf-8")
    modules = set(our_modules())
    found = imports_of("supplygraph.graph.stores.fake_store", fake, modules)
    assert found == {"supplygraph.graph.analyses.chokepoints"}
    assert layer_of("supplygraph.graph.analyses.chokepoints") not in LAYERS[layer_of("supplygraph.graph.stores.fake_store")]

"""The extraction's fingerprint reads every file the extraction reads its rules from (extractor.rule_files): every
module the extractor imports (a hand-kept list missed loaders/facilities.py in session 16) and the loaders' data."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplygraph.loaders.extraction import extractor

from .test_layers import ROOT, imports_of, our_modules

ROOTS = ("supplygraph.loaders.extraction.extractor", "supplygraph.loaders.documents")
"""The extractor, and the reading of a file into the text blocks it reads."""


def _imported() -> dict[str, Path]:
    """The modules the roots import, read with ``ast`` as tests/test_layers.py reads them (their packages included),
    and their files."""
    modules = our_modules()
    seen: set[str] = set()
    todo = list(ROOTS)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            parts = module.split(".")
            todo += [".".join(parts[:n]) for n in range(1, len(parts))]
            todo += imports_of(module, modules[module], set(modules))
    return {module: modules[module] for module in seen}


def _names() -> set[str]:
    return {name for name, _ in extractor.rule_files()}


def test_every_module_the_extractor_imports_is_in_the_digest() -> None:
    imported = _imported()
    assert "supplygraph.loaders.facilities" in imported and "supplygraph.schema.nodes" in imported
    names = _names()
    missing = sorted(m for m, path in imported.items() if path.relative_to(ROOT).as_posix() not in names)
    assert not missing, f"modules the extractor imports that its fingerprint does not read: {missing}"


def test_every_data_file_of_the_loaders_is_in_the_digest() -> None:
    shipped = [*(ROOT / "loaders" / "knowledge").glob("*.yaml"), *(ROOT / "loaders" / "knowledge").glob("*.tsv"),
               *(ROOT / "loaders" / "extraction" / "patterns").glob("*.yaml"),
               ROOT / "loaders" / "extraction" / "learned" / "weights.npz"]  # (pyproject.toml's package-data)
    assert len(shipped) >= 10
    names = _names()
    assert not [p for p in shipped if p.relative_to(ROOT).as_posix() not in names]


def test_the_names_are_the_files_under_the_package() -> None:
    files = dict(extractor.rule_files())
    assert files["loaders/facilities.py"].resolve() == (ROOT / "loaders" / "facilities.py").resolve()
    assert files["loaders/knowledge/facilities.yaml"].read_bytes() == (ROOT / "loaders" / "knowledge" / "facilities.yaml").read_bytes()
    assert not [name for name in files if "__pycache__" in name or name.endswith(".pyc")]


@pytest.mark.parametrize("changed", ["loaders/facilities.py", "loaders/knowledge/facilities.yaml",
                                     "loaders/extraction/grammar.py", "schema/nodes.py", "loaders/__init__.py"])  # fmt: skip
def test_a_change_to_a_rule_file_changes_the_digest(changed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = extractor._rules_digest.__wrapped__()
    target, read = (ROOT / changed).resolve(), Path.read_bytes

    def edited(path: Path) -> bytes:
        return read(path) + (b"\n# edited\n" if path.resolve() == target else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert extractor._rules_digest.__wrapped__() != before
    monkeypatch.undo()
    assert extractor._rules_digest.__wrapped__() == before

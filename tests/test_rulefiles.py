"""The extraction's fingerprint reads every file the extraction reads its rules from (loaders/extraction/rulefiles.py):
the modules the extractor imports, found by following the imports (a hand-kept list missed loaders/facilities.py in
session 16), and the loaders' data files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from supplygraph.loaders.extraction import extractor, rulefiles

from .test_layers import ROOT, imports_of, our_modules


def _imported() -> set[str]:
    """The modules the roots import, read with ``ast`` as tests/test_layers.py reads them (the packages included)."""
    modules = our_modules()
    seen: set[str] = set()
    todo = list(rulefiles.ROOTS)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            parts = module.split(".")
            todo += [".".join(parts[:n]) for n in range(1, len(parts))]
            todo += imports_of(module, modules[module], set(modules))
    return seen


def test_every_module_under_loaders_the_extractor_imports_is_in_the_digest() -> None:
    names = {name for name, _ in rulefiles.rule_files()}
    imported = _imported()
    assert "supplygraph.loaders.facilities" in imported and "supplygraph.loaders.gazetteer" in imported
    missing = sorted(module for module in imported if module.startswith("supplygraph.loaders") and module not in names)
    assert not missing, f"modules the extractor imports that its fingerprint does not read: {missing}"
    assert not sorted(imported - names)  # schema's and the shared modules too


def test_every_data_file_of_the_loaders_is_in_the_digest() -> None:
    names = {name for name, _ in rulefiles.rule_files()}
    shipped = [*(ROOT / "loaders" / "knowledge").glob("*.yaml"), *(ROOT / "loaders" / "knowledge").glob("*.tsv"),
               *(ROOT / "loaders" / "extraction" / "patterns").glob("*.yaml"),
               ROOT / "loaders" / "extraction" / "learned" / "weights.npz"]  # (pyproject.toml's package-data)
    assert len(shipped) >= 10
    assert not [p for p in shipped if p.relative_to(ROOT / "loaders").as_posix() not in names]


def test_what_the_digest_reads_is_the_files_content() -> None:
    files = dict(rulefiles.rule_files())
    assert files["supplygraph.loaders.facilities"] == (ROOT / "loaders" / "facilities.py").read_bytes()
    assert files["knowledge/facilities.yaml"] == (ROOT / "loaders" / "knowledge" / "facilities.yaml").read_bytes()


@pytest.mark.parametrize("changed", ["loaders/facilities.py", "loaders/knowledge/facilities.yaml",
                                     "loaders/extraction/grammar.py", "schema/nodes.py", "loaders/__init__.py"])  # fmt: skip
def test_a_change_to_a_rule_file_changes_the_digest(changed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = extractor._rules_digest.__wrapped__()
    target = (ROOT / changed).resolve()

    def edited(path: str, mode: str = "r") -> io.BytesIO:
        with open(path, mode) as file:  # (the built-in: this function stands in for it in rulefiles alone)
            content = file.read()
        return io.BytesIO(content + b"\n# edited\n" if Path(path).resolve() == target else content)

    monkeypatch.setattr(rulefiles, "open", edited, raising=False)
    assert extractor._rules_digest.__wrapped__() != before
    monkeypatch.undo()
    assert extractor._rules_digest.__wrapped__() == before

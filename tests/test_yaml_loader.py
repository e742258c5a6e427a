"""Curated YAML is parsed by libyaml's C parser; the records and their line numbers are the pure-Python parser's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from supplygraph.data import BUNDLED
from supplygraph.loaders.curated import _FastLineLoader, _LineLoader


def test_the_c_parser_gives_the_same_documents_and_lines_as_the_python_one():
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML is built without libyaml: the loader falls back to the pure-Python parser")
    assert issubclass(_FastLineLoader, yaml.CSafeLoader)
    files = sorted(Path(BUNDLED).rglob("*.yaml"))
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=_FastLineLoader) == yaml.load(text, Loader=_LineLoader), path.name  # noqa: S506

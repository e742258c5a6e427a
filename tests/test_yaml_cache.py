"""The YAML files every ``extract`` reads, parsed once and kept in the user's cache (supplygraph.loaders.cache)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from supplygraph.loaders import cache
from supplygraph.loaders.extraction.vocabulary import BASE_FILE, Vocabulary
from supplygraph.loaders.lexicon import KNOWLEDGE

SHIPPED = [*sorted(KNOWLEDGE.glob("*.yaml")), BASE_FILE]


def _yaml(text: str):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(text: str):
        raise AssertionError("parsed again")

    monkeypatch.setattr(cache, "_parse", parse)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_a_shipped_file_reads_the_same_from_the_cache_without_the_parser(path: Path, folder: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    first = cache.yaml_data(text)
    assert first == _yaml(text)
    assert len(list(folder.glob("yaml-*.json"))) == 1
    _no_parser(monkeypatch)
    again = cache.yaml_data(text)
    assert again == first and cache._same(again, first)


def test_dates_and_types_come_back_as_yaml_gave_them(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: 2024-12-03\nb: [1, 1.0, true, null, '2024-12-03', x]\nc: {d: 1.5e+3}\n"
    first = cache.yaml_data(text)
    assert first == {"a": datetime.date(2024, 12, 3), "b": [1, 1.0, True, None, "2024-12-03", "x"], "c": {"d": 1500.0}}
    _no_parser(monkeypatch)
    again = cache.yaml_data(text)
    assert cache._same(again, first) and again["a"].__class__ is datetime.date and again["b"][1].__class__ is float


@pytest.mark.parametrize("text", ["a: !!set {x, y}\n", "1: one\n", "t: 2024-12-03 10:00:00\n", "n: .nan\n",
                                  "x: {\"\\0date\": 1}\n"])  # fmt: skip
def test_what_json_cannot_give_back_is_parsed_each_time(text: str, folder: Path) -> None:
    assert repr(cache.yaml_data(text)) == repr(_yaml(text))
    assert not list(folder.glob("yaml-*.json")) if folder.exists() else True


def test_another_text_is_another_file_and_a_damaged_one_is_parsed_again(folder: Path) -> None:
    assert cache.yaml_data("a: 1\n") == {"a": 1}
    assert cache.yaml_data("a: 2\n") == {"a": 2}
    files = sorted(folder.glob("yaml-*.json"))
    assert len(files) == 2
    for path in files:
        path.write_text('{"dates": false, "da', encoding="utf-8")  # (cut short)
    assert cache.yaml_data("a: 1\n") == {"a": 1} and cache.yaml_data("a: 2\n") == {"a": 2}


def test_no_cache_folder_means_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert cache.yaml_data("a: [1, 2]\n") == {"a": [1, 2]}
    assert not list(tmp_path.rglob("yaml-*.json"))


def test_not_yaml_is_still_an_error_that_names_the_file(tmp_path: Path, folder: Path) -> None:
    bad = tmp_path / "extra.yaml"
    bad.write_text("GROUP:\n  WORDS: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception, match="not YAML") as caught:
        Vocabulary([bad])
    assert str(bad) in str(caught.value)


def test_the_vocabulary_is_the_same_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Vocabulary()
    _no_parser(monkeypatch)
    again = Vocabulary()
    assert vars(again) == vars(first)


YAML_PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
result = CliRunner().invoke(main, ["--store", {store!r}, "extract", {document!r}, "--format", "json"])
assert result.exit_code == 0, result.output
print(sorted(m for m in ("yaml", "supplygraph.loaders.curated") if m in sys.modules))
"""


def test_extract_with_its_files_kept_imports_no_yaml(tmp_path: Path) -> None:
    """The second ``extract`` reads every YAML file's parse from the cache: the YAML parser and the curated
    loader (about 20 ms of CPU) are not imported (the first run, which parses and keeps them, imports YAML)."""
    import os
    import subprocess
    import sys

    document = str(Path(__file__).resolve().parents[1] / "data" / "samples" / "china-export-licensing-2025.txt")
    env = {**os.environ, "SUPPLYGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", YAML_PROBE.format(store=str(tmp_path / f"s{n}.db"), document=document)],
                           capture_output=True, text=True, check=True, env=env).stdout.split("\n")[-2] for n in (1, 2)]  # fmt: skip
    assert runs == ["['yaml']", "[]"]


def test_the_knowledge_files_have_one_reader_parsed_once_a_process() -> None:
    """lexicon's knowledge files, policies.yaml and facilities.yaml are read by :func:`cache.yaml_file` alike (no
    second reader)."""
    from supplygraph.loaders import lexicon, policies

    assert cache.yaml_file(KNOWLEDGE / "companies.yaml") is cache.yaml_file(KNOWLEDGE / "companies.yaml")
    assert lexicon._knowledge("companies.yaml") is cache.yaml_file(KNOWLEDGE / "companies.yaml")
    assert policies._policies() is cache.yaml_file(KNOWLEDGE / "policies.yaml")["policies"]

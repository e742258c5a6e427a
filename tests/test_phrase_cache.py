"""The phrase patterns' cache (``loaders/extraction/phrases.py``): the matcher built from the file matches exactly as
the one built by tokenizing; a missing, stale, corrupt or unwritable cache only means tokenizing again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supplygraph.loaders.extraction import Extractor, phrases
from supplygraph.loaders.gazetteer import Gazetteer

TEXT = ("Lynas Rare Earths and MP Materials buy NdPr oxide; the Mountain Pass mine in California, U.S., ships "
        "rare-earth concentrate to Shenghe Resources. Noveon Magnetics of San Marcos, Texas, makes NdFeB magnets.")  # fmt: skip


def _matches(extractor: Extractor, text: str = TEXT) -> list[tuple[str, int, int]]:
    doc = extractor.nlp(text)
    return [(extractor.nlp.vocab.strings[key], start, end) for key, start, end in extractor.phrases(doc)]


@pytest.fixture(scope="module")
def nlp():
    """spaCy's pipeline as the extractor sets it up (built without the cache: these tests call the cache themselves)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUPPLYGRAPH_CACHE_DIR", "")
        return Extractor(Gazetteer()).nlp


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", str(folder))
    return folder


def test_second_build_reads_the_file_and_matches_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Extractor(Gazetteer())
    files = list(cache.glob("phrases-*.bin"))
    assert len(files) == 1
    read, original = [], phrases._read
    monkeypatch.setattr(phrases, "_read", lambda *a: read.append(original(*a)) or read[-1])
    monkeypatch.setattr(phrases, "_write", lambda *a: pytest.fail("written again"))
    second = Extractor(Gazetteer())
    assert len(read) == 1 and read[0] is not None
    assert _matches(second) == _matches(first)
    assert len(_matches(first)) >= 8
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", "")
    assert _matches(Extractor(Gazetteer())) == _matches(first)  # no cache at all: the same


def test_cached_hashes_are_the_tokenizers(cache: Path, nlp) -> None:
    patterns = {"org:a": ["Rio Tinto", "Rio-Tinto", "U.S. Steel"], "org:b": ["Sumitomo Metal Mining Co., Ltd."], "org:c": []}
    tokenized = [[[t.lower for t in nlp.make_doc(v)] for v in variants] for variants in patterns.values()]
    assert phrases.keywords(nlp, patterns) == tokenized  # tokenized, and saved
    assert phrases.keywords(nlp, patterns) == tokenized  # read back
    digest = phrases._digest(nlp, patterns)
    assert phrases._read(cache / f"phrases-{digest}.bin", digest, patterns) == tokenized
    assert phrases.keywords(nlp, {**patterns, "org:d": ["Glencore"]})[-1] == [[nlp.vocab.strings["glencore"]]]


def test_a_corrupt_or_foreign_file_is_ignored_and_written_again(cache: Path, nlp) -> None:
    patterns = {"org:a": ["Rio Tinto"], "org:b": ["Glencore plc", "Glencore"]}
    expected = phrases.keywords(nlp, patterns)
    digest = phrases._digest(nlp, patterns)
    path = cache / f"phrases-{digest}.bin"
    good = path.read_bytes()
    for bad in (b"", good[:-8], good[:-1] + bytes([good[-1] ^ 1]), b"\x80\x04pickle" + good):
        path.write_bytes(bad)
        assert phrases._read(path, digest, patterns) is None
        assert phrases.keywords(nlp, patterns) == expected
        assert path.read_bytes() == good
    other = {"org:a": ["Rio Tinto", "Rio"], "org:b": ["Glencore"]}  # as many spellings, other patterns
    other_path = cache / f"phrases-{phrases._digest(nlp, other)}.bin"
    other_path.write_bytes(good)  # (a file copied to another's name)
    assert phrases._read(other_path, phrases._digest(nlp, other), other) is None
    assert phrases.keywords(nlp, other) == [[[t.lower for t in nlp.make_doc(v)] for v in vs] for vs in other.values()]


def test_no_folder_or_an_unwritable_one_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", str(blocked / "cache"))
    assert phrases.keywords(nlp, {"org:a": ["Rio Tinto"]}) == [[[t.lower for t in nlp.make_doc("Rio Tinto")]]]
    monkeypatch.setenv("SUPPLYGRAPH_CACHE_DIR", "")
    assert phrases.cache_dir() is None
    monkeypatch.delenv("SUPPLYGRAPH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert phrases.cache_dir() == tmp_path / "xdg" / "supplygraph"


def test_only_the_newest_files_are_kept(cache: Path, nlp) -> None:
    for k in range(phrases.KEEP + 3):
        phrases.keywords(nlp, {f"org:{k}": [f"Firm {k}"]})
        newest = max(cache.glob("phrases-*.bin"), key=os.path.getmtime)
        os.utime(newest, (1_000_000 + k, 1_000_000 + k))  # (in order, whatever the file system's time resolution)
    assert len(list(cache.glob("phrases-*.bin"))) == phrases.KEEP
    last = {f"org:{phrases.KEEP + 2}": [f"Firm {phrases.KEEP + 2}"]}
    assert phrases._read(newest, phrases._digest(nlp, last), last) is not None
    assert not list(cache.glob("*.part"))


def test_the_file_is_the_same_whatever_the_hash_seed(cache: Path) -> None:
    """The spellings of an entity are added in one order (they came from a set, whose order changed from run to
    run): one file for the built-in vocabulary, whichever process built it."""
    Extractor(Gazetteer())
    code = "from supplygraph.loaders.extraction import Extractor; Extractor()"
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # (another order of the sets than this process's)
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert len(list(cache.glob("phrases-*.bin"))) == 1

"""Session 15's per-document speed changes read the text exactly as the code before them (docs/scale.md, "Session 15:
extraction speed"): the mentions pass's skip over words that open no name, the element symbols' expressions by first
letter, and the trigger look-up against the sentence's word set."""

from __future__ import annotations

import itertools
import re

import pytest

from supplygraph.loaders.extraction import Extractor, packed
from supplygraph.loaders.extraction.grammar import Grammar
from supplygraph.loaders.extraction.model import Sentence
from supplygraph.loaders.extraction.state import DocState
from supplygraph.loaders.extraction.text import name_starts, name_token
from supplygraph.loaders.extraction.tokens import Tokens
from supplygraph.loaders.gazetteer import Gazetteer

TEXTS = [
    "Shin-Etsu's plant in Takefu, Japan, makes NdFeB magnets (about 40%) for e-VAC and eVAC Magnetics.",
    "The Baotou plant (包钢集团) and ( 北方稀土 ) ship Dy/Tb oxides, La, Ce and Pr to the U.S. Department of Energy",
    "i-Phone x-Ray a-B (C) ( d",
    "",
    "(",
    "Northern Rare Earth, which is 36.7 % owned by MP Materials, said on Monday it would expand.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_name_starts_is_the_next_position_a_name_or_a_bracketed_name_can_open(extractor: Extractor) -> None:
    for text in TEXTS:
        doc = Tokens(extractor.nlp(text), {})
        n = len(doc)
        opens = [k for k in range(n) if name_token(doc, k) or k > 0 and doc[k - 1].text == "("]
        assert name_starts(doc) == [next((q for q in opens if q >= k), n) for k in range(n + 1)], text


def _plain(symbols: list[str]) -> str:
    """The expressions as they were written before: every symbol an alternative, longest first."""
    return "(?:" + "|".join(symbols) + ")"


def test_the_symbols_by_first_letter_match_as_the_plain_alternatives() -> None:
    symbols = sorted(packed.SYMBOLS, key=len, reverse=True)
    two = sorted(s for s in packed.SYMBOLS if len(s) == 2)
    old_pairs = f"{_plain(two)}{{2,3}}"
    old_any = re.compile(rf"\b{_plain(symbols)}(?:[/-]|\s*(?:,|and|or)\s*){_plain(symbols)}\b|\b{old_pairs}\b")
    old_formula = re.compile(f"^(?:{_plain(symbols)}){{2,5}}$")
    old_joined = re.compile(f"^{old_pairs}$")
    pieces = [*packed.SYMBOLS, "Nd", "Q", "X", "Bi", "Ba", "Yb", "Pa"]
    texts = [a + sep + b for a, b in itertools.product(pieces, repeat=2) for sep in ("", "/", "-", " and ", ", ", " or ", " ")]
    texts += [a + b + c for a, b, c in itertools.product(["Nd", "Pr", "Dy", "B", "Y", "P", "Bi", "W"], repeat=3)]
    texts += TEXTS + ["BHP and CATL", "Nippon", "NdFeBs", "SmCo5", "the NdPr-Dy/Tb, Sm and Co plan"]
    for text in texts:
        assert [m.span() for m in packed._ANY.finditer(text)] == [m.span() for m in old_any.finditer(text)], text
        for word in text.split():
            assert bool(packed._FORMULA.match(word)) == bool(old_formula.match(word)), word
            assert bool(packed._JOINED.match(word)) == bool(old_joined.match(word)), word


def test_triggers_find_what_a_plain_scan_finds(extractor: Extractor) -> None:
    doc = Tokens(extractor.nlp("A said the plant in Ohio and the mine in Utah make magnets, and A said so."), {})
    grammar = Grammar(DocState(extractor, None), Sentence(doc, 2, len(doc), False, doc.lowers))  # (from "the" on)
    words = doc.lowers[2:]
    for asked in ({"said", "make"}, frozenset({"in"}), ("and", "said"), ["magnets"], {"and": 1}, set(), ("none",), ("a",),
                  {"in": 1, "plant": 2}.keys()):  # fmt: skip
        assert grammar.triggers(asked) == [2 + k for k, w in enumerate(words) if w in set(asked)], asked
    assert grammar.triggers(w for w in ("in", "the")) == [2 + k for k, w in enumerate(words) if w in ("in", "the")]


def test_extract_start_up_runs_with_the_collector_paused_and_turns_it_back_on(tmp_path, monkeypatch) -> None:
    """``extract``'s start-up (its imports, the names, the extractor) runs with the garbage collector paused: about
    200 collections of objects that all live on (60-90 ms of CPU). The collector is on again for the documents."""
    import gc

    from supplygraph import api

    seen: list[bool] = []
    names = api.known_entities

    def known_entities(*args, **kwargs):
        seen.append(gc.isenabled())
        return names(*args, **kwargs)

    monkeypatch.setattr(api, "known_entities", known_entities)
    (tmp_path / "a.txt").write_text("Lynas Rare Earths produces NdPr oxide at its plant in Malaysia.\n", encoding="utf-8")
    assert gc.isenabled()
    found = list(api.extract_documents([tmp_path]))
    assert seen == [False] and gc.isenabled()
    assert [one["document"]["path"] for one in found] == [str(tmp_path / "a.txt")]
    assert api.extract_document(tmp_path / "a.txt") == found[0]
    assert seen == [False, False] and gc.isenabled()

"""The extractor's plain tokens read exactly as spaCy's ``Doc`` does: a speed change must not change what a rule sees."""

from __future__ import annotations

import pytest

from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction.tokens import LEXEME, Tokens

TEXT = ("Shin-Etsu's plant in Takefu, Japan, makes 1,200 t of NdFeB magnets (about 40%) a year.  "
        "The U.S. Department of Defense said: \"It's one of two.\" No. 18 of 2025 -- “quoted” ‘too’!\n\nLast one")  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    return Extractor().nlp


@pytest.fixture(scope="module")
def pair(nlp):
    doc = nlp(TEXT)
    return doc, Tokens(doc, {})


def test_tokens_read_as_spacy(pair):
    doc, tokens = pair
    assert len(tokens) == len(doc) and tokens.text == doc.text
    for mine, theirs in zip(tokens, doc, strict=True):
        for name in (*LEXEME, "i", "idx", "whitespace_", "shape_", "is_space"):  # the last two: asked of spaCy's token
            assert getattr(mine, name) == getattr(theirs, name), (theirs.text, name)
    for i in (0, 5, -1, -len(doc)):
        assert tokens[i].text == doc[i].text
    for i in (len(doc), -len(doc) - 1):
        with pytest.raises(IndexError):
            doc[i]
        with pytest.raises(IndexError):
            tokens[i]


@pytest.mark.parametrize("bounds", [(0, 3), (2, 2), (5, 3), (-4, None), (None, -2), (3, 1000), (-1000, 4), (None, None), (0, 0)])
def test_spans_read_as_spacy(pair, bounds):
    doc, tokens = pair
    cut = slice(*bounds)
    mine, theirs = tokens[cut], doc[cut]
    assert (mine.start, mine.end, mine.text, len(mine)) == (theirs.start, theirs.end, theirs.text, len(theirs))
    assert [t.text for t in mine] == [t.text for t in theirs]
    for i in (0, -1, 1):
        if abs(i) < len(theirs) or (i == 0 and len(theirs)):
            assert mine[i].i == theirs[i].i
        else:
            with pytest.raises(IndexError):
                mine[i]
    assert mine[1:3].text == theirs[1:3].text
    assert mine.text_with_ws == theirs.text_with_ws  # asked of spaCy's span


def test_sentences_and_character_spans(pair, nlp):
    doc, tokens = pair
    assert [(s.start, s.end, s.text) for s in tokens.sents] == [(s.start, s.end, s.text) for s in doc.sents]
    for text in ("", "One.", "No full stop", "Two. Sentences."):
        one = nlp(text)
        assert [(s.start, s.end) for s in Tokens(one, {}).sents] == [(s.start, s.end) for s in one.sents]
    for start, end, mode in ((0, 9, "expand"), (3, 12, "expand"), (0, 9, "strict"), (0, 4, "strict")):
        mine, theirs = tokens.char_span(start, end, alignment_mode=mode), doc.char_span(start, end, alignment_mode=mode)
        assert (mine and (mine.start, mine.end, mine.text)) == (theirs and (theirs.start, theirs.end, theirs.text))


def test_a_document_leaves_no_cycles():
    """Extraction pauses the garbage collector per document: that is only safe while a document's objects are freed
    by reference counting alone. A cycle (a token pointing back at its document, a rule object kept in the state)
    would pile up in a long batch; this finds it."""
    import gc
    from pathlib import Path

    from supplygraph.loaders.documents import read_html, read_text

    extractor = Extractor()
    top = Path(__file__).resolve().parents[1]
    files = sorted((top / "data" / "samples").glob("*.*")) + sorted((top / "tests" / "fixtures" / "documents").glob("*.*"))
    documents = [read_html(p.read_text(encoding="utf-8")) if p.suffix == ".html" else read_text(p.read_text(encoding="utf-8"), markdown=p.suffix == ".md")
                 for p in files if p.suffix in (".txt", ".md", ".html")]  # fmt: skip
    assert len(documents) >= 6
    extractor.extract(documents[0].blocks)  # the first document fills the extractor's caches
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for document in documents:
            found = extractor.extract(document.blocks, document.published)
            assert found.entities and found.relations
        del found
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()

"""A document's tokens as plain Python objects, made once per document and read by every pass.

The rules look at tokens by position (``doc[i].lower_``) millions of times
per hundred documents. A spaCy ``Doc`` makes a new ``Token`` object at each
such look-up and fetches its strings from the vocabulary each time; that was
most of what extraction cost. :class:`Tokens` wraps the ``Doc`` once: the same
indexing, slicing, ``len``, iteration, ``text``, ``sents`` and ``char_span``,
with the attributes the rules read held as plain values. The flags are the
lexeme's (they depend on the word alone), read from spaCy once per word and
kept in a cache the :class:`~.extractor.Extractor` shares across documents.
Anything else a rule asks a token or a span for is asked of spaCy's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

LEXEME = ("text", "lower_", "is_title", "is_upper", "is_lower", "is_alpha", "is_punct", "like_num")
"""The lexeme attributes held per token (they depend on the word alone, so they are cached per word)."""


class Token:
    """One token: its position, offset, trailing whitespace and the lexeme attributes the rules read.

    ``doc`` is spaCy's ``Doc``, as for spaCy's token (and no reference back to :class:`Tokens`: a cycle would
    leave every document to the garbage collector)."""

    __slots__ = ("doc", "i", "idx", "whitespace_", *LEXEME)

    def __init__(self, doc: Any, i: int, idx: int, whitespace: str, lexeme: tuple) -> None:
        self.doc, self.i, self.idx, self.whitespace_ = doc, i, idx, whitespace
        self.text, self.lower_, self.is_title, self.is_upper, self.is_lower, self.is_alpha, self.is_punct, self.like_num = lexeme

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


class Tokens:
    """A spaCy ``Doc`` read through plain tokens: ``doc[i]``, ``doc[a:b]``, ``len``, iteration, ``text``, ``sents``."""

    def __init__(self, doc: Any, lexemes: dict[int, tuple]) -> None:
        """``lexemes``: orth id -> the :data:`LEXEME` values, shared by every document of one vocabulary."""
        from spacy.attrs import IDX, ORTH, SPACY  # (spaCy is imported by the extractor that made this document)

        self.spacy = doc
        tokens = []
        # each token's word, offset and trailing space read in one array: no spaCy Token object made per token
        for i, (orth, idx, space) in enumerate(doc.to_array([ORTH, IDX, SPACY]).tolist() if len(doc) else ()):
            lexeme = lexemes.get(orth)
            if lexeme is None:
                t = doc[i]
                lexeme = lexemes[orth] = tuple(getattr(t, name) for name in LEXEME)
            tokens.append(Token(doc, i, idx, " " if space else "", lexeme))
        self.tokens = tokens
        self.lowers = [t.lower_ for t in tokens]
        self.text = "".join([t.text + t.whitespace_ for t in tokens])  # = doc.text, which spaCy joins token by token

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, i: int | slice) -> Any:
        if i.__class__ is slice:
            start, stop = i.start, i.stop
            if i.step is None and start is not None and stop is not None and 0 <= start <= stop <= len(self.tokens):
                return Span(self, start, stop)  # (the usual case, without the normalising)
            return Span(self, *_bounds(len(self.tokens), i))
        return self.tokens[i]  # out of range: IndexError, as spaCy raises

    @property
    def sents(self) -> Iterator["Span"]:
        """The sentences, as spaCy's ``Doc.sents`` gives them (read from one array, not token by token)."""
        from spacy.attrs import SENT_START  # (spaCy is imported by the extractor that made this document)

        if not self.tokens:
            return
        start = 0
        for i in (self.spacy.to_array(SENT_START) == 1).nonzero()[0].tolist():  # (the starts found in C, not token by token)
            if i > 0:
                yield Span(self, start, i)
                start = i
        yield Span(self, start, len(self.tokens))

    def char_span(self, start: int, end: int, **options: Any) -> "Span | None":
        span = self.spacy.char_span(start, end, **options)
        return None if span is None else Span(self, span.start, span.end)


class Span:
    """Tokens ``start`` to ``end`` of a :class:`Tokens`, as a spaCy ``Span`` reads them."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: Tokens, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    @property
    def text(self) -> str:
        if self.end <= self.start:
            return ""
        last = self.doc.tokens[self.end - 1]
        return self.doc.text[self.doc.tokens[self.start].idx : last.idx + len(last.text)]

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            start, end = _bounds(self.end - self.start, i)
            return Span(self.doc, self.start + start, self.start + end)
        k = (self.end if i < 0 else self.start) + i
        if not self.start <= k < self.end:
            raise IndexError(f"token {i} of a span of {self.end - self.start}")
        return self.doc.tokens[k]

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _spacys(cls: type, spacy_cls: type, own: Any) -> None:
    """Give ``cls`` every attribute of spaCy's ``spacy_cls`` it does not define itself, as a property that asks spaCy's
    own object (``own(self)``): a token or span reads like spaCy's, whatever a rule asks of it.

    Properties, not ``__getattr__``: a class with ``__getattr__`` makes Python look each attribute up through it, and
    its attribute reads are never specialised (3.11's ``LOAD_ATTR_SLOT``); the rules read about 20,000 token and span
    attributes a document, ``text``, ``lower_`` and ``start`` the most (docs/scale.md, session 17)."""
    for name in dir(spacy_cls):
        if not name.startswith("__") and not hasattr(cls, name):
            setattr(cls, name, property(lambda self, name=name: getattr(own(self), name), doc=f"spaCy's ``{name}``."))


def _bounds(length: int, s: slice) -> tuple[int, int]:
    """Slice bounds as spaCy normalises them (clamped; an end before the start makes an empty span)."""
    if s.step not in (None, 1):
        raise ValueError("spans have a step of 1")
    start = 0 if s.start is None else s.start + length if s.start < 0 else s.start
    start = min(length, max(0, start))
    stop = length if s.stop is None else s.stop + length if s.stop < 0 else s.stop
    return start, min(length, max(start, stop))


def _spacy_attributes() -> None:
    from supplygraph.perf import import_spacy

    spacy = import_spacy()
    _spacys(Token, spacy.tokens.Token, lambda t: t.doc[t.i])
    _spacys(Span, spacy.tokens.Span, lambda s: s.doc.spacy[s.start : s.end])


_spacy_attributes()

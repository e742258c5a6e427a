"""Pieces of a capitalised name run, read by the mention pass (:mod:`.mentions`): a dateline of several places, a
body's kind word ahead, a legal suffix, a word that names a commodity. Moved out of mentions.py unchanged (session 15),
which had reached the package's 600-line limit.
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from .text import DASHES, cue_label, name_token
from .vocabulary import WORDS


def _dateline_of_places(doc: Any, start: int, end: int) -> bool:
    """The capitals at ``start``-``end`` are one of the places of a dateline that names two: "TOKYO and NAGOYA, Japan
    --", "SEOUL, Korea and CLARKSVILLE, Tennessee -". The block opens with places in capitals, each perhaps with its
    region, joined by "and", and a dash ends them; without this, "TOKYO and NAGOYA" read as the sentence's subjects
    (set D's release lost the cooperation its subjects state) and "SEOUL" as a firm that "headquartered in Seoul" then
    placed nothing in (set I)."""
    if not all(t.is_upper and t.is_alpha for t in doc[start:end]) or (start > 0 and doc[start - 1].lower_ not in ("and", "&")):
        return False
    k, joined = 0, False
    while k < min(len(doc), 16) and doc[k].text not in DASHES:
        if doc[k].lower_ in ("and", "&"):
            joined = True
        elif not (doc[k].text in (",", ".") or doc[k].text[:1].isupper()):
            return False  # ("TOKYO and Osaka firms said ...": a sentence, not a dateline)
        k += 1
    return joined and k < len(doc) and doc[k].text in DASHES and k >= end and doc[0].is_upper and doc[0].is_alpha


_WORD_SUFFIXES = frozenset(("corporation", "company", "limited", "holdings"))
"""Legal forms written out, which "of" and a country may follow inside a name ("Aluminum Corporation of China")."""


def _institution_ahead(doc: Any, k: int) -> bool:
    """A body's kind word ("Commission", "Ministry") ends the capitalised words from ``k`` (across "and", "of")."""
    stop = k
    while stop < len(doc) and stop < k + 10 and (name_token(doc, stop) or doc.lowers[stop] in ("and", "of", "for")):
        stop += 1
    return stop > k and doc.lowers[stop - 1] in WORDS.INSTITUTION_HEADS


def _institution(words: list[str]) -> bool:
    return cue_label(words)[0] in ("GovernmentBody", "ResearchInstitute", "University")


def _suffix(doc: Any, k: int) -> bool:
    """A capitalised legal suffix at ``k`` ("Sdn", "Bhd", "Ltd.", "S.A."), not the word "group" of "the Japanese group"."""
    word = doc[k].lower_
    return doc[k].text[:1].isupper() and (word.rstrip(".") in lexicon.LEGAL_SUFFIXES or word in lexicon.LEGAL_SUFFIXES)


def _commodity(gazetteer: Any, word: str) -> bool:
    """Whether ``word`` alone names an element or a material ("Graphite"): after a common opener ("Northern
    Graphite") it ends a firm's name, as no firm is called by its commodity alone."""
    known = gazetteer.lookup(word)
    return known is not None and known.label in ("Element", "Material")

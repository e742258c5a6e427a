"""Capitalised words that are no name although a name run holds them (the mention pass, :mod:`.mentions`), and a
name's first word that the run would drop.

- A numbered part of a plant or a project: "Train 1 produced its first lithium hydroxide", "Line 2 of the refinery":
  a noun of ``SITE_PARTS`` before a number names a part of a site the text names otherwise, no firm (a word that
  follows a name and a number is a firm's stake or verb: "Albemarle 49 %", so the name became a firm).
- A sentence's first word that qualifies the noun after it: "Defence contractors buy ...", "Battery makers said ...":
  a capitalised common word (one the vocabulary knows) before an organisation's noun in lower case is the word of a
  phrase about firms of a kind, not a firm's name; and "Trade-press reports say": a common word the hyphen joins to a
  lower-case one.
- A participle opening a credit line: "Written for supplygraph in our own words", "Prepared by": the line's word, no
  firm (the discourse made it "the company" of the next paragraph).
- "Sales de Jujuy", "Minera del Altiplano": a Spanish, Portuguese, French, Italian or German name's particle after
  the sentence's (or a table cell's) first word keeps that word in the name; without the particle the word is one of
  the sentence's ("Sales rose").
- "BMW i Ventures": a lower-case letter alone between two capitalised words is a brand's letter inside one name (no
  English word is one lower-case letter but "a"); the run does not stop at it.
"""

from __future__ import annotations

from typing import Any

from .text import COMMON_CAPITALS, ENGLISH_WORDS, name_token, opens

NAME_PARTICLES = frozenset(("de", "del", "della", "des", "du", "da", "do", "dos", "das", "di", "von", "van", "der"))
"""The particles inside Romance and Germanic names that follow a name's first word ("Sales de Jujuy")."""


IRREGULAR_PARTICIPLES = frozenset("written drawn taken given made shown built sent brought".split())
"""Past participles not in "-ed" that open a credit line ("Written for ...", "Made for ...")."""


def no_name(doc: Any, start: int, end: int, v: Any) -> bool:
    """Whether the one-word run ``doc[start:end]`` is a numbered part of a site or a common word opening a phrase about
    firms of a kind (see the module)."""
    if end - start != 1 or end >= len(doc):
        return False
    word, nxt = doc.lowers[start], doc[end]
    if word in v.SITE_PARTS and nxt.like_num:
        return True  # "Train 1", "Line 2"
    if not opens(doc, start):
        return False
    if nxt.lower_ in ("by", "for") and (word.endswith("ed") or word in IRREGULAR_PARTICIPLES):
        return True  # "Written for ...", "Prepared for ...": a credit line's participle
    if not (word in ENGLISH_WORDS or word in COMMON_CAPITALS):
        return False
    if nxt.is_lower and nxt.lower_ in v.ORG_NOUNS | v.CONTRACTOR_NOUNS:
        return True  # "Defence contractors buy ...": firms of a kind
    return nxt.text == "-" and not doc[start].whitespace_ and end + 1 < len(doc) and doc[end + 1].is_lower \
        and not nxt.whitespace_  # "Trade-press reports"


def particle_start(doc: Any, i: int, start: int, end: int) -> int:
    """``i`` where the run's first word, dropped as the sentence's common opener, is followed by a name's particle
    ("Sales de Jujuy"); otherwise ``start``."""
    if start == i + 1 and start + 1 < end and doc[start].is_lower and doc.lowers[start] in NAME_PARTICLES and doc[i].is_title:
        return i
    return start


def brand_letter(doc: Any, k: int) -> bool:
    """Whether ``doc[k]`` is a lower-case letter alone inside a name ("BMW i Ventures"; see the module)."""
    if not 0 < k < len(doc) - 1:
        return False
    word = doc[k].text
    return len(word) == 1 and word.isalpha() and word.islower() and word != "a" \
        and doc[k - 1].whitespace_ and doc[k].whitespace_ and doc[k - 1].text[:1].isupper() and doc[k + 1].text[:1].isupper() \
        and name_token(doc, k - 1) and name_token(doc, k + 1)

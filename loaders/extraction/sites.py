"""Named sites whose kind noun the name does not carry itself (session 11, issue 12): the helpers the mention pass
asks before it settles a capitalised name's label.

- **A kind shared by a coordination**: "the Coral Bay and Taganito plants", "its Niihama and Harima refineries". A
  plural facility noun after names joined by "and" (and commas), the list opened by a site determiner ("the", "its",
  "X's"), names one site per name, each called by the singular noun ("Coral Bay plant", "Taganito plant").
- **An operation**: "the Forrestania operation", "its Sudbury operations". After a site determiner, "operation" (and
  "operations", which names a firm's sites in one place) is a site's kind like "mine" or "plant".

Both only apply to a name with no cue word of its own (a firm's or a body's name keeps its label).
"""

from __future__ import annotations

from typing import Any

from .text import name_token
from .model import POSSESSIVE_MARKS

OPERATION_NOUNS = frozenset(("operation", "operations"))


def singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def shared_kind(doc: Any, start: int, end: int, determiners: frozenset[str], facility_nouns: frozenset[str]) -> str | None:
    """The singular facility noun of "the A and B plants" for the name at ``start:end`` (A or B), or None."""
    lowers = doc.lowers
    coordinated = False
    k = end
    while True:
        if k >= len(doc) or k > end + 12:
            return None
        word = lowers[k]
        if doc[k].is_lower and word.endswith("s") and singular(word) in facility_nouns:
            break
        if word in (",", "and"):
            coordinated = coordinated or word == "and"
        elif not name_token(doc, k):
            return None
        k += 1
    noun = singular(lowers[k])
    j = start - 1
    while j >= 0 and (lowers[j] in (",", "and") or name_token(doc, j)):
        coordinated = coordinated or lowers[j] == "and"
        j -= 1
    return noun if coordinated and j >= 0 and lowers[j] in determiners else None


def operation_end(doc: Any, start: int, end: int, determiners: frozenset[str]) -> int | None:
    """The end of "the Forrestania operation" / "its Sudbury operations" (the name and its noun), or None."""
    lowers = doc.lowers
    if end < len(doc) and lowers[end] in OPERATION_NOUNS and doc[end].is_lower and start > 0 and lowers[start - 1] in determiners:
        return end + 1
    return None


def made_at(doc: Any, start: int, verbs: frozenset[str]) -> bool:
    """ "makes cathode material at X", "produced in Korea at X": a production verb earlier in the clause, then "at"
    and the name at ``start`` (a place the production happens at: "at Gwangyang and Pohang")."""
    lowers = doc.lowers
    for k in range(start - 2, max(-1, start - 16), -1):
        word = lowers[k]
        if word in verbs:
            return True
        if word in (".", ";", ":", "which", "that", "who", "where", "while", "but") or doc[k].text in ('"', "“", "”"):
            return False
    return False


def possessive_place_end(doc: Any, j: int, heads: frozenset[str]) -> int | None:
    """ "Voisey's Bay", "Martha's Vineyard"-like names: at ``j`` a possessive "'s" inside a capitalised name whose next
    word is a landform's ("Bay", "Island", "Creek": POSSESSIVE_PLACE_HEADS); the end of that word, or None. (Not "the
    Pentagon's Office": a possessive before any other word is the owner's.)"""
    if doc.lowers[j] in POSSESSIVE_MARKS and j + 1 < len(doc) and doc.lowers[j + 1] in heads and doc[j + 1].is_title \
            and not doc[j - 1].whitespace_:
        return j + 2
    return None

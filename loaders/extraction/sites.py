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

from .model import POSSESSIVE_MARKS, Mention, possessive_at
from .text import name_token

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


class SiteMentions:
    """Mixin of the mentions pass: where a cue-less name stands says it is a site or a place ("mines copper at X",
    "Two deposits ..., Kvanefjeld and Tanbreez", "produced at Safi, Jordan", "the Kruta Balka lithium deposit");
    ``self.v`` is the trigger vocabulary, ``self.entities`` the document's entities."""

    def _listed_sites(self, doc: Any, start: int) -> str | None:
        """The site noun of "Two deposits in the south of the island, Kvanefjeld and Tanbreez, are ...": a plural site
        noun, lower-case words after it, a comma, then the names (the singular noun names each site)."""
        lowers = doc.lowers
        for k in range(start - 2, max(-1, start - 10), -1):
            word = lowers[k]
            singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
            if word.endswith("s") and singular in self.v.SITE_NOUNS:
                return singular
            if not (doc[k].is_lower and doc[k].is_alpha) or word in ("and", "or", "but"):
                return None
        return None

    def _mined_at(self, doc: Any, start: int, known: list[Mention]) -> bool:
        """ "mines copper and cobalt at X": a mining verb, then what it mines, then "at" (MINE_VERBS)."""
        ends = {m.end: m for m in known if m.key and self.entities[m.key].label in ("Material", "Element")}
        lowers, k = doc.lowers, start - 2
        while k >= 0 and (lowers[k] in (",", "and", "ore", "ores") or k + 1 in ends):  # (and "mines ore at X")
            k = ends[k + 1].start - 1 if k + 1 in ends else k - 1
        return k >= 0 and k < start - 2 and lowers[k] in self.v.MINE_VERBS

    @staticmethod
    def _place_follows(doc: Any, known: list[Mention], end: int) -> bool:
        """A known place or country follows the name at ``end`` after a comma or "in": "Safi, Jordan", "at Poços de
        Caldas in Minas Gerais" (not "X, Japan's largest maker", nor a demonym)."""
        return doc.lowers[end : end + 1] in ([","], ["in"]) and any(
            m.start == end + 1 and m.label_of_known in ("Place", "Country") and not m.demonym and not possessive_at(doc.lowers, m.end)
            for m in known)

    @staticmethod
    def _place_chain(doc: Any, known: list[Mention], start: int, end: int) -> bool:
        """A short cue-less name, a comma (and "in"), then a known region that ends the phrase: "Halifax, Nova Scotia",
        "at Araxá, in Minas Gerais, Brazil" (issue 12, set J): the name is a place in it. Not before a country ("A,
        Australia and B" may list parties), a region's possessive ("X, Nevada's largest ..."), or a longer name that
        opens with the region ("Albemarle, Nevada Lithium and ..."), nor "the Halifax, Nova Scotia-based developer"."""
        k = end + 1 + (doc.lowers[end + 1 : end + 2] == ["in"])
        if end - start > 2 or doc.lowers[end : end + 1] != [","]:
            return False
        region = next((m for m in known if m.start == k and m.label_of_known == "Place" and not m.demonym), None)
        if region is None or region.end < len(doc) and (name_token(doc, region.end) or doc.lowers[region.end] in (*POSSESSIVE_MARKS, "and", "-")):
            return False
        return True

    def _site_end(self, doc: Any, start: int, end: int) -> int | None:
        """The end of a named site whose name runs on over lower-case modifiers to its kind noun, after "the", "its" or
        "X's": "the Kruta Balka lithium deposit", "the Novopoltavske rare-earth and phosphate deposit", "its Kokkola
        lithium hydroxide refinery" (the modifiers are part of the name, not a mention of lithium)."""
        lowers = doc.lowers
        if start == 0 or lowers[start - 1] not in self.v.SITE_DETERMINERS:
            return None
        k = end
        while k < len(doc) and k < end + 6:
            word = lowers[k]
            if word in self.v.SITE_NOUNS and doc[k].is_lower and lowers[k + 1 : k + 2] != ["-"]:  # (not "smelter-grade")
                return k + 1 if k > end else None
            if not (word == "-" or (doc[k].is_lower and doc[k].is_alpha and (word not in self.v.STOP or word == "and" and k > end))):
                return None
            k += 1
        return None

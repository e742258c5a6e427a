"""A known site's mention (``knowledge/facilities.yaml``, session 16): where the list's name is the site, and how far
the document's name for it runs.

The phrase matcher finds a site of the list by any of its names, the bare one too ("Greenbushes produced ..."). Three
positions say the words are not (only) that site:

- **a longer name**: a capitalised word before or after it ("Tanbreez Mining Greenland", "Beaver Brook Antimony Mine
  Inc.", "Laguna Tres Quebradas", "Salar de Olaroz"): the run is another name, a firm's or a place's, which the
  mention pass reads as it would without the list;
- **a place**: the bare name after "at", "in" or "near" ("a refinery at Kemerton", "mines ... in Pomalaa") is the
  town or the locality the site is named after, as the sector writes it, so it is left to the place rules;
- **the document's own longer name**: lower-case words between the known name and a site noun ("the Greenbushes
  spodumene mine", "the Vittangi graphite mine") belong to the site's name, which the document gives it (the
  mention keeps the known site and records that name as a spelling of it).
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from .model import Mention
from .text import name_token, sentence_start

PLACE_WORDS = frozenset(("at", "in", "near", "outside"))
PARTICLES = frozenset(("de", "del", "la", "do", "da"))
MINE_NOUNS = frozenset("mine mines deposit deposits project projects operation operations".split())
"""Nouns of an ore body's site: "the mine at X" names the mine X is, where "a plant at X" names a plant in X."""


def site_mention(doc: Any, m: Mention, v: Any, mined: bool) -> Mention | None:
    """``m`` (a mention of a known Facility), the mention extended over the document's longer name, or None where the
    words are another name or a place (see the module); ``mined``: a mining verb and what it mines come before "at"."""
    lowers, n = doc.lowers, len(doc)
    nouns = v.SITE_NOUNS
    words = lowers[m.start : m.end]
    if m.end < n and lowers[m.end] in lexicon.LEGAL_SUFFIXES:
        return None  # "Beaver Brook Antimony Mine Inc.": a firm named after its mine
    if any(_site_noun(w, nouns) for w in words):
        return _extended(doc, m, v)  # the name with its kind word is the site's wherever it stands
    k = m.start - 1
    if m.end < n and name_token(doc, m.end) and lowers[m.end] not in v.STOP:
        return None  # "Tanbreez Mining Greenland"
    if k >= 1 and lowers[k] in PARTICLES and name_token(doc, k - 1):
        return None  # "Salar de Olaroz"
    if k >= 0 and name_token(doc, k) and lowers[k] not in v.STOP and not sentence_start(doc, k):
        return None  # "Laguna Tres Quebradas"
    if k >= 0 and lowers[k] in PLACE_WORDS and not (mined or lowers[k] == "at" and k > 1 and lowers[k - 1] in MINE_NOUNS
                                                    and lowers[k - 2] not in ("a", "an")):
        return None  # "produces nickel matte at Sorowako", "a demonstration plant at X" (.names: "X demonstration plant"),
        # "in X", "plans a mine at X" (a site described in words: "X mine", docs/annotation.md); not "mines graphite at
        # Balama", "open-pit mines at Syväjärvi", "the mine at Xikuangshan": there the name is the mine's
    return _extended(doc, m, v)


def _extended(doc: Any, m: Mention, v: Any) -> Mention:
    """``m`` run on over lower-case words to a site noun ("the Greenbushes spodumene mine"), or ``m``."""
    lowers, n, nouns = doc.lowers, len(doc), v.SITE_NOUNS
    j = m.end
    while j < n and j < m.end + 6:
        word = lowers[j]
        if word in nouns and doc[j].is_lower:
            return Mention(m.start, j + 1, m.key, doc[m.start : j + 1].text) if j > m.end else m
        if not (word == "-" or doc[j].is_lower and doc[j].is_alpha and word not in v.STOP):
            break
        j += 1
    return m



def _site_noun(word: str, nouns: frozenset[str]) -> bool:
    return word in nouns or word[:-1] in nouns and word.endswith("s")

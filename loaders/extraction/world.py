"""World places named without a cue: a capitalised name that is, as a whole, a city of GeoNames or a first-level
subdivision of ISO 3166-2 (:mod:`..places`) is a ``Place`` with its country, where nothing says it is anything else.

"trucked to Durban and Dar es Salaam", "a release, Nagoya and Tokyo, 16 January 2018", "the Copperbelt": no word
around these names says they are places (no "in", no "province", no place chain), and a cue-less name is otherwise
an organisation waiting for a verb to confirm it. The guards keep common words and people out:

- the whole capitalised run is the name: "London Metal Exchange", "Toronto Stock Exchange" or "Hitachi Metals" is a
  longer name, not the city (the mention finder hands over whole runs);
- no word of a one-word name is written in lower case in the document ("Mobile", "Reading", "Split", "Nice") or is a
  word the vocabulary knows ("Central", "Western"), and a name of several words is not made of such words only;
- not a given name ("Florence", "Austin") nor a surname the document gave a person;
- a name the gazetteer (the store or the vocabulary) knows is that entity, whatever it is.

An organisation named like a town ("Toyota", "Albemarle") is kept apart where the document names it in full
("Toyota Tsusho", "Albemarle Corporation"): a weak place label gives way to a firm the name begins
(:meth:`.names.Names.resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import lexicon, places
from ..gazetteer import normalise
from .text import COMMON_CAPITALS, DASHES, ENGLISH_WORDS, opens, sentence_start


def world_place(doc: Any, start: int, end: int, st: Any, gazetteer: Any, v: Any) -> tuple[str, str] | None:
    """``(country, kind)`` of the world place ``doc[start:end]`` names as a whole, or None (see the module's guards).

    ``st`` is the document's state: the words it writes in lower case, its people's surnames, and the names it uses
    as a firm's, which this adds to ("Rio Tinto has not decided": no place anywhere in the document)."""
    text, stop = doc[start:end].text, v.STOP
    if text.isupper() or (start > 0 and doc[start - 1].is_title and not sentence_start(doc, start - 1)):
        return None  # an acronym ("ICA"), a headline; "New York" read from "York" (a dateline's capitals: .mentions)
    found = places.lookup(text)
    if found is None or gazetteer.lookup(text) is not None:
        return None
    after = doc[end] if end < len(doc) else None
    if after is not None and (after.lower_ in AUXILIARIES or after.like_num) or doc.lowers[start - 1 : start] == ["by"]:
        st.firm_names.add(normalise(text))  # "Rio Tinto has not decided", "Toyota will": a firm's verb; "Greenbushes
        return None  # (Albemarle 49 %)": a holder's stake; "published by Xinhua": an agent
    words = [t.lower_ for t in doc[start:end] if t.is_alpha]
    common = [w for w in words if w in st.lower_words or w in ENGLISH_WORDS or w in COMMON_CAPITALS or w in stop]
    if not words or len(common) == len(words) or len(words) == 1 and (words[0] in lexicon.GIVEN_NAMES or words[0] in st.persons
                                                                       or opens(doc, start)):
        return None  # ("Police in Vietnam have arrested": a word that opens a sentence says nothing by its capital)
    if after is not None and after.lower_ in ("'s", "’s", "'", "’"):
        return None  # "Honda's separator plant", "Mosaic's Uberaba site": a firm's possessive more often than a town's
    if after is not None and after.is_alpha and after.is_lower and after.lower_ not in stop:
        return None  # "the Toronto consultancy", "the old Benguela line": a word of a longer noun
    if start > 1 and doc[start - 1].text in DASHES and not sentence_start(doc, start - 1) and len(words) == 1:
        return None  # "HANOI, 20 October 2023 - Police in Vietnam have arrested": the word opens the text after a dateline
    k = start - 1
    while k > 0 and (doc.lowers[k] in (",", "and") or doc[k].is_title):
        k -= 1  # "listed in New York and Toronto": each place of the listing
    if k > 0 and doc.lowers[k] in ("in", "on") and (doc.lowers[k - 1] in v.LISTING_WORDS or doc.lowers[k - 1] in v.MARKET_WORDS):
        return None
    return found


def town_in(st: Any, doc: Any, known: list[Any], start: int, end: int) -> bool:
    """ "mines pyrochlore at Araxá, in Minas Gerais, Brazil": a world place in a place chain after a mining verb's "at"
    is where the ore is mined, not a mine's name ("Araxá mine")."""
    return st._place_chain(doc, known, start, end) and world_place(doc, start, end, st, st.x.gazetteer, st.v) is not None


def not_world_places(mentions: list[Any], gazetteer: Any, firm_names: set[str]) -> set[str]:
    """The names (normalised) a world place's label gives way to in a document: a name it uses as a firm's, one a cue
    or the vocabulary gives another label, and the words that open or end a longer name ("Kwinana" of "Kwinana
    lithium hydroxide refinery", "Union" of "European Union", "Barnes" of "Greg Barnes"; not "Copperbelt" of "the
    Zambian Copperbelt", a demonym before a place)."""
    out = set(firm_names)
    for m in mentions:
        words = normalise(m.text).split()
        if not m.world and ((m.label or m.label_of_known) not in (None, "Place", "Country") or m.label is None and m.strong):
            out.add(" ".join(words))
        first = gazetteer.lookup(words[0]) if len(words) > 1 else None
        if len(words) > 1 and not (first is not None and first.label == "Country"):
            for k in range(1, len(words)):
                out.update((" ".join(words[:k]), " ".join(words[k:])))
    return out


AUXILIARIES = frozenset("has have had will would could can may might should must shall said says".split())
"""Verbs after a name that make it the subject of a firm's or a person's sentence, not a place's."""


def joined_end(doc: Any, i: int, j: int) -> int | None:
    """Where a world place's name that a short lower-case word joins ends ("Dar es Salaam"), when the capitalised run
    ``doc[i:j]`` stops before that word; None when no world place is named so."""
    if j + 1 < len(doc) and doc[j].is_lower and doc[j].is_alpha and len(doc[j].text) <= 3 and doc[j + 1].is_title \
            and places.lookup(doc[i : j + 2].text) is not None:
        return j + 2
    return None


def ward_end(doc: Any, end: int) -> int:
    """The end of a Japanese city's or ward's name written with its kind ("Chiyoda-ku", "Toyota-shi"), or ``end``."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].lower_ in JAPANESE_KINDS:
        return end + 2
    return end


JAPANESE_KINDS = {"ku": "ward", "shi": "city", "cho": "town", "machi": "town", "mura": "village", "gun": "district", "ken": "prefecture"}
"""The kinds a Japanese place's name ends in after a hyphen."""


def world_props(name: str) -> dict[str, str]:
    """The properties a new ``Place`` named ``name`` takes from the world's places: its country and kind ("city",
    "province", "state"; "ward" of "Chiyoda-ku"); none for a name that is no world place."""
    if all(w in ENGLISH_WORDS or w in COMMON_CAPITALS for w in normalise(name).split()):
        return {}  # ("the South West of Western Australia": no namesake's country for words of the language)
    base, _, kind = name.rpartition("-")
    if kind.lower() in JAPANESE_KINDS and (found := places.lookup(base)) is not None:
        return {"country": found[0], "kind": JAPANESE_KINDS[kind.lower()]}
    found = places.lookup(name)
    return {"country": found[0], "kind": found[1]} if found is not None else {}


def settle_countries(entities: dict[str, Any], relations: Iterable[Any]) -> None:
    """A new place the text puts in a country or a region of another country than its name's largest namesake's takes
    the text's: "Kingston, Ontario" is Canada's Kingston, not Jamaica's (its kind too where the world's places have a
    place of that name there; a namesake they lack keeps only the text's country). Down a chain ("St Austell,
    Cornwall, UK") each place settles after the one that holds it."""
    located = [r for r in relations if r.type == "LOCATED_IN"]
    for _ in range(4):
        changed = False
        for r in located:
            source, target = entities.get(r.source), entities.get(r.target)
            if source is None or target is None or source.label != "Place" or source.known is not None:
                continue
            country = target.props.get("iso2") if target.label == "Country" else target.props.get("country") if target.label == "Place" else None
            if country and source.props.get("country") not in (None, country):
                found = places.lookup_in(source.name, country)
                source.props = {"country": country, **({"kind": found[1]} if found else {})}
                changed = True
        if not changed:
            return

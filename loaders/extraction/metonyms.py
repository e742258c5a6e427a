"""A national capital that stands for its country's government: "After Jakarta banned nickel ore exports",
"Whether Manila could repeat that", "If Kinshasa cuts exports", "why Washington and Copenhagen have watched
Kvanefjeld". docs/annotation.md makes a metonym an alias of what it stands for, and the gold files record these
capitals as aliases of the country; read as places (or, as the subject of a verb, as firms), each was a second entity.

A capital (:mod:`..capitals`) is its country where it is the subject of a verb: a government's verb, a modal or an
auxiliary follows it (``GOVERNMENT_VERBS``), perhaps after "and" and another name ("Washington and Copenhagen
have"); or where its possessive governs a government's act ("Jakarta's ban"). A preposition before it ("officials in
Kinshasa have said", "the embassy in Hanoi declined") makes it the place it is; so does a hyphen ("Jakarta-based").
Once a document has used a capital for its government, its other mentions there are the country too ("one mining
executive in Manila": the gold files keep one entity).
"""

from __future__ import annotations

from typing import Any

from ..capitals import country_of
from ..gazetteer import KnownEntity, normalise
from .model import POSSESSIVE_MARKS
from .text import STOP_WORDS, name_token, word_opener

PLACE_PREPOSITIONS = frozenset("in at near from to outside into of via across around throughout inside within".split())
"""Words before a capital that make it a place ("in Manila", "flights to Jakarta")."""


def metonym(st: Any, doc: Any, start: int, end: int) -> tuple[int, KnownEntity] | None:
    """Where the capital in ``doc[start:end]`` starts and the country (the gazetteer's entity) it stands for here, or
    None (see the module). A sentence's opening function word may come first ("Whether Manila could ..."). ``st`` is
    the document's state: its gazetteer, vocabulary and the capitals used so far (``metonyms``)."""
    if end - start > 1 and word_opener(doc, start) and doc.lowers[start] in STOP_WORDS:
        start += 1
    country = country_of(doc[start:end].text)
    known = st.x.gazetteer.lookup(country) if country is not None else None
    if known is None or known.label != "Country":
        return None
    key = normalise(doc[start:end].text)
    if key in st.metonyms:
        return start, known
    if start > 0 and (doc.lowers[start - 1] in PLACE_PREPOSITIONS or doc[start - 1].text == "-") \
            or end < len(doc) and doc[end].text == "-":
        return None
    k = end
    if k + 1 < len(doc) and doc.lowers[k] in ("and", "&") and name_token(doc, k + 1):
        k += 1
        while k < len(doc) and name_token(doc, k):
            k += 1  # "Washington and Copenhagen have": the verb after the other name
    if k >= len(doc):
        return None
    verb = doc.lowers[k] in st.v.GOVERNMENT_VERBS and doc[k].is_lower
    act = doc.lowers[k] in POSSESSIVE_MARKS and k + 1 < len(doc) and doc.lowers[k + 1] in st.v.GOVERNMENT_ACTS
    if not (verb or act):
        return None
    st.metonyms.add(key)
    return start, known

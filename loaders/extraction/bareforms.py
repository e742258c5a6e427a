"""A material's form named alone, for the material the text is about: "antimony, recovered in a separate
concentrate", "Ore will come from open-pit mines at Syväjärvi" (a lithium project), "ore feeds nickel pig iron and
matte plants", "makes cathode material from precursors". The gold files give these bare nouns as aliases of the full
name ("antimony concentrate", "lithium ore", "nickel matte", "cathode precursor"), which the text may never write.

A noun of ``BARE_FORMS`` (forms that always name a material made of something: an ore, a concentrate, a matte, a
precursor) that no vocabulary name covers is the vocabulary's material "<stem> <form>", the stem taken from the
nearest material or element named before it in the block, then after it there ("ore feeds nickel pig iron"),
then in the document's earlier blocks, most recent first ("nickel pig iron" gives "nickel", "spodumene concentrate" "spodumene", "rare earth oxides"
"rare earth"). Where no stem gives a known material, the bare noun names nothing. Left out as bare forms: "metal",
"alloy", "magnet", "oxide" and the like, which the sector writes for the element itself ("the metal is used in ...")
or for a class of products as often as for one material.
"""

from __future__ import annotations

from typing import Any

from .model import Mention
from .text import opens

BARE_FORMS = frozenset(("concentrate", "concentrates", "matte", "precursor", "precursors"))
"""Nouns that, alone, name a material of some stem ("the ore", "a separate concentrate", "matte plants")."""

SINGULAR = {"ores": "ore", "concentrates": "concentrate", "precursors": "precursor"}

RECENT = 6
"""How many of the document's materials, most recent first, a bare form looks back to."""


def bare_forms(st: Any, doc: Any, spans: list[Mention]) -> list[Mention]:
    """The mentions of ``doc`` (a block) that a bare form makes, read with the materials of ``spans`` and of the
    document so far (``st.recent_materials``, which this updates)."""
    out: list[Mention] = []
    covered = {k for m in spans for k in range(m.start, m.end)}
    materials = sorted((m for m in spans if m.key and st.entities[m.key].label in ("Material", "Element")), key=lambda m: m.start)
    for k, word in enumerate(doc.lowers):
        if word not in BARE_FORMS or k in covered or not (doc[k].is_lower or opens(doc, k)) \
                or k + 1 < len(doc) and doc[k + 1].text == "-":
            continue
        if k > 0 and doc[k - 1].is_lower and doc[k - 1].is_alpha and k - 1 not in covered and _names_another(st, doc.lowers[k - 1]):
            continue  # "smelter concentrates", "lithium mica concentrate": a compound names another thing
        form = SINGULAR.get(word, word)
        before = [st.entities[m.key] for m in reversed(materials) if m.end <= k]
        after = [st.entities[m.key] for m in materials if m.start > k]
        known = _named(st, form, before + st.recent_materials[::-1]) or _material(st, form, before + after)
        if known is not None:
            out.append(Mention(k, k + 1, st._known(known), doc[k].text))
    st.recent_materials += [st.entities[m.key] for m in materials]
    return out


def _names_another(st: Any, word: str) -> bool:
    """Whether ``word`` before a bare form makes a compound that names another thing than "<stem> <form>": a site's
    noun ("smelter concentrates": what smelters take in) or a mineral's ("mica concentrate")."""
    known = st.x.gazetteer.lookup(word)
    return word in st.v.SITE_NOUNS or word in st.v.FACILITY_NOUNS or word.rstrip("s") in st.v.SITE_NOUNS \
        or known is not None and known.label == "Material"


def _named(st: Any, form: str, entities: list[Any]) -> Any:
    """The material of ``entities`` (the document's, most recent first) that is of this form already: "spodumene
    concentrate" for a later "the concentrate"."""
    for e in entities:
        if e.label == "Material" and e.known is not None and any(n.split()[-1:] == [form] or n == f"{e.name} {form}" for n in (e.name, *e.known.names())):
            return e.known
    return None


def _material(st: Any, form: str, entities: list[Any]) -> Any:
    """The first vocabulary material "<stem> <form>" a stem of ``entities`` gives (see the module), or None."""
    for e in entities:
        words = e.name.split()
        stems = [" ".join(words[:n]) for n in range(len(words) - (e.label == "Material"), 0, -1)]
        for stem in stems:
            known = st.x.gazetteer.lookup(f"{stem} {form}")
            if known is not None and known.label == "Material":
                return known
    return None

"""A facility named with its product (session 15, issue 12): "Antam runs a ferronickel smelter at Pomalaa", "its
lithium hydroxide plant at Gwangyang", "the Jianxiawo lepidolite mine", "is building a magnet plant in Fort Worth".

The material before the facility's noun says what is made there: the facility ``PRODUCES`` it (docs/annotation.md,
"Facilities"; its operator only ``OPERATES`` it, the disputed cases' table). The mentions pass keeps such a material
apart from the sentence's parties (``Sentence.kinds``: "lithium hydroxide" in "lithium hydroxide refinery" is no
element of its own); this family reads it. Not for a site that makes nothing yet by its noun ("deposit", "project":
``PRODUCT_SITE_NOUNS``), nor one the sentence hedges ("could build a cathode plant"), calls planned or former ("the
former Kings Mountain spodumene mine", "plans an anode refinery ..., fed from its graphite mine"), or only studies ("a
feasibility study for a hydroxide plant"); nor a site the description was resolved to that no name of its carries
the material ("the 25,000-tonne lithium hydroxide plant that B runs" read as another site of the document).

The name's word is the loosest way a document says what a site makes: it is read when the document is done, and
gives way to a product of the same stage the document states for the site ("its rare earth magnet plant", then "the
plant can produce 2,000 tonnes a year of sintered NdFeB magnets": NdFeB magnets, not a second product)."""

from __future__ import annotations

from typing import Any


class NamedProducts:
    """The product in a facility's name or description."""

    def _named_products(self) -> None:
        for kind in self.s.kinds:
            if self.st.label(kind) != "Material" or self.w(kind.end) not in self.v.PRODUCT_SITE_NOUNS:
                continue
            site = next((m for m in self.ms if m.start <= kind.start and kind.end < m.end and self.st.label(m) == "Facility"), None)
            if site is None or self.hedged(site.start, site.end) or any(self.w(k) in self.v.NOT_PRODUCING for k in range(self.s.start, site.end)):
                continue
            e, product = self.st.ent(site), kind.text.lower()
            if not any(product in name.lower() for name in (e.name, *e.surfaces)):
                continue  # "the lithium hydroxide plant that B runs", read as a site named otherwise: the words describe another
            self.st.named_products.append((self.st._key(site), self.st._key(kind), self.s))


def resolve_named_products(st: Any) -> None:
    """At the document's end: each site makes the material its name carries, unless the document states another
    product of that stage for it (the more precise name of what it makes)."""
    for site, kind, s in st.named_products:
        site, kind = st.resolve_key(site), st.resolve_key(kind)
        stage = st.entities[kind].props.get("stage")
        stated = (st.entities[st.resolve_key(k)] for k in st.out.get(("PRODUCES", site), ()))
        if not any(p.key != kind and p.props.get("stage") == stage for p in stated):
            st.add("PRODUCES", site, kind, s, 0.7)

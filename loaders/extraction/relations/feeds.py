"""What a facility is fed (session 15, issue 12): "The refinery processes monazite sand mined along the coast",
"The line is fed with spodumene concentrate from ...", "the smelter, which treats copper concentrate from B", "C's
plant at P processes imported ore and concentrate", "A processes monazite at its B plant".

What a facility takes in feeds what it makes: ``INPUT_TO`` from each material it is fed to each material the document
says it ``PRODUCES``, wherever in the document that is said (the product is often named a sentence later, or in a
table); the evidence is the sentence that names the feed. The stage order holds as for every input (no concentrate from
a magnet). Only a facility's intake, by verbs of processing (``FEED_VERBS``): a firm processes many things that feed
none of its products, and a plant "uses" acids, water and power as well as its feed."""

from __future__ import annotations

from typing import Any

from ..model import Sentence, stage_allows_input


class Feeds:
    """A facility's feed, kept until the document has said what the facility makes."""

    def _feeds(self) -> None:
        is_site = self.labelled("Facility")
        for i in self.triggers(self.v.FEED_VERBS):
            start = i + 1
            if self.w(i) == "fed":  # "are fed with M", "is fed by M" (not "fed by the plant")
                if self.w(i + 1) not in ("with", "on") or not self.is_passive(i):
                    continue
                start = i + 2
            elif self.is_passive(i) or self.w(i - 1) == "to":
                continue  # ("the ore is processed at B": the site is after the verb, .production; "to process": a plan's)
            feeds = self._objects(start, "Material")
            if not feeds or self.hedged(i, i + 1):
                continue
            site = self.relative_head(i, is_site) or self.at_end(i)
            if site is None or not is_site(site):
                subject = self.clause_subject(i)
                site = subject if is_site(subject) and not any(self.w(k) in (",", ";") and self.at(k + 1) is not None
                                                                 for k in range(subject.end, i)) else None
            for each in [site] if site is not None else self.sites_after(feeds[-1].end):  # ("A processes M0 at its B plant")
                self.st.feeds.append((self.st._key(each), [self.st._key(m) for m in feeds], self.s))


def resolve_feeds(st: Any) -> None:
    """At the document's end: each feed of a facility is an input to each material the facility makes."""
    for site, feeds, s in st.feeds:
        site = st.resolve_key(site)
        products = [st.resolve_key(k) for k in st.out.get(("PRODUCES", site), ())]
        for src in (st.resolve_key(k) for k in feeds):
            for dst in products:
                _input(st, src, dst, s)


def _input(st: Any, src: str, dst: str, s: Sentence) -> None:
    """``INPUT_TO`` src -> dst in the chain's order (as Production._input)."""
    a, b = st.entities[src], st.entities[dst]
    if src != dst and stage_allows_input(a, b):
        st.add("INPUT_TO", a, b, s, 0.65)

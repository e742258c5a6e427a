"""Where a firm or a site is, from a phrase that describes it by its rank in a country: "A, the largest anode maker
in China", "our smelter at P, Region, is the only operating antimony smelter in the United States" (A and the smelter
are in that country). Counted in sets D, E and J (docs/extraction.md, "Session 15: who is where, runs and owns what")."""

from __future__ import annotations

from ..model import Mention


class Homes:
    """Mixin of ``Rules``: the location a ranking description states."""

    def _ranked_in_country(self) -> None:
        """ "the only/largest/sole ... NOUN (operating) in COUNTRY" (``RANK_WORDS``, a noun of ``RANK_NOUNS`` or
        ``FACILITY_NOUNS`` and lower-case words between) in apposition to a firm or a site ("A, the ...", "the X mill
        near P, Region, the ...") or as its predicate ("A is the ...", "it is the ..."): it is in the country. Not "one
        of the largest mines in China" (a ranking among others, said loosely), not a region ("in North America": no
        country), and not a hedged or expected rank ("which it expects to be the largest plant in ...")."""
        for m in self.ms:
            if self.st.label(m) != "Country" or m.demonym:
                continue
            k = m.start - 1 - (self.w(m.start - 1) == "the")
            if self.w(k) != "in":
                continue
            noun = k - 1 - (self.w(k - 1) in ("operating", "today"))
            if self.w(noun) not in self.v.RANK_NOUNS | self.v.FACILITY_NOUNS:
                continue  # (not "the largest cobalt producer in the DRC": miners rank in the countries they mine abroad)
            rank = next((q for q in range(noun - 1, max(self.s.start, noun - 7) - 1, -1)
                         if self.w(q) in self.v.RANK_WORDS or not (self.doc[q].is_lower or self.w(q) == "-")), None)
            if rank is None or self.w(rank) not in self.v.RANK_WORDS or self.w(rank - 1) != "the" or self.w(rank - 2) == "of":
                continue
            opening = rank - 1
            described = self._ranked_one(opening)
            if described is None or self.st._key(described) == self.st._key(m) or self.hedged(described.start, m.end):
                continue
            self.st.add("LOCATED_IN", described, m, self.s, 0.7)

    def _ranked_one(self, opening: int) -> Mention | None:
        """The firm or site a ranking phrase opening at ``opening`` ("the") describes: the name before its comma (past
        the place phrase of a site, "the X mill near P, Region,"), or the subject of "is"/"was" before it."""
        def party(x: Mention | None) -> bool:
            return self.org(x) or self.st.label(x) == "Facility"
        before = opening - 1
        if self.w(before) == ",":
            named = self.at_end(before)
            if named is not None and self.st.label(named) in ("Place", "Country"):
                named = next((x for x in reversed(self.ms) if x.end < named.start and party(x)
                              and self.past_place(x.end) >= named.end), None)  # ("the X mill near P, Region, the only ...")
            return named if party(named) else None
        if self.w(before) in ("is", "was", "remains"):
            named = self.at_end(before)
            if named is None and self.w(before - 1) == ",":
                named = self.over_insertion(self.at_end(before - 1), before, party)  # "our smelter at P, Region, is ..."
            return named if party(named) and self.st.label(named) not in ("Place", "Country") else None
        return None

"""Where things are: "based in", "X-based", "P1, P2", "Estonia's Ida-Viru County", "A, a Danish maker"."""

from __future__ import annotations

from ..model import Mention, ORG_LABELS, POSSESSIVE_MARKS


_NOUN_ENDINGS = ("ion", "ions", "er", "ers", "or", "ors")  # "separation capacity", "producer", "operators": nouns, no verb


class Location:
    """Location rules."""

    def _located(self) -> None:
        # "A, based in P1, P2" / "A is headquartered in P" / "A ... headquarters in P"
        for i in self.triggers(self.v.LOCATION_WORDS):
            if self.w(i + 1) != "in" or self.hedged(i, i + 2):
                continue
            place = self.right(i + 2, self.labelled("Place", "Country"), limit=1)
            who = self.left(i, self.maker, limit=8)
            between = self.s.lowers[who.end : i] if who is not None else []
            if between and between[-1] in self.v.ORG_NOUNS and all(self.doc[k].is_lower for k in range(who.end, i)):
                who = self.appositive_head(who.start, self.maker) or who  # "A, a B Group company headquartered in P": A
            if self.w(i - 1) in ("is", "are", "was", "were"):  # "A, a subsidiary of B, is based in P" (but "B, a maker based in P")
                who = self.over_insertion(who, i, self.maker)
            if place is None or who is None:
                continue
            for each in self.subjects(who, i, self.maker):  # "A, B and C are all headquartered in P"
                self.st.add("LOCATED_IN", each, place, self.s, 0.9)
            self._place_chain(place)
        # "the Toronto-based company" after or before an organisation
        for i in self.triggers(("based",)):
            if i < 2 or self.w(i - 1) != "-":
                continue
            place = self.at_end(i - 1)
            if place is None or self.st.label(place) not in ("Place", "Country"):
                continue
            first = self.at_end(place.start - 1) if self.w(place.start - 1) == "," else None
            if first is not None and self.st.label(first) == "Place" and self.st.add("LOCATED_IN", first, place, self.s, 0.85):
                place = first  # "the Halifax, Nova Scotia-based developer": the firm is in Halifax, Halifax in Nova Scotia
            who = self.left(place.start, self.org, limit=4) or self.right(i + 1, self.org, limit=6)
            if who is not None:
                self.st.add("LOCATED_IN", who, place, self.s, 0.85)
        # "its Kalgoorlie plant in Western Australia", "at Ames National Laboratory in Iowa"
        for m in self.ms:
            label = self.st.label(m)
            located = label in ("Facility", "University", "ResearchInstitute") \
                or (self.org(m) and self.w(m.start - 1) in ("at", "to", "from"))  # "sells M to B in Eindhoven"
            if located and self.w(m.end) in ("in", "at", "near"):
                place = self.place_at(m.end + 1)
                if place is not None and self.st.label(place) in ("Place", "Country"):
                    self.st.add("LOCATED_IN", m, place, self.s, 0.75)
        # "P1, P2" and "P1, in Country's P2" after "in"
        for m in self.ms:
            if self.st.label(m) != "Place":
                continue
            if self.w(m.start - 1) in ("in", "near", "at", "on") or (self.w(m.start - 1) == "the" and self.w(m.start - 2) in ("in", "at")) \
                    or m.start == self.s.start or self.w(m.start - 1) == "|" \
                    or self.w(m.start - 1) == "of" and self.w(m.start - 2) in self.v.REGION_NOUNS \
                    or self.w(m.start - 1) == "and" and self.w(m.start - 2) == "," \
                    and self.st.label(self.at_end(m.start - 2)) == "Place" \
                    or self._pairs_before(m.start - 1):  # fmt: skip
                self._place_chain(m)  # (a dateline "KIRUNA, Sweden -", a cell, "the State of Orissa, India", "in A, B, and C, D",
                # "SEOUL, Korea and CLARKSVILLE, Tennessee -")
        # "Araxa in Minas Gerais", "Baotou in Inner Mongolia"; "the Lualaba province of Congo" (a place named with "the"
        # and "of" another: its part)
        for m in self.ms:
            head = self.w(m.end)  # ("the A and B plants in P": the last site's name stops before the shared noun)
            end = m.end + (self.st.label(m) == "Facility" and (head in self.v.FACILITY_NOUNS or head[:-1] in self.v.FACILITY_NOUNS))
            if self.st.label(m) in ("Place", "Facility") and self.w(end) == "in":
                outer = self.place_at(end + 1)
                if outer is not None and self.st.label(outer) in ("Place", "Country") and not self.hedged(m.start, outer.end):
                    for each in self.conjuncts(m, self.labelled(self.st.label(m))):  # "at Tenke and Kisanfu in Lualaba"
                        self.st.add("LOCATED_IN", each, outer, self.s, 0.75)
            elif self.st.label(m) == "Place" and self.w(of := m.end + (self.w(m.end) in self.v.PLACE_HEADS)) == "of" \
                    and self.w(m.start - 1) == "the":  # "the Pilbara region of Western Australia", "the Lualaba province of P"
                outer = self.place_at(of + 1)
                if outer is not None and outer.start <= of + 2 and self.st.label(outer) in ("Place", "Country") \
                        and self.w(outer.end) not in POSSESSIVE_MARKS and not self.hedged(m.start, outer.end):
                    self.st.add("LOCATED_IN", m, outer, self.s, 0.75)
        # "Estonia's Ida-Viru County"
        for m in self.ms:
            if self.st.label(m) == "Country" and self.w(m.end) in POSSESSIVE_MARKS and not m.demonym:
                nxt = self.at(m.end + 1)
                if nxt is not None and self.st.label(nxt) == "Place":
                    self.st.add("LOCATED_IN", nxt, m, self.s, 0.85)
                elif nxt is not None and self.org(nxt):
                    self.st.add("LOCATED_IN", nxt, m, self.s, 0.8)
        # "the Indonesian island of Sulawesi", "the Chilean region of Atacama": the country the demonym names
        for m in self.ms:
            if self.st.label(m) == "Place" and self.w(m.start - 1) == "of" and self.w(m.start - 2) in self.v.REGION_NOUNS | {"island"}:
                demonym = self.at_end(m.start - 2)
                if demonym is not None and demonym.demonym and self.st.label(demonym) == "Country":
                    self.st.add("LOCATED_IN", m, demonym, self.s, 0.8)
        # "A, one of Japan's largest chemical companies" / "A, China's state-backed rare earth and steel giant"
        for m in self.ms:
            if not self.org(m) or self.w(m.end) != ",":
                continue
            for k in range(m.end + 1, min(self.s.end, m.end + 5)):
                country = self.at(k)
                if country is not None and self.st.label(country) == "Country" and self.w(country.end) in POSSESSIVE_MARKS:
                    head = next((q for q in range(country.end + 1, min(self.s.end, country.end + 9)) if self.w(q) in self.v.ORG_NOUNS), None)
                    if head is not None:
                        self.st.add("LOCATED_IN", m, country, self.s, 0.8)
                    break
        # "A, a Danish maker of ...", "A is a Japanese trading company", "A, another Australian company", "A, the Swedish state-owned mining group", "A,
        # the US electric vehicle maker"; "the Australian miner A", "Korean battery makers A, B and C", "its Indian
        # subsidiary, A" (but "the Australian-listed A": a listing, not a home)
        for m in self.ms:
            demonym, named = None, [m]
            if self.org(m) and self.w(m.end) in (",", "is", "was") and self.w(m.end + 1) in ("a", "an", "the", "another"):
                k = m.end + 2
                while k < m.end + 4 and self.at(k) is None and self.doc[k].is_lower and self.doc[k].is_alpha:
                    k += 1  # "A, a leading Japanese producer"
                demonym = self.at(k)
                head = self._org_noun_after(demonym, 6)
                head = None if head is not None and self.org(self.at(head + 1)) else head  # ("A, the Portuguese builder B": B's)
            elif self.org(m) and m.start - 2 >= self.s.start and (self.w(m.start - 1) in self.v.ORG_NOUNS | self.v.SUBSIDIARY_NOUNS or
                                                                  self.w(m.start - 1) == "," and self.w(m.start - 2) in self.v.SUBSIDIARY_NOUNS):
                noun = m.start - 1 - (self.w(m.start - 1) == ",")
                demonym = next((x for x in self.ms if self._attributive(x) and m.start - 6 <= x.end < m.start), None)
                head = self._org_noun_after(demonym, 5)  # ("the Canadian specialty-metals company A")
                head = head if head == noun else None
                plural = self.w(noun).endswith("s") and not self.w(noun).endswith("ss")  # (not "the Portuguese builder A, the
                # rail operator B and C": a role of one name in a list)
                named = self.conjuncts(m, self.org) if noun == m.start - 1 and plural else named  # ("battery makers A, B and C")
            if demonym is not None and self._attributive(demonym) and head is not None and self.w(demonym.end) not in ("-", "listed"):
                for each in named:
                    self.st.add("LOCATED_IN", each, demonym, self.s, 0.8)
        self._opening_country()
        self._seat()
        # "A began separating and refining rare earths in Hai Phong"
        subject = self.subject
        if subject is not None and self.org(subject):
            for i in self.triggers(("in",)):
                place = self.at(i + 1)
                if place is None or self.st.label(place) != "Place" or i < subject.end \
                        or self.st.label(self.at_end(i - (self.w(i - 1) == ","))) == "Place":
                    continue  # ("mines pyrochlore at Araxá, in Minas Gerais", "at the X Industrial Park in P": the region
                    # of a place named before, not of the firm)
                between = [self.w(k) for k in range(subject.end, i)]
                if any(self.st_mention_covers(k) and self.st.label(self.at_or_in(k)) in {"Facility"} | ORG_LABELS for k in range(subject.end, i)):
                    continue
                if any(w in ("listed", "listing") for w in between) or self.hedged(subject.start, i + 1):
                    continue
                if any((w.startswith(("separat", "refin", "produc", "manufactur", "operat", "mines", "mining", "process"))
                        or w in ("makes", "make", "making")) and not self._noun_modifier(subject.end + n)
                       and not self._others_noun(subject.end + n)
                       for n, w in enumerate(between)):  # "A makes modules in Ohio, Alabama and Louisiana"
                    for each in self.conjuncts(place, self.labelled("Place")):
                        self.st.add("LOCATED_IN", subject, each, self.s, 0.6)

    def _others_noun(self, k: int) -> bool:
        """Whether the word at ``k`` is a noun of making inside a noun phrase the verb before takes as its object ("controls
        most of the licensed heavy rare earth separation capacity in Jiangxi": a nominalisation or an agent noun after
        "the"/"a" and lower-case words); the subject's own ("its mineral sands operations in Georgia") places it."""
        if not self.w(k).endswith(_NOUN_ENDINGS):
            return False
        for q in range(k - 1, max(self.s.start, k - 6) - 1, -1):
            word = self.w(q)
            if word in ("the", "a", "an"):
                return True
            if word in ("its", "their", "our") or not (self.doc[q].is_lower and self.doc[q].is_alpha):
                return False
        return False

    def _noun_modifier(self, k: int) -> bool:
        """Whether the word at ``k`` modifies the noun after it ("acquired mining claims in Alaska", "its processing
        plant"): a determiner or an acquisition verb before it, a lower-case noun after it, so it is no verb of making."""
        return self.w(k - 1) in ("a", "an", "the", "its", "their", "our", "acquired", "bought", "holds", "owns") \
            and self.doc[k + 1].is_lower and self.doc[k + 1].is_alpha if k + 1 < self.s.end else False

    def place_at(self, k: int) -> Mention | None:
        """The place a phrase from ``k`` names, past a determiner and direction words: "southeast Alaska", "the
        northern province of Yen Bai", "the north-west of Argentina" (one token or three), "South Africa's Limpopo
        province"."""
        while self.at(k) is None and k < self.s.end and (self.w(k) in self.v.DIRECTION_WORDS | {"the", "of"} or
                                                          self.w(k) in self.v.REGION_NOUNS and self.w(k + 1) == "of" or
                                                          self.w(k) == "-" and self.w(k - 1) in self.v.DIRECTION_WORDS):
            k += 1  # ("Western Australia", "South Sulawesi": a name that starts with one)
        m = self.at(k)
        return self.head(m, self.labelled("Place")) if m is not None else None

    def _opening_country(self) -> None:
        """ "In South Korea, A makes anode material in Sejong": a place or a facility the sentence names, not yet placed,
        is in the country (or region) its opening phrase names, when the sentence names no other country ("In
        Tanzania, A owns the Ngualla project")."""
        if self.w(self.s.start) != "in" or not self.ms:
            return
        where = self.place_at(self.s.start + 1)
        if where is None or self.w(where.end) not in (",", "it", "they", "we") or self.st.label(where) not in ("Country", "Place"):
            return  # ("In the United States it produces ...": a pronoun subject needs no comma)
        if any(self.st.label(m) == "Country" and self.st._key(m) != self.st._key(where) and not m.demonym for m in self.ms):
            return
        for m in self.ms:
            key = self.st._key(m)
            if m.start > where.end and self.st.label(m) in ("Place", "Facility") and key != self.st._key(where) \
                    and not self.st.out.get(("LOCATED_IN", key)) and not self.hedged(m.start, m.end):
                self.st.add("LOCATED_IN", m, where, self.s, 0.6)

    def _attributive(self, m: Mention) -> bool:
        """A demonym, or a country's name used as one ("the US electric vehicle maker", "a Singapore subsidiary")."""
        return m.demonym or self.st.label(m) == "Country" and self.w(m.end) not in (*POSSESSIVE_MARKS, ",", "-") \
            and self.doc[m.end].is_lower if m.end < self.s.end else False

    def _org_noun_after(self, demonym: Mention | None, reach: int) -> int | None:
        """Where the organisation noun a demonym qualifies stands ("Swedish state-owned mining group"): within
        ``reach`` words, with no other name and no clause boundary between."""
        if demonym is None or not self._attributive(demonym):
            return None
        for k in range(demonym.end, min(self.s.end, demonym.end + reach)):
            if self.w(k) in self.v.ORG_NOUNS | self.v.SUBSIDIARY_NOUNS | {"state-owned"} and self.w(k + 1) != "-":
                return k
            if self.w(k) in (",", ";", ":", "(", "that", "which", "of") or self.st_mention_covers(k):
                return None
        return None

    def _place_chain(self, place: Mention) -> None:
        """ "Stillwater, Oklahoma" / "Narva, in Estonia's Ida-Viru County": the first is in the second."""
        k = place.end + (self.w(place.end) in self.v.REGION_NOUNS | {"island"})  # "Halmahera island, Indonesia"
        if self.w(k) != ",":
            return
        k += 1
        located = self.w(k) == "in"
        k += located
        nxt = self.place_at(k) if located else self.at(k)  # ", in the north-west of C" (", the U.S. arm of": no place)
        if nxt is not None and self.st.label(nxt) == "Country" and self.w(nxt.end) in POSSESSIVE_MARKS:
            inner = self.at(nxt.end + 1)
            if inner is not None and self.st.label(inner) == "Place":
                self.st.add("LOCATED_IN", place, inner, self.s, 0.8)
                return
        if nxt is None or self.st.label(nxt) not in ("Place", "Country") or nxt.demonym:
            return
        after = self.w(nxt.end)
        if after in ("and", "or") and not self._pairs_after(nxt.end) or (after == "," and self.st.label(self.at(nxt.end + 1)) in ("Place",) and self.w(self.at(nxt.end + 1).end) in (",", "and")):
            return
        self.st.add("LOCATED_IN", place, nxt, self.s, 0.8)
        if self.st.label(nxt) == "Place":
            self._place_chain(nxt)  # "Saskatoon, Saskatchewan, Canada": each in the next

    def _pairs_before(self, k: int) -> bool:
        """ "A, B and" ends at ``k`` ("and"): a place with its region before it, so that the next place with its region
        is the second pair of "A, B and C, D" ("SEOUL, Korea and CLARKSVILLE, Tennessee"), not a list's member."""
        if self.w(k) not in ("and", "&"):
            return False
        region = self.at_end(k)
        place = self.at_end(region.start - 1) if region is not None and self.w(region.start - 1) == "," else None
        return place is not None and self.st.label(region) in ("Place", "Country") and self.st.label(place) == "Place"

    def _pairs_after(self, k: int) -> bool:
        """ "and C, D" follows at ``k``: a place and its region, so "A, B" before it is a pair of "A, B and C, D", not
        "in Ohio, Tennessee and Michigan" (a list of three)."""
        if self.w(k) not in ("and", "&"):
            return False
        nxt = self.at(k + 1)
        region = self.at(nxt.end + 1) if nxt is not None and self.w(nxt.end) == "," else None
        return region is not None and self.st.label(nxt) == "Place" and self.st.label(region) in ("Place", "Country") \
            and not region.demonym

    def _seat(self) -> None:
        """A firm's office named by its possessive: "VTRE's office in Hanoi", "its head office in Tokyo", "through its
        Seoul head office": the firm is in that place (its seat, as "headquartered in"). Not "its sales office in P"
        (an office of another kind) nor "an office in P" (no owner)."""
        for i in self.triggers(self.v.SEAT_NOUNS):
            k = i - 1 - (self.w(i - 1) == "head")
            place = self.at_end(k + 1)  # "its Seoul head office"
            e = self.st.ent(place) if place is not None else None
            if e is not None and place.label is None and e.known is None and not e.confirmed and self.w(place.start - 1) in ("its", "their"):
                e.label, e.confirmed = "Place", True  # (a cue-less name between "its" and "head office": the office's town)
            if place is not None and self.st.label(place) in ("Place", "Country") and not place.demonym:
                k = place.start - 1
            elif self.w(i + 1) == "in":
                place = self.place_at(i + 2)
            else:
                place = None
            owner = self.possessor(k)
            if isinstance(owner, str):
                owner = next((m for m in self.ms if self.st._key(m) == owner), None)
            if place is not None and owner is not None and self.org(owner) and self.st.label(place) in ("Place", "Country") \
                    and not self.hedged(k, place.end):
                self.st.add("LOCATED_IN", owner, place, self.s, 0.8)

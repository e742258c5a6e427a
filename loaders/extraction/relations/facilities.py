"""Facilities: "its sintered magnet plant in Stillwater" becomes a Facility located there, and who
operates it ("operated by", "its", "X's", the builder).
"""

from __future__ import annotations

from collections import Counter

from ...gazetteer import normalise
from ..discourse import FIRM_LABELS
from ..model import Entity, Mention, ORG_LABELS, POSSESSIVE_MARKS, POSSESSIVES
from ..sites import singular
from ..text import place_core


_AUXILIARIES = frozenset("will would shall is are was were has have had also already now plans plan intends aims to".split())
"""Words that may stand between a verb and its own subject ("B will also build", "B plans to build")."""
_PASSIVE_AUXILIARIES = frozenset("is are was were be been being has have had".split())
"""The auxiliaries of a passive between a site and its participle ("is being developed by")."""


class Facilities:
    """Facility rules."""

    def _weak_name_at(self, i: int) -> bool:
        """A capitalised name with no cue that nothing has confirmed yet (it may name a facility)."""
        m = self.at_or_in(i)
        e = self.st.ent(m)
        return m is not None and m.end == i + 1 and e is not None and e.label == "Company" and not e.confirmed \
            and e.key not in self.st.used and self.w(m.start - 1) in ("its", "their", *POSSESSIVE_MARKS, "the")

    def _demonym_at(self, i: int) -> bool:
        m = self.at_or_in(i)
        return m is not None and m.demonym

    def _listed_sites(self) -> None:
        """ "its plants in Moriyama, Shiga Prefecture, and Hyuga, Miyazaki Prefecture", "A's European smelters at Balen
        and Auby": a plural facility noun, then "in"/"at" and coordinated places, names one facility per place ("Moriyama
        plant", "Hyuga plant"), located there and run by the phrase's possessor (or by the subject a clause "at plants
        in ..." describes); plants no one is said to have ("investors who build plants in P") are none. A place after a
        comma alone that is a region (the vocabulary's, or a name with a region's head: "Shiga Prefecture") holds the
        site before it; a country names none ("its plants in Japan and Korea"), nor do regions alone ("its mines in
        Jiangxi and Guangdong"). The places keep their mentions (the place chains are read as before)."""
        plurals = [i for w, at in self.positions.items() if w.endswith("s") and singular(w) in self.v.FACILITY_NOUNS for i in at] \
            if not self.positions.keys().isdisjoint(("in", "at")) else []
        for i in plurals:
            first = self.at(i + 2) if self.w(i + 1) in ("in", "at") and self.doc[i].is_lower else None
            if first is None or self.st.label(first) != "Place":
                continue
            places = self.coordinated(first, lambda m: self.st.label(m) in ("Place", "Country"))
            sites: list[Mention] = []
            for n, p in enumerate(places):
                gap = [self.w(q) for q in range(places[n - 1].end, p.start)] if n else []
                if set(gap) & {"in", "at"}:
                    break  # ("..., and in South Korea": another phrase)
                e = self.st.ent(p)
                region = e.label == "Country" or ("country" in e.props or "kind" in e.props) and e.props.get("kind") != "city" \
                    or self.w(p.end - 1) in self.v.PLACE_HEADS  # (a city of the world's places has its country: no region)
                if not region:
                    sites.append(p)
                elif gap != [","]:
                    break  # ("its mines in Jiangxi and Guangdong": a region listed as a site's place is no site)
            start = i
            while start > max(i - 4, self.s.start + 1) and (self.doc[start - 1].is_lower and self.doc[start - 1].is_alpha and self.w(start - 1) not in self.v.STOP
                                     or self._demonym_at(start - 1) or self.doc[start - 1].is_title and not self.st_mention_covers(start - 1)
                                     and self.w(start - 2) in POSSESSIVES):
                start -= 1  # ("Nyrstar's European smelters", "its two Australian smelters")
            owner = self._possessor(start) if self.w(start - 1) in ("its", "their", *POSSESSIVES) else None
            if owner is None and self.w(start - 1) == "at" and start == i and self.org(subject := self.clause_subject(start)):
                owner = self.st._key(subject)  # "A makes separators in Japan, at plants in Moriyama and Hyuga"
            if owner is None:
                continue  # ("investors who build separation plants in P": plants of no one named, none of them a site)
            hedged = self.hedged(start, places[-1].end)
            noun = singular(self.w(i))
            for p in sites if not hedged else ():
                pe = self.st.ent(p)
                e = self._facility_entity(f"{pe.name} {noun}", [f"{p.text} {noun}", f"{self.doc[i].text} {self.w(i + 1)} {p.text}"], {})
                self.st.facilities.append(e.key)
                self.st.add("LOCATED_IN", e, pe, self.s, 0.75)
                self.st.add("OPERATES", owner, e, self.s, 0.75)

    def _describes_named_site(self, i: int) -> bool:
        """The facility noun at ``i`` heads words that describe the site named right before them, so that they name no
        second site: a named facility, then lower-case words, materials and "and", then the noun and its place ("its
        Trail Operations zinc and lead smelter in British Columbia": the smelter is Trail Operations, which is in British
        Columbia, not a "British Columbia smelter"). The named site is located in the place."""
        site = place = None
        if self.w(i + 1) in ("in", "at", "near"):
            k = i
            while k > self.s.start and i - k < 6:  # back over the describing words to a named facility
                m = self.at_end(k)
                label = self.st.label(m) if m is not None else None
                if label == "Facility" and not m.anaphora:
                    site = m
                    break
                if label in ("Element", "Material"):
                    k = m.start
                elif m is None and (self.doc[k - 1].is_lower and self.doc[k - 1].is_alpha and self.w(k - 1) not in self.v.STOP
                                    or self.w(k - 1) == "-" or self.w(k - 1) == "and" and self.st.label(self.at_end(k - 1)) in (
                                        "Element", "Material")):  # ("zinc and lead": not "the X mine and a plant in P")
                    k -= 1
                else:
                    break
            after = self.at(i + 2) if self.w(i + 2) != "the" else self.at(i + 3)
            place = after if site is not None and after is not None and self.st.label(after) in ("Place", "Country") else None
        if site is None or place is None:
            return False
        self.st.add("LOCATED_IN", site, place, self.s, 0.75)
        return True

    def _described_site(self, start: int, place: Mention) -> bool:
        """The facility phrase from ``start`` is an appositive that describes the site named before it ("Costerfield,
        an underground mine near Heathcote", "Kelmar, the company's main plant in P"): that site is in the place, and
        the phrase names no second facility. A cue-less name there is a site the phrase describes."""
        if start - 2 < self.s.start or self.w(start - 1) not in ("a", "an", "the") or self.w(start - 2) != ",":
            return False
        head = self.at_end(start - 2)
        e = self.st.ent(head) if head is not None else None
        if e is None or not (e.label == "Facility" or head.label is None and not e.confirmed and e.known is None):
            return False
        if e.label != "Facility":
            e.label, e.confirmed = "Facility", True  # ("Costerfield, an underground mine": a mine, not a firm)
        self.st.add("LOCATED_IN", head, place, self.s, 0.75)
        return True

    def _facilities(self) -> None:
        """ "its sintered magnet plant in Stillwater, Oklahoma" -> a Facility located in Stillwater."""
        self._listed_sites()
        d = self.doc
        for i in self.triggers(self.v.FACILITY_NOUNS):
            if self.st_mention_covers(i):
                continue
            # the descriptive phrase: modifiers back to a determiner or possessive
            start, named = i, False
            while start - 1 >= self.s.start:
                if self._weak_name_at(start - 1):
                    weak = self.at_or_in(start - 1)
                    self.ms.remove(weak)  # "its Independence magnet factory": the facility's own name
                    start, named = weak.start, True
                    continue
                word = d[start - 1].lower_
                if (self.st_mention_covers(start - 1) and not self._demonym_at(start - 1)) or word in (",", ";", ":"):
                    break
                if word in self.v.STOP | {*POSSESSIVES, "(", "a", "an"} and word not in ("first", "second", "new"):
                    break
                start -= 1
            place = None
            before = self.at_end(i)
            if self._describes_named_site(i):
                continue  # "its Trail Operations zinc and lead smelter in P": no second site
            if before is not None and self.st.label(before) == "Place" and start == i:
                pe = self.st.ent(before)
                e = self._facility_entity(f"{pe.name} {d[i].lower_}", [f"{before.text} {d[i].text}"], {})
                self.ms.remove(before)
                self.ms.append(Mention(before.start, i + 1, e.key, f"{before.text} {d[i].text}", anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.add("LOCATED_IN", e, pe, self.s, 0.75)
                continue
            if i + 2 < self.s.end and d[i + 1].lower_ in ("in", "at", "near"):
                nxt = self.at(i + 2)
                if nxt is None and d[i + 2].lower_ == "the":
                    nxt = self.at(i + 3)
                if nxt is not None and self.st.label(nxt) in ("Place", "Country"):
                    place = nxt
            if place is not None and self._described_site(start, place):
                continue  # "Costerfield, an underground mine near Heathcote": the mine is Costerfield, no "Heathcote mine"
            kind = next((self.v.FACILITY_KINDS[d[k].lower_] for k in range(start, i) if d[k].lower_ in self.v.FACILITY_KINDS), None)
            known = self._known_facility(start, i, place, kind) if place is not None and not d[start].is_title else None
            if known is not None:
                self.ms.append(Mention(start, i + 1, known, d[start : i + 1].text, anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.entities[known].mentions += 1
                self.st.entities[known].sentence = self.st.entities[known].sentence or self.s.text
                self.st.facilities.append(known)
                self.st.add("LOCATED_IN", known, place, self.s, 0.75)
                continue
            if place is None:
                place = self._where_place(start)
            if place is not None and self.st.label(place) == "Country":
                place = None  # "its plant in Malaysia": too vague to name a new facility
            anaphor = start > self.s.start and d[start - 1].lower_ == "the" and place is None
            if place is None and named:  # "The Tarrant magnet plant, operated by ...": a name of its own is enough
                e = self._facility_entity(d[start : i + 1].text, [d[start : i + 1].text], {"kind": kind} if kind else {})
                self.ms.append(Mention(start, i + 1, e.key, d[start : i + 1].text, anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.facilities.append(e.key)
                continue
            if place is None:
                owner = self._possessor(start) if not anaphor else None
                if anaphor or owner is not None:
                    wanted = self._facility_referred(start, i, kind, owner)
                    if wanted is not None:  # (the demonym of "its Indonesian plant" is part of the mention)
                        self.ms[:] = [m for m in self.ms if not (start <= m.start and m.end <= i)]
                        self.ms.append(Mention(start, i + 1, wanted, d[start : i + 1].text, anaphora=True))
                        self.ms.sort(key=lambda x: x.start)
                        self.st.entities[wanted].mentions += 1
                continue
            if start > self.s.start and d[start - 1].lower_ in ("a", "an") and (any(
                    self.hedge_at(k, self.v.POSSIBILITIES) for k in range(self.clause_start(start), start))
                    or self.hedge_at(self.past_place(i + 1), self.v.POSSIBILITIES)):
                continue  # "A may build a second plant in Texas", "A commercial plant at P could make 40 t": a plant only
                # possible is no facility (annotation.md)
            pe = self.st.ent(place)
            noun = d[i].lower_
            name = f"{pe.name} {kind + ' ' if kind else ''}{noun}"
            if d[start].is_title and not self._demonym_at(start):
                name = d[start : i + 1].text  # a facility with a name of its own: "Independence magnet factory"
            surface = d[start : i + 1].text
            first = i  # the kind words right before the noun, without ordinals, sizes and units: "pilot plant"
            while first > start and (d[first - 1].is_alpha or d[first - 1].text == "-") and d[first - 1].lower_ not in self.v.NOT_KIND_WORDS:
                first -= 1
            aliases = [surface, f"{surface} in {pe.name}", f"{noun} in {pe.name}", f"{pe.name} {noun}",
                       f"{place_core(pe.name)} {noun}", f"{pe.name} {d[first : i + 1].text}"]  # ("Wheat Ridge pilot plant")
            e = self._facility_entity(name, aliases, {"kind": kind} if kind else {})
            m = Mention(start, i + 1, e.key, surface, anaphora=True)
            self.ms.append(m)
            self.ms.sort(key=lambda x: x.start)
            self.st.facilities.append(e.key)
            self.st.add("LOCATED_IN", e, place, self.s, 0.8)

    def _site_pair(self) -> None:
        """ "Both plants make mixed sulfide", "The two mines ...": a sentence opening on "both" or "the two" and a plural
        site noun stands for the last two sites of that sort the document named (one mention of the first, the other its
        group, as :meth:`Discourse._plural` does for firms); nothing when it named fewer."""
        k = self.s.start
        det = 2 if self.w(k) == "the" and self.w(k + 1) == "two" else 1 if self.w(k) == "both" else 0
        noun = self.w(k + det)
        sort = self.v.FACILITY_SORTS.get(noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]) if det and noun.endswith("s") else None
        if sort is None or self.st_mention_covers(k + det):
            return
        sites: list[str] = []
        for q in reversed([self.st.resolve_key(q) for q in self.st.recent]):
            e = self.st.entities[q]
            if e.label == "Facility" and self.v.FACILITY_SORTS.get(e.name.lower().split()[-1], sort) == sort and q not in sites:
                sites.append(q)
        if len(sites) >= 2:  # (the latest two: "The A plant is owned by X. The B plant belongs to Y. Both plants ...")
            self.ms.append(Mention(k, k + det + 1, sites[1], self.doc[k : k + det + 1].text, anaphora=True, group=(sites[0],)))
            self.ms.sort(key=lambda m: m.start)

    def _site_anaphora(self) -> None:
        """ "the project in Valley County", "The line is designed to produce ...": a site the document named with that
        word before (its name or a surface ends with it); else, for "The operation" opening a sentence, the one site the
        sentence before named ("X started production at its Pela Ema deposit. The operation, which ..."); nothing when
        none was."""
        for i in self.triggers(self.v.SITE_ANAPHORS):
            if self.w(i - 1) == "the" and not self.st_mention_covers(i) and not self.st_mention_covers(i - 1):
                key = self._facility_referred(i - 1, i, None, None, named_only=True)
                if key is None and self.w(i) in self.v.SITE_GENERIC_ANAPHORS and i - 1 == self.s.start:
                    sites = {k for k in self.st.previous if self.st.entities[self.st.resolve_key(k)].label == "Facility"}
                    key = sites.pop() if len(sites) == 1 else None  # "X started production at its Y deposit. The operation ..."
                if key is not None:
                    self.ms.append(Mention(i, i + 1, key, self.doc[i].text, anaphora=True))
        self.ms.sort(key=lambda m: m.start)

    def _possessor(self, start: int) -> str | None:
        """The firm a facility phrase starting at ``start`` belongs to: "its Indonesian plant", "BTR's plant"."""
        key = self.st._key(self.possessor(start - 1))
        return key if key is not None and self.st.entities[key].label in ORG_LABELS else None

    def _facility_referred(self, start: int, i: int, kind: str | None, owner: str | None, named_only: bool = False) -> str | None:
        """The facility named before that "the plant" (``owner`` None) or "its Indonesian plant" (the facility
        ``owner`` runs, in that country when one is said) at ``start``..``i`` stands for: of the noun's sort ("the
        plant" is no mine) and kind; "the plant" is the latest named in its sentence, else the one named most so far (the
        latest on a tie); "its plant" is the only one that fits."""
        here = [self.st._key(m) for m in self.ms if m.start < start]
        said = [self.st.resolve_key(k) for k in self.st.recent] + here
        count = Counter(k for k in said if k is not None and self.st.entities[k].label == "Facility")
        last = {k: n for n, k in enumerate(said)}  # (named before it: in this sentence the latest, else the most named)
        keys = sorted(count, key=lambda k: (k in here, count[k] if k not in here else 0, last[k]))
        wanted = [k for k in keys if kind is None or self.st.entities[k].props.get("kind") == kind]
        noun = self.w(i).rstrip("s") if named_only else self.w(i)
        named = [k for k in wanted if any(n.lower().split()[-1:] == [noun] for n in (self.st.entities[k].name, *self.st.entities[k].surfaces))]
        if named_only:  # ("latest on a tie" as for the plant; "the project" names only a project)
            return named[-1] if named else None
        sort = self.v.FACILITY_SORTS.get(self.w(i))  # "the plant" is no mine, "the mine" no refinery
        wanted = named or [k for k in wanted if self.v.FACILITY_SORTS.get(self.st.entities[k].name.lower().split()[-1], sort) == sort]
        if owner is None:
            return wanted[-1] if wanted else None
        country = next((self.st._key(m) for m in self.ms if start <= m.start < i and m.demonym), None)
        wanted = [k for k in wanted if owner in self.st.into.get(("OPERATES", k), ()) and (country is None or country in self._places_of(k))]
        return wanted[0] if len(wanted) == 1 else None

    def _places_of(self, key: str) -> set[str]:
        """The places a facility is in, up the chain the document states ("Kendal" -> "Central Java" -> "Indonesia")."""
        found: set[str] = set()
        todo = [key]
        while todo:
            for place in self.st.out.get(("LOCATED_IN", todo.pop()), ()):
                if place not in found:
                    found.add(place)
                    todo.append(place)
        return found

    def _where_place(self, start: int) -> Mention | None:
        """The place of "to Lulea, where the company's anode plant ...": a place just before ", where"."""
        k = start - 1
        while k > self.s.start and (self.w(k) in ("the", "its", "their", *POSSESSIVE_MARKS) or self.st_mention_covers(k)) \
                and not (self.at_or_in(k) and self.st.label(self.at_or_in(k)) in ("Place", "Country")):
            k -= 1
        if self.w(k) == "where" and self.w(k - 1) == ",":
            place = self.at_end(k - 1)
            return place if self.st.label(place) in ("Place", "Country") else None
        return None

    def _known_facility(self, start: int, end: int, place: Mention, kind: str | None) -> str | None:
        """The store's facility that a descriptive mention ("the separation plant in Gebeng") names, if just one fits.

        It must be in that place and run by the operator the sentence gives ("its", "X's", the subject before
        the mention) or a subsidiary of it; "a second/new plant" prefers planned facilities, other mentions
        operating ones.
        """
        if self.w(start - 1) in ("its", "their"):
            operator = self.its(start - 1)
        elif self.w(start - 1) in POSSESSIVE_MARKS:
            operator = self.at_end(start - 1)
        else:
            operator = self.subject if self.subject is not None and self.subject.end < start and self.org(self.subject) else None
        key = self.st._key(operator) if operator is not None else None
        if key is None or self.st.entities[key].known is None:
            return None
        orgs = {key}
        fits = [f for f in self.st.x.gazetteer.facilities_in(self.st._key(place), orgs)
                if kind is None or kind in str(f.props.get("kind", kind))]
        fresh = any(self.w(k) in ("new", "second", "third", "another", "planned", "proposed", "future") for k in range(start, end))
        preferred = [f for f in fits if (f.props.get("status") == "planned") == fresh]
        fits = preferred or fits
        return self.st._known(fits[0]) if len(fits) == 1 else None

    def _facility_entity(self, name: str, aliases: list[str], props: dict) -> Entity:
        """The facility known by any of these names (in the store or earlier in the document), else a new one."""
        e = None
        for alias in [name, *aliases]:
            known = self.st.x.gazetteer.lookup(alias)
            if known is not None and known.label == "Facility":
                e = self.st.entities[self.st._known(known)]
                break
        if e is None:
            e = self.st._new("Facility", name, props)
        for alias in aliases:
            e.surfaces[alias] += 0
            named = self.st.facility_names.get(normalise(alias))
            if named is not None and self.st.resolve_key(named) != e.key and named in self.st.entities:
                self.st.merge(named, e.key)  # "the Narva plant" named earlier or later is this facility
        e.surfaces[aliases[0]] += 1
        e.mentions += 1
        e.sentence = e.sentence or self.s.text
        return e

    def _builder(self, m: Mention | None) -> bool:
        """Who may build or run a plant beside another: a firm, not a government that co-funds it ("The company and
        the Quebec government are putting US$6 million into the plant")."""
        return self.org(m) and self.st.label(m) != "GovernmentBody"

    def _operates(self) -> None:
        for m in self.ms:
            if self.st.label(m) != "Facility":
                continue
            k = m.start - 1
            operator: Mention | str | None = self._run_by(m.end)
            builders: list = []
            possessed = False  # "has proposed a plant at its Clarksville smelter": "its" presupposes the smelter, hedged or not
            if operator is not None:
                pass
            elif k >= self.s.start and self.w(k) in ("its", "their", "our"):
                operator, possessed = self.its(k), True
            elif k >= self.s.start and self.w(k) in POSSESSIVES:
                owner = self.at_end(k)
                if owner is not None and self.org(owner):
                    operator, possessed = owner, True
            if operator is None:
                verb = self._build_verb(m)
                if verb is not None:
                    subject = self.subject if self.subject is not None and self.org(self.subject) and self.subject.end <= verb else None
                    # ("formed X, a joint venture that will build a plant": X builds it, not the sentence's subject)
                    near = self.left(verb, self.org, limit=4)  # ("A said B will build a plant": B, the verb's own subject)
                    near = near if near is not None and not near.anaphora and (all(self.w(k) in _AUXILIARIES for k in range(near.end, verb))
                                                                               or self.w(near.end + 1) in self.v.INSERTION_OPENERS) \
                        else None  # (an anaphor, "The company also operates", is resolved by the subject's rules; "A, a unit of B, runs": A)
                    who = self.relative_head(verb, self.org) or near or subject or self.left(verb, self.org, limit=14)
                    rel = self._relative_before(m.start - 2) if self.w(m.start - 2) == "and" else None
                    upto = rel if rel is not None else m.start  # (the parties of a relative clause stepped over are its own)
                    if who is not None and not any(self.org(x) for x in self.ms if verb < x.start < upto):
                        operator, builders = who, self.subjects(who, verb, self._builder)  # "A and B will build the plant"
            of = m.start - 1 - (self.w(m.start - 1) == "the")
            if operator is None and self.w(of) == "of" and self.w(of - 1) in self.v.OPERATOR_NOUNS:
                named = self.left(of - 1, self.org, limit=6)  # "A, the operator of the X mine", "A is the operator of F"
                if named is not None and all(self.w(q) in self.v.OPERATOR_LINKS for q in range(named.end, of - 1)):
                    operator = named
                elif of - 1 == self.s.start and not any(self.org(x) for x in self.ms if of <= x.start < m.start):
                    operator = self.carried(FIRM_LABELS, topic_only=True)  # a slide's or profile's item: "Owner of the X project"
            after = self.past_place(m.end)  # ("the X complex in Alexandria, Louisiana, which B is building")
            agent = self.at(after + 2) if self.w(after) == "," and self.w(after + 1) in ("which", "that") else None
            if operator is None and agent is not None and self.org(agent) and any(  # "the Kiruna mine, which LKAB has operated"
                    self.w(q) in self.v.BUILD_VERBS for q in range(agent.end, min(self.s.end, agent.end + 3))):
                operator = agent
            if operator is None and self.w(m.end) in (",",) and self.w(m.end + 1) in ("which", "that"):
                operator = self._run_by(m.end + 2)
            if operator is not None and (possessed or not self.hedged(m.start, m.end)):
                for each in builders if operator in builders else [operator, self._unit_named(operator)]:
                    self.st.add("OPERATES", each, m, self.s, 0.8)  # ("run by A's subsidiary B": A through B, and B)
        # "It is run by B" after a sentence about a facility: B runs that facility
        last = self.st.last_subject
        if self.words[:1] == ["it"] and self.w(self.s.start + 1) in ("is", "was", "has", "had") and self.st.label_of(last) == "Facility":
            operator = self._run_by(self.s.start + 1, 4)
            if operator is not None and not self.hedged(self.s.start, self.s.start + 4):
                self.st.add("OPERATES", operator, last, self.s, 0.7)

    def _build_verb(self, m: Mention) -> int | None:
        """Where the verb that builds, runs or mines the facility ``m`` stands ("A operates the X mine", "mines ore at
        X", "operates the X mine in P, Country, and the Y plant"), or None: not over a relative clause or another verb
        ("operates the X mine, which supplies the Y plant"), nor when the facility opens a clause of its own (", and
        the Y plant belongs to B")."""
        verb = next((q for q in range(m.start - 1, max(self.s.start, m.start - 12) - 1, -1) if self.w(q) in self.v.BUILD_VERBS
                     or self.w(q) in self.v.MINE_VERBS and self.w(m.start - 1) == "at"), None)
        if verb is not None and any(self.w(q) in ("which", "that", "who", ";") or self._finite_verb(q) for q in range(verb + 1, m.start)):
            verb = None
        if verb is None and self.w(m.start - 1) == "the" and self.w(m.start - 2) == "and":
            verb = self._verb_over_conjuncts(m.start - 2)
        after = self.past_place(m.end)
        return None if verb is not None and (self.w(after) in self.v.CLAUSE_VERBS or self._finite_verb(after)) else verb

    def _verb_over_conjuncts(self, i: int) -> int | None:
        """The build verb whose object list the "and" at ``i`` continues: an earlier facility, its place chain and
        commas between, no clause (no "which"/"that", no other verb) and no other party; a relative clause between
        commas right before the "and" is stepped over ("owns the X refinery in P, which it bought in 2021, and the Y
        refinery")."""
        rel = self._relative_before(i)
        start = rel - 2 if rel is not None else i - 1
        for q in range(start, max(self.s.start, start - 25) - 1, -1):
            word = self.w(q)
            if word in self.v.BUILD_VERBS:
                return q if any(self.st.label(x) == "Facility" for x in self.ms if q < x.start < i) else None
            if word in ("which", "that", "who", ";") or self._finite_verb(q) or (self.at(q) is not None and self.org(self.at(q))):
                return None
        return None

    def _relative_before(self, i: int) -> int | None:
        """Where the relative clause that the comma before ``i`` closes opens (its "which"/"whose" after a comma), or None:
        "the X refinery in P, which it bought from B in 2021, and ..." (no clause boundary or bracket inside)."""
        if self.w(i - 1) != ",":
            return None
        rel = next((q for q in range(i - 2, max(self.s.start, i - 16) - 1, -1) if self.w(q) in (";", ":", "(", ")")
                    or self.w(q) in ("which", "whose") and self.w(q - 1) == ","), None)
        return rel if rel is not None and self.w(rel) in ("which", "whose") else None

    def _run_by(self, i: int, reach: int = 8) -> Mention | None:
        """The organisation of "operated/run/owned/managed by B" within ``reach`` words from ``i`` (RUN_PARTICIPLES),
        or of "held/developed by B" when it is the site's own passive, right at ``i`` past auxiliaries and the site's place
        ("The project is held by B", "the X project in P is being developed by B"; HOLD_PARTICIPLES: not "a plant
        developed by B" further on)."""
        for q in range(i, min(self.s.end, i + reach)):
            if self.w(q) in self.v.HOLD_PARTICIPLES and self.w(q + 1) == "by" \
                    and all(self.w(k) in _PASSIVE_AUXILIARIES or self.w(k) in self.v.PASSIVE_ADVERBS for k in range(self.past_place(i), q)):
                return self.right(q + 2, self.org, limit=3)  # "The project is held by B", "X is being developed by B"
            if self.w(q) in self.v.RUN_PARTICIPLES and self.w(q + 1) == "by":
                share = self._percent(max(i, q - 3), q)
                if share is not None and share < 0.5:
                    return None  # "which is 30 % owned by B": a minority owner, who does not run the plant
                return self.right(q + 2, self.org, limit=3)
        return None

    def _unit_named(self, m: Mention | str | None) -> Mention | str | None:
        """The unit "A's subsidiary B", "A's US unit B" names at ``m`` (A): B, who runs a site "run by" that phrase with its
        parent; ``m`` when no unit is named after it."""
        if not isinstance(m, Mention) or self.w(m.end) not in POSSESSIVES:
            return m
        k = m.end + 1
        place = self.at(k)
        if place is not None and (place.demonym or self.st.label(place) in ("Country", "Place")):
            k = place.end  # ("its US unit", "CATL's Jiangxi subsidiary")
        unit = self.at(k + 1) if self.w(k) in self.v.SUBSIDIARY_NOUNS else None
        return unit if unit is not None and self.org(unit) else m

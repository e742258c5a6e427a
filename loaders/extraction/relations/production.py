"""Production: who makes which material, what feeds what (INPUT_TO), end uses and contained elements."""

from __future__ import annotations

from ..model import Mention, ORG_LABELS, STAGE_ORDER, stage_allows_input
from ..grammar import BE_FORMS
from .supply import NOT_YET


class Production:
    """Production, input and use rules."""

    def _produces(self) -> None:
        for i in self.triggers(self.v.PRODUCE_VERBS | {"produced", "mined"}):
            if self.w(i) in ("produced", "mined") and (self.is_passive(i) or self.w(i + 1) in ("in", "by")):
                continue  # passive: "produced in China" is handled below, "was produced by X" names no object
            subject = self.clause_subject(i)
            subject = self.relative_head(i, self.maker) or subject
            if self.relative_predicate(i) and self.relative_head(i, self.flow_end) is None:
                continue  # "its refineries in P, which make M", "M0, which is used to make M": no party named makes M
            named = self.at_end(i)  # "..., whose subsidiary B mines M": the name right before the verb is its subject
            if named is not None and named is not subject and self.maker(named) and self.w(named.start - 1) not in self.v.PREPOSITIONS:
                subject = named
            producer = subject or self.left(i, self.flow_end, limit=25, stop=(";",))
            if subject is None and self.w(i - 1) in ("it", "they") and self.st.label(producer) == "Country" \
                    and "in" in self.s.lowers[producer.start - 2 : producer.start] \
                    and self.st.label_of(self.st.last_subject) in ORG_LABELS:
                producer = None  # "In the United States it produces M": "it" is the firm, the country only the frame
            if producer is None:
                if any(w in ("it", "company") for w in self.words[: i - self.s.start]):
                    producer = self.st.last_subject  # type: ignore[assignment]
                if producer is None:
                    continue
            commodity = self.w(i) in self.v.COMMODITY_VERBS or self.w(i) in ("recovers", "recover", "recovered") and not any(
                self.w(k) == "from" for k in range(i + 1, min(self.s.end, i + 10)))  # ("recovers Nd from scrap": a recycler's)
            materials = self._objects(i + 1, ("Material", "Element") if commodity else "Material")
            gap = self.gapped_object(i, self.labelled("Material")) if not materials else None
            inner = self.left(i, self.maker, limit=i - gap[1]) if gap is not None else None
            if inner is not None:  # "cathodes, which A and B produce in Korea": the relative clause's subject makes them
                materials, producer = [gap[0]], inner
            if self.w(i).startswith("separat"):  # "separates the concentrate (into ...)", "will separate mixed rare earth
                materials = [m for m in materials if self.st.ent(m).props.get("stage") != "mining"  # carbonate": what is
                             and not self.st.ent(m).name.lower().startswith("mixed ")]  # separated is the feed, a mixture
            # ("mines copper and cobalt", "produces vanadium": elements as commodities; a recycler "recovers" them from scrap)
            if not materials or self.hedged(i, i + 1) or self.st.entities[self.st._key(producer)].label == "GovernmentBody":
                continue
            if any(self.w(k) in ("technology", "technologies", "equipment") and not self.st_mention_covers(k)
                   for k in range(max(self.s.start, i - 3), i)):  # fmt: skip
                continue
            since = self.start_year(i)  # ("will begin producing M in 2026": from then)
            for who in self.subjects(producer, i, self.flow_end):  # "A and B make M", "China and Brazil mine M"
                for mat in materials:
                    self.st.add("PRODUCES", who, mat, self.s, 0.8, **({"since": since} if since else {}))
            self._purpose(materials[-1].end, materials, producer)
            # "uses M0 to make M": M0 feeds M
            if self.w(i - 1) == "to":
                use = next((k for k in range(i - 2, max(self.s.start, i - 10) - 1, -1) if self.w(k) in ("uses", "use", "using", "used")), None)
                for src in self._objects(use + 1, "Material") if use is not None else ():
                    for mat in materials:
                        self._input(src, mat)
            # "A has begun producing M at a small plant in P": A runs the plant
            plants = self.sites_after(materials[-1].end)  # "A makes M at its plant in P", "mines M at B and C"
            for plant in plants:  # (each plant makes M too)
                for mat in materials:
                    self.st.add("PRODUCES", plant, mat, self.s, 0.7)
            for plant in plants or filter(None, [self.right(materials[-1].end, self.labelled("Facility"), limit=4)]):
                if self.st.label_of(producer) in ORG_LABELS and not self.st.into.get(("OPERATES", self.st._key(plant))):
                    self.st.add("OPERATES", producer, plant, self.s, 0.7)
        # "turns them into M", "separates the carbonate into M": the subject (a firm or a plant) makes M from what it takes
        for i in self.triggers(("into", "to")):
            if self.w(i) == "to" and self.w(i - 1) not in self.v.CONVERT_TO_VERBS or self.w(i - 1) == "and":
                continue  # ("is converted to M"; "into M1 and into M2": the second product is the first's list)
            verb = next((k for k in range(i - 1, max(self.s.start, i - 8) - 1, -1) if self.w(k) in self.v.CONVERT_VERBS), None)
            if verb is None or self.hedged(verb, i + 1):
                continue
            producer = self.relative_head(verb, self.maker) or self.left(verb, self.maker, limit=6, stop=(";", ",")) \
                or self.appositive_subject(verb, self.maker) \
                or (self.subject if self.subject is not None and self.subject.end <= verb else None)  # (", where B, the ..., will turn")
            sources = [m for m in self.ms if verb < m.start < i and self.st.label(m) == "Material"]
            gap = self.gapped_object(verb, self.labelled("Material")) if not sources else None
            if gap is not None:  # "M0, an intermediate that refiners in China turn into M": M0 feeds M, China makes it
                sources, rel = [gap[0]], gap[1]
                makers = next((k for k in range(rel + 1, verb) if self.w(k) in self.v.MAKER_NOUNS and self.w(k + 1) == "in"), None)
                producer = self.place_at(makers + 2) if makers is not None and producer is None else producer
            products = self._objects(i + 1, "Material")
            if products and self.w(products[-1].end) == "and" and self.w(products[-1].end + 1) == "into":
                products += self._objects(products[-1].end + 2, "Material")  # "turn M0 into M1 and into M2"
            for plant in self.sites_after(products[-1].end) if products else ():
                for mat in products:  # "(is) converted into M at the company's Kemerton plant": the plant makes M
                    self.st.add("PRODUCES", plant, mat, self.s, 0.7)
            if producer is None and products and self.w(verb).endswith("ed"):  # "is converted into M in China"
                for place in self._places_after(products[-1].end, 3):
                    for mat in products:
                        self.st.add("PRODUCES", place, mat, self.s, 0.7)
            for mat in products:  # (what is turned into M feeds M whoever turns it: "the smelters, which turn M0 into M")
                for src in sources:
                    self._input(src, mat)
            if producer is None or not products:
                continue
            for mat in products:
                self.st.add("PRODUCES", producer, mat, self.s, 0.75)
            self._purpose(products[-1].end, products, producer)
        # "A, the largest cobalt refiner", "B, a Japanese NdFeB magnet maker": what the compound's first noun names
        for i in self.triggers(self.v.PRODUCER_NOUNS | self.v.MAKER_NOUNS):
            made = self.at_end(i)
            modifier = self.st.made_by.get((id(self.doc), i)) if made is None else None
            made = made or modifier  # ("the largest cobalt producer": a modifier, no mention until a maker is found)
            if made is None or self.st.label(made) not in ("Material", "Element") or self.hedged(i, i + 1):
                continue
            who = self.appositive_head(made.start, self.org) or self.appositive_head(i, self.org)
            if who is not None and self.w(who.start - 1) in ("in", "at", "near"):  # "the Niobec mine near Saint-Honoré, the
                who = self._located_head(who)  # only niobium producer": the mine the place phrase locates, not the place
                who = who if who is not None and self.maker(who) else None
            det = next((k for k in range(made.start - 1, max(self.s.start, made.start - 4) - 1, -1) if self.w(k) in ("the", "a", "an")), None)
            if who is None and det is not None and self.w(det - 1) in ("is", "was", "became", "remains"):
                country = self.ms[0] if self.ms and self.st.label(self.ms[0]) == "Country" and self.ms[0].end == det - 1 else None
                who = self.subject if self.subject is not None and self.org(self.subject) else country
                # ("A is the largest cobalt refiner", "Argentina is the fourth-largest lithium producer")
            if who is not None and self.st.add("PRODUCES", who, made, self.s, 0.7) and modifier is not None:
                self.ms.append(modifier)  # (now a mention: the material or element is in the document's graph)
                self.ms.sort(key=lambda m: m.start)
                self.st.ent(modifier).mentions += 1
                self.st.ent(modifier).surfaces[modifier.text] += 1
        # "A, a producer of M1 and M2"; "A is one of Japan's largest makers of M"; "China is the largest producer and
        # exporter of graphite"
        for i in self.triggers(self.v.PRODUCER_NOUNS | self.v.MAKER_NOUNS):
            of = i + 1 if self.w(i + 1) == "of" else i + 3 if self.w(i + 1) == "and" and self.w(i + 3) == "of" else None
            if of is None:
                continue
            who = self.left(i, self.org, limit=8)
            subject = self.clause_subject(i)
            if who is None and subject is not None and self.org(subject) and {"is", "was", "remains"} & set(self.s.lowers[subject.end:i]):
                who = subject  # "A, headquartered in P, is one of Japan's largest makers of M"
            if who is None and self.ms and self.st.label(self.ms[0]) == "Country" and self.w(self.ms[0].end) in ("is", "was", "remains"):
                who = self.ms[0]  # (a country that is the largest producer)
            if who is None or self.hedged(who.start, i):
                continue
            since = self.start_year(i)  # ("expects first production of M in 2027": from then)
            for mat in self._objects(of + 1, "Material"):
                self.st.add("PRODUCES", who, mat, self.s, 0.75, **({"since": since} if since else {}))
        # "a samarium-cobalt alloy produced in China"; "samarium oxide produced by A", "M is made by A at its plant"
        for i in self.triggers(self.v.PASSIVE_PRODUCE):
            maker, by = self.passive_by(i, self.maker, reach=6)
            mat = self.left(i, self.labelled("Material"), limit=3, stop=(",", ";"))
            if maker is not None and mat is not None and not self.hedged(mat.start, by):
                self.st.add("PRODUCES", maker, mat, self.s, 0.7)
            self._made_in(i)
        self._made_from()
        self._source_sites()
        self._participle_sources()

    def _source_sites(self) -> None:
        """ "supply M from its refinery at P", "fed with M from Pilbara Minerals' Pilgangoora Operation": the site a
        material comes from makes it, and so does the firm named as its owner; not a site still planned ("from its
        planned plant") nor one the sentence hedges."""
        for i in self.triggers(("from",)):
            material, site = self.at_end(i), self.site_at(i + 1)
            if material is None or site is None or self.st.label(material) != "Material" or self.hedged(material.start, site.end) \
                    or any(self.w(k) in NOT_YET for k in range(i, site.end)):
                continue
            self.st.add("PRODUCES", site, material, self.s, 0.7)
            owner = self.possessor(site.start - 1)
            if owner is not None and self.st.label_of(owner) in ORG_LABELS:
                self.st.add("PRODUCES", owner, material, self.s, 0.65)

    def _participle_sources(self) -> None:
        """ "M produced at the A and B plants", "M shipped from its Sudbury operations", "M trucked from Rio's C mine": a
        material a participle describes (no "be": a reduced relative clause, ``SOURCE_PARTICIPLES``) is made at each site
        named after "at" or "from"; when the material itself follows "from" ("refines cobalt at its C refinery from M
        produced at A"), each site supplies the facility before it, where the clause's producer works."""
        for i in self.triggers(self.v.SOURCE_PARTICIPLES):
            material = self.at_end(i)
            if self.w(i + 1) not in ("at", "from") or material is None or self.st.label(material) != "Material":
                continue
            first = self.site_at(i + 2)
            if first is None or self.hedged(material.start, first.end) or any(self.w(k) in NOT_YET for k in range(i, first.end)):
                continue
            frm = material.start - 1 - (self.w(material.start - 1) == "the")
            taker = self.left(frm, self.labelled("Facility"), limit=15, stop=(";",)) if self.w(frm) == "from" else None
            for site in self.coordinated(first, self.labelled("Facility")):
                if taker is not None and taker.key != site.key:
                    self._supply(site, taker, material, 0.7)  # (the site makes the material it supplies)
                else:
                    self.st.add("PRODUCES", site, material, self.s, 0.7)

    def _made_from(self) -> None:
        """ "M is made from M0", "M, made from M0, ...": M0 feeds M; "M0 is the intermediate from which M1 and M2 are
        made", "M0, from which M1 is refined": M0 feeds each."""
        for i in self.triggers(self.v.MADE_FROM):
            rel = next((k for k in range(i - 1, max(self.s.start, i - 12), -1) if self.w(k) == "which" and self.w(k - 1) == "from"), None)
            if self.w(i + 1) == "from" and not self.hedged(i, i + 1):
                made = self._material_before(i)
                for src in self._objects(i + 2, "Material") if made is not None else ():
                    self._input(src, made)
            elif rel is not None and not self.hedged(rel, i):
                src = self._material_before(rel - 1)
                if src is None and self.w(rel - 2) in ("intermediate", "feedstock", "material", "precursor", "base", "raw"):
                    src = next((m for m in self.ms if self.st.label(m) == "Material" and m.end < rel
                                and {"is", "are", "was", "remains"} & set(self.s.lowers[m.end:rel])), None)
                for dst in (m for m in self.ms if rel < m.start < i and self.st.label(m) == "Material") if src is not None else ():
                    self._input(src, dst)

    def _material_before(self, i: int) -> Mention | None:
        """The material a participle or relative phrase at ``i`` follows: past "is/are", adverbs, commas and a bracketed
        abbreviation ("Ammonium paratungstate (APT), made from ...")."""
        k = i - 1
        while k > self.s.start and (self.w(k) in self.v.PASSIVE_ADVERBS or self.w(k) in BE_FORMS or self.w(k) == ","
                                    or self._in_brackets(k)):
            k -= 1
        m = self.at_end(k + 1)
        return m if m is not None and self.st.label(m) == "Material" else None

    def _made_in(self, i: int) -> None:
        """ "spherical graphite made in Heilongjiang and Inner Mongolia", "Molybdenum is mined in large amounts in the
        United States and Chile": each place makes the material (an element only after a mining or refining verb)."""
        k = self.before_verb_group(i)
        mat = self.at_end(k + 1)
        kinds = ("Material", "Element") if self.w(i) in self.v.COMMODITY_VERBS else ("Material",)
        where = self._places_after(i + 1, 6)
        rel = next((q for q in range(k, max(self.s.start, k - 8), -1) if self.w(q) == "where"), None) if not where else None
        if rel is not None and self.w(rel - 1) == "," and self.st.label(self.at_end(rel - 1)) in ("Place", "Country"):
            where = [self.at_end(rel - 1)]  # "China, where most of the world's M is refined"
        if mat is not None and self.st.label(mat) in kinds and where and not self.hedged(mat.start, where[-1].end):
            for place in where:
                self.st.add("PRODUCES", place, mat, self.s, 0.7)

    def _places_after(self, i: int, reach: int) -> list[Mention]:
        """The places of the first "in P1, P2 and P3" within ``reach`` words from ``i`` (none past a clause's end)."""
        for k in range(i, min(self.s.end, i + reach)):
            if self.w(k) in (",", ";", ":", "which", "that", "where", "from", "by", "for") or self.site_at(k + 1) is not None:
                return []  # ("M produced at the B smelter in P": the place locates the smelter, which makes M)
            if self.w(k) == "in":
                first = self.at(k + 2) if self.w(k + 1) == "the" else self.at(k + 1)
                is_place = self.labelled("Place", "Country")
                if first is not None and is_place(first):
                    return self.coordinated(first, is_place)
        return []

    def _purpose(self, i: int, materials: list[Mention], producer: Mention | str | None = None) -> None:
        """After "makes M": "for E1, E2 and E3" gives USED_IN; "for B" supplies B; "from M0" gives INPUT_TO."""
        for k in range(i, self.s.end):
            word = self.w(k)
            if word == "for":
                part = self.at(k + 2) if self.w(k + 1) == "the" else self.at(k + 1)
                whole = self.right(part.end + 1, self.labelled("EndUse"), limit=2) if part is not None and self.w(part.end) == "of" \
                    and self.st.label(part) == "Material" else None
                if whole is not None:  # "M for the cathodes of EV batteries": M feeds the part, the part goes into the whole
                    for mat in materials:
                        self._input(mat, part)
                    for use in self.coordinated(whole, self.labelled("EndUse")):
                        self.st.add("USED_IN", part, use, self.s, 0.75)
                    continue
                first = self.right(k + 1, self.labelled("EndUse"), limit=4)
                if first is not None:
                    for use in self.coordinated(first, self.labelled("EndUse")):
                        for mat in materials:
                            self.st.add("USED_IN", mat, use, self.s, 0.75)
                customer = self.at(k + 2) if self.w(k + 1) == "the" else self.at(k + 1)
                customer = customer or self.role_party(k + 1, self.org)  # ("for its shareholders A and B")
                if producer is not None and self.org(customer):  # "makes M for the Department of Defense and for B"
                    supplier = self.st._key(producer)
                    if self.st.label_of(supplier) == "Facility":
                        supplier = next(iter(self.st.into.get(("OPERATES", supplier), [])), None)
                    if supplier is not None and self.st.label_of(supplier) in ORG_LABELS and not self.hedged(i, customer.end):
                        for each in self.coordinated(customer, self.org):  # ("for its shareholders A and B")
                            self._supply(supplier, each, materials[0], 0.7)
            if word == "from":
                for src in self._objects(k + 1, "Material"):
                    for mat in materials:
                        self._input(src, mat)

    def _input(self, src: Mention | str, dst: Mention | str) -> None:
        a, b = self.st.entities[self.st._key(src)], self.st.entities[self.st._key(dst)]
        if stage_allows_input(a, b) or a.props.get("stage") == "component":
            self.st.add("INPUT_TO", a, b, self.s, 0.7)

    def _made_for(self, mat: Mention, use: Mention) -> bool:
        """ "uses cerium oxide to make polishing powders for display glass": the use is what the product made there (an
        end use itself, so no material stands between) is for, not a use of the material the maker uses."""
        return any(self.st.label(x) == "EndUse" and any(self.w(k) in self.v.PRODUCE_VERBS for k in range(mat.end, x.start))
                   and "for" in (self.w(k) for k in range(x.end, use.start))
                   for x in self.ms if mat.end <= x.start and x.end <= use.start)

    def _used_in(self) -> None:
        uses = [m for m in self.ms if self.st.label(m) == "EndUse"]
        for use in uses:
            mat = self.left(use.start, self.labelled("Material"), limit=25, stop=(";",))
            if mat is not None:
                between = [self.w(k) for k in range(mat.end, use.start)]
                if any(w in self.v.USE_CUES for w in between) and not self.hedged(mat.start, use.end) \
                        and not self.another_predicate(mat.end, use.start, self.labelled("EndUse", "Material")):
                    if not any(self.st.label(x) == "Material" for x in self.ms if mat.end <= x.start < use.start) \
                            and not self._made_for(mat, use):
                        self.st.add("USED_IN", mat, use, self.s, 0.7)
                        continue
            # "weapon systems that use NdFeB magnets"
            after = self.right(use.end, self.labelled("Material"), limit=12)
            if after is not None:
                between = [self.w(k) for k in range(use.end, after.start)]
                if any(w in ("use", "uses", "using", "need", "needs", "contain", "contains", "rely", "relies", "require", "requires") for w in between) and not self.hedged(use.start, after.end):
                    self.st.add("USED_IN", after, use, self.s, 0.65)
        # material -> later-stage material: "rare earth alloys, essential for ... high-performance magnets"; "ilmenite
        # and rutile, feedstock for titanium pigment and titanium metal": each of the list before the cue feeds each after
        is_mat = self.labelled("Material")
        mats = [m for m in self.ms if is_mat(m)]
        for a, b in zip(mats, mats[1:]):
            between = [self.w(k) for k in range(a.end, b.start)]
            if any(w in self.v.INPUT_CUES for w in between) and not self.hedged(a.start, b.end):
                for src in self.coordinated_before(a, is_mat):
                    for dst in self.coordinated(b, is_mat):
                        ea, eb = self.st.ent(src), self.st.ent(dst)
                        if STAGE_ORDER.get(ea.props.get("stage", ""), 99) < STAGE_ORDER.get(eb.props.get("stage", ""), -1):
                            self.st.add("INPUT_TO", src, dst, self.s, 0.65)

    def _contains(self) -> None:
        """Composition the text states, never a material's name (docs/annotation.md): "the rare earth content of NdFeB
        magnets is mainly Nd and Pr", "magnets have relied on Dy and Tb, added to ...", "a concentrate rich in Nd, Pr,
        Tb and Dy", "eudialyte, a mineral rich in zirconium". An element recovered from a material ("recovers cobalt from
        nickel laterite") may be a trace or a by-product: no composition, or an export control on the element would
        reach the material."""
        element = self.labelled("Element")
        cues = self.triggers(self.v.CONTAIN_CUES)
        for el in self.ms if cues else ():
            if not element(el) or el.start < cues[0] and not self._cue_after(el):
                continue  # (", added to keep ...": a cue right after the list qualifies its elements)
            mat = self.left(el.start, lambda m: self.st.label(m) == "Material" and self.st.ent(m).props.get("stage") in ("magnet", "alloy", "metal"), limit=40)
            if mat is None:
                continue
            if self.w(el.start - 1) == "for" or self.hedged(mat.start, el.end):
                continue
            self.st.add("CONTAINS", mat, el, self.s, 0.75)
        material = self.labelled("Material")
        for i in self.triggers(("contains", "contain", "containing")):  # "a carbonate that contains ..., including Dy/Tb"
            mat = self.relative_head(i, material) or (self.left(i, material, limit=1) if self.w(i) == "containing" else None)
            end = next((k for k in range(i + 1, self.s.end) if self.w(k) in (";", "which", "that", "but")), self.s.end)
            if mat is None or self.hedged(mat.start, i + 1) or {"no", "not", "little", "without"} & set(self.s.lowers[i + 1 : end]):
                continue
            for el in self.ms:
                if i < el.start < end and element(el):
                    self.st.add("CONTAINS", mat, el, self.s, 0.75)
        for i in self.triggers(self.v.RICH_CUES):
            if self.w(i + 1) != "in" or self.hedged(i, i + 2):
                continue
            first = self.right(i + 2, element, limit=1)
            mat = self.appositive_head(i, material) or self.left(i, material, limit=2)
            for el in self.coordinated(first, element) if first is not None and mat is not None else ():
                self.st.add("CONTAINS", mat, el, self.s, 0.75)

    def _cue_after(self, el: Mention) -> bool:
        """Whether a composition cue follows the list ``el`` is in: "Dy and Tb, added to ..."."""
        last = self.conjuncts(el, self.labelled("Element"))[-1]
        k = last.end + (self.w(last.end) == ",")
        return self.w(k) in self.v.CONTAIN_CUES

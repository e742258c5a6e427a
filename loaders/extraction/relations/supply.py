"""Supply: who supplies whom (verbs, customers, purchases, "supplier to"), dependence and import shares."""

from __future__ import annotations

from ..model import Mention, ORG_LABELS, POSSESSIVE_MARKS, POSSESSIVES


NOT_YET = frozenset(("planned", "proposed", "future", "prospective", "potential", "envisaged", "intended"))
"""Words that describe a plant not built yet ("from its planned separation facility"): a supply from it is a plan,
and no production today is inferred from it."""


SUPPLIED = ("Material", "Element")
"""What a supply carries: a material or an element ("supplies cobalt to B"; an element supplied makes no producer of
the supplier, as only mining, separating, refining or extracting it does)."""


class Supply:
    """Supply and dependence rules."""

    def _supplies(self) -> None:
        for i in self.triggers(self.v.SUPPLY_VERBS):
            before = self.w(i - 1)
            if before.endswith("ed") and before.isalpha() and before not in self.v.PREDICATE_VERBS:
                continue  # a noun after an adjective: "purchased mixed feed", "its combined exports"
            if self.st_mention_covers(i):
                continue  # a word of a name, not a verb: "China's heavy rare earth feed"
            if self.w(i + 1) == "from" and self.st.label(self.at_end(i)) == "Material":
                continue  # a participle that says where the material comes from: "matte shipped from B" (production's)
            if before in ("while", "whereas", "but", "the"):
                continue  # a noun that opens its own clause, not a verb of the party before: "X took 1,300 t, while exports to B stayed weak"
            supplier = self.left(i, self.flow_end, limit=12, stop=(";",))
            if supplier is None and (place := self.left(i, self.labelled("Place"), limit=12, stop=(";",))) is not None:
                supplier = self.over_insertion(place, i, self.maker)  # "the X refinery in P, the only plant in the region
                supplier = None if supplier is place else supplier  # besides Y, supplies": a place in the insertion
            if supplier is None and any(w in ("it", "company") for w in self.words[: i - self.s.start]):
                supplier = self.st.last_subject  # type: ignore[assignment]
            supplier = self.over_insertion(supplier, i, self.maker)  # "A, which holds a stake in B, supplies ...": A supplies
            if isinstance(supplier, Mention) and self.w(self._chain_start(supplier) - 1 - (self.w(supplier.start - 1) == "the")) in self.v.PREPOSITIONS:
                supplier = self.clause_subject(i) or supplier  # "A mines graphite at B in Mozambique and ships it to C": A
                # ("A mines M at B, in P, Country, and sells M2": the place chain after "in" is no supplier either)
            if supplier is None or self.hedged(self.st_pos(supplier, i), i + 1) or self.is_passive(i) or self.w(i + 1) == "by":
                continue  # (the passive, "is supplied by", is read by _supplied_by)
            customer, material = None, None
            nxt = self.right(i + 1, lambda m: True, limit=2)
            if nxt is not None and (self.org(nxt) or self.st.label(nxt) in ("Facility", "Country")):
                customer = nxt
                if self.w(nxt.end) == "with":
                    mats = self._objects(nxt.end + 1, "Material")
                    material = mats[0] if mats else self.right(nxt.end + 1, self.labelled("Material"), limit=8)
            else:
                mats = self._objects(i + 1, SUPPLIED)
                to = next((k for k in range(i + 1, min(self.s.end, i + 10)) if self.w(k) == "to" and not self._up_to(k)), None)
                if not mats and to is not None and not any(self.at_or_in(k) or self.w(k) in (",", ";", "which", "that", "from")
                                                           for k in range(i + 1, to)):  # "will supply up to 30,000 tonnes a year to B"
                    customer = self.right(to + 1, self.flow_end, limit=3)
                if not mats:  # "supply ferroniobium from its smelter at P to B": look for B after the source
                    mats = [m for m in self.ms if i < m.start <= i + 8 and self.st.label(m) == "Facility"
                            and self.w(m.start - 1) in ("its", "their")][:1]  # fmt: skip
                if mats:
                    material = mats[0] if self.st.label(mats[0]) in SUPPLIED else None
                    # "M to B", "M from its refinery in P, Country to B"
                    to = next((k for k in range(mats[-1].end, min(self.s.end, mats[-1].end + 12)) if self.w(k) in ("to", ";")), None)
                    if to is not None and self.w(to) == "to" and self.w(to + 1) in self.v.CUSTOMER_NOUNS and self.w(to + 2) == "in":
                        customer = self.right(to + 3, self.labelled("Country"), limit=1)  # "sells M to customers in A and B"
                    elif to is not None and self.w(to) == "to":
                        customer = self.right(to + 1, lambda m: self.flow_end(m)
                                              and not (m.demonym and self.w(m.end) in self.v.FACILITY_NOUNS), limit=3) \
                            or self.role_party(to + 1, self.org)  # ("to its two shareholders, A and B")
                        # ("to Chinese separators" is China, "to its Malaysian refinery" is no customer)
                    source = self.right(mats[-1].end, self.labelled("Facility"), limit=3)
                    planned = source is not None and any(self.w(k) in NOT_YET for k in range(mats[-1].end, source.end))
                    if source is not None and self.w(source.start - 1) in ("its", "their") and self.st.label_of(supplier) in ORG_LABELS \
                            and not planned:  # ("from its planned plant": nothing made yet, so no producer today)
                        self.st.add("PRODUCES", supplier, material, self.s, 0.7)  # "A will supply M from its plant"
            parties = self.parties_referred()
            if customer is None and len(parties) == 2 and self.st._key(supplier) in parties:
                customer = next(p for p in parties if p != self.st._key(supplier))  # "Under the agreement A will supply M"
            if customer is None:  # "Under an offtake agreement with B, A will supply M", "A will supply M under a deal with B"
                customer = self.agreement_partner(supplier)
            if customer is None:
                self._sells_unnamed(supplier, i, mats)
                continue
            customers = [customer]
            if isinstance(customer, Mention) and customer in self.ms:
                customers = self.coordinated(customer, lambda m: self.flow_end(m)
                                             and self.w(m.end) not in self.v.CLAUSE_VERBS)  # (", and B will turn ...": a new clause)
            others = [m for m in mats if m is not material and self.st.label(m) in SUPPLIED] if material is not None else []
            for who in self.subjects(supplier, i, self.maker):  # "A and B supply"
                for c in customers:  # "supplies M1 and M2 to A and B"
                    for each in (material, *others):
                        self._supply(who, c, each, 0.8)
        # "A's deliveries of M to B", "shipments of M from A to B", "the sale of M by A to B": a supply named by a noun
        for i in self.triggers(self.v.SUPPLY_NOUNS):
            mats = self._objects(i + 2, SUPPLIED) if self.w(i + 1) == "of" else []
            to = next((k for k in range(mats[-1].end, min(self.s.end, mats[-1].end + 5)) if self.w(k) == "to"), None) if mats else None
            customer = self.right(to + 1, self.flow_end, limit=2) if to is not None else None
            if customer is None or self.hedged(i, customer.end):
                continue
            agent = next((k for k in range(mats[-1].end, to) if self.w(k) in ("by", "from")), None)
            supplier = self.right(agent + 1, self.flow_end, limit=2) if agent is not None else self.possessor(i - 1)
            if supplier is not None and self.st._key(supplier) != self.st._key(customer):
                for c in self.conjuncts(customer, self.flow_end):
                    self._supply(supplier, c, mats[0], 0.7)
        # "A's customers include B and C"
        for i in self.triggers(("customers", "customer", "clients")):
            if self.w(i + 1) not in ("include", "includes", "including", "are", "is"):
                continue
            k = i - 1
            while k >= self.s.start and self.w(k) not in (*POSSESSIVES, "its", "our") and i - k < 4:
                k -= 1
            supplier = self.its(k) if self.w(k) in ("its", "our") else self.at_end(k)
            first = self.right(i + 2, self.org, limit=2)
            if supplier is None or first is None or self.hedged(k, i + 2):
                continue
            for c in self.coordinated(first, self.org):
                self._supply(supplier, c, None, 0.75)
        # "A counts B and C among its customers"
        for i in self.triggers(("among",)):
            if self.w(i + 1) not in ("its", "their") or self.w(i + 2) not in ("customers", "clients", "buyers"):
                continue
            verb = next((k for k in range(i - 1, max(self.s.start, i - 10), -1) if self.w(k) in ("counts", "count", "lists", "includes")), None)
            supplier = self.left(verb, self.org, limit=3) if verb is not None else None
            first = self.right(verb + 1, self.org, limit=2) if verb is not None else None
            if supplier is not None and first is not None and not self.hedged(supplier.start, i):
                for c in self.coordinated(first, self.org):
                    self._supply(supplier, c, None, 0.7)
        # "M purchased from B", "A buys M from B" (the buyer is the subject of the verb's clause)
        for i in self.triggers(self.v.BUY_VERBS):
            frm = next((k for k in range(i + 1, min(self.s.end, i + 16)) if self.w(k) in ("from", ",", ";", "and")), None)
            frm = frm if frm is not None and self.w(frm) == "from" else None  # ("bought ore with a content of 18% from B")
            agent = self.passive_by(i, self.org_or_country, reach=3)[0] if frm is not None and self.is_passive(i) else None
            if frm is None or any(self.st.label(m) not in SUPPLIED and m is not agent for m in self.ms if i < m.start < frm):
                continue  # ("M was bought by A from B": A bought it)
            if self._bought_site(i):  # ("the X mine in P, which it bought from B": an acquisition, no supply; B sold a site,
                seller = self.right(frm + 1, self.org, limit=2)  # so a firm it is)
                if seller is not None:
                    self.st.ent(seller).confirmed = True
                continue
            seller = self.right(frm + 1, self.flow_end, limit=2)
            # (a plant sells through its operator: "buy magnets from the Sumter factory", see _supply)
            buyer = agent or self.left(i, lambda m: self.org_or_country(m) and not m.demonym, limit=3) or self.clause_subject(i) \
                or next((m for m in self.ms if m.end <= i and self.org(m)), None)  # "Silmet's feed ... purchased from"
            buyer = self.over_insertion(buyer, i)  # "A, headquartered in P, Country, buys M from B": A buys
            if seller is None or buyer is None or buyer.key == seller.key or self.hedged(i, i + 2):
                continue
            mat = self.right(i + 1, self.labelled(*SUPPLIED), limit=frm - i) or self.left(i, self.labelled("Material"), limit=4)
            for who in self.subjects(buyer, i, self.org_or_country):  # "A and B buy M from C and D"
                for each in self.conjuncts(seller, self.flow_end):
                    self._supply(each, who, mat, 0.75)
        # "A, a major supplier to B", "A is a supplier of M to B"
        for i in self.triggers(("supplier",)):
            mats = self._objects(i + 2, "Material") if self.w(i + 1) == "of" else []
            to = mats[-1].end if mats else i + 1
            if self.w(to) != "to":
                continue
            who = self.left(i, self.org, limit=8)
            customer = self.right(to + 1, self.org_or_country, limit=2)
            if who is not None and customer is not None and not self.hedged(who.start, customer.end):
                self._supply(who, customer, mats[0] if mats else None, 0.7)

    def _trader_sentence(self) -> bool:
        """A trader's word outside a name in the sentence ("the trader ships ..."): a sale there is no sign of making."""
        return any(self.w(k) in self.v.TRADE_WORDS and not self.st_mention_covers(k) for k in self.triggers(self.v.TRADE_WORDS))

    def _others_output(self, material: Mention | str, supplier: Mention | str) -> bool:
        """Whether a possessive before the supplied material names another's output: "ships most of their MHP", "ships
        Olimpiada's antimony concentrate" (the seller may trade it: no producer from the sale)."""
        if not isinstance(material, Mention) or not self.s.start <= material.start < self.s.end:
            return False
        for k in range(material.start - 1, max(self.s.start, material.start - 4) - 1, -1):
            if self.w(k) == "their":
                return True
            if self.w(k) in POSSESSIVE_MARKS:
                owner = self.at_end(k)
                return owner is None or self.st._key(owner) != self.st._key(supplier)
            if self.w(k) in ("its", "our", ",", ";", "to", "from", "and") or self.at_end(k + 1) is not None and k + 1 < material.start:
                return False
        return False

    def _chain_start(self, m: Mention) -> int:
        """Where the place chain ending at ``m`` starts ("Minas Gerais, Brazil": at "Minas"); ``m.start`` for no chain."""
        start = m.start
        while self.st.label(m) in ("Place", "Country") and self.w(start - 1) == ",":
            prior = self.at_end(start - 1)
            if prior is None or self.st.label(prior) not in ("Place", "Country"):
                break
            start, m = prior.start, prior
        return start

    def _sells_unnamed(self, supplier: Mention | str, i: int, mats: list[Mention]) -> None:
        """ "CBMM mines pyrochlore at Araxá and sells ferroniobium, niobium oxide and niobium metal to steelmakers", "the
        company sells separated NdPr to customers": a firm that sells or supplies materials to buyers the text does not
        name makes them (docs/annotation.md, suppliers produce), as it does when the buyer is named (``_supply``). Only a
        sale the clause's subject makes today ("sells", "sold", "supplies", "ships"; not "will sell", a plan with no
        buyer yet, nor "feed", also a noun; not in a relative clause, "under which B supplies"), unhedged to the sentence's
        end; not a trader's sale (TRADE_WORDS), another's output ("their MHP"), what it bought, nor a sale from a plant not
        built yet."""
        if self.w(i) not in ("sells", "sold", "supplies", "ships", "shipped") or self.w(i - 1) in ("to", "will", "would", "be") \
                or not isinstance(supplier, Mention) or supplier is not self.clause_subject(i) \
                or any(self.w(k) in ("which", "that", "whom") for k in range(supplier.end, i)) \
                or self.st.label_of(supplier) not in ("Company", "StateOwnedEnterprise") or NOT_YET.intersection(self.words) \
                or self.hedged(supplier.start, self.s.end) or self._trader_sentence():
            return
        for material in mats:
            if self._others_output(material, supplier):
                break
            if self.st.label(material) == "Material" and (self.st._key(material), self.st._key(supplier)) not in self.st.bought:
                for who in self.subjects(supplier, i, self.maker):
                    self.st.add("PRODUCES", who, material, self.s, 0.65)

    def _bought_site(self, i: int) -> bool:
        """The verb at ``i`` buys what a relative clause is about, and that is a site or a firm: "the X mine in P, which
        it bought from B in 2021", "X, which A bought from B" (the object gapped; a material's "which it buys" is a
        purchase of goods)."""
        rel = next((k for k in range(i - 1, max(self.s.start, i - 6) - 1, -1) if self.w(k) in ("which", "that")), None)
        if rel is None or self.w(rel - 1) != "," or rel == i - 1 or self.right(i + 1, self.labelled(*SUPPLIED), limit=3):
            return False  # ("A, which bought M from B": the relative pronoun is the buyer, M what is bought)
        head = self.at_end(rel - 1)
        if head is not None and self.st.label(head) in ("Place", "Country"):
            head = self._located_head(head)  # ("the X mine in Finland, which ...": the mine)
        return head is not None and self.maker(head)

    def _origin(self) -> None:
        """ "Much of China's heavy rare earth feed comes from Myanmar", "Its ore comes from the X mine": the possessor
        of the material gets it from the source (and depends on it for the share stated: "About 60 % of Japan's M
        comes from B")."""
        for i in self.triggers(self.v.ORIGIN_VERBS):
            if self.w(i + 1) != "from" or self.hedged(self.s.start, i + 1):
                continue
            source = self.right(i + 2, self.flow_end, limit=2)
            material = self.left(i, lambda m: self.st.label(m) in ("Material", "Element"), limit=2)
            if source is None or material is None:
                continue
            holder = self.possessor(material.start - 1)
            if holder is None or self.st.label_of(holder) not in ORG_LABELS | {"Country"} or self.st._key(holder) == self.st._key(source):
                continue
            self._supply(source, holder, material if self.st.label(material) == "Material" else None, 0.7)
            share = self._percent(self.s.start, material.start)
            if share is not None and self.st.label(source) != "Facility":
                self.st.add("DEPENDS_ON", holder, source, self.s, 0.7, share=share, material=self.st._key(material))

    def _share_of_imports(self) -> None:
        """ "China accounted for about 70 % of US imports of rare earth compounds": the importer depends on the
        exporter for that share, and the exporter supplies it."""
        for i in self.triggers(("accounted", "accounts", "account")):
            imports = next((k for k in range(i + 2, min(self.s.end, i + 10)) if self.w(k) in self.v.IMPORT_VERBS), None)
            if self.w(i + 1) != "for" or imports is None or self.hedged(self.s.start, imports):
                continue
            share = self._percent(i + 2, imports)
            exporter = self.left(i, self.org_or_country, limit=4)
            importer = self.left(imports, self.org_or_country, limit=2)
            if share is None or exporter is None or importer is None or importer.start < i or exporter.key == importer.key:
                continue
            material = self.right(imports + 1, self.labelled("Material"), limit=2) if self.w(imports + 1) == "of" else None
            self.st.add("DEPENDS_ON", importer, exporter, self.s, 0.75, share=share, material=self.st._key(material) if material else None)
            self._supply(exporter, importer, material, 0.7)

    def _supplied_by(self) -> None:
        """The passive: "M is supplied by A to B", "B is supplied with M by A", "magnets supplied by A to B"."""
        for i in self.triggers(self.v.SUPPLIED_BY):
            supplier, by = self.passive_by(i, self.flow_end)
            if supplier is None or self.hedged(i, by):
                continue
            material = self.left(i, self.labelled("Material"), limit=6, stop=(",", ";")) \
                or self.right(i + 1, self.labelled("Material"), limit=by - i)
            customer = None
            if self.w(supplier.end) == "to":
                customer = self.right(supplier.end + 1, self.flow_end, limit=2)
            if customer is None and self.is_passive(i):
                customer = self.relative_head(i, self.flow_end) or self.left(i, self.flow_end, limit=6, stop=(",", ";"))
            if customer is not None and customer.key != supplier.key:
                customers = self.conjuncts(customer, self.flow_end) if self.is_passive(i) and customer.end <= i else [customer]
                for each in customers:  # "Both A and the B refinery are supplied with M by C"
                    if each.key != supplier.key:
                        self._supply(supplier, each, material, 0.75)
            elif material is not None and self.org(supplier):
                self.st.add("PRODUCES", supplier, material, self.s, 0.7)  # "magnets supplied by A": A makes them

    def _supply(self, supplier: Mention | str, customer: Mention | str, material: Mention | None, conf: float) -> None:
        via_plant = self.st.label_of(supplier) == "Facility"  # (then the plant makes what it supplies, not its operator)
        if self.st.label_of(supplier) == "Facility":
            operators = self.st.into.get(("OPERATES", self.st._key(supplier)), [])
            if operators and self.st.label_of(customer) in ORG_LABELS:
                if material is not None:
                    self.st.add("PRODUCES", supplier, material, self.s, conf - 0.1)  # what a plant supplies, it makes
                supplier = operators[0]  # "its plant, which will supply magnets to B": the operator supplies B
        if self.st.label_of(supplier) == "Facility":  # "the mine feeds the plant with M": the mine produces M for it
            if material is not None:
                self.st.add("PRODUCES", supplier, material, self.s, conf)
                for product in list(self.st.out.get(("PRODUCES", self.st._key(customer)), [])):
                    self._input(material, product)
            if self.st.label_of(customer) == "Facility":  # a flow between two facilities: "the plant is fed by the mine"
                self.st.add("SUPPLIES", supplier, customer, self.s, conf, material=self.st._key(material) if material else None)
            return
        customer_key = self.st._key(customer)
        ce = self.st.entities[customer_key]
        if ce.label == "Facility":
            operators = self.st.into.get(("OPERATES", ce.key), [])
            if operators:
                customer = operators[0]
        self.st.add("SUPPLIES", supplier, customer, self.s, conf, material=self.st._key(material) if material else None)
        if material is not None and not via_plant and self.st.label_of(supplier) in ("Company", "StateOwnedEnterprise") \
                and self.st.label(material) == "Material" and not self._others_output(material, supplier) \
                and (self.st._key(material), self.st._key(supplier)) not in self.st.bought and not NOT_YET.intersection(self.words) \
                and not self._trader_sentence():
            self.st.add("PRODUCES", supplier, material, self.s, conf - 0.15)  # a firm that supplies what it makes makes it
        if material is not None:
            self.st.bought.add((self.st._key(material), self.st._key(customer)))  # (it trades what it passes on)
        under = [k for k, w in enumerate(self.words) if w == "under"]
        if any(w in ("agreement", "contract", "deal") for k in under for w in self.words[k + 1 : k + 6]) \
                and self.st.label_of(supplier) in ORG_LABELS and self.st.label_of(customer) in ORG_LABELS:
            self.st.add("COOPERATES_WITH", supplier, customer, self.s, 0.7)  # "A buys M from B under a three-year contract"
        if material is not None:
            for source in dict.fromkeys((customer_key, self.st._key(customer))):
                for product in list(self.st.out.get(("PRODUCES", source), [])):
                    self._input(material, product)

    def _depends(self) -> None:
        for i in self.triggers(self.v.DEPEND_CUES):
            k = i + 1
            if self.w(k) not in ("on", "upon"):
                continue
            target = self.right(k + 1, lambda m: self.org(m) or self.st.label(m) in ("Country", "Material", "Element"), limit=3)
            source = self.left(i, self.org_or_country, limit=6)
            owner = self.ms[0] if source is None and self.ms and self.ms[0].start <= self.s.start + 1 else None
            if owner is not None and self.org_or_country(owner) and self.w(owner.end) in POSSESSIVES \
                    and not any(self.org_or_country(m) for m in self.ms[1:] if m.start < i):
                source = owner  # "Today A's motors, like those of most carmakers, depend on M": the owner depends on M
            if target is None or self.hedged(source.start if source else i, target.end) \
                    or any(self.w(q) in self.v.DEPEND_NOT_SUPPLY for q in range(k + 1, target.start)) \
                    or self.w(target.end) in self.v.DEPEND_NOT_SUPPLY:
                continue  # ("depends on support from the US government", "on the B contract": money, a permit or a contract, not a supply)
            material_words = [self.doc[q].text for q in range(target.end, min(self.s.end, target.end + 3)) if self.doc[q].is_alpha and self.w(q) != "for"]
            note = " ".join(material_words[:2]) if target.demonym else None
            for each in self.subjects(source, i, self.org_or_country) if source is not None else ():  # "A, B and C rely on M"
                for on in self.conjuncts(target, self.org_or_country) if self.org_or_country(target) else [target]:
                    self.st.add("DEPENDS_ON", each, on, self.s, 0.75, note=f"for {note}" if note else None)  # ("on B and C")
            for q in range(target.end, min(self.s.end, target.end + 5)):
                if self.w(q) == "for":
                    first = self.right(q + 1, self.labelled("EndUse"), limit=2)
                    if first is not None:
                        for use in self.coordinated(first, self.labelled("EndUse")):
                            self.st.add("DEPENDS_ON", use, target, self.s, 0.7)
                    break

    def _imports(self) -> None:
        """An import statement: "Japan imports samarium from China", "its imports of M from B", "A sources 70% of its M
        from B". The importer depends on the source (with the share when given); an import (not a mere sourcing) is
        also the source's supply, with the material."""
        for i in self.triggers(self.v.IMPORT_VERBS | self.v.SOURCE_VERBS):
            frm = next((k for k in range(i + 1, min(self.s.end, i + 12)) if self.w(k) in ("from", ";")), None)
            if frm is None or self.w(frm) != "from":
                continue
            if self.w(i - 1) in ("its", "their", *POSSESSIVE_MARKS):  # "Japan's imports of M from B", "its imports of M"
                importer = self.possessor(i - 1)
            else:  # ("The United States has mined no tungsten since 2015 and imports ...": the clause's subject)
                opening = self.ms[0] if self.ms and self.ms[0].start <= self.s.start + (self.w(self.s.start) == "the") else None
                importer = self.left(i, lambda m: self.org_or_country(m) and not m.demonym, limit=4) or self.clause_subject(i) or opening
                importer = importer if importer is not None and self.org_or_country(importer) and not importer.demonym else None
            first = self.right(frm + 1, self.org_or_country, limit=2)
            if importer is None or first is None or self.hedged(i, first.end) or self.is_passive(i):
                continue
            share = self._percent(i + 1, frm)
            objects = [m for m in self.ms if i < m.start < frm and self.st.label(m) in ("Material", "Element")]
            material = next((m for m in objects if self.st.label(m) == "Material"), None)
            if share is None and self.w(i) in self.v.SOURCE_VERBS:
                continue  # "sources M from B" is a purchase (read by _supplies), a dependence only with its share
            for source in self.coordinated(first, self.org_or_country):
                for who in self.subjects(importer, i, self.org_or_country):
                    self.st.add("DEPENDS_ON", who, source, self.s, 0.75, share=share, material=self.st._key(material) if material else None)
                    if self.w(i) in self.v.IMPORT_VERBS:
                        for mat in objects or [None]:
                            self._supply(source, who, mat if self.st.label(mat) in SUPPLIED else None, 0.7)

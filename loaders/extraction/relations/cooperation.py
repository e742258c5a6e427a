"""Cooperation: agreements, partnerships and joint ventures between two or more parties."""

from __future__ import annotations

from itertools import combinations

from ..discourse import FIRM_LABELS
from ..model import Mention, ORG_LABELS, POSSESSIVE_MARKS, POSSESSIVES


_PLURAL_AGREEMENTS = frozenset(("agreements", "contracts", "deals", "memoranda", "partnerships"))
"""Agreements in the plural: each party on one side has its own with the other side, not with its own side."""

class Cooperation:
    """Cooperation rules."""

    def _under_agreement(self, i: int, keys: list[str]) -> list[str] | None:
        """The supply an agreement at ``i`` makes, between its parties: "signed an agreement with B, a Canadian
        recycler, under which B supplies M" (B supplies the subject); "has signed its first sales contract, under which
        it will deliver M to C" (the subject supplies C, and the two are the contract's parties). The parties, or None."""
        under = next((q for q in range(i + 1, min(self.s.end, i + 16)) if self.w(q) == "whereby"
                      or self.w(q) == "under" and self.w(q + 1) == "which"), None)
        if under is None or any(self.w(q) == ";" for q in range(i, under)) or self.hedged(i, under):
            return None
        verb = next((q for q in range(under + 1, min(self.s.end, under + 10)) if self.w(q) in self.v.SUPPLY_VERBS), None)
        if verb is None or self.hedged(under, verb + 1) or self.is_passive(verb):
            return None
        named = self.left(verb, self.org, limit=verb - under)
        subject = keys[0] if keys else self.st._key(self.subject) if self.subject is not None and self.org(self.subject) else None
        supplier = self.st._key(named) if named is not None else subject if {"it", "they"} & set(self.s.lowers[under:verb]) else None
        to = next((q for q in range(verb + 1, min(self.s.end, verb + 14)) if self.w(q) == "to" and not self._up_to(q)), None)
        named_customer = self.right(to + 1, self.org, limit=4) if to is not None else None
        others = [k for k in keys if k != supplier]
        customer = self.st._key(named_customer) if named_customer is not None else others[0] if len(keys) == 2 and len(others) == 1 else None
        if customer is None and not keys and named is not None and subject is not None:
            customer = subject  # "A signed an agreement under which B would supply M": the signer is B's customer
        if supplier is None or customer is None or supplier == customer:
            return None
        materials = self._objects(verb + 1, "Material")
        for material in materials or [None]:
            self._supply(supplier, customer, material, 0.7)
        return keys if len(keys) >= 2 else [supplier, customer]

    def agreement_partner(self, party: Mention | str | None) -> Mention | None:
        """The party on the other side of the agreement a sentence says its fact is made under: "Under a five-year
        offtake agreement with B, A will ...", "A will ... under a deal with B" (an agreement noun within eight words
        after "under", then "with"); None when there is none or it is ``party`` itself."""
        for k in self.triggers(("under",)):
            noun = next((j for j in range(k + 1, min(self.s.end, k + 9)) if self.w(j) in self.v.AGREEMENT_NOUNS), None)
            if noun is None or self.w(noun + 1) != "with" or self.at_or_in(noun) is not None:
                continue
            partner = self.right(noun + 2, self.org, limit=3)
            if partner is not None and self.st._key(partner) != (self.st._key(party) if party is not None else None):
                return partner
        return None

    def _listed_parties(self) -> bool:
        """One line of the list of partners a sentence announced ("A has offtake agreements with three customers:" then
        "- B, the US carmaker;"): the firm the line opens with is A's partner (and customer, for an offtake)."""
        first = next((m for m in self.ms if m.start <= self.s.start + 1), None)
        if self.st.party_listing is None or first is None or not self.org(first):
            self.st.party_listing = None
            return False
        firm, offtake = self.st.party_listing
        self.st.add("COOPERATES_WITH", firm, first, self.s, 0.7)
        if offtake:
            self._supply(firm, first, None, 0.65)
        return True

    def _labelled_item(self) -> None:
        """A list item that names a party, then after a colon the deal or grant it has ("- Panasonic Energy: binding
        offtake signed in 2023 for synthetic graphite from Riverside", "- US Department of Energy: US$100 million
        grant (2022)"), in a firm's own document (its title names the firm): the party and that firm cooperate; an
        offtake (ITEM_OFFTAKE_NOUNS) is also the firm's supply to the party. Nothing when the deal is hedged before its
        noun ("possible offtake"); "non-binding term sheet, terms still to be negotiated" names no deal."""
        first = self.ms[0] if self.ms else None
        firm = self.st.title_firm
        if first is None or firm is None or first.start > self.s.start + 1 or self.w(first.end) != ":" or not self.org(first) \
                or self.st._key(first) == firm:
            return
        noun = next((k for k in range(first.end + 1, min(self.s.end, first.end + 8))
                     if self.w(k) in self.v.DEAL_NOUNS | self.v.INVEST_WORDS), None)
        if noun is None or self.hedged(first.end + 1, noun + 1):
            return
        self.st.add("COOPERATES_WITH", firm, first, self.s, 0.65)
        if self.w(noun) in self.v.ITEM_OFFTAKE_NOUNS:
            material = next((m for m in self.ms if m.start > noun and self.st.label(m) == "Material"), None)
            self._supply(firm, first, material, 0.6)

    def _cooperation(self) -> None:
        if self.st.party_listing is not None and self._listed_parties():
            return
        parties_seen: list[list[str]] = []
        for i in self.triggers(self.v.AGREEMENT_NOUNS | self.v.COOP_VERBS | self.v.JOINT_WORDS):
            word = self.w(i)
            if word == "venture" and self.w(i - 1) != "joint" or word == "together" and self.w(i + 1) != "with" \
                    or word == "jointly" and {self.w(i - 1), self.w(i + 1)} & self.v.ISSUE_VERBS:
                continue  # ("(were) issued jointly by A and B": co-issuers, read by the policy rules)
            if word == "together" and self._co_owner(i):
                continue  # ("owned by A together with B": co-owners, read by the ownership rules)
            end = min(self.s.end, i + 14)
            if self.hedged(max(self.s.start, i - 12), i + 1):
                continue
            parties: list[Mention | str] = []
            with_subject = False
            apart: set[str] = set()
            for k in range(i + 1, end):
                if self.w(k) in ("with", "between", "among", "by"):
                    first = self.right(k + 1, self.org, limit=3)
                    if first is not None:
                        parties = list(self.coordinated(first, self.org))
                        listed = parties[-1].end
                        for q in self.triggers(("with",)):  # "with B, which is building X, and with C"
                            more = self.right(q + 1, self.org, limit=4) if q > listed and self.w(q - 1) == "and" else None
                            parties += [x for x in self.coordinated(more, self.org) if x not in parties] if more is not None else []
                        if self.w(k) == "with":
                            owner = self.at_end(i - 2) if word == "venture" and self.w(i - 2) in POSSESSIVE_MARKS else None
                            subj = owner if owner is not None and self.org(owner) else None  # "X, GM's joint venture with B": GM
                            subj = subj or (self.subject if self.subject is not None and self.subject.end <= i and self.org(self.subject) else None)
                            subj = subj or self.left(i, self.org, limit=14)
                            if subj is None:
                                after = [m for m in self.ms if m.start > parties[-1].end and self.org(m)]
                                subj = after[0] if after else None
                            if word == "venture" and subj is not None and subj is self.appositive_head(i, self.org):
                                subj = None  # "X, a joint venture with B": X is the venture, not B's partner
                            if subj is None:  # "A new contract with B covers ...": the firm the text is about
                                subj = self.carried(FIRM_LABELS)  # type: ignore[assignment]
                            if subj is not None:
                                subjects = self.coordinated(subj, self.org) if isinstance(subj, Mention) and subj.end <= i else [subj]
                                parties[:0] = [x for x in subjects if x not in parties]  # "A and B have signed ... with C"
                                plural = word in _PLURAL_AGREEMENTS or self.w(i + 1) in _PLURAL_AGREEMENTS  # ("cooperation agreements")
                                if word == "together" or plural and len(subjects) == 1:
                                    # "A, together with B and C", "A signed cooperation agreements with B and C": A with each
                                    apart = {self.st._key(x) for x in parties if x not in subjects}
                                elif plural:
                                    apart = {self.st._key(x) for x in subjects}  # "A and B signed agreements with C": each its own
                                with_subject = True
                    break
                if self.w(k) in ("to", "under", "which", "that", ";"):
                    break
            if not parties and word in self.v.JOINT_WORDS:  # "A and B have jointly developed a magnet"
                subject = self.clause_subject(i)
                group = self.subjects(subject, i, self.org) if subject is not None and self.org(subject) else []
                parties = list(group) if len(group) > 1 else []
            if not parties:
                # "A and B announced/signed a memorandum"
                verb = next((k for k in range(i - 1, max(self.s.start, i - 8), -1) if self.w(k) in ("signed", "announced", "concluded", "reached", "formed", "struck", "agreed")), None)
                if verb is not None:
                    k = verb
                    while self.w(k - 1) in ("have", "has", "had", "today", "jointly", "also", "formally", "officially", ")"):
                        k -= 1  # "A, B and C (ABC) have today signed"
                    last = self.at_end(k) or self.left(k, self.org, limit=1)
                    if last is not None and self.org(last):
                        group = [m for m in self.ms if m.end <= last.end]
                        chain = [last]
                        for m in reversed(group[:-1]):
                            gap = [self.w(k) for k in range(m.end, chain[0].start)]
                            if gap and all(g in (",", "and", "(", ")", "the") for g in gap) and "the" != gap[0] and self.org(m):
                                chain.insert(0, m)
                            else:
                                break
                        if len(chain) > 1:
                            parties = list(chain)
            keys = list(dict.fromkeys(self.st._key(p) for p in parties if p is not None))
            keys = self._under_agreement(i, keys) or keys
            if not keys and self.words[-1:] == [":"] and "with" in self.words[i - self.s.start :] and self.subject is not None \
                    and self.org(self.subject) and self.subject.end <= i:  # "A has agreements with three customers:"
                self.st.party_listing = (self.st._key(self.subject), "offtake" in self.words)
            if len(keys) < 2 or keys in parties_seen:
                continue
            parties_seen.append(keys)
            self.st.last_parties = keys
            for a, b in combinations(keys, 2):
                if not {a, b} <= apart:
                    self.st.add("COOPERATES_WITH", a, b, self.s, 0.8)
            window = self.words[i - self.s.start : i - self.s.start + 25]
            # "an agreement with B under which it will reserve production capacity for B": the subject supplies B
            if len(keys) == 2 and with_subject and any(w in ("offtake", "capacity") for w in window) and not set(window) & self.v.SUPPLY_VERBS:
                self._supply(keys[0], keys[1], None, 0.65)
            if word == "venture":
                jv = self.left(i, self.org, limit=4)
                owner = self.at_end(i - 2) if (jv is None or jv.key in keys) and self.w(i - 2) in POSSESSIVE_MARKS else None
                if owner is not None and self.w(owner.start - 1) == ",":
                    jv = self.at_end(owner.start - 1)  # "Ultium Cells, GM's joint venture with B": the appositive's head
                    jv = jv if jv is not None and self.org(jv) else None
                if jv is None or jv.key in keys:
                    after = self.right(i + 1, self.org, limit=3)
                    jv = after if after is not None and self.st._key(after) not in keys else None
                if jv is not None and jv.key not in keys:
                    for p in keys:
                        self.st.add("SUBSIDIARY_OF", jv, p, self.s, 0.75)

    def _co_owner(self, i: int) -> bool:
        """ "together" at ``i`` follows the agent of an ownership passive ("is owned by A together with B": ``OWNED_PARTICIPLES``,
        ``SHARED_OWNERSHIP_ADVERBS``, the ownership rules' data)."""
        agent = self.at_end(i)
        k = agent.start - 1 if agent is not None else i
        k -= self.w(k) == "the"
        return self.w(k) == "by" and (self.w(k - 1) in self.v.OWNED_PARTICIPLES or self.w(k - 1) in self.v.SHARED_OWNERSHIP_ADVERBS)

    def _developed_with(self) -> None:
        """Something made or run together names its makers' cooperation: "a process developed by A with B", "the park,
        which it developed with the local firm B", "A co-developed the magnet with B" (``DEVELOP_VERBS``, data); a site
        run together ("the mine, which it runs with B", ``JOINT_RUN_VERBS``) is run by both. The partner
        stands right after "with" (past a determiner and its words, no preposition between: "with funding from B" is none)."""
        for i in self.triggers(self.v.DEVELOP_VERBS | self.v.JOINT_RUN_VERBS):
            k = next((q for q in range(i + 1, min(self.s.end, i + 8)) if self.w(q) in ("with", ";", "which", "that")), None)
            if k is None or self.w(k) != "with":
                continue
            partner = self.right(k + 1, self.org, limit=4)
            if partner is None or any(self.w(q) in self.v.PREPOSITIONS for q in range(k + 1, partner.start)) or self.hedged(i, partner.end) \
                    or self.w(partner.end) in POSSESSIVES:  # ("runs the plant with B's technology")
                continue
            verb = i - 2 if self.w(i - 1) == "-" and self.w(i - 2) == "co" else i  # ("co-developed": three tokens)
            by = self.passive_by(i, self.org, reach=3)[0] if self.w(i + 1) == "by" else None
            maker = by or (self.clause_subject(i) or self.st.last_subject if self.w(verb - 1) in ("it", "they") else self.agent(verb, self.org))
            site = self.relative_head(i, self.labelled("Facility")) or self.right(i + 1, self.labelled("Facility"), limit=3)
            run = self.w(i) in self.v.JOINT_RUN_VERBS
            if run and (site is None or site.end > k):
                continue  # ("A operated with B for a decade": no site run together)
            if maker is not None and self.st._key(maker) != self.st._key(partner) and self.st.label_of(maker) in ORG_LABELS:
                self.st.add("COOPERATES_WITH", maker, partner, self.s, 0.7)
                for runner in (maker, partner) if run else ():  # both run the site
                    self.st.add("OPERATES", runner, site, self.s, 0.7)

    def _joint_venture(self) -> None:
        """The parents of what the text calls a joint venture cooperate (docs/annotation.md): "X, a joint venture of A
        and B" (A with B), "a joint venture in which A holds 66.5%, B 25% and C 8.5%" (each pair; the shares are
        the stakes). "A and B formed a joint venture" and "its joint venture with B" are agreements
        (:meth:`_cooperation`); co-owners the text does not call a joint venture are not partners."""
        for i in self.triggers(self.v.VENTURE_NOUNS | {"ventures"}):
            if self.w(i - 1) != "joint" and not (self.w(i - 1) in ("a", "the") and self.w(i + 1) in ("of", "between")) \
                    or self.hedged(i, i + 2):
                continue  # ("a venture of A and B" is one too)
            parents: list[Mention] = []
            if self.w(i + 1) in ("of", "between"):
                first = self.right(i + 2, self.org, limit=2) or self.role_party(i + 2, self.org, self.v.ORG_NOUNS)  # ("of the trader A")
                parents = self.coordinated(first, self.org) if first is not None else []
            elif self.w(i + 1) == "in" and self.w(i + 2) == "which":
                venture = self.appositive_head(i, self.org)
                stop = next((k for k in range(i + 3, self.s.end) if self.w(k) in (";", ".")), self.s.end)
                for m in self.ms:
                    said = self._share_after(m.end) if i + 2 < m.start < stop and self.org(m) else None
                    share = said[0] if said is not None and said[1] <= stop else None  # ("B holds a free-carried 16%")
                    if share is not None and m is not venture:
                        parents.append(m)
                        if venture is not None:
                            self._holds(m, venture, share)
            keys = list(dict.fromkeys(self.st._key(p) for p in parents))
            for a, b in combinations(keys, 2):
                self.st.add("COOPERATES_WITH", a, b, self.s, 0.75)

    def _investment(self) -> None:
        """An investment by one organisation in another is cooperation, not ownership (a stated share is a stake,
        read by the ownership rules): "A invested $20 million in B", "the 2023 investment by A and B in C", "A's
        investment in B", "B received an investment from A"."""
        for i in self.triggers(self.v.INVEST_WORDS):
            into = next((k for k in range(i + 1, min(self.s.end, i + 10)) if self.w(k) in ("in", "into", ";", "from")), None)
            by = next((k for k in range(i + 1, min(self.s.end, i + 4)) if self.w(k) == "by"), None)
            if into is None:
                continue
            if self.w(into) == "from":
                first = self.right(into + 1, self.org, limit=2)
                investors = self.coordinated(first, self.org) if first is not None else []
                target = self.left(i, self.org, limit=8) or self.clause_subject(i)  # ("A, the P-based developer, finalised an award")
                target = self.over_insertion(target, i)
            elif self.w(into) in ("in", "into"):
                first = self.right(by + 1, self.org, limit=2) if by is not None and by < into else None
                if first is None and self.w(i - 1) in ("its", "their", *POSSESSIVE_MARKS):
                    first = self.its(i - 1) if self.w(i - 1) in ("its", "their") else self.at_end(i - 1)
                first = first or self.left(i, self.org, limit=6)
                investors = self.coordinated(first, self.org) if isinstance(first, Mention) and first.start > i \
                    else self.subjects(first, i, self.org)
                target = self.right(into + 1, self.org, limit=2)
            else:
                continue
            if target is None or not investors or investors[0] is None or self._percent(self.s.start, self.s.end) is not None:
                continue
            if self.hedged(min(self.st_pos(investors[0], i), target.start, i), max(i, target.end - 1)):
                continue
            for investor in investors:
                if self.org(investor) if isinstance(investor, Mention) else self.st.label_of(investor) in ORG_LABELS:
                    self.st.add("COOPERATES_WITH", investor, target, self.s, 0.7)

    def _funding(self) -> None:
        """ "The Department of Defense agreed to provide A with $94.1 million", "has given A almost $75 million": a sum
        one body gives another, with no stated share, is cooperation as an award is (FUNDING_VERBS)."""
        for i in self.triggers(self.v.FUNDING_VERBS):
            recipient = self.right(i + 1, self.org, limit=2)
            if recipient is None or not self.money(recipient.end + (self.w(recipient.end) == "with")):
                continue
            giver = self.clause_subject(i)
            if giver is None or not self.org(giver) or giver.key == recipient.key or self.hedged(giver.start, recipient.end):
                continue
            self.st.add("COOPERATES_WITH", giver, recipient, self.s, 0.7)

    def _backed(self) -> None:
        """ "A, the investor backed by B and C", "A is funded by B": backing without a stated share is cooperation,
        as an investment is."""
        for i in self.triggers(self.v.BACKING_WORDS):
            if self.w(i + 1) != "by" or self.hedged(i, i + 2):
                continue
            first = self.right(i + 2, self.org, limit=3)
            backed = self.relative_head(i, self.org) or (self.subject if self.subject is not None and self.subject.end <= i
                                                          and self.org(self.subject) else None)
            if first is None or backed is None:
                continue
            for investor in self.coordinated(first, self.org):
                self.st.add("COOPERATES_WITH", investor, backed, self.s, 0.7)

    def _built_with(self) -> None:
        """A site built or run with a partner, said without a verb's own subject (``_developed_with`` reads "A runs the
        plant with B"): "a pilot plant run with B" (a participle after the site), "the plant was financed and built
        with B" (WITH_BUILD_VERBS), "With B, A is building a plant" (a fronted partner): the firm that builds or runs it
        (the sentence's subject, else the firm the text is about) and B cooperate. Counted in sets D, E, H and J. Not
        "built with a loan from B" (no party right after "with") nor "built with B's technology" (a possession)."""
        verbs = self.v.WITH_BUILD_VERBS | self.v.JOINT_RUN_VERBS | self.v.DEVELOP_VERBS
        pairs: list[tuple[int, Mention]] = []
        for i in self.triggers(verbs):
            site = any((self.w(k) in self.v.FACILITY_NOUNS or self.st.label(self.at_end(k + 1)) == "Facility")
                       and self.past_place(k + 1) == i for k in range(max(self.s.start, i - 8), i))  # ("a pilot plant in P run with")
            if self.w(i + 1) != "with" or (self.w(i) not in self.v.WITH_BUILD_VERBS and not site):
                continue  # ("A operated with B for a decade": no site)
            partner = self.right(i + 2, self.org, limit=1)
            if partner is not None:
                pairs.append((i, partner))
        if self.w(self.s.start) == "with":  # "With B, A is building ...": the verb after the fronted partner
            partner = self.right(self.s.start + 1, self.org, limit=1)
            comma = partner.end if partner is not None else self.s.end
            verb = next((q for q in range(comma + 1, min(self.s.end, comma + 8)) if self.w(q) in verbs), None) \
                if self.w(comma) == "," else None
            if verb is not None:
                pairs.append((verb, partner))
        for i, partner in pairs:
            if self.w(partner.end) in POSSESSIVES or self.hedged(min(i, partner.start), max(i, partner.end)):
                continue
            subject = self.subject
            if subject is not None and self.st._key(subject) == self.st._key(partner) and subject is not partner:
                subject = None  # ("With B, the company is building": "the company" is not B, whatever it was read as)
            builder = subject if subject is not None and self.org(subject) and subject.start < i and subject is not partner \
                else self.carried(FIRM_LABELS)
            if builder is not None and self.st._key(builder) != self.st._key(partner):
                self.st.add("COOPERATES_WITH", builder, partner, self.s, 0.7)

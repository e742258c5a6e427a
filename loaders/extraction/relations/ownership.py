"""Ownership: subsidiaries, acquisitions, sales, stakes, parents, joint ventures and shareholders."""

from __future__ import annotations

import re

from ..model import Mention, ORG_LABELS, POSSESSIVE_MARKS, POSSESSIVES
from ..text import short_name


_STAKE_VERBS = frozenset("holds hold held has have had owns own owned took takes acquired bought".split())
"""Verbs whose subject holds the stake named after them ("A, a rival, holds an 8 % stake in B")."""
_NOT_SHARE_WORDS = frozenset("stake stakes interest interests share shares of in to with by and or for from each".split())
"""Lower-case words that end the description of a share before its percentage ("holds a stake of 30%" is a stake)."""

class Ownership:
    """Ownership rules."""

    def _subsidiary(self) -> None:
        d = self.doc
        self._parent_of()
        for i in self.triggers(self.v.SUBSIDIARY_NOUNS | {"company"}):
            word = self.w(i)
            if word == "company" and self.w(i - 1) != "group" and not self._possessed_company(i):
                continue
            if self.hedged(i, i + 4):
                continue
            # "A, the Baogang subsidiary that runs the mine": the firm named before the noun owns the appositive's head
            owner_before = self.at_end(i)
            if word != "company" and self.org(owner_before) and self.w(owner_before.start - 1) in ("the", "a", "an"):
                child = self.appositive_head(i, self.org)
                if child is not None and child.key != owner_before.key:
                    self.st.add("SUBSIDIARY_OF", child, owner_before, self.s, 0.8)
                    continue
            # "A, the U.S. subsidiary of B"
            if self.w(i + 1) == "of":
                parent = self.right(i + 2, self.org, limit=8 if all(self.doc[k].is_lower for k in range(i + 2, min(self.s.end, i + 9))
                                                                   if not self.st_mention_covers(k)) else 5)
                # ("a unit of the state coal and minerals group B": a description before the parent's name)
                child = self.left(i, self.org, limit=8)
                gap = [self.w(k) for k in range(child.end, i)] if child is not None else []
                if parent is not None and child is not None and ("," in gap or set(gap) & {"is", "was", "are", "became", "becomes", "remains"}):
                    self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.85)
                    continue
                # "sale of stakes in X and Y to an affiliate of Z" is handled by _acquisition
            # "its subsidiary B", "A's group company B", "A's Beijing subsidiary", "A's Magnequench division"
            owner: Mention | str | None = None
            k = i - 1
            if word == "company":
                k -= 1
            place = None
            if k >= self.s.start and self.st.label(self.at_end(k + 1)) == "Place":
                place = self.at_end(k + 1)
                k = place.start - 1
            # "Neo's Magnequench division": a name not yet known as an organisation, right before "division"/"unit"
            named_before = None
            cand = self.at_end(k + 1)
            ce = self.st.ent(cand)
            if cand is not None and word in ("division", "unit") and (ce is None or (ce.label == "Company" and not ce.confirmed)):
                named_before = cand
                k = cand.start - 1
            demonym = self.at_end(k + 1)
            if named_before is None and place is None and demonym is not None and (demonym.demonym or self.st.label(demonym) == "Country"):
                k = demonym.start - 1  # "its Indian subsidiary", "its US subsidiary"
            while named_before is None and place is None and k > self.s.start and k > i - 4 and self.doc[k].is_lower \
                    and self.doc[k].is_alpha and self.w(k) not in ("its", "their", "our", "a", "the", "an"):
                k -= 1  # "its recycling subsidiary"
            if k >= self.s.start and self.w(k) in ("its", "their", "our"):
                owner = self.its(k)  # ("our wholly owned subsidiary": the firm whose voice the document is)
            elif k >= self.s.start and self.w(k) in POSSESSIVES:
                owner = self.at_end(k)
                if owner is not None and not self.org(owner):
                    owner = None
            if owner is None:
                continue
            child = self.at(i + 1) or (self.at(i + 2) if self.w(i + 1) == "," and place is None else None)  # "its Indian subsidiary, B,"
            opening = owner.start - 1 if isinstance(owner, Mention) and self.w(k) in POSSESSIVES else k - 1
            opening -= self.w(opening) == "the"  # ("A, the B group's battery company": the comma before the possessor)
            if (child is None or not self.org(child)) and self.w(opening) == ",":
                child = self.at_end(opening)  # "HyProMag, its recycling subsidiary, ...", "A, Volkswagen's battery company"
                if child is not None and self.st._key(child) == self.st._key(owner):
                    child = None
            if child is not None and self.org(child):
                self.st.add("SUBSIDIARY_OF", child, owner, self.s, 0.85)
                continue
            if named_before is not None:
                e = self.st.ent(named_before)
                e.surfaces[f"{named_before.text} {word}"] += 0
                e.confirmed = True
                self.st.add("SUBSIDIARY_OF", named_before, owner, self.s, 0.8)
                continue
            if place is not None and word in ("subsidiary", "unit", "branch", "arm"):
                oe = self.st.entities[self.st._key(owner)]
                pe = self.st.ent(place)
                e = self.st._new(oe.label, f"{oe.name} {pe.name} {word}", {})
                surface = f"{short_name(oe.name)}'s {pe.name} {word}"
                e.surfaces[surface] += 1
                e.mentions += 1
                e.sentence = e.sentence or self.s.text
                first = owner.start if isinstance(owner, Mention) and owner.end == place.start - 1 else place.start
                if first != place.start:
                    self.ms.remove(owner)  # type: ignore[arg-type]
                self.ms.remove(place)
                m = Mention(first, i + 1, e.key, d[first : i + 1].text, anaphora=True)
                self.ms.append(m)
                self.ms.sort(key=lambda x: x.start)
                self.st.add("SUBSIDIARY_OF", e, owner, self.s, 0.8)
                self.st.add("LOCATED_IN", e, place, self.s, 0.7)

    def _possessed_company(self, i: int) -> bool:
        """ "company" at ``i`` closes an appositive "A, B's battery company" or "A, the B group's materials company": a
        firm's possessive and lower-case words before it, a comma or the clause's end after it (not "B's company
        history", nor "the company" alone)."""
        k = i - 1
        while k > i - 5 and self.doc[k].is_lower and self.doc[k].is_alpha:
            k -= 1
        owner = self.at_end(k) if self.w(k) in POSSESSIVES else None
        return owner is not None and self.org(owner) and self.w(i + 1) in (",", ".", ":", ";", "")

    def _parent_of(self) -> None:
        """ "A, the owner of B", "A is the parent company of B": B is A's subsidiary (``PARENT_NOUNS``;
        the inverse of "B, a unit of A"; a facility's owner runs it, read by the facility rules)."""
        for i in self.triggers(self.v.PARENT_NOUNS):
            of = i + 1 + (self.w(i + 1) == "company")
            if self.w(of) != "of" or self.hedged(i, of + 1):
                continue
            child, parent = self.right(of + 1, self.org, limit=2), self.left(i, self.org, limit=6)
            gap = set(self.s.lowers[parent.end : i]) if parent is not None else set()
            if child is not None and parent is not None and child.key != parent.key and gap <= {",", "the", "is", "was", "remains", "its", "sole"} \
                    and gap & {",", "is", "was", "remains"}:
                self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.8)

    def _acquisition(self) -> None:
        """Purchases, acquisitions, sales of stakes and ownership: the firm bought is a subsidiary of the buyer."""
        for i in self.triggers(("purchase", "acquisition", "takeover")):
            if self.w(i + 1) != "of" or self.hedged(i, i + 3):
                continue
            target = self.at(i + 2) or self.right(i + 2, self.org, limit=1)
            buyer = self.passive_by(target.end - 1, self.org, reach=3)[0] if target is not None else None
            buyer = buyer or self.left(i, self.org, limit=6)  # "the acquisition of X by Y"; "Y announced the acquisition of X"
            if target is not None and buyer is not None and self.org(target):
                self.st.add("SUBSIDIARY_OF", target, buyer, self.s, 0.8)
        for i in self.triggers(self.v.ACQUIRE_VERBS):
            if self.w(i) == "took" and self.w(i + 1) != "over":
                continue
            k = i + (2 if self.w(i) == "took" else 1)
            target = self.at(k)
            buyer = self.left(i, self.org, limit=6)
            if target is None or buyer is None or not self.org(target) or self.hedged(i, k):
                continue
            # "bought oxide from X" is a purchase of goods; a government is not bought
            if self.w(target.end) == "from" or self.st.label(target) == "GovernmentBody":
                continue
            for each in self.conjuncts(target, lambda m: self.org(m) and self.st.label(m) != "GovernmentBody"):
                for who in self.subjects(buyer, i, self.org):  # "A and B acquired C and D"
                    self.st.add("SUBSIDIARY_OF", each, who, self.s, 0.75)
        # "X, which was acquired by Y", "X was acquired in 2024 by Y"
        for i in self.triggers(("acquired", "bought", "purchased", "taken")):
            buyer, by = self.passive_by(i + (self.w(i + 1) == "over"), self.org, reach=6)
            if buyer is None or self.hedged(i, by):
                continue
            target = self.left(i, self.org, limit=5)
            if buyer is not None and target is not None:
                self.st.add("SUBSIDIARY_OF", target, buyer, self.s, 0.75)
        # "the sale of (majority) stakes in ... X and Y to (an affiliate of) Z"; "sold X to Z"
        for i in self.triggers(("sale", "sold")):
            to = next((k for k in range(i + 1, self.s.end) if self.w(k) == "to"), None)
            if to is None or self.hedged(i, to):
                continue
            buyer = self.right(to + 1, self.org, limit=6)
            if buyer is None:
                continue
            if "minority" in self.words or self.st.label(self.right(i + 1, lambda m: True, limit=2)) in ("Material", "Element"):
                continue  # ("the sale of NdPr oxide by A to B": goods, a supply, read by _supplies)
            sold = [m for m in self.ms if i < m.start < to and self.org(m) and self.w(m.start - 1) != "by"]  # (the seller)
            for m in sold:
                self.st.add("SUBSIDIARY_OF", m, buyer, self.s, 0.7)
        # "A, owned by B"; "A is owned jointly by B and C"; "A is a joint venture of B and C"
        hyphenated = [i for w, at in self.positions.items() if w.endswith("%-owned") for i in at]  # "51%-owned"
        for i in sorted(self.triggers(self.v.OWNED_PARTICIPLES) + self.triggers(self.v.VENTURE_NOUNS) + hyphenated):
            venture = self.w(i) in self.v.VENTURE_NOUNS
            if self.w(i) == "held" and not self._percent(i + 1, i + 2):
                continue  # ("held" names an owner only with the share: "a company held 43% by A")
            by = i + 2 if self.w(i + 1) in self.v.SHARED_OWNERSHIP_ADVERBS else i + 1
            if venture and (self.w(i - 1) not in ("joint", "a", "the") or self.w(i + 1) != "of"):
                continue  # ("a joint venture of B and C", "a venture of B and C")
            shares = self._shares_by(i + 1) if self.w(i) in ("owned", "held") else []
            if shares:  # "A, owned 51% by B and 49% by C"
                child = self.relative_head(i, self.org) or self.left(i, self.org, limit=4)
                if child is not None and not self.hedged(i, shares[-1][0].end):
                    for parent, share in shares:
                        self._holds(parent, child, share)
                continue
            if self.w(by) not in ("by", "of") or self.hedged(i, by + 1):
                continue
            first = self.right(by + 1, self.org, limit=2) or self.role_party(by + 1, self.org, self.v.ORG_NOUNS)  # ("by the group B")
            child = self.relative_head(i, self.maker) or self.left(i, self.maker, limit=4 if not venture else 6)
            if child is None and self.subject is not None and self.org(self.subject) and self.w(self.subject.end) == "," \
                    and self.subject.end < i:
                child = self.subject  # "A, the largest producer of ... in Canada, is owned by B"
            if first is None or child is None:
                continue
            packed = re.match(r"(\d{1,3}(?:\.\d+)?)%-owned$", self.w(i))
            share = float(packed.group(1)) / 100 if packed else self._percent(child.end, i) if not venture else None
            after = next((q + 1 for q in range(first.end, min(self.s.end, first.end + 4)) if self.w(q) == "and"), None)
            if share is not None and after is not None and (more := self._shares_by(after)):
                for parent, each in [(first, share), *more]:  # "60% owned by B and 40% by C": the verb said once
                    self._holds(parent, child, each)
                continue
            # "A and B are controlled by C": every owned name of a coordinated subject (one name was read)
            children = self.subjects(child, i, self.maker) if not venture else [child]
            if share is None and (bracketed := self._bracketed_shares(first)):  # "owned by B (75%), C (15%) and D (10%)"
                for parent, each in bracketed:
                    for owned in children:
                        if self.st.label(owned) != "Facility":
                            self._holds(parent, owned, each)
                        elif each >= 0.5:
                            self.st.add("OPERATES", parent, owned, self.s, 0.8)
                continue
            parents = self.coordinated(first, self.org)
            if self.w(parents[-1].end) == "together" and self.w(parents[-1].end + 1) == "with":  # "by B together with C"
                more = self.right(parents[-1].end + 2, self.org, limit=2)
                parents += self.coordinated(more, self.org) if more is not None else []
            for parent in parents:
                for owned in children:
                    if self.st.label(owned) == "Facility":
                        if (share is None or share >= 0.5) and not venture:  # "the plant, 30 % owned by B": a minority
                            # owner does not run it; nor does either party of "the project is a venture of B and C" alone
                            self.st.add("OPERATES", parent, owned, self.s, 0.8)
                    elif share is not None:
                        self._holds(parent, owned, share)
                    else:
                        self.st.add("SUBSIDIARY_OF", owned, parent, self.s, 0.8)
        # "B holds a 30% stake in A", "B holds a stake of about 30% in A"
        for i in self.triggers(("stake", "stakes", "interest")):
            holder = self.predicate_subject(self.left(i, self.org, limit=8), i)
            if holder is None:  # "A, a Chengdu-based rival, holds an 8 % stake in B": the subject over its appositive
                verb = next((k for k in range(i - 1, max(self.s.start, i - 6) - 1, -1) if self.w(k) in _STAKE_VERBS), None)
                holder = self._over_appositive(verb) if verb is not None else None
            k = i + 1
            held_in = self.relative_head(holder.start, self.org) if holder is not None and self.w(holder.start - 1) == "which" \
                and self.w(holder.start - 2) == "in" else None  # "A, in which B holds a 25% stake"
            if held_in is not None and not self.hedged(holder.start, i + 1):
                pct = self._percent(holder.end, i)
                if pct is not None:
                    self._holds(holder, held_in, pct)
                continue
            if self.w(k) == "of":
                k = next((q + 1 for q in range(k, min(self.s.end, k + 5)) if self.w(q) in ("%", "percent")), k)
            if self.w(k) != "in" or holder is None or self.hedged(holder.start, k + 1):
                continue
            target = self.right(k + 1, self.org, limit=2)
            if target is None or any(self.w(q) in ("sale", "sold", "sell", "selling") for q in range(holder.end, i)):
                continue
            pct = self._percent(holder.end, k)
            verb = next((q for q in range(holder.end, i) if self.w(q) not in self.v.SUBJECT_LINKS), i)
            for each in self.subjects(holder, verb, self.org) if pct is not None else ():  # "A and B each hold a 25% stake in C"
                self._holds(each, target, pct)
        # "B, which owns 35% of A", "B holds 40 percent of the company"
        last = None  # "A holds 31% of B; C, D and E hold 20% each": B, the company the sentence is about
        for i in self.triggers(self.v.SHARE_VERBS):
            pct_at = next((q for q in range(i + 1, min(self.s.end, i + 5)) if self.w(q) in ("%", "percent")), None)
            if pct_at is None and (said := self._share_after(i + 1)) is not None:
                pct_at = said[1] - 1  # "holds a free-carried 16%": words that describe the share before it
            if pct_at is None and (worded := self._share_in_words(i)) is not None:
                self._worded_share(i, *worded)  # "A holds about a quarter of B"
                continue
            if pct_at is None or self.hedged(i, pct_at + 1):
                continue
            holder = self.left(i, self.org, limit=6) or self._over_appositive(i)
            if holder is None and self.w(i) in self.v.ACQUIRE_VERBS | {"acquire"} and self.subject is not None and self.org(self.subject):
                holder = self.subject  # "A said its board approved an investment to acquire 60% of B"
            if holder is None and self.org(subject := self.clause_subject(i)):
                holder = subject  # "It completed a first stage and has since held 42% of B" ("It": a mention)
            target = self.right(pct_at + 2, self.org, limit=2) if self.w(pct_at + 1) == "of" else \
                last if self.w(pct_at + 1) == "each" else self._held_in(holder, i) if holder is not None else None
            pct = self._percent(i + 1, pct_at + 1)
            if holder is not None and target is not None and pct is not None and self.st.label_of(holder) in ORG_LABELS:
                for each in self.subjects(holder, i, self.org):
                    self._holds(each, target, pct)
                last = target
                if isinstance(holder, Mention) and self.w(holder.start - 1) == "which" and self.w(holder.start - 2) == "in":
                    self._more_holders(pct_at + 1, target)  # "X, in which A holds 84% and B 10%"
        # "A owns 82% of B and C the remaining 18%": C holds the rest of B
        for i in self.triggers(("remaining", "other", "rest")):
            holder = self.at_end(i - 1) if self.w(i - 1) == "the" else None
            holder = self.at_end(i - 2) if holder is None and self.w(i - 2) == "the" else holder
            pct = self._percent(i + 1, i + 2)
            target = self._rest_of(pct)
            if holder is not None and self.org(holder) and pct is not None and target is not None and not self.hedged(holder.start, i + 2):
                self._holds(holder, target, pct)
        # "KU Leuven's Institute for Sustainable Metals": an institute of the organisation that possesses it
        for m in self.ms:
            if self.st.label(m) == "ResearchInstitute" and self.w(m.start - 1) in POSSESSIVE_MARKS:
                owner = self.at_end(m.start - 1)
                if self.org(owner) and not self.hedged(owner.start, m.end):
                    self.st.add("SUBSIDIARY_OF", m, owner, self.s, 0.75)
        # "A, whose parent company is B", "A's parent, B", "its parent company B"
        for i in self.triggers(("parent",)):
            j = i + 1 if self.w(i + 1) in ("company", "group", "firm") else i
            if self.w(i - 1) == "whose" and self.w(j + 1) in ("is", "was"):
                child, parent = self.at_end(i - 2) if self.w(i - 2) == "," else None, self.right(j + 2, self.org, limit=2)
            elif self.w(i - 1) in ("its", *POSSESSIVE_MARKS):
                child = self.its(i - 1) if self.w(i - 1) == "its" else self.at_end(i - 1)
                parent = self.right(j + 1, self.org, limit=2)
            else:
                continue
            if child is not None and parent is not None and self.st.label_of(child) in ORG_LABELS and not self.hedged(i, j + 1):
                self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.8)
        # "B will become its largest shareholder, with a stake of about 15%"; "B is the majority shareholder of A"
        for i in self.triggers(("shareholder", "owner")):
            if self.w(i - 1) not in ("largest", "biggest", "majority", "controlling", "principal", "main", "sole"):
                continue
            holder = self.subject if self.subject is not None and self.subject.end <= i and self.org(self.subject) else None
            named_after = self.right(i + 2, self.org, limit=3) if self.w(i + 1) in ("is", "was", "remains") \
                and self.w(i - 2) in ("its", *POSSESSIVE_MARKS) else None  # "Its largest shareholder is B, which holds 55%"
            holder = named_after or holder or self.left(i, self.org, limit=12)
            if holder is None or self.hedged(holder.start, i + 1):
                continue
            owned: Mention | str | None = None
            if self.w(i + 1) in ("of", "in"):
                owned = self.right(i + 2, self.org, limit=2)
            k = i - 2
            while owned is None and k >= holder.end and self.w(k) not in ("its", *POSSESSIVE_MARKS):
                k -= 1
            if owned is None and self.w(k) in POSSESSIVE_MARKS:
                owned = self.at_end(k)
            elif owned is None and self.w(k) == "its":
                owned = self.its(k) if named_after is not None else \
                    self.left(k, lambda m: self.org(m) and self.st._key(m) != self.st._key(holder), limit=25)
            if owned is None or self.st.label_of(owned) not in ORG_LABELS or self.st._key(owned) == self.st._key(holder):
                continue
            pct = self._percent(i, self.s.end)
            if pct is None and self.w(i - 1) not in ("majority", "controlling", "sole"):
                continue  # "its largest shareholder" alone says neither control nor a share
            self._holds(holder, owned, pct)

    def _owns(self) -> None:
        """ "A also owns B" (a firm: B is A's), "B belongs to A", "B, which reports to the Department of X", "B, a
        state-owned company under the Ministry of X" (the body B answers to)."""
        for i in self.triggers(("owns", "own")):
            if self.w(i - 1) in ("its", "their", "our", "his", "her", "is", "are", "was", "were", "be"):
                continue  # ("its own plant"; a passive)
            owned = self.at(i + 2) if self.w(i + 1) == "the" else self.at(i + 1)
            owner = self.relative_head(i, self.org) or self.left(i, self.org, limit=3) or self.clause_subject(i)
            agent = self.left(i, self.org, limit=3)
            if owned is None and agent is not None and self.w(agent.start - 1) in ("which", "that"):
                if self.w(agent.start - 2) == "in" or self._share_after(i + 1) is not None:
                    continue  # ("B, in which A owns 49%": a stated share, read by the share rules; a minority is no parent)
                owned, owner = self.relative_head(agent.start, self.org), agent  # "B, which A owns, ..."
            if owned is None or owner is None or not self.org(owned) or self.w(owned.end) in ("%", *POSSESSIVE_MARKS) \
                    or self.hedged(i, owned.end) or self.st.label(owned) == "GovernmentBody":
                continue
            self.st.add("SUBSIDIARY_OF", owned, owner, self.s, 0.75)
        # "X belongs to the B Group of China": B owns X (runs it when X is a site: "the plant belongs to B")
        for i in self.triggers(("belongs", "belong", "belonged")):
            owner = self.right(i + 2, self.org, limit=2) if self.w(i + 1) == "to" else None
            owned = self.relative_head(i, self.maker) or self.left(i, self.maker, limit=4) if owner is not None else None
            if owned is None or self.st._key(owned) == self.st._key(owner) or self.hedged(owned.start, owner.end):
                continue
            for each in self.subjects(owned, i, self.maker):
                if self.st.label(each) == "Facility":
                    self.st.add("OPERATES", owner, each, self.s, 0.75)
                elif self.org(each):
                    self.st.add("SUBSIDIARY_OF", each, owner, self.s, 0.75)
        for i in self.triggers(("reports", "under")):
            if self.w(i) == "reports" and self.w(i + 1) == "to":
                child = self.relative_head(i, self.org)
            elif self.w(i) == "under" and self.w(i - 1) in self.v.ORG_NOUNS:
                child = self.appositive_head(i, self.org)
            else:
                continue
            parent = self.right(i + 1 + (self.w(i) == "reports"), lambda m: self.st.label(m) == "GovernmentBody", limit=3)
            if child is None or parent is None or (self.hedged(i, parent.end) if self.w(i) == "under" else
                                                  set(self.s.lowers[child.end : i]) & self.v.HEDGES):  # ("reports" is a hedge word)
                continue
            self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.75)

    def _share_in_words(self, i: int) -> tuple[float | None, int] | None:
        """The share said in words after the share verb at ``i`` ("about a quarter of", "two thirds of", "a majority
        of"; vocabulary ``SHARE_FRACTIONS``): the fraction (None: a majority, control without a figure) and the
        position of its "of"; None when the verb is followed by no such share."""
        k = i + 1
        while self.w(k) in self.v.SHARE_APPROXIMATIONS and k < i + 4:
            k += 1
        if self.w(k) in self.v.SHARE_FRACTIONS:
            count, fraction, of = "a", self.w(k), k + 1  # "owns half of B": no count
        else:
            dash = self.w(k + 1) == "-"  # "two-thirds"
            count, fraction, of = self.w(k), self.w(k + 1 + dash), k + 2 + dash
        if count not in self.v.SHARE_COUNTS or fraction not in self.v.SHARE_FRACTIONS or self.w(of) != "of":
            return None
        each = self.v.SHARE_FRACTIONS[fraction]
        if each is None:
            return (None, of) if count in ("a", "an") else None
        return min(1.0, round(self.v.SHARE_COUNTS[count] * each, 6)), of

    def _worded_share(self, i: int, share: float | None, of: int) -> None:
        """ "A holds about a quarter of B", "A owns a majority of the project company, B": the holder is the verb's
        subject (or the relative clause's head), the firm held the name after "of" (past a description and its
        comma)."""
        holder = self.left(i, self.org, limit=6) or self._over_appositive(i)
        if holder is None and self.org(subject := self.clause_subject(i)):
            holder = subject
        target = self.right(of + 1, self.org, limit=2)
        if target is None and self.w(of + 1) == "the":  # "a majority of the project company, B"
            comma = next((q for q in range(of + 2, min(self.s.end, of + 5)) if self.w(q) == ","), None)
            target = self.at(comma + 1) if comma is not None and all(self.doc[q].is_lower for q in range(of + 1, comma)) else None
        if holder is None or target is None or not self.org(target) or self.st.label_of(holder) not in ORG_LABELS \
                or self.w(target.end) in POSSESSIVES or self.hedged(i, of + 1):  # ("a third of B's output")
            return
        for each in self.subjects(holder, i, self.org):
            self._holds(each, target, share)

    def _held_in(self, holder: Mention | str, i: int) -> Mention | str | None:
        """What ``holder`` holds a share of when the text names no "of X": "X, in which B holds about 22%" (X); "X was
        founded by B, which holds 40%" (the subject X); "B holds the remaining 10%" (the firm whose shares the document
        stated last)."""
        if not isinstance(holder, Mention):
            return self._rest_of(self._percent(i + 3, i + 4)) if self.w(i + 1) == "the" else None
        if self.w(holder.start - 1) == "which" and self.w(holder.start - 2) == "in":
            return self.relative_head(holder.start, self.org)
        relative = self.w(holder.end) == "," and self.w(holder.end + 1) == "which" and holder.end + 2 == i
        if relative and self.w(holder.start - 1) == "by" and self.subject is not None and self.org(self.subject) \
                and self.subject.end <= holder.start and self.st._key(self.subject) != self.st._key(holder):
            return self.subject
        if relative and self.w(holder.start - 1) in ("shareholder", "shareholders", "owners") and self.w(holder.start - 2) == "its":
            return self.its(holder.start - 2)  # "A ... for its shareholders B, which holds about 59%"
        if self.w(i + 1) == "the" and self.w(i + 2) in ("remaining", "other", "rest"):
            return self._rest_of(self._percent(i + 3, i + 4))
        return None

    def _share_after(self, k: int) -> tuple[float, int] | None:
        """The share said from ``k`` on, with the holder's verb when it is said again ("holds a free-carried 16%",
        "10%", "(CC) 8.5%", "owns about 30 percent"): the fraction and the position after it; None when no percentage comes first."""
        if self.w(k) == "(" and self.w(k + 2) == ")":
            k += 3  # ("C (CC) 8.5%": the name's abbreviation)
        if self.w(k) in _STAKE_VERBS or self.w(k) in self.v.SHARE_VERBS:
            k += 1
        for q in range(k, min(self.s.end, k + 6)):
            if (pct := self._percent(q, q + 1)) is not None:
                return pct, q + 1 + (self.w(q + 1) in ("%", "percent"))
            word = self.w(q)
            if not (word in ("a", "an", "-") or word in self.v.SHARE_APPROXIMATIONS
                    or self.doc[q].is_lower and self.doc[q].is_alpha and word not in _NOT_SHARE_WORDS):
                return None
        return None

    def _more_holders(self, k: int, target: Mention | str) -> None:
        """The holders listed after the first share of a relative clause ("X, in which A holds 84% and B 10%", "..., B
        holds 25% and the Government of C holds a free-carried 16%"): each name joined by a comma or "and" with the
        share after it holds that share of ``target``, up to the clause's end."""
        while k < self.s.end and self.w(k) in (",", "and"):
            k += 1
            k += self.w(k) == "and"
            m = self.at(k) or (self.at(k + 1) if self.w(k) == "the" else None)
            said = self._share_after(m.end) if m is not None and self.org(m) else None
            if said is None or self.st._key(m) == self.st._key(target) or self.hedged(m.start, said[1]):
                return
            self._holds(m, target, said[0])
            k = said[1]

    def _rest_of(self, pct: float | None) -> str | None:
        """The firm "the remaining N%" is of: the latest whose stated shares and N make the whole."""
        if pct is None:
            return None
        return next((k for k in reversed(self.st.owned) if abs(sum(self.st.owned[k].values()) + pct - 1) < 0.011), None)

    def _shares_by(self, k: int) -> list[tuple[Mention, float]]:
        """ "51% by B and 49% by C" from ``k``: each agent with its share (empty unless the phrase starts there)."""
        out: list[tuple[Mention, float]] = []
        while k < self.s.end:
            pct = self._percent(k, k + 1)
            by = next((q for q in range(k + 1, min(self.s.end, k + 3)) if self.w(q) == "by"), None)
            if pct is None or by is None:
                break
            agent = self.right(by + 1, self.org, limit=4)  # ("by the state miner B")
            if agent is not None:
                out.append((agent, pct))
            end = agent.end if agent is not None else by + 1  # ("51% by the joint venture and 49% by C": C still)
            k = next((q + 1 for q in range(end, min(self.s.end, end + 6)) if self.w(q) == "and"), None)
            if k is None or any(self.w(q) in (";", ":") for q in range(end, k)):
                break
        return out

    def _bracketed_shares(self, first: Mention) -> list[tuple[Mention, float]]:
        """ "B (75%), C (15%) and D (10%)" from ``first``: each name with the share in brackets after it (empty unless
        ``first`` has one)."""
        out: list[tuple[Mention, float]] = []
        m: Mention | None = first
        while m is not None and self.w(m.end) == "(":
            close = next((q for q in range(m.end + 1, min(self.s.end, m.end + 5)) if self.w(q) == ")"), None)
            pct = self._percent(m.end + 1, close) if close is not None else None
            if pct is None:
                break
            out.append((m, pct))
            after = self.at(close + 1) or self.at(close + 2) or self.at(close + 3)
            gap = [self.w(q) for q in range(close + 1, after.start)] if after is not None else []
            m = after if gap in ([","], ["and"], [",", "and"]) and self.org(after) else None
        return out

    def _holds(self, holder: Mention | str, owned: Mention | str, stake: float | None) -> None:
        """A stated share of equity: control (SUBSIDIARY_OF) from a majority or stated control, else a minority
        stake (HOLDS_STAKE_IN, owner -> owned)."""
        control = not self.wordset.isdisjoint(("controlling", "control", "controls", "majority"))
        key = self.st._key(owned)
        if stake is not None:  # (the order of the dict: the latest last)
            self.st.owned[key] = {**self.st.owned.pop(key, {}), self.st._key(holder): stake}
        if stake is not None and stake < 0.5 and not control:
            self.st.add("HOLDS_STAKE_IN", holder, owned, self.s, 0.75, stake=stake)
        else:
            self.st.add("SUBSIDIARY_OF", owned, holder, self.s, 0.75, stake=stake)

    def _over_appositive(self, i: int) -> Mention | None:
        """The subject before an appositive that ends right before the verb at ``i``: "A, Gina Rinehart's private
        company, holds ..." (A, whatever the appositive names)."""
        subject = self.subject
        if subject is None or not self.org(subject) or self.w(subject.end) != "," or self.w(i - 1) != "," or i - subject.end > 12:
            return None
        return subject if ";" not in self.words[subject.end - self.s.start : i - self.s.start] else None

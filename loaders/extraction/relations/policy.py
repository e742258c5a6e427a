"""Policies: export controls, bans and quotas as entities, who issued them, and what they restrict (also a
requirement in a later sentence, for the policy in context).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import MONTHS, ORG_LABELS, Mention, Sentence, find_date, POSSESSIVE_MARKS, POSSESSIVES
from ..text import brief
from .items import enumerated, notice_policy


_UNDER = frozenset(("under", "through", "via"))
_NUMBERED = re.compile(r"\bNo\.?\s*\d+", re.I)
"""A numbered instrument's name ("Announcement No. 46 of 2024", "Regulation No. 11 of 2019")."""


class Policies:
    """Policy rules."""

    def _policies(self) -> None:
        """ "the export licensing that China introduced in April 2025", "China's export controls" -> a Policy."""
        d = self.doc
        # "China's Ministry of Commerce banned the export of technology used to make rare earth magnets"
        for i in self.triggers(("banned", "bans", "restricted", "restricts", "curbed", "curbs", "suspended")):
            if "export" not in self.words[i - self.s.start + 1 : i - self.s.start + 5] and "exports" not in self.words[i - self.s.start + 1 : i - self.s.start + 5]:
                continue
            issuer = self.left(i, self.labelled("Country", "GovernmentBody"), limit=6)
            if issuer is None or self.hedged(issuer.start, i + 1):
                continue
            instrument = self._instrument_after(i)
            if instrument is not None:
                self.st.add("ISSUED_BY", instrument, issuer, self.s, 0.75)  # the ban is the notice it was issued under
                continue
            ie = self.st.ent(issuer)
            iso, words = find_date(self.s.text)
            if iso is None and self.st.published:
                iso, words = self.st.published, find_date(self.st.published)[1]
            noun = "ban" if self.w(i).startswith("ban") else "restrictions"
            name = f"{brief(ie)} export {noun}" + (f" ({words})" if words else "")
            props = {"kind": "export-control", **({"announced": iso} if iso else {})}
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", name, props)
            e.surfaces[f"{d[i].text} the export"] += 0
            obj = self.right(i + 1, self.labelled("Material", "Element"), limit=4)
            if obj is not None and all(self.w(k) in ("exports", "export", "the", "their", "its", "of") for k in range(i + 1, obj.start)):
                e.surfaces[d[i : obj.end].text] += 0  # the text's own words for it: "banned exports of nickel ore"
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, i + 1, e.key, d[i].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.75)
        # "MIIT set the 2024 mining quota for rare earths at 270,000 tonnes": a quota restricts what it counts
        for i in self.triggers(("quota", "quotas")):
            issuer = self.left(i, self.labelled("Country", "GovernmentBody"), limit=10)
            if issuer is None or self.hedged(issuer.start, i + 1) or self.w(i - 1) == "export":
                continue
            stage = next((self.w(k) for k in range(i - 1, max(self.s.start, i - 4) - 1, -1)
                          if self.w(k) in ("mining", "smelting", "separation", "production", "refining")), "")  # fmt: skip
            year = next((d[k].text for k in range(max(self.s.start, i - 4), i) if re.fullmatch(r"(19|20)\d\d", d[k].text)), None)
            ie = self.st.ent(issuer)
            e = self.st._new("Policy", f"{brief(ie)} {stage + ' ' if stage else ''}quota" + (f" ({year})" if year else ""),
                             {"kind": "quota", **({"announced": year} if year else {})})  # fmt: skip
            e.mentions += 1
            e.surfaces[d[i].text] += 0
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, i + 1, e.key, d[i].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.75)
            targets = [m for m in self.ms if m.start > i and self.st.label(m) in ("Material", "Element")]
            if not targets and any(self.w(k) in ("earths", "earth") for k in range(i + 1, min(self.s.end, i + 5))):
                generic = self.st.x.gazetteer.lookup("rare earth ore" if stage in ("mining", "") else "separated rare earth oxides")
                if generic is not None:
                    key = self.st._known(generic)
                    self.st.entities[key].mentions += 1  # "rare earths", counted as the stage the quota names
                    self.st.entities[key].sentence = self.st.entities[key].sentence or self.s.text
                    self.st.add("RESTRICTS", e, key, self.s, 0.7)
        for i in self.triggers(("export",)):
            if i + 1 >= self.s.end or d[i + 1].lower_ not in self.v.RESTRICT_NOUNS:
                continue
            end = i + 2
            if end < self.s.end and d[end].lower_ in ("requirements", "regime", "rules", "system"):
                end += 1
            issuer, words_end = None, end
            if end + 2 < self.s.end and d[end].lower_ in ("that", "which"):
                cand = self.at(end + 1)
                if cand is not None and self.st.label(cand) in ("Country", "GovernmentBody"):
                    issuer = cand
                    k = cand.end
                    if k < self.s.end and d[k].lower_ in self.v.ISSUE_VERBS:
                        k += 1
                        date_end = k
                        if k < self.s.end and d[k].lower_ == "in":
                            date_end = k + 1
                            while date_end < self.s.end and (d[date_end].lower_ in MONTHS or d[date_end].like_num):
                                date_end += 1
                        words_end = date_end if date_end > k + 1 else k
            if issuer is None:
                issuer = self._issuer_of(i, words_end)
            if issuer is None or self.hedged(i, words_end):
                continue
            instrument = self._instrument_after(i)
            if instrument is not None:
                self.st.add("ISSUED_BY", instrument, issuer, self.s, 0.8)  # "export controls ... under Announcement No. 23 of 2023"
                continue
            surface = d[i:words_end].text
            iso, words = find_date(surface)
            if iso is None:
                iso, words = find_date(self.s.text)
            ie = self.st.ent(issuer)
            name = f"{brief(ie)} export {d[i + 1].lower_}" + (f" ({words})" if words else "")
            props = {"kind": "quota" if "quota" in d[i + 1].lower_ else "export-control"}
            if iso:
                props["announced"] = iso
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", name, props)
            e.surfaces[surface] += 1
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, words_end, e.key, surface, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.8)

    def _instrument_after(self, i: int) -> Mention | None:
        """The numbered notice a ban or export control at ``i`` was issued under, later in its sentence ("the Ministry of Commerce banned the
        export of antimony, gallium and germanium to the United States, under Announcement No. 46 of 2024"): the ban is
        that notice, not a second policy described by its verb."""
        for m in self.ms:
            if m.start > i and self.w(m.start - 1) in _UNDER and self.st.label(m) == "Policy" and _NUMBERED.search(m.text):
                return m
        return None

    def _issuer_of(self, i: int, end: int) -> Mention | None:
        """Who issues the export control named at ``i``..``end``: "China's export controls", the subject of the issuing
        verb before it ("China imposed new export controls", "China will impose an export ban", "China, which adopted
        export controls", "China, the largest producer, has imposed ...") or the agent of a passive after it ("export
        controls on M were imposed by China")."""
        gov = self.labelled("Country", "GovernmentBody")
        k = i - 1
        while k > self.s.start and self.w(k) in self.v.POLICY_MODIFIERS:
            k -= 1
        if self.w(k) in POSSESSIVES:
            owner = self.at_end(k)
            return owner if owner is not None and gov(owner) else None
        if self.w(k) in self.v.ISSUE_VERBS or self.w(k) in ("has", "have", "had"):  # (also "China has export controls")
            return self.agent(k, gov)
        verb = next((q for q in range(end, min(self.s.end, end + 8)) if self.w(q) in self.v.ISSUE_VERBS and self.is_passive(q)), None)
        return self.passive_by(verb, gov)[0] if verb is not None else None

    def _restricts(self) -> None:
        policies = [m for m in self.ms if self.st.label(m) == "Policy"]
        if not policies:
            self._restricts_in_context()
            return
        if not self.triggers(self.v.RESTRICT_CUES):
            return
        licensed = self._licensed()
        for p in policies:
            if self.hedged(p.start, p.end):
                continue
            for m in self.ms:
                if self.st.label(m) not in ("Element", "Material") or m is p:
                    continue
                if self.hedged(min(p.start, m.start), max(p.end, m.end) - 1):
                    continue  # "the controls do not cover NdFeB magnets"
                if self.across_clauses(p, m):
                    continue  # "Since X banned exports of nickel ore, firms built plants that turn laterite ore into MHP"
                if m.start not in licensed and any(self.w(q) == "for" for q in range(max(self.s.start, m.start - 3), m.start)):
                    continue  # "dysprosium for high-temperature NdFeB grades": a purpose, not what is controlled
                self.st.add("RESTRICTS", p, m, self.s, 0.7)

    def _licensed(self) -> set[int]:
        """Starts of the elements and materials listed after "a licence for" (what the licence is needed for)."""
        out: set[int] = set()
        for i in self.triggers(("for",)):
            quota = any(self.w(k) in ("quota", "quotas", "cap", "ceiling") for k in range(i - 6, i))  # "a quota of 5,000 t for M"
            if quota or self.w(i - 1) in self.v.LICENCE_WORDS or (self.w(i - 2) in self.v.LICENCE_WORDS and self.w(i - 1) in ("exports", "export")):
                first = self.right(i + 1, self.labelled("Element", "Material"), limit=2)
                if first is not None:
                    out.update(m.start for m in self.coordinated(first, self.labelled("Element", "Material")))
        return out

    def _restricts_in_context(self) -> None:
        """A requirement with no policy named in the sentence belongs to the policy in context.

        "The Ministry of Commerce requires an export licence for samarium, gadolinium and terbium";
        "Exports of gallium and germanium to the United States are not permitted". Without an earlier
        policy in the document, the issuer's requirement becomes one ("China export licensing (April 2025)").
        """
        targets: list[Mention] = []
        trigger = None
        licensed = self._licensed()
        if licensed:
            trigger = next(i for i in self.triggers(("for",)) if any(m.start in licensed for m in self.ms if m.start > i))
            targets = [m for m in self.ms if m.start in licensed]
        for i in self.triggers(("exports", "export")):
            if trigger is not None or self.w(i + 1) != "of":
                continue
            first = self.right(i + 2, self.labelled("Element", "Material"), limit=1)
            verb = next((k for k in range(i + 2, min(self.s.end, i + 25)) if self.w(k) in self.v.PROHIBITED | {"permitted", "allowed", "require", "requires"}), None)
            if first is None or verb is None:
                continue
            if self.w(verb) in ("permitted", "allowed") and self.w(verb - 1) != "not":
                continue
            targets = self.coordinated(first, self.labelled("Element", "Material"))
            trigger = verb - 1 if self.w(verb - 1) == "not" else verb  # the "not" of "not permitted" is the restriction
        # "Item 2 applies to every element of the group, from lanthanum ... to yttrium and scandium": a numbered part of
        # the policy in context names what it controls
        if trigger is None and self.words[:1] and self.words[0] in self.v.PART_NOUNS and self.st.last_policy is not None:
            verb = next((k for k in range(self.s.start + 1, min(self.s.end, self.s.start + 5)) if self.w(k) in self.v.PART_VERBS), None)
            if verb is not None:
                trigger = verb  # (up to a clause that describes them: "magnets that contain neodymium")
                end = next((k for k in range(verb, self.s.end) if self.w(k) in self.v.CONTAIN_CUES | {"that", "which"}), self.s.end)
                targets = [m for m in self.ms if verb < m.start < end and self.st.label(m) in ("Element", "Material")]
        if not targets or self.hedged(min(trigger, targets[0].start), trigger - 1):
            return
        policy = self.st.last_policy
        if policy is None:
            gov = self.labelled("Country", "GovernmentBody")
            issuer = self.left(trigger, gov, limit=8) or self._requirer(trigger, gov)
            if issuer is None:
                return
            ie = self.st.ent(issuer)
            iso, words = find_date(self.s.text)
            if iso is None and self.st.published:
                iso, words = self.st.published, find_date(self.st.published)[1]
            props = {"kind": "export-control", **({"announced": iso} if iso else {})}
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", f"{brief(ie)} export licensing" + (f" ({words})" if words else ""), props)
            licence = trigger - 1 if self.w(trigger - 1) in self.v.LICENCE_WORDS else None
            if licence is not None:  # the text's own words for it ("has required export licences for M"): a name of it
                e.surfaces[self.doc[licence - (self.w(licence - 1) == "export") : trigger].text] += 1
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.7)
            policy = self.st.last_policy = e.key
        for m in targets:
            self.st.add("RESTRICTS", policy, m, self.s, 0.7)

    def _requirer(self, trigger: int, gov) -> Mention | None:
        """Who requires the licence named before ``trigger`` when other words stand between them: the subject of the
        clause whose verb requires it ("China mines about four fifths of the world's tungsten and has required export
        licences for M since 2025")."""
        verb = next((k for k in range(trigger - 1, max(self.s.start, trigger - 5) - 1, -1) if self.w(k) in self.v.REQUIRE_VERBS), None)
        who = self.ms[0] if self.ms and verb is not None else None  # (the sentence's opening name: a government)
        if who is None or not gov(who) or who.demonym or who.start != self.s.start + (self.w(self.s.start) == "the"):
            return None
        if any(self.st.label(m) in ORG_LABELS | {"Country", "Place"} for m in self.ms if who.end <= m.start < verb) \
                or ";" in self.words[who.end - self.s.start : verb - self.s.start] or self.hedged(who.start, verb + 1):
            return None  # ("China ... and Japan has required", "China said; exporters require"): another subject
        return who

    def _issued_by(self) -> None:
        # "Issued by the Ministry of Mines, 5 January 2026" under a notice's title: the policy in context
        lead = next((k for k, w in enumerate(self.words) if w[:1].isalnum()), 0)
        by = lead + 1 + (self.words[lead + 1 : lead + 2] == ["jointly"])  # "Issued jointly by"
        if self.words[lead : lead + 1] in (["issued"], ["published"]) and self.words[by : by + 1] == ["by"] \
                and self.st.last_policy is not None:  # "Issued by: the Ministry of A and the Ministry of B"
            body = self.right(self.s.start + by + 1, self.labelled("GovernmentBody", "Country"), limit=3)
            for b in self.conjuncts(body, self.labelled("GovernmentBody", "Country")) if body is not None else ():
                self.st.add("ISSUED_BY", self.st.last_policy, b, self.s, 0.75)
        self._issued_in_context()
        body = self.labelled("GovernmentBody", "Country")
        ministry = self.labelled("GovernmentBody")
        for p in self.ms:
            if self.st.label(p) != "Policy":
                continue
            # "the MIIT and NDRC Order No. 71": the bodies named right before the policy's name
            before = self.at_end(p.start) or (self.at_end(p.start - 1) if self.w(p.start - 1) == "joint" else None)
            if before is not None and body(before) and not before.demonym:
                for b in self.conjuncts(before, body):
                    self.st.add("ISSUED_BY", p, b, self.s, 0.8)
                continue
            # "Announcement No. 33 of 2024 of the Ministry of Commerce and the General Administration of Customs"
            after = p.end + 1 + (self.w(p.end + 1) == "the")
            issuer = self.at(after) if self.w(p.end) == "of" and self.v.INSTRUMENT_HEADS & set(p.text.lower().split()) else None
            if issuer is not None and ministry(issuer):  # (not a country: "the Customs Law of the People's Republic of China")
                for b in self.conjuncts(issuer, ministry):
                    self.st.add("ISSUED_BY", p, b, self.s, 0.75)
                continue
            # "the European Union's Just Transition Fund"
            if p.start >= 2 and self.w(p.start - 1) in POSSESSIVE_MARKS:
                owner = self.at_end(p.start - 1)
                if owner is not None and self.st.label(owner) in ("GovernmentBody", "Country"):
                    self.st.add("ISSUED_BY", p, owner, self.s, 0.8)
                    continue
            verb = next((q for q in range(p.start - 1, max(self.s.start, p.start - 6) - 1, -1) if self.w(q) in self.v.POLICY_VERBS), None)
            if verb is not None:
                body = self.left(verb, self.labelled("GovernmentBody", "Country"), limit=4)
                if body is not None and not self.hedged(body.start, p.end):
                    for b in self.coordinated_before(body, self.labelled("GovernmentBody", "Country")) + self._cosignatories(verb, p):
                        self.st.add("ISSUED_BY", p, b, self.s, 0.75)
                    continue
            # "through its Green Platform programme" (the agency's own programme)
            if self.w(p.start - 1) in ("its", "their"):
                owner = self.its(p.start - 1)
                if self.st.label_of(owner) == "GovernmentBody":
                    self.st.add("ISSUED_BY", p, owner, self.s, 0.7)
                    continue
            for q in range(p.end, min(self.s.end, p.end + 4)):
                if self.w(q) in self.v.ISSUE_VERBS | {"run", "managed", "overseen"} and self.w(q + 1) == "by":
                    body = self.right(q + 2, self.labelled("GovernmentBody", "Country"), limit=2)
                    for b in self.conjuncts(body, self.labelled("GovernmentBody", "Country")) if body is not None else ():
                        self.st.add("ISSUED_BY", p, b, self.s, 0.75)  # "was issued by A, B and C"
                    break

    def _cosignatories(self, verb: int, p: Mention) -> list[Mention]:
        """The governments a signed instrument names after "with": "A signed a strategic partnership on raw materials
        with the Government of B (and C)"; none after another verb than a signing one."""
        if self.w(verb) not in self.v.SIGN_VERBS or self.w(p.end) != "with":
            return []
        body = self.labelled("GovernmentBody", "Country")
        first = self.right(p.end + 1, body, limit=2)
        return self.conjuncts(first, body) if first is not None else []

    def _issued_in_context(self) -> None:
        """ "The Ministry of Commerce and the General Administration of Customs decided to implement export control on
        the following items": the bodies that impose the controls of the policy in context issue it."""
        if self.st.last_policy is None or any(self.st.label(m) == "Policy" for m in self.ms):
            return
        body = self.labelled("GovernmentBody", "Country")
        for i in self.triggers(self.v.ISSUE_VERBS):
            if not any(self.w(k) in self.v.RESTRICT_NOUNS for k in range(i + 1, min(self.s.end, i + 4))):
                continue
            who = self.left(i, body, limit=6, stop=(";", ","))
            if who is not None and not who.demonym and not self.hedged(who.start, i + 1):
                for b in self.conjuncts(who, body):
                    self.st.add("ISSUED_BY", self.st.last_policy, b, self.s, 0.7)
            return

    def _listed(self) -> None:
        """A notice's list of controlled items, in a sentence ("The items subject to control are samarium, gadolinium
        and terbium") or as the list it announces ("... the following items:" then one item a line or row): each
        item is restricted by the policy in context."""
        policy = self.st.last_policy
        numbered = enumerated(self.st, self.s)  # ("(1) antimony ores ...; (2) antimony metal ...": None when no such list)
        listed = (numbered if numbered is not None else item_line(self.st, self.s)) if self.st.listing else []
        for m in listed:
            self.st.add("RESTRICTS", self.st.listing, m, self.s, 0.65)
        if listed or numbered is not None and self.st.listing or not any(w[:1].isalpha() for w in self.words):
            return  # (a bare "1." or "-" of a numbered list, or an item naming nothing known, keeps the list going)
        self.st.listing = None
        cued = bool(set(self.words) & self.v.LIST_CUES)
        licensing = any(self.w(k) == "without" and self.w(k + 1 + (self.w(k + 1) in ("a", "an", "the"))) in self.v.LICENCE_WORDS
                        for k in self.triggers(("without",)))  # "shall not be exported without a licence": the control itself
        licensing = licensing or self._prohibited_export()
        if policy is None or not cued or self.hedged(self.s.start, self.s.end - 1) and not licensing:
            return
        if any(self.st.label(m) in ORG_LABELS - {"GovernmentBody"} for m in self.ms):
            return  # a firm's own list ("Lynas's listed products ...") is no control list
        items = [m for m in self.ms if self.st.label(m) in ("Element", "Material")]
        for m in self.coordinated(items[0], self.labelled("Element", "Material")) if items else ():
            self.st.add("RESTRICTS", policy, m, self.s, 0.65)
        if self.words[-1:] == [":"]:
            self.st.listing = notice_policy(self.st) or policy  # (the notice's own list, not that of a law it cites)

    def _prohibited_export(self) -> bool:
        """Whether the sentence forbids export ("may no longer be exported", "shall not be exported"): a prohibition,
        which its "may" or "not" does not hedge."""
        for k in self.triggers(self.v.EXPORT_PASSIVES):
            if self.w(k - 1) == "be" and (self.w(k - 2) == "not" or (self.w(k - 3), self.w(k - 2)) == ("no", "longer")):
                return True
        return False


def item_line(st: Any, s: Sentence) -> list[Mention]:
    """The elements and materials of ``s`` when it is one item of a list (a bullet, a numbered line, a table row):
    nothing else in it but numbering, symbols in brackets and a few words."""
    items = [m for m in s.mentions if st.label(m) in ("Element", "Material")]
    covered = {k for m in items for k in range(m.start, m.end)}
    rest = [s.lowers[k] for k in range(s.start, s.end) if k not in covered and s.lowers[k][:1].isalpha()]
    # an element naming the noun after it ("Antimony ores and raw materials") is no item of its own: the control is on
    # the ores, not on every product containing the element
    items = [m for m in items if not (st.label(m) == "Element" and m.end < s.end and s.lowers[m.end][:1].isalpha()
                                      and s.lowers[m.end] not in ("and", "or", "nor"))]  # fmt: skip
    if items and len(rest) > 3 and rest[0] not in ("not", "excluding", "except"):
        # "Antimony ores and raw materials, including antimony ore, antimony concentrate and antimony ingots": an item
        # headed by its category, the items named after "including" / "such as" / "namely"
        head = next((k for k, w in enumerate(rest) if w in ("including", "namely") or w == "such" and rest[k + 1 : k + 2] == ["as"]), None)
        tail = rest[head + 1 + (rest[head] == "such") :] if head is not None else rest
        if head is not None and head <= 5 and len(tail) <= 3:
            return items
    if items and rest[:1] in (["technology"], ["technologies"], ["equipment"]) and all(w in _TECHNOLOGY_ITEM for w in rest[1:]):
        return items  # "technologies for the production of NdFeB magnets": a control on what the technology makes
    return items if items and len(rest) <= 3 else []


_TECHNOLOGY_ITEM = frozenset("for the of and production preparation manufacturing manufacture making processing recycling "
                             "smelting separation refining mining permanent".split())
"""The words of an item that controls a technology by what it makes ("technologies for the production of M")."""

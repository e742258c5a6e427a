"""Events: hosted conferences and openings, co-organisers and signatories, attendance, and dated signings."""

from __future__ import annotations

import re
from itertools import combinations

from ..model import DATE_MD, Mention, find_date
from ..text import short_name


class Events:
    """Event rules."""

    def _events(self) -> None:
        d = self.doc
        # "X hosted a ... conference in P" / "X marked the opening of its plant"
        for i in self.triggers(self.v.HOST_VERBS | {"marked", "celebrated"}):
            if self.hedged(i, i + 1):
                continue
            host = self.left(i, self.org, limit=25)
            if host is None:
                continue
            j = next((k for k in range(i + 1, min(self.s.end, i + 10)) if d[k].lower_ in self.v.EVENT_NOUNS | {"opening", "inauguration"}), None)
            if j is None or (d[j].lower_ in ("opening", "inauguration") and d[i].lower_ not in ("marked", "celebrated", "held", "hosted")):
                continue
            he = self.st.ent(host)
            iso, words = find_date(self.s.text)
            if iso is None:
                md = DATE_MD.search(self.s.text)
                words = f"{md.group(1).title()} {md.group(2)}" if md else None
                if self.st.published:
                    iso = self.st.published
                    words = words or find_date(iso)[1]
            place = self.right(j + 1, self.labelled("Place", "Country"), limit=3)
            if d[j].lower_ in ("opening", "inauguration"):
                facility = self.right(j + 1, self.labelled("Facility"), limit=6)
                subject = self.st.ent(facility).name if facility else he.name
                name = f"{subject} {d[j].lower_}" + (f" ({words})" if words else "")
            else:
                where = f" in {self.st.ent(place).name}" if place else ""
                name = f"{he.name} {d[j].lower_}{where}" + (f" ({words})" if words else "")
            props = {"date": iso} if iso and re.match(r"^\d{4}", iso) else {}
            e = self.st._new("Event", name, props)
            start = i + 1
            while start < j and d[start].lower_ in ("a", "an", "the", "its", "official"):
                start += 1
            surface = d[start : j + 1].text
            e.surfaces[surface] += 1
            e.surfaces[d[j].text] += 0
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(start, j + 1, e.key, surface, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.last_event = e.key
            self.st.add("PARTICIPATED_IN", host, e, self.s, 0.85, role="host")
            if place is not None and d[j].lower_ not in ("opening", "inauguration"):
                self.st.add("LOCATED_IN", e, place, self.s, 0.8)
        # "The event, co-organized by A and B" ; "the event served as a platform for signing agreements between ..."
        event = next((m for m in self.ms if self.st.label(m) == "Event"), None)
        if event is None:
            return
        self._event_attendance()
        for i in self.triggers(self.v.CO_VERBS):
            if i + 2 < self.s.end and self.w(i + 1) == "by" and not self.hedged(i, i + 2):
                first = self.right(i + 2, self.org, limit=3)
                if first is None:
                    continue
                parties = self.coordinated(first, self.org)
                co = self.w(i).startswith("co-") or (self.w(i - 1) == "-" and self.w(i - 2) == "co")
                role = "co-organiser" if co or self.w(i).startswith("organi") else "sponsor"
                for p in parties:
                    self.st.add("PARTICIPATED_IN", p, event, self.s, 0.8, role=role)
                ev = self.st._key(event)
                hosts = [h for h in self.st.into.get(("PARTICIPATED_IN", ev), [])  # organisers, not attendees
                         if self.st.relations[("PARTICIPATED_IN", h, ev, None)].props.get("role") != "participant"]
                for a, b in combinations(dict.fromkeys([self.st._key(p) for p in parties] + hosts), 2):
                    self.st.add("COOPERATES_WITH", a, b, self.s, 0.6, event=event.key)
        for i in self.triggers(("signing", "signed")):
            first = self.right(i, self.org, limit=8)
            if first is None or self.hedged(i, first.start):
                continue
            for p in self.coordinated(first, self.org):
                self.st.add("PARTICIPATED_IN", p, event, self.s, 0.75, role="signatory")

    def _event_attendance(self) -> None:
        """ "A and B will present the plan at the X Summit in P", "The memorandum was signed at the X Forum": the
        sentence's subjects (or the parties it refers to) took part; the event is in P."""
        for m in self.ms:
            if self.st.label(m) != "Event":
                continue
            k = m.start - 1
            while self.w(k) == "-" and self.at_end(k) is not None:
                k = self.at_end(k).start - 1  # "the EU-China Summit"
            while self.w(k) in ("the", "this", "year's", "annual"):
                k -= 1
            if self.w(k) in ("in", "at") and self.w(k - 1) in ("part", "participated", "participates", "exhibited", "exhibits"):
                k -= 1
            if self.w(k) not in ("at", "during", "attended", "attends", "attend", "joined", "joins", "part",
                                 "participated", "participates", "exhibited", "exhibits") or self.hedged(k, m.end):
                continue
            if self.subject is not None and self.org(self.subject) and self.subject.end <= k:
                who = [self.st._key(x) for x in self.coordinated(self.subject, self.org)]
            else:
                who = self.parties_referred()
            for p in who:
                self.st.add("PARTICIPATED_IN", p, m, self.s, 0.75, role="participant")
            if self.w(m.end) == "in":
                place = self.right(m.end + 1, self.labelled("Place", "Country"), limit=1)
                if place is not None:
                    self.st.add("LOCATED_IN", m, place, self.s, 0.75)

    def _agreement_events(self) -> None:
        """ "In January 2023 VAC concluded a binding long-term agreement to supply GM": a dated signing is an Event."""
        d = self.doc
        for i in self.triggers(("agreement", "contract", "deal")):
            verb = next((k for k in range(i - 1, max(self.s.start, i - 7) - 1, -1)
                         if self.w(k) in ("signed", "concluded", "reached", "struck", "inked", "sealed")), None)  # fmt: skip
            if verb is None or self.hedged(verb, i + 1):
                continue
            lo = verb
            while lo > self.s.start and self.w(lo - 1) not in (",", ";", "and"):
                lo -= 1
            iso, words = find_date(d[lo : min(self.s.end, i + 12)].text)
            if iso is None:
                continue
            signer = self.left(verb, self.org, limit=4)
            partners = []
            for k in range(i + 1, min(self.s.end, i + 10)):
                if self.w(k) in ("with", "between", "supply", "for", "to"):
                    first = self.right(k + 1, self.org, limit=2)
                    if first is not None:
                        partners = self.coordinated(first, self.org)
                        break
            if signer is None or not partners:
                continue
            parties = [signer] + [p for p in partners if p.key != signer.key]
            start = verb + 1
            while start < i and self.w(start) in ("a", "an", "the", "its", "their"):
                start += 1
            kind = "supply " if any(self.w(k) in ("supply", "offtake") for k in range(verb, min(self.s.end, i + 6))) else ""
            names = "-".join(sorted(short_name(self.st.ent(p).name) for p in parties))
            e = self.st._new("Event", f"{names} {kind}{d[i].lower_} ({words})", {"date": iso})
            e.surfaces[d[start : i + 1].text] += 1
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(start, i + 1, e.key, d[start : i + 1].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            for p in parties:
                self.st.add("PARTICIPATED_IN", p, e, self.s, 0.75, role="signatory")

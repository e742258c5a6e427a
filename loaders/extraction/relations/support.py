"""Public support for a firm's project: a government's grant, contribution or support package is cooperation with the
firm it goes to (docs/annotation.md: "An investment, award or grant without a stated share is COOPERATES_WITH").
Counted in 5 documents of sets E, I and J (docs/extraction.md, "Session 15: who is where, runs and owns what")."""

from __future__ import annotations

from ..discourse import FIRM_LABELS
from ..model import Mention


class Support:
    """Mixin of ``Rules``: a government body's money for a firm."""

    def _public_support(self) -> None:
        """ "welcomed a support package of A$135 million from the Australian Government" (the clause's subject gets it),
        "the Government of Canada has backed the project with a grant", "the Quebec government is contributing
        C$650,000", "which the Quebec government supports with a C$7 million grant", "The company and the Quebec
        government are putting US$6 million into the plant" (the government's verb: the firm the sentence or the text
        is about gets it). A word of ``SUPPORT_WORDS`` near the body and a sum of money or a grant in the sentence; not a
        government's own policy ("the government supports export controls": no money), nor one body to another."""
        if self.wordset.isdisjoint(self.v.SUPPORT_WORDS):
            return
        granted = any(self.w(k) in self.v.SUPPORT_SUMS or self.money(k, 1) for k in range(self.s.start, self.s.end))
        if not granted:
            return
        for body in [m for m in self.ms if self.st.label(m) == "GovernmentBody"]:
            near = [k for k in range(max(self.s.start, body.start - 8), min(self.s.end, body.end + 6))
                    if self.w(k) in self.v.SUPPORT_WORDS]
            if not near or self.hedged(min(near[0], body.start), max(near[-1], body.end)):
                continue
            if self.w(body.start - 1 - (self.w(body.start - 1) == "the")) == "from":  # "a package of $X from B (and C)"
                recipient: Mention | str | None = self.clause_subject(body.start)
            else:
                recipient = self._supported_firm(body)
            if recipient is None or self.st.label_of(recipient) not in FIRM_LABELS or self.st._key(recipient) == self.st._key(body):
                continue
            for each in self.coordinated(body, lambda m: self.st.label(m) == "GovernmentBody"):
                self.st.add("COOPERATES_WITH", each, recipient, self.s, 0.65)

    def _supported_firm(self, body: Mention) -> Mention | str | None:
        """The firm a government's own verb of support helps: a firm subject of the sentence before the body ("The
        company and the Quebec government are putting ..."), else the firm the text is about when the sentence names
        its site or it ("has backed the project", "the partners plan a plant, which B supports"); None otherwise."""
        subject = self.subject
        if subject is not None and subject.start < body.start and self.org(subject) and self.st.label(subject) != "GovernmentBody":
            return subject
        told = any(self.st.label(m) == "Facility" for m in self.ms) or any(
            self.w(k) in self.v.FACILITY_NOUNS | self.v.SUPPORTED_NOUNS and self.w(k - 1) in ("the", "its", "their")
            for k in range(self.s.start + 1, self.s.end))
        return self.carried(FIRM_LABELS) if told else None  # ("support domestic producers with subsidies": no firm's)

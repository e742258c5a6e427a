"""Pass 4, confirmation: a capitalised name without a cue word becomes an organisation only when the text
uses it as one (the subject of "makes", "signed", "said", or an end of a relation); then the output: ids,
merged duplicates, deliveries to a facility given to its operator.
"""

from __future__ import annotations

from .model import Extraction, ORG_LABELS, PREFIXES, allowed, slugify, POSSESSIVE_MARKS
from .world import settle_countries


class Confirmation:
    """Pass 4: confirmed entities, merged duplicates, the output."""

    def _supplies_to_operators(self) -> None:
        """A firm's delivery to a facility is a delivery to the organisation that operates it (a mine feeding a plant
        stays a flow between the two facilities)."""
        operators = {r.target: r.source for r in self.relations.values() if r.type == "OPERATES"}
        for key, r in list(self.relations.items()):
            if r.type == "SUPPLIES" and r.target in operators and operators[r.target] != r.source \
                    and self.entities[r.source].label != "Facility":
                del self.relations[key]
                r.target = operators[r.target]
                self.relations.setdefault((r.type, r.source, r.target, r.props.get("material")), r)

    def _output(self) -> Extraction:
        self._merge_duplicates()
        self._supplies_to_operators()
        settle_countries(self.entities, self.relations.values())  # ("Kingston, Ontario": Canada's, .world)
        for e in self.entities.values():
            if e.label in ORG_LABELS and not e.confirmed and e.key in self.used:
                e.confirmed = True
        keep = {
            k: e for k, e in self.entities.items()
            if e.confirmed and e.mentions > 0 and not (e.demonym_only and k not in self.used)
        }  # fmt: skip
        if self.x.learned is not None:  # the learned relation component adds what the rules missed (.learned)
            self.x.learned.add(self, keep)
        relations = [r for r in self.relations.values() if r.source in keep and r.target in keep
                     and allowed(r.type, keep[r.source].label, keep[r.target].label)]  # (a label settled after the fact)
        for r in relations:
            if r.props.get("material") and r.props["material"] not in keep:
                r.props.pop("material")
        taken: set[str] = set()
        for e in keep.values():
            if e.known is None:
                base = f"{PREFIXES[e.label]}:{slugify(e.name)}"
                node_id, n = base, 2
                while node_id in taken or (node_id in self.x.gazetteer and self.x.gazetteer.get(node_id).label != e.label):  # type: ignore[union-attr]
                    node_id, n = f"{base}-{n}", n + 1
                e.id = node_id
            taken.add(e.id)
        ordered = sorted(keep.values(), key=lambda e: (-e.mentions, e.id))
        return Extraction(ordered, sorted(relations, key=lambda r: (r.type, r.source, r.target)))


class OrgVerbs:
    """A name used as the subject of an organisation's verb is an organisation."""

    def _described(self, noun: int) -> bool:
        """The organisation noun at ``noun`` opens a noun phrase: a determiner or a demonym before it, across at most
        two lower-case modifiers ("the miner", "the state miner", "the Australian miner")."""
        for k in range(noun - 1, max(self.s.start, noun - 4) - 1, -1):
            if self.w(k) in ("the", "a", "an", "its", "their") or getattr(self.at_end(k + 1), "demonym", False):
                return True
            if not (self.doc[k].is_alpha and self.doc[k].is_lower):
                return False
        return False

    def _org_appositive(self, k: int, investors: bool = False) -> bool:
        """The appositive from ``k`` names an organisation by its head noun, before any preposition: "X, the Australian
        miner", "X, a subsidiary of Y", "X, one of the largest producers" (not "X, a partner at the firm": a person)."""
        for q in range(k, min(self.s.end, k + 9)):
            word = self.w(q)
            if word in self.v.ORG_NOUNS or word in self.v.SUBSIDIARY_NOUNS or investors and word in self.v.INVESTOR_NOUNS:
                return True  # (and for a one-word name "X, the critical-minerals investor")
            if word in self.v.PREPOSITIONS and not (word == "of" and self.w(q - 1) == "one") or word in (",", ";", "."):
                return False
        return False

    def _past_role(self, k: int) -> int:
        """Where the name stands after a described role at ``k``: "the state agency B", "the Japanese trader B" (a
        determiner, at most two lower-case modifiers, an organisation's or a body's noun); ``k`` when none is there."""
        if self.w(k) not in ("the", "a", "an", "its"):
            return k
        for q in range(k + 1, min(self.s.end, k + 4)):
            if self.w(q) in self.v.ORG_ROLES or self.w(q) in self.v.BODY_NOUNS:
                return q + 1
            if self.w(q) in self.v.STOP or not (self.doc[q].is_lower and self.doc[q].is_alpha or getattr(self.at(q), "demonym", False)):
                return k
        return k

    def _role_predicate(self, k: int) -> bool:
        """The predicate from ``k`` after "is" names a firm's role: a determiner or a name's possessive, at most three
        lower-case modifiers, then an ORG_ROLES noun ("a strategic shareholder", "Rainbow's largest shareholder", "the
        plant's main customer"); not "is a partner at" nor "is chief executive of" (no role noun)."""
        q = k
        if self.w(q) in ("a", "an", "the", "its"):
            q += 1
        elif (x := self.at(q)) is not None and self.w(x.end) in POSSESSIVE_MARKS:
            q = x.end + 1
        else:
            return False
        for r in range(q, min(self.s.end, q + 4)):
            if self.w(r) in self.v.ORG_ROLES or self.w(r) in self.v.INVESTOR_NOUNS:
                return self.w(r + 1) not in ("at", "to")
            if self.w(r) in self.v.STOP or not (self.doc[r].is_lower and (self.doc[r].is_alpha or self.w(r) == "-")):
                return False
        return False

    def _possessive(self, m, k: int) -> str | None:
        """The possessive in the phrase of a verb at ``k`` whose subject is ``m``: "its" or "their" says a thing ("X
        withdrew its offer", "X suspended part of its output", "that X fits in its cars"), "his" or "her" a person ("X
        sold her stake"). The verb is a lower-case word; at most three more stand before the possessive."""
        before = self.w(m.start - 1)
        if k >= self.s.end or before in self.v.PREPOSITIONS or before in ("the", *POSSESSIVE_MARKS) or not self.doc[k].is_lower \
                or self.w(k) in self.v.STOP:
            return None
        for q in range(k + 1, min(self.s.end, k + 5)):
            if self.w(q) in ("its", "their", "his", "her"):  # (not "Adamas raised its price forecast": a source's figures)
                return None if any(self.w(r) in self.v.ESTIMATE_NOUNS for r in range(q + 1, min(self.s.end, q + 5))) else self.w(q)
            if not (self.doc[q].is_lower and self.doc[q].is_alpha):
                return None
        return None

    def _possessive_appositives(self) -> None:
        """ "X, Y's unit, ...", "for cells made by Ultium Cells, GM's joint venture with B": a name in apposition with a
        possessive and an organisation's noun is an organisation, and so is its possessor (before the relation rules,
        so that they read both as firms)."""
        for m in self.ms:
            y = self.at(m.end + 1) if self.w(m.end) == "," else None
            if y is None or self.w(y.end) not in POSSESSIVE_MARKS or not self._org_appositive(y.end + 1):
                continue
            for x in (m, y):
                e = self.st.ent(x)
                if e is not None and e.label in ORG_LABELS and not x.anaphora:
                    e.confirmed = True

    def _org_verbs(self) -> None:
        """A name used as the subject of "makes", "signed", "said"... is an organisation."""
        for m in self.ms:
            e = self.st.ent(m)
            if e is None or e.confirmed or e.label not in ORG_LABELS or m.anaphora:
                continue  # ("our own words" in a preface confirms nothing: the name itself must be used as a firm)
            k = m.end
            while self.w(k) in ("and", ",") and self.org(nxt := self.at(self._past_role(k + 1))):
                k = nxt.end  # "A and B will expand ...", "A and the state agency B have invested": both are subjects
            while k < self.s.end and self.w(k) in ("has", "have", "had", "also", "now", "then", "is", "was", "will", "would", "can", "already", "still"):
                k += 1
            if self.w(k) == "," and self.w(k + 1) in ("which", "who"):
                k += 2  # "X, which owns the Kvanefjeld project, said"
            possessive = self._possessive(m, k)
            if possessive in ("his", "her"):
                continue  # "X sold her stake": a person
            if self.w(k) in self.v.ORG_VERBS and self.w(k) not in ("has", "is", "was", "will", "would", "can", "had"):
                e.confirmed = True
            elif possessive is not None:
                e.confirmed = True  # "Albemarle withdrew its offer", "A and B received quotas of their own"
            elif self.w(m.start - 1) in self.v.ORG_NOUNS and self._described(m.start - 1):
                e.confirmed = True  # "the miner X", "the Australian miner X", "the state miner X", "its subsidiary X"
            elif self.w(m.start - 1) == "," and self.w(m.start - 2) in self.v.ORG_ROLES and self._described(m.start - 2):
                e.confirmed = True  # "by buying its owner, X", "the group's parent, X": a firm's role, then its name
            elif self.w(m.end) == "," and self.w(m.end + 1) in ("the", "a", "an", "one") and self._org_appositive(m.end + 1, m.end - m.start == 1):
                e.confirmed = True
            elif self.w(k - 1) in ("is", "was") and m.end - m.start == 1 and self._role_predicate(k):
                e.confirmed = True  # "X is a strategic shareholder", "X is Rainbow's largest shareholder"
        pending = [e for e in map(self.st.ent, self.ms) if e is not None and not e.confirmed and e.label in ORG_LABELS]
        for m in self.ms if pending else ():  # "battery makers A, B and C": names listed with an organisation are organisations
            e = self.st.ent(m)
            if e is not None and e.label in ORG_LABELS and (self.w(m.end) in (",", "and", "&") or self.w(m.start - 1) in (",", "and", "&")) \
                    and (e.confirmed or e.key in self.st.used) and not m.anaphora:
                for x in self.conjuncts(m, self.org):
                    self.st.ent(x).confirmed = True
            nxt = self.at(m.end + 2) if e is not None and e.label in ORG_LABELS and self.w(m.end) == "and" and self.w(m.end + 1) == self.w(m.start - 1) \
                and self.w(m.start - 1) in self.v.PREPOSITIONS else None
            if nxt is not None and self.org(nxt) and (e.confirmed or e.key in self.st.used):
                self.st.ent(nxt).confirmed = True  # "supplies anode material to Panasonic and to Samsung SDI"

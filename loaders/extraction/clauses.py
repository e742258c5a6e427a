"""Clauses and hedges, for the shared grammar layer (``grammar.Grammar`` inherits them): where a clause begins, whether
a negation, hedge, condition or undecided plan covers a relation, and whether two mentions stand in different clauses.
Kept apart from grammar.py so that each stays a readable size; the words are data (``patterns/triggers.yaml``: HEDGES,
NEGATIONS, CONDITIONALS, CONCESSIONS, PLAN_TO_VERBS, UNDECIDED_WORDS, CLAUSE_SUBORDINATORS)."""

from __future__ import annotations

from .model import Mention
from .text import number_sign


class Clauses:
    """Mixin of ``Grammar``: ``self.s`` is the sentence, ``self.v`` the trigger vocabulary, ``self.w`` a word by position."""

    def clause_start(self, lo: int) -> int:
        """Where the clause holding ``lo`` begins: the sentence's start, a semicolon or colon, or a comma before "but",
        "although", "which" and the like."""
        start = lo
        while start > self.s.start and self.doc[start - 1].text not in (";", ":") and not (
            self.doc[start - 1].text == "," and self.w(start) in ("but", "although", "though", "while", "which", "who", "whose", "where")
        ):
            start -= 1
        return start

    def hedged(self, lo: int, hi: int) -> bool:
        """A negation or hedge between the start of the clause holding ``lo`` and ``hi``."""
        start = self.clause_start(lo)
        for k in range(min(hi, self.s.end) - 1, start, -1):  # "has mined no tungsten since 2015 and imports it from China": the negation
            if self.w(k) == "and" and self._finite_verb(k + 1):  # is the first predicate's, not the second's
                if all(w not in self.v.HEDGES or w in self.v.NEGATIONS for w in self.s.lowers[start:k]):
                    start = k + 1
                break
        contrast = next((k for k in range(lo - 1, start, -1) if self.w(k) == "but"), None)
        if contrast is not None and any(w in self.v.NEGATIONS for w in self.s.lowers[start:contrast]):
            start = contrast + 1  # "built not in Orissa but at Visakhapatnam in Andhra Pradesh": the negation is the first part's
        inserted = self._insertions(start, lo)
        if any(self.hedge_at(k, self.v.HEDGES) for k in range(start, min(hi + 1, self.s.end)) if k not in inserted):
            return True
        words = [self.w(i) for i in range(start, min(hi + 1, self.s.end)) if i not in inserted]
        pairs = set(zip(words, words[1:]))
        return any(tuple(p) in pairs for p in self.v.NEGATED_PHRASES) or self._conditional_after(hi) or self._undecided_after(start, hi)

    def _insertions(self, start: int, lo: int) -> range | frozenset[int]:
        """The relative clause set off by commas between ``start`` and ``lo`` ("The mine, which is owned by funds and is not
        listed, produces M"): its negation or hedge is its own, not the main verb's at ``lo``. Empty when none is closed
        before ``lo``."""
        for k in range(max(self.s.start, start - 1), lo):  # (the clause holding ``lo`` may start at the "which")
            if self.w(k) == "," and self.w(k + 1) in ("which", "who", "whose"):
                close = next((q for q in range(k + 2, lo) if self.w(q) == ","), None)
                return range(k, close + 1) if close is not None else frozenset()
        return frozenset()

    def hedge_at(self, k: int, hedges: frozenset[str]) -> bool:
        """Word ``k`` is one of ``hedges`` as a hedge: "May" the month and the "No." of "Announcement No. 18" are none."""
        w = self.w(k)
        return w in hedges and not (w == "may" and self.doc[k].text == "May") and not number_sign(self.doc, k)

    def _conditional_after(self, hi: int) -> bool:
        """A condition the clause sets after the relation: "A will supply M to B if the plant is approved" (CONDITIONALS;
        not "even if", a concession, nor past a clause's end)."""
        for k in self.triggers(self.v.CONDITIONALS):
            if k >= hi and self.w(k - 1) not in ("even", "as") and not any(
                    self.w(q) in (";", ":") or self.w(q) == "," and self.w(q + 1) not in self.v.CONDITIONALS for q in range(hi, k)):
                return True
        return False

    def across_clauses(self, a: Mention, b: Mention) -> bool:
        """Whether ``a`` and ``b`` stand in different clauses: a subordinator between them ("..., after X banned exports
        of M"), or the comma that closes a fronted subordinate clause ("Since X banned exports of M in 2020, firms built
        plants that ..."; a comma before an element or material continues a list) (CLAUSE_SUBORDINATORS)."""
        lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
        if any(self.w(k) in self.v.CLAUSE_SUBORDINATORS for k in range(lo, hi)):
            return True
        if self.w(self.s.start) not in self.v.CLAUSE_SUBORDINATORS:
            return False
        items = {m.start for m in self.ms if self.st.label(m) in ("Element", "Material")}
        for k in range(self.s.start + 1, self.s.end):
            if self.w(k) == "," and k + 1 not in items and self.w(k + 1) not in ("and", "or"):
                return lo <= k < hi
        return False

    def relative_predicate(self, i: int) -> bool:
        """Whether the verb at ``i`` is the predicate of a relative clause whose pronoun is its subject: "its refineries
        in Zhejiang, which make M", "M0, which is used to make M", "cathode makers, which combine it with ... to make M".
        Such a verb's subject is what the clause is about (``relative_head``), never the main clause's subject nor a
        party named before the clause; "which A produces" (a named subject between) and "whose subsidiary B mines"
        are not such clauses."""
        for k in range(i - 1, max(self.s.start, i - 12) - 1, -1):
            word = self.w(k)
            m = self.at_or_in(k)
            if word in (";", ":") or word == "," and self.w(k + 1) not in ("which", "and", "or") and not (
                    (nxt := self.at(k + 1)) is not None and self.st.label(nxt) in ("Material", "Element")):
                return False  # (a list's commas, "with nickel, cobalt and manganese precursors", stay in the clause)
            if m is not None and (m.anaphora or self.flow_end(m)):
                return False  # ("which it buys", "which A and B produce": the clause names its own subject)
            if word in ("which", "who") and self.w(k - 1) == ",":
                return not self._seated_before(k - 1)
        return False

    def another_predicate(self, lo: int, hi: int, about=None) -> bool:
        """Whether what stands at ``hi`` belongs to another predicate than what stands at ``lo``: a semicolon or colon
        between, a main clause coordinated with its own subject (", and its group includes ..."), or a relative clause
        about a noun between ("solid oxide fuel cells, which provide back-up power": the back-up power is the cells', not
        what is used in them; ``about`` says which nouns such a clause may be about, any mention when None). A relative
        clause about the whole sentence ("..., which is why they are favoured in missiles") is no other predicate."""
        for k in range(lo, hi):
            word = self.w(k)
            if word in (";", ":") or word == "," and self.w(k + 1) == "and" and self.w(k + 2) in ("it", "its", "they", "their"):
                return True
            if word == "," and self.w(k + 1) in ("which", "who", "that"):
                head = self.at_end(k)
                if head is not None and (about is None or about(head)):
                    return True
        return False

    def _seated_before(self, comma: int) -> bool:
        """Whether the phrase that ends at ``comma`` is a seat set off after a name ("A, based in P in Q, which mines
        M"): the relative clause is then the name's."""
        for k in range(comma - 1, max(self.s.start, comma - 10) - 1, -1):
            if self.w(k) == ",":
                return self.w(k + 1) in ("based", "headquartered", "located")
        return False

    def _undecided_after(self, start: int, hi: int) -> bool:
        """A concession after a planned relation that says the plan is not decided: "A plans to separate oxides at a
        plant in Texas, though a final investment decision has not been made", "a plant at P would produce M, but no
        final investment decision has been taken" (a PLAN_TO_VERBS word and "to", or "would", in the clause, then ", though/although/but" opening a clause with a negation and a word of deciding, approving, signing
        or financing: CONCESSIONS, UNDECIDED_WORDS)."""
        if not any(self.w(k) in self.v.PLAN_TO_VERBS and self.w(k + 1) == "to" or self.w(k) == "would" for k in range(start, hi)):
            return False  # ("A plant at P would produce M, but no final investment decision has been taken": as a plan)
        for k in self.triggers(self.v.CONCESSIONS):
            if k < hi or self.w(k - 1) != ",":
                continue
            end = k + 1
            while end < self.s.end and self.w(end) not in (";", ":", ",", "."):
                end += 1
            words = self.s.lowers[k + 1 : end]
            if any(w in self.v.NEGATIONS for w in words) and any(w in self.v.UNDECIDED_WORDS for w in words):
                return True
        return False

    def _finite_verb(self, k: int) -> bool:
        """Whether ``k`` is a finite verb of the vocabulary's trigger sets ("imports", "supplied"), which opens a
        coordinated predicate after "and"."""
        word = self.w(k)
        return word.endswith(("s", "ed")) and word in self.v.PREDICATE_VERBS and self.at_or_in(k) is None

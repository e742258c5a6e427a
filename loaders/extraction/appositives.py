"""Appositives and role phrases, for the shared grammar layer (``grammar.Grammar`` inherits them): the name an
appositive or insertion describes ("A, a subsidiary of B, runs ...", "X, the vehicle owned by ..."), the name before a
bracketed abbreviation, and a party named after its role ("its two shareholders, A and B", "by the commodities group
B"). Kept apart from grammar.py so that each stays a readable size."""

from __future__ import annotations

from .model import Mention, POSSESSIVE_MARKS, POSSESSIVES


class Appositives:
    """Mixin of ``Grammar``: ``self.ms`` are the sentence's mentions, ``self.w`` a word by position, ``self.v`` the
    trigger vocabulary."""

    def described(self, found: Mention, i: int, pred) -> Mention:
        """The name an insertion holding ``found`` describes, when the insertion closes just before the verb at ``i``:
        "A, a subsidiary of the listed B, runs a plant", "A, the B spin-out that holds the licence, has commissioned"
        (A, not B, runs and commissions; the insertion opens with a word of ``INSERTION_OPENERS`` after a name of
        ``pred``); ``found`` otherwise ("A, B and C supply": a list, no insertion)."""
        k = self._before_auxiliaries(i) - 1
        if self.w(k) != "," or found.end > k or self.at_or_in(i) is not None:
            return found  # (before a name, "the Halifax, Nova Scotia-based developer", the comma is a place chain's)
        for q in range(found.start - 1, max(self.s.start, k - 25) - 1, -1):
            word = self.w(q)
            if word in (";", ":", "(", ")") or word == "and" and self.w(q - 1) == ",":
                return found
            if word == ",":
                if self.w(q + 1) not in self.v.INSERTION_OPENERS:
                    return found
                head = self._named_before(q)
                return head if head is not None and pred(head) else found
        return found

    def appositive_head(self, i: int, pred, reach: int = 7) -> Mention | None:
        """The name an appositive holding ``i`` describes: "X, the vehicle owned by ...", "X, a plant operated by ...",
        "X, the company's Malaysian unit" (a comma, a determiner and at most ``reach`` - 2 words before ``i``)."""
        for k in range(i - 1, max(self.s.start, i - reach) - 1, -1):
            word = self.w(k)
            if word == "," and k + 1 < i and (self.w(k + 1) in ("the", "a", "an", "its", "their") or self._possessive_determiner(k + 1)):
                head = self._named_before(k)
                return head if head is not None and pred(head) else None
            named = self.at(k)  # (a name right after the determiner modifies the noun: "the Baogang subsidiary")
            if word in (";", ":", "(", ")") or (named is not None and not named.demonym and pred(named)
                                                 and self.w(k - 1) not in ("the", "a", "an")):
                return None
        return None

    def appositive_subject(self, i: int, pred) -> Mention | None:
        """The name a closed appositive right before the verb at ``i`` describes: "..., where B, the group's battery
        materials company, will turn it into M" (B), "A, a unit of C, makes M" (A); None when no such appositive ends
        before the verb's auxiliaries."""
        k = self._before_auxiliaries(i) - 1
        if self.w(k) != ",":
            return None
        for q in range(k - 2, max(self.s.start, k - 12) - 1, -1):
            if self.w(q) in (";", ":"):
                return None
            if self.w(q) == "," and (self.w(q + 1) in ("the", "a", "an", "its", "their") or self._possessive_determiner(q + 1)):
                head = self._named_before(q)
                return head if head is not None and pred(head) else None
        return None

    def _possessive_determiner(self, k: int) -> bool:
        """A place's possessive opens the appositive at ``k`` as a determiner does: "Polyus, Russia's largest gold miner"."""
        place = self.at(k)
        return place is not None and self.st.label(place) in ("Country", "Place") and self.w(place.end) in POSSESSIVE_MARKS

    def _named_before(self, k: int) -> Mention | None:
        """The name that ends at ``k``, past its bracketed abbreviation ("Indian Rare Earths Limited (IREL), a ...")."""
        if self.w(k - 1) == ")" and self.at_end(k) is None:
            opening = next((j for j in range(k - 2, max(self.s.start, k - 6) - 1, -1) if self.w(j) == "("), None)
            return self.at_end(opening) if opening is not None else None
        return self.at_end(k)

    def role_party(self, k: int, pred, nouns: frozenset[str] | None = None) -> Mention | None:
        """The party a role phrase from ``k`` names before its name: "its two ultimate shareholders, A and B", "its
        shareholders A", "the carmaker's partner, B" (a determiner, up to five lower-case words, hyphens or demonyms and a noun of ``nouns``,
        ``PARTY_ROLES`` by default, then the name: "by the commodities group B" with ``ORG_NOUNS``); None when no such
        phrase stands at ``k``."""
        nouns = self.v.PARTY_ROLES if nouns is None else nouns
        q = k + (self.w(k) in ("its", "their", "the"))
        q = q + 1 if self.w(q) in POSSESSIVES else q
        stop = min(q + 5, self.s.end)
        while q < stop and self.w(q) not in nouns and (self.doc[q].is_lower or self.w(q) == "-" if (m := self.at_or_in(q)) is None
                                                       else m.demonym):  # ("the Canadian specialty-metals company B")
            q += 1
        if q == k or self.w(q) not in nouns:
            return None
        named = self.at(q + 1 + (self.w(q + 1) == ","))
        return named if named is not None and pred(named) else None

"""Names that qualify the name after them, for the shared grammar layer's lists (``grammar.Grammar`` inherits them):
"A and Japan's B", "a joint venture of A and China's B", "owns it equally with Cuba's B". A country or place in the
possessive right before an organisation's name says where that organisation is from; it is no member of the list
(the list's later member was lost, and a supply "to A and Japan's B" went to Japan). So does a role said before a
name ("A and the investment firm B", "the commodity trader A, the rail operator B and C"). Kept apart from grammar.py so
that each stays a readable size."""

from __future__ import annotations

from .model import Mention, POSSESSIVE_MARKS

_QUALIFYING_LABELS = ("Country", "Place")


class Qualifiers:
    """Mixin of ``Grammar``: ``self.ms`` are the sentence's mentions, ``self.st`` the document state."""

    def qualifies_next(self, m: Mention) -> bool:
        """``m`` is a country or place in the possessive right before an organisation's name ("Japan's B")."""
        if self.w(m.end) not in POSSESSIVE_MARKS or self.st.label(m) not in _QUALIFYING_LABELS:
            return False
        following = self.at(m.end + 1)
        return following is not None and self.org(following)

    def qualifier_tokens(self) -> set[int]:
        """The positions of every qualifying possessive in the sentence, its "'s" with it (none in most sentences)."""
        return {k for m in self.ms if self.qualifies_next(m) for k in range(m.start, m.end + 1)}

    def role_tokens(self) -> set[int]:
        """The positions of every role said right before an organisation's name: a determiner, at most two lower-case
        or demonym modifiers, a noun of ``ORG_ROLES`` or ``BODY_NOUNS`` ("the investment firm B", "the Portuguese builder
        B", "the state agency B")."""
        out: set[int] = set()
        if self.wordset.isdisjoint(self.v.ORG_ROLES) and self.wordset.isdisjoint(self.v.BODY_NOUNS):
            return out  # (most sentences: no role noun at all; the lists ask often)
        for m in self.ms:
            if self.w(m.start - 1) not in self.v.ORG_ROLES and self.w(m.start - 1) not in self.v.BODY_NOUNS or not self.org(m):
                continue
            for det in range(m.start - 2, max(self.s.start, m.start - 5) - 1, -1):
                if self.w(det) in ("the", "a", "an"):
                    out.update(range(det, m.start))
                    break
                named = self.at(det)
                if not (self.doc[det].is_lower and self.doc[det].is_alpha and named is None or getattr(named, "demonym", False)) \
                        or self.w(det) in self.v.STOP:
                    break  # (not "the government development agency B": "government" names a body of its own)
        return out

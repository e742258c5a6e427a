"""Names that qualify the name after them, for the shared grammar layer's lists (``grammar.Grammar`` inherits them):
"A and Japan's B", "a joint venture of A and China's B", "owns it equally with Cuba's B". A country or place in the
possessive right before an organisation's name says where that organisation is from; it is no member of the list
(the list's later member was lost, and a supply "to A and Japan's B" went to Japan). Kept apart from grammar.py so
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

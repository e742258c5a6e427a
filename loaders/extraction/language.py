"""Is a document mostly in English? The rules read English only; elsewhere they would guess.

Two signals, cheap and dependency-free: the share of letters outside the
Latin script (Chinese, Japanese, Korean, Cyrillic, Arabic...), and, for
Latin-script text, the share of words that are common English function words
("the", "of", "and"...): about two in five in English prose, a few in a
hundred in German, French or Spanish. A text fails when most of its letters
are not Latin or when almost none of its words are English function words.
"""

from __future__ import annotations

import re
import unicodedata

FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from it was be are this which an or has have its were will "
    "their not but been had also more than said would into after over about they can we our".split()
)
MIN_WORDS = 20
"""Shorter texts (a title, a table of figures) are not judged."""
MAX_FOREIGN_LETTERS = 0.5
MIN_FUNCTION_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def not_english(text: str) -> str | None:
    """Why ``text`` is not mostly English, in words ("78% of its letters are not Latin"), or None when it is."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    foreign = sum(1 for c in letters if not _latin(c)) / len(letters)
    if foreign > MAX_FOREIGN_LETTERS:
        return f"{foreign:.0%} of its letters are not in the Latin script"
    words = [w.lower() for w in _WORD.findall(text) if _latin(w[0])]
    if len(words) < MIN_WORDS:
        return None
    share = sum(1 for w in words if w in FUNCTION_WORDS) / len(words)
    if share < MIN_FUNCTION_SHARE:
        return f"only {share:.0%} of its words are common English words"
    return None


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")

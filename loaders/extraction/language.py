"""Is a document mostly in English? The rules read English only; elsewhere they would guess.

Two signals, cheap and dependency-free: the share of letters outside the
Latin script (Chinese, Japanese, Korean, Cyrillic, Arabic...), and, for
Latin-script text, which function words it uses: English ones ("the", "of",
"and") or those of German, French, Spanish, Italian, Dutch or Portuguese
("der", "und", "les", "el", "che"...). A text fails when most of its letters
are not Latin or when its function words are mostly another language's (a
terse English list of names, with few function words at all, passes).
"""

from __future__ import annotations

import re
import unicodedata

FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from it was be are this which an or has have its were will "
    "their not but been had also more than said would into after over about they can we our".split()
)
OTHER_FUNCTION_WORDS = frozenset(
    "der die das und ist nicht mit für von den dem des ein eine einen auch sich zu auf wird werden hat "  # German
    "le la les et est des du une un pour dans que qui sur avec par pas sont ses aux "  # French
    "el los las y del por para con una es se su al lo como más "  # Spanish
    "il di che per della delle dei con sono gli nel "  # Italian
    "het een van en zijn voor wordt niet ook "  # Dutch
    "não com uma os das dos pelo pela".split()  # Portuguese
)
MIN_WORDS = 20
"""Shorter texts (a title, a table of figures) are not judged."""
MAX_FOREIGN_LETTERS = 0.5
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def not_english(text: str) -> str | None:
    """Why ``text`` is not mostly English, in words ("78% of its letters are not Latin"), or None when it is."""
    if not text.isascii():  # (plain ASCII, the common case, needs no look at each letter)
        others = [c for c in _NON_ASCII.findall(text) if c.isalpha()]
        letters = len(_ASCII_LETTER.findall(text)) + len(others)
        foreign = sum(1 for c in others if not _latin(c)) / letters if letters else 0.0
        if foreign > MAX_FOREIGN_LETTERS:
            return f"{foreign:.0%} of its letters are not in the Latin script"
    if text.isascii():  # (every word Latin: the words of the text in lower case, without a look at each)
        words = _WORD.findall(text.lower())
    else:
        words = [w.lower() for w in _WORD.findall(text) if w.isascii() or _latin(w[0])]
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for w in words if w in FUNCTION_WORDS)
    other = sum(1 for w in words if w in OTHER_FUNCTION_WORDS)
    if other >= 3 and other > 2 * english:
        return f"{other} of its {english + other} common words are not English"
    return None


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")

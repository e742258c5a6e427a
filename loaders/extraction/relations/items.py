"""A notice's numbered or lettered list of items: "(1) antimony ores and raw materials, including antimony
concentrate; (2) antimony metal and its products; (3) ...", one item a line or wrapped into one paragraph.

Export-control notices, regulations and bans announce what they control with a line ending in a colon ("the
following items may not be exported without a licence:", see :meth:`.policy.Policies._listed`) and then list it,
item by item, each after a marker: "(1)", "(a)", "2)". Each item is a noun phrase: its head ("antimony ores"), the
things a qualifier names after "including", "such as" or "namely" ("including spherical graphite and expanded
graphite"), and words that qualify it ("with a purity of 99.99% or more"). An item with a verb of its own ("(c) ore
that has been crushed", "(1) Holders of licences may sell ...") is a clause, not an item. The markers and the words
that make a clause are data here, not rules for one notice.
"""

from __future__ import annotations

from typing import Any

from ..model import Mention, Sentence

CLAUSE_WORDS = frozenset("shall will may must can cannot is are was were be been being has have had should would could "
                         "does do did".split())  # fmt: skip
"""Auxiliaries and forms of "be": an item with one is a clause ("(2) From 2020, ore shall be refined in Indonesia")."""

GENERIC_HEADS = frozenset("materials material products product items item nor".split())
"""Words after a material that leave it the item ("synthetic graphite materials and their products"); after a word
that is none of these, no function word (``STOP``) and no qualifier, the material only qualifies a longer name
("boron nitride single crystals": not boron nitride)."""

QUALIFIERS = frozenset(("including", "namely", "containing", "above", "below", "exceeding", "in", "of", "with"))
"""Words that open what qualifies an item ("antimony oxides with a purity of ...", "antimony concentrate in lumps")."""

LEAVE_OUT = frozenset(("except", "excluding", "not", "without"))
"""Words after which an item's materials are left out of it ("except for ...", "not including ...", and "other than")."""


def markers(s: Sentence) -> list[int]:
    """Where the items of ``s`` start, after their markers ("(1)", "(a)", "(iv)", "2)"), when ``s`` opens with one;
    [] when it does not (a sentence, not a list). A marker counts at the start or after a semicolon."""
    out: list[int] = []
    lowers, k, end = s.lowers, s.start, s.end
    while k < end:
        opens = k == s.start or lowers[k - 1] == ";"
        skip = _marker(lowers, k, end) if opens else 0
        if skip:
            out.append(k + skip)
            k += skip
        elif k == s.start:
            return []
        else:
            k += 1
    return out


def _marker(lowers: list[str], k: int, end: int) -> int:
    """The length in tokens of the list marker at ``k`` ("(", "1", ")" or "2", ")"), 0 when there is none."""
    bracket = lowers[k] == "("
    at = k + bracket
    if at + 1 >= end or lowers[at + 1] != ")":
        return 0
    label = lowers[at]
    ok = label.isdigit() and len(label) <= 2 or len(label) == 1 and label.isalpha() or set(label) <= set("ivx") and len(label) <= 4
    return at + 2 - k if ok else 0


def enumerated(st: Any, s: Sentence) -> list[Mention] | None:
    """The elements and materials each item of a numbered list in ``s`` names ([] for items naming none: "(4) diamond
    window materials"), or None when ``s`` is no such list: no marker, or clauses only ("(3) Exporters shall apply for
    a licence"), which end the list."""
    starts = markers(s)
    out: list[Mention] = []
    items = 0
    for a, b in zip(starts, [*starts[1:], s.end]):
        if any(s.lowers[k] in CLAUSE_WORDS for k in range(a, b)):
            continue
        items += 1
        left_out = next((k for k in range(a, b) if s.lowers[k] in LEAVE_OUT or s.lowers[k : k + 2] == ["other", "than"]), b)
        for m in s.mentions:
            if not (a <= m.start and m.end <= left_out) or st.label(m) not in ("Element", "Material"):
                continue
            after = s.lowers[m.end] if m.end < b else ""
            if after[:1].isalpha() and after not in GENERIC_HEADS and after not in st.v.STOP and after not in QUALIFIERS:
                continue
            out.append(m)
    return out if items else None


def notice_policy(st: Any) -> str | None:
    """The policy the document's title names ("Announcement No. 39 of 2023 of the Ministry of Commerce ... on Graphite
    Items"): the notice whose items a list in its body announces, whatever law the notice cites before the list."""
    first = st.sentences[0] if st.sentences else None
    if first is None or not first.heading and first.text[-1:] in ".!?:;":
        return None
    return next((st._key(m) for m in first.mentions if st.label(m) == "Policy"), None)

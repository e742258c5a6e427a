"""A group's short name: the parent's. Where a document names several firms of one group by a shared first word ("AMG
Lithium", "AMG Vanadium" and "AMG Critical Materials"), the shared word alone ("AMG, which is listed on Euronext
Amsterdam, also produces vanadium") stands for the group, the firm the text calls the others' parent ("AMG Lithium
GmbH, a wholly owned subsidiary of AMG Critical Materials N.V."), not the shortest of the names (``NameIndex``'s
choice when the text says nothing of the kind).
"""

from __future__ import annotations

from .. import lexicon
from ..gazetteer import normalise
from .model import Sentence


def name_core(name: str) -> str:
    """A firm's name, normalised, without the legal forms that end it ("AMG Critical Materials N.V" -> "amg critical
    materials", "POSCO Holdings" -> "posco")."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in lexicon.LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def group_parents(sentences: list[Sentence], subsidiary_nouns: frozenset[str] | set[str]) -> dict[str, str]:
    """The shared first words of a subsidiary's and its parent's names, each with the parent's name (normalised, without
    its legal form), from "A, a (wholly owned) subsidiary of B" / "A, a unit of B" where A and B begin alike."""
    parents: dict[str, str] = {}
    for s in sentences:
        ms = s.mentions
        for a, b in zip(ms, ms[1:]):
            k = a.end
            if s.lower(k) != "," or s.lower(k + 1) not in ("a", "an", "the"):
                continue
            k += 2
            while k < b.start - 2 and k - a.end <= 5 and s.lower(k).replace("-", "").isalpha() \
                    and s.lower(k) not in subsidiary_nouns:
                k += 1  # ("a wholly owned", "a Brazilian")
            if s.lower(k) not in subsidiary_nouns or s.lower(k + 1) != "of" or b.start != k + 2:
                continue
            child, parent = name_core(a.text).split(), name_core(b.text).split()
            shared = 0  # (the words both begin with, short of the subsidiary's whole name)
            while shared < min(len(child) - 1, len(parent)) and child[shared] == parent[shared]:
                shared += 1
            for n in range(1, shared + 1):
                parents.setdefault(" ".join(parent[:n]), " ".join(parent))
    return parents

"""Candidate pairs and their features: what the learned relation component reads, the same at training and at run time.

A candidate is two mentions of different kept entities in one sentence (text
order: ``first`` stands before ``second``), at most :data:`MAX_GAP` tokens
apart. Its features are strings: the two labels, the words between them
(crudely stemmed, so "supplies", "supplied" and "supply" are one feature),
the words around them, distance, the mentions and punctuation between,
list and apposition cues, hedges and negation in the sentence, anaphora,
and the rules' own verdicts on the pair. A class is a relation type with a
direction relative to text order: ``SUPPLIES>`` (first supplies second),
``SUPPLIES<`` (second supplies first), ``COOPERATES_WITH=`` (no direction).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from ..model import ORG_LABELS, Mention, Sentence, allowed

MAX_GAP = 25
"""Tokens between two mentions beyond which a pair is no candidate (a relation is stated within a clause or two)."""

MAX_BETWEEN = 8
"""Words between a pair read one by one; in a longer gap, only the first and last few."""

NEGATIONS = frozenset(("not", "no", "never", "denied", "denies", "without", "neither", "nor", "n't"))

LIST_WORDS = frozenset((",", "and", "or", "as", "well", "&"))

SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A crude stem: "supplies", "supplied", "supplying" -> "supply"; "produces", "produced", "produce" -> "produc"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


GENERIC_SETS = frozenset(("STOP", "WEEKDAYS", "PREPOSITIONS", "CLAUSE_VERBS", "SUBJECT_LINKS", "CREDIT_LABELS", "MODIFIER_HEADS"))
"""Word sets of the vocabulary that name no relation (every other set a word belongs to is a feature of it)."""

_TRIGGERS: "weakref.WeakKeyDictionary[Any, dict[str, tuple[str, ...]]]" = weakref.WeakKeyDictionary()


def triggers(vocabulary: Any) -> dict[str, tuple[str, ...]]:
    """Word -> the names of the trigger sets (``SUPPLY_VERBS``...) that hold it: the rules' vocabulary as features,
    so that a phrasing the gold never showed with "furnishes" still reads as a supply verb."""
    index = _TRIGGERS.get(vocabulary)
    if index is None:
        names: dict[str, list[str]] = {}
        for name in sorted(vocabulary._words.keys() | vocabulary._includes.keys()):
            sets = getattr(vocabulary, name, None)
            if name in GENERIC_SETS or not isinstance(sets, frozenset):
                continue
            for word in sets:
                names.setdefault(word, []).append(name)
        index = _TRIGGERS[vocabulary] = {w: tuple(n) for w, n in names.items()}
    return index


def coarse(label: str) -> str:
    return "Org" if label in ORG_LABELS else label


@dataclass
class Candidate:
    """Two mentions of kept entities in one sentence (``a`` first in the text) and the features of the pair."""

    a: str  # entity key of the first mention
    b: str  # entity key of the second
    sentence: Sentence
    features: list[str]
    ruled: bool = False  # the rules related the pair (either way, any type, in any sentence)


def candidates(st: Any, keep: dict[str, Any], unruled_only: bool = False) -> list[Candidate]:
    """Every candidate pair of the document's sentences (``st``: its :class:`~..state.DocState` after the rules;
    ``keep``: the entities it keeps, by key). Titles and table rows are left to the rules. ``unruled_only``: only
    pairs the rules related in no way (at run time: the component adds nothing to the others)."""
    verdicts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    roles: dict[tuple[str, str], set[str]] = {}  # (sentence, entity) -> the rules' relations it takes part in there
    for r in st.relations.values():
        verdicts.setdefault((r.source, r.target), []).append((r.type, r.evidence))
        roles.setdefault((r.evidence, r.source), set()).add(f"{r.type}>")
        roles.setdefault((r.evidence, r.target), set()).add(f"{r.type}<")
    index = triggers(st.v)
    hedges = st.v.HEDGES | NEGATIONS
    out: list[Candidate] = []
    for s in st.sentences:
        if s.heading or len(s.mentions) < 2:
            continue
        ms = [(m, st.resolve_key(m.key)) for m in s.mentions if m.key]
        ms = [(m, k) for m, k in ms if k in keep]
        if len(ms) < 2:
            continue
        read = None
        for i, (m1, k1) in enumerate(ms):
            for m2, k2 in ms[i + 1 :]:
                if k1 == k2 or m2.start < m1.end:
                    continue
                if m2.start - m1.end > MAX_GAP:
                    break
                said = [(t, e, ">") for t, e in verdicts.get((k1, k2), ())] + [(t, e, "<") for t, e in verdicts.get((k2, k1), ())]
                if said and unruled_only:
                    continue
                if read is None:
                    read = _Read(s, index, hedges)
                feats = read.pair(m1, m2, keep[k1].label, keep[k2].label, [coarse(keep[k].label) for m, k in ms
                                                                            if m1.end <= m.start and m.end <= m2.start])
                feats.extend(f"taken1:{role}" for role in sorted(roles.get((read.text, k1), ())))
                feats.extend(f"taken2:{role}" for role in sorted(roles.get((read.text, k2), ())))
                for type_, evidence, arrow in said:
                    feats.append(f"rule:{type_}{arrow}")
                    if evidence == read.text:
                        feats.append(f"rule-here:{type_}{arrow}")
                out.append(Candidate(k1, k2, s, feats, bool(said)))
    return out


def judged(st: Any, keep: dict[str, Any], found: list[Candidate]) -> list[tuple[Any, list[str]]]:
    """The rules' own relations that reach the output (both ends kept, the type allowed between their labels), each
    with the features the precision filter reads: its type, confidence and labels; where its evidence sentence holds
    both ends as a candidate pair (``found``: :func:`candidates`, not only the unruled ones), that pair's features,
    alone and joined to the type ("SUPPLIES|b:supply"); else that it was read across sentences or in a table; how
    crowded its sentence is with the rules' relations. Keys are those of ``st.relations``."""
    pairs = {(c.a, c.b, c.sentence.text): c for c in found}
    in_sentence: dict[str, int] = {}
    for r in st.relations.values():
        in_sentence[r.evidence] = in_sentence.get(r.evidence, 0) + 1
    out: list[tuple[Any, list[str]]] = []
    for key, r in st.relations.items():
        a, b = keep.get(r.source), keep.get(r.target)
        if a is None or b is None or not allowed(r.type, a.label, b.label):
            continue
        t = r.type
        f = [f"type:{t}", f"conf:{t}:{round(r.confidence, 2)}", f"lpair:{t}:{a.label}>{b.label}",
             f"crowd:{t}:{min(in_sentence[r.evidence], 6)}"]  # fmt: skip
        f.extend(f"prop:{t}:{name}" for name in sorted(r.props))
        c, arrow = pairs.get((r.source, r.target, r.evidence)), ">"
        if c is None:
            c, arrow = pairs.get((r.target, r.source, r.evidence)), "<"
        if c is None:
            f.append(f"away:{t}")
        else:
            f.append(f"order:{t}{arrow}")
            own = (f"rule:{t}{arrow}", f"rule-here:{t}{arrow}")
            for x in c.features:
                if x not in own:
                    f.extend((x, f"{t}|{x}"))
        out.append((key, f))
    return out


class _Read:
    """One sentence read once for all its pairs: stems, trigger sets and hedges by token."""

    def __init__(self, s: Sentence, index: dict[str, tuple[str, ...]], hedges: frozenset[str]) -> None:
        self.s, self.text = s, s.text
        self.words = s.lowers
        self.stems = {i: _stem(s.lowers[i]) for i in range(s.start, s.end)}
        self.index = index
        self.hedged = any(w in hedges for w in s.lowers[s.start : s.end])

    def pair(self, m1: Mention, m2: Mention, l1: str, l2: str, inside: list[str]) -> list[str]:
        """The features of one pair (``m1`` before ``m2``; ``inside``: the coarse labels of the mentions between),
        without the rules' verdicts."""
        s, words, stems = self.s, self.words, self.stems
        c1, c2 = coarse(l1), coarse(l2)
        cpair = f"{c1}>{c2}"
        between = words[m1.end : m2.start]
        gap = len(between)
        f = [f"pair:{l1}>{l2}", f"cpair:{cpair}", f"l1:{l1}", f"l2:{l2}", f"gap:{gap if gap < 10 else gap // 5 * 5}",
             f"nbetween:{min(len(inside), 3)}"]  # fmt: skip
        f.extend(f"lbetween:{label}" for label in set(inside))
        if gap:
            read = range(m1.end, m2.start) if gap <= MAX_BETWEEN else [*range(m1.end, m1.end + 4), *range(m2.start - 4, m2.start)]
            if gap > MAX_BETWEEN:
                f.append("long")
            for k in read:
                f.append(f"b:{stems[k]}")
                f.append(f"bp:{cpair}:{stems[k]}")
            first, last = stems[m1.end], stems[m2.start - 1]
            f.extend((f"bf:{first}", f"bl:{last}", f"bfl:{first}:{last}"))
            for name in {n for w in between for n in self.index.get(w, ())}:
                f.append(f"t:{name}")
                f.append(f"tp:{cpair}:{name}")
            if all(w in LIST_WORDS for w in between):
                f.extend(("list", f"list:{cpair}"))
            if between[0] == "," and gap > 1 and between[1] in APPOSITION:
                f.append(f"appos:{between[1]}")
            f.extend(f"punct:{p}" for p in PUNCT if p in between)
            if between.count(",") >= 2:
                f.append("commas")
        else:
            f.extend(("adjacent", f"adjacent:{cpair}"))
        f.extend(f"left:{stems[k]}" for k in range(max(s.start, m1.start - 3), m1.start))
        f.extend(f"right:{stems[k]}" for k in range(m2.end, min(s.end, m2.end + 3)))
        if m1.start > s.start:
            f.append(f"left1:{stems[m1.start - 1]}")
        if m2.end < s.end:
            f.extend((f"right1:{stems[m2.end]}", f"right1p:{cpair}:{stems[m2.end]}"))
        if m1.start - s.start <= 1:
            f.append("first-in-sentence")
        if self.hedged:
            f.append("hedged")
        if m1.anaphora:
            f.append("anaphora1")
        if m2.anaphora:
            f.append("anaphora2")
        return f


APPOSITION = frozenset(("a", "an", "the", "its", "which", "who", "whose", "one"))
PUNCT = ("(", ")", ";", ":", "–", "—", "-")
_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    out = _STEMS.get(word)
    if out is None:
        out = stem(word)
        if len(_STEMS) < 100_000:  # (a bound on the memo for a long-running process)
            _STEMS[word] = out
    return out

"""The shared grammar layer every relation family uses: the tokens and mentions of one sentence, what stands
left and right of a trigger, coordination ("A, B and C"), subjects, possessives, hedges and negation,
percentages and object lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .clauses import Clauses
from .model import Mention, Sentence, POSSESSIVE_MARKS, POSSESSIVES
from .appositives import Appositives
from .qualifiers import Qualifiers

PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)%?$")
_SITE_ENDS = frozenset((";", ":", "which", "that", "where", "while", "but", "whereas", "from", "has", "have", "had"))
"""Words that end the reach of :meth:`Grammar.sites_after`: a clause, a source or another predicate begins."""
_SITE_DETERMINERS = frozenset(("its", "their", "the", "company", *POSSESSIVES))
_CONTAINERS = frozenset((frozenset, set, tuple, list, dict))
BE_FORMS = frozenset(("is", "are", "was", "were", "be", "been", "being"))
"""What :meth:`Grammar.triggers` may test without iterating it twice (not an iterator)."""


class Grammar(Clauses, Qualifiers, Appositives):
    """One sentence's tokens and mentions, and the grammar every relation family reads them with."""

    def __init__(self, st: Any, s: Sentence) -> None:
        """``st``: the document's :class:`~.state.DocState` (what the sentences before found)."""
        self.st, self.s, self.doc, self.v = st, s, s.doc, st.v
        self.words = s.lowers[s.start : s.end]
        self.positions: dict[str, list[int]] = {}
        for k, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(s.start + k)
        self.wordset = frozenset(self.positions)  # (a set tests another set faster than the dict's keys do: see triggers)
        self.ms = s.mentions
        self.subject = self._subject()

    def element_lists(self) -> None:
        """ "lanthanum, cerium and NdPr oxides", "samarium and gadolinium metals": elements listed before a plural head
        word are each that form of the element (a material the vocabulary knows), not the elements themselves."""
        elements = [m for m in self.ms if self.st.label(m) == "Element"]
        done: set[int] = set()
        for m in elements:
            if m.start in done:
                continue
            group = self.conjuncts(m, lambda x: self.st.label(x) in ("Element", "Material"))
            if group[-1].end < self.s.end and self.w(group[-1].end) == "and" and self.st.label(group[-1]) == "Element":
                group = self._forward_elements(group[-1])  # "NdPr oxide and dysprosium and terbium oxides": the last list
            done.update(x.start for x in group)
            last = group[-1]
            head = self.w(last.end) if self.st.label(last) == "Element" else self.st.ent(last).name.lower().split()[-1]
            plural = self.w(last.end) if self.st.label(last) == "Element" else self.w(last.end - 1)
            if len(group) < 2 or not plural.endswith("s"):
                continue  # ("vanadium, tantalum, antimony and chrome metal": the elements, and chrome metal)
            for x in group:
                if self.st.label(x) != "Element":
                    continue
                form = self.st.x.gazetteer.lookup(f"{self.st.ent(x).name.lower()} {head.rstrip('s')}")
                if form is not None and form.label == "Material":
                    self.st.ent(x).mentions -= 1
                    key = self.st._known(form)
                    e = self.st.entities[key]
                    e.mentions, e.demonym_only, e.sentence = e.mentions + 1, False, e.sentence or self.s.text
                    self.ms[self.ms.index(x)] = Mention(x.start, x.end, key, x.text)

    def _forward_elements(self, m: Mention) -> list[Mention]:
        """The elements (and a last form) listed from ``m`` on ("dysprosium and terbium oxides" of "NdPr oxide and
        dysprosium and terbium oxides"): each joined by a comma or "and" to the one before, up to the first "and"."""
        group, k = [m], self.ms.index(m)
        while k + 1 < len(self.ms) and self.st.label(self.ms[k + 1]) in ("Element", "Material"):
            gap = [self.w(q) for q in range(self.ms[k].end, self.ms[k + 1].start)]
            if gap not in ([","], ["and"], [",", "and"]):
                break
            group.append(self.ms[k + 1])
            k += 1
            if "and" in gap:
                break
        return group

    def w(self, i: int) -> str:
        s = self.s  # (Sentence.lower, inlined: the rules read words by position hundreds of thousands of times)
        return s.lowers[i] if s.start <= i < s.end else ""

    def left(self, i: int, pred, limit: int = 20, stop=()) -> Mention | None:
        """The mention of ``pred`` nearest before ``i`` within ``limit`` words (none past a word of ``stop``); with none,
        the one before an insertion that ends just before ``i`` ("A, one of the largest producers, has acquired B")."""
        best = None
        for m in self.ms:
            if m.end <= i and i - m.end <= limit and pred(m):
                if any(self.w(k) in stop for k in range(m.end, i)):
                    continue
                best = m
        if best is None and "," not in stop:
            opening = self._insertion_start(i, pred)
            if opening is not None:
                best = self.at_end(opening)
        elif best is not None and "," not in stop:
            best = self.described(best, i, pred)
        return best

    def agent(self, i: int, pred) -> Mention | None:
        """Who does what the verb at ``i`` says: the name right before it ("A imposed", "A has also imposed"), before an
        insertion ("A, the largest producer, has imposed"), the subject of the clause a participle follows ("A acted
        in May, imposing") or the head of the relative clause holding it ("A, which imposed"); None when other words
        stand between ("A decided to impose": what A decided is another matter)."""
        named = self.at_end(self._before_auxiliaries(i))
        if named is not None and pred(named):
            return self.described(named, i, pred)
        if self.w(i - 1) == "," and self.w(i).endswith("ing"):  # "China acted in May, imposing ...": the clause's subject
            opening = self.ms[0] if self.ms and self.ms[0].start <= self.s.start + (self.w(self.s.start) == "the") else None
            subject = self.clause_subject(i) or opening  # (a country opening the sentence is no organisation subject)
            return subject if subject is not None and pred(subject) else None
        opening = self._insertion_start(i, pred)
        return self.at_end(opening) if opening is not None else self.relative_head(i, pred)

    def _before_auxiliaries(self, i: int) -> int:
        """Where the auxiliaries and adverbs before the verb at ``i`` begin ("has also", "will", "are jointly")."""
        while i > self.s.start and (self.w(i - 1) in self.v.SUBJECT_LINKS or self.w(i - 1) in ("has", "is", "was")):
            i -= 1
        return i

    def _insertion_start(self, i: int, pred) -> int | None:
        """Where an insertion between a name and ``i`` opens: "A, one of the largest producers, (has) acquired", "A,
        which reported record sales, acquired", "A, based in Perth, Australia, acquired" -- the comma after a name of
        ``pred``, when the insertion names no such party itself (then whose it is cannot be told)."""
        k = self._before_auxiliaries(i) - 1
        if self.w(k) != ",":
            return None
        for q in range(k - 1, max(self.s.start, k - 20) - 1, -1):
            word = self.w(q)
            if word in (";", ":", "(", ")"):
                return None
            if word == ",":
                head = self.at_end(q)
                if head is not None and self.st.label(head) in ("Place", "Country") and not pred(head):
                    continue  # ("based in Perth, Australia,": a place chain inside the insertion)
                return q if head is not None and pred(head) else None
            named = self.at_or_in(q)
            if named is not None and pred(named):
                return None
        return None

    def right(self, i: int, pred, limit: int = 12) -> Mention | None:
        for m in self.ms:
            if m.start >= i and m.start - i <= limit and pred(m):
                return self.head(m, pred)
        return None

    def head(self, m: Mention, pred) -> Mention:
        """For a possessor ("Baogang's United Front Work Department"), the thing possessed when it qualifies."""
        if self.w(m.end) in POSSESSIVES:
            possessed = self.at(m.end + 1)
            if possessed is not None and pred(possessed):
                return possessed
        return m

    def at(self, i: int) -> Mention | None:
        for m in self.ms:
            if m.start == i:
                return m
        return None

    def at_end(self, end: int) -> Mention | None:
        for m in self.ms:
            if m.end == end:
                return m
        return None

    def at_or_in(self, i: int) -> Mention | None:
        for m in self.ms:
            if m.start <= i < m.end:
                return m
        return None

    def coordinated(self, first: Mention, pred) -> list[Mention]:
        """``first`` and the mentions joined to it by commas and "and"/"or" ("A, B and C"), but not a second clause's
        subject (", and C plans")."""
        out = [first]
        idx = self.ms.index(first)
        lead = self._lead_preposition(first)
        qualifiers = self.qualifier_tokens() | self.role_tokens()  # ("A and Japan's B": Japan describes B; "A, the Portuguese
        # builder B": a role)
        for m in self.ms[idx + 1 :]:
            if m.end <= out[-1].end or self._bracketed(m) or m.start in qualifiers:
                continue  # ("A (AA) and B (BB)": the abbreviations repeat A and B)
            gap = [self.w(k) for k in range(out[-1].end, m.start) if not self._in_brackets(k) and k not in qualifiers]
            if m.demonym and gap[-1:] in (["the"], ["a"], ["an"]):
                break  # "with Brennmotor, the German carmaker": an appositive says what the party is, it names no other
            joined = any(g in (",", "and", "or", "&", "/", "-") for g in gap)  # ("M1 for the M2" is no list: a use)
            gap = [g for g in gap if g not in ("the", "its", "their", "in", "for", "of", lead)]  # ("to A and to B")
            if len(out) == 1 and gap[:2] == [",", "and"] and (self.w(m.end) in self.v.CLAUSE_VERBS or self._finite_verb(m.end)):
                break  # "signed an agreement with B, and C plans to ...": ", and" opens a new clause, not a pair
            if gap and all(g in (",", "and", "or", "as", "well", "also", "&", "/", "-") for g in gap) and pred(m):
                out.append(m)
            elif not gap and pred(m) and (joined or not any(g in self.v.PREPOSITIONS for g in self.words[out[-1].end - self.s.start : m.start - self.s.start])):
                out.append(m)
            else:
                break
        return out

    def coordinated_before(self, last: Mention, pred) -> list[Mention]:
        """``last`` and the mentions joined to it from the left by commas and "and" ("A, B and the C issued")."""
        out = [last]
        for m in reversed(self.ms[: self.ms.index(last)]):
            if self._bracketed(m):
                continue  # ("A (AA) and B (BB) have revised": the abbreviations repeat A and B)
            gap = [self.w(k) for k in range(m.end, out[0].start) if not self._in_brackets(k)]
            if not gap and self._bracketed(out[0]) and pred(m):
                out[0] = m
                continue
            if gap and gap[0] != "the" and all(g in (",", "and", "the") for g in gap) and pred(m):
                out.insert(0, m)
            elif m.end > out[0].start or self.st_mention_covers(out[0].start - 1) and m.end == out[0].start:
                continue
            else:
                break
        return out

    def passive_by(self, i: int, pred, reach: int = 10) -> tuple[Mention | None, int]:
        """The agent of a passive participle at ``i`` and where "by" stands: "is supplied by X", "magnets
        supplied by X", "is supplied with M by X", "was acquired in 2024 by X". (None, -1) when no "by" phrase
        follows within ``reach`` tokens before a clause boundary or another party."""
        for k in range(i + 1, min(self.s.end, i + reach)):
            word = self.w(k)
            if word == "by":
                return self.right(k + 1, pred, limit=2), k
            if word in (";", ":", "which", "that", "and") or (self.at(k) is not None and pred(self.at(k))):
                break
        return None, -1

    def relative_head(self, i: int, pred) -> Mention | None:
        """What a relative clause holding ``i`` is about: "X, which is supplied by ...", "X, in which B holds ..."."""
        for k in range(i - 1, max(self.s.start, i - 8) - 1, -1):
            if self.w(k) in ("which", "who", "whom", "that"):
                j = k - 1 if self.w(k - 1) in self.v.PREPOSITIONS else k  # "X, in which ..."
                if self.w(j - 1) == "and":  # "X, which A is building ... and which is designed to ...": X's second clause
                    j = next((q for q in range(j - 2, max(self.s.start, j - 25) - 1, -1) if self.w(q) == "which" and self.w(q - 1) == ","), j)
                head = self.at_end(j - 1) if self.w(j - 1) == "," else self.at_end(j)
                if head is None:  # "X, the Y subsidiary that smelts ...": the name the appositive describes (or its place:
                    head = self.appositive_head(j, lambda m: pred(m) or self.st.label(m) in ("Place", "Country"), 14)
                for _ in range(3):  # "the X mine in P1 of P2, the largest mine in the world, which ...")
                    if head is None or pred(head) or self.st.label(head) not in ("Place", "Country"):
                        break
                    head = self._located_head(head)  # "a plant in Belfast that ...", "the plant at P1 in P2, which ...": the plant
                return head if head is not None and pred(head) else None
            if self.w(k) in (";", ":") or self.at(k) is not None or self.w(k) == "and" and self.w(k - 1) == ",":
                break  # (", and converts it": the main clause again)
        return self.appositive_head(i, pred)

    def gapped_object(self, verb: int, pred) -> tuple[Mention, int] | None:
        """The antecedent a relative clause's missing object stands for, and where its "which"/"that" is: "M, which A
        turns into ...", "M, an intermediate that refiners in China turn into ..." (no mention of ``pred`` between)."""
        for k in range(verb - 1, max(self.s.start, verb - 10) - 1, -1):
            m = self.at(k)
            if self.w(k) in (";", ":") or m is not None and pred(m):
                return None
            if self.w(k) in ("which", "that"):
                head = self.at_end(k - 1) if self.w(k - 1) == "," else self.at_end(k)
                head = head or self.appositive_head(k, pred)
                return (head, k) if head is not None and pred(head) else None
        return None

    def _located_head(self, place: Mention) -> Mention | None:
        """What a place phrase locates: "the plant in Fort Worth, Texas" -> the plant ("P1, P2", "the P1 province of P2"
        and "in"/"at"/"near")."""
        k = place.start - 1
        while self.w(k) in (",", "of") and self.st.label(named := self.at_end(k) or (
                self.at_end(k - 1) if self.w(k - 1) in self.v.PLACE_HEADS else None)) in ("Place", "Country"):
            k = named.start - 1  # ("in Fort Worth, Texas"; "in the Lualaba province of Congo": past "province")
            k -= self.w(k) == "the"
        return self.at_end(k) if self.w(k) in ("in", "at", "near") else None

    def start_year(self, i: int) -> str | None:
        """The year the production named at ``i`` starts, when the words before it say it starts ("first production
        of M in 2027", "will begin producing M from 2026"; START_CUES); None otherwise."""
        if not any(self.w(k) in self.v.START_CUES for k in range(max(self.s.start, i - 3), i)):
            return None
        for k in range(i + 1, self.s.end - 1):
            year = k + 1 + (self.w(k + 1) in ("early", "mid", "late", "the"))
            if self.w(k) in ("in", "from", "by") and re.fullmatch(r"(?:19|20)\d\d", self.w(year)):
                return self.w(year)
        return None

    def sites_after(self, i: int, reach: int = 16) -> list[Mention]:
        """Where what the words before ``i`` say is done: the facilities of the first "at F" within ``reach`` words,
        with the sites coordinated to it ("mines M at Tenke and Kisanfu", "recovers M1 and M2 as by-products of zinc
        smelting at its Onsan smelter"); none past a clause's end or another party. Within three words of ``i`` any
        preposition or "its"/"the" may introduce it ("M for its plant"), but not "a": "M at a small plant" names no
        plant of the gold's (set A's convention)."""
        site = self.labelled("Facility")
        for k in range(i, min(self.s.end, i + reach)):
            m = self.at(k)
            if m is not None and site(m):
                before = k - 1  # (past "its", "the", "X's", "the company's")
                while before > k - 5 and (self.w(before) in _SITE_DETERMINERS or self.st_mention_covers(before)):
                    before -= 1
                first = m if k <= i + 3 and self.w(k - 1) in {"its", "their", "the"} | self.v.PREPOSITIONS \
                    or self.w(before) == "at" else None
                return self.coordinated(first, site) if first is not None else []
            if self.w(k) in _SITE_ENDS or self._finite_verb(k) \
                    or m is not None and self.flow_end(m) and self.w(m.end) not in POSSESSIVES:
                return []  # (", and has recovered M from monazite at the mill": another predicate's site; "at X's plant": X owns it)
        return []

    def site_at(self, k: int) -> Mention | None:
        """The facility the noun phrase at ``k`` names: "its refinery", "the Kolari mine", "Pilbara Minerals'
        Pilgangoora Operation"; None when it names none."""
        m = self.at(k) or self.at(k + 1) if self.w(k) in ("its", "their", "the") else self.at(k)
        if m is not None and self.w(m.end) in POSSESSIVES:
            m = self.at(m.end + 1)  # (the possessor names the owner, the thing possessed the site)
        return m if m is not None and self.st.label(m) == "Facility" else None

    def past_place(self, i: int) -> int:
        """Where the place phrase after a facility ("in Alexandria, Louisiana") ends, or ``i`` when none starts there."""
        if self.w(i) not in ("in", "at", "near"):
            return i
        k = i + 1
        while (place := self.at(k)) is not None and self.st.label(place) in ("Place", "Country"):
            k = place.end + 1 if self.w(place.end) == "," and self.st.label(self.at(place.end + 1)) in ("Place", "Country") else place.end
            if k == place.end:
                break
        return k if k > i + 1 else i

    def over_insertion(self, found: Mention | str | None, i: int, party=None) -> Mention | str | None:
        """The sentence's subject when ``found``, the party nearest before the verb at ``i``, stands in an insertion
        between them: "A, headquartered in P, Country, buys", "A, which holds a stake in B, supplies", "A, the B
        subsidiary, supplies" (A, not the country or B), "its plant in P, Country, shipped" (the plant); ``found`` otherwise. ``party``: what the subject may be
        (an organisation by default; a supplier may be a plant: "the X refinery, the only plant in the EU besides
        Y, supplies")."""
        party = party or self.org
        if isinstance(found, Mention) and self.st.label(found) in ("Place", "Country"):
            owner = next((m for m in reversed(self.ms) if m.end <= found.start and party(m)), None)
            if owner is not None and self.past_place(owner.end) >= found.end:
                return owner  # "its plant in Narva, Estonia, shipped": the plant ships, not the country it is in
        rel = next((k for k in range(i - 1, max(self.s.start, i - 25), -1) if self.w(k) in ("which", "who") and self.w(k - 1) == ","), None)
        closed = rel is not None and any(self.w(k) == "," and self.st.label(self.at_end(k)) not in ("Place", "Country")
                                         for k in range(rel, i))  # (", in P1, P2, and supply": commas of a place)
        head = self.at_end(rel - 1) if rel is not None and not closed else None
        if head is not None and party(head):
            return head  # "B, which will make magnets at its plant and supply them to C": the verb is in B's clause
        subject = self.subject
        if isinstance(found, Mention) and subject is not None and subject.end <= found.start and party(subject) \
                and (any(self.w(k) in ("which", "who", "whose") for k in range(subject.end, found.start))
                     or self.w(self.past_place(subject.end)) == "," and "," in self.words[found.end - self.s.start : i - self.s.start]):
            return subject
        return found

    def predicate_subject(self, found: Mention | None, i: int) -> Mention | None:
        """The subject of a coordinated predicate: "A signed a contract with B and acquired a stake in C" (A acquired,
        not B, the party nearest before the verb at ``i``); ``found`` when no "and" + finite verb stands between."""
        if found is None:
            return None
        for q in range(found.end, i):
            if self.w(q) == "and" and self._finite_verb(q + 1):
                subject = self.clause_subject(found.start)
                return subject if subject is not None and self.org(subject) and subject.end <= found.start else found
        return found

    def subjects(self, who: Mention | str | None, i: int, pred) -> list:
        """``who`` and the names coordinated with it when together they are the subject of the verb at ``i``: "A, B
        and C are all headquartered in P", "A and B supply ..."; ``[who]`` otherwise (", based in": an appositive)."""
        if isinstance(who, Mention) and who.group:
            return [who, *who.group]  # "They will build": the firms the plural anaphor stands for (Discourse._plural)
        if not isinstance(who, Mention) or who not in self.ms or who.end > i:
            return [who]
        group = self.conjuncts(who, pred)
        between = self.words[group[-1].end - self.s.start : i - self.s.start]
        if len(group) < 2:
            return [who]
        first = group[0].start - 1 - (self.w(group[0].start - 1) == "the")
        if first >= self.s.start and self.w(first) in self.v.PREPOSITIONS:
            return [who]  # "A holds 70% of B and C holds 20% of D": B ends the clause before, C alone holds
        if any(w not in self.v.SUBJECT_LINKS for w in between[between[:1] == [","] :]):  # ("A and B, both based in P")
            close = self._before_auxiliaries(i) - 1  # "A and B, which signed a deal in March, will build": an insertion
            if between[:1] != [","] or self.w(close) != "," or close <= group[-1].end or {";", ":"} & set(between):
                return [who]
        return group

    def conjuncts(self, m: Mention, pred) -> list[Mention]:
        """The names joined to ``m`` as one list, "A, B and C" (commas, then one "and" before the last), in order;
        ``[m]`` when ``m`` is in no such list ("In Japan, A ...": a comma alone ends an introductory phrase)."""
        qualifiers = self.qualifier_tokens() | self.role_tokens()  # ("A and Norway's B supply": Norway describes B; "A and the
        # investment firm B": a role)
        ms = [x for x in self.ms if x is m or not self._bracketed(x) and x.start not in qualifiers]  # "A (AB) and C (CD)": the abbreviations repeat A and C
        idx = ms.index(m)
        lo = hi = idx
        lead = self._lead_preposition(m)  # "to A and to B": the list's preposition repeated before a later name
        gap = lambda a, b: [self.w(q) for q in range(ms[a].end, ms[b].start)  # noqa: E731
                            if self.w(q) not in ("the", lead) and not self._in_brackets(q) and q not in qualifiers]
        joined = lambda g: g in ([","], ["and"], [",", "and"], ["&"])  # noqa: E731
        while lo > 0 and pred(ms[lo - 1]) and joined(gap(lo - 1, lo)):
            lo -= 1
        while hi + 1 < len(ms) and pred(ms[hi + 1]) and joined(gap(hi, hi + 1)) and not (hi > lo and "and" in gap(hi - 1, hi)):
            hi += 1  # (up to the name after the "and")
        while lo < idx and self.w(ms[lo].start - 1 - (self.w(ms[lo].start - 1) == "the")) in self.v.PREPOSITIONS \
                and any({"and", "&"} & set(gap(k, k + 1)) for k in range(lo, idx - 1)):
            lo += 1  # "with A and B, C will ...": the list after a preposition closed before ``m`` is another phrase (but
            # "at A and B in P", and "a consortium of A, B, C and D" holds A)
        gaps = [gap(k, k + 1) for k in range(lo, hi)]
        if not gaps or not {"and", "&"} & set(gaps[-1]) or any(g != [","] for g in gaps[:-1]):
            return [m]
        return ms[lo : hi + 1]

    def _lead_preposition(self, m: Mention) -> str:
        """The preposition before ``m`` ("to" in "to the A"), which a coordination may repeat before its later names ("to
        A and to B", "of A and of B"); "" when none stands there."""
        k = m.start - 1 - (self.w(m.start - 1) == "the")
        word = self.w(k)
        return word if word in self.v.PREPOSITIONS and word not in ("by", "as", "between", "among") else ""

    def _bracketed(self, m: Mention) -> bool:
        return self.w(m.start - 1) == "(" and self.w(m.end) == ")"

    def _in_brackets(self, q: int) -> bool:
        """Token ``q`` is a bracket or inside a short bracketed abbreviation ("(MOFCOM)")."""
        if self.w(q) in ("(", ")"):
            return True
        return self.w(q - 1) == "(" and self.w(q + 1) == ")"

    def is_passive(self, i: int) -> bool:
        """A participle at ``i`` after a form of "be" ("is supplied", "were acquired", "has been sold"); not a
        progressive ("is supplying", "are importing")."""
        if self.w(i).endswith("ing"):
            return False
        k = i - 1
        while k > self.s.start and self.w(k) in self.v.PASSIVE_ADVERBS:
            k -= 1
        return self.w(k) in BE_FORMS

    def before_verb_group(self, i: int, also: frozenset[str] = frozenset()) -> int:
        """The last token before the verb group of a participle at ``i``: past its adverbs, forms of "be" and ``also``
        ("nickel concentrate is mainly sold": the concentrate's last token)."""
        k = i - 1
        while k > self.s.start and (self.w(k) in self.v.PASSIVE_ADVERBS or self.w(k) in BE_FORMS or self.w(k) in also):
            k -= 1
        return k

    def triggers(self, words: frozenset[str] | Iterable[str]) -> list[int]:
        """Positions of ``words`` in the sentence, in order.

        Nine calls in ten find none of the words (the rules ask a few hundred thousand times per hundred
        documents): a container's words are first checked against the sentence's in C, with nothing built."""
        positions = self.positions
        if words.__class__ in _CONTAINERS and self.wordset.isdisjoint(words):
            return []
        if isinstance(words, (set, frozenset)):  # a word set: the sentence's words in it, one intersection in C
            found = [i for w in self.wordset & words for i in positions[w]]
        else:
            found = [i for w in words for i in self.positions.get(w, ())]
        return sorted(found) if len(found) > 1 else found

    def org(self, m: Mention | None) -> bool:
        return self.st.is_org(m)

    def maker(self, m: Mention | None) -> bool:
        """An organisation or a facility: who can make, supply, own or run a plant's output."""
        return self.org(m) or self.st.label(m) == "Facility"

    def org_or_country(self, m: Mention | None) -> bool:
        """An organisation or a country: who can buy, import or depend on a supply."""
        return self.org(m) or self.st.label(m) == "Country"

    def flow_end(self, m: Mention | None) -> bool:
        """An organisation, a facility or a country: either end of a supply."""
        return self.maker(m) or self.st.label(m) == "Country"

    def labelled(self, *labels: str):
        return lambda m: self.st.label(m) in labels

    def st_mention_covers(self, i: int) -> bool:
        return any(m.start <= i < m.end for m in self.ms)

    def _subject(self) -> Mention | None:
        for m in self.ms:
            if not (self.org(m) or self.st.label(m) in ("Facility",)):
                continue
            if self.w(m.end) in POSSESSIVES or m.anaphora and m.end == m.start + 1 and self.w(m.start) == "our":
                continue  # "Shin-Etsu's group company X began ...", "Our smelter at P is ...": the possessor is not the subject
            prev = m.start - 1
            while prev >= self.s.start and self.w(prev) in ("the", *POSSESSIVE_MARKS, "a", "an"):
                prev -= 1
            if prev >= self.s.start and self.w(prev) in self.v.PREPOSITIONS:
                continue
            if prev >= self.s.start and self.w(prev) in ("and", ",") and self._in_prep_list(m):
                continue
            return m
        return None

    def clause_subject(self, i: int) -> Mention | None:
        """The subject of the clause holding ``i``: the sentence's, or a party that opens a later clause before ``i``
        after ", and", ", while", ", though", "; " and a verb follows ("A runs a smelter at P, and B produces matte ... for its
        shareholders": B, not A); a list's last name ("with B, C, and D") opens none."""
        best = self.subject if self.subject is not None and self.subject.end <= i else None
        for m in self.ms:
            if m.end > i:
                break
            if best is None or m.start <= best.start or not self.maker(m):
                continue
            k = m.start - 1 - (self.w(m.start - 1) == "the")
            opens = self.w(k) == ";" or self.w(k) in ("and", "while", "but", "whereas", "though", "although", "because", "where") \
                and self.w(k - 1) == ","
            before = self.at_end(k - 1 if self.w(k) == ";" else k - 1 - (self.w(k - 1) == ","))
            end = m.end
            if self.w(k) == "where" and self.w(end) == "," and self.w(end + 1) in ("the", "a", "an"):
                end = next((q + 1 for q in range(end + 2, min(end + 14, self.s.end)) if self.w(q) == ","), end)  # ("A, the X, will")
            nxt = self.doc[end] if end < len(self.doc) else None  # a text may end on the name (a cell, a last line)
            if opens and nxt is not None and nxt.is_lower and nxt.is_alpha and not (before is not None and self.org(before)):
                best = m
        return best

    def _in_prep_list(self, m: Mention) -> bool:
        """Whether ``m`` continues a list after a preposition ("with A, B and C"), rather than starting the clause."""
        idx = self.ms.index(m)
        first = m
        for prior in reversed(self.ms[:idx]):
            gap = [self.w(k) for k in range(prior.end, m.start)]
            if not all(g in (",", "and", "or", "the") for g in gap):
                return False
            if m is first and not {"and", "or"} & set(gap) and (self.w(m.end) not in (",", "and", "or")
                                                               or self.w(m.end + 1) in self.v.INSERTION_OPENERS):
                return False  # "Under Title III of the Act, the Pentagon awarded ...", "In P, A, a unit of B, runs": a new clause
            m = prior
            before = prior.start - 1
            while before >= self.s.start and self.w(before) in ("the",):
                before -= 1
            if before >= self.s.start and self.w(before) in self.v.PREPOSITIONS:
                return True
        return False

    def _percent(self, lo: int, hi: int) -> float | None:
        """The first percentage between ``lo`` and ``hi`` as a fraction ("40%", "40 percent"), or None."""
        for k in range(lo, hi):
            number = PERCENT.match(self.doc[k].text)
            if number and (self.doc[k].text.endswith("%") or self.w(k + 1) in ("%", "percent", "per")):
                value = round(float(number.group(1)) / 100, 6)
                return value if value <= 1 else None
        return None

    def _objects(self, i: int, label: str | tuple[str, ...]) -> list[Mention]:
        """The mentions of ``label`` (or labels) in the phrase starting at ``i``, up to a preposition that starts a new
        role or a word that describes the object ("magnets containing dysprosium")."""
        labels = (label,) if isinstance(label, str) else label
        out = []
        for m in self.ms:
            if m.start < i:
                continue
            between = [self.w(k) for k in range(out[-1].end if out else i, m.start) if not self._up_to(k)]
            if any(w in self.v.OBJECT_ENDS for w in between) or len(between) > 8:
                break
            if self.st.label(m) in labels:
                out.append(m)
            elif self.st.label(m) is not None and out:
                break
        return out

    def money(self, i: int, reach: int = 4) -> bool:
        """Whether a sum of money stands within ``reach`` words from ``i`` ("$94.1 million", "US$75 million", "EUR 5
        million", "almost €295 million")."""
        return any(any(sign in self.doc[k].text for sign in "$€£¥") or self.w(k) in self.v.CURRENCY_CODES
                   for k in range(i, min(self.s.end, i + reach)))

    def _up_to(self, k: int) -> bool:
        """ "up to 10,000 tonnes", "close to half of the world's M": the "to" of an amount, no preposition of a role
        ("close to" only before a figure: "sits close to the plant" is a place)."""
        if self.w(k) == "close" and self.w(k + 1) == "to" or self.w(k) == "to" and self.w(k - 1) == "close":
            k = k + 2 if self.w(k) == "close" else k + 1
            return k < self.s.end and (self.doc[k].like_num or self.w(k) in self.v.SHARE_FRACTIONS or self.w(k) in self.v.SHARE_COUNTS)
        return self.w(k) == "to" and self.w(k - 1) == "up" or self.w(k) == "up" and self.w(k + 1) == "to"

    def st_pos(self, item: Mention | str, default: int) -> int:
        return item.start if isinstance(item, Mention) else default

"""Discourse state the rules read: what "it", "the company", "we", "the two partners" or "the oxide" refer
to, and other names of the subject ("formerly X").
"""

from __future__ import annotations

from .model import Mention, ORG_LABELS, POSSESSIVES


# "the company", "the ministry": a definite noun naming the kind of an organisation the document spoke of before
FIRM_LABELS = ("Company", "StateOwnedEnterprise")


class Discourse:
    """What anaphors refer to, from what the document said before."""

    def its(self, i: int) -> Mention | str | None:
        """What "its"/"the company" at ``i`` refers to: the sentence's subject, the nearest organisation before it, or the
        last subject; "our" is the firm it was resolved to (the document's own voice)."""
        own = self.at(i)
        if own is not None and own.anaphora and self.w(i) in ("our", "we"):
            return own
        head = self._clause_head(i)
        if head is not None:
            return head  # "B, which will make magnets at its plant": B's plant
        first = self._parallel_possessive(i)
        if first is not None:
            return self.its(first)  # "Its A unit makes M, and its subsidiary B runs the mine": both the firm's
        nearest = self.left(i, self.org, limit=40)
        if nearest is not None and self.w(nearest.start - 1) in self.v.GIVING_VERBS:
            return nearest  # "the Pentagon awarded MP Materials $58.5 million to build its factory"
        subject = self.clause_subject(i)
        if subject is not None and self.org(subject):
            return subject
        m = nearest
        if m is not None:
            return m
        return self.st.last_subject

    def possessor(self, k: int) -> Mention | str | None:
        """Who the possessive at ``k`` names: "its"/"their" as :meth:`its` resolves it, "X's" the name before it;
        None when ``k`` holds no possessive."""
        if self.w(k) in ("its", "their"):
            return self.its(k)
        return self.at_end(k) if self.w(k) in POSSESSIVES else None  # (also "Pilbara Minerals' mine")

    def _parallel_possessive(self, i: int) -> int | None:
        """The "its" that opened the sentence's first clause when ``i`` opens a later one with "its" (", and its
        subsidiary B runs ..."): both clauses' subjects belong to one owner, not the second to the first's name
        (the nearest organisation). None otherwise ("its subsidiary B makes M at its plant": B's plant)."""
        if self.w(i) not in ("its", "their") or self.w(i - 1) not in self.v.CLAUSE_JOINERS or self.w(i - 2) != ",":
            return None
        k = next((q for q in range(self.s.start, i - 2) if self.w(q) == self.w(i)), None)
        if k is None or not (k == self.s.start or self.w(k - 1) == ","):
            return None
        return k

    def _clause_head(self, i: int) -> Mention | None:
        """The organisation a relative clause holding ``i`` is about ("B, which ... its"; "B, the miner that ...
        its": the appositive's clause), or None."""
        relative = False
        for k in range(i - 1, max(self.s.start, i - 25) - 1, -1):
            relative = relative or self.w(k) in ("that", "which", "who")
            if relative and self.w(k) == "," and self.w(k + 1) in ("the", "a", "an"):
                head = self.at_end(k)
                return head if head is not None and self.org(head) else None
            if self.w(k) in (";", ":") or self.w(k) == "," and self.w(k + 1) not in ("which", "who"):
                return None
            if self.w(k) in ("which", "who") and self.w(k - 1) == ",":
                head = self.at_end(k - 1)
                return head if head is not None and self.org(head) else None
        return None

    def subject_or_anaphor(self) -> Mention | str | None:
        if self.subject is not None:
            return self.subject
        first = self.words[:3]
        if any(w in self.v.ANAPHORA_ORG for w in first):
            return self.st.last_subject
        return None

    def _definite_anaphora(self) -> None:
        """ "the magnets", "the plant", "the event": the latest of its kind in the document."""
        d = self.doc
        for i in self.triggers(("magnets", "magnet", "opening") + tuple(self.v.EVENT_NOUNS)):
            word = self.w(i)
            if self.w(i - 1) not in ("the", "these", "those", "such") or self.st_mention_covers(i):
                continue
            if self.w(i + 1) in self.v.MODIFIER_HEADS | self.v.FACILITY_NOUNS:
                continue
            key = None
            if word in ("magnets", "magnet") and self.st.magnets:
                key = self.st.magnets[-1]
            elif word in self.v.EVENT_NOUNS | {"opening"} and self.st.last_event:
                key = self.st.last_event
            if key is not None:
                key = self.st.resolve_key(key)
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
                self.st.entities[key].mentions += 1
        for i in self.triggers(self.v.MATERIAL_HEADS):  # "the oxide", "the concentrate": the material of that kind named last
            if self.w(i - 1) not in ("the", "this") or self.st_mention_covers(i) or self.w(i + 1) in self.v.MODIFIER_HEADS:
                continue
            if i - 1 > self.s.start and self.w(i - 2) not in self.v.MATERIAL_VERBS:
                continue  # only as a sentence's subject or a verb's object ("will use the oxide to make ...")
            head = self.w(i).rstrip("s")
            key = next((k for k in map(self.st.resolve_key, reversed(self.st.recent)) if self.st.entities[k].label == "Material"
                        and self.st.entities[k].name.lower().split()[-1].rstrip("s") == head), None)  # fmt: skip
            if key is not None:
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
        for i in self.triggers(("we", "our", "us")):  # an interview's or a release's own voice: the firm it is about
            if d[i].text == "US":
                continue  # "The US Geological Survey", "US tax credits": the country's initials, not the pronoun
            if not self.st_mention_covers(i) and not self._quoted(i):
                key = self._antecedent(i, FIRM_LABELS, topic_only=True)
                if key is not None:
                    self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
        for i in self.triggers(("government",)):  # "the Baotou municipal government": a body of that place
            level = self.w(i - 1) in ("municipal", "provincial", "city", "state", "regional", "county", "local")
            place = self.at_end(i - 1 if level else i)  # ("the Quebec government": a province's, named as Quebec names it)
            if place is not None and self.st.label(place) == "Place" and (level or self.w(place.start - 1) == "the"):
                name = f"{self.st.ent(place).name} {self.w(i - 1)} government" if level else f"Government of {self.st.ent(place).name}"
                e = self.st._new("GovernmentBody", name)
                e.surfaces[d[place.start : i + 1].text] += 1
                e.mentions += 1
                e.demonym_only = False  # (named, not only by a demonym: kept when no relation uses it)
                e.sentence = e.sentence or self.s.text
                self.ms.remove(place)
                self.ms.append(Mention(place.start, i + 1, e.key, d[place.start : i + 1].text, anaphora=True))
        for i in self.triggers(self.v.ORG_ANAPHORS):
            demonym = self.at_end(i)  # "the Japanese group"
            det = demonym.start - 1 if demonym is not None and demonym.demonym else i - 1
            if self.w(det) != "the" or self.st_mention_covers(i) or self.w(i + 1) in self.v.MODIFIER_HEADS | self.v.FACILITY_NOUNS | {"of"}:
                continue
            if self.at(i + 1) is not None and self.org(self.at(i + 1)):
                continue  # "the Australian miner Pilbara Minerals": the noun describes the name after it
            if det != i - 1 and not (self.w(det - 1) == "," and self.org(self.at_end(det - 1))):
                self.ms.remove(demonym)  # (but "A, the Australian group,": an appositive whose demonym places A, .location)
            key = self._antecedent(i, self.v.ORG_ANAPHORS[self.w(i)])
            if key is not None and self.w(i) == "government" and "government" not in self.st.entities[key].name.lower() \
                    and not any(m.key and self.st.resolve_key(m.key) == key for m in self.ms):
                key = None  # "the government" of another sentence is a government, not an agency ("Japan's JOGMEC")
            if key is not None:
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
                self.st.entities[key].mentions += 1
        self._venture_anaphora()
        if self.st.last_policy is not None:
            for i in self.triggers(self.v.POLICY_ANAPHORA):
                k = i - 1 if self.w(i - 1) not in self.v.POLICY_ANAPHOR_MODIFIERS else i - 2
                singular = not self.w(i).endswith("s")  # "that earlier announcement", "this notice"
                if (self.w(k) in ("the", "these", "those", "such") or singular and self.w(k) in ("that", "this")) \
                        and not self.st_mention_covers(i):
                    key = self.st.resolve_key(self.st.last_policy)
                    self.ms.append(Mention(k + 1, i + 1, key, d[k + 1 : i + 1].text, anaphora=True))
                    self.st.entities[key].mentions += 1
        self.ms.sort(key=lambda m: m.start)
        for m in self.ms:
            e = self.st.ent(m)
            if e and e.label == "Material" and e.props.get("stage") == "magnet":
                self.st.magnets.append(e.key)

    def _venture_anaphora(self) -> None:
        """ "The venture will produce ...", "the joint venture's plant": the latest firm the document gave two owners or more
        ("A and B formed C, a joint venture", "C is owned by A and B"), not a parent (the nearest firm, as "the company"
        takes); none when the document named no such firm ("the joint venture with B", "of", "between": a new one)."""
        for i in self.triggers(self.v.VENTURE_ANAPHORS):
            det = i - 2 if self.w(i - 1) == "joint" else i - 1
            if self.w(det) != "the" or self.st_mention_covers(i) or self.w(i + 1) in ("with", "of", "between", "in", "to", "partners"):
                continue
            here = [self.st._key(m) for m in self.ms if m.end <= det and not m.anaphora]
            key = next((k for k in reversed([self.st.resolve_key(k) for k in self.st.recent] + here)
                        if self.st.entities[k].label in FIRM_LABELS and self._owners(k) >= 2), None)
            if key is not None:
                self.ms.append(Mention(det + 1, i + 1, key, self.doc[det + 1 : i + 1].text, anaphora=True))
                self.st.entities[key].mentions += 1

    def _owners(self, key: str) -> int:
        """How many owners the document gave the firm ``key`` so far (parents and stake holders)."""
        return len(set(self.st.out.get(("SUBSIDIARY_OF", key), ())) | set(self.st.into.get(("HOLDS_STAKE_IN", key), ())))

    def _pronouns(self) -> None:
        """ "It holds 60% of B", "In 2023 it bought B", "A does not mine; it separates ...": a pronoun that opens a clause
        stands for the firm or facility that clause continues, and is a mention of it, so every family reads it as the
        subject it is. At a sentence's start (after at most an opening phrase without a name) that is the subject of
        the sentence before, when nothing else was its topic (``DocState.antecedent``); after "said", "that", ";" or
        ", and" / ", but" it is the clause's own subject before it ("A said it will build ..."), or the firm whose thing
        opens the sentence ("A's plans do not depend on B: it is building ...")."""
        for i in self.triggers(("it",)):
            if i + 1 >= self.s.end or self.st_mention_covers(i) or not (self.doc[i + 1].is_lower and self.doc[i + 1].is_alpha) \
                    or self.w(i + 1) in self.v.STOP and self.w(i + 1) not in ("is", "was", "has", "had", "also", "will"):
                continue  # (a verb must follow: "it said", not "it, too," nor "it in 2024")
            before = [m for m in self.ms if m.start < i]
            key = None
            if not before and i - self.s.start <= 6 and (i == self.s.start or self.w(i - 1) not in self.v.PREPOSITIONS | {"of", "and"}):
                key = self.st.antecedent  # "It ...", "In February 2023 it ...", "By its own account it ..."
            elif self.w(i - 1) in ("said", "says", "that", ";", ":") or self.w(i - 1) in ("and", "but", "while") and self.w(i - 2) == ",":
                subject = self.clause_subject(i) or self._possessor_subject()
                key = self.st._key(subject) if subject is not None and self.maker(subject) and not subject.anaphora \
                    and subject.start < i else None
            if key is not None and self.st.entities[key].label in ORG_LABELS | {"Facility"}:
                self.ms.append(Mention(i, i + 1, key, self.doc[i].text, anaphora=True))
        self._plural()
        self.ms.sort(key=lambda m: m.start)

    def _plural(self) -> None:
        """ "They will also build a plant", "The two companies will ...": a plural subject opening a sentence (after at most
        an opening phrase without a name) stands for the firms the sentence before had as its subject together ("A and B
        signed ...", or A with the parties of the agreement it signed): one mention of the first, the others its group,
        which :meth:`Grammar.subjects` gives every family. Nothing when that sentence had one subject or none."""
        self._parties_before = self.st.last_parties
        if len(self.st.plural) < 2:
            return
        i = end = None
        for k in self.triggers(self.v.PLURAL_PRONOUNS | self.v.PARTY_DETERMINERS):
            if self.w(k) in self.v.PARTY_DETERMINERS:  # "the two companies", "both partners"
                end = next((q for q in (k + 1, k + 2) if self.w(q) in self.v.PARTY_NOUNS), None)
                if end is None or self.w(k) == "the" and self.w(k + 1) in self.v.PARTY_NOUNS and self.w(k + 1) != "partners":
                    continue  # ("the companies" may be any firms; "the partners", "the two companies" are the pair)
            else:
                end = k
            i = k
            break
        if i is None or i - self.s.start > 6 or any(m.start < i for m in self.ms) \
                or i > self.s.start and self.w(i - 1) in self.v.PREPOSITIONS | {"of", "and"} or end + 1 >= self.s.end:
            return
        after = self.doc[end + 1]
        if not (after.is_lower and after.is_alpha) or self.w(end + 1) in self.v.STOP and self.w(end + 1) not in self.v.PLURAL_VERB_STARTS:
            return  # (a verb must follow: "they will", not "they, too," nor "they in 2024")
        first, *others = self.st.plural
        self.ms.append(Mention(i, end + 1, first, self.doc[i : end + 1].text, anaphora=True, group=tuple(others)))

    def _possessor_subject(self) -> Mention | None:
        """The firm whose thing opens the sentence, when no firm is its subject: "A's own plans do not depend on B: it
        is building ..." (A)."""
        first = self.ms[0] if self.ms else None
        if first is not None and self.org(first) and self.w(first.end) in POSSESSIVES \
                and all(self.w(k) in ("the", "a", "an") for k in range(self.s.start, first.start)):
            return first
        return None

    def _topic(self) -> None:
        """What a sentence-initial "it" in the next sentence stands for: the subject of this sentence's last clause, when
        it is a firm or a facility and no material or element precedes the sentence's subject ("Prices of M rose after A
        cut output": M's sentence); a sentence that opens on a material leaves none; one with no subject leaves the last."""
        first = self.ms[0] if self.ms else None
        subject = self.clause_subject(self.s.end)  # (of the last clause: "A said X, and B has taken the case ...")
        if subject is not None and self.maker(subject) and not any(
                self.st.label(m) in ("Material", "Element") for m in self.ms if m.start < self.subject.start):
            self.st.antecedent = self.st._key(subject)
        elif first is not None and self.st.label(first) in ("Material", "Element"):
            self.st.antecedent = None
        if subject is not None or first is not None and self.st.label(first) in ("Material", "Element"):
            self.st.plural = self._plural_subject(subject) if subject is not None else []

    def _plural_subject(self, subject: Mention) -> list[str]:
        """The firms a clause's subject names together, for "They" in the next sentence: the subject's list ("A and B
        signed", "A, B and C will build"), a plural anaphor's firms again, or the subject with the parties of the
        agreement this sentence gave it ("A signed an agreement with B"); [] for one firm alone."""
        if subject.group:
            return [self.st._key(subject), *subject.group]
        if not self.org(subject):
            return []
        group = self.conjuncts(subject, self.org)
        after = group[-1].end
        if len(group) >= 2 and group[0] is subject and after < self.s.end and self.doc[after].is_lower:
            return list(dict.fromkeys(self.st._key(m) for m in group))
        parties = [self.st.resolve_key(k) for k in self.st.last_parties]
        if self.st.last_parties is not getattr(self, "_parties_before", None) and len(parties) >= 2 and self.st._key(subject) in parties:
            return parties
        return []

    def _quoted(self, i: int) -> bool:
        """Whether ``i`` is inside a quotation (someone else's "we"), counting the paragraph's quotation marks before it."""
        before = [self.doc[k].text for k in range(max(0, i - 400), i)]
        if "“" in before or "”" in before:
            return before.count("“") > before.count("”")
        return before.count('"') % 2 == 1

    def _antecedent(self, i: int, labels: tuple[str, ...], topic_only: bool = False) -> str | None:
        """The entity "the company" at ``i`` stands for: the nearest one of ``labels`` before it in the sentence, the
        last subject, or the one the document is about."""
        if not topic_only:
            near = self.left(i, lambda m: self.st.label(m) in labels and not m.anaphora, limit=40)
            if near is not None and not (self.w(near.end) == "," and self.w(near.end + 1) in ("which", "who", "whose")):
                return self.st._key(near)  # (but "B, which owns 35% of the company": not B)
        return self.carried(labels, topic_only)

    def carried(self, labels: tuple[str, ...], topic_only: bool = False) -> str | None:
        """The entity of ``labels`` a sentence that does not name it continues: the last subject within a paragraph
        (unless the document's title names one firm and the last subject was named only once: "The Chemours Company
        supplies sand. The company also holds the Bahia project", in Energy Fuels' report, is Energy Fuels), else (a
        new paragraph returns to the document's topic) the most mentioned in the whole document, the first on a tie."""
        last = self.st.last_subject and self.st.resolve_key(self.st.last_subject)
        titled = self.st.title_firm  # (a firm's own report or release: the firm its title names, over a firm named in passing)
        if titled is not None and self.st.entities[titled].label in labels and self.st.salience.get(last, 0) <= 1:
            return titled
        if not topic_only and last and self.st.entities[last].label in labels and self.s.start > 0:
            return last
        seen = [k for k in self.st.salience if self.st.entities[self.st.resolve_key(k)].label in labels]
        return self.st.resolve_key(max(seen, key=self.st.salience.__getitem__)) if seen else None

    def parties_referred(self) -> list[str]:
        """The last agreement's parties when the sentence opens on them ("The two partners will ...", "Under the
        memorandum ...", "The agreement was signed at ...")."""
        head = self.words[:4]
        if any(w in self.v.AGREEMENT_NOUNS for w in head) or (
            head and head[0] in self.v.PARTY_DETERMINERS and any(w in self.v.PARTY_NOUNS for w in head[1:3])
        ):
            return [self.st.resolve_key(k) for k in self.st.last_parties]
        return []

    def _former_name(self) -> None:
        """ "The company began in 2014 as Urban Mining Co." / "formerly X": X is another name of the subject."""
        if not any(w in ("formerly", "previously", "renamed", "began", "founded", "started", "known") for w in self.words):
            return
        subject = self.subject_or_anaphor()
        for i in self.triggers(("as", "formerly")):
            other = self.at(i + 1)
            if other is None or subject is None or not self.org(other) or self.st._key(subject) == other.key:
                continue
            self.st.merge(other.key, self.st._key(subject))

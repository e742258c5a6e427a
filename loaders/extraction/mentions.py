"""Pass 1, mentions: gazetteer matches, designations, and capitalised name runs with a label from their
cue words or from where they stand; people, quoted names and listings are not entities (data sources, lenders,
advisers and markets: sources.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from .. import lexicon, places
from ..gazetteer import KnownEntity, has_cjk, normalise
from .compounds import element_compounds, material_tails, shaped_compounds
from .described import described_policies
from .packed import formula, packed_mentions
from .bareforms import bare_forms
from .knownsites import site_mention
from .metonyms import metonym
from .openers import brand_letter, no_name, particle_start
from .runs import _WORD_SUFFIXES, _commodity, _dateline_of_places, _institution, _institution_ahead, _suffix
from .sites import SiteMentions, made_at, operation_end, possessive_place_end, shared_kind, singular
from .sources import Sources
from .vocabulary import WORDS
from .world import joined_end, town_in, ward_end, world_place, world_props
from .model import Entity, MONTHS, Mention, ORG_LABELS, PREFIXES, Sentence, possessive_at
from .text import ALL_CUES, COMMON_CAPITALS, DASHES, KIND_WORDS, NOT_PARTIES, OFFICE_WORDS, PUNDITS, REGIONS, STARTS, TITLE_WORDS, absorbable, credit_line, cue_label, demonym_firm, demonyms, descriptors_continue, institution_continues, instrument_continues, longest, name_starts, name_token, number_sign, numbered, only_as_acronym, opens, sentence_start, sentence_start_common, sentence_spans, title_case, word_opener

DESIGNATION = re.compile(r"^[A-FH-Z]{1,2}-\d{1,3}[A-Z]?$")
"""A weapon system's designation ("AIM-120", "F-35A"): an end use."""

NAME_JOINERS = frozenset(("-", "&", "of", "for", "de", "du", "von", "und", "y", "e", "del", "della", "des", "do", "dos", "das", "et",
                          "da", "di", "im", "am"))
"""Small words inside a name between capitalised ones ("Bank of China", "Wolfram Bergbau und Hütten", "Jujuy Energía
y Minería Sociedad del Estado", places: "Rocha da Rocha", "St. Martin im Sulmtal", "Frankfurt am Main")."""
HYPHEN_PARTICLES = frozenset(("de", "des", "du", "la", "le", "les", "sur", "en", "aux", "lès", "am", "an", "im", "op", "upon"))
"""Small words inside a hyphenated place name: "Saint-Michel-des-Saints", "Saint-Jean-sur-Richelieu", "Frankfurt-am-Main"."""

NUMERAL = re.compile("[IVX]+")
"""A Roman numeral ("Corp. II"): no name on its own."""

MAX_NAME_TOKENS = 10
"""Longer runs of capitalised words are not names (the longest real names, with "of" and "and", fit)."""

MAX_INSTRUMENT_TOKENS = 24
"""A legal instrument's name runs longer: "Regulations on the Export Control of Dual-Use Items of the People's Republic of
China" (not in a headline's capitals, where a run of capitals is the headline)."""

MAX_SENTENCE_TOKENS = 120
"""Longer "sentences" (lists, tables, text without full stops) are cut: the rules look around each mention in its sentence."""


class Mentions(Sources, SiteMentions):
    """Pass 1: the mentions of each sentence, known and candidate."""

    def add_doc(self, doc: Any, heading: bool) -> None:
        if len(doc) == 0:
            return
        row = heading and " | " in doc.text
        sents = [doc[0 : len(doc)]] if row else sentence_spans(doc)  # a table row is read whole
        sentences = [doc[k : min(sent.end, k + MAX_SENTENCE_TOKENS)] for sent in sents
                     for k in range(sent.start, sent.end, MAX_SENTENCE_TOKENS)]  # fmt: skip
        STARTS[id(doc)] = {sent.start for sent in sentences}  # Token.is_sent_start rescans the whole doc: cache
        try:
            self._add_doc(doc, heading and not row, sentences, row)
        finally:
            STARTS.pop(id(doc), None)

    def _add_doc(self, doc: Any, heading: bool, sentences: list[Any], row: bool = False) -> None:
        spans: list[Mention] = []
        for match_id, start, end in self.x.phrases(doc.spacy):
            known = self.x._phrase_ids[self.x.nlp.vocab.strings[match_id]]
            spans.append(Mention(start, end, self._known(known), doc[start:end].text))
        text = doc.text
        for form, known in self.x._cjk if has_cjk(text) else ():
            pos = text.find(form)
            while pos >= 0:
                span = doc.char_span(pos, pos + len(form), alignment_mode="expand")
                # in English text a Chinese name stands apart; in Chinese text names run on without spaces
                whole = self.known_only or (not has_cjk(text[pos - 1 : pos]) and not has_cjk(text[pos + len(form) : pos + len(form) + 1]))
                if span is not None and whole:
                    spans.append(Mention(span.start, span.end, self._known(known), form))
                pos = text.find(form, pos + len(form))
        for start, end in ((i, i + 1) for i, t in enumerate(doc) if "-" in t.text and DESIGNATION.search(t.text)):
            stop = end
            while stop < len(doc) and (doc[stop].is_title or doc[stop].text in ("I", "II", "III", "IV", "V")):
                stop += 1
            entity = self._new("EndUse", doc[start:end].text, {"sector": "defense"})
            spans.append(Mention(start, stop, entity.key, doc[start:stop].text))
        spans, kinds = self._filter_known(doc, spans)
        kinds += bare_forms(self, doc, spans)  # "a separate concentrate": the document names it; no rule reads it (.bareforms)
        spans += self._elliptic(doc, spans)
        spans = [self._inverted(doc, m) for m in spans]
        covered = {k for m in spans for k in range(m.start, m.end)}
        spans += [Mention(start, end, self._known(known), text, label_of_known=known.label)
                  for start, end, known, text in packed_mentions(doc, covered, self.x.gazetteer, text)]  # "Dy/Tb", "NdPr"
        self.silenced: list[tuple[int, int]] = []
        self.in_row = row  # (a table's cell is read by its column: "Kemerton, Western Australia" under "Location")
        candidates = [] if self.known_only else self._candidates(doc, spans)
        if self.silenced:  # "according to the US Geological Survey": the US is no party either
            spans, candidates = ([m for m in ms if not any(a <= m.start and m.end <= b for a, b in self.silenced)] for ms in (spans, candidates))
        if heading:  # a title names the policy or event a notice is about, and who issues it ("Decree No. 12 of the
            # Ministry of Mines"); its other capitalised words are no names
            candidates = [m for m in candidates if m.label in ("Policy", "Event", "GovernmentBody") and m.strong]
        if not self.known_only:  # "a strategic partnership on raw materials"
            materials = {m.key for m in spans if m.key and self.entities[m.key].label in ("Material", "Element")}
            spans += [Mention(a, b, self._new("Policy", doc[a:b].text).key, doc[a:b].text)
                      for a, b in described_policies(doc, spans + candidates, materials, self.v)]
        spans += candidates
        spans = longest(spans)  # (in order of their start)
        starts = [m.start for m in spans]
        lowers = doc.lowers
        for sent in sentences:
            credit = credit_line(sent)
            s = Sentence(doc, sent.start, sent.end, heading or row or credit or title_case(sent), lowers)  # (a row: no sentence)
            s.mentions = [] if credit else spans[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            s.kinds = [] if credit else [m for m in kinds if sent.start <= m.start < sent.end]
            self.sentences.append(s)

    def _known(self, known: KnownEntity) -> str:
        entity = self.entities.get(known.id)
        if entity is None:
            props = {k: v for k, v in known.props.items() if k in ("iso2", "symbol", "group", "stage", "elements", "sector", "country", "kind")}
            entity = self.entities[known.id] = Entity(known.id, known.label, known.name, id=known.id, props=props, known=known)
        return known.id

    def _new(self, label: str, name: str, props: dict | None = None, confirmed: bool = True) -> Entity:
        name = re.sub(r"\s+", " ", name).strip(" ,.;:'’\"")
        name = re.sub(r"^(?:the|The)\s+", "", name)
        known = self.x.gazetteer.lookup(name)
        if known is not None and (known.label == label or (known.label in ORG_LABELS and label in ORG_LABELS)):
            return self.entities[self._known(known)]
        key = f"new:{PREFIXES[label]}:{normalise(name)}"
        entity = self.entities.get(key)
        if entity is None:
            props = props or (world_props(name) if label == "Place" else None)  # ("Hobart": a city of Australia)
            entity = self.entities[key] = Entity(key, label, name, props=dict(props or {}), confirmed=confirmed)
        elif confirmed:
            entity.confirmed = True
        return entity

    def _filter_known(self, doc: Any, spans: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """Drop vocabulary matches that are modifiers ("magnet technology") and extend end uses by proper names; the
        materials among them that name a site's kind ("a ferronickel smelter", "its lithium hydroxide plants") come
        back apart: the document names the material (a gold file lists it), though no rule reads it as a party's."""
        kept = []
        modifiers = self.v.ELEMENT_MODIFIER_HEADS
        materials = {m.key for m in spans if self.entities[m.key].label in ("Material", "Element")}
        longer, tails = material_tails(doc, spans, materials, self.v)  # "tungsten carbide powder"
        shaped, tails = shaped_compounds(doc, spans, materials, tails)  # "trimethylindium", "niobium titanium oxide"
        longer |= shaped
        spans = [m for m in spans if id(m) not in longer]
        drop, compounds = element_compounds(doc, spans, self.v.COMPOUND_HEADS, modifiers)  # "nickel-cobalt-scandium laterite"
        compounds += tails
        lowers, n = doc.lowers, len(doc)
        modifiers_at: list[tuple[int, int]] = []
        kinds: list[Mention] = []
        for start, end, name in compounds:
            entity = self._new("Material", name)
            kept.append(Mention(start, end, entity.key, doc[start:end].text, label_of_known="Material"))
        for m in spans:
            entity = self.entities.get(m.key or "")
            if entity is None:
                kept.append(m)
                continue
            if entity.label == "Facility" and entity.known is not None and (m := site_mention(doc, m, self.v, self._mined_at(doc, m.start, spans))) is None:
                continue  # "Tanbreez Mining Greenland", "a refinery at Kemerton": another name, a place (.knownsites)
            nxt = lowers[m.end] if m.end < n else ""
            if entity.label in ("Material", "Element") and nxt in self.v.MAKER_HEADS and id(m) not in drop:
                self.made_by[(id(doc), m.end)] = m  # "the largest cobalt producer": no mention, but what a maker makes
            if entity.label == "Element" and (id(m) in drop or nxt in modifiers):
                continue  # "high-nickel cathodes", "zinc, lead and copper smelting"
            if (entity.label in ORG_LABELS | {"Place", "Country"} and m.end - m.start == 1 and doc[m.start].text.islower()
                    or (entity.label in ORG_LABELS or entity.label == "Policy" and entity.known is not None and not entity.known.stored)
                    and m.text.islower()) and not (entity.label in ORG_LABELS and entity.name.islower()):
                continue  # "expects to commission the plant", "the commerce department of their province", "an innovation fund"
                # (a firm that writes its own name in lower case, "ioneer", is named so)
            if entity.known is not None and len(m.text) <= 4 and not m.text.isupper() and only_as_acronym(entity.known, m.text):
                continue  # "Jane Doe" is not the DOE, "Ms Eu" not the EU (a short acronym in lower case is another word)
            if entity.label in ("Material", "EndUse", "Element") and nxt in self.v.MODIFIER_HEADS:
                modifiers_at.append((m.start, m.end))
                kinds += [m] if entity.label == "Material" and nxt in self.v.KIND_HEADS else []  # ("its lithium hydroxide plant")
                continue
            if entity.label in ("Material", "Element", "EndUse") and doc[m.start].is_title and m.start > 0 \
                    and not sentence_start(doc, m.start) and (name_token(doc, m.start - 1) and doc[m.start - 1].lower_ not in self.v.STOP
                                                              or doc[m.start - 1].lower_ in ("and", "&") and m.start > 1
                                                              and name_token(doc, m.start - 2) and doc[m.start - 2].lower_ not in self.v.STOP):
                continue  # "Neo Lithium", "Arafura Rare Earths", "Director General of Mineral and Coal": part of a name
            if entity.label in ("Material", "EndUse") and nxt == "-" and m.end + 1 < len(doc) and doc[m.end + 1].lower_ in ("based", "bearing", "related", "free"):
                continue
            if m.key in lexicon.compound_heads() and m.start > 0 and doc[m.start - 1].is_lower and doc[m.start - 1].is_alpha and doc.lowers[m.start - 1] not in self.v.STOP:
                continue  # "solar glass", "the state coal and minerals group": the head of a compound that names another thing
            if entity.label == "EndUse":
                start = m.start
                while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in self.v.STOP and not sentence_start(doc, start - 1):
                    start -= 1
                if start != m.start:
                    m = Mention(start, m.end, m.key, doc[start : m.end].text)
            if entity.label in ("Place", "Country") and self._market_place(doc, lowers, m):
                continue  # "listed in New York", "the New York Stock Exchange", "prices in Rotterdam": a market, no party's place
            m.label_of_known = entity.label
            if entity.label == "Country":
                m.demonym = m.text in demonyms(entity)
                if m.start > 0 and normalise(f"{doc[m.start - 1].text} {m.text}") in REGIONS:
                    continue  # "North America" is a region, not the United States
            kept.append(m)
        inside = lambda m: any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in modifiers_at)  # noqa: E731
        return [m for m in kept if not inside(m)], [m for m in kinds if not inside(m)]
        # ("lithium hydroxide refinery": "lithium hydroxide" names the refinery's kind, "lithium" no element of its own)

    def _elliptic(self, doc: Any, spans: list[Mention]) -> list[Mention]:
        """ "rare earth metals and alloys": the second noun is "rare earth alloys" when that is a known material."""
        covered = {k for m in spans for k in range(m.start, m.end)}
        out = []
        for m in spans:
            e = self.entities.get(m.key or "")
            if e is None or e.label != "Material" or m.end - m.start < 2 or m.end + 1 >= len(doc):
                continue
            if doc[m.end].lower_ not in ("and", "or") or (m.end + 1) in covered or not doc[m.end + 1].is_alpha:
                continue
            form = " ".join(t.text for t in doc[m.start : m.end - 1]) + " " + doc[m.end + 1].text
            known = self.x.gazetteer.lookup(form)
            if known is not None and known.label == "Material":
                out.append(Mention(m.end + 1, m.end + 2, self._known(known), doc[m.end + 1].text))
        return out

    def _inverted(self, doc: Any, m: Mention) -> Mention:
        """ "the batteries of about one million electric vehicles": the "electric vehicle batteries" the vocabulary knows,
        not the vehicles (a lower-case head, "of" or "for", numbers and quantity words, then the known name)."""
        e = self.entities.get(m.key or "")
        if e is None or e.label not in ("EndUse", "Material") or m.text[-1:] != "s":
            return m
        k = m.start - 1
        while k > 0 and (doc[k].like_num or doc.lowers[k] in ("about", "around", "some", "nearly", "almost", "over", "up", "to")):
            k -= 1
        if k < 1 or doc.lowers[k] not in ("of", "for") or not (doc[k - 1].is_alpha and doc[k - 1].is_lower) or doc.lowers[k - 1] in self.v.STOP:
            return m
        known = self.x.gazetteer.lookup(f"{m.text[:-1]} {doc[k - 1].text}")
        if known is None or known.label != e.label or known.id == e.key:
            return m
        return Mention(k - 1, m.end, self._known(known), doc[k - 1 : m.end].text, label_of_known=known.label)

    def _candidates(self, doc: Any, known: list[Mention]) -> list[Mention]:
        """Capitalised name runs that the gazetteer does not cover, each with a label where a cue gives one."""
        covered = set()
        known_at = {m.start: m for m in known if m.key}
        for m in known:
            covered.update(range(m.start, m.end))
        out: list[Mention] = []
        self.sites_to, self.site_noun = -1, "mine"  # where a list of sites goes on: "mines copper at Tenke Fungurume and Kisanfu"
        self.places_to = -1  # where a list of places of production goes on: "makes it at Gwangyang and Pohang"
        i, n, ahead = 0, len(doc), name_starts(doc)  # (ahead[k]: the first token from k on that can open a name; few can)
        while (i := ahead[min(i, n)]) < n:
            if i > 0 and doc[i - 1].text == "(" and i not in covered and has_cjk(doc[i].text):
                out.append(Mention(i, i + 1, None, doc[i].text))
                i += 1
                continue
            if not name_token(doc, i) or (i in covered and not absorbable(doc, known, i)
                                          and not (i in known_at and brand_letter(doc, known_at[i].end))):  # ("BMW i Ventures")
                i += 1
                continue
            j = known_at[i].end if i in covered and i in known_at else i
            while j < n:
                if j in covered and j > i and j in known_at and self.entities[known_at[j].key].label in ("Place", "Country") \
                        and known_at[j].end <= n and (known_at[j].end == n or not name_token(doc, known_at[j].end)
                                                      or _suffix(doc, known_at[j].end)) \
                        and not (doc.lowers[j - 1] == "of" and doc.lowers[j - 2] in self.v.LANDFORM_HEADS):  # ("the Fraser Range of Western Australia": a place in it)
                    j = known_at[j].end  # "Lynas Malaysia": a firm named after where it works
                    while j < n and (_suffix(doc, j) or doc.lowers[j] == "de" and j + 1 < n and _suffix(doc, j + 1) and _suffix(doc, j - 1)):
                        j += 1 + (doc.lowers[j] == "de")  # "Lynas Malaysia Sdn Bhd", "... de Mexico S.A. de C.V."
                    break
                if j in covered and j > i and (self._place_inside(doc, known_at, j) or j in known_at and known_at[j].label_of_known in ORG_LABELS
                                               and name_token(doc, j - 1) and doc.lowers[j - 1] not in self.v.STOP
                                               and (absorbable(doc, known, j) or doc.lowers[i] in lexicon.LEGAL_PREFIXES)):  # ("PT Halmahera Persada Lygend")
                    j = known_at[j].end  # "Almonty Korea Tungsten", "PT Indonesia BTR New Energy Material": a place or a firm inside a name
                    continue
                if j in covered and j > i:
                    if doc[j - 1].lower_ == "of" and j in known_at and self.entities[known_at[j].key].label in ("Place", "Country") \
                            and any(w in ALL_CUES for w in doc.lowers[i : j - 1]):
                        j = known_at[j].end  # "Government of Quebec", "University of Queensland": the place is part of the name
                    break
                if j > i and j + 1 < n and number_sign(doc, j + 1) and doc.lowers[j] in self.v.INSTRUMENT_HEADS \
                        and not (j == i + 1 and (doc.lowers[i] in COMMON_CAPITALS or doc.lowers[i] in self.v.INSTRUMENT_PREFIXES)):
                    break  # (but "Government Regulation No. 1 of 2017" is one name)  # "... Customs Announcement No. 18": the numbered instrument is a name of its own
                if j > i and (end := possessive_place_end(doc, j, self.v.POSSESSIVE_PLACE_HEADS)) is not None:
                    j = end  # "the Voisey's Bay mine": a possessive inside a place's name (.sites)
                elif name_token(doc, j):
                    j += 1
                    if doc[j - 1].text.endswith(".") and doc[j - 1].lower_ in lexicon.LEGAL_SUFFIXES and j > i + 1:
                        break  # "... Corp. VAC is owned": a legal suffix with a full stop ends the name
                elif j > i and brand_letter(doc, j):
                    j += 1  # "BMW i Ventures" (.openers)
                elif j > i and (end := joined_end(doc, i, j)) is not None:
                    j = end  # "Dar es Salaam": a world place's name with a small word inside (.world)
                elif doc[j].text in NAME_JOINERS and j + 1 < n and name_token(doc, j + 1) and j > i \
                        and not (doc[j].text == "-" and doc[j - 1].whitespace_):  # ("KIRUNA, Sweden - LKAB": a dash)
                    j += 2 if doc[j].text in ("-", "&") else 1
                elif doc[j].lower_ == "of" and j > i and j + 2 < n and doc.lowers[j + 1] == "the" and name_token(doc, j + 2) \
                        and j + 2 not in covered and any(w in WORDS.INSTITUTION_HEADS for w in doc.lowers[i:j]) and "of" not in doc.lowers[i:j] \
                        and not (j + 3 < n and (name_token(doc, j + 3) or doc.lowers[j + 3] == "of")):  # (not "... of the Republic of X")
                    j += 2  # "the US Department of the Treasury", "Ministry of the Environment": a body's name past "of the"
                elif doc[j].text == "-" and j > i and j + 3 < n and doc[j + 1].lower_ in HYPHEN_PARTICLES and doc[j + 2].text == "-" \
                        and not any(doc[k].whitespace_ for k in range(j - 1, j + 3)) and name_token(doc, j + 3):
                    j += 4  # "Saint-Michel-des-Saints", "Saint-Jean-sur-Richelieu": a hyphenated place with a small word inside
                elif doc[j].text == "-" and j > i and not doc[j - 1].whitespace_ and j + 2 < n and doc[j + 1].is_lower \
                        and name_token(doc, j + 2) and _institution_ahead(doc, j + 2):
                    j += 2  # "State-owned Assets Supervision and Administration Commission": a lower-case part of a body's name
                elif doc[j].text in ("and", ",") and j > i and institution_continues(doc, i, j, covered):
                    j += 2 if doc[j].text == "and" or doc[j + 1].text != "and" else 3
                elif doc[j].text in ("and", ",") and j > i and (end := descriptors_continue(doc, j, covered, i)) is not None:
                    j = end  # "United Mining and Chemical Company"
                elif j > i and doc.lowers[i + (doc.lowers[i] in self.v.STOP)] in self.v.INSTRUMENT_HEADS and (end := instrument_continues(doc, j)) is not None:
                    j = end  # "the Regulations on the Export Control of Dual-Use Items", "Catalogue of Technologies Prohibited and Restricted from Export"
                else:
                    break
            if j > i and j + 1 < n and doc[j].text == "," and _suffix(doc, j + 1) \
                    and (doc[j - 1].lower_ in ("co.", "co") or doc.lowers[j + 1].rstrip(".") in self.v.COMMA_SUFFIXES):
                j += 2  # "Honda Motor Co., Ltd.", "USA Rare Earth, Inc. (USAR)"
            while i < j < n and doc.lowers[j] in lexicon.LOWER_CASE_SUFFIXES:
                j += 1  # "Ostrel Minerals plc", "Valtek Kovine d.o.o."
            while i < j and j + 1 < n and doc.lowers[j] == "de" and _suffix(doc, j + 1) and _suffix(doc, j - 1):
                j += 2  # "Minera Kolvane S.A. de C.V.": a Mexican legal form in two parts
            while j > i and doc[j - 1].text in NAME_JOINERS:
                j -= 1
            j = numbered(doc, j)
            if normalise(doc[i:j].text) in NOT_PARTIES or self._not_party_shape(doc.lowers[i:j]):
                self._not_party(doc, i, j)  # ("the US Geological Survey", "GlobalData, a London-based analytics firm")
                i = j
                continue
            start = i
            while start < j and ((doc[start].lower_ in self.v.STOP and not (start in covered and _institution(doc.lowers[i:j]))  # ("US Army Corps")
                                  and not (start > 0 and doc.lowers[start - 1] in TITLE_WORDS and not opens(doc, start)))  # ("chief executive Will Dawes")
                                 or doc[start].lower_ in MONTHS or doc[start].lower_ in self.v.WEEKDAYS
                                 or (sentence_start_common(doc, start) and not doc.lowers[start + 1 : start + 2] in (["earth"], ["earths"])
                                     and not (start + 2 < j and doc.lowers[start + 1] in self.v.INSTRUMENT_HEADS and number_sign(doc, start + 2)))
                                 or _suffix(doc, start)):  # ("RARE EARTH MANAGEMENT REGULATIONS": "rare" of "rare earth")
                start += 1  # (a legal suffix ends a name, never starts one: "K-Technologies, Inc. TechMet")
            start = particle_start(doc, i, start, j)  # "Sales de Jujuy" (.openers)
            if start == i + 1 < j and sentence_start_common(doc, i) and doc[start].lower_ not in KIND_WORDS and (
                    j - 1 == start and (doc[start].lower_ in self.lower_words or _commodity(self.x.gazetteer, doc[start].text))
                    or doc.lowers[start : start + 2] in (["rare", "earth"], ["rare", "earths"])
                    or doc[i].lower_ in self.v.DIRECTION_WORDS and j - start >= 2 and (_commodity(self.x.gazetteer, doc[j - 1].text)
                                                                                       or cue_label(doc.lowers[start:j])[0] == "Company")):
                start = i  # "First Solar, the largest US solar manufacturer", "Northern Graphite restarted", "Northern
                # Rare Earth, which is 36.7 % owned by", "Southern Cross Gold": a name (no firm is called "Rare Earth")
            if start + 2 < j and doc[start + 1].lower_ == "of" and doc[start].lower_ in self.lower_words and opens(doc, start) \
                    and doc[start].lower_ not in ALL_CUES:
                start += 2  # "Shares of MP Materials rose", "Development of Toliara": a common noun of the name
            i = max(j, i + 1)
            longest_name = MAX_INSTRUMENT_TOKENS if start < j and doc.lowers[start] in self.v.INSTRUMENT_HEADS and not doc[start].is_upper \
                else MAX_NAME_TOKENS
            if start >= j or j - start > longest_name:
                continue  # not a name: a headline-like run of capitalised words
            self.skip_until = 0
            mention = self._classify(doc, start, j, known)
            if mention is not None and mention.label in ORG_LABELS and start in known_at and known_at[start].label_of_known in ORG_LABELS:
                mention.strong = True  # "sold the mine to Brennic Metals": a known firm's name opens it, a firm as surely
            if mention is not None:
                seat = next((k for k in range(start + 2, j - 1) if k + 1 in known_at and known_at[k + 1].end == j
                             and self._group_of_place(doc, k + 1)), None)
                if seat is not None:  # "the Halvor Group of Austria": the name is "Halvor Group", the country its seat
                    mention.text = doc[start:seat].text
                out.append(mention)
            i = max(i, self.skip_until)
        return out

    @staticmethod
    def _common_abbreviation(doc: Any, i: int, known: list[Mention]) -> bool:
        """An abbreviation in brackets of the lower-case words before it, "high-pressure acid leach (HPAL)": a process or
        a thing's kind, no party (a name before the bracket, "mixed hydroxide precipitate (MHP)", keeps its own)."""
        abbr = doc[i].text
        if not (abbr.isupper() and abbr.isalpha() and 2 <= len(abbr) <= 6 and 0 < i - 1 and doc[i - 1].text == "("
                and i + 1 < len(doc) and doc[i + 1].text == ")") or any(m.end == i - 1 for m in known):
            return False
        words, k = [], i - 2
        while k >= 0 and len(words) < len(abbr) and (doc[k].text == "-" or doc[k].is_alpha and doc[k].is_lower):
            if doc[k].text != "-":
                words.append(doc[k].text)
            k -= 1
        return len(words) == len(abbr) and "".join(w[0] for w in reversed(words)) == abbr.lower()

    def _classify(self, doc: Any, start: int, end: int, known: list[Mention]) -> Mention | None:
        text = doc[start:end].text
        lowers = doc.lowers
        words = lowers[start:end]
        norm = normalise(text)
        a_law = words[-1] == "law" and lowers[start - 1 : start] == ["the"]  # "the Foreign Trade Law", not a law firm
        if not norm or norm in REGIONS or norm in NOT_PARTIES or (any(w in lexicon.NOT_PARTY_WORDS for w in words[-1:]) and not a_law) \
                or any(w in lexicon.NOT_PARTY_WORDS and nxt == "of" for w, nxt in zip(words, words[1:])) \
                or any(w in lexicon.NOT_PARTY_ANYWHERE for w in words):
            return None  # (and "the Export-Import Bank of Valdren", "Valdren News Agency")
        if words[0] in MONTHS or words[0] in self.v.WEEKDAYS or all(w in self.v.STOP for w in words) or words[-1] in self.v.OCCASION_WORDS:
            return None  # (and "Investor Day": an occasion, no party)
        before = lowers[max(0, start - 3) : start]
        after = lowers[end : end + 3]
        if words[0] in OFFICE_WORDS:
            return None  # "Sweden's Minister for Energy": an office, not a body
        office = next((k for k in range(start + 1, end - 1) if lowers[k] in OFFICE_WORDS), None)
        if office is not None and (any(w in ALL_CUES for w in lowers[start:office]) or any(m.start == start and m.end == office and m.key for m in known)) \
                and words[0] not in self.v.INSTRUMENT_HEADS:  # "POSCO Group Chairman Chang In-wha", "Glencore Chairman ...": the firm, then its chairman
            self._classify(doc, office + 1, end, known)
            self.skip_until = max(self.skip_until, end)
            return self._classify(doc, start, office, known)
        # a person: after a title, followed by ", (the) chief executive ...", "Sweden's minister", a given name, or a person's surname
        after_title = [w for w in lowers[end : end + 5] if w not in ("the", "a", "its", "an")]
        title_at = 3 if possessive_at(after_title, 2) else 1
        person = (
            (before and before[-1] in TITLE_WORDS and not (before[-1] == "under" and cue_label(words) == ("Policy", True)))  # (not "under Decision No. 7")
            or (any(w in TITLE_WORDS for w in words[:-1]) and not any(w in ALL_CUES for w in words)
                and not (before[-1:] in (["in"], ["near"]) and places.lookup(text)))  # ("a plant in General Güemes": a town)
            or (after_title[:1] == [","] and len(after_title) > title_at and after_title[title_at] in TITLE_WORDS)
            or (after_title[:1] == [","] and any(w in PUNDITS for w in after_title[1:3]))  # "X, a mining strategist"
            or (len(words) in (2, 3) and words[0] in lexicon.GIVEN_NAMES and not any(w in ALL_CUES for w in words)
                and not (lowers[end : end + 1] and lowers[end] in self.v.SITE_NOUNS or self._site_end(doc, start, end)))  # ("the Kathleen Valley lithium project")
        )
        if person:
            k = end
            while k < len(doc) and (doc[k].lower_ in ("von", "van", "der", "den", "de", "da", "bin", "al", "le", "la")
                                    or (name_token(doc, k) and doc[k].lower_ not in self.v.STOP)):
                k += 1  # "Ursula von der Leyen"
            self.persons.update((doc[k - 1].lower_, doc[start].lower_))  # ("Chang said": the family name first, "Chang In-wha")
            self.skip_until = k
            return None
        if len(words) == 1 and words[0] in self.persons:
            return None
        if end - start == 1 and self._common_abbreviation(doc, start, known):
            self.sources.add(norm)  # (and in the rest of the document: "HPAL plants")
            return None
        if norm in self.sources or self._source(doc, lowers, start, end):
            self.sources.add(norm)  # (and in the rest of the document)
            self._silence(doc, start, end)
            return None
        # data sources and news outlets: "according to Adamas", "Benchmark data show", "told Reuters", "reported by X"
        cited = lowers[max(0, start - 3) : start - 1] if before[-1:] == ["the"] else before  # ("according to the X")
        if cited[-2:] in (["according", "to"], ["reported", "by"], ["interview", "with"]) or before[-1:] == ["told"] \
                or (before and before[-1] in ("consultancy", "consultant", "analysts", "researcher")) \
                or (after and after[0] in ("data", "estimates", "estimated", "analysts", "analyst", "figures", "research")):
            self._silence(doc, start, end)
            return None
        # quoted names are concepts or slogans
        if start > 0 and doc[start - 1].text in ('"', "“", "'", "‘") and end < len(doc) and doc[end].text in ('"', "”", "'", "’"):
            return None
        # stock listings: "listed in Shenzhen", "a Hong Kong listing"
        if (before and before[-1] in ("in", "on") and len(before) > 1 and (before[-2] in self.v.LISTING_WORDS or before[-2] in self.v.MARKET_WORDS)) \
                or (after and after[0] in self.v.LISTING_WORDS):
            if not (cue_label(words)[0] == "Policy" or {"no", "no."} & set(words)):
                return None  # (but "the items listed in Announcement No. 50": a notice, not an exchange)
        if end - start == 1 and (doc[start].lower_ in COMMON_CAPITALS or len(text) == 1):
            return None  # "Yes", "Q:" and "A:" of an interview
        if end - start == 1 and cue_label(words)[0] is None and (word_opener(doc, start) or no_name(doc, start, end, self.v)):
            return None  # "Together they produced ...", "Securing anode material is ...": a word of the sentence
        if end - start == 1 and (words[0] in KIND_WORDS or words[0] in lexicon.LEGAL_SUFFIXES):
            return None  # "Group", "Plant", "Limited": a kind word alone (a table header, a fragment) names nothing
        if "$" in text or "€" in text or "£" in text or "¥" in text or (end - start == 1 and NUMERAL.fullmatch(text)) \
                or (end - start == 1 and words[0] in self.v.CURRENCY_CODES and end < len(doc) and doc[end].like_num):
            return None  # "A$300 million", "EUR 75 million", "Corp. II": a currency or a numeral, not a name
        if end < len(doc) and lowers[end] in self.v.GEO_NOUNS and cue_label(words)[0] is None:
            return None  # "France's Atlantic coast": a stretch of coast, no party
        if end < len(doc) and doc[end].lower_ in ("segment", "segments"):
            return None  # "its Special Chem segment": a part of a firm's accounts, not a firm
        if end - start == 1 and formula(text):
            return None  # "the NdFeB industry": a compound's formula, not a firm
        if end - start == 1 and opens(doc, start) and words[0].endswith("ed") and lowers[end : end + 1] == ["by"]:
            return None  # "Issued by the Ministry ...", "Published by": a participle opening the line, not a name
        if end - start == 1 and words[0] in self.lower_words and opens(doc, start):
            return None  # "Ore from the area ...", "Without mines, ...": a word the document also writes in lower case
        if any(c.isdigit() for c in text) and not any(w in ALL_CUES for w in words):
            return None  # "Q3", "H1", "Figure 2": not names
        label, strong = cue_label(words)
        if label is None and end - start == 1 and text.isupper() and lowers[end : end + 1] and lowers[end] in self.v.MATERIAL_HEADS \
                and doc[end].is_lower:
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Material", True)  # "SEG oxide": an acronym's material
        if label is None and any(k.start == start and k.label_of_known in ORG_LABELS for k in known):
            label, strong = "Company", True  # "POSCO Argentina": a known firm's national subsidiary (text.absorbable)
        if label is None and end - start == 2 and any(k.start == start and k.label_of_known == "Element" for k in known) \
                and any(k.end == end and k.label_of_known in ("Place", "Country") for k in known):
            label, strong = "Company", True  # "Lithium Argentina": a commodity and a country name a firm (text.absorbable)
        listed = self._listed_sites(doc, start) if label is None and before[-1:] == [","] and lowers[end : end + 1] in ([","], ["and"]) else None
        if label is None and not possessive_at(lowers, end) and (before[-1:] == ["at"] and self._mined_at(doc, start, known) and not town_in(self, doc, known, start, end) or listed or before[-1:] in (["and"], [","]) and start - 1 == self.sites_to):
            self.sites_to, self.site_noun = end, listed or ("mine" if before[-1:] == ["at"] else self.site_noun)
            return Mention(start, end, None, f"{text} {self.site_noun}", "Facility", True)  # "mines copper at A and B": each a mine
        site = self._site_end(doc, start, end) if label in (None, "Place") else None
        if site is not None:  # "the Kruta Balka lithium deposit", "its Kokkola lithium hydroxide refinery"
            return Mention(start, site, None, doc[start:site].text, "Facility", True)
        site = operation_end(doc, start, end, self.v.SITE_DETERMINERS) if label in (None, "Place") else None
        if site is not None:  # "the Forrestania operation", "its Sudbury operations" (.sites)
            return Mention(start, site, None, doc[start:site].text, "Facility", True)
        shared = shared_kind(doc, start, end, self.v.SITE_DETERMINERS, self.v.FACILITY_NOUNS) if label in (None, "Place") else None
        if shared is not None:  # "the Coral Bay and Taganito plants": each a plant (.sites)
            return Mention(start, end, None, f"{text} {shared}", "Facility", True)
        if label is None and words[-1] in self.v.LANDFORM_HEADS and before[-1:] == ["the"] and (words[-1] not in self.v.DIRECTION_WORDS or after[:1] == ["of"]):
            return Mention(start, end, None, text, "Place", True)  # "the Fraser Range", "the South West of Western Australia"
        if label in (None, "Place") and end < len(doc) and lowers[end] in self.v.PLACE_HEADS and doc[end].is_lower:
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Place", True)  # "the Donetsk region"
        # "Takefu Plant", "La Rochelle plant": a named facility
        if end < len(doc) and (doc[end].lower_ in self.v.FACILITY_NOUNS or doc[end].lower_ == "project") and label in (None, "Place") and not doc[end].lower_.endswith("s") \
                and lowers[end + 1 : end + 2] != ["-"]:  # (not "X smelter-grade alumina": a grade's word)
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Facility", True)
        if label is None and end < len(doc) and lowers[end] in self.v.GROUP_NOUNS and doc[end].is_lower:
            return Mention(start, end, None, text, "Company", True)  # "part of the Heraeus group": the name of a group of firms
        if end < len(doc) and doc[end].lower_ in ("programme", "program", "fund", "scheme", "initiative") and label in (None, "Place"):
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Policy", True)  # "its Green Platform programme"
        if label in (None, "Company") and not strong and before[-1:] == ["with"] and before[-2:-1] and before[-2] in self.v.DEAL_NOUNS:
            return Mention(start, end, None, text, label, True)  # "a supply agreement with X": a party to a deal (an
            # organisation; a cue-less one keeps no label, so that "an alliance with Kestrel" is still the short form of
            # "Kestrel Rare Metals")
        if label is None and (capital := metonym(self, doc, start, end)) is not None:  # "Jakarta banned" (.metonyms)
            return Mention(capital[0], end, self._known(capital[1]), doc[capital[0] : end].text, label_of_known="Country")
        if label is None:
            nxt = doc[end].text if end < len(doc) else ""
            if nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ == "based" or words[0] in self.v.PLACE_OPENERS and end > start + 1:
                label, strong = "Place", True  # (and "the Salar de Atacama": a name a place's kind opens)
            elif before[-2:] in (["based", "in"], ["headquartered", "in"], ["located", "in"]) or before[-1:] == ["at"] and self._place_follows(doc, known, end):
                label, strong = "Place", True  # (and "produced at Safi, Jordan": a place the next one holds)
            elif not self.in_row and self._place_chain(doc, known, start, end):
                label, strong = "Place", False  # "Halifax, Nova Scotia": a place the region after it holds
            elif (before[-1:] in (["in"], ["near"], ["outside"]) or (before[-1:] == ["at"] and before[-2:-1] and (
                    before[-2] in self.v.FACILITY_NOUNS or singular(before[-2]) in self.v.FACILITY_NOUNS))) \
                    and not self.org_apposition(lowers, end):
                label, strong = "Place", False  # (but "a stake in X, the Argentinian subsidiary that ...": a firm)
            elif (before[-1:] == ["at"] and made_at(doc, start, self.v.MADE_AT_VERBS) or before[-1:] in (["and"], [","])
                  and start - 1 == self.places_to) and not any(k.start < end and start < k.end for k in known) \
                    and not any(_commodity(self.x.gazetteer, t.text) for t in doc[start:end]):  # ("at H.C. Starck Tungsten": a firm)
                self.places_to = end  # "makes cathode material at Gwangyang and Pohang" (.sites)
                return Mention(start, end, None, text, "Place", False, made_at=True)
            elif (before[-2:-1] == [","] and before[-3:-2] or before[-1:] == [","] and before[-2:-1]) \
                    and before[-3 if before[-1] in ("the", "a") else -2] in self.v.BODY_NOUNS:
                label, strong = "GovernmentBody", True  # "Greenland's parliament, the Inatsisartut": a body named after its kind
            elif before[-1:] == ["of"] and before[-2:-1] and before[-2] in self.v.PLACE_NOUNS:
                label, strong = "Place", True  # "the port city of La Rochelle"
            elif len(before) >= 2 and before[-1] in ("called", "named") and before[-2] in self.v.FACILITY_NOUNS:
                label, strong = "Facility", True  # "a separation plant called Caremag"
            elif nxt == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "where":
                label, strong = "Place", True  # "to Richards Bay, where the refinery ..."
            elif start == 0 and all(t.is_upper or t.text == "-" for t in doc[start:end]) and (nxt in DASHES or nxt == "," and any(
                    t.text in DASHES or t.lower_ in MONTHS for t in doc[end + 1 : end + 6])) \
                    or start == 0 and nxt == "," and any(t.lower_ in MONTHS for t in doc[end + 1 : end + 4]) \
                    and any(t.text in DASHES for t in doc[end + 2 : end + 8]) or _dateline_of_places(doc, start, end):
                label, strong = "Place", True  # a dateline: "SUMTER, S.C. --", "TOKYO --", "TOKYO, March 3" (not "KRE, the
                # ..."), in title case with its date and dash: "Norvik, 9 April 2026 --", and of two places: "TOKYO and
                # NAGOYA, Japan --", "SEOUL, Korea and CLARKSVILLE, Tennessee -"
            elif world_place(doc, start, end, self, self.x.gazetteer, self.v) is not None:
                end = ward_end(doc, end)  # "trucked to Durban": a city of the world (.world)
                return Mention(start, end, None, doc[start:end].text, "Place", world=True)
        return Mention(start, end, None, text, label, strong)

    def _group_of_place(self, doc: Any, j: int) -> bool:
        """ "the Halvor Group of Austria", "Tessin Alloys AG of Switzerland": after a group's noun or an abbreviated
        legal form and "of", the place at ``j`` says where the firm is, it is no part of its name (as it is of
        "Government of Quebec", "Aluminum Corporation of China" or "Kestrel of Australia"), nor a party of its own."""
        word = doc.lowers[j - 2]
        return doc.lowers[j - 1] == "of" and (word in self.v.GROUP_NOUNS or word in lexicon.LEGAL_SUFFIXES and word not in _WORD_SUFFIXES)

    def _place_inside(self, doc: Any, known_at: dict[int, Mention], j: int) -> bool:
        """A known place or country at ``j`` between two words of one capitalised name (not a demonym, not after a
        joiner): "Almonty Korea Tungsten", "PT Indonesia BTR New Energy Material"."""
        m = known_at.get(j)
        if m is None or m.demonym and not demonym_firm(doc, m) or m.label_of_known not in ("Place", "Country") or not name_token(doc, j - 1) \
                or doc.lowers[j - 1] in self.v.STOP or m.end >= len(doc) or not name_token(doc, m.end) or doc.lowers[m.end] in self.v.STOP:
            return False
        after = known_at.get(m.end)
        return after is None or after.label_of_known in ("Element", "Material", *ORG_LABELS)

    def org_apposition(self, lowers: list[str], end: int) -> bool:
        """An appositive after the name at ``end`` says it is an organisation: ", the Argentinian subsidiary", ", a unit of"."""
        if lowers[end : end + 1] != [","] or lowers[end + 1 : end + 2] not in (["the"], ["a"], ["an"]):
            return False
        nouns = self.v.ORG_NOUNS | self.v.SUBSIDIARY_NOUNS
        return any(w in nouns for w in lowers[end + 2 : end + 6])

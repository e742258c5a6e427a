"""Pass 2, names within the document: short forms, initials, bracketed abbreviations and names without their
legal suffix resolve to the entity they abbreviate; entities named two ways merge.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..gazetteer import normalise
from .model import Entity, Mention, ORG_LABELS, Relation, Sentence
from .groups import group_parents, name_core
from .placedsites import merge_placed_sites
from .world import not_world_places
from .text import ENGLISH_WORDS, cue_label, facility_props, is_cue, place_core, shorter_forms, site_core, strip_suffix


_COUNTRY_WORDS = frozenset(normalise(n) for name, _, aliases in lexicon.COUNTRIES for n in (name, *aliases) if " " not in n and n[:1].isupper())
"""A country's one-word name: after a firm's name it names the national subsidiary ("Lynas Malaysia", "POSCO Argentina"),
whose shorter forms are the parent's names, not its own."""


_INNER_JOINERS = frozenset(("and", "&"))
"""Small words that join a name's nouns ("Viridis Mining and Minerals"): they do not make a coined name ordinary prose."""


_BODY_HEADS = frozenset(w for label, words in lexicon.LABEL_CUES if label == "GovernmentBody" for w in words) \
    - {"army", "navy", "parliament", "force", "corps", "government"}
"""A body's head word alone ("the Department", "the Agency") is a short form of the body the text named with it; a
body whose word names one of a kind ("the Navy", "Parliament") is not one (and "the Government" names none)."""


class NameIndex:
    """Organisation names of one document by the ways a text shortens them, for constant-time look-ups."""

    def __init__(self, is_place=lambda word: False, groups: dict[str, str] | None = None) -> None:
        """``is_place``: whether a word names a place or country (the first word of "Zhejiang Huayou Cobalt");
        ``groups``: a group's shared first words with its parent's name (.groups.group_parents)."""
        self.is_place = is_place
        self.groups = groups or {}
        self._parents: dict[str, str] = {}  # shared first words -> the parent's key, once it is added
        self.names: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        self.last_words: dict[str, str] = {}
        self.initials: dict[str, str] = {}
        self.heads: dict[str, str] = {}
        self._lengths: dict[str, int] = {}

    def add(self, e: Entity) -> None:
        self.names.setdefault(normalise(e.name), e.key)
        for a in e.surfaces:
            self.alias(e, a)
        tokens = normalise(e.name).split()
        country = next((k for k, t in enumerate(tokens) if k and t in _COUNTRY_WORDS), len(tokens))
        for k in range(country if country < len(tokens) else 1, len(tokens)):  # ("Tianqi Lithium Energy Australia": not "Tianqi Lithium")
            prefix = " ".join(tokens[:k])
            owner = self.prefixes.get(prefix)
            if prefix in self.groups and self.groups[prefix] in {name_core(n) for n in (e.name, *e.surfaces)}:
                self._parents[prefix] = e.key  # "AMG" of "AMG Critical Materials", the group's parent
            if prefix in self._parents:
                self.prefixes[prefix] = self._parents[prefix]
            elif owner is None or len(e.name) < self._lengths.get(owner, 10**6):
                self.prefixes[prefix] = e.key
        self._lengths[e.key] = len(e.name)
        if len(tokens) > 1 and self.is_place(tokens[0]) and tokens[1] not in ENGLISH_WORDS and not is_cue(tokens[1]) \
                and not self.is_place(tokens[1]):
            for k in range(2, len(tokens) + 1):  # "Huayou" of "Zhejiang Huayou Cobalt": the province, then the firm's name
                self.prefixes.setdefault(" ".join(tokens[1:k]), e.key)
        core = [t for t in tokens if t not in lexicon.LEGAL_SUFFIXES]
        if len(core) >= 2 and not is_cue(core[-1]) and len(e.name.split()) >= 2:  # (not "Olaroz" of "Cauchari-Olaroz": one word)
            self.last_words.setdefault(core[-1], e.key)
        if len(core) >= 2:
            self.initials.setdefault("".join(t[0] for t in core), e.key)
        if e.label == "GovernmentBody" and len(tokens) >= 2:
            for t in tokens:
                if t in _BODY_HEADS:
                    self.heads.setdefault(t, e.key)  # "the Department" after "the US Department of Defense"

    def alias(self, e: Entity, name: str) -> None:
        self.names.setdefault(normalise(name), e.key)


class Names:
    """Pass 2: candidate names resolved within the document; merges."""

    def resolve(self) -> None:
        """Give every candidate name an entity: by its cue label, as a short form of another name, or as a new one."""
        # strong-cue candidates become entities at once; others wait for confirmation
        org_prefixes = set()
        for s in self.sentences:
            for m in s.mentions:
                if m.key is None and (m.label in ORG_LABELS or m.label is None and m.strong):
                    tokens = normalise(m.text).split()  # (a deal's party whole: "a stake in Talvik" after "a deal with Talvik")
                    org_prefixes.update(" ".join(tokens[:k]) for k in range(1, len(tokens) + (m.label is None)))
                elif m.key is not None and self.entities[m.key].label in ORG_LABELS:  # a known firm's, as a new one's
                    tokens = normalise(m.text).split()  # ("invested in Noveon" after the known "Noveon Magnetics")
                    org_prefixes.update(" ".join(tokens[:k]) for k in range(1, len(tokens)))
        sites = {normalise(" ".join(m.text.split()[:-1])) for s in self.sentences for m in s.mentions
                 if (m.label or m.label_of_known) == "Facility"}  # (a known site's too: "its La Negra plant")
        not_places = not_world_places([m for s in self.sentences for m in s.mentions], self.x.gazetteer, self.firm_names)
        for s in self.sentences:
            self._listed_places(s, sites)
        index = NameIndex(self._is_place_word, group_parents(self.sentences, self.v.SUBSIDIARY_NOUNS))
        for e in self.entities.values():
            if e.label in ORG_LABELS:
                index.add(e)
        for s in self.sentences:
            for m in s.mentions:
                if m.key is not None or m.label is None or (m.label == "Company" and not m.strong):
                    continue
                if m.label == "Place" and not m.strong and (normalise(m.text) in org_prefixes or m.made_at and normalise(m.text) in sites
                                                            or m.world and normalise(m.text) in not_places):  # ("Kwinana" of "Kwinana refinery")
                    m.label = None  # "invested in Noveon" where Noveon Magnetics is named, "separates it at Takefu" where
                    continue  # the Takefu plant is: not a place
                entity = self._group_of(s, m)
                if m.label is None:
                    continue
                entity = entity or self._candidate_entity(s, m)
                m.key = entity.key
                if entity.label in ORG_LABELS:
                    index.add(entity)
        places = {normalise(m.text): m.key for s in self.sentences for m in s.mentions if m.key and m.label == "Place" and m.strong}
        sites = {n: e.key for e in self.entities.values() if e.label == "Facility" for n in (self._site_name(e), self._site_key(e), self._plant_head(e)) if n}
        for s in self.sentences:
            for idx, m in enumerate(s.mentions):
                if m.key is not None:
                    continue
                norm = normalise(m.text)
                if norm in places and norm not in index.names:
                    m.key = places[norm]  # "from Lobito" after "the port of Lobito": the place, not a short
                    continue  # form of "Lobito Atlantic Railway"
                prev = self.ent(s.mentions[idx - 1]) if idx > 0 else None
                if prev is not None and prev.label == "Place" and s.mentions[idx - 1].end == m.start - 1 and not s.mentions[idx - 1].world \
                        and s.lower(m.start - 1) == "," and (m.end >= s.end or s.lower(m.end) in (",", ".", ";", ")", "and", "--", "—")) \
                        and not self.org_apposition(s.lowers, m.end):  # (not "In Ulster, X, a subsidiary of Y")
                    entity = self._new("Place", m.text)  # "Kingston, Ontario": the place that holds the one before
                    m.key = entity.key
                    continue
                target = self._abbreviation_of(s, idx, m, index)
                if target is not None and norm in sites and index.prefixes.get(norm) == target.key and norm not in index.names \
                        and len(target.name.split()) - len(m.text.split()) >= 2:  # (not "Keliber" of "Keliber Oy")
                    target = self.entities[sites[norm]]  # "Round Top is rich in dysprosium": the deposit's name, not a
                    # short form of "Round Top Mountain Development Company"
                if target is not None:
                    m.key = target.key
                    target.surfaces[m.text] += 0
                    index.alias(target, m.text)
                    continue
                entity = self._new(self._org_label(s, m, "Company"), m.text,  # (strong: a deal's party)
                                   confirmed=m.strong or m.label == "Company" and self._coined(s, m))
                m.key = entity.key
                index.add(entity)
        self._titled_notice()
        self._numbered_policies()

    def _is_place_word(self, word: str) -> bool:
        known = self.x.gazetteer.lookup(word)
        return known is not None and known.label in ("Place", "Country")

    def _numbered_policies(self) -> None:
        """ "Announcement No. 62" in a note under "Ministry of Commerce Announcement No. 62 of 2025" is that
        announcement, not a second policy: a new policy named by its number alone is the one other policy of the
        document with that number (none when two are: "No. 61 of 2023" and "No. 61 of 2025")."""
        numbered: dict[str, list[Entity]] = {}
        for e in list(self.entities.values()):
            if e.label == "Policy":
                for number in {n for name in (e.name, *e.surfaces) for n in _POLICY_NUMBER.findall(name)}:
                    numbered.setdefault(number, []).append(e)
        for number, policies in numbered.items():
            bare = [e for e in policies if e.known is None and _BARE_NUMBERED.fullmatch(e.name)]
            others = [e for e in policies if e not in bare]
            if len(others) == 1:
                for e in bare:
                    self.merge(e.key, others[0].key)

    def _titled_notice(self) -> None:
        """Second names of the instrument a notice's title names, not policies of their own: a heading under the title
        that names an instrument ("Announcement on the Implementation of Export Control on Rare Earth Related
        Technologies" under "Announcement No. 62 of 2025"), and in the first sentence of the body the number it was
        promulgated under ("Decree of the State Council ..., No. 785": PROMULGATION_HEADS)."""
        titled = None
        for s in self.sentences:
            if s.heading:
                for e in (e for e in map(self.ent, s.mentions) if e is not None and e.label == "Policy"):
                    if titled is None:
                        titled = e
                    elif e is not titled and e.known is None and s.lower(s.start) in self.v.INSTRUMENT_HEADS:
                        self.merge(e.key, titled.key)
                continue
            for m in s.mentions if titled is not None else ():
                e = self.ent(m)
                if e is not None and e is not titled and e.label == "Policy" and e.known is None \
                        and s.lower(m.start) in self.v.PROMULGATION_HEADS and "no" in s.lowers[m.end : m.end + 3]:
                    self.merge(e.key, titled.key)
            return  # (only the first sentence of the body)

    def _group_of(self, s: Sentence, m: Mention) -> Entity | None:
        """ "the Toyota group" is Toyota Motor Corporation when the document names it (the group's name, at most one
        more word and a legal form), not a subsidiary with a name of its own ("Heraeus Remloy, part of the Heraeus group")."""
        if m.label != "Company" or s.lower(m.end) not in self.v.GROUP_NOUNS:
            return None
        words = normalise(m.text).split()
        fits = [e for e in self.entities.values() if e.label in ORG_LABELS and (name := normalise(e.name).split())[: len(words)] == words
                and len(words) < len(name) <= len(words) + 2 and name[-1] in lexicon.LEGAL_SUFFIXES]  # fmt: skip
        if len(fits) > 1:
            m.label = None  # "Toyota Tsusho Corporation" and "Toyota Motor Corporation": the short form decides, as any other
        return fits[0] if len(fits) == 1 else None

    def _listed_places(self, s: Sentence, sites: set[str]) -> None:
        """Cue-less names listed after a place are places: "mines ore in Kiruna, Malmberget and Svappavaara", "in
        Kerala and Odisha" (but not "In Japan, A and B signed": a list that is a verb's subject, nor the name of a
        site the document names with its kind word: "Salar de Atacama and La Negra" beside "its La Negra plant")."""
        ms = s.mentions
        for k, p in enumerate(ms):
            if (p.label_of_known or p.label) not in ("Place", "Country") or p.demonym or p.world:
                continue  # (a place only by the world's places leads no list: "the Centenario and Arizaro salars")
            listed, q = [], k + 1
            while q < len(ms) and ms[q].key is None and (ms[q].label is None or ms[q].world):  # ("Kokkola": .world)
                gap = [s.lower(t) for t in range(ms[q - 1].end, ms[q].start)]
                if gap not in ([","], ["and"], [",", "and"]):
                    break
                listed.append(ms[q])
                if "and" in gap:
                    if s.lower(ms[q].end) not in self.v.CLAUSE_VERBS | self.v.ORG_VERBS:
                        for m in (m for m in listed if normalise(m.text) not in sites):
                            m.label, m.strong, m.world = "Place", False, False
                    break
                q += 1

    def _coined(self, s: Sentence, m: Mention) -> bool:
        """A firm's name by its shape: a word no dictionary of the document holds, then an industry's word ("Quillon
        Mining", "Tavoria Rare Earths", "Norrik Magnet Technology"). Such a name is a firm wherever it stands (after
        "from", in a list, before "'s"), not only as the subject of a firm's verb; a word the vocabulary knows
        ("Critical Minerals", "Rare Earth Magnets": text.ENGLISH_WORDS), a known name ("Ganzhou Rare Earth": a place, then the industry) or a given name leaves
        the name to the usual confirmation."""
        words, lowers = s.doc[m.start : m.end], s.doc.lowers
        first = words[0]
        if len(words) < 2 or not first.is_alpha or not first.is_title or lowers[m.start] in self.lower_words \
                or m.start > 1 and lowers[m.start - 1] in ("and", "of", "&") and s.doc[m.start - 2].is_title:
            return False  # (nor the end of a longer name: "on Mineral and Coal Mining Enterprises")
        word = first.lower_
        return not (word in ENGLISH_WORDS or is_cue(word) or word in self.v.STOP or word in lexicon.GIVEN_NAMES
                    or word in lexicon.MONTHS or word in self.v.WEEKDAYS or self.x.gazetteer.lookup(first.text) is not None
                    or any(not t.is_title and not t.is_upper and t.lower_ not in _INNER_JOINERS for t in words))

    def _org_label(self, s: Sentence, m: Mention, label: str) -> str:
        """ "A, a state-owned miner": a state-owned enterprise rather than ``label``."""
        window = " ".join(s.lowers[max(s.start, m.start - 4) : min(s.end, m.end + 8)])
        return "StateOwnedEnterprise" if re.search(r"state\s*-\s*(owned|backed|controlled|run)", window) else label

    def _candidate_entity(self, s: Sentence, m: Mention) -> Entity:
        label = m.label or "Company"
        words = m.text.split()
        if label == "Place" and len(words) == 2 and words[1].lower() == "state" and words[0][:1].isupper():
            country = self.x.gazetteer.lookup(words[0])
            if country is not None and country.label == "Country":
                return self.entities[self._known(country)]  # "recognised by the French State": the country as a polity
        name = m.text.title() if m.text.isupper() and label == "Place" else m.text
        if label == "Facility":
            key = self.facility_names.get(normalise(name))
            key = self.resolve_key(key) if key is not None else None
            if key is not None and key in self.entities:
                return self.entities[key]
            entity = self._new("Facility", name, facility_props(name))
            entity.surfaces[site_core(name)] += 0  # "the Longonjo rare-earth project" is also the "Longonjo project"
            self.facilities.append(entity.key)
            self.facility_names[normalise(name)] = entity.key
            return entity
        if label in ORG_LABELS and label != "GovernmentBody":
            label = self._org_label(s, m, label)
            if label == "StateOwnedEnterprise":
                existing = self.x.gazetteer.lookup(name)
                key = f"new:org:{normalise(name)}"
                if existing is None and key in self.entities and self.entities[key].label == "Company":
                    self.entities[key].label = label
        if label == "Company":
            stripped = strip_suffix(name)
            if stripped != name:
                known = self.x.gazetteer.lookup(stripped)
                if known is not None and known.label in ORG_LABELS:
                    return self.entities[self._known(known)]
        entity = self._new(label, name, confirmed=m.strong or label != "Company")
        if label == "Place":
            entity.surfaces[place_core(name)] += 0  # "the Donetsk region" is also "Donetsk"
        elif label == "Policy":
            entity.surfaces[strip_suffix(name)] += 0  # "Regulations on X of the People's Republic of China" is "Regulations on X"
        return entity

    def _abbreviation_of(self, s: Sentence, idx: int, m: Mention, index: "NameIndex") -> Entity | None:
        """The organisation that ``m`` abbreviates: bracketed after it, an alias, a prefix, a last word, initials."""
        norm = normalise(m.text)
        if idx > 0 and m.start >= 1 and s.doc[m.start - 1].text == "(" and all(
                s.lower(k) in lexicon.LEGAL_SUFFIXES or s.lower(k) in (".", ",") for k in range(s.mentions[idx - 1].end, m.start - 1)):
            # ("Contemporary Amperex Technology Co. Limited (CATL)": legal forms the name's span left out may stand between)
            prev = self.ent(s.mentions[idx - 1])
            if prev is not None and prev.label in ORG_LABELS:
                return prev
        stripped = normalise(strip_suffix(m.text))
        found = index.names.get(norm) or (index.names.get(stripped) if stripped != norm else None) or index.prefixes.get(norm)
        if found is None:
            found = index.last_words.get(norm)
        if found is None and m.text.isupper() and 2 <= len(m.text) <= 5:
            found = index.initials.get(norm)
        if found is None and m.end - m.start == 1:
            found = index.heads.get(norm)
        if found is None:
            return None
        return self.ent(Mention(0, 0, found, ""))

    def merge(self, old: str, new: str) -> None:
        """Make entity ``old`` a second name of ``new``; mentions and relations follow through ``redirect``."""
        old, new = self.resolve_key(old), self.resolve_key(new)
        if old == new or old not in self.entities or new not in self.entities:
            return
        gone = self.entities.pop(old)
        target = self.entities[new]
        target.surfaces.update(gone.surfaces)
        target.surfaces[gone.name] += 0
        target.mentions += gone.mentions
        target.sentence = target.sentence or gone.sentence
        target.confirmed = target.confirmed or gone.confirmed
        target.demonym_only = target.demonym_only and gone.demonym_only
        self.redirect[old] = new
        for index in (self.out, self.into):
            for (type_, key) in [k for k in index if k[1] == old]:
                index.setdefault((type_, new), []).extend(index.pop((type_, key)))

    def _merge_same_names(self) -> None:
        """One thing named one way is one entity: places of the same name ("Blanding" in a sentence and in a table's
        "Blanding, Utah"); a cue-less name and a place of that name (the better-attested wins: "GWANGYANG, Korea"
        and "made at Gwangyang is sold"; "LKAB" and "in LKAB's mine"); a cue-less name that is a facility's name
        without its kind word ("Per Geijer lies close to ..." after "the Per Geijer deposit", "separates feed at Takefu"
        beside "the Takefu plant")."""
        places: dict[str, Entity] = {}
        cores: dict[str, Entity] = {}
        sites: dict[str, Entity] = {}
        bare: dict[str, Entity] = {}
        for e in sorted(self.entities.values(), key=lambda e: (e.known is None, -e.mentions)):
            if e.label == "Place":
                places.setdefault(normalise(e.name), e)
                if e.name.split()[-1].islower():
                    places.setdefault(normalise(place_core(e.name)), e)  # "Kirovohrad" and "the Kirovohrad region"
            elif e.label == "Facility":
                site = self._site_key(e)
                if site and sites.setdefault(site, e) is not e and e.known is None:
                    self.merge(e.key, sites[site].key)  # "the Round Top deposit" and "the Round Top project"
                    continue
                if normalise(e.name).split()[-1] not in self.v.SITE_NOUNS:
                    bare.setdefault(normalise(e.name), e)  # a table's "| Mountain Pass | MP Materials |"
                known = [a for a in e.known.aliases if a.split()[-1].lower() in self.v.SITE_ALIKE] if e.known is not None else []
                for name in {e.name, site_core(e.name), *map(site_core, known)}:  # ("Toliara" of "the Toliara heavy mineral
                    # sands project"; "Centenario" of a known site's alias "Centenario lithium project")
                    words = normalise(name).split()
                    if len(words) > 1 and (words[-1] in self.v.FACILITY_NOUNS or words[-1] in ("project", "operation", "operations")):
                        cores.setdefault(" ".join(words[:-1]), e)
                site = self._site_name(e)
                if site is not None:
                    cores.setdefault(site, e)
        for name, e in list(bare.items()):
            named = cores.get(name)
            if named is not None and named is not e and e.known is None:
                self.merge(e.key, named.key)  # the table's "| Kemerton |" row is the text's "Kemerton plant"
                bare[name] = named
        for e in list(self.entities.values()):
            if e.key not in self.entities or e.known is not None:
                continue
            name = normalise(e.name)
            place, facility, own = places.get(name), cores.get(name), bare.get(name)
            cueless = e.label == "Company" and cue_label(name.split())[0] in (None, "Place")
            if (cueless or e.label == "Place") and own is not None and own is not e:
                self.merge(e.key, own.key)  # "at Mountain Pass, California" beside the table's facility "Mountain Pass"
            elif e.label == "Place" and place is not None and place is not e:
                self.merge(e.key, place.key)
            elif cueless and place is not None:
                keep, gone = (place, e) if place.mentions >= e.mentions or place.known is not None else (e, place)
                self.merge(gone.key, keep.key)
                if keep is e and facility is not None and self._site_name(facility) == name:
                    self.merge(e.key, facility.key)  # "Pilgangoora has two processing plants" more often than "at
                    # Pilgangoora": the name of the site "the Pilgangoora Operation" is
            elif cueless and facility is not None:
                self.merge(e.key, facility.key)

    def _described_as_named(self, e: Entity) -> None:
        """ "the Kalgoorlie facility" is the document's one "Kalgoorlie Rare Earths Processing Facility": a facility
        described by its place and kind word is the only facility the document names with that place first and that
        kind word last; "the Malaysian plant" the only plant named with Malaysia in its name ("Lynas Malaysia plant"),
        or no facility of its own (a demonym names none)."""
        words = normalise(e.name).split()
        if len(words) < 2 or e.name[:1].islower():
            return
        country = self.x.gazetteer.lookup(words[0]) if len(words) == 2 else None
        if country is not None and (country.label != "Country" or normalise(country.name) == words[0]):
            country = None
        if words[-1] not in self.v.FACILITY_NOUNS and words[-1] != "project" and not (country and words[-1] in self.v.SITE_NOUNS):
            return
        head = " ".join(words[:-1]) + " "
        inside = f" {normalise(country.name)} " if country else None
        spelt = {f.key: [n for n in (f.name, *(f.known.aliases if f.known is not None else ()))  # (a known site: its names)
                         if (normalise(n).startswith(head) if inside is None else inside in f" {normalise(n)} ")
                         and all(w[:1].isupper() for w in n.split()[:-1])]  # (a name of its own, capitalised: "Obi HPAL plant")
                 for f in self.entities.values() if f.label == "Facility" and f is not e and f.key in self.entities}
        others = [self.entities[k] for k, names in spelt.items() if names]
        named = [f for f in others if any(normalise(n).split()[-1] == words[-1] for n in spelt[f.key])]
        if not named and words[-1] == "project" and inside is None:
            named = others  # "the Bécancour project" to build the document's one Bécancour facility, its plant
        if len(named) == 1:
            self.merge(e.key, named[0].key)
        elif country is not None:
            e.demonym_only = True  # "the Vietnamese project was abandoned": no name, kept only where a fact needs it

    def _site_key(self, e: Entity) -> str | None:
        """The name a mine, deposit or project goes by whichever of the three it is called ("Round Top" of "the Round
        Top heavy rare-earth deposit" and "the Round Top project": a project develops the deposit into a mine)."""
        words = site_core(e.name).split()
        if len(words) < 2 or words[-1].lower() not in self.v.SITE_ALIKE or not all(w[:1].isupper() for w in words[:-1]):
            return None
        return normalise(" ".join(words[:-1]))

    def _site_name(self, e: Entity) -> str | None:
        """The name of the site a mine, deposit, project or operation is ("Pilgangoora" of "the Pilgangoora Operation",
        "Stibnite" of "the Stibnite Gold Project": the capitalised words before its commodity or kind word), which a text
        also uses alone for the site ("Stibnite holds 4.8 million ounces of gold"); None for a plant, named after its
        town rather than being the place."""
        words = site_core(e.name).split()
        kind = words[-1].lower() if len(words) > 1 else ""
        if kind not in self.v.SITE_ALIKE and kind not in ("operation", "operations"):
            return None
        for k in range(1, len(words)):
            w = words[k].lower()
            if not words[k - 1][:1].isupper():
                return None
            known = [self.x.gazetteer.lookup(n) for n in (w, " ".join(words[k : k + 2]))] if k < len(words) - 1 else []
            if k == len(words) - 1 or any(x is not None and x.label in ("Element", "Material") for x in known) \
                    or w == "rare" and words[k + 1].lower() in ("earth", "earths"):  # ("Phalaborwa Rare Earths Project")
                return normalise(" ".join(words[:k]))  # ("Gold" of "Stibnite Gold Project", "Lithium" of "X Lithium Project")
        return None

    def _plant_head(self, e: Entity) -> str | None:
        """The capitalised name a plant goes by without its kind word and a process's initials ("Coral Bay" of "the Coral
        Bay HPAL plant"), as a text shortens it ("plans to close Coral Bay")."""
        words = e.name.split()
        if len(words) < 2 or words[-1].lower() not in self.v.FACILITY_NOUNS:
            return None
        head = words[:-1]
        while len(head) > 1 and head[-1].isupper():
            head = head[:-1]
        return normalise(" ".join(head)) if all(w[:1].isupper() for w in head) else None

    def _rekey_relations(self) -> None:
        """Relations after merges: ends renamed, duplicates and self-loops dropped (one pass)."""
        moved: dict[tuple, Relation] = {}
        for r in self.relations.values():
            r.source, r.target = self.resolve_key(r.source), self.resolve_key(r.target)
            if r.props.get("material"):
                r.props["material"] = self.resolve_key(r.props["material"])
            if r.props.get("event"):
                r.props["event"] = self.resolve_key(r.props["event"])
            if r.source != r.target:
                moved.setdefault((r.type, r.source, r.target, r.props.get("material")), r)
        self.relations = moved
        self.used = {self.resolve_key(k) for k in self.used}

    def _merge_duplicates(self) -> None:
        """Facilities named two ways ("Stillwater plant", "magnet plant in Stillwater") and "VAC Group" for "VAC"."""
        self._merge_same_names()  # (first: a cue-less name a facility took gives it a surface, "Centenario")
        facilities: dict[str, list[Entity]] = {}
        orgs: dict[str, Entity] = {}
        bodies: dict[str, Entity] = {}
        for e in self.entities.values():
            if e.label == "Facility":
                for name in {normalise(a) for a in e.surfaces} | {normalise(e.name)}:
                    facilities.setdefault(name, []).append(e)
            elif e.label in ORG_LABELS:
                for name in {normalise(a) for a in e.surfaces} | {normalise(e.name)}:
                    orgs.setdefault(name, e)
                if e.label == "GovernmentBody":  # "the Ministry of Commerce" in a notice by "... of the People's Republic of China"
                    bodies.setdefault(normalise(strip_suffix(e.name)), e)
        for e in [e for e in self.entities.values() if e.label == "GovernmentBody"]:
            words = normalise(e.name).split()
            if len(words) > 2 and words[0] in _COUNTRY_WORDS:
                bodies[" ".join(words[1:])] = e  # "the Forest Service" after "the US Forest Service"
        for e in list(self.entities.values()):
            if e.key not in self.entities or e.known is not None:
                continue
            if e.label == "Facility":
                for f in facilities.get(normalise(e.name), ()):
                    if f is not e and f.key in self.entities and (len(f.surfaces) > len(e.surfaces) or site_core(f.name) == e.name):
                        self.merge(e.key, f.key)
                        break
                else:
                    self._described_as_named(e)
            elif e.label in ORG_LABELS:
                stripped = normalise(strip_suffix(e.name))
                f = next((orgs[n] for n in map(normalise, shorter_forms(e.name)) if n in orgs and orgs[n] is not e), None) if stripped != normalise(e.name) \
                    else bodies.get(stripped) if e.label == "GovernmentBody" else None  # ("X Group Co., Ltd" after "X Group")
                if f is not None and f is not e and f.key in self.entities:
                    self.merge(e.key, f.key)
        merge_placed_sites(self)  # "a magnet plant in Oklahoma": the document's one named plant there (.placedsites)
        self._merge_firm_variants()
        self._rekey_relations()

    def _merge_firm_variants(self) -> None:
        """One firm named several ways in one document is one entity: names that differ only by legal or group forms
        ("Panasonic Holdings Corporation" and "the Panasonic Group", "POSCO Holdings" and "POSCO Group", "PT Vale
        Indonesia" and "Vale Indonesia"); a name another firm already goes by ("CBMM" as a run-in heading before
        "Companhia Brasileira de Metalurgia e Mineração (CBMM)"); and a place read from a weak cue whose name the
        document uses more often for a firm ("in Keliber's rights issue" beside five "Keliber" of Keliber Oy). The
        better-attested (a known entity first, then the most mentioned) keeps its name."""
        firms = sorted((e for e in self.entities.values() if e.label in ("Company", "StateOwnedEnterprise")),
                       key=lambda e: (e.known is None, -e.mentions, -len(e.name)))  # fmt: skip
        cores: dict[str, Entity] = {}
        called: dict[str, tuple[Entity, int]] = {}
        for e in firms:
            core = _legal_core(e.name)
            if core:
                cores.setdefault(core, e)
            for a, n in e.surfaces.items():
                if normalise(a) != normalise(e.name) and n > called.get(normalise(a), (e, 0))[1]:
                    called[normalise(a)] = (e, n)
        for e in firms:
            if e.key not in self.entities or e.known is not None:
                continue
            for f in (cores.get(_legal_core(e.name)), called.get(normalise(e.name), (None, 0))[0]):
                if f is not None and f is not e and f.key in self.entities:
                    self.merge(e.key, f.key)
                    break
        for e in [e for e in self.entities.values() if e.label == "Place" and e.known is None]:
            f, n = called.get(normalise(e.name), (None, 0))
            if f is not None and n > e.mentions and f.key in self.entities and self.resolve_key(f.key) != e.key:
                self.merge(e.key, f.key)
        sites = {normalise(e.name) for e in self.entities.values() if e.label == "Facility"}
        for e in (e for e in firms if e.key in self.entities and e.known is None):
            for a in [a for a in e.surfaces if normalise(a) in sites and normalise(a) != normalise(e.name)]:
                del e.surfaces[a]  # "Beaver Brook", a table's mine, is no name of "Beaver Brook Antimony Mine Inc."


def _legal_core(name: str) -> str:
    """A firm's name without its legal and group forms, before or after it ("PT Vale Indonesia" -> "vale indonesia",
    "Panasonic Holdings Corporation" -> "panasonic"); "" when nothing else is left."""
    words = normalise(strip_suffix(name)).split()
    while len(words) > 1 and words[0] in lexicon.LEGAL_PREFIXES:
        words = words[1:]
    return " ".join(words) if words and words[-1] not in lexicon.LEGAL_SUFFIXES else ""


_POLICY_NUMBER = re.compile(r"\bNo\.?\s*(\d+)", re.I)
_BARE_NUMBERED = re.compile(r"[A-Z][a-z]+ No\.? ?\d+", re.I)
"""A policy named by its kind and number alone ("Announcement No. 62"), which says nothing its numbered namesake does not."""

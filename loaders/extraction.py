"""Entity and relation extraction from the text of a document, with rules on spaCy's blank English pipeline.

How it works, in passes over the document's sentences:

1. **Mentions.** A ``PhraseMatcher`` finds every spelling the :class:`Gazetteer`
   knows (the store's entities and the built-in vocabulary); names in Chinese
   characters are found by substring. A ``Matcher`` finds capitalised name
   runs; each gets a label from its cue words ("... University", "Ministry of
   ...", "... Group", "Co., Ltd", "... Plant", "... County", "... Act") or from
   where it stands ("based in X", "X-based"). Names after a person's title,
   quoted names, regions, banks, data providers and stock listings are not
   entities.
2. **Names within the document.** Short forms ("Noveon" for "Noveon
   Magnetics"), initials ("GM"), bracketed abbreviations ("Vacuumschmelze
   (VAC)") and the name without its legal suffix ("VAC Group") resolve to the
   entity they abbreviate.
3. **Relations,** sentence by sentence, from trigger words (``Matcher``
   patterns) and the mentions around them. Facilities ("its magnet plant in
   Narva"), events ("hosted ... event") and export controls ("the export
   licensing that China introduced in April 2025") become entities there.
   A statement that is negated or hedged ("did not", "denied", "is reportedly
   considering", "if", "talks ended") asserts nothing.
4. **Confirmation.** A capitalised name without a cue word becomes an
   organisation only when the text uses it as one (as the subject of "makes",
   "signed", "said"..., or in a relation); otherwise it is dropped.

Everything is linear in the length of the document; the matchers are built
once per gazetteer and reused.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from . import lexicon
from .gazetteer import Gazetteer, KnownEntity, has_cjk, normalise

ORG_LABELS = frozenset({"StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody"})
PREFIXES = {
    **{label: "org" for label in ORG_LABELS},
    "Place": "place", "Country": "country", "Facility": "facility", "Material": "material", "EndUse": "enduse",
    "Policy": "policy", "Event": "event", "Element": "element",
}  # fmt: skip
STAGE_ORDER = {stage: i for i, stage in enumerate(("mining", "separation", "metal", "alloy", "magnet", "component"))}

# --- word lists (lower case) --------------------------------------------------------------------------------

ORG_VERBS = frozenset(
    "said says announced announces signed signs agreed agrees makes make produces produce produced manufactures "
    "builds build building built operates operate operating owns own acquired acquires bought buys invested invests "
    "completed completes opened opens inaugurated inaugurates began begins started starts plans planned assembles "
    "assemble supplies supply supplied sells sold reported reports expects launched launches employs develops "
    "developed refines refined separates mines processes ships delivers delivered has had is was will would can "
    "concluded announced hosted holds held took takes added adds ranked commissioning commissions commissioned "
    "markets recycles expand expands expanded exports imports recovers".split()
)
ORG_NOUNS = frozenset(
    "company companies producer producers maker makers manufacturer manufacturers firm firms group giant conglomerate "
    "specialist supplier suppliers miner miners refiner processor automaker carmaker enterprise business businesses "
    "corporation developer operator startup start-up".split()
)
HEDGES = frozenset(
    "not n't never no denied denies deny denying reportedly rumoured rumored rumour rumor considering consider "
    "considers mulling mull may might could possible possibly potential potentially if unless whether talks exploring "
    "explore ended collapsed cancelled canceled terminated scrapped abandoned withdrew withdrawn failed declined "
    "refused unconfirmed speculation speculated allegedly risk neither nor without expected likely unlikely reports "
    "rumours rumors".split()
)
NEGATED_PHRASES = (("no", "longer"), ("yet", "to"))
PREPOSITIONS = frozenset("in at of with for from to by on into onto about under over through between among as".split())
FACILITY_NOUNS = frozenset({"plant", "factory", "facility", "mine", "refinery", "smelter", "mill"})
FACILITY_KINDS = {
    "magnet": "magnet", "magnets": "magnet", "separation": "separation", "refining": "refining", "alloy": "alloy",
    "metal": "metal", "metals": "metal", "recycling": "recycling", "processing": "processing", "mining": "mining",
    "oxide": "oxide", "smelting": "smelting",
}  # fmt: skip
MODIFIER_HEADS = frozenset(
    "plant plants factory factories facility facilities technology technologies production producer producers maker "
    "makers manufacturing manufacturer manufacturers industry industries specialist company companies sector market "
    "markets demand capacity line lines supply chain chains business businesses division project projects grades "
    "grade prices price exports imports output recycling know-how mine mines refinery separation processing "
    "program programme family families".split()
)
EVENT_NOUNS = frozenset(
    "event conference forum summit symposium meeting ceremony expo exhibition workshop fair congress seminar".split()
)
HOST_VERBS = frozenset("hosted hosts held holds organized organised convened staged co-hosted".split())
CO_VERBS = ("co-organized", "co-organised", "co-hosted", "organized", "organised", "hosted", "sponsored", "co-sponsored")
AGREEMENT_NOUNS = frozenset(
    "agreement agreements memorandum mou memoranda partnership partnerships deal deals pact alliance accord "
    "contract contracts collaboration cooperation venture consortium".split()
)
COOP_VERBS = frozenset("partnered partners partner teamed collaborate collaborates collaborated cooperate cooperates "
                       "work works "
                       "cooperated allied".split())  # fmt: skip
SUPPLY_VERBS = frozenset(
    "supply supplies supplied supplying deliver delivers delivered delivering sells sell selling ships ship shipped "
    "exports exported feeds feed".split()
)
BUY_VERBS = frozenset("purchased bought sourced procured imported buys buy purchases sources".split())
PRODUCE_VERBS = frozenset(
    "make makes making produce produces producing manufacture manufactures manufacturing refine refines "
    "refining mines extracts extract extracting recovers recover recovering".split()
)
CONVERT_VERBS = frozenset("turn turns turned turning convert converts converted converting process processes processed "
                          "separate separates separated separating refine refines refined upgrade upgrades".split())
PASSIVE_PRODUCE = frozenset("produced made mined refined manufactured processed".split())
PRODUCER_NOUNS = frozenset("producer maker manufacturer supplier processor refiner output production".split())
BUILD_VERBS = frozenset(
    "build builds building built operate operates operating operated run runs running open opens opened "
    "inaugurated inaugurates commissioned commissioning construct constructs constructing develop develops developing "
    "own owns "
    "putting carried".split()
)
SUBSIDIARY_NOUNS = frozenset("subsidiary subsidiaries unit arm affiliate division branch".split())
GIVING_VERBS = frozenset("awarded gave granted provided lent loaned paid selected chose contracted hired funded backed".split())
ACQUIRE_VERBS = frozenset("acquired acquires bought buys purchased took".split())
USE_CUES = frozenset(
    "used use uses using found favoured favored intended essential needed need needs critical key choice for in go "
    "goes power powers drive drives inside into".split()
)
CONTAIN_CUES = frozenset(
    "contain contains containing content ingredient ingredients add adds added addition additions alloyed doped "
    "composed consist consists".split()
)
DEPEND_CUES = frozenset("dependent depends depend reliant relies rely reliance dependence dependency".split())
RESTRICT_NOUNS = ("controls", "control", "licensing", "licences", "licenses", "license", "licence", "restrictions",
                  "restriction", "ban", "bans", "quotas", "quota", "curbs", "limits")
LICENCE_WORDS = frozenset("licence licences license licenses licensing permit permits approval".split())
POLICY_ANAPHORA = ("controls", "ban", "measures", "announcement", "restrictions", "rules", "regime")
PROHIBITED = frozenset("prohibited banned forbidden barred".split())
RESTRICT_CUES = frozenset(("restrict", "restricts", "restricted", "covered", "covers", "cover", "banned", "bans",
                           "ban", "limits", "limit", "curbs") + RESTRICT_NOUNS)
ISSUE_VERBS = frozenset("approved issued introduced imposed announced adopted published administers administered "
                        "launched set enacted passed funded awarded".split())  # fmt: skip
LISTING_WORDS = frozenset({"listed", "listing", "listings", "exchange", "ipo", "shares"})
ANAPHORA_ORG = frozenset({"it", "its", "company", "firm", "group"})
# "the company", "the ministry": a definite noun naming the kind of an organisation the document spoke of before
FIRM_LABELS = ("Company", "StateOwnedEnterprise")
ORG_ANAPHORS = {
    **dict.fromkeys(("company", "firm", "group", "miner", "producer", "refiner", "manufacturer", "maker", "recycler",
                     "supplier", "start-up", "startup"), FIRM_LABELS),
    **dict.fromkeys(("ministry", "agency", "department", "regulator", "government"), ("GovernmentBody",)),
    "university": ("University",), "institute": ("ResearchInstitute",),
}
CLAUSE_VERBS = frozenset("will would is are was were has have had said says plans plan can could may might also".split())
MATERIAL_HEADS = frozenset("oxide oxides concentrate concentrates alloy alloys powder metal carbonate ore sulfate "
                           "hydroxide graphite".split())
MATERIAL_VERBS = SUPPLY_VERBS | BUY_VERBS | PRODUCE_VERBS | CONVERT_VERBS | {"use", "uses", "used", "using"}
# "the two partners", "both companies", "the memorandum": the parties of the agreement the document spoke of last
PARTY_NOUNS = frozenset("partners parties companies firms signatories sides groups".split())
PARTY_DETERMINERS = frozenset("the both two all".split())
TITLE_WORDS = lexicon.PERSON_TITLES | {"chief", "executive", "prime", "under", "deputy", "vice"}
MONTHS = {m: i + 1 for i, m in enumerate(lexicon.MONTHS)}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
INSTITUTION_HEADS = frozenset(
    "ministry department organization organisation agency commission council bureau institute university academy "
    "office administration committee association federation authority".split()
)
STOP = frozenset(
    "a an the this that these those in on at of for to from by with and or but as is are was were be been it its "
    "their our his her we they he she i you your my us "
    "each every some several many most more few all both any no not several "
    "what why how when where who which while if also however first second new other such than then there here one "
    "two three four five six seven eight nine ten earlier later today yesterday last next after before since until "
    "during among between because so yet still only even about into over under up down out off again further "
    "once very too should would could can will may might must shall do does did has have had outside inside across "
    "beyond within despite unlike following besides".split()
)
REGIONS = frozenset(normalise(r) for r in lexicon.REGIONS)
NOT_PARTIES = frozenset(normalise(n) for n in lexicon.NOT_PARTIES)

_DATE_MDY = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I)
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(lexicon.MONTHS) + r")\s+(\d{4})\b", re.I)
_DATE_MY = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{4})\b", re.I)
_DATE_MD = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{1,2})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)%?$")
_DESIGNATION = re.compile(r"^[A-FH-Z]{1,2}-\d{1,3}[A-Z]?$")


def find_date(text: str) -> tuple[str | None, str | None]:
    """The first full or month-year date in ``text``: (ISO form, words form) or (None, None)."""
    for pattern, order in ((_DATE_ISO, "iso"), (_DATE_MDY, "mdy"), (_DATE_DMY, "dmy"), (_DATE_MY, "my")):
        match = pattern.search(text)
        if not match:
            continue
        if order == "iso":
            year, month, day = match.groups()
            if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                return f"{year}-{month}-{day}", f"{lexicon.MONTHS[int(month) - 1].title()} {year}"
            continue
        if order == "mdy":
            month, day, year = match.group(1), match.group(2), match.group(3)
        elif order == "dmy":
            day, month, year = match.group(1), match.group(2), match.group(3)
        else:
            month, year, day = match.group(1), match.group(2), None
        m = MONTHS[month.lower()]
        iso = f"{year}-{m:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
        return iso, f"{month.title()} {year}"
    return None, None


def slugify(text: str) -> str:
    """A readable ASCII slug; text with no Latin letters gets a short hash instead."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or "x-" + hashlib.sha1(text.encode()).hexdigest()[:10]


# --- results ------------------------------------------------------------------------------------------------


@dataclass
class Entity:
    """An entity found in a document: known (resolved) or new."""

    key: str
    label: str
    name: str
    id: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    known: KnownEntity | None = None
    surfaces: Counter = field(default_factory=Counter)
    mentions: int = 0
    sentence: str | None = None
    confirmed: bool = True
    demonym_only: bool = True

    @property
    def stored(self) -> bool:
        return bool(self.known and self.known.stored)

    def aliases(self) -> list[str]:
        names = [s for s, _ in self.surfaces.most_common() if s != self.name]
        if self.known:
            names = [*self.known.aliases, *[n for n in names if n not in self.known.aliases]]
        return list(dict.fromkeys(n for n in names if n != self.name))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "name": self.name, "aliases": self.aliases(),
            "known": self.stored, "mentions": self.mentions, "evidence": self.sentence,
            **({"properties": self.props} if self.props else {}),
        }  # fmt: skip


@dataclass
class Relation:
    type: str
    source: str
    target: str
    evidence: str
    confidence: float
    props: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, ids: dict[str, str]) -> dict[str, Any]:
        props = dict(self.props)
        if "material" in props:
            props["material"] = ids.get(props["material"], props["material"])
        if "event" in props:
            props["event"] = ids.get(props["event"], props["event"])
        source, target = ids[self.source], ids[self.target]
        if self.type == "COOPERATES_WITH":
            source, target = sorted((source, target))
        return {"type": self.type, "source": source, "target": target, "evidence": self.evidence,
                "confidence": self.confidence, **props}  # fmt: skip


@dataclass
class Extraction:
    """What one document yields: its metadata, entities (by key) and relations between entity keys."""

    entities: list[Entity]
    relations: list[Relation]

    def as_dict(self) -> dict[str, Any]:
        ids = {e.key: e.id for e in self.entities}
        return {"entities": [e.as_dict() for e in self.entities], "relations": [r.as_dict(ids) for r in self.relations]}


# --- the per-document working state ---------------------------------------------------------------------


@dataclass
class Mention:
    start: int
    end: int
    key: str | None  # entity key; None for an unresolved candidate
    text: str
    label: str | None = None  # label for candidates: a cue label, "Place" or None (needs confirmation)
    strong: bool = False  # candidate label came from a strong cue
    anaphora: bool = False
    demonym: bool = False
    label_of_known: str | None = None  # the label of a gazetteer match


@dataclass
class Sentence:
    doc: Any
    start: int
    end: int
    heading: bool
    lowers: list[str] = field(default_factory=list)
    """Lower-case text of every token of the doc (token objects are costly to make again and again)."""
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc[self.start : self.end].text.strip()

    def lower(self, i: int) -> str:
        return self.lowers[i] if self.start <= i < self.end else ""


# --- the extractor --------------------------------------------------------------------------------------------


class Extractor:
    """Extracts entities and relations from document text, resolving names through a :class:`Gazetteer`.

    Build one per gazetteer and reuse it: building the matchers is the costly part.

    Example
    -------
    >>> x = Extractor(Gazetteer())
    >>> found = x.extract([("Acme Magnetics makes NdFeB magnets for wind turbines.", False)])
    >>> sorted(r.type for r in found.relations)
    ['PRODUCES', 'USED_IN']
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._phrase_ids: dict[str, KnownEntity] = {}
        self._cjk: list[tuple[str, KnownEntity]] = []
        self._seen_forms: set[str] = set()
        self._add_forms(self.gazetteer.surface_forms())
        self.designations = Matcher(self.nlp.vocab)
        self.designations.add("DESIGNATION", [[{"TEXT": {"REGEX": _DESIGNATION.pattern}}]])

    # .. gazetteer phrases ..

    def _add_forms(self, forms: Iterable[tuple[str, KnownEntity]]) -> None:
        patterns: dict[str, list] = {}
        for form, entity in forms:
            head, _, tail = form.partition(", ")
            where = self.gazetteer.lookup(tail) if tail else None
            if where is not None and where.label in ("Place", "Country"):
                form = head  # "Fort Worth, Texas" is two mentions in a text: the city and the state
            for variant in _variants(form):
                if (variant, entity.id) in self._seen_forms:  # type: ignore[operator]
                    continue
                self._seen_forms.add((variant, entity.id))  # type: ignore[arg-type]
                if has_cjk(variant):
                    self._cjk.append((variant, entity))
                    continue
                self._phrase_ids[entity.id] = entity
                patterns.setdefault(entity.id, []).append(variant)
        for entity_id, variants in patterns.items():
            self.phrases.add(entity_id, list(self.nlp.tokenizer.pipe(variants)))

    def learn(self, entities: Iterable[KnownEntity]) -> None:
        """Make later documents resolve to ``entities`` (new entities of earlier documents in the same batch)."""
        added = [self.gazetteer.add(e) for e in entities]
        self._add_forms((form, e) for e in added for form in e.names())

    # .. the pipeline ..

    def extract(self, blocks: Sequence[tuple[str, bool]], published: str | None = None) -> Extraction:
        """Entities and relations in ``blocks`` (text, is_heading) of one document."""
        state = _DocState(self, published)
        pieces = [(piece, heading) for text, heading in blocks for piece in _pieces(text)]
        for doc, (_, heading) in zip(self.nlp.pipe(text for text, _ in pieces), pieces):
            state.add_doc(doc, heading)
        return state.finish()


MAX_NAME_TOKENS = 10
"""Longer runs of capitalised words are not names (the longest real names, with "of" and "and", fit)."""
MAX_BLOCK_CHARS = 20_000
"""Longer blocks (a page with no paragraph breaks) are cut at sentence ends or spaces, to keep work per block bounded."""
MAX_SENTENCE_TOKENS = 120
"""Longer "sentences" (lists, tables, text without full stops) are cut: the rules look around each mention in its sentence."""


def _pieces(text: str) -> list[str]:
    pieces = []
    while len(text) > MAX_BLOCK_CHARS:
        cut = text.rfind(". ", 0, MAX_BLOCK_CHARS)
        if cut < MAX_BLOCK_CHARS // 2:
            cut = text.rfind(" ", 0, MAX_BLOCK_CHARS)
        if cut <= 0:
            cut = MAX_BLOCK_CHARS - 1
        pieces.append(text[: cut + 1])
        text = text[cut + 1 :]
    pieces.append(text)
    return pieces


def _variants(form: str) -> set[str]:
    form = form.strip()
    out = {form}
    if form.lower().startswith("the "):
        out.add(form[4:])
    if "-" in form:
        out.add(form.replace("-", " "))
    if "." in form and len(form) <= 8 and form.replace(".", "").isupper():
        out.add(form.replace(".", ""))
    return {v for v in out if v}


class _DocState:
    """Everything found so far in one document."""

    def __init__(self, extractor: Extractor, published: str | None) -> None:
        self.x = extractor
        self.published = published
        self.sentences: list[Sentence] = []
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple, Relation] = {}
        self.used: set[str] = set()
        self.last_subject: str | None = None
        self.last_event: str | None = None
        self.last_policy: str | None = None  # the policy the document spoke of last ("the controls", "requires a licence")
        self.last_parties: list[str] = []  # the parties of the agreement the document spoke of last
        self.recent: list[str] = []  # entity keys in the order the document mentioned them
        self.facilities: list[str] = []
        self.facility_names: dict[str, str] = {}
        self.magnets: list[str] = []
        self.redirect: dict[str, str] = {}
        self.persons: set[str] = set()  # surnames of people named so far ("Smith said")
        self.skip_until = 0
        self.out: dict[tuple[str, str], list[str]] = {}  # (type, source) -> targets, for the rules' look-ups
        self.into: dict[tuple[str, str], list[str]] = {}  # (type, target) -> sources

    # .. pass 1: mentions ..

    def add_doc(self, doc: Any, heading: bool) -> None:
        if len(doc) == 0:
            return
        sentences = [doc[k : min(sent.end, k + MAX_SENTENCE_TOKENS)] for sent in doc.sents
                     for k in range(sent.start, sent.end, MAX_SENTENCE_TOKENS)]  # fmt: skip
        _STARTS[id(doc)] = {sent.start for sent in sentences}  # Token.is_sent_start rescans the whole doc: cache
        try:
            self._add_doc(doc, heading, sentences)
        finally:
            _STARTS.pop(id(doc), None)

    def _add_doc(self, doc: Any, heading: bool, sentences: list[Any]) -> None:
        spans: list[Mention] = []
        for match_id, start, end in self.x.phrases(doc):
            known = self.x._phrase_ids[self.x.nlp.vocab.strings[match_id]]
            spans.append(Mention(start, end, self._known(known), doc[start:end].text))
        text = doc.text
        for form, known in self.x._cjk if has_cjk(text) else ():
            pos = text.find(form)
            while pos >= 0:
                span = doc.char_span(pos, pos + len(form), alignment_mode="expand")
                whole = not has_cjk(text[pos - 1 : pos]) and not has_cjk(text[pos + len(form) : pos + len(form) + 1])
                if span is not None and whole:
                    spans.append(Mention(span.start, span.end, self._known(known), form))
                pos = text.find(form, pos + len(form))
        for _, start, end in self.x.designations(doc):
            stop = end
            while stop < len(doc) and (doc[stop].is_title or doc[stop].text in ("I", "II", "III", "IV", "V")):
                stop += 1
            entity = self._new("EndUse", doc[start:end].text, {"sector": "defense"})
            spans.append(Mention(start, stop, entity.key, doc[start:stop].text))
        spans = self._filter_known(doc, spans)
        spans += self._elliptic(doc, spans)
        candidates = self._candidates(doc, spans)
        if heading:  # a title names the policy or event a notice is about; its other capitalised words are no names
            candidates = [m for m in candidates if m.label in ("Policy", "Event") and m.strong]
        spans += candidates
        spans = _longest(spans)
        lowers = [t.lower_ for t in doc]
        for sent in sentences:
            credit = _credit_line(sent)
            s = Sentence(doc, sent.start, sent.end, heading or credit or _title_case(sent), lowers)
            s.mentions = [] if credit else [m for m in spans if sent.start <= m.start < sent.end]
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
            entity = self.entities[key] = Entity(key, label, name, props=dict(props or {}), confirmed=confirmed)
        elif confirmed:
            entity.confirmed = True
        return entity

    def _filter_known(self, doc: Any, spans: list[Mention]) -> list[Mention]:
        """Drop vocabulary matches that are modifiers ("magnet technology") and extend end uses by proper names."""
        kept = []
        for m in spans:
            entity = self.entities.get(m.key or "")
            if entity is None:
                kept.append(m)
                continue
            nxt = doc[m.end].lower_ if m.end < len(doc) else ""
            if entity.label in ORG_LABELS | {"Place", "Country"} and m.end - m.start == 1 and doc[m.start].text.islower():
                continue  # "expects to commission the plant": a common word, not "the Commission"
            if entity.known is not None and len(m.text) <= 4 and not m.text.isupper() and _only_as_acronym(entity.known, m.text):
                continue  # "Jane Doe" is not the DOE, "Ms Eu" not the EU (a short acronym in lower case is another word)
            if entity.label in ("Material", "EndUse", "Element") and nxt in MODIFIER_HEADS:
                continue
            if entity.label in ("Material", "Element", "EndUse") and doc[m.start].is_title and m.start > 0 \
                    and not _sentence_start(doc, m.start) and _name_token(doc, m.start - 1) and doc[m.start - 1].lower_ not in STOP:
                continue  # "Neo Lithium", "Arafura Rare Earths", "Kessler Aerospace": part of a firm's name
            if entity.label in ("Material", "EndUse") and nxt == "-" and m.end + 1 < len(doc) and doc[m.end + 1].lower_ in ("based", "bearing", "related", "free"):
                continue
            if entity.label == "EndUse":
                start = m.start
                while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in STOP and not _sentence_start(doc, start - 1):
                    start -= 1
                if start != m.start:
                    m = Mention(start, m.end, m.key, doc[start : m.end].text)
            m.label_of_known = entity.label
            if entity.label == "Country":
                m.demonym = m.text in _demonyms(entity)
                if m.start > 0 and normalise(f"{doc[m.start - 1].text} {m.text}") in REGIONS:
                    continue  # "North America" is a region, not the United States
            kept.append(m)
        return kept

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

    def _candidates(self, doc: Any, known: list[Mention]) -> list[Mention]:
        """Capitalised name runs that the gazetteer does not cover, each with a label where a cue gives one."""
        covered = set()
        known_at = {m.start: m for m in known if m.key}
        for m in known:
            covered.update(range(m.start, m.end))
        out: list[Mention] = []
        i, n = 0, len(doc)
        while i < n:
            if i not in covered and has_cjk(doc[i].text) and i > 0 and doc[i - 1].text == "(":
                out.append(Mention(i, i + 1, None, doc[i].text))
                i += 1
                continue
            if not _name_token(doc, i) or (i in covered and not _absorbable(doc, known, i)):
                i += 1
                continue
            j = known_at[i].end if i in covered and i in known_at else i
            while j < n:
                if j in covered and j > i and j in known_at and self.entities[known_at[j].key].label in ("Place", "Country") \
                        and known_at[j].end <= n and (known_at[j].end == n or not _name_token(doc, known_at[j].end)):
                    j = known_at[j].end  # "Lynas Malaysia": a firm named after where it works
                    break
                if j in covered and j > i:
                    break
                if _name_token(doc, j):
                    j += 1
                    if doc[j - 1].text.endswith(".") and doc[j - 1].lower_ in lexicon.LEGAL_SUFFIXES and j > i + 1:
                        break  # "... Corp. VAC is owned": a legal suffix with a full stop ends the name
                elif doc[j].text in ("-", "&", "of", "for", "de", "du", "von") and j + 1 < n and _name_token(doc, j + 1) and j > i:
                    j += 2 if doc[j].text in ("-", "&") else 1
                elif doc[j].text in ("and", ",") and j > i and _institution_continues(doc, i, j, covered):
                    j += 2 if doc[j].text == "and" or doc[j + 1].text != "and" else 3
                else:
                    break
            while j > i and doc[j - 1].text in ("of", "for", "de", "du", "von", "-", "&"):
                j -= 1
            j = _numbered(doc, j)
            if normalise(doc[i:j].text) in NOT_PARTIES:
                i = j
                continue
            start = i
            while start < j and (doc[start].lower_ in STOP or doc[start].lower_ in MONTHS or doc[start].lower_ in WEEKDAYS
                                 or _sentence_start_common(doc, start)):
                start += 1
            i = max(j, i + 1)
            if start >= j or j - start > MAX_NAME_TOKENS:
                continue  # not a name: a headline-like run of capitalised words
            self.skip_until = 0
            mention = self._classify(doc, start, j, known)
            if mention is not None:
                out.append(mention)
            i = max(i, self.skip_until)
        return out

    def _classify(self, doc: Any, start: int, end: int, known: list[Mention]) -> Mention | None:
        text = doc[start:end].text
        words = [t.lower_ for t in doc[start:end]]
        norm = normalise(text)
        if not norm or norm in REGIONS or norm in NOT_PARTIES or any(w in lexicon.NOT_PARTY_WORDS for w in words[-1:]):
            return None
        if words[0] in MONTHS or words[0] in WEEKDAYS or all(w in STOP for w in words):
            return None
        before = [doc[k].lower_ for k in range(max(0, start - 3), start)]
        after = [doc[k].lower_ for k in range(end, min(len(doc), end + 3))]
        # a person: after a title, followed by ", (the) chief executive ...", a given name, or a person's surname
        after_title = [w for w in [doc[k].lower_ for k in range(end, min(len(doc), end + 5))] if w not in ("the", "a", "its", "an")]
        person = (
            (before and before[-1] in TITLE_WORDS)
            or (any(w in TITLE_WORDS for w in words[:-1]) and not any(w in _all_cues() for w in words))
            or (after_title[:1] == [","] and len(after_title) > 1 and after_title[1] in TITLE_WORDS)
            or (len(words) in (2, 3) and words[0] in lexicon.GIVEN_NAMES and not any(w in _all_cues() for w in words))
        )
        if person:
            k = end
            while k < len(doc) and (doc[k].lower_ in ("von", "van", "der", "den", "de", "da", "bin", "al", "le", "la")
                                    or (_name_token(doc, k) and doc[k].lower_ not in STOP)):
                k += 1  # "Ursula von der Leyen"
            self.persons.add(doc[k - 1].lower_)
            self.skip_until = k
            return None
        if len(words) == 1 and words[0] in self.persons:
            return None
        # data sources and news outlets: "according to Adamas", "Benchmark data show", "told Reuters", "reported by X"
        if before[-2:] in (["according", "to"], ["reported", "by"], ["interview", "with"]) or before[-1:] == ["told"] \
                or (before and before[-1] in ("consultancy", "consultant", "analysts", "researcher")) \
                or (after and after[0] in ("data", "estimates", "estimated", "analysts", "analyst", "figures", "research")):
            return None
        # quoted names are concepts or slogans
        if start > 0 and doc[start - 1].text in ('"', "“", "'", "‘") and end < len(doc) and doc[end].text in ('"', "”", "'", "’"):
            return None
        # stock listings: "listed in Shenzhen", "a Hong Kong listing"
        if (before and before[-1] in ("in", "on") and len(before) > 1 and before[-2] in LISTING_WORDS) or (after and after[0] in LISTING_WORDS):
            return None
        if end - start == 1 and (doc[start].lower_ in _COMMON_CAPITALS or len(text) == 1):
            return None  # "Yes", "Q:" and "A:" of an interview
        if any(c.isdigit() for c in text) and not any(w in _all_cues() for w in words):
            return None  # "Q3", "H1", "Figure 2": not names
        label, strong = _cue_label(words)
        # "Takefu Plant", "La Rochelle plant": a named facility
        if end < len(doc) and doc[end].lower_ in FACILITY_NOUNS | {"project"} and label in (None, "Place") and not doc[end].lower_.endswith("s"):
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Facility", True)
        if end < len(doc) and doc[end].lower_ in ("programme", "program", "fund", "scheme", "initiative") and label in (None, "Place"):
            return Mention(start, end + 1, None, doc[start : end + 1].text, "Policy", True)  # "its Green Platform programme"
        if label is None:
            nxt = doc[end].text if end < len(doc) else ""
            if nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ == "based":
                label, strong = "Place", True
            elif before[-2:] in (["based", "in"], ["headquartered", "in"], ["located", "in"]):
                label, strong = "Place", True
            elif before[-1:] in (["in"], ["near"], ["outside"]) or (before[-1:] == ["at"] and before[-2:-1] and before[-2] in FACILITY_NOUNS):
                label, strong = "Place", False
            elif before[-1:] == ["of"] and before[-2:-1] and before[-2] in ("city", "town", "port", "village", "province", "region", "state"):
                label, strong = "Place", True  # "the port city of La Rochelle"
            elif len(before) >= 2 and before[-1] in ("called", "named") and before[-2] in FACILITY_NOUNS:
                label, strong = "Facility", True  # "a separation plant called Caremag"
            elif nxt == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "where":
                label, strong = "Place", True  # "to Richards Bay, where the refinery ..."
            elif start == 0 and all(t.is_upper for t in doc[start:end]) and nxt in (",", "--", "—", "–", "-"):
                label, strong = "Place", True  # a dateline: "SUMTER, S.C. --", "TOKYO --"
        return Mention(start, end, None, text, label, strong)

    # .. pass 2: resolve candidates within the document ..

    def resolve(self) -> None:
        """Give every candidate name an entity: by its cue label, as a short form of another name, or as a new one."""
        # strong-cue candidates become entities at once; others wait for confirmation
        org_prefixes = set()
        for s in self.sentences:
            for m in s.mentions:
                if m.key is None and m.label in ORG_LABELS:
                    tokens = normalise(m.text).split()
                    org_prefixes.update(" ".join(tokens[:k]) for k in range(1, len(tokens)))
        index = _NameIndex()
        for e in self.entities.values():
            if e.label in ORG_LABELS:
                index.add(e)
        for s in self.sentences:
            for m in s.mentions:
                if m.key is not None or m.label is None or (m.label == "Company" and not m.strong):
                    continue
                if m.label == "Place" and not m.strong and normalise(m.text) in org_prefixes:
                    m.label = None  # "invested in Noveon" where Noveon Magnetics is named: not a place
                    continue
                entity = self._candidate_entity(s, m)
                m.key = entity.key
                if entity.label in ORG_LABELS:
                    index.add(entity)
        for s in self.sentences:
            for idx, m in enumerate(s.mentions):
                if m.key is not None:
                    continue
                prev = self.ent(s.mentions[idx - 1]) if idx > 0 else None
                if prev is not None and prev.label == "Place" and s.mentions[idx - 1].end == m.start - 1 \
                        and s.lower(m.start - 1) == "," and (m.end >= s.end or s.lower(m.end) in (",", ".", ";", ")", "and", "--", "—")):
                    entity = self._new("Place", m.text)  # "Kingston, Ontario": the place that holds the one before
                    m.key = entity.key
                    continue
                target = self._abbreviation_of(s, idx, m, index)
                if target is not None:
                    m.key = target.key
                    target.surfaces[m.text] += 0
                    index.alias(target, m.text)
                    continue
                entity = self._new(self._org_label(s, m, "Company"), m.text, confirmed=False)
                m.key = entity.key
                index.add(entity)

    def _org_label(self, s: Sentence, m: Mention, label: str) -> str:
        """ "A, a state-owned miner": a state-owned enterprise rather than ``label``."""
        window = " ".join(s.lowers[max(s.start, m.start - 4) : min(s.end, m.end + 8)])
        return "StateOwnedEnterprise" if re.search(r"state\s*-\s*(owned|backed|controlled|run)", window) else label

    def _candidate_entity(self, s: Sentence, m: Mention) -> Entity:
        label = m.label or "Company"
        name = m.text.title() if m.text.isupper() and label == "Place" else m.text
        if label == "Facility":
            key = self.facility_names.get(normalise(name))
            key = self.resolve_key(key) if key is not None else None
            if key is not None and key in self.entities:
                return self.entities[key]
            entity = self._new("Facility", name, _facility_props(name))
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
            stripped = _strip_suffix(name)
            if stripped != name:
                known = self.x.gazetteer.lookup(stripped)
                if known is not None and known.label in ORG_LABELS:
                    return self.entities[self._known(known)]
        entity = self._new(label, name, confirmed=m.strong or label != "Company")
        return entity

    def _abbreviation_of(self, s: Sentence, idx: int, m: Mention, index: "_NameIndex") -> Entity | None:
        """The organisation that ``m`` abbreviates: bracketed after it, an alias, a prefix, a last word, initials."""
        norm = normalise(m.text)
        if idx > 0 and m.start >= 1 and s.doc[m.start - 1].text == "(" and s.mentions[idx - 1].end == m.start - 1:
            prev = self.ent(s.mentions[idx - 1])
            if prev is not None and prev.label in ORG_LABELS:
                return prev
        stripped = normalise(_strip_suffix(m.text))
        found = index.names.get(norm) or (index.names.get(stripped) if stripped != norm else None) or index.prefixes.get(norm)
        if found is None:
            found = index.last_words.get(norm)
        if found is None and m.text.isupper() and 2 <= len(m.text) <= 5:
            found = index.initials.get(norm)
        if found is None:
            return None
        return self.ent(Mention(0, 0, found, ""))

    # .. helpers used by the rules ..

    def ent(self, m: Mention | None) -> Entity | None:
        return self.entities.get(self.resolve_key(m.key)) if m is not None and m.key else None

    def resolve_key(self, key: str) -> str:
        while key in self.redirect:
            key = self.redirect[key]
        return key

    def label(self, m: Mention | None) -> str | None:
        e = self.ent(m)
        return e.label if e else None

    def label_of(self, item: Mention | Entity | str | None) -> str | None:
        """The label of a mention, an entity or an entity key."""
        key = self._key(item)
        return self.entities[key].label if key else None

    def is_org(self, m: Mention | None) -> bool:
        return self.label(m) in ORG_LABELS

    def add(self, type_: str, source: Mention | Entity | str | None, target: Mention | Entity | str | None,
            s: Sentence, confidence: float, **props: Any) -> bool:  # fmt: skip
        src, dst = self._key(source), self._key(target)
        if not src or not dst or src == dst:
            return False
        a, b = self.entities[src], self.entities[dst]
        if not _allowed(type_, a.label, b.label):
            return False
        if type_ == "COOPERATES_WITH" and dst < src:
            src, dst = dst, src
        key = (type_, src, dst, props.get("material"))
        if key in self.relations:
            return True
        self.relations[key] = Relation(type_, src, dst, s.text, confidence, {k: v for k, v in props.items() if v is not None})
        self.out.setdefault((type_, src), []).append(dst)
        self.into.setdefault((type_, dst), []).append(src)
        self.used.update((src, dst))
        if props.get("material"):
            self.used.add(props["material"])
        return True

    def _key(self, item: Mention | Entity | str | None) -> str | None:
        if item is None:
            return None
        if isinstance(item, str):
            return self.resolve_key(item)
        if isinstance(item, Entity):
            return self.resolve_key(item.key)
        return self.resolve_key(item.key) if item.key else None

    # .. pass 3: relations ..

    def finish(self) -> Extraction:
        self.resolve()
        # how often the document names each entity, in order of first mention: its topic is the most named
        self.salience = Counter(self.resolve_key(m.key) for s in self.sentences if not s.heading for m in s.mentions if m.key)
        for s in self.sentences:
            self._count(s)
        for s in self.sentences:
            if s.heading:  # no relations from titles, but the policy or event a title names is the one in context
                for m in s.mentions:
                    label = self.label(m)
                    if label == "Policy":
                        self.last_policy = self._key(m)
                    elif label == "Event":
                        self.last_event = self._key(m)
                continue
            _Rules(self, s).run()
        return self._output()

    def _count(self, s: Sentence) -> None:
        for m in s.mentions:
            e = self.ent(m)
            if e is None:
                continue
            e.mentions += 1
            if not m.anaphora:
                e.surfaces[m.text.strip()] += 1
            if not m.demonym:
                e.demonym_only = False
            if e.sentence is None and not s.heading:
                e.sentence = s.text

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
                    bodies.setdefault(normalise(_strip_suffix(e.name)), e)
        for e in list(self.entities.values()):
            if e.key not in self.entities or e.known is not None:
                continue
            if e.label == "Facility":
                for f in facilities.get(normalise(e.name), ()):
                    if f is not e and f.key in self.entities and len(f.surfaces) > len(e.surfaces):
                        self.merge(e.key, f.key)
                        break
            elif e.label in ORG_LABELS:
                stripped = normalise(_strip_suffix(e.name))
                f = orgs.get(stripped) if stripped != normalise(e.name) else bodies.get(stripped) if e.label == "GovernmentBody" else None
                if f is not None and f is not e and f.key in self.entities:
                    self.merge(e.key, f.key)
        self._rekey_relations()

    def _supplies_to_operators(self) -> None:
        """A delivery to a facility is a delivery to the organisation that operates it."""
        operators = {r.target: r.source for r in self.relations.values() if r.type == "OPERATES"}
        for key, r in list(self.relations.items()):
            if r.type == "SUPPLIES" and r.target in operators and operators[r.target] != r.source:
                del self.relations[key]
                r.target = operators[r.target]
                self.relations.setdefault((r.type, r.source, r.target, r.props.get("material")), r)

    def _output(self) -> Extraction:
        self._merge_duplicates()
        self._supplies_to_operators()
        for e in self.entities.values():
            if e.label in ORG_LABELS and not e.confirmed and e.key in self.used:
                e.confirmed = True
        keep = {
            k: e for k, e in self.entities.items()
            if e.confirmed and e.mentions > 0 and not (e.demonym_only and k not in self.used)
        }  # fmt: skip
        relations = [r for r in self.relations.values() if r.source in keep and r.target in keep]
        for r in relations:
            if r.props.get("material") and r.props["material"] not in keep:
                r.props.pop("material")
        taken: set[str] = set()
        for e in keep.values():
            if e.known is None:
                base = f"{PREFIXES[e.label]}:{slugify(e.name)}"
                node_id, n = base, 2
                while node_id in taken or (node_id in self.x.gazetteer and self.x.gazetteer.get(node_id).label != e.label):  # type: ignore[union-attr]
                    node_id, n = f"{base}-{n}", n + 1
                e.id = node_id
            taken.add(e.id)
        ordered = sorted(keep.values(), key=lambda e: (-e.mentions, e.id))
        return Extraction(ordered, sorted(relations, key=lambda r: (r.type, r.source, r.target)))


class _Rules:
    """The relation rules applied to one sentence."""

    def __init__(self, st: _DocState, s: Sentence) -> None:
        self.st, self.s, self.doc = st, s, s.doc
        self.words = s.lowers[s.start : s.end]
        self.positions: dict[str, list[int]] = {}
        for k, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(s.start + k)
        self.ms = s.mentions
        self.subject = self._subject()

    def run(self) -> None:
        self._definite_anaphora()
        self._facilities()
        self.subject = self._subject()  # again: "the company", "the plant" and facility names are mentions now
        self._policies()
        self._subsidiary()
        self._events()
        self._agreement_events()
        for rule in (self._acquisition, self._located, self._operates, self._produces,
                     self._supplies, self._cooperation, self._used_in, self._contains, self._depends, self._imports,
                     self._restricts, self._issued_by, self._former_name, self._org_verbs):  # fmt: skip
            rule()
        if self.subject is not None:
            self.st.last_subject = self.subject.key
        policy = next((m for m in reversed(self.ms) if self.st.label(m) == "Policy"), None)
        if policy is not None:
            self.st.last_policy = self.st._key(policy)
        event = next((m for m in reversed(self.ms) if self.st.label(m) == "Event"), None)
        if event is not None:
            self.st.last_event = self.st._key(event)
        self.st.recent.extend(k for k in (self.st._key(m) for m in self.ms) if k)

    # .. token helpers ..

    def w(self, i: int) -> str:
        return self.s.lower(i)

    def hedged(self, lo: int, hi: int) -> bool:
        """A negation or hedge between the start of the clause holding ``lo`` and ``hi``."""
        start = lo
        while start > self.s.start and self.doc[start - 1].text not in (";", ":") and not (
            self.doc[start - 1].text == "," and self.w(start) in ("but", "although", "though", "while", "which", "who", "whose", "where")
        ):
            start -= 1
        words = [self.w(i) for i in range(start, min(hi + 1, self.s.end))]
        if any(w in HEDGES and not (w == "may" and self.doc[start + k].text == "May") and not _number_sign(self.doc, start + k)
               for k, w in enumerate(words)):
            return True  # ("May" the month and the "No." of "Announcement No. 18" are no hedges)
        return any(words[i : i + 2] == list(p) for p in NEGATED_PHRASES for i in range(len(words) - 1))

    def left(self, i: int, pred, limit: int = 20, stop=()) -> Mention | None:
        best = None
        for m in self.ms:
            if m.end <= i and i - m.end <= limit and pred(m):
                if any(self.w(k) in stop for k in range(m.end, i)):
                    continue
                best = m
        return best

    def right(self, i: int, pred, limit: int = 12) -> Mention | None:
        for m in self.ms:
            if m.start >= i and m.start - i <= limit and pred(m):
                return self.head(m, pred)
        return None

    def head(self, m: Mention, pred) -> Mention:
        """For a possessor ("Baogang's United Front Work Department"), the thing possessed when it qualifies."""
        if self.w(m.end) in ("'s", "’s", "'", "’"):
            possessed = self.at(m.end + 1)
            if possessed is not None and pred(possessed):
                return possessed
        return m

    def at(self, i: int) -> Mention | None:
        for m in self.ms:
            if m.start == i:
                return m
        return None

    def coordinated(self, first: Mention, pred) -> list[Mention]:
        """``first`` and the mentions joined to it by commas and "and"/"or" ("A, B and C")."""
        out = [first]
        idx = self.ms.index(first)
        for m in self.ms[idx + 1 :]:
            if m.end <= out[-1].end:
                continue
            gap = [self.w(k) for k in range(out[-1].end, m.start)]
            gap = [g for g in gap if g not in ("the", "its", "their", "in", "for", "of")]
            if gap and all(g in (",", "and", "or", "as", "well", "also", "&") for g in gap) and pred(m):
                out.append(m)
            elif not gap and pred(m):
                out.append(m)
            else:
                break
        return out

    def coordinated_before(self, last: Mention, pred) -> list[Mention]:
        """``last`` and the mentions joined to it from the left by commas and "and" ("A, B and the C issued")."""
        out = [last]
        for m in reversed(self.ms[: self.ms.index(last)]):
            gap = [self.w(k) for k in range(m.end, out[0].start)]
            if gap and gap[0] != "the" and all(g in (",", "and", "the") for g in gap) and pred(m):
                out.insert(0, m)
            elif m.end > out[0].start or self.st_mention_covers(out[0].start - 1) and m.end == out[0].start:
                continue
            else:
                break
        return out

    def triggers(self, words: frozenset[str] | Iterable[str]) -> list[int]:
        """Positions of ``words`` in the sentence, in order."""
        found = [i for w in words for i in self.positions.get(w, ())]
        return sorted(found) if len(found) > 1 else found

    def org(self, m: Mention | None) -> bool:
        return self.st.is_org(m)

    def labelled(self, *labels: str):
        return lambda m: self.st.label(m) in labels

    def its(self, i: int) -> Mention | str | None:
        """What "its"/"the company" at ``i`` refers to: the sentence's subject, the nearest organisation before it, or the
        last subject; "our" is the firm it was resolved to (the document's own voice)."""
        own = self.at(i)
        if own is not None and own.anaphora and self.w(i) in ("our", "we"):
            return own
        nearest = self.left(i, self.org, limit=40)
        if nearest is not None and self.w(nearest.start - 1) in GIVING_VERBS:
            return nearest  # "the Pentagon awarded MP Materials $58.5 million to build its factory"
        if self.subject is not None and self.org(self.subject) and self.subject.end <= i:
            return self.subject
        m = nearest
        if m is not None:
            return m
        return self.st.last_subject

    def _subject(self) -> Mention | None:
        for m in self.ms:
            if not (self.org(m) or self.st.label(m) in ("Facility",)):
                continue
            if self.w(m.end) in ("'s", "’s", "'", "’"):
                continue  # "Shin-Etsu's group company X began ...": the possessor is not the subject
            prev = m.start - 1
            while prev >= self.s.start and self.w(prev) in ("the", "'s", "’s", "a", "an"):
                prev -= 1
            if prev >= self.s.start and self.w(prev) in PREPOSITIONS:
                continue
            if prev >= self.s.start and self.w(prev) in ("and", ",") and self._in_prep_list(m):
                continue
            return m
        return None

    def _in_prep_list(self, m: Mention) -> bool:
        """Whether ``m`` continues a list after a preposition ("with A, B and C"), rather than starting the clause."""
        idx = self.ms.index(m)
        first = m
        for prior in reversed(self.ms[:idx]):
            gap = [self.w(k) for k in range(prior.end, m.start)]
            if not all(g in (",", "and", "or", "the") for g in gap):
                return False
            if m is first and not {"and", "or"} & set(gap) and self.w(m.end) not in (",", "and", "or"):
                return False  # "Under Title III of the Act, the Pentagon awarded ...": a new clause
            m = prior
            before = prior.start - 1
            while before >= self.s.start and self.w(before) in ("the",):
                before -= 1
            if before >= self.s.start and self.w(before) in PREPOSITIONS:
                return True
        return False

    def subject_or_anaphor(self) -> Mention | str | None:
        if self.subject is not None:
            return self.subject
        first = self.words[:3]
        if any(w in ANAPHORA_ORG for w in first):
            return self.st.last_subject
        return None

    # .. entities made by rules ..

    def _definite_anaphora(self) -> None:
        """ "the magnets", "the plant", "the event": the latest of its kind in the document."""
        d = self.doc
        for i in self.triggers(("magnets", "magnet", "opening") + tuple(EVENT_NOUNS)):
            word = self.w(i)
            if self.w(i - 1) not in ("the", "these", "those", "such") or self.st_mention_covers(i):
                continue
            if self.w(i + 1) in MODIFIER_HEADS | FACILITY_NOUNS:
                continue
            key = None
            if word in ("magnets", "magnet") and self.st.magnets:
                key = self.st.magnets[-1]
            elif word in EVENT_NOUNS | {"opening"} and self.st.last_event:
                key = self.st.last_event
            if key is not None:
                key = self.st.resolve_key(key)
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
                self.st.entities[key].mentions += 1
        for i in self.triggers(MATERIAL_HEADS):  # "the oxide", "the concentrate": the material of that kind named last
            if self.w(i - 1) not in ("the", "this") or self.st_mention_covers(i) or self.w(i + 1) in MODIFIER_HEADS:
                continue
            if i - 1 > self.s.start and self.w(i - 2) not in MATERIAL_VERBS:
                continue  # only as a sentence's subject or a verb's object ("will use the oxide to make ...")
            head = self.w(i).rstrip("s")
            key = next((k for k in map(self.st.resolve_key, reversed(self.st.recent)) if self.st.entities[k].label == "Material"
                        and self.st.entities[k].name.lower().split()[-1].rstrip("s") == head), None)  # fmt: skip
            if key is not None:
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
        for i in self.triggers(("we", "our", "us")):  # an interview's or a release's own voice: the firm it is about
            if not self.st_mention_covers(i) and not self._quoted(i):
                key = self._antecedent(i, FIRM_LABELS, topic_only=True)
                if key is not None:
                    self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
        for i in self.triggers(("government",)):  # "the Baotou municipal government": a body of that place
            place = self.at_end(i - 1)
            if self.w(i - 1) in ("municipal", "provincial", "city", "state", "regional", "county", "local") \
                    and place is not None and self.st.label(place) == "Place":
                name = f"{self.st.ent(place).name} {self.w(i - 1)} government"
                e = self.st._new("GovernmentBody", name)
                e.surfaces[d[place.start : i + 1].text] += 1
                e.mentions += 1
                e.sentence = e.sentence or self.s.text
                self.ms.remove(place)
                self.ms.append(Mention(place.start, i + 1, e.key, d[place.start : i + 1].text, anaphora=True))
        for i in self.triggers(ORG_ANAPHORS):
            demonym = self.at_end(i)  # "the Japanese group"
            det = demonym.start - 1 if demonym is not None and demonym.demonym else i - 1
            if self.w(det) != "the" or self.st_mention_covers(i) or self.w(i + 1) in MODIFIER_HEADS | FACILITY_NOUNS | {"of"}:
                continue
            if det != i - 1:
                self.ms.remove(demonym)
            key = self._antecedent(i, ORG_ANAPHORS[self.w(i)])
            if key is not None:
                self.ms.append(Mention(i, i + 1, key, d[i].text, anaphora=True))
                self.st.entities[key].mentions += 1
        if self.st.last_policy is not None:
            for i in self.triggers(POLICY_ANAPHORA):
                k = i - 1 if self.w(i - 1) not in ("same", "export") else i - 2
                if self.w(k) in ("the", "these", "those", "such") and not self.st_mention_covers(i):
                    key = self.st.resolve_key(self.st.last_policy)
                    self.ms.append(Mention(k + 1, i + 1, key, d[k + 1 : i + 1].text, anaphora=True))
                    self.st.entities[key].mentions += 1
        self.ms.sort(key=lambda m: m.start)
        for m in self.ms:
            e = self.st.ent(m)
            if e and e.label == "Material" and e.props.get("stage") == "magnet":
                self.st.magnets.append(e.key)

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
            last = self.st.last_subject and self.st.resolve_key(self.st.last_subject)
            if last and self.st.entities[last].label in labels and self.s.start > 0:
                return last  # (a new paragraph returns to the document's topic)
        # otherwise the document's topic among them: the most mentioned in the whole document, the first on a tie
        seen = [k for k in self.st.salience if self.st.entities[self.st.resolve_key(k)].label in labels]
        return self.st.resolve_key(max(seen, key=self.st.salience.__getitem__)) if seen else None

    def parties_referred(self) -> list[str]:
        """The last agreement's parties when the sentence opens on them ("The two partners will ...", "Under the
        memorandum ...", "The agreement was signed at ...")."""
        head = self.words[:4]
        if any(w in AGREEMENT_NOUNS for w in head) or (
            head and head[0] in PARTY_DETERMINERS and any(w in PARTY_NOUNS for w in head[1:3])
        ):
            return [self.st.resolve_key(k) for k in self.st.last_parties]
        return []

    def _weak_name_at(self, i: int) -> bool:
        """A capitalised name with no cue that nothing has confirmed yet (it may name a facility)."""
        m = self.at_or_in(i)
        e = self.st.ent(m)
        return m is not None and m.end == i + 1 and e is not None and e.label == "Company" and not e.confirmed \
            and e.key not in self.st.used and self.w(m.start - 1) in ("its", "their", "'s", "’s", "the")

    def _demonym_at(self, i: int) -> bool:
        m = self.at_or_in(i)
        return m is not None and m.demonym

    def st_mention_covers(self, i: int) -> bool:
        return any(m.start <= i < m.end for m in self.ms)

    def _facilities(self) -> None:
        """ "its sintered magnet plant in Stillwater, Oklahoma" -> a Facility located in Stillwater."""
        d = self.doc
        for i in self.triggers(FACILITY_NOUNS):
            if self.st_mention_covers(i):
                continue
            # the descriptive phrase: modifiers back to a determiner or possessive
            start, named = i, False
            while start - 1 >= self.s.start:
                if self._weak_name_at(start - 1):
                    weak = self.at_or_in(start - 1)
                    self.ms.remove(weak)  # "its Independence magnet factory": the facility's own name
                    start, named = weak.start, True
                    continue
                word = d[start - 1].lower_
                if (self.st_mention_covers(start - 1) and not self._demonym_at(start - 1)) or word in (",", ";", ":"):
                    break
                if word in STOP | {"'s", "’s", "'", "’", "(", "a", "an"} and word not in ("first", "second", "new"):
                    break
                start -= 1
            place = None
            before = self.at_end(i)
            if before is not None and self.st.label(before) == "Place" and start == i:
                pe = self.st.ent(before)
                e = self._facility_entity(f"{pe.name} {d[i].lower_}", [f"{before.text} {d[i].text}"], {})
                self.ms.remove(before)
                self.ms.append(Mention(before.start, i + 1, e.key, f"{before.text} {d[i].text}", anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.add("LOCATED_IN", e, pe, self.s, 0.75)
                continue
            if i + 2 < self.s.end and d[i + 1].lower_ in ("in", "at", "near"):
                nxt = self.at(i + 2)
                if nxt is None and d[i + 2].lower_ == "the":
                    nxt = self.at(i + 3)
                if nxt is not None and self.st.label(nxt) in ("Place", "Country"):
                    place = nxt
            kind = next((FACILITY_KINDS[d[k].lower_] for k in range(start, i) if d[k].lower_ in FACILITY_KINDS), None)
            known = self._known_facility(start, i, place, kind) if place is not None and not d[start].is_title else None
            if known is not None:
                self.ms.append(Mention(start, i + 1, known, d[start : i + 1].text, anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.entities[known].mentions += 1
                self.st.entities[known].sentence = self.st.entities[known].sentence or self.s.text
                self.st.facilities.append(known)
                self.st.add("LOCATED_IN", known, place, self.s, 0.75)
                continue
            if place is None:
                place = self._where_place(start)
            if place is not None and self.st.label(place) == "Country":
                place = None  # "its plant in Malaysia": too vague to name a new facility
            anaphor = start > self.s.start and d[start - 1].lower_ == "the" and place is None
            if place is None and named:  # "The Tarrant magnet plant, operated by ...": a name of its own is enough
                e = self._facility_entity(d[start : i + 1].text, [d[start : i + 1].text], {"kind": kind} if kind else {})
                self.ms.append(Mention(start, i + 1, e.key, d[start : i + 1].text, anaphora=True))
                self.ms.sort(key=lambda x: x.start)
                self.st.facilities.append(e.key)
                continue
            if place is None:
                if anaphor and self.st.facilities:
                    keys = list(dict.fromkeys(self.st.resolve_key(k) for k in self.st.facilities))
                    wanted = [k for k in keys if kind is None or self.st.entities[k].props.get("kind") == kind]
                    if wanted:
                        self.ms.append(Mention(start, i + 1, wanted[-1], d[start : i + 1].text, anaphora=True))
                        self.st.entities[wanted[-1]].mentions += 1
                continue
            pe = self.st.ent(place)
            noun = d[i].lower_
            name = f"{pe.name} {kind + ' ' if kind else ''}{noun}"
            if d[start].is_title and not self._demonym_at(start):
                name = d[start : i + 1].text  # a facility with a name of its own: "Independence magnet factory"
            surface = d[start : i + 1].text
            aliases = [surface, f"{surface} in {pe.name}", f"{noun} in {pe.name}", f"{pe.name} {noun}",
                       f"{_place_core(pe.name)} {noun}"]  # fmt: skip
            e = self._facility_entity(name, aliases, {"kind": kind} if kind else {})
            m = Mention(start, i + 1, e.key, surface, anaphora=True)
            self.ms.append(m)
            self.ms.sort(key=lambda x: x.start)
            self.st.facilities.append(e.key)
            self.st.add("LOCATED_IN", e, place, self.s, 0.8)

    def _where_place(self, start: int) -> Mention | None:
        """The place of "to Lulea, where the company's anode plant ...": a place just before ", where"."""
        k = start - 1
        while k > self.s.start and (self.w(k) in ("the", "its", "their", "'s", "’s") or self.st_mention_covers(k)) \
                and not (self.at_or_in(k) and self.st.label(self.at_or_in(k)) in ("Place", "Country")):
            k -= 1
        if self.w(k) == "where" and self.w(k - 1) == ",":
            place = self.at_end(k - 1)
            return place if self.st.label(place) in ("Place", "Country") else None
        return None

    def _known_facility(self, start: int, end: int, place: Mention, kind: str | None) -> str | None:
        """The store's facility that a descriptive mention ("the separation plant in Gebeng") names, if just one fits.

        It must be in that place and run by the operator the sentence gives ("its", "X's", the subject before
        the mention) or a subsidiary of it; "a second/new plant" prefers planned facilities, other mentions
        operating ones.
        """
        if self.w(start - 1) in ("its", "their"):
            operator = self.its(start - 1)
        elif self.w(start - 1) in ("'s", "’s"):
            operator = self.at_end(start - 1)
        else:
            operator = self.subject if self.subject is not None and self.subject.end < start and self.org(self.subject) else None
        key = self.st._key(operator) if operator is not None else None
        if key is None or self.st.entities[key].known is None:
            return None
        orgs = {key}
        fits = [f for f in self.st.x.gazetteer.facilities_in(self.st._key(place), orgs)
                if kind is None or kind in str(f.props.get("kind", kind))]
        fresh = any(self.w(k) in ("new", "second", "third", "another", "planned", "proposed", "future") for k in range(start, end))
        preferred = [f for f in fits if (f.props.get("status") == "planned") == fresh]
        fits = preferred or fits
        return self.st._known(fits[0]) if len(fits) == 1 else None

    def _facility_entity(self, name: str, aliases: list[str], props: dict) -> Entity:
        """The facility known by any of these names (in the store or earlier in the document), else a new one."""
        e = None
        for alias in [name, *aliases]:
            known = self.st.x.gazetteer.lookup(alias)
            if known is not None and known.label == "Facility":
                e = self.st.entities[self.st._known(known)]
                break
        if e is None:
            e = self.st._new("Facility", name, props)
        for alias in aliases:
            e.surfaces[alias] += 0
            named = self.st.facility_names.get(normalise(alias))
            if named is not None and self.st.resolve_key(named) != e.key and named in self.st.entities:
                self.st.merge(named, e.key)  # "the Narva plant" named earlier or later is this facility
        e.surfaces[aliases[0]] += 1
        e.mentions += 1
        e.sentence = e.sentence or self.s.text
        return e

    def _policies(self) -> None:
        """ "the export licensing that China introduced in April 2025", "China's export controls" -> a Policy."""
        d = self.doc
        # "China's Ministry of Commerce banned the export of technology used to make rare earth magnets"
        for i in self.triggers(("banned", "bans", "restricted", "restricts", "curbed", "curbs", "suspended")):
            if "export" not in self.words[i - self.s.start + 1 : i - self.s.start + 5] and "exports" not in self.words[i - self.s.start + 1 : i - self.s.start + 5]:
                continue
            issuer = self.left(i, self.labelled("Country", "GovernmentBody"), limit=6)
            if issuer is None or self.hedged(issuer.start, i + 1):
                continue
            ie = self.st.ent(issuer)
            iso, words = find_date(self.s.text)
            if iso is None and self.st.published:
                iso, words = self.st.published, find_date(self.st.published)[1]
            noun = "ban" if self.w(i).startswith("ban") else "restrictions"
            name = f"{_brief(ie)} export {noun}" + (f" ({words})" if words else "")
            props = {"kind": "export-control", **({"announced": iso} if iso else {})}
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", name, props)
            e.surfaces[f"{d[i].text} the export"] += 0
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, i + 1, e.key, d[i].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.75)
        # "MIIT set the 2024 mining quota for rare earths at 270,000 tonnes": a quota restricts what it counts
        for i in self.triggers(("quota", "quotas")):
            issuer = self.left(i, self.labelled("Country", "GovernmentBody"), limit=10)
            if issuer is None or self.hedged(issuer.start, i + 1) or self.w(i - 1) == "export":
                continue
            stage = next((self.w(k) for k in range(i - 1, max(self.s.start, i - 4) - 1, -1)
                          if self.w(k) in ("mining", "smelting", "separation", "production", "refining")), "")  # fmt: skip
            year = next((d[k].text for k in range(max(self.s.start, i - 4), i) if re.fullmatch(r"(19|20)\d\d", d[k].text)), None)
            ie = self.st.ent(issuer)
            e = self.st._new("Policy", f"{_brief(ie)} {stage + ' ' if stage else ''}quota" + (f" ({year})" if year else ""),
                             {"kind": "quota", **({"announced": year} if year else {})})  # fmt: skip
            e.mentions += 1
            e.surfaces[d[i].text] += 0
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, i + 1, e.key, d[i].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.75)
            targets = [m for m in self.ms if m.start > i and self.st.label(m) in ("Material", "Element")]
            if not targets and any(self.w(k) in ("earths", "earth") for k in range(i + 1, min(self.s.end, i + 5))):
                generic = self.st.x.gazetteer.lookup("rare earth ore" if stage in ("mining", "") else "separated rare earth oxides")
                if generic is not None:
                    key = self.st._known(generic)
                    self.st.entities[key].mentions += 1  # "rare earths", counted as the stage the quota names
                    self.st.entities[key].sentence = self.st.entities[key].sentence or self.s.text
                    self.st.add("RESTRICTS", e, key, self.s, 0.7)
        for i in self.triggers(("export",)):
            if i + 1 >= self.s.end or d[i + 1].lower_ not in RESTRICT_NOUNS:
                continue
            end = i + 2
            if end < self.s.end and d[end].lower_ in ("requirements", "regime", "rules", "system"):
                end += 1
            issuer, words_end = None, end
            if end + 2 < self.s.end and d[end].lower_ in ("that", "which"):
                cand = self.at(end + 1)
                if cand is not None and self.st.label(cand) in ("Country", "GovernmentBody"):
                    issuer = cand
                    k = cand.end
                    if k < self.s.end and d[k].lower_ in ISSUE_VERBS:
                        k += 1
                        date_end = k
                        if k < self.s.end and d[k].lower_ == "in":
                            date_end = k + 1
                            while date_end < self.s.end and (d[date_end].lower_ in MONTHS or d[date_end].like_num):
                                date_end += 1
                        words_end = date_end if date_end > k + 1 else k
            if issuer is None:
                # "China's export controls", "China imposed new export controls on gallium"
                before = self.left(i, self.labelled("Country", "GovernmentBody"), limit=4)
                between = {self.w(k) for k in range(before.end, i)} if before is not None else set()
                if before is not None and between <= ISSUE_VERBS | {"'s", "’s", "has", "have", "had", "new", "fresh", "its", "further"}:
                    issuer = before
            if issuer is None or self.hedged(i, words_end):
                continue
            surface = d[i:words_end].text
            iso, words = find_date(surface)
            if iso is None:
                iso, words = find_date(self.s.text)
            ie = self.st.ent(issuer)
            name = f"{_brief(ie)} export {d[i + 1].lower_}" + (f" ({words})" if words else "")
            props = {"kind": "quota" if "quota" in d[i + 1].lower_ else "export-control"}
            if iso:
                props["announced"] = iso
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", name, props)
            e.surfaces[surface] += 1
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(i, words_end, e.key, surface, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.8)

    def _events(self) -> None:
        d = self.doc
        # "X hosted a ... conference in P" / "X marked the opening of its plant"
        for i in self.triggers(HOST_VERBS | {"marked", "celebrated"}):
            if self.hedged(i, i + 1):
                continue
            host = self.left(i, self.org, limit=25)
            if host is None:
                continue
            j = next((k for k in range(i + 1, min(self.s.end, i + 10)) if d[k].lower_ in EVENT_NOUNS | {"opening", "inauguration"}), None)
            if j is None or (d[j].lower_ in ("opening", "inauguration") and d[i].lower_ not in ("marked", "celebrated", "held", "hosted")):
                continue
            he = self.st.ent(host)
            iso, words = find_date(self.s.text)
            if iso is None:
                md = _DATE_MD.search(self.s.text)
                words = f"{md.group(1).title()} {md.group(2)}" if md else None
                if self.st.published:
                    iso = self.st.published
                    words = words or find_date(iso)[1]
            place = self.right(j + 1, self.labelled("Place", "Country"), limit=3)
            if d[j].lower_ in ("opening", "inauguration"):
                facility = self.right(j + 1, self.labelled("Facility"), limit=6)
                subject = self.st.ent(facility).name if facility else he.name
                name = f"{subject} {d[j].lower_}" + (f" ({words})" if words else "")
            else:
                where = f" in {self.st.ent(place).name}" if place else ""
                name = f"{he.name} {d[j].lower_}{where}" + (f" ({words})" if words else "")
            props = {"date": iso} if iso and re.match(r"^\d{4}", iso) else {}
            e = self.st._new("Event", name, props)
            start = i + 1
            while start < j and d[start].lower_ in ("a", "an", "the", "its", "official"):
                start += 1
            surface = d[start : j + 1].text
            e.surfaces[surface] += 1
            e.surfaces[d[j].text] += 0
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(start, j + 1, e.key, surface, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            self.st.last_event = e.key
            self.st.add("PARTICIPATED_IN", host, e, self.s, 0.85, role="host")
            if place is not None and d[j].lower_ not in ("opening", "inauguration"):
                self.st.add("LOCATED_IN", e, place, self.s, 0.8)
        # "The event, co-organized by A and B" ; "the event served as a platform for signing agreements between ..."
        event = next((m for m in self.ms if self.st.label(m) == "Event"), None)
        if event is None:
            return
        self._event_attendance()
        for i in self.triggers(CO_VERBS):
            if i + 2 < self.s.end and self.w(i + 1) == "by" and not self.hedged(i, i + 2):
                first = self.right(i + 2, self.org, limit=3)
                if first is None:
                    continue
                parties = self.coordinated(first, self.org)
                co = self.w(i).startswith("co-") or (self.w(i - 1) == "-" and self.w(i - 2) == "co")
                role = "co-organiser" if co or self.w(i).startswith("organi") else "sponsor"
                for p in parties:
                    self.st.add("PARTICIPATED_IN", p, event, self.s, 0.8, role=role)
                ev = self.st._key(event)
                hosts = [h for h in self.st.into.get(("PARTICIPATED_IN", ev), [])  # organisers, not attendees
                         if self.st.relations[("PARTICIPATED_IN", h, ev, None)].props.get("role") != "participant"]
                for a, b in combinations(dict.fromkeys([self.st._key(p) for p in parties] + hosts), 2):
                    self.st.add("COOPERATES_WITH", a, b, self.s, 0.6, event=event.key)
        for i in self.triggers(("signing", "signed")):
            first = self.right(i, self.org, limit=8)
            if first is None or self.hedged(i, first.start):
                continue
            for p in self.coordinated(first, self.org):
                self.st.add("PARTICIPATED_IN", p, event, self.s, 0.75, role="signatory")

    def _event_attendance(self) -> None:
        """ "A and B will present the plan at the X Summit in P", "The memorandum was signed at the X Forum": the
        sentence's subjects (or the parties it refers to) took part; the event is in P."""
        for m in self.ms:
            if self.st.label(m) != "Event":
                continue
            k = m.start - 1
            while self.w(k) == "-" and self.at_end(k) is not None:
                k = self.at_end(k).start - 1  # "the EU-China Summit"
            while self.w(k) in ("the", "this", "year's", "annual"):
                k -= 1
            if self.w(k) in ("in", "at") and self.w(k - 1) in ("part", "participated", "participates", "exhibited", "exhibits"):
                k -= 1
            if self.w(k) not in ("at", "during", "attended", "attends", "attend", "joined", "joins", "part",
                                 "participated", "participates", "exhibited", "exhibits") or self.hedged(k, m.end):
                continue
            if self.subject is not None and self.org(self.subject) and self.subject.end <= k:
                who = [self.st._key(x) for x in self.coordinated(self.subject, self.org)]
            else:
                who = self.parties_referred()
            for p in who:
                self.st.add("PARTICIPATED_IN", p, m, self.s, 0.75, role="participant")
            if self.w(m.end) == "in":
                place = self.right(m.end + 1, self.labelled("Place", "Country"), limit=1)
                if place is not None:
                    self.st.add("LOCATED_IN", m, place, self.s, 0.75)

    def _agreement_events(self) -> None:
        """ "In January 2023 VAC concluded a binding long-term agreement to supply GM": a dated signing is an Event."""
        d = self.doc
        for i in self.triggers(("agreement", "contract", "deal")):
            verb = next((k for k in range(i - 1, max(self.s.start, i - 7) - 1, -1)
                         if self.w(k) in ("signed", "concluded", "reached", "struck", "inked", "sealed")), None)  # fmt: skip
            if verb is None or self.hedged(verb, i + 1):
                continue
            lo = verb
            while lo > self.s.start and self.w(lo - 1) not in (",", ";", "and"):
                lo -= 1
            iso, words = find_date(d[lo : min(self.s.end, i + 12)].text)
            if iso is None:
                continue
            signer = self.left(verb, self.org, limit=4)
            partners = []
            for k in range(i + 1, min(self.s.end, i + 10)):
                if self.w(k) in ("with", "between", "supply", "for", "to"):
                    first = self.right(k + 1, self.org, limit=2)
                    if first is not None:
                        partners = self.coordinated(first, self.org)
                        break
            if signer is None or not partners:
                continue
            parties = [signer] + [p for p in partners if p.key != signer.key]
            start = verb + 1
            while start < i and self.w(start) in ("a", "an", "the", "its", "their"):
                start += 1
            kind = "supply " if any(self.w(k) in ("supply", "offtake") for k in range(verb, min(self.s.end, i + 6))) else ""
            names = "-".join(sorted(_short(self.st.ent(p).name) for p in parties))
            e = self.st._new("Event", f"{names} {kind}{d[i].lower_} ({words})", {"date": iso})
            e.surfaces[d[start : i + 1].text] += 1
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.ms.append(Mention(start, i + 1, e.key, d[start : i + 1].text, anaphora=True))
            self.ms.sort(key=lambda x: x.start)
            for p in parties:
                self.st.add("PARTICIPATED_IN", p, e, self.s, 0.75, role="signatory")

    # .. relation rules ..

    def _subsidiary(self) -> None:
        d = self.doc
        for i in self.triggers(SUBSIDIARY_NOUNS | {"company"}):
            word = self.w(i)
            if word == "company" and self.w(i - 1) != "group":
                continue
            if self.hedged(i, i + 4):
                continue
            # "A, the U.S. subsidiary of B"
            if self.w(i + 1) == "of":
                parent = self.right(i + 2, self.org, limit=5)
                child = self.left(i, self.org, limit=8)
                gap = [self.w(k) for k in range(child.end, i)] if child is not None else []
                if parent is not None and child is not None and ("," in gap or set(gap) & {"is", "was", "are", "became", "becomes", "remains"}):
                    self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.85)
                    continue
                # "sale of stakes in X and Y to an affiliate of Z" is handled by _acquisition
            # "its subsidiary B", "A's group company B", "A's Beijing subsidiary", "A's Magnequench division"
            owner: Mention | str | None = None
            k = i - 1
            if word == "company":
                k -= 1
            place = None
            if k >= self.s.start and self.st.label(self.at_end(k + 1)) == "Place":
                place = self.at_end(k + 1)
                k = place.start - 1
            # "Neo's Magnequench division": a name not yet known as an organisation, right before "division"/"unit"
            named_before = None
            cand = self.at_end(k + 1)
            ce = self.st.ent(cand)
            if cand is not None and word in ("division", "unit") and (ce is None or (ce.label == "Company" and not ce.confirmed)):
                named_before = cand
                k = cand.start - 1
            while named_before is None and place is None and k > self.s.start and k > i - 4 and self.doc[k].is_lower \
                    and self.doc[k].is_alpha and self.w(k) not in ("its", "their", "a", "the", "an"):
                k -= 1  # "its recycling subsidiary"
            if k >= self.s.start and self.w(k) in ("its", "their"):
                owner = self.its(k)
            elif k >= self.s.start and self.w(k) in ("'s", "’s", "'", "’"):
                owner = self.at_end(k)
                if owner is not None and not self.org(owner):
                    owner = None
            if owner is None:
                continue
            child = self.at(i + 1)
            if (child is None or not self.org(child)) and self.w(k - 1) == ",":
                child = self.at_end(k - 1)  # "HyProMag, its recycling subsidiary, ..."
                if child is not None and self.st._key(child) == self.st._key(owner):
                    child = None
            if child is not None and self.org(child):
                self.st.add("SUBSIDIARY_OF", child, owner, self.s, 0.85)
                continue
            if named_before is not None:
                e = self.st.ent(named_before)
                e.surfaces[f"{named_before.text} {word}"] += 0
                e.confirmed = True
                self.st.add("SUBSIDIARY_OF", named_before, owner, self.s, 0.8)
                continue
            if place is not None and word in ("subsidiary", "unit", "branch", "arm"):
                oe = self.st.entities[self.st._key(owner)]
                pe = self.st.ent(place)
                e = self.st._new(oe.label, f"{oe.name} {pe.name} {word}", {})
                surface = f"{_short(oe.name)}'s {pe.name} {word}"
                e.surfaces[surface] += 1
                e.mentions += 1
                e.sentence = e.sentence or self.s.text
                first = owner.start if isinstance(owner, Mention) and owner.end == place.start - 1 else place.start
                if first != place.start:
                    self.ms.remove(owner)  # type: ignore[arg-type]
                self.ms.remove(place)
                m = Mention(first, i + 1, e.key, d[first : i + 1].text, anaphora=True)
                self.ms.append(m)
                self.ms.sort(key=lambda x: x.start)
                self.st.add("SUBSIDIARY_OF", e, owner, self.s, 0.8)
                self.st.add("LOCATED_IN", e, place, self.s, 0.7)

    def at_end(self, end: int) -> Mention | None:
        for m in self.ms:
            if m.end == end:
                return m
        return None

    def _acquisition(self) -> None:
        """Purchases, acquisitions, sales of stakes and ownership: the firm bought is a subsidiary of the buyer."""
        for i in self.triggers(("purchase", "acquisition", "takeover")):
            if self.w(i + 1) != "of" or self.hedged(i, i + 3):
                continue
            target = self.at(i + 2) or self.right(i + 2, self.org, limit=1)
            buyer = self.left(i, self.org, limit=6)
            if target is not None and buyer is not None and self.org(target):
                self.st.add("SUBSIDIARY_OF", target, buyer, self.s, 0.8)
        for i in self.triggers(ACQUIRE_VERBS):
            if self.w(i) == "took" and self.w(i + 1) != "over":
                continue
            k = i + (2 if self.w(i) == "took" else 1)
            target = self.at(k)
            buyer = self.left(i, self.org, limit=6)
            if target is None or buyer is None or not self.org(target) or self.hedged(i, k):
                continue
            # "bought oxide from X" is a purchase of goods; a government is not bought
            if self.w(target.end) == "from" or self.st.label(target) == "GovernmentBody":
                continue
            self.st.add("SUBSIDIARY_OF", target, buyer, self.s, 0.75)
        # "X, which was acquired by Y"
        for i in self.triggers(("acquired", "bought", "purchased")):
            if self.w(i + 1) != "by" or self.hedged(i, i + 2):
                continue
            buyer = self.right(i + 2, self.org, limit=2)
            target = self.left(i, self.org, limit=5)
            if buyer is not None and target is not None:
                self.st.add("SUBSIDIARY_OF", target, buyer, self.s, 0.75)
        # "the sale of (majority) stakes in ... X and Y to (an affiliate of) Z"; "sold X to Z"
        for i in self.triggers(("sale", "sold")):
            to = next((k for k in range(i + 1, self.s.end) if self.w(k) == "to"), None)
            if to is None or self.hedged(i, to):
                continue
            buyer = self.right(to + 1, self.org, limit=6)
            if buyer is None:
                continue
            if "minority" in self.words:
                continue
            sold = [m for m in self.ms if i < m.start < to and self.org(m)]
            for m in sold:
                self.st.add("SUBSIDIARY_OF", m, buyer, self.s, 0.7)
        # "A, owned by B"; "A is owned jointly by B and C"; "A is a joint venture of B and C"
        for i in self.triggers(("owned", "majority-owned", "wholly-owned", "controlled", "venture")):
            by = i + 2 if self.w(i + 1) in ("jointly", "equally") else i + 1
            if self.w(i) == "venture" and (self.w(i - 1) != "joint" or self.w(i + 1) != "of"):
                continue
            if self.w(by) not in ("by", "of") or self.hedged(i, by + 1):
                continue
            first = self.right(by + 1, self.org, limit=2)
            child = self.left(i, lambda m: self.org(m) or self.st.label(m) == "Facility", limit=4 if self.w(i) != "venture" else 6)
            if child is None and self.subject is not None and self.org(self.subject) and self.w(self.subject.end) == "," \
                    and self.subject.end < i:
                child = self.subject  # "A, the largest producer of ... in Canada, is owned by B"
            if first is None or child is None:
                continue
            for parent in self.coordinated(first, self.org):
                if self.st.label(child) == "Facility":
                    self.st.add("OPERATES", parent, child, self.s, 0.8)
                else:
                    self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.8)
        # "B holds a 30% stake in A", "B holds a stake of about 30% in A"
        for i in self.triggers(("stake", "stakes", "interest")):
            holder = self.left(i, self.org, limit=8)
            k = i + 1
            if self.w(k) == "of":
                k = next((q + 1 for q in range(k, min(self.s.end, k + 5)) if self.w(q) in ("%", "percent")), k)
            if self.w(k) != "in" or holder is None or self.hedged(holder.start, k + 1):
                continue
            target = self.right(k + 1, self.org, limit=2)
            if target is None or any(self.w(q) in ("sale", "sold", "sell", "selling") for q in range(holder.end, i)):
                continue
            pct = self._percent(holder.end, k)
            if pct is not None:
                self.st.add("SUBSIDIARY_OF", target, holder, self.s, 0.75, stake=pct)
        # "B, which owns 35% of A", "B holds 40 percent of the company"
        for i in self.triggers(("owns", "owned", "holds", "held", "controls")):
            pct_at = next((q for q in range(i + 1, min(self.s.end, i + 4)) if self.w(q) in ("%", "percent")), None)
            if pct_at is None or self.w(pct_at + 1) != "of" or self.hedged(i, pct_at + 1):
                continue
            holder = self.left(i, self.org, limit=6)
            target = self.right(pct_at + 2, self.org, limit=2)
            pct = self._percent(i + 1, pct_at + 1)
            if holder is not None and target is not None and pct is not None:
                self.st.add("SUBSIDIARY_OF", target, holder, self.s, 0.75, stake=pct)
        # "KU Leuven's Institute for Sustainable Metals": an institute of the organisation that possesses it
        for m in self.ms:
            if self.st.label(m) == "ResearchInstitute" and self.w(m.start - 1) in ("'s", "’s"):
                owner = self.at_end(m.start - 1)
                if self.org(owner) and not self.hedged(owner.start, m.end):
                    self.st.add("SUBSIDIARY_OF", m, owner, self.s, 0.75)
        # "A, whose parent company is B", "A's parent, B", "its parent company B"
        for i in self.triggers(("parent",)):
            j = i + 1 if self.w(i + 1) in ("company", "group", "firm") else i
            if self.w(i - 1) == "whose" and self.w(j + 1) in ("is", "was"):
                child, parent = self.at_end(i - 2) if self.w(i - 2) == "," else None, self.right(j + 2, self.org, limit=2)
            elif self.w(i - 1) in ("its", "'s", "’s"):
                child = self.its(i - 1) if self.w(i - 1) == "its" else self.at_end(i - 1)
                parent = self.right(j + 1, self.org, limit=2)
            else:
                continue
            if child is not None and parent is not None and self.st.label_of(child) in ORG_LABELS and not self.hedged(i, j + 1):
                self.st.add("SUBSIDIARY_OF", child, parent, self.s, 0.8)
        # "B will become its largest shareholder, with a stake of about 15%"; "B is the majority shareholder of A"
        for i in self.triggers(("shareholder", "owner")):
            if self.w(i - 1) not in ("largest", "biggest", "majority", "controlling", "principal", "main", "sole"):
                continue
            holder = self.subject if self.subject is not None and self.subject.end <= i and self.org(self.subject) else None
            holder = holder or self.left(i, self.org, limit=12)
            if holder is None or self.hedged(holder.start, i + 1):
                continue
            owned: Mention | str | None = None
            if self.w(i + 1) in ("of", "in"):
                owned = self.right(i + 2, self.org, limit=2)
            k = i - 2
            while owned is None and k >= holder.end and self.w(k) not in ("its", "'s", "’s"):
                k -= 1
            if owned is None and self.w(k) in ("'s", "’s"):
                owned = self.at_end(k)
            elif owned is None and self.w(k) == "its":
                owned = self.left(k, lambda m: self.org(m) and self.st._key(m) != self.st._key(holder), limit=25)
            if owned is None or not self.org(owned):
                continue
            self.st.add("SUBSIDIARY_OF", owned, holder, self.s, 0.75, stake=self._percent(i, self.s.end))

    def _percent(self, lo: int, hi: int) -> float | None:
        """The first percentage between ``lo`` and ``hi`` as a fraction ("40%", "40 percent"), or None."""
        for k in range(lo, hi):
            number = _PERCENT.match(self.doc[k].text)
            if number and (self.doc[k].text.endswith("%") or self.w(k + 1) in ("%", "percent", "per")):
                value = float(number.group(1)) / 100
                return value if value <= 1 else None
        return None

    def _located(self) -> None:
        # "A, based in P1, P2" / "A is headquartered in P" / "A ... headquarters in P"
        for i in self.triggers(("based", "headquartered", "located", "headquarters")):
            if self.w(i + 1) != "in" or self.hedged(i, i + 2):
                continue
            place = self.right(i + 2, self.labelled("Place", "Country"), limit=1)
            who = self.left(i, lambda m: self.org(m) or self.st.label(m) in ("Facility",), limit=8)
            if place is None or who is None:
                continue
            self.st.add("LOCATED_IN", who, place, self.s, 0.9)
            self._place_chain(place)
        # "the Toronto-based company" after or before an organisation
        for i in self.triggers(("based",)):
            if i < 2 or self.w(i - 1) != "-":
                continue
            place = self.at_end(i - 1)
            if place is None or self.st.label(place) not in ("Place", "Country"):
                continue
            who = self.left(place.start, self.org, limit=4) or self.right(i + 1, self.org, limit=6)
            if who is not None:
                self.st.add("LOCATED_IN", who, place, self.s, 0.85)
        # "its Kalgoorlie plant in Western Australia", "at Ames National Laboratory in Iowa"
        for m in self.ms:
            label = self.st.label(m)
            located = label in ("Facility", "University", "ResearchInstitute") \
                or (self.org(m) and self.w(m.start - 1) in ("at", "to", "from"))  # "sells M to B in Eindhoven"
            if located and self.w(m.end) in ("in", "at", "near"):
                place = self.at(m.end + 1) or (self.at(m.end + 2) if self.w(m.end + 1) == "the" else None)
                if place is not None and self.st.label(place) in ("Place", "Country"):
                    self.st.add("LOCATED_IN", m, place, self.s, 0.75)
        # "P1, P2" and "P1, in Country's P2" after "in"
        for m in self.ms:
            if self.st.label(m) != "Place":
                continue
            if self.w(m.start - 1) in ("in", "near", "at") or (self.w(m.start - 1) == "the" and self.w(m.start - 2) in ("in", "at")):
                self._place_chain(m)
        # "Araxa in Minas Gerais", "Baotou in Inner Mongolia"
        for m in self.ms:
            if self.st.label(m) == "Place" and self.w(m.end) == "in":
                outer = self.at(m.end + 1)
                if outer is not None and self.st.label(outer) in ("Place", "Country") and not self.hedged(m.start, outer.end):
                    self.st.add("LOCATED_IN", m, outer, self.s, 0.75)
        # "Estonia's Ida-Viru County"
        for m in self.ms:
            if self.st.label(m) == "Country" and self.w(m.end) in ("'s", "’s") and not m.demonym:
                nxt = self.at(m.end + 1)
                if nxt is not None and self.st.label(nxt) == "Place":
                    self.st.add("LOCATED_IN", nxt, m, self.s, 0.85)
                elif nxt is not None and self.org(nxt):
                    self.st.add("LOCATED_IN", nxt, m, self.s, 0.8)
        # "A, one of Japan's largest chemical companies" / "A, China's state-backed rare earth and steel giant"
        for m in self.ms:
            if not self.org(m) or self.w(m.end) != ",":
                continue
            for k in range(m.end + 1, min(self.s.end, m.end + 5)):
                country = self.at(k)
                if country is not None and self.st.label(country) == "Country" and self.w(country.end) in ("'s", "’s"):
                    head = next((q for q in range(country.end + 1, min(self.s.end, country.end + 9)) if self.w(q) in ORG_NOUNS), None)
                    if head is not None:
                        self.st.add("LOCATED_IN", m, country, self.s, 0.8)
                    break
        # "A, a Danish maker of ...", "A, an Estonian producer"
        for m in self.ms:
            if self.org(m) and self.w(m.end) == "," and self.w(m.end + 1) in ("a", "an", "the"):
                demonym = self.at(m.end + 2)
                if demonym is not None and demonym.demonym and self.w(demonym.end) in ORG_NOUNS | {"state-owned", "listed"}:
                    self.st.add("LOCATED_IN", m, demonym, self.s, 0.8)
        # "A began separating and refining rare earths in Hai Phong"
        subject = self.subject
        if subject is not None and self.org(subject):
            for i in self.triggers(("in",)):
                place = self.at(i + 1)
                if place is None or self.st.label(place) != "Place" or i < subject.end:
                    continue
                between = [self.w(k) for k in range(subject.end, i)]
                if any(self.st_mention_covers(k) and self.st.label(self.at_or_in(k)) in {"Facility"} | ORG_LABELS for k in range(subject.end, i)):
                    continue
                if any(w in ("listed", "listing") for w in between) or self.hedged(subject.start, i + 1):
                    continue
                if any(w.startswith(("separat", "refin", "produc", "manufactur", "operat", "mines", "mining", "process")) for w in between):
                    self.st.add("LOCATED_IN", subject, place, self.s, 0.6)

    def at_or_in(self, i: int) -> Mention | None:
        for m in self.ms:
            if m.start <= i < m.end:
                return m
        return None

    def _place_chain(self, place: Mention) -> None:
        """ "Stillwater, Oklahoma" / "Narva, in Estonia's Ida-Viru County": the first is in the second."""
        k = place.end
        if self.w(k) != ",":
            return
        k += 1
        if self.w(k) == "in":
            k += 1
        nxt = self.at(k)
        if nxt is not None and self.st.label(nxt) == "Country" and self.w(nxt.end) in ("'s", "’s"):
            inner = self.at(nxt.end + 1)
            if inner is not None and self.st.label(inner) == "Place":
                self.st.add("LOCATED_IN", place, inner, self.s, 0.8)
                return
        if nxt is None or self.st.label(nxt) not in ("Place", "Country") or nxt.demonym:
            return
        after = self.w(nxt.end)
        if after in ("and", "or") or (after == "," and self.st.label(self.at(nxt.end + 1)) in ("Place",) and self.w(self.at(nxt.end + 1).end) in (",", "and")):
            return
        self.st.add("LOCATED_IN", place, nxt, self.s, 0.8)

    def _operates(self) -> None:
        for m in self.ms:
            if self.st.label(m) != "Facility":
                continue
            k = m.start - 1
            operator: Mention | str | None = None
            for q in range(m.end, min(self.s.end, m.end + 8)):
                if self.w(q) in ("operated", "run", "owned", "managed") and self.w(q + 1) == "by":
                    operator = self.right(q + 2, self.org, limit=3)
                    break
            if operator is not None:
                pass
            elif k >= self.s.start and self.w(k) in ("its", "their", "our"):
                operator = self.its(k)
            elif k >= self.s.start and self.w(k) in ("'s", "’s", "'", "’"):
                owner = self.at_end(k)
                if owner is not None and self.org(owner):
                    operator = owner
            if operator is None:
                verb = next((q for q in range(m.start - 1, max(self.s.start, m.start - 12) - 1, -1) if self.w(q) in BUILD_VERBS), None)
                if verb is not None:
                    subject = self.subject if self.subject is not None and self.org(self.subject) and self.subject.end <= verb else None
                    who = subject or self.left(verb, self.org, limit=14)
                    if who is not None and not any(self.org(x) for x in self.ms if verb < x.start < m.start):
                        operator = who
            if operator is None and self.w(m.end) in (",",) and self.w(m.end + 1) in ("which", "that"):
                for q in range(m.end + 2, min(self.s.end, m.end + 8)):
                    if self.w(q) in ("operated", "run", "owned", "managed") and self.w(q + 1) == "by":
                        operator = self.right(q + 2, self.org, limit=3)
                        break
            if operator is None:
                for q in range(m.end, min(self.s.end, m.end + 8)):
                    if self.w(q) in ("operated", "run", "owned", "managed") and self.w(q + 1) == "by":
                        operator = self.right(q + 2, self.org, limit=3)
                        break
            if operator is not None and not self.hedged(m.start, m.end):
                self.st.add("OPERATES", operator, m, self.s, 0.8)

    def _produces(self) -> None:
        for i in self.triggers(PRODUCE_VERBS | {"produced"}):
            if self.w(i) == "produced" and self.w(i - 1) in ("is", "are", "was", "were", "be", "been", "being"):
                continue  # passive: "produced in China" is handled below, "was produced by X" names no object
            subject = self.subject if self.subject is not None and self.subject.end <= i else None
            producer = subject or self.left(i, lambda m: self.org(m) or self.st.label(m) in ("Facility", "Country"), limit=25,
                                 stop=(";",))  # fmt: skip
            if producer is None:
                if any(w in ("it", "company") for w in self.words[: i - self.s.start]):
                    producer = self.st.last_subject  # type: ignore[assignment]
                if producer is None:
                    continue
            materials = self._objects(i + 1, "Material")
            if not materials or self.hedged(i, i + 1) or self.st.entities[self.st._key(producer)].label == "GovernmentBody":
                continue
            if any(self.w(k) in ("technology", "technologies", "equipment") and not self.st_mention_covers(k)
                   for k in range(max(self.s.start, i - 3), i)):  # fmt: skip
                continue
            for mat in materials:
                self.st.add("PRODUCES", producer, mat, self.s, 0.8)
            self._purpose(materials[-1].end, materials, producer)
            # "uses M0 to make M": M0 feeds M
            if self.w(i - 1) == "to":
                use = next((k for k in range(i - 2, max(self.s.start, i - 10) - 1, -1) if self.w(k) in ("uses", "use", "using", "used")), None)
                for src in self._objects(use + 1, "Material") if use is not None else ():
                    for mat in materials:
                        self._input(src, mat)
            # "A has begun producing M at a small plant in P": A runs the plant
            plant = self.right(materials[-1].end, self.labelled("Facility"), limit=4)
            if plant is not None and self.st.label_of(producer) in ORG_LABELS and not self.st.into.get(("OPERATES", self.st._key(plant))):
                self.st.add("OPERATES", producer, plant, self.s, 0.7)
        # "turns them into M", "separates the carbonate into M": the subject (a firm or a plant) makes M from what it takes
        for i in self.triggers(("into",)):
            verb = next((k for k in range(i - 1, max(self.s.start, i - 8) - 1, -1) if self.w(k) in CONVERT_VERBS), None)
            if verb is None or self.hedged(verb, i + 1):
                continue
            producer = self.left(verb, lambda m: self.org(m) or self.st.label(m) == "Facility", limit=6, stop=(";", ",")) \
                or (self.subject if self.subject is not None and self.subject.end <= verb else None)
            products = self._objects(i + 1, "Material")
            if producer is None or not products:
                continue
            for mat in products:
                self.st.add("PRODUCES", producer, mat, self.s, 0.75)
                for src in (m for m in self.ms if verb < m.start < i and self.st.label(m) == "Material"):
                    self._input(src, mat)
            self._purpose(products[-1].end, products, producer)
        # "A, a producer of M1 and M2"
        for i in self.triggers(PRODUCER_NOUNS):
            if self.w(i + 1) != "of":
                continue
            who = self.left(i, self.org, limit=8)
            if who is None or self.hedged(who.start, i):
                continue
            for mat in self._objects(i + 2, "Material"):
                self.st.add("PRODUCES", who, mat, self.s, 0.75)
        # "a samarium-cobalt alloy produced in China"
        for i in self.triggers(PASSIVE_PRODUCE):
            if self.w(i + 1) != "in":
                continue
            where = self.at(i + 2)
            mat = self.at_end(i)
            if where is not None and mat is not None and self.st.label(mat) == "Material" and self.st.label(where) in ("Country", "Place"):
                self.st.add("PRODUCES", where, mat, self.s, 0.7)

    def _objects(self, i: int, label: str) -> list[Mention]:
        """The mentions of ``label`` in the phrase starting at ``i``, up to a preposition that starts a new role."""
        out = []
        for m in self.ms:
            if m.start < i:
                continue
            between = [self.w(k) for k in range(out[-1].end if out else i, m.start)]
            if any(w in ("for", "from", "to", "into", ";", "which", "that", "with", "in") for w in between) or len(between) > 8:
                break
            if self.st.label(m) == label:
                out.append(m)
            elif self.st.label(m) is not None and out:
                break
        return out

    def _purpose(self, i: int, materials: list[Mention], producer: Mention | str | None = None) -> None:
        """After "makes M": "for E1, E2 and E3" gives USED_IN; "for B" supplies B; "from M0" gives INPUT_TO."""
        for k in range(i, self.s.end):
            word = self.w(k)
            if word == "for":
                first = self.right(k + 1, self.labelled("EndUse"), limit=4)
                if first is not None:
                    for use in self.coordinated(first, self.labelled("EndUse")):
                        for mat in materials:
                            self.st.add("USED_IN", mat, use, self.s, 0.75)
                customer = self.at(k + 2) if self.w(k + 1) == "the" else self.at(k + 1)
                if producer is not None and self.org(customer):  # "makes M for the Department of Defense and for B"
                    supplier = self.st._key(producer)
                    if self.st.label_of(supplier) == "Facility":
                        supplier = next(iter(self.st.into.get(("OPERATES", supplier), [])), None)
                    if supplier is not None and self.st.label_of(supplier) in ORG_LABELS and not self.hedged(i, customer.end):
                        self._supply(supplier, customer, materials[0], 0.7)
            if word == "from":
                for src in self._objects(k + 1, "Material"):
                    for mat in materials:
                        self._input(src, mat)

    def _input(self, src: Mention | str, dst: Mention | str) -> None:
        a, b = self.st.entities[self.st._key(src)], self.st.entities[self.st._key(dst)]
        if STAGE_ORDER.get(a.props.get("stage", ""), -1) <= STAGE_ORDER.get(b.props.get("stage", ""), 99) or a.props.get("stage") == "component":
            self.st.add("INPUT_TO", a, b, self.s, 0.7)

    def _supplies(self) -> None:
        for i in self.triggers(SUPPLY_VERBS):
            supplier = self.left(i, lambda m: self.org(m) or self.st.label(m) in ("Facility", "Country"), limit=12,
                                 stop=(";",))  # fmt: skip
            if supplier is None and any(w in ("it", "company") for w in self.words[: i - self.s.start]):
                supplier = self.st.last_subject  # type: ignore[assignment]
            subject = self.subject
            if isinstance(supplier, Mention) and subject is not None and subject.end <= supplier.start and self.org(subject) \
                    and any(self.w(k) in ("which", "who", "whose") for k in range(subject.end, supplier.start)):
                supplier = subject  # "A, which holds a stake in B, supplies ...": A supplies
            if supplier is None or self.hedged(self.st_pos(supplier, i), i + 1):
                continue
            customer, material = None, None
            nxt = self.right(i + 1, lambda m: True, limit=2)
            if nxt is not None and (self.org(nxt) or self.st.label(nxt) in ("Facility", "Country")):
                customer = nxt
                if self.w(nxt.end) == "with":
                    mats = self._objects(nxt.end + 1, "Material")
                    material = mats[0] if mats else self.right(nxt.end + 1, self.labelled("Material"), limit=8)
            else:
                mats = self._objects(i + 1, "Material")
                if not mats:  # "supply ferroniobium from its smelter at P to B": look for B after the source
                    mats = [m for m in self.ms if i < m.start <= i + 8 and self.st.label(m) == "Facility"
                            and self.w(m.start - 1) in ("its", "their")][:1]  # fmt: skip
                if mats:
                    material = mats[0] if self.st.label(mats[0]) == "Material" else None
                    # "M to B", "M from its refinery in P, Country to B"
                    to = next((k for k in range(mats[-1].end, min(self.s.end, mats[-1].end + 12)) if self.w(k) in ("to", ";")), None)
                    if to is not None and self.w(to) == "to":
                        customer = self.right(to + 1, lambda m: (self.org(m) or self.st.label(m) in ("Facility", "Country"))
                                              and not (m.demonym and self.w(m.end) in FACILITY_NOUNS), limit=3)
                        # ("to Chinese separators" is China, "to its Malaysian refinery" is no customer)
                    source = self.right(mats[-1].end, self.labelled("Facility"), limit=3)
                    if source is not None and self.w(source.start - 1) in ("its", "their") and self.st.label_of(supplier) in ORG_LABELS:
                        self.st.add("PRODUCES", supplier, material, self.s, 0.7)  # "A will supply M from its plant"
            parties = self.parties_referred()
            if customer is None and len(parties) == 2 and self.st._key(supplier) in parties:
                customer = next(p for p in parties if p != self.st._key(supplier))  # "Under the agreement A will supply M"
            if customer is None:
                continue
            customers = [customer]
            if isinstance(customer, Mention) and customer in self.ms:
                customers = self.coordinated(customer, lambda m: (self.org(m) or self.st.label(m) in ("Facility", "Country"))
                                             and self.w(m.end) not in CLAUSE_VERBS)  # (", and B will turn ...": a new clause)
            for c in customers:  # "supplies M to A and B"
                self._supply(supplier, c, material, 0.8)
        # "A's customers include B and C"
        for i in self.triggers(("customers", "customer", "clients")):
            if self.w(i + 1) not in ("include", "includes", "including", "are", "is"):
                continue
            k = i - 1
            while k >= self.s.start and self.w(k) not in ("'s", "’s", "its", "our", "'", "’") and i - k < 4:
                k -= 1
            supplier = self.its(k) if self.w(k) in ("its", "our") else self.at_end(k)
            first = self.right(i + 2, self.org, limit=2)
            if supplier is None or first is None or self.hedged(k, i + 2):
                continue
            for c in self.coordinated(first, self.org):
                self._supply(supplier, c, None, 0.75)
        # "A counts B and C among its customers"
        for i in self.triggers(("among",)):
            if self.w(i + 1) not in ("its", "their") or self.w(i + 2) not in ("customers", "clients", "buyers"):
                continue
            verb = next((k for k in range(i - 1, max(self.s.start, i - 10), -1) if self.w(k) in ("counts", "count", "lists", "includes")), None)
            supplier = self.left(verb, self.org, limit=3) if verb is not None else None
            first = self.right(verb + 1, self.org, limit=2) if verb is not None else None
            if supplier is not None and first is not None and not self.hedged(supplier.start, i):
                for c in self.coordinated(first, self.org):
                    self._supply(supplier, c, None, 0.7)
        # "M purchased from B", "A buys M from B" (the buyer is the sentence's subject)
        for i in self.triggers(BUY_VERBS):
            frm = next((k for k in range(i + 1, min(self.s.end, i + 8)) if self.w(k) == "from"), None)
            if frm is None or any(self.st.label(m) not in ("Material", "Element") for m in self.ms if i < m.start < frm):
                continue
            seller = self.right(frm + 1, lambda m: self.org(m) or self.st.label(m) == "Country", limit=2)
            buyer = self.left(i, lambda m: (self.org(m) or self.st.label(m) == "Country") and not m.demonym, limit=3) or self.subject \
                or next((m for m in self.ms if m.end <= i and self.org(m)), None)  # "Silmet's feed ... purchased from"
            if seller is None or buyer is None or buyer.key == seller.key or self.hedged(i, i + 2):
                continue
            mat = self.right(i + 1, self.labelled("Material"), limit=frm - i) or self.left(i, self.labelled("Material"), limit=4)
            self._supply(seller, buyer, mat, 0.75)
        # "A, a major supplier to B", "A is a supplier of M to B"
        for i in self.triggers(("supplier",)):
            mats = self._objects(i + 2, "Material") if self.w(i + 1) == "of" else []
            to = mats[-1].end if mats else i + 1
            if self.w(to) != "to":
                continue
            who = self.left(i, self.org, limit=8)
            customer = self.right(to + 1, lambda m: self.org(m) or self.st.label(m) == "Country", limit=2)
            if who is not None and customer is not None and not self.hedged(who.start, customer.end):
                self._supply(who, customer, mats[0] if mats else None, 0.7)

    def st_pos(self, item: Mention | str, default: int) -> int:
        return item.start if isinstance(item, Mention) else default

    def _supply(self, supplier: Mention | str, customer: Mention | str, material: Mention | None, conf: float) -> None:
        if self.st.label_of(supplier) == "Facility":
            operators = self.st.into.get(("OPERATES", self.st._key(supplier)), [])
            if operators and self.st.label_of(customer) in ORG_LABELS:
                supplier = operators[0]  # "its plant, which will supply magnets to B": the operator supplies B
        if self.st.label_of(supplier) == "Facility":  # "the mine feeds the plant with M": the mine produces M for it
            if material is not None:
                self.st.add("PRODUCES", supplier, material, self.s, conf)
                for product in list(self.st.out.get(("PRODUCES", self.st._key(customer)), [])):
                    self._input(material, product)
            return
        customer_key = self.st._key(customer)
        ce = self.st.entities[customer_key]
        if ce.label == "Facility":
            operators = self.st.into.get(("OPERATES", ce.key), [])
            if operators:
                customer = operators[0]
        self.st.add("SUPPLIES", supplier, customer, self.s, conf, material=self.st._key(material) if material else None)
        under = [k for k, w in enumerate(self.words) if w == "under"]
        if any(w in ("agreement", "contract", "deal") for k in under for w in self.words[k + 1 : k + 6]) \
                and self.st.label_of(supplier) in ORG_LABELS and self.st.label_of(customer) in ORG_LABELS:
            self.st.add("COOPERATES_WITH", supplier, customer, self.s, 0.7)  # "A buys M from B under a three-year contract"
        if material is not None:
            for source in dict.fromkeys((customer_key, self.st._key(customer))):
                for product in list(self.st.out.get(("PRODUCES", source), [])):
                    self._input(material, product)

    def _cooperation(self) -> None:
        parties_seen: list[list[str]] = []
        for i in self.triggers(AGREEMENT_NOUNS | COOP_VERBS):
            word = self.w(i)
            if word == "venture" and self.w(i - 1) != "joint":
                continue
            end = min(self.s.end, i + 14)
            if self.hedged(max(self.s.start, i - 12), i + 1):
                continue
            parties: list[Mention | str] = []
            with_subject = False
            apart: set[str] = set()
            for k in range(i + 1, end):
                if self.w(k) in ("with", "between", "among", "by"):
                    first = self.right(k + 1, self.org, limit=3)
                    if first is not None:
                        parties = list(self.coordinated(first, self.org))
                        if self.w(k) == "with":
                            subj = self.subject if self.subject is not None and self.subject.end <= i and self.org(self.subject) else None
                            subj = subj or self.left(i, self.org, limit=14)
                            if subj is None:
                                after = [m for m in self.ms if m.start > parties[-1].end and self.org(m)]
                                subj = after[0] if after else None
                            if subj is None and self.st.label_of(self.st.last_subject) in ORG_LABELS:
                                subj = self.st.last_subject  # type: ignore[assignment]  # "A new contract with B covers ..."
                            if subj is not None:
                                subjects = self.coordinated(subj, self.org) if isinstance(subj, Mention) and subj.end <= i else [subj]
                                parties[:0] = [x for x in subjects if x not in parties]  # "A and B have signed ... with C"
                                if len(subjects) > 1 and word in ("agreements", "contracts", "deals", "memoranda", "partnerships"):
                                    apart = {self.st._key(x) for x in subjects}  # each its own agreement with C
                                with_subject = True
                    break
                if self.w(k) in ("to", "under", "which", "that", ";"):
                    break
            if not parties:
                # "A and B announced/signed a memorandum"
                verb = next((k for k in range(i - 1, max(self.s.start, i - 8), -1) if self.w(k) in ("signed", "announced", "concluded", "reached", "formed", "struck", "agreed")), None)
                if verb is not None:
                    k = verb
                    while self.w(k - 1) in ("have", "has", "had", "today", "jointly", "also", "formally", "officially", ")"):
                        k -= 1  # "A, B and C (ABC) have today signed"
                    last = self.at_end(k) or self.left(k, self.org, limit=1)
                    if last is not None and self.org(last):
                        group = [m for m in self.ms if m.end <= last.end]
                        chain = [last]
                        for m in reversed(group[:-1]):
                            gap = [self.w(k) for k in range(m.end, chain[0].start)]
                            if gap and all(g in (",", "and", "(", ")", "the") for g in gap) and "the" != gap[0] and self.org(m):
                                chain.insert(0, m)
                            else:
                                break
                        if len(chain) > 1:
                            parties = list(chain)
            keys = list(dict.fromkeys(self.st._key(p) for p in parties if p is not None))
            if len(keys) < 2 or keys in parties_seen:
                continue
            parties_seen.append(keys)
            self.st.last_parties = keys
            for a, b in combinations(keys, 2):
                if not {a, b} <= apart:
                    self.st.add("COOPERATES_WITH", a, b, self.s, 0.8)
            window = self.words[i - self.s.start : i - self.s.start + 25]
            # "an agreement with B under which it will reserve production capacity for B": the subject supplies B
            if len(keys) == 2 and with_subject and any(w in ("offtake", "capacity") for w in window) and not set(window) & SUPPLY_VERBS:
                self._supply(keys[0], keys[1], None, 0.65)
            if word == "venture":
                jv = self.left(i, self.org, limit=4)
                if jv is None or jv.key in keys:
                    after = self.right(i + 1, self.org, limit=3)
                    jv = after if after is not None and self.st._key(after) not in keys else None
                if jv is not None and jv.key not in keys:
                    for p in keys:
                        self.st.add("SUBSIDIARY_OF", jv, p, self.s, 0.75)

    def _used_in(self) -> None:
        uses = [m for m in self.ms if self.st.label(m) == "EndUse"]
        for use in uses:
            mat = self.left(use.start, self.labelled("Material"), limit=25, stop=(";",))
            if mat is not None:
                between = [self.w(k) for k in range(mat.end, use.start)]
                if any(w in USE_CUES for w in between) and not self.hedged(mat.start, use.end):
                    if not any(self.st.label(x) == "Material" for x in self.ms if mat.end <= x.start < use.start):
                        self.st.add("USED_IN", mat, use, self.s, 0.7)
                        continue
            # "weapon systems that use NdFeB magnets"
            after = self.right(use.end, self.labelled("Material"), limit=12)
            if after is not None:
                between = [self.w(k) for k in range(use.end, after.start)]
                if any(w in ("use", "uses", "using", "need", "needs", "contain", "contains", "rely", "relies", "require", "requires") for w in between) and not self.hedged(use.start, after.end):
                    self.st.add("USED_IN", after, use, self.s, 0.65)
        # material -> later-stage material: "rare earth alloys, essential for ... high-performance magnets"
        mats = [m for m in self.ms if self.st.label(m) == "Material"]
        for a, b in zip(mats, mats[1:]):
            between = [self.w(k) for k in range(a.end, b.start)]
            if any(w in ("essential", "used", "into", "feed", "feedstock", "make", "making") for w in between) and not self.hedged(a.start, b.end):
                ea, eb = self.st.ent(a), self.st.ent(b)
                if STAGE_ORDER.get(ea.props.get("stage", ""), 99) < STAGE_ORDER.get(eb.props.get("stage", ""), -1):
                    self.st.add("INPUT_TO", a, b, self.s, 0.65)

    def _contains(self) -> None:
        cues = self.triggers(CONTAIN_CUES)
        if not cues:
            return
        for el in self.ms:
            if self.st.label(el) != "Element" or el.start < cues[0]:
                continue
            mat = self.left(el.start, lambda m: self.st.label(m) == "Material" and self.st.ent(m).props.get("stage") in ("magnet", "alloy", "metal"), limit=40)
            if mat is None:
                continue
            if self.w(el.start - 1) == "for" or self.hedged(mat.start, el.end):
                continue
            self.st.add("CONTAINS", mat, el, self.s, 0.75)

    def _depends(self) -> None:
        for i in self.triggers(DEPEND_CUES):
            k = i + 1
            if self.w(k) not in ("on", "upon"):
                continue
            target = self.right(k + 1, lambda m: self.org(m) or self.st.label(m) in ("Country", "Material", "Element"), limit=3)
            source = self.left(i, lambda m: self.org(m) or self.st.label(m) == "Country", limit=6)
            if target is None or self.hedged(source.start if source else i, target.end):
                continue
            material_words = [self.doc[q].text for q in range(target.end, min(self.s.end, target.end + 3)) if self.doc[q].is_alpha and self.w(q) != "for"]
            note = " ".join(material_words[:2]) if target.demonym else None
            if source is not None:
                self.st.add("DEPENDS_ON", source, target, self.s, 0.75, note=f"for {note}" if note else None)
            for q in range(target.end, min(self.s.end, target.end + 5)):
                if self.w(q) == "for":
                    first = self.right(q + 1, self.labelled("EndUse"), limit=2)
                    if first is not None:
                        for use in self.coordinated(first, self.labelled("EndUse")):
                            self.st.add("DEPENDS_ON", use, target, self.s, 0.7)
                    break

    def _imports(self) -> None:
        """ "The United States imports 70% of its rare earth compounds from China": a dependence with its share."""
        for i in self.triggers(("imports", "imported", "import", "sources", "sourced", "gets", "obtains")):
            frm = next((k for k in range(i + 1, min(self.s.end, i + 12)) if self.w(k) == "from"), None)
            if frm is None:
                continue
            source = self.left(i, lambda m: self.org(m) or self.st.label(m) == "Country", limit=4)
            target = self.right(frm + 1, lambda m: self.org(m) or self.st.label(m) == "Country", limit=2)
            if source is None or target is None or self.hedged(source.start, target.end):
                continue
            share = None
            for k in range(i + 1, frm):
                number = _PERCENT.match(self.doc[k].text)
                if number and (self.doc[k].text.endswith("%") or self.w(k + 1) in ("%", "percent", "per")):
                    share = float(number.group(1)) / 100
                    break
            if share is None or share > 1:
                continue
            mat = self.right(i + 1, self.labelled("Material"), limit=frm - i)
            self.st.add("DEPENDS_ON", source, target, self.s, 0.75, share=share, material=self.st._key(mat) if mat else None)

    def _restricts(self) -> None:
        policies = [m for m in self.ms if self.st.label(m) == "Policy"]
        if not policies:
            self._restricts_in_context()
            return
        if not self.triggers(RESTRICT_CUES):
            return
        licensed = self._licensed()
        for p in policies:
            if self.hedged(p.start, p.end):
                continue
            for m in self.ms:
                if self.st.label(m) not in ("Element", "Material") or m is p:
                    continue
                if self.hedged(min(p.start, m.start), max(p.end, m.end) - 1):
                    continue  # "the controls do not cover NdFeB magnets"
                if m.start not in licensed and any(self.w(q) == "for" for q in range(max(self.s.start, m.start - 3), m.start)):
                    continue  # "dysprosium for high-temperature NdFeB grades": a purpose, not what is controlled
                self.st.add("RESTRICTS", p, m, self.s, 0.7)

    def _licensed(self) -> set[int]:
        """Starts of the elements and materials listed after "a licence for" (what the licence is needed for)."""
        out: set[int] = set()
        for i in self.triggers(("for",)):
            quota = any(self.w(k) in ("quota", "quotas", "cap", "ceiling") for k in range(i - 6, i))  # "a quota of 5,000 t for M"
            if quota or self.w(i - 1) in LICENCE_WORDS or (self.w(i - 2) in LICENCE_WORDS and self.w(i - 1) in ("exports", "export")):
                first = self.right(i + 1, self.labelled("Element", "Material"), limit=2)
                if first is not None:
                    out.update(m.start for m in self.coordinated(first, self.labelled("Element", "Material")))
        return out

    def _restricts_in_context(self) -> None:
        """A requirement with no policy named in the sentence belongs to the policy in context.

        "The Ministry of Commerce requires an export licence for samarium, gadolinium and terbium";
        "Exports of gallium and germanium to the United States are not permitted". Without an earlier
        policy in the document, the issuer's requirement becomes one ("China export licensing (April 2025)").
        """
        targets: list[Mention] = []
        trigger = None
        licensed = self._licensed()
        if licensed:
            trigger = next(i for i in self.triggers(("for",)) if any(m.start in licensed for m in self.ms if m.start > i))
            targets = [m for m in self.ms if m.start in licensed]
        for i in self.triggers(("exports", "export")):
            if trigger is not None or self.w(i + 1) != "of":
                continue
            first = self.right(i + 2, self.labelled("Element", "Material"), limit=1)
            verb = next((k for k in range(i + 2, min(self.s.end, i + 25)) if self.w(k) in PROHIBITED | {"permitted", "allowed", "require", "requires"}), None)
            if first is None or verb is None:
                continue
            if self.w(verb) in ("permitted", "allowed") and self.w(verb - 1) != "not":
                continue
            targets = self.coordinated(first, self.labelled("Element", "Material"))
            trigger = verb - 1 if self.w(verb - 1) == "not" else verb  # the "not" of "not permitted" is the restriction
        if not targets or self.hedged(min(trigger, targets[0].start), trigger - 1):
            return
        policy = self.st.last_policy
        if policy is None:
            issuer = self.left(trigger, self.labelled("Country", "GovernmentBody"), limit=8)
            if issuer is None:
                return
            ie = self.st.ent(issuer)
            iso, words = find_date(self.s.text)
            if iso is None and self.st.published:
                iso, words = self.st.published, find_date(self.st.published)[1]
            props = {"kind": "export-control", **({"announced": iso} if iso else {})}
            if ie.label == "Country":
                props["country"] = ie.props.get("iso2")
            e = self.st._new("Policy", f"{_brief(ie)} export licensing" + (f" ({words})" if words else ""), props)
            e.mentions += 1
            e.sentence = e.sentence or self.s.text
            self.st.add("ISSUED_BY", e, issuer, self.s, 0.7)
            policy = self.st.last_policy = e.key
        for m in targets:
            self.st.add("RESTRICTS", policy, m, self.s, 0.7)

    def _issued_by(self) -> None:
        # "Issued by the Ministry of Mines, 5 January 2026" under a notice's title: the policy in context
        lead = next((k for k, w in enumerate(self.words) if w[:1].isalnum()), 0)
        if self.words[lead : lead + 2] in (["issued", "by"], ["published", "by"]) and self.st.last_policy is not None:
            body = self.right(self.s.start + lead + 2, self.labelled("GovernmentBody", "Country"), limit=2)
            if body is not None:
                self.st.add("ISSUED_BY", self.st.last_policy, body, self.s, 0.75)
        for p in self.ms:
            if self.st.label(p) != "Policy":
                continue
            # "the European Union's Just Transition Fund"
            if p.start >= 2 and self.w(p.start - 1) in ("'s", "’s"):
                owner = self.at_end(p.start - 1)
                if owner is not None and self.st.label(owner) in ("GovernmentBody", "Country"):
                    self.st.add("ISSUED_BY", p, owner, self.s, 0.8)
                    continue
            verb = next((q for q in range(p.start - 1, max(self.s.start, p.start - 6) - 1, -1) if self.w(q) in ISSUE_VERBS), None)
            if verb is not None:
                body = self.left(verb, self.labelled("GovernmentBody", "Country"), limit=4)
                if body is not None and not self.hedged(body.start, p.end):
                    for b in self.coordinated_before(body, self.labelled("GovernmentBody", "Country")):
                        self.st.add("ISSUED_BY", p, b, self.s, 0.75)
                    continue
            # "through its Green Platform programme" (the agency's own programme)
            if self.w(p.start - 1) in ("its", "their"):
                owner = self.its(p.start - 1)
                if self.st.label_of(owner) == "GovernmentBody":
                    self.st.add("ISSUED_BY", p, owner, self.s, 0.7)
                    continue
            for q in range(p.end, min(self.s.end, p.end + 4)):
                if self.w(q) in ISSUE_VERBS | {"run", "managed", "overseen"} and self.w(q + 1) == "by":
                    body = self.right(q + 2, self.labelled("GovernmentBody", "Country"), limit=2)
                    if body is not None:
                        self.st.add("ISSUED_BY", p, body, self.s, 0.75)
                    break

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

    def _org_verbs(self) -> None:
        """A name used as the subject of "makes", "signed", "said"... is an organisation."""
        for m in self.ms:
            e = self.st.ent(m)
            if e is None or e.confirmed or e.label not in ORG_LABELS:
                continue
            k = m.end
            while self.w(k) in ("and", ",") and self.org(self.at(k + 1)):
                k = self.at(k + 1).end  # "A and B will expand ...": both are subjects
            while k < self.s.end and self.w(k) in ("has", "have", "had", "also", "now", "then", "is", "was", "will", "would", "can", "already"):
                k += 1
            if self.w(k) == "," and self.w(k + 1) in ("which", "who"):
                k += 2  # "X, which owns the Kvanefjeld project, said"
            if self.w(k) in ORG_VERBS and self.w(k) not in ("has", "is", "was", "will", "would", "can", "had"):
                e.confirmed = True
            elif self.w(m.end) == "," and (self.w(m.end + 1) in ("the", "a", "an", "one") and any(self.w(q) in ORG_NOUNS for q in range(m.end + 1, min(self.s.end, m.end + 10)))):
                e.confirmed = True


# --- small pure helpers ---------------------------------------------------------------------------------------


class _NameIndex:
    """Organisation names of one document by the ways a text shortens them, for constant-time look-ups."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        self.last_words: dict[str, str] = {}
        self.initials: dict[str, str] = {}
        self._lengths: dict[str, int] = {}

    def add(self, e: Entity) -> None:
        self.names.setdefault(normalise(e.name), e.key)
        for a in e.surfaces:
            self.alias(e, a)
        tokens = normalise(e.name).split()
        for k in range(1, len(tokens)):
            prefix = " ".join(tokens[:k])
            owner = self.prefixes.get(prefix)
            if owner is None or len(e.name) < self._lengths.get(owner, 10**6):
                self.prefixes[prefix] = e.key
        self._lengths[e.key] = len(e.name)
        core = [t for t in tokens if t not in lexicon.LEGAL_SUFFIXES]
        if len(core) >= 2 and not _is_cue(core[-1]):
            self.last_words.setdefault(core[-1], e.key)
        if len(core) >= 2:
            self.initials.setdefault("".join(t[0] for t in core), e.key)

    def alias(self, e: Entity, name: str) -> None:
        self.names.setdefault(normalise(name), e.key)


_COMMON_CAPITALS = frozenset(
    "rare heavy light public private global federal national state local chief under prime according operations "
    "figures our highlights note summary source sources takeaways takehome why what each western eastern northern "
    "southern first last new old domestic foreign strategic government figure table section chapter appendix part "
    "phase stage version annex exhibit page english internet earth moon yes no well thanks sure indeed management "
    "revenue revenues production outlook customers feedstock volumes guidance investors results exports imports "
    "sales prices demand supply shipments exporters importers producers buyers sellers companies firms manufacturers "
    "suppliers miners refiners automakers carmakers".split()
)


def _all_cues() -> frozenset[str]:
    return frozenset(w for _, words in lexicon.LABEL_CUES for w in words)


def _is_cue(word: str) -> bool:
    return word in _all_cues()


_WEAK = frozenset({"materials", "metals", "magnetics", "mining", "minerals", "resources", "chemical", "chemicals",
                   "industries", "technologies", "technology", "motors", "electric", "electronics", "rare-earth", "earth",
                   "earths", "magnet", "magnets", "steel", "fuels", "energy", "aerospace", "automotive", "systems",
                   "enterprises", "manufacturing", "mag", "state", "zone", "complex", "works", "plan", "strategy",
                   "center", "centre", "lab", "authority", "committee", "government", "law", "scheme"})  # fmt: skip


def _cue_label(words: list[str]) -> tuple[str | None, bool]:
    """The label the cue words of a name give, and whether the cue is strong enough on its own."""
    for label, cues in lexicon.LABEL_CUES:
        hits = [w for w in words if w in cues]
        if label == "Policy" and hits and words[-1] not in cues and words[0] != "announcement":
            continue
        if label in ("Facility", "Event") and (not hits or words[-1] not in cues):
            continue
        if label == "Place" and (not hits or words[-1] not in cues):
            continue
        if label == "GovernmentBody" and hits and len(words) == 1:
            continue
        if hits:
            strong = any(h not in _WEAK for h in hits)
            if label == "Company" and not strong:
                return "Company", False
            return label, strong
    return None, False


def _name_token(doc: Any, i: int) -> bool:
    t = doc[i]
    if not t.text[:1].isalpha() and not (t.text[:1].isdigit() and any(c.isupper() for c in t.text)):
        return False
    if t.is_title or (t.is_upper and len(t.text) > 1) or (t.text[:1].isupper() and any(c.isupper() for c in t.text[1:])):
        return t.lower_ not in ("i",) and t.text not in ("I",)
    # "e-VAC": a lower-case prefix joined to a capitalised part
    return bool(re.match(r"^[a-z]{1,2}$", t.text)) and i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].is_upper


def _institution_continues(doc: Any, start: int, j: int, covered: set[int]) -> bool:
    """ "Ministry of Economy, Trade and Industry": "and" or a comma inside an institution's name."""
    words = [t.lower_ for t in doc[start:j]]
    if not (set(words) & INSTITUTION_HEADS and ("of" in words or "for" in words)):
        return False
    k = j + 1
    if doc[j].text == "," and k < len(doc) and doc[k].text == "and":
        k += 1
    if k >= len(doc) or k in covered or not _name_token(doc, k):
        return False
    tail = []
    while k < len(doc) and _name_token(doc, k) and k not in covered:
        tail.append(doc[k].lower_)
        k += 1
    company_cues = dict(lexicon.LABEL_CUES)["Company"] - {"energy", "technology", "resources", "minerals", "mining",
                                                           "industries", "systems"}  # fmt: skip
    return bool(tail) and tail[-1] not in company_cues


def _absorbable(doc: Any, known: list[Mention], i: int) -> bool:
    """A known place or country at the start of a longer capitalised name ("Baotou Rare Earth Research Institute",
    "India-Japan Critical Minerals Forum")."""
    for m in known:
        if m.start != i or m.end >= len(doc):
            continue
        nxt = m.end + 1 if doc[m.end].text == "-" and m.end + 2 < len(doc) and _name_token(doc, m.end + 2) else m.end
        if _name_token(doc, nxt) and doc[nxt].lower_ not in STOP:
            return m.label_of_known in ("Place", "Country")
    return False


_STARTS: dict[int, set[int]] = {}


def _sentence_start(doc: Any, i: int) -> bool:
    return i == 0 or i in _STARTS.get(id(doc), ())


def _sentence_start_common(doc: Any, i: int) -> bool:
    """A capitalised common word that opens the sentence or a numbered item ("Rare earth magnets are ...", "2. Exports")."""
    opens = _sentence_start(doc, i) or (i > 0 and re.fullmatch(r"\d{1,2}[.)]?", doc[i - 1].text) is not None
                                        and (i == 1 or _sentence_start(doc, i - 1)))
    return opens and doc[i].lower_ in _COMMON_CAPITALS


CREDIT_LABELS = frozenset("source sources from data photo photos photograph image images credit credits contact "
                          "contacts reporting editing via copyright".split())
"""Words before the colon of a credit line: "Facts from:", "Sources:", "Photo:", "Media contact:"."""
BYLINE_STARTS = (("by",), ("posted", "by"), ("written", "by"), ("reported", "by"), ("reporting", "by"),
                 ("edited", "by"), ("prepared", "by"), ("compiled", "by"))  # fmt: skip
MAX_BYLINE_TOKENS = 16


def _number_sign(doc: Any, i: int) -> bool:
    """ "No." before a number ("Announcement No. 18"), not the negation "no"."""
    k = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ".")
    return doc[i].lower_ in ("no", "no.") and doc[i].text[0] == "N" and k < len(doc) and doc[k].like_num


def _numbered(doc: Any, j: int) -> int:
    """The end of a numbered instrument's name ending before ``j``: "Announcement No. 18 of 2025", "Decree No. 785"."""
    if j < 2 or doc[j - 1].lower_ not in ("no.", "no") or j + 1 >= len(doc):
        return j
    if doc[j].text == "." and doc[j + 1].like_num:
        j += 1
    if not doc[j].like_num:
        return j
    j += 1
    if j + 1 < len(doc) and doc[j].lower_ == "of" and re.fullmatch(r"(19|20)\d\d", doc[j + 1].text):
        j += 2
    return j


def _credit_line(sent: Any) -> bool:
    """An attribution, credit or byline: the publications, photographers and authors it names are not parties.

    "Facts from: Defence Industry Europe, ...", "Sources: company statements", "By Anna Lindqvist",
    "Posted by Karen Holm on 14 January 2026", "Prepared by the research desk of X".
    """
    words = [t.lower_ for t in sent if not t.is_punct or t.text == ":"][:8]
    if ":" in words[:4] and CREDIT_LABELS & set(words[: words.index(":")]):
        return True
    for start in BYLINE_STARTS:
        k = len(start)
        if tuple(words[:k]) == start and len(sent) <= MAX_BYLINE_TOKENS and len(words) > k:
            following = next(t for t in sent if t.lower_ == words[k])
            if following.is_title and following.lower_ not in MONTHS and following.lower_ not in STOP:
                return True
            if start != ("by",) and following.lower_ == "the":
                return True  # "Prepared by the research desk of ..."
    return False


def _title_case(sent: Any) -> bool:
    """A headline written in title case or capitals: no discovery of new names there."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3:
        return not sent.text.rstrip().endswith((".", "!", "?"))
    capital_function = sum(1 for t in words[1:] if (t.is_title or t.is_upper) and t.lower_ in ("for", "of", "the", "in", "and", "not", "to", "a", "on", "at", "with", "from", "now", "is", "are"))
    lower_content = sum(1 for t in words[1:] if t.is_lower and t.lower_ not in STOP)
    return capital_function > 0 and lower_content == 0


def _only_as_acronym(known: KnownEntity, text: str) -> bool:
    """Whether ``text`` names ``known`` only through an acronym written in capitals ("DOE")."""
    forms = [f for f in known.names() if normalise(f) == normalise(text)]
    return bool(forms) and all(f.replace(".", "").isupper() for f in forms)


def _longest(spans: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first (a known entity wins a tie)."""
    spans = sorted(spans, key=lambda m: (-(m.end - m.start), m.key is None, m.start))
    taken: set[int] = set()
    out = []
    for m in spans:
        if any(k in taken for k in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _demonyms(entity: Entity) -> set[str]:
    country = next((c for c in lexicon.COUNTRIES if c[0] == entity.name), None)
    if country is None:
        return set()
    return {a for a in country[2] if a.endswith(("an", "ese", "ish", "ch", "ian", "i")) and not a.isupper()}


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?:" + "|".join(
    re.escape(n) for name, _, aliases in lexicon.COUNTRIES for n in (name, *aliases) if n[:1].isupper()
) + r")$")


def _strip_suffix(name: str) -> str:
    """The name without its legal form or, for a body, its country: "Kibo Ltd" -> "Kibo", "Ministry of Mines of Namibia" -> "Ministry of Mines"."""
    if name.lower().startswith(("ministry", "department", "agency", "office")):
        name = _OF_COUNTRY.sub("", name)
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(",") in lexicon.LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words).rstrip(",")


def _brief(entity: Entity) -> str:
    """A short name for building other names: an acronym alias (MOFCOM) when the entity has one."""
    acronyms = [a for a in (entity.known.aliases if entity.known else ()) if a.isupper() and a.isalpha() and 3 <= len(a) <= 8]
    return acronyms[0] if acronyms and len(entity.name) > 30 else entity.name


def _short(name: str) -> str:
    return _strip_suffix(name)


def _place_core(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("county", "province", "prefecture", "district", "city", "region"):
        return " ".join(words[:-1])
    return name


def _facility_props(name: str) -> dict[str, Any]:
    kind = next((FACILITY_KINDS[w] for w in name.lower().split() if w in FACILITY_KINDS), None)
    return {"kind": kind} if kind else {}


_ALLOWED: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def _allowed(type_: str, source: str, target: str) -> bool:
    if not _ALLOWED:
        from supplygraph.schema import FACT_TYPES

        for name, cls in FACT_TYPES.items():
            _ALLOWED[name] = (cls.SOURCE_LABELS, cls.TARGET_LABELS)
    sources, targets = _ALLOWED[type_]
    return (source in sources or "*" in sources) and (target in targets or "*" in targets)

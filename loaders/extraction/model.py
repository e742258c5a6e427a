"""What extraction yields and works on: entities, relations, mentions, sentences; dates and slugs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from supplygraph.schema.plain import FACT_ENDS

from .. import lexicon
from ..gazetteer import KnownEntity

POSSESSIVE_MARKS = ("'s", "’s")
"""The possessive marks spaCy splits off a name ("Japan's" -> "Japan", "'s"); with a bare apostrophe ("Pilbara Minerals'
mine") they are :data:`POSSESSIVES`. Every pass reads possessives through these two."""
POSSESSIVES = (*POSSESSIVE_MARKS, "'", "’")


def possessive_at(lowers: list[str], k: int) -> bool:
    """Whether token ``k`` of ``lowers`` (lower-case words) is a possessive mark ("'s"); False past the end."""
    return k < len(lowers) and lowers[k] in POSSESSIVE_MARKS


ORG_LABELS = frozenset({"StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody"})

PREFIXES = {
    **{label: "org" for label in ORG_LABELS},
    "Place": "place", "Country": "country", "Facility": "facility", "Material": "material", "EndUse": "enduse",
    "Policy": "policy", "Event": "event", "Element": "element",
}  # fmt: skip

STAGE_ORDER = {stage: i for i, stage in enumerate(("mining", "separation", "metal", "alloy", "magnet", "component"))}


def stage_allows_input(src: Any, dst: Any) -> bool:
    """An ``INPUT_TO`` keeps the chain's order: the source's stage no later than the target's (an entity without a
    stage fits anywhere): no concentrate made from a magnet."""
    return STAGE_ORDER.get(src.props.get("stage", ""), -1) <= STAGE_ORDER.get(dst.props.get("stage", ""), 99)

MONTHS = {m: i + 1 for i, m in enumerate(lexicon.MONTHS)} | {f"{m}.": n for m, n in lexicon.MONTH_ABBREVIATIONS.items()}
"""Month names, and their abbreviations with a full stop ("Aug. 20, 2025": never a name; "Jan" alone may be one)."""

_DATE_MDY = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I)

_DATE_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(lexicon.MONTHS) + r")\s+(\d{4})\b", re.I)

_DATE_MY = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{4})\b", re.I)

DATE_MD = re.compile(r"\b(" + "|".join(lexicon.MONTHS) + r")\s+(\d{1,2})\b", re.I)

_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")


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


_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
                               "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})
"""Latin letters that Unicode does not decompose into a base letter and an accent ("Nysnø" would lose its "ø")."""


def slugify(text: str) -> str:
    """A readable ASCII slug; text with no Latin letters gets a short hash instead."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or "x-" + hashlib.sha1(text.encode()).hexdigest()[:10]


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
    note: str | None = None
    """Set when the text is mostly not in English: only names the gazetteer knows were read, no relation."""

    def as_dict(self) -> dict[str, Any]:
        ids = {e.key: e.id for e in self.entities}
        out = {"entities": [e.as_dict() for e in self.entities], "relations": [r.as_dict(ids) for r in self.relations]}
        return {**out, "note": self.note} if self.note else out


@dataclass
class Mention:
    start: int
    end: int
    key: str | None  # entity key; None for an unresolved candidate
    text: str
    label: str | None = None  # label for candidates: a cue label, "Place" or None (needs confirmation)
    strong: bool = False  # candidate label came from a strong cue (without a label: an organisation by its use, "a deal with X")
    anaphora: bool = False
    demonym: bool = False
    label_of_known: str | None = None  # the label of a gazetteer match
    made_at: bool = False  # a place only by "makes M at X" (.sites.made_at): no place when a site of the text is X's
    world: bool = False  # a place only by the world's places (.world): no place when it is part of a longer name of the text
    group: tuple[str, ...] = ()  # a plural anaphor's other firms ("They" after "A and B signed"): the key is the first


@dataclass
class Sentence:
    doc: Any
    start: int
    end: int
    heading: bool
    lowers: list[str] = field(default_factory=list)
    """Lower-case text of every token of the doc (token objects are costly to make again and again)."""
    mentions: list[Mention] = field(default_factory=list)
    kinds: list[Mention] = field(default_factory=list)
    """Materials that name a site's kind ("its lithium hydroxide refinery"): mentions of the document that no rule
    reads (the words describe the site; .mentions.Mentions._filter_known)."""

    @property
    def text(self) -> str:
        return self.doc[self.start : self.end].text.strip()

    def lower(self, i: int) -> str:
        return self.lowers[i] if self.start <= i < self.end else ""

def allowed(type_: str, source: str, target: str) -> bool:
    sources, targets = FACT_ENDS[type_]  # (the fact classes' end labels, without building their pydantic models)
    return (source in sources or "*" in sources) and (target in targets or "*" in targets)

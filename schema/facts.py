"""Relationship types of the supplygraph ontology, one pydantic class per type.

A fact is a typed edge that knows which labels its two ends may carry and
always carries its provenance (``sources``, ``evidence``, ``confidence``,
``as_of``). Two facts with the same :func:`Fact.key` are the same edge: when
two sources state it, the store keeps one edge that lists both.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .plain import FACT_ENDS
from .values import ID_PATTERN, IsoDate, Share, Tonnes

ANY_LABEL = frozenset({"*"})


class Fact(BaseModel):
    """Provenance and bookkeeping shared by every relationship type."""

    # defer_build: each validator is built when first used, not at import (start-up of commands that use few)
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True)

    SOURCE_LABELS: ClassVar[frozenset[str]] = frozenset()
    """The labels the source may carry ("*": any): each type's from :data:`.plain.FACT_ENDS`, set as it is defined."""
    TARGET_LABELS: ClassVar[frozenset[str]] = frozenset()
    KEY: ClassVar[tuple[str, ...]] = ()
    """Properties that tell parallel edges of one type between the same two nodes apart."""
    SYMMETRIC: ClassVar[bool] = False
    """Symmetric in meaning: stored with its ends in id order so A-B and B-A are one edge."""

    source: str
    """Id of the node the edge starts at."""
    target: str
    """Id of the node the edge ends at."""
    sources: tuple[str, ...] = Field(min_length=1)
    """Ids of the Document nodes that state this fact (at least one)."""
    evidence: str | None = None
    """The sentence or table cell the fact came from."""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    """How sure the loader is that the source states this fact (1.0 for curated data)."""
    as_of: IsoDate | None = None
    """Date or year at which the fact was true."""
    year: int | None = Field(default=None, ge=1800, le=2100)
    """Data year of a figure."""
    edition: str | None = None
    """Edition of the source a figure comes from, e.g. 'MCS 2026'."""
    estimate: bool | None = None
    """The figure is an estimate."""
    quota: bool | None = None
    """The figure is a government quota rather than measured output."""
    since: IsoDate | None = None
    """The fact holds from this date (a supply contract's start, output from a plant's start)."""
    until: IsoDate | None = None
    """The fact held until this date (a supply link that ended)."""
    note: str | None = None
    """Curator's remark, e.g. where sources disagree."""

    @field_validator("source", "target")
    @classmethod
    def _check_end(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"malformed id {value!r}: expected '<kind>:<slug>'")
        return value

    @field_validator("sources")
    @classmethod
    def _check_sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for doc in value:
            if not doc.startswith("doc:") or not ID_PATTERN.match(doc):
                raise ValueError(f"source {doc!r} is not a document id ('doc:...')")
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _order_symmetric_ends(self) -> "Fact":
        if self.SYMMETRIC and self.target < self.source:
            swapped_source, swapped_target = self.target, self.source
            object.__setattr__(self, "source", swapped_source)
            object.__setattr__(self, "target", swapped_target)
        return self

    def key(self) -> str:
        """Deterministic edge id: type, ends and the type's key properties (not the sources).

        Computed once per record: loads of hundreds of thousands of facts ask for it several times.
        """
        cached = self.__dict__.get("_key")
        if cached is None:
            parts = "\x1f".join([self.type, self.source, self.target, *[str(getattr(self, n)) for n in self.KEY]])
            cached = self.__dict__["_key"] = hashlib.sha1(parts.encode()).hexdigest()[:20]
        return cached

    def properties(self) -> dict:
        """Edge properties other than the ends, the type and the provenance lists."""
        return self.model_dump(
            exclude={"type", "source", "target", "sources", "evidence", "confidence"}, exclude_none=True
        )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: object) -> None:
        """Each type's end labels come from one table, :data:`.plain.FACT_ENDS`, which the extractor reads without
        building these models."""
        super().__pydantic_init_subclass__(**kwargs)
        cls.SOURCE_LABELS, cls.TARGET_LABELS = FACT_ENDS[cls.model_fields["type"].default]

    @classmethod
    def allows(cls, source_label: str, target_label: str) -> bool:
        """Whether this type may connect a node of ``source_label`` to one of ``target_label``."""
        return (cls.SOURCE_LABELS == ANY_LABEL or source_label in cls.SOURCE_LABELS) and (
            cls.TARGET_LABELS == ANY_LABEL or target_label in cls.TARGET_LABELS
        )


class SubsidiaryOf(Fact):
    """Control: the source is controlled by the target (a majority, a joint venture's parent, or control a source states).

    A minority stake without stated control is :class:`HoldsStakeIn`, not this.
    """

    type: Literal["SUBSIDIARY_OF"] = "SUBSIDIARY_OF"
    stake: Share | None = None
    """Share of equity the target holds in the source."""


class HoldsStakeIn(Fact):
    """Ownership without control: the source holds ``stake`` of the target's equity (FollowTheMoney's ``Ownership``).

    Reports say "holds 15 % of"; ``remove org:`` scenarios do not follow it.
    """

    type: Literal["HOLDS_STAKE_IN"] = "HOLDS_STAKE_IN"
    stake: Share | None = None
    """Share of the target's equity the source holds (a fraction: 15 % is 0.15)."""


class CooperatesWith(Fact):
    """A cooperation agreement, partnership, memorandum, joint venture or co-organised event."""

    KEY: ClassVar = ("agreement",)
    SYMMETRIC: ClassVar = True
    type: Literal["COOPERATES_WITH"] = "COOPERATES_WITH"
    agreement: str | None = None
    """What was agreed, in words."""
    date: IsoDate | None = None
    event: str | None = None
    """Id of the Event at which it was agreed."""


class ParticipatedIn(Fact):
    """Took part in an event."""

    type: Literal["PARTICIPATED_IN"] = "PARTICIPATED_IN"
    role: str | None = None
    """host, co-organiser, signatory, attendee..."""


class LocatedIn(Fact):
    """Location or domicile."""

    type: Literal["LOCATED_IN"] = "LOCATED_IN"


class Operates(Fact):
    """An organisation operates a facility."""

    type: Literal["OPERATES"] = "OPERATES"
    stake: Share | None = None


class Produces(Fact):
    """Production of a material, with its share of world output and volume where known. An element is produced too
    where a source names no form ("Congo mines three quarters of the world's cobalt", "a plant that separates
    dysprosium"): the element traded as a commodity."""

    KEY: ClassVar = ("year", "edition")
    type: Literal["PRODUCES"] = "PRODUCES"
    share: Share | None = None
    """Share of world output in ``year``."""
    volume_t: Tonnes | None = None
    """Tonnes per year (REO equivalent unless ``basis`` says otherwise)."""
    capacity_t: Tonnes | None = None
    """Nameplate capacity, tonnes per year."""
    basis: str | None = None
    """What the tonnes measure when not REO equivalent."""


class HasReserves(Fact):
    """Reserves of a material (refinement of the ontology: USGS reports reserves apart from production)."""

    KEY: ClassVar = ("year", "edition")
    type: Literal["HAS_RESERVES"] = "HAS_RESERVES"
    reserves_t: Tonnes | None = None
    """Tonnes of REO equivalent."""
    share: Share | None = None


class Supplies(Fact):
    """A supplier-customer link."""

    KEY: ClassVar = ("material", "year")
    type: Literal["SUPPLIES"] = "SUPPLIES"
    material: str | None = None
    """Id (or name) of the material supplied."""
    share: Share | None = None
    """Share of the customer's supply of that material."""
    volume_t: Tonnes | None = None


class Contains(Fact):
    """Composition of a material."""

    type: Literal["CONTAINS"] = "CONTAINS"
    mass_fraction: Share | None = None


class InputTo(Fact):
    """One stage feeds the next (oxide to metal to alloy to magnet)."""

    type: Literal["INPUT_TO"] = "INPUT_TO"
    share: Share | None = None
    """Share of the target's input that comes from the source material."""


class MemberOf(Fact):
    """The source is one of the concrete materials a category stands for (NdFeB magnet of rare-earth permanent magnets).

    Outside the supply flow: a member with no producers or figures of its own inherits the category's.
    """

    type: Literal["MEMBER_OF"] = "MEMBER_OF"


class UsedIn(Fact):
    """A material is used in an end use."""

    type: Literal["USED_IN"] = "USED_IN"
    intensity_kg: float | None = Field(default=None, ge=0)
    """Kilograms per unit of end use."""
    share: Share | None = None
    """Share of the material's demand that goes to this end use."""


class DependsOn(Fact):
    """Supply dependence."""

    KEY: ClassVar = ("material", "year", "edition")
    type: Literal["DEPENDS_ON"] = "DEPENDS_ON"
    share: Share | None = None
    """Share of supply (for example of imports) that comes from the target."""
    material: str | None = None
    """Id of the material the dependence is about, when the target is not a material."""
    measure: str | None = None
    """What the share measures, e.g. 'net import reliance' or 'import source share'."""


class Restricts(Fact):
    """An export restriction, licensing requirement or quota on a material or element."""

    type: Literal["RESTRICTS"] = "RESTRICTS"
    scope: str | None = None
    """What exactly is restricted (items, technologies, destinations)."""
    effective: IsoDate | None = None
    volume_t: Tonnes | None = None
    """Quota volume, tonnes per year."""


class IssuedBy(Fact):
    """Who issued a policy."""

    type: Literal["ISSUED_BY"] = "ISSUED_BY"


class MentionedIn(Fact):
    """Where an entity was found."""

    type: Literal["MENTIONED_IN"] = "MENTIONED_IN"
    count: int | None = Field(default=None, ge=1)


FACT_CLASSES: tuple[type[Fact], ...] = (
    SubsidiaryOf,
    HoldsStakeIn,
    CooperatesWith,
    ParticipatedIn,
    LocatedIn,
    Operates,
    Produces,
    HasReserves,
    Supplies,
    Contains,
    InputTo,
    MemberOf,
    UsedIn,
    DependsOn,
    Restricts,
    IssuedBy,
    MentionedIn,
)

FACT_TYPES: dict[str, type[Fact]] = {cls.model_fields["type"].default: cls for cls in FACT_CLASSES}
"""Whitelist of relationship types, mapped to their classes."""


AnyFact = Annotated[
    Union[tuple(FACT_CLASSES)],  # type: ignore[valid-type]
    Field(discriminator="type"),
]

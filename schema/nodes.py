"""Node labels of the supplygraph ontology, one pydantic class per label.

The classes are the single source of truth: the label whitelist, the JSON
Schema, the Markdown reference and the Neo4j constraints are generated from
them. Every node has a stable ``id`` whose prefix names its kind
(``org:baogang-group``), a display ``name`` and the ``aliases`` documents use.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .lifecycle import State
from .plain import ORGANIZATION_LABELS, STAGES  # noqa: F401 - STAGES: its home before .plain
from .values import ID_PATTERN, CountryCode, IsoDate

class Node(BaseModel):
    """Fields every node has, whatever its label."""

    # defer_build: each validator is built when first used, not at import (start-up of commands that use few)
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True)

    PREFIX: ClassVar[str] = ""
    ORGANIZATION: ClassVar[bool] = False

    id: str
    """Stable readable id with a kind prefix, e.g. ``org:baogang-group``."""
    name: str = Field(min_length=1)
    """Display name."""
    aliases: tuple[str, ...] = ()
    """Every other spelling a document may use, including names in other scripts."""
    sources: tuple[str, ...] = ()
    """Document ids that describe the entity itself (optional: facts carry their own)."""
    note: str | None = None
    """Free-text remark for curators."""

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        match = ID_PATTERN.match(value)
        if not match:
            raise ValueError(f"malformed id {value!r}: expected '<kind>:<slug>' such as 'org:baogang-group'")
        if match.group(1) != cls.PREFIX:
            raise ValueError(f"id {value!r} of a {cls.__name__} must start with '{cls.PREFIX}:'")
        return value

    @field_validator("aliases")
    @classmethod
    def _clean_aliases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.strip() for a in value if a and a.strip()))

    def properties(self) -> dict:
        """Label-specific properties, without id, label, name and aliases."""
        return self.model_dump(exclude={"id", "label", "name", "aliases"}, exclude_none=True, exclude_defaults=True)


class _Located(Node):
    country: CountryCode | None = None
    """ISO 3166-1 alpha-2 code of the country of domicile or location."""


class Country(Node):
    """A sovereign state."""

    PREFIX: ClassVar[str] = "country"
    label: Literal["Country"] = "Country"
    iso2: CountryCode
    """ISO 3166-1 alpha-2 code; equals the id's suffix."""

    @model_validator(mode="after")
    def _id_matches_code(self) -> "Country":
        if self.id != f"country:{self.iso2}":
            raise ValueError(f"country id {self.id!r} does not match its code {self.iso2!r} (expected 'country:{self.iso2}')")
        return self


class Place(_Located):
    """A sub-national place: a city, province, district or deposit area."""

    PREFIX: ClassVar[str] = "place"
    label: Literal["Place"] = "Place"
    kind: str | None = None
    """city, province, region, district, deposit, zone..."""


class _Organization(_Located):
    ORGANIZATION: ClassVar[bool] = True
    PREFIX: ClassVar[str] = "org"
    founded: IsoDate | None = None
    """Date or year of foundation."""
    website: str | None = None


class StateOwnedEnterprise(_Organization):
    """A state-owned or state-controlled firm."""

    label: Literal["StateOwnedEnterprise"] = "StateOwnedEnterprise"
    owner: str | None = None
    """The state owner in words (e.g. 'SASAC', 'Inner Mongolia government')."""
    listed: str | None = None
    """Stock listing, e.g. 'SSE:600111'."""


class Company(_Organization):
    """A private or listed firm."""

    label: Literal["Company"] = "Company"
    listed: str | None = None
    """Stock listing, e.g. 'ASX:LYC'."""


class University(_Organization):
    """A university."""

    label: Literal["University"] = "University"


class ResearchInstitute(_Organization):
    """A research institute or laboratory."""

    label: Literal["ResearchInstitute"] = "ResearchInstitute"


class GovernmentBody(_Organization):
    """A ministry, agency, legislature or party body."""

    label: Literal["GovernmentBody"] = "GovernmentBody"


class Facility(_Located):
    """A mine, separation plant, refinery, metal or alloy plant, magnet plant or recycling plant."""

    PREFIX: ClassVar[str] = "facility"
    label: Literal["Facility"] = "Facility"
    kind: str | None = None
    """mine, separation, refinery, metal, alloy, magnet, recycling..."""
    capacity_t: float | None = Field(default=None, ge=0)
    """Nameplate capacity in tonnes per year."""
    status: str | None = None
    """One undated status word (operating, construction, planned, closed); prefer ``lifecycle``, which dates each state.
    Read as holding from the source's date, an assumption the chokepoint report lists."""
    opened: IsoDate | None = None
    lifecycle: tuple[State, ...] = ()
    """Dated states: announced, construction, commissioning, operating, idle, closed, cancelled (see :mod:`.lifecycle`)."""


class Element(Node):
    """A chemical element (rare earth or other critical element)."""

    PREFIX: ClassVar[str] = "element"
    label: Literal["Element"] = "Element"
    symbol: str = Field(pattern=r"^[A-Z][a-z]?$")
    """Chemical symbol; equals the id's suffix."""
    group: Literal["light", "heavy", "other"] | None = None
    """light or heavy rare earth, or other."""

    @model_validator(mode="after")
    def _id_matches_symbol(self) -> "Element":
        if self.id != f"element:{self.symbol}":
            raise ValueError(f"element id {self.id!r} does not match its symbol {self.symbol!r}")
        return self


class Material(Node):
    """A product at one stage of the chain (concentrate, oxide, metal, alloy, magnet...)."""

    PREFIX: ClassVar[str] = "material"
    label: Literal["Material"] = "Material"
    stage: Literal["mining", "separation", "metal", "alloy", "magnet", "component"] | None = None
    """Stage of the chain the material belongs to."""
    elements: tuple[str, ...] = ()
    """Chemical symbols of the elements it is made of or carries."""
    category: bool = False
    """A collective name for several concrete materials (rare-earth alloys, rare-earth permanent magnets), not a
    material of its own: its members point to it with ``MEMBER_OF``, and the supply-flow analyses leave it out."""


class EndUse(Node):
    """What a material ends up in."""

    PREFIX: ClassVar[str] = "enduse"
    label: Literal["EndUse"] = "EndUse"
    sector: Literal["defense", "automotive", "energy", "electronics", "industrial", "medical", "aerospace"] | None = None


class Policy(Node):
    """An export control, quota, industrial policy, subsidy or tariff."""

    PREFIX: ClassVar[str] = "policy"
    label: Literal["Policy"] = "Policy"
    kind: str | None = None
    """export-control, quota, industrial-policy, subsidy, tariff, regulation, funding..."""
    reference: str | None = None
    """Official instrument, e.g. 'MOFCOM/GAC Announcement No. 18 [2025]'."""
    announced: IsoDate | None = None
    effective: IsoDate | None = None
    status: Literal["in_force", "suspended", "expired", "proposed"] | None = None
    """One undated status word; prefer ``lifecycle``. Read as holding from the source's date (an assumption)."""
    suspended_until: IsoDate | None = None
    country: CountryCode | None = None
    lifecycle: tuple[State, ...] = ()
    """Dated states: proposed, announced, in_force, suspended (since, until), amended, revoked, expired."""
    measure: Literal["licensing", "ban", "quota", "procurement", "tariff", "technology", "other"] | None = None
    """What the policy does to supply: a licensing requirement delays it; a ban, a quota or a procurement
    rule removes volume (for the buyers it binds); a control on exporting technology (know-how, production
    lines) removes and delays no material: it slows capacity built elsewhere."""
    lead_time_days: int | None = Field(default=None, ge=0)
    """Documented time to obtain a licence, in calendar days, for licensing measures."""


class Event(Node):
    """A dated event: a signing ceremony, a conference, a plant opening."""

    PREFIX: ClassVar[str] = "event"
    label: Literal["Event"] = "Event"
    date: IsoDate | None = None
    place: str | None = None
    """Where it happened, in words or as a place id."""


class Document(Node):
    """A source: a loaded document or a cited publication."""

    PREFIX: ClassVar[str] = "doc"
    label: Literal["Document"] = "Document"
    title: str | None = None
    url: str | None = None
    published: IsoDate | None = None
    publisher: str | None = None
    edition: str | None = None
    """Edition or version, e.g. 'MCS 2026 (data release v1.3)'."""
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    path: str | None = None
    """File the document was loaded from, if any."""


NODE_CLASSES: tuple[type[Node], ...] = (
    Country,
    Place,
    StateOwnedEnterprise,
    Company,
    University,
    ResearchInstitute,
    GovernmentBody,
    Facility,
    Element,
    Material,
    EndUse,
    Policy,
    Event,
    Document,
)

NODE_LABELS: dict[str, type[Node]] = {cls.model_fields["label"].default: cls for cls in NODE_CLASSES}
"""Whitelist of node labels, mapped to their classes."""

if ORGANIZATION_LABELS != {label for label, cls in NODE_LABELS.items() if cls.ORGANIZATION}:  # .plain names them without the classes
    raise ImportError("schema.plain.ORGANIZATION_LABELS differs from the node classes marked ORGANIZATION")

AnyNode = Annotated[
    Union[tuple(NODE_CLASSES)],  # type: ignore[valid-type]
    Field(discriminator="label"),
]

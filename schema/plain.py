"""The schema's names that readers of a stored graph need, without pydantic: stages, labels, documents, dates.

The models (:mod:`.nodes`, :mod:`.facts`, :mod:`.lifecycle`) validate what is
loaded and build their pydantic classes on import (0.15-0.25 s of CPU with
pydantic itself). The chokepoint report reads a store that was validated
when it was loaded, so its modules take these names from here, and the
models are imported only where something is validated or a lifecycle is
read (:mod:`supplygraph.graph.analyses.timeline`). :mod:`.nodes` and
:mod:`.lifecycle` re-export them, and :mod:`.nodes` checks at import that its
classes give the same organisation labels.
"""

from __future__ import annotations

STAGES = ("mining", "separation", "metal", "alloy", "magnet", "component")
"""The stages of a material, upstream first."""

ORGANIZATION_LABELS = frozenset({"StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody"})
"""The node labels of organisations (the node classes whose ``ORGANIZATION`` is true)."""

_ORG = ORGANIZATION_LABELS
FACT_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "SUBSIDIARY_OF": (_ORG, _ORG),
    "HOLDS_STAKE_IN": (_ORG | {"Country"}, _ORG),
    "COOPERATES_WITH": (_ORG, _ORG),
    "PARTICIPATED_IN": (_ORG | {"Country"}, frozenset({"Event"})),
    "LOCATED_IN": (_ORG | {"Event", "Facility", "Place"}, frozenset({"Country", "Place"})),
    "OPERATES": (_ORG, frozenset({"Facility"})),
    "PRODUCES": (_ORG | {"Country", "Facility", "Place"}, frozenset({"Element", "Material"})),
    "HAS_RESERVES": (_ORG | {"Country", "Facility", "Place"}, frozenset({"Material"})),
    "SUPPLIES": (_ORG | {"Country", "Facility"}, _ORG | {"Country", "Facility"}),
    "CONTAINS": (frozenset({"Material"}), frozenset({"Element"})),
    "INPUT_TO": (frozenset({"Material"}), frozenset({"Material"})),
    "MEMBER_OF": (frozenset({"Material"}), frozenset({"Material"})),
    "USED_IN": (frozenset({"Material"}), frozenset({"EndUse"})),
    "DEPENDS_ON": (_ORG | {"Country", "EndUse"}, _ORG | {"Country", "Element", "Material"}),
    "RESTRICTS": (frozenset({"Policy"}), frozenset({"Element", "Material"})),
    "ISSUED_BY": (frozenset({"Policy"}), frozenset({"Country", "GovernmentBody"})),
    "MENTIONED_IN": (frozenset({"*"}), frozenset({"Document"})),
}
"""Each relationship type -> the labels its source and its target may carry ("*": any): the one place they are
written. The fact classes (:mod:`.facts`) take their ``SOURCE_LABELS`` and ``TARGET_LABELS`` from it, and the extractor
checks each relation it finds against it without building those pydantic models (about 50 ms of ``extract``'s
start-up)."""

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
"""The files read as documents (text whose facts are extracted), not as curated data."""


def is_document(origin: str, stamp: str) -> bool:
    """Whether a stored origin is a document: a document's ``LoadUnit.stamp`` names its reader, and a store
    written before the readers' stamp still has the file's suffix to tell."""
    return "+" in stamp or origin.lower().endswith(DOCUMENT_SUFFIXES)


def day(value: str | None) -> str:
    """An ISO date, year-month or year as a comparable full date: a year or month counts from its first day."""
    value = str(value or "")
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10] if len(value) == 7 else value

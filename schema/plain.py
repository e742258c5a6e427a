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

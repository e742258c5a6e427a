"""The sector's policies as data: ``knowledge/policies.yaml`` (its criterion and source in its header) as vocabulary
entries, so that a named law, announcement, programme or strategy is a Policy with an empty store, its short forms
("IRA", "CRMA", "RIGI") resolve to it, and one document's two spellings are one entity.

Only names: who issued a policy and what it restricts are read from the sentence (docs/annotation.md, "Policies"),
never from this file, which is why its ``country`` is a property and no fact. Its own module, which
:func:`.lexicon.entries` reads, because the list is read by no other part of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().with_name("knowledge") / "policies.yaml"

PROPERTIES = ("kind", "country", "announced")
"""The entry's fields a Policy node carries (schema.nodes.Policy), as strings (YAML reads a full date as a date)."""


def _policies() -> list[dict[str, Any]]:
    from .cache import yaml_file  # (the knowledge files' one reader: parsed once a process, kept in the user's cache)

    return yaml_file(FILE)["policies"]


def entries() -> Iterator[tuple[str, str, str, tuple[str, ...], dict]]:
    """The policies of ``policies.yaml`` as entries (label Policy), in :data:`.lexicon.Entry`'s shape."""
    for policy in _policies():
        yield (policy["id"], "Policy", policy["name"], tuple(policy.get("aliases", ())),
               {key: str(policy[key]) for key in PROPERTIES if key in policy})

"""The sector's policies as data: ``knowledge/policies.yaml`` (its criterion and source in its header) as vocabulary
entries, so that a named law, announcement, programme or strategy is a Policy with an empty store, its short forms
("IRA", "CRMA", "RIGI") resolve to it, and one document's two spellings are one entity.

Only names: who issued a policy and what it restricts are read from the sentence (docs/annotation.md, "Policies"),
never from this file, which is why its ``country`` is a property and no fact. Its own module, as the sites' are
(:mod:`.facilities`), because the list is read by no other part of the vocabulary: the gazetteer adds both after
:func:`.lexicon.entries`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .lexicon import Entry, _knowledge

PROPERTIES = ("kind", "country", "announced")
"""The entry's fields a Policy node carries (schema.nodes.Policy), as strings (YAML reads a full date as a date)."""


def _policies() -> list[dict[str, Any]]:
    return _knowledge("policies.yaml")["policies"]


def entries() -> Iterator[Entry]:
    """The policies of ``policies.yaml`` as entries (label Policy)."""
    for policy in _policies():
        yield (policy["id"], "Policy", policy["name"], tuple(policy.get("aliases", ())),
               {key: str(policy[key]) for key in PROPERTIES if key in policy})

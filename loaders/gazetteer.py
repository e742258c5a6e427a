"""The names the extractor resolves mentions to: the store's entities plus the built-in vocabulary.

A :class:`Gazetteer` maps normalised names (case, punctuation, a leading
"the" and a possessive "'s" ignored) to known entities. Built from a store it
holds every node's name and aliases, including names in Chinese characters;
built-in entries whose names the store also uses are folded into the store's
entity, so a document resolves to the id the graph already has.

Example
-------
>>> g = Gazetteer([KnownEntity("org:baogang-group", "StateOwnedEnterprise", "Baogang Group", ("包钢集团",))])
>>> g.lookup("the Baogang Group's").id, g.lookup("包钢集团").id
('org:baogang-group', 'org:baogang-group')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import lexicon, policies
from .facilities import facilities

_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_LEADING_THE = re.compile(r"^the\s+")
_PUNCT = re.compile(r"[^\w\s&]+")
_DASHES = re.compile(r"[-‐‑‒–—_/]+")
_SPACES = re.compile(r"\s+")
LINK_TYPES = ("OPERATES", "LOCATED_IN", "SUBSIDIARY_OF")
"""Fact types a gazetteer keeps to resolve descriptive facility mentions by operator and place."""
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The form names are compared in: NFKC, lower case, no leading "the", no possessive, no punctuation.

    >>> normalise("The U.S.'s"), normalise("Rare-Earth  Co., Ltd")
    ('us', 'rare earth co ltd')
    """
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text.rstrip(" .,;:"))
    text = _DASHES.sub(" ", text)
    text = _PUNCT.sub("", text)
    return _SPACES.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class KnownEntity:
    """An entity the extractor can resolve to, with the spellings it is known by."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    props: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    stored: bool = False
    """True when the entity is in the store (the extractor then emits no node for it, only facts)."""

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Gazetteer:
    """Normalised name -> known entity; later additions never take a name from an earlier entity.

    Notes
    -----
    Lookup is a dict access, O(length of the name).
    """

    def __init__(self, entities: Iterable[KnownEntity] = (), *, builtin: bool = True) -> None:
        self._by_key: dict[str, KnownEntity] = {}
        self._by_id: dict[str, KnownEntity] = {}
        self._forms: dict[str, list[str]] = {}
        self._links: dict[str, dict[str, set[str]]] = {t: {} for t in LINK_TYPES}  # type -> source -> targets
        self._sites: dict[str, list[tuple[KnownEntity, frozenset[str]]]] | None = None
        self.version = 0
        for entity in entities:
            self.add(entity)
        if builtin:
            for node_id, label, name, aliases, props in (*lexicon.entries(), *policies.entries(), *facilities()):
                self.add(KnownEntity(node_id, label, name, tuple(aliases), props), fold=True)

    def add_links(self, links: Iterable[tuple[str, str, str]]) -> None:
        """Learn ``(type, source, target)`` facts of :data:`LINK_TYPES` (others are ignored) for :meth:`facilities_in`."""
        for type_, source, target in links:
            if type_ in self._links:
                self._links[type_].setdefault(source, set()).add(target)
                self._sites = None

    def facilities_in(self, place_id: str, operators: set[str]) -> list[KnownEntity]:
        """Known facilities located in ``place_id`` (or in that country) run by one of ``operators`` or their subsidiaries.

        Lets "the separation plant in Gebeng" resolve to the facility the graph already has there.
        """
        if self._sites is None:
            self._sites = {}
            parents = self._links["SUBSIDIARY_OF"]
            run_by: dict[str, set[str]] = {}
            for operator, facilities in self._links["OPERATES"].items():
                for facility in facilities:
                    run_by.setdefault(facility, set()).update({operator, *parents.get(operator, ())})
            for facility_id, orgs in run_by.items():
                facility = self._by_id.get(facility_id)
                if facility is None or facility.label != "Facility":
                    continue
                country = facility.props.get("country")
                for place in self._links["LOCATED_IN"].get(facility_id, set()) | ({f"country:{country}"} if country else set()):
                    self._sites.setdefault(place, []).append((facility, frozenset(orgs)))
        return [facility for facility, orgs in self._sites.get(place_id, ()) if orgs & operators]

    def add(self, entity: KnownEntity, *, fold: bool = False) -> KnownEntity:
        """Add ``entity``; with ``fold``, an entity whose name is already taken by one of the same label merges into it.

        Returns the entity the names now resolve to.
        """
        keys = [k for k in dict.fromkeys(normalise(n) for n in entity.names()) if k]
        if fold:
            for key in keys:
                owner = self._by_key.get(key)
                if owner is not None and owner.label == entity.label:
                    for other in keys:
                        self._by_key.setdefault(other, owner)
                    self._forms.setdefault(owner.id, []).extend(entity.names())
                    self._by_id.setdefault(entity.id, owner)
                    self.version += 1
                    return owner
        if entity.id in self._by_id:
            entity = self._by_id[entity.id]
        else:
            self._by_id[entity.id] = entity
        for key in keys:
            self._by_key.setdefault(key, entity)
        self._forms.setdefault(entity.id, []).extend(entity.names())
        self.version += 1
        return entity

    def lookup(self, name: str) -> KnownEntity | None:
        """The entity ``name`` resolves to, or None."""
        return self._by_key.get(normalise(name))

    def get(self, node_id: str) -> KnownEntity | None:
        return self._by_id.get(node_id)

    def surface_forms(self) -> Iterator[tuple[str, KnownEntity]]:
        """Every spelling with the entity it names (for building a phrase matcher)."""
        for node_id, forms in self._forms.items():
            entity = self._by_id[node_id]
            for form in dict.fromkeys(forms):
                yield form, entity

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._by_id

    def __len__(self) -> int:
        return len({id(e) for e in self._by_id.values()})

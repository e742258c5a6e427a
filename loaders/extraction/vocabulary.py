"""The rules' trigger vocabulary, loaded from pattern files: data, not code.

In the manner of spaCy's ``EntityRuler``, a :class:`Vocabulary` is built from
pattern files and can take more: ``patterns/triggers.yaml`` (shipped with the
package) holds every word set the passes and relation families look up by
name ("SUPPLY_VERBS", "HEDGES"...); an extra file adds words or new sets
without touching a rule. Two file forms:

- YAML, like ``triggers.yaml``: groups of ``NAME: space-separated words``, or
  a mapping with ``words`` and ``include`` (other sets it contains),
  ``phrases`` (token sequences) or ``map`` (token -> value);
- JSONL, one pattern a line as the ``EntityRuler`` writes them:
  ``{"label": "SUPPLY_VERBS", "pattern": "furnishes"}`` (``"id"`` gives the
  value for a ``map`` set).

So a new trigger word for an existing relation family is one line of data;
a set that includes another (``MATERIAL_VERBS`` includes ``SUPPLY_VERBS``)
sees words added to the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from supplygraph.errors import LoadError

from ..cache import yaml_data, yaml_error

PATTERNS = Path(__file__).resolve().parent / "patterns"
BASE_FILE = PATTERNS / "triggers.yaml"


class Vocabulary:
    """Word sets by name, as attributes (``vocabulary.SUPPLY_VERBS``): frozensets, tuples of phrases or dicts."""

    def __init__(self, extra: Iterable[str | Path] = ()) -> None:
        self._words: dict[str, list[str]] = {}
        self._includes: dict[str, list[str]] = {}
        self._phrases: dict[str, list[tuple[str, ...]]] = {}
        self._maps: dict[str, dict[str, Any]] = {}
        self.from_disk(BASE_FILE)
        for path in extra:
            self.from_disk(path)

    def from_disk(self, path: str | Path) -> "Vocabulary":
        """Add the patterns of a YAML file (groups of sets) or a JSONL file (one ``EntityRuler`` pattern a line)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise LoadError(f"cannot read pattern file: {exc.strerror or exc}", where=str(path)) from None
        if path.suffix == ".jsonl":
            patterns = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        patterns.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise LoadError(f"not a JSON pattern: {exc.msg}", where=f"{path}:{n}") from None
            return self.add_patterns(patterns, where=str(path))
        try:
            groups = yaml_data(text) or {}  # (its parse kept in the user's cache: no YAML parser in the next run)
        except yaml_error() as exc:
            raise LoadError(f"not YAML: {exc}", where=str(path)) from None
        for sets in groups.values():
            for name, spec in (sets or {}).items():
                self._add_set(name, spec, str(path))
        self._build()
        return self

    def add_patterns(self, patterns: Iterable[dict[str, Any]], where: str = "patterns") -> "Vocabulary":
        """Add ``{"label": SET, "pattern": "word"}`` patterns (``"id"``: the value, for a ``map`` set)."""
        for p in patterns:
            label, pattern = p.get("label"), p.get("pattern")
            if not isinstance(label, str) or not isinstance(pattern, str) or not pattern.strip():
                raise LoadError(f"a pattern needs a 'label' and a 'pattern' string: {p!r}", where=where)
            if label in self._maps:
                self._maps[label][pattern.lower()] = p.get("id", pattern.lower())
            elif " " in pattern.strip():
                self._phrases.setdefault(label, []).append(tuple(pattern.lower().split()))
            else:
                self._words.setdefault(label, []).append(pattern.lower())
        self._build()
        return self

    def _add_set(self, name: str, spec: Any, where: str) -> None:
        if isinstance(spec, str):
            self._words.setdefault(name, []).extend(spec.split())
        elif isinstance(spec, dict):
            self._words.setdefault(name, []).extend(str(spec.get("words", "")).split())
            self._includes.setdefault(name, []).extend(spec.get("include", ()))
            if "phrases" in spec:
                self._phrases.setdefault(name, []).extend(tuple(p.split()) for p in spec["phrases"])
            if "map" in spec:
                self._maps.setdefault(name, {}).update(
                    {k: tuple(v) if isinstance(v, list) else v for k, v in spec["map"].items()})
        else:
            raise LoadError(f"word set {name!r}: expected words or a mapping, got {type(spec).__name__}", where=where)

    def _build(self) -> None:
        def words(name: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
            if name in seen:
                raise LoadError(f"word set {name!r} includes itself", where=str(BASE_FILE))
            out = set(self._words.get(name, ()))
            for other in self._includes.get(name, ()):
                out |= words(other, seen | {name})
            return frozenset(out)

        for name in self._words.keys() | self._includes.keys():
            if name not in self._phrases and name not in self._maps:
                setattr(self, name, words(name))
        for name, phrases in self._phrases.items():
            setattr(self, name, tuple(phrases))
        for name, mapping in self._maps.items():
            setattr(self, name, dict(mapping))

WORDS = Vocabulary()
"""The shipped vocabulary, for the helpers that work on tokens outside a document's rules."""

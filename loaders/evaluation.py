"""Scoring extraction against hand-made gold files (``X.gold.json`` beside document ``X``).

Matching rules (those of the shared corpus README):

- an extracted entity matches a gold entity when its name or one of its
  aliases equals the gold name or one of the gold aliases, ignoring case and
  surrounding punctuation; each gold entity is matched at most once, so a
  second extracted entity for the same gold entity is a false positive;
- a relation matches when its type matches and both ends match (the ends of
  ``COOPERATES_WITH`` in either order); relations are compared as sets of
  (type, source, target);
- an extracted entity or relation listed in ``must_not_extract`` is a false
  positive and is also counted as a violation.

Scores are precision, recall and F1 per document, and overall from the
summed counts (micro-average).

Example
-------
>>> gold = {"entities": [{"name": "Acme", "label": "Company", "aliases": []}], "relations": []}
>>> found = {"entities": [{"id": "org:acme", "name": "ACME", "aliases": []}], "relations": []}
>>> score_document(gold, found).entities.f1
1.0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplygraph.errors import LoadError

SYMMETRIC = frozenset({"COOPERATES_WITH"})
_EDGE_PUNCT = " \t\n.,;:!?\"'“”‘’()[]{}"


def _norm(name: str) -> str:
    return " ".join(name.strip(_EDGE_PUNCT).lower().split())


@dataclass
class Score:
    """Counts and the items behind them for one kind of thing (entities or relations)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self, items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                               "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip
        if items:
            out.update(false_positives=self.false_positives, misses=self.misses)
        return out


@dataclass
class DocumentScore:
    document: str
    entities: Score
    relations: Score
    violations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "entities": self.entities.as_dict(), "relations": self.relations.as_dict(),
                "must_not_extract_violations": self.violations}  # fmt: skip


def _names(item: dict[str, Any]) -> set[str]:
    return {_norm(n) for n in [item.get("name", ""), *item.get("aliases", [])] if n and _norm(n)}


def score_document(gold: dict[str, Any], found: dict[str, Any], document: str = "") -> DocumentScore:
    """Score one extraction (the ``supplygraph extract`` JSON shape) against one gold file."""
    gold_entities = gold.get("entities", [])
    gold_names = [_names(g) for g in gold_entities]
    forbidden = [x for x in gold.get("must_not_extract", []) if ":" not in x or "->" not in x]
    forbidden_relations = [x for x in gold.get("must_not_extract", []) if ":" in x and "->" in x]
    entities = Score()
    violations: list[str] = []
    matched: dict[str, str] = {}  # extracted id -> gold canonical name
    taken: set[int] = set()
    for entity in found.get("entities", []):
        names = _names(entity)
        hits = [i for i, g in enumerate(gold_names) if names & g]
        label = f"{entity.get('name')} [{entity.get('label', '?')}]"
        if hits:
            matched[entity["id"]] = gold_entities[hits[0]]["name"]
            free = [i for i in hits if i not in taken]
            if free:
                taken.add(free[0])
                entities.tp += 1
            else:
                entities.fp += 1
                entities.false_positives.append(f"{label} (a second entity for {gold_entities[hits[0]]['name']!r})")
            continue
        entities.fp += 1
        entities.false_positives.append(label)
        if any(_norm(f) in names for f in forbidden):
            violations.append(entity.get("name", ""))
    for i, g in enumerate(gold_entities):
        if i not in taken:
            entities.fn += 1
            entities.misses.append(f"{g['name']} [{g.get('label', '?')}]")

    def key(type_: str, source: str, target: str) -> tuple[str, str, str]:
        if type_ in SYMMETRIC:
            source, target = sorted((_norm(source), _norm(target)))
        return type_, _norm(source), _norm(target)

    gold_relations = {key(r["type"], r["source"], r["target"]): r for r in gold.get("relations", [])}
    names_by_id = {e["id"]: e.get("name", e["id"]) for e in found.get("entities", [])}
    aliases_by_id = {e["id"]: _names(e) for e in found.get("entities", [])}
    relations = Score()
    seen: set[tuple[str, str, str]] = set()
    for r in found.get("relations", []):
        src = matched.get(r["source"], names_by_id.get(r["source"], r["source"]))
        dst = matched.get(r["target"], names_by_id.get(r["target"], r["target"]))
        k = key(r["type"], src, dst)
        if k in seen:
            continue
        seen.add(k)
        if k in gold_relations and r["source"] in matched and r["target"] in matched:
            relations.tp += 1
            continue
        relations.fp += 1
        relations.false_positives.append(f"{r['type']}: {src} -> {dst}")
        for item in forbidden_relations:
            type_, ends = item.split(":", 1)
            a, b = (x.strip() for x in ends.split("->", 1))
            ok_a = _norm(a) in aliases_by_id.get(r["source"], set()) | {_norm(src)}
            ok_b = _norm(b) in aliases_by_id.get(r["target"], set()) | {_norm(dst)}
            if type_ == r["type"] and ok_a and ok_b:
                violations.append(item)
    for k, r in gold_relations.items():
        if k not in seen:
            relations.fn += 1
            relations.misses.append(f"{r['type']}: {r['source']} -> {r['target']}")
    return DocumentScore(document or gold.get("doc", ""), entities, relations, violations)


@dataclass
class Evaluation:
    documents: list[DocumentScore]

    @property
    def entities(self) -> Score:
        total = Score()
        for d in self.documents:
            total.add(d.entities)
        return total

    @property
    def relations(self) -> Score:
        total = Score()
        for d in self.documents:
            total.add(d.relations)
        return total

    @property
    def violations(self) -> list[str]:
        return [v for d in self.documents for v in d.violations]

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": {"entities": self.entities.as_dict(items=False), "relations": self.relations.as_dict(items=False),
                        "must_not_extract_violations": len(self.violations), "documents": len(self.documents)},
            "documents": [d.as_dict() for d in self.documents],
        }  # fmt: skip


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(document, gold file) pairs in ``folder``: every ``X.gold.json`` whose ``X`` exists."""
    if not folder.is_dir():
        raise LoadError(f"not a folder: {folder}")
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        document = gold.with_name(gold.name[: -len(".gold.json")])
        if not document.exists():
            raise LoadError(f"gold file without its document {document.name}", where=str(gold))
        pairs.append((document, gold))
    if not pairs:
        raise LoadError(f"no *.gold.json files in {folder}")
    return pairs


def read_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read gold file: {exc}", where=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise LoadError(f"malformed JSON: {exc.msg}", where=f"{path}:{exc.lineno}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("entities", []), list) or not isinstance(gold.get("relations", []), list):
        raise LoadError("a gold file is an object with 'entities' and 'relations' lists", where=str(path))
    return gold


def evaluate(pairs: Iterable[tuple[Path, Path]], extract: Callable[[Path], dict[str, Any]]) -> Evaluation:
    """Score ``extract(document)`` against each gold file."""
    return Evaluation([score_document(read_gold(gold), extract(document), document.name) for document, gold in pairs])

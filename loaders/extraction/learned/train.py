"""Training the learned relation component on the project's own gold files, deterministically.

Run from the top of a checkout, with the training extra installed
(``pip install -e '.[train]'``: scikit-learn, for training only)::

    python -m supplygraph.loaders.extraction.learned.train            # writes loaders/extraction/learned/weights.npz
    python -m supplygraph.loaders.extraction.learned.train --check    # retrains and compares with the shipped file

How the examples are made: each training document is extracted by the rules
(the shipped extractor, built-in vocabulary, as ``supplygraph eval`` does);
every candidate pair (:mod:`.features`, the rules' verdicts among its
features; the hook later scores only the pairs the rules left alone) is
labelled from the gold file. An extracted entity stands for the gold entity
whose name or alias it shares (as ``eval`` matches them). A pair is a
positive example of ``TYPE>`` / ``TYPE<`` when the gold has that relation
between the two entities and its evidence is this sentence (one contains
the other); when the gold has a relation between them stated elsewhere,
the pair is left out (the sentence may or may not state it); otherwise it
is a negative. One L2-regularised logistic regression per class (lbfgs,
deterministic), over the features seen at least :data:`MIN_COUNT` times;
classes with fewer than :data:`MIN_POSITIVES` examples are not learned.

The filter's examples are the rules' own relations that reach the output,
each right (the gold has it, as ``eval`` matches) or wrong; one logistic
regression over :func:`.features.judged`.

Sets B, C, F and G are never trained on: B measures the component
(:mod:`.measure`), C, F and G are frozen and read by nobody. The same gold
and rules give the same bytes (sorted features, lbfgs, weights rounded).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from supplygraph.loaders.context import Context
from supplygraph.loaders.evaluation import _names, _norm, gold_pairs, read_gold

from .features import Candidate, candidates, judged
from .model import WEIGHTS, Filter, Learned

TRAINING = ("../shared/corpus/dev", "tests/fixtures/documents/heldout", "tests/fixtures/documents/set-d",
            "tests/fixtures/documents/set-e", "tests/fixtures/documents/set-h", "tests/fixtures/documents/set-i",
            "tests/fixtures/documents/set-j")  # fmt: skip
"""The gold the shipped weights are trained on, relative to the top of a checkout (dev lies beside it)."""

NEVER = ("heldout-b", "heldout-c", "heldout-f", "heldout-g")
"""Folders never trained on: set B measures the component, sets C, F and G are frozen."""

MIN_COUNT = 2
MIN_POSITIVES = 3
C = 2.0
"""Inverse regularisation strength (chosen by cross-validation by document, :mod:`.measure`)."""
THRESHOLD = 0.9
"""Probability above which a relation is added (chosen by cross-validation by document, :mod:`.measure`)."""
ADDS = True
"""Whether the shipped component adds relations (chosen by cross-validation by document, :mod:`.measure`)."""
FILTER_C = 1.0
FILTER_THRESHOLD: float | None = None
"""Probability below which the filter drops a relation of the rules (None: no filter; chosen by cross-validation)."""


@dataclass
class Example:
    """A training document: its rules-only extraction, its candidates, each candidate's classes (None: left out),
    and the rules' own relations with the filter's features and whether the gold has them."""

    path: Path
    gold: Path
    candidates: list[Candidate]
    labels: list[frozenset[str] | None]
    rules: list[tuple[tuple[str, str, str], list[str]]] = field(default_factory=list)  # (type, source, target keys)
    right: list[bool] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)  # the rules-only output's entities
    ids: dict[str, str] = field(default_factory=dict)  # entity key -> output id
    kinds: dict[str, str] = field(default_factory=dict)  # entity key -> label


class _Collector:
    """Stands in for the learned component at the hook: keeps the candidates and the rules' relations, changes
    nothing."""

    def __init__(self) -> None:
        self.found: list[Candidate] = []
        self.rules: list[tuple[tuple[str, str, str], list[str]]] = []
        self.kinds: dict[str, str] = {}

    def add(self, st: Any, keep: dict[str, Any]) -> None:
        self.found = candidates(st, keep)
        self.rules = [(key[:3], f) for key, f in judged(st, keep, self.found)]
        self.kinds = {k: e.label for k, e in keep.items()}


def extract(extractor: Any, path: Path) -> tuple[dict[str, Any], Any]:
    """``path`` extracted as ``supplygraph eval`` extracts it: the ``extract`` JSON shape and the :class:`Extraction`."""
    from supplygraph.loaders.documents import read_document

    document = read_document(Context(path))
    found = extractor.extract(document.blocks, document.published)
    return {"document": {"path": str(path)}, **found.as_dict()}, found


def example(extractor: Any, path: Path, gold_path: Path) -> Example:
    """One training document: extracted by the rules alone, its candidates and relations labelled from its gold."""
    collector, before = _Collector(), extractor.learned
    extractor.learned = collector
    try:
        output, found = extract(extractor, path)
    finally:
        extractor.learned = before
    gold = read_gold(gold_path)
    gold_names = [(_names(g), g["name"]) for g in gold.get("entities", [])]
    gold_of: dict[str, str] = {}
    for e in found.entities:
        names = _names({"name": e.name, "aliases": e.aliases()})
        hit = next((name for names_, name in gold_names if names & names_), None)
        if hit is not None:
            gold_of[e.key] = _norm(hit)
    stated: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for r in gold.get("relations", []):
        source, target = _norm(r["source"]), _norm(r["target"])
        evidence = " ".join(str(r.get("evidence") or "").split())
        if r["type"] == "COOPERATES_WITH":
            stated.setdefault((source, target), []).append(("COOPERATES_WITH=", evidence))
            stated.setdefault((target, source), []).append(("COOPERATES_WITH=", evidence))
        else:
            stated.setdefault((source, target), []).append((r["type"] + ">", evidence))
            stated.setdefault((target, source), []).append((r["type"] + "<", evidence))
    labels: list[frozenset[str] | None] = []
    for c in collector.found:
        ga, gb = gold_of.get(c.a), gold_of.get(c.b)
        said = stated.get((ga, gb), []) if ga and gb else []
        text = " ".join(c.sentence.text.split())
        positive = frozenset(cls for cls, evidence in said if evidence and (evidence in text or text in evidence))
        labels.append(positive if positive or not said else None)
    right = []
    for (type_, source, target), _ in collector.rules:
        ga, gb = gold_of.get(source), gold_of.get(target)
        cls = "COOPERATES_WITH=" if type_ == "COOPERATES_WITH" else type_ + ">"
        right.append(bool(ga and gb and any(c == cls for c, _ in stated.get((ga, gb), ()))))
    return Example(path, gold_path, collector.found, labels, collector.rules, right, output["entities"],
                   {e.key: e.id for e in found.entities}, collector.kinds)  # fmt: skip


def examples(folders: list[str | Path], extractor: Any = None) -> list[Example]:
    """Every gold document under ``folders`` (a missing folder is skipped: set E may not have landed)."""
    from supplygraph.loaders.extraction import Extractor

    for folder in folders:
        if any(part in NEVER for part in Path(folder).parts):
            raise SystemExit(f"refusing to train on {folder}: sets B, C, F and G are never trained on")
    extractor = extractor or Extractor(learned=False)
    return [example(extractor, path, gold) for folder in folders if Path(folder).is_dir()
            for path, gold in gold_pairs(Path(folder))]  # fmt: skip


def _matrix(rows: list[list[str]]) -> tuple[list[str], Any]:
    """The features seen in at least :data:`MIN_COUNT` of ``rows`` (sorted) and the 0/1 matrix of ``rows`` over them."""
    from scipy.sparse import csr_matrix

    counts = Counter(f for row in rows for f in set(row))
    features = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(features)}
    ns, cols = [], []
    for n, row in enumerate(rows):
        ids = sorted({index[f] for f in row if f in index})
        ns.extend([n] * len(ids))
        cols.extend(ids)
    return features, csr_matrix((np.ones(len(ns)), (ns, cols)), shape=(len(rows), len(features)))


def _logistic(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, tol=1e-6).fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def fit(data: list[Example], c: float = C, threshold: float = THRESHOLD, filter_c: float = FILTER_C,
        filter_threshold: float | None = FILTER_THRESHOLD, adds: bool = ADDS) -> Learned:  # fmt: skip
    """The component trained on ``data``: the adds' classifier and (``filter_threshold`` not None) the filter."""
    model = fit_adds(data, c, threshold)
    model.adds = adds
    if filter_threshold is not None:
        model.filter, about = fit_filter(data, filter_c, filter_threshold)
        model.meta.update(about)
    return model


def fit_adds(data: list[Example], c: float = C, threshold: float = THRESHOLD) -> Learned:
    """One logistic regression per class over the labelled candidates of ``data`` (scikit-learn, deterministic)."""
    pairs = [(cand, y) for ex in data for cand, y in zip(ex.candidates, ex.labels) if y is not None]
    features, x = _matrix([cand.features for cand, _ in pairs])
    positives = Counter(cls for _, y in pairs for cls in y)
    classes = sorted(cls for cls, n in positives.items() if n >= MIN_POSITIVES)
    weights = np.zeros((len(features), len(classes)))
    bias = np.zeros(len(classes))
    for k, cls in enumerate(classes):
        weights[:, k], bias[k] = _logistic(x, np.array([cls in labels for _, labels in pairs], dtype=int), c)
    weights, bias = weights.astype(np.float32).round(5), bias.astype(np.float32).round(5)
    meta: dict[str, Any] = {"trained_on": [_fingerprint(ex) for ex in data], "examples": len(pairs), "C": c,
                            "positives": {cls: positives[cls] for cls in classes}}  # fmt: skip
    return Learned(features, classes, weights, bias, threshold, meta)


def fit_filter(data: list[Example], c: float = FILTER_C, threshold: float = 0.5) -> tuple[Filter, dict[str, Any]]:
    """One logistic regression over the rules' own relations of ``data``, right (in the gold) or wrong; and what it
    was trained on, for the weights' metadata."""
    rows = [(f, right) for ex in data for (_, f), right in zip(ex.rules, ex.right)]
    features, x = _matrix([f for f, _ in rows])
    weights, bias = _logistic(x, np.array([right for _, right in rows], dtype=int), c)
    filter_ = Filter(features, weights.astype(np.float32).round(5), round(float(np.float32(bias)), 5), threshold)
    return filter_, {"filter_C": c, "filter_examples": len(rows), "filter_right": sum(r for _, r in rows)}


def _fingerprint(ex: Example) -> dict[str, str]:
    digest = hashlib.sha256(ex.path.read_bytes() + ex.gold.read_bytes()).hexdigest()[:16]
    return {"document": f"{ex.path.parent.name}/{ex.path.name}", "sha256": digest}


def same(a: Learned, b: Learned, tolerance: float = 1e-3) -> str | None:
    """None when ``a`` and ``b`` are the same model (within ``tolerance``), else what differs."""
    if a.features != b.features:
        return f"feature spaces differ ({len(a.features)} against {len(b.features)} features)"
    if a.classes != b.classes:
        return f"classes differ: {a.classes} against {b.classes}"
    if a.meta.get("trained_on") != b.meta.get("trained_on"):
        return "trained on different gold (documents or their gold files changed)"
    if (a.filter is None) != (b.filter is None) or a.adds != b.adds:
        return "one has a filter or adds relations and the other not"
    if a.filter is not None and (a.filter.features != b.filter.features or a.filter.threshold != b.filter.threshold):
        return "the filters differ"
    worst = float(max(np.abs(a.weights - b.weights).max(initial=0.0), np.abs(a.bias - b.bias).max(initial=0.0)))
    if a.filter is not None:
        worst = max(worst, float(np.abs(a.filter.weights - b.filter.weights).max(initial=0.0)))
    return None if worst <= tolerance and a.threshold == b.threshold else f"weights differ by up to {worst:.4f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m supplygraph.loaders.extraction.learned.train",
                                     description="Train the learned relation component on the project's gold files.")  # fmt: skip
    parser.add_argument("folders", nargs="*", default=list(TRAINING), help="gold folders (default: dev, sets A, D, E, H, I and J)")
    parser.add_argument("--output", type=Path, default=WEIGHTS, help="where to write the weights (default: the shipped file)")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights; write nothing")
    args = parser.parse_args(argv)
    model = fit(examples(args.folders))
    if args.check:
        problem = same(Learned.load(args.output), model)
        print(problem or f"{args.output}: the same as training gives", file=sys.stderr if problem else sys.stdout)
        return 1 if problem else 0
    model.save(args.output)
    print(f"{args.output}: {len(model.features)} features, {len(model.classes)} classes, "
          f"{model.meta['examples']} examples from {len(model.meta['trained_on'])} documents")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

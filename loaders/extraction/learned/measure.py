"""Measuring the learned relation component against the rules, honestly.

Run from the top of a checkout with the training extra installed::

    python -m supplygraph.loaders.extraction.learned.measure

Two measures, each comparing rules only with rules + learned, scored exactly
as ``supplygraph eval`` scores (built-in vocabulary, relation P / R / F1
summed over documents):

* **cross-validation by document** over the training gold (dev, sets A, D
  and E): the documents are dealt into :data:`FOLDS` folds in name order;
  each fold is extracted with a model trained on the other folds only. The
  rows over the thresholds and regularisation strengths are what
  :data:`.train.THRESHOLD` and :data:`.train.C` were chosen from;
* **set B**, never trained on: the model trained on all the training gold
  (the shipped one), at the chosen threshold, and the sets trained on (dev,
  A), where the test floors hold.

Set C is not read.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from supplygraph.loaders.evaluation import Score, gold_pairs, read_gold, score_document

from .model import Learned
from .train import C, THRESHOLD, TRAINING, Example, examples, extract, fit

FOLDS = 5
HELD_OUT = "tests/fixtures/documents/heldout-b"


def scored(extractor, pairs: Iterable[tuple[Path, Path]], model: Learned | None) -> list[Score]:
    """Relation counts per document of ``pairs``, extracted with ``model`` at the hook (None: the rules alone)."""
    out, before = [], extractor.learned
    extractor.learned = model
    try:
        for path, gold in pairs:
            found, _ = extract(extractor, path)
            out.append(score_document(read_gold(gold), found, path.name).relations)
    finally:
        extractor.learned = before
    return out


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.add(s)
    return out


def line(name: str, s: Score) -> str:
    return f"{name:<40} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})"


def bootstrap(rules: list[Score], learned: list[Score], rounds: int = 2000) -> tuple[float, float, float]:
    """Paired bootstrap over documents (fixed seed): the 2.5th and 97.5th percentiles of F1(learned) - F1(rules),
    and the share of resamples in which rules + learned scores higher."""
    rng = np.random.default_rng(12)
    counts = np.array([[a.tp, a.fp, a.fn, b.tp, b.fp, b.fn] for a, b in zip(rules, learned)], dtype=float)
    picks = rng.integers(0, len(counts), size=(rounds, len(counts)))
    sums = counts[picks].sum(axis=1)

    def f1(tp, fp, fn):
        return np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)

    delta = f1(sums[:, 3], sums[:, 4], sums[:, 5]) - f1(sums[:, 0], sums[:, 1], sums[:, 2])
    return float(np.percentile(delta, 2.5)), float(np.percentile(delta, 97.5)), float((delta > 0).mean())


def cross_validation(extractor, data: list[Example], cs: Iterable[float], thresholds: Iterable[float]) -> None:
    """Rules only against rules + learned, each fold extracted with a model trained on the other folds."""
    folds = [data[k::FOLDS] for k in range(FOLDS)]
    pairs = [[(ex.path, ex.gold) for ex in fold] for fold in folds]
    rules = [s for fold in pairs for s in scored(extractor, fold, None)]
    print(f"cross-validation by document, {len(data)} documents in {FOLDS} folds")
    print(line("  rules only", total(rules)))
    for c in cs:
        models = [fit([ex for j, f in enumerate(folds) if j != k for ex in f], c) for k in range(FOLDS)]
        for t in thresholds:
            for model in models:
                model.threshold = t
            learned = [s for model, fold in zip(models, pairs) for s in scored(extractor, fold, model)]
            low, high, wins = bootstrap(rules, learned)
            print(line(f"  rules + learned C={c} t={t}", total(learned))
                  + f"  F1 change 95% [{low:+.3f}, {high:+.3f}], higher in {wins:.0%} of resamples")


def main(argv: list[str] | None = None) -> int:
    from supplygraph.loaders.extraction import Extractor

    parser = argparse.ArgumentParser(prog="python -m supplygraph.loaders.extraction.learned.measure",
                                     description="Rules only against rules + learned: cross-validation and set B.")  # fmt: skip
    parser.add_argument("--c", type=float, nargs="*", default=[C], help="regularisation strengths to cross-validate")
    parser.add_argument("--thresholds", type=float, nargs="*", default=[THRESHOLD], help="thresholds to cross-validate")
    parser.add_argument("--no-cv", action="store_true", help="set B and the training sets only")
    args = parser.parse_args(argv)
    extractor = Extractor(learned=False)
    data = examples(list(TRAINING), extractor)
    if not args.no_cv:
        cross_validation(extractor, data, args.c, args.thresholds)
    model = fit(data)
    print(f"trained on all {len(data)} training documents (C={model.meta['C']}, threshold {model.threshold})")
    for folder in (HELD_OUT, *TRAINING):
        if not Path(folder).is_dir():
            continue
        pairs = gold_pairs(Path(folder))
        print(line(f"  {folder}: rules only", total(scored(extractor, pairs, None))))
        print(line(f"  {folder}: rules + learned", total(scored(extractor, pairs, model))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measuring the learned relation component against the rules, honestly.

Run from the top of a checkout with the training extra installed::

    python -m supplygraph.loaders.extraction.learned.measure

Each measure compares rules only with rules + learned, scored exactly as
``supplygraph eval`` scores (built-in vocabulary, relation P / R / F1 summed
over documents):

* **cross-validation by document** over the training gold (dev, sets A, D,
  E, H, I and J): the documents are dealt into :data:`FOLDS` folds in name
  order; each fold is scored with a model trained on the other folds only.
  The grid (the adds alone, the filter alone, both; their regularisation
  strengths and thresholds) is scored from each document's rules-only
  extraction (:func:`simulated`: the hook is the last step that touches the
  relations, so what it would drop and add can be applied to the output
  without extracting again); the shipped setting's row is then extracted for
  real, the hook in place, and the two must agree. The rows are what the
  settings of :mod:`.train` were chosen from;
* **set B**, never trained on: the model trained on all the training gold
  (the shipped one), extracted with the hook in place; and the sets trained
  on, where the test floors hold.

Sets C, F and G are not read.
"""

from __future__ import annotations

import argparse
import copy
import itertools
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from supplygraph.loaders.evaluation import Score, gold_pairs, read_gold, score_document

from ..model import allowed
from .model import Filter, Learned
from .train import (ADDS, C, FILTER_C, FILTER_THRESHOLD, THRESHOLD, TRAINING, Example, examples, extract, fit,
                    fit_adds, fit_filter)

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


def simulated(ex: Example, model: Learned | None) -> Score:
    """The relation counts of ``ex`` as the hook with ``model`` leaves them, from its rules-only extraction."""
    dropped = set(model.dropped(ex.rules)) if model is not None else set()
    relations = [key for key, _ in ex.rules if key not in dropped]
    if model is not None and model.adds:
        found = [c for c in ex.candidates if not c.ruled]
        relations += [(t, s, d) for t, s, d, _, _ in model.additions(found) if allowed(t, ex.kinds[s], ex.kinds[d])]
    output = {"entities": ex.entities, "relations": [{"type": t, "source": ex.ids[s], "target": ex.ids[d]}
                                                     for t, s, d in relations]}  # fmt: skip
    return score_document(read_gold(ex.gold), output, ex.path.name).relations


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.add(s)
    return out


def line(name: str, s: Score) -> str:
    return f"{name:<44} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})"


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


def compared(rules: list[Score], learned: list[Score]) -> str:
    low, high, wins = bootstrap(rules, learned)
    return f"  F1 change 95% [{low:+.3f}, {high:+.3f}], higher in {wins:.0%} of resamples"


def cross_validation(data: list[Example], grid: dict[str, list], extractor=None) -> None:
    """Rules only against rules + learned over ``grid`` (lists of c, thresholds, filter_c, filter_thresholds), each
    fold scored with a model trained on the other folds; with ``extractor``, the shipped setting extracted for real."""
    folds = [data[k::FOLDS] for k in range(FOLDS)]
    order = [ex for fold in folds for ex in fold]
    rules = [simulated(ex, None) for ex in order]
    print(f"cross-validation by document, {len(data)} documents in {FOLDS} folds")
    print(line("  rules only", total(rules)))
    settings = [("adds", c, t, None, None) for c, t in itertools.product(grid["c"], grid["thresholds"])]
    settings += [("filter", None, None, fc, ft) for fc, ft in itertools.product(grid["filter_c"], grid["filter_thresholds"])]
    settings += [("both", c, t, fc, ft) for c, t, fc, ft in itertools.product(grid["c"], grid["thresholds"], grid["filter_c"],
                                                                              grid["filter_thresholds"])]  # fmt: skip
    training = [[ex for j, f in enumerate(folds) if j != k for ex in f] for k in range(FOLDS)]
    adds: dict[float, list[Learned]] = {}
    filters: dict[float, list[Filter]] = {}
    for mode, c, t, fc, ft in settings:
        c = c if c is not None else C
        if c not in adds:
            adds[c] = [fit_adds(part, c) for part in training]
        if fc is not None and fc not in filters:
            filters[fc] = [fit_filter(part, fc)[0] for part in training]
        models = []
        for k in range(FOLDS):
            model = copy.copy(adds[c][k])
            model.adds, model.threshold = mode != "filter", t if t is not None else THRESHOLD
            if fc is not None:
                model.filter = copy.copy(filters[fc][k])
                model.filter.threshold = ft
            models.append(model)
        learned = [simulated(ex, model) for model, fold in zip(models, folds) for ex in fold]
        name = f"  {mode} C={c if mode != 'filter' else '-'} t={t} filter C={fc} t={ft}"
        print(line(name, total(learned)) + compared(rules, learned), flush=True)
    if extractor is not None:  # the shipped setting, each fold extracted with the hook in place
        shipped = []
        for k, part in enumerate(training):
            model = copy.copy(adds[C][k]) if C in adds else fit_adds(part, C)
            model.adds, model.threshold = ADDS, THRESHOLD
            if FILTER_THRESHOLD is not None:
                model.filter = fit_filter(part, FILTER_C, FILTER_THRESHOLD)[0]
            shipped.append(model)
        real_rules = [s for fold in folds for s in scored(extractor, [(ex.path, ex.gold) for ex in fold], None)]
        real = [s for model, fold in zip(shipped, folds) for s in scored(extractor, [(ex.path, ex.gold) for ex in fold], model)]
        print(line("  rules only, extracted", total(real_rules)))
        print(line("  shipped setting, extracted", total(real)) + compared(real_rules, real))


def main(argv: list[str] | None = None) -> int:
    from supplygraph.loaders.extraction import Extractor

    parser = argparse.ArgumentParser(prog="python -m supplygraph.loaders.extraction.learned.measure",
                                     description="Rules only against rules + learned: cross-validation and set B.")  # fmt: skip
    parser.add_argument("--c", type=float, nargs="*", default=[C], help="regularisation strengths of the adds")
    parser.add_argument("--thresholds", type=float, nargs="*", default=[THRESHOLD], help="thresholds of the adds")
    parser.add_argument("--filter-c", type=float, nargs="*", default=[FILTER_C], help="regularisation of the filter")
    parser.add_argument("--filter-thresholds", type=float, nargs="*", default=[0.2], help="thresholds of the filter")
    parser.add_argument("--no-cv", action="store_true", help="set B and the training sets only")
    parser.add_argument("--no-real", action="store_true", help="no extraction with the hook in place in cross-validation")
    args = parser.parse_args(argv)
    extractor = Extractor(learned=False)
    data = examples(list(TRAINING), extractor)
    if not args.no_cv:
        grid = {"c": args.c, "thresholds": args.thresholds, "filter_c": args.filter_c,
                "filter_thresholds": args.filter_thresholds}  # fmt: skip
        cross_validation(data, grid, None if args.no_real else extractor)
    model = fit(data)
    print(f"trained on all {len(data)} training documents (adds {ADDS}: C={C}, threshold {THRESHOLD}; "
          f"filter: C={FILTER_C}, threshold {FILTER_THRESHOLD})")  # fmt: skip
    for folder in (HELD_OUT, *TRAINING):
        if not Path(folder).is_dir():
            continue
        pairs = gold_pairs(Path(folder))
        rules, learned = scored(extractor, pairs, None), scored(extractor, pairs, model)
        print(line(f"  {folder}: rules only", total(rules)))
        print(line(f"  {folder}: rules + learned", total(learned)) + compared(rules, learned))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The learned relation component's model: weights, the probabilities of candidate pairs, and the hook.

Two linear parts, each optional: the **adds** (one logistic regression per relation class over the pairs the rules
left alone; what clears :attr:`Learned.threshold` is added at :data:`SCALE` times its probability) and the **filter** (one logistic
regression over the rules' own relations; a relation it scores below :attr:`Filter.threshold` is dropped before it
reaches the output).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .features import Candidate, candidates, judged

WEIGHTS = Path(__file__).with_name("weights.npz")
"""The shipped weights, written by ``python -m supplygraph.loaders.extraction.learned.train``."""

SCALE = 0.4
"""An added relation's confidence is its probability times this, at most 0.4: below every rule's (the lowest, 0.45,
is a supplier read as the producer of what it supplies, ``relations/supply.py``), so ``review accept
--min-confidence`` aimed at the rules never takes a guess of the classifier."""


def scores(index: dict[str, int], weights: np.ndarray, bias: np.ndarray, rows: Sequence[Iterable[str]]) -> np.ndarray:
    """The linear scores of ``rows`` (feature strings; unknown ones count for nothing): one row each, a column per
    column of ``weights``."""
    ids: list[int] = []
    starts: list[int] = []
    for row in rows:
        starts.append(len(ids))
        ids.extend({i for i in map(index.get, row) if i is not None})
    out = np.tile(bias, (len(rows), 1))
    if ids:
        sums = np.add.reduceat(weights[ids], [min(k, len(ids) - 1) for k in starts], axis=0)
        empty = np.diff([*starts, len(ids)]) == 0  # (reduceat gives an empty run the next row, not zero)
        out += np.where(empty[:, None], 0.0, sums)
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


class Filter:
    """The precision filter: the probability that a relation of the rules is right, from :func:`.features.judged`."""

    def __init__(self, features: Iterable[str], weights: np.ndarray, bias: float, threshold: float) -> None:
        self.features = list(features)
        self.index = {f: i for i, f in enumerate(self.features)}
        self.weights = np.asarray(weights, dtype=np.float64).reshape(-1, 1)
        self.bias = np.asarray([bias], dtype=np.float64).reshape(1)
        self.threshold = float(threshold)
        if self.weights.shape[0] != len(self.features):
            raise ValueError(f"filter weights of length {self.weights.shape[0]} do not fit {len(self.features)} features")

    def probabilities(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        return _sigmoid(scores(self.index, self.weights, self.bias, rows))[:, 0]


class Learned:
    """Weights of the relation classifier (and of the filter, when trained) and the hook that applies them to one
    document's state. ``adds``: whether the classifier adds relations (False: the filter alone is on)."""

    def __init__(self, features: Iterable[str], classes: Iterable[str], weights: np.ndarray, bias: np.ndarray,
                 threshold: float, meta: dict[str, Any] | None = None, filter: Filter | None = None,
                 adds: bool = True) -> None:  # fmt: skip
        self.features = list(features)
        self.classes = list(classes)
        self.index = {f: i for i, f in enumerate(self.features)}
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.threshold = float(threshold)
        self.meta = meta or {}
        self.filter = filter
        self.adds = adds
        if self.weights.shape != (len(self.features), len(self.classes)) or self.bias.shape != (len(self.classes),):
            raise ValueError(f"weights of shape {self.weights.shape} and bias {self.bias.shape} do not fit "
                             f"{len(self.features)} features and {len(self.classes)} classes")  # fmt: skip
        self._types = [(c[:-1], c[-1]) for c in self.classes]

    @classmethod
    def load(cls, path: str | Path = WEIGHTS) -> "Learned":
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            filter_ = None
            if "filter_features" in data.files:
                filter_ = Filter(data["filter_features"].tolist(), data["filter_weights"], float(data["filter_bias"][0]),
                                 meta["filter_threshold"])  # fmt: skip
            return cls(data["features"].tolist(), data["classes"].tolist(), data["weights"], data["bias"],
                       meta["threshold"], meta, filter_, meta.get("adds", True))  # fmt: skip

    def save(self, path: str | Path) -> None:
        meta = {**self.meta, "threshold": self.threshold, "adds": self.adds}
        arrays = dict(features=np.array(self.features), classes=np.array(self.classes),
                      weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32))  # fmt: skip
        if self.filter is not None:
            meta["filter_threshold"] = self.filter.threshold
            arrays.update(filter_features=np.array(self.filter.features),
                          filter_weights=self.filter.weights[:, 0].astype(np.float32),
                          filter_bias=self.filter.bias.astype(np.float32))  # fmt: skip
        with open(path, "wb") as out:  # (a file object: no ".npz" appended; the same model gives the same bytes)
            np.savez_compressed(out, **arrays, meta=np.array(json.dumps(meta, sort_keys=True)))

    def probabilities(self, found: list[Candidate]) -> np.ndarray:
        """One row per candidate, one column per class: the probability that the pair holds that relation."""
        return _sigmoid(scores(self.index, self.weights, self.bias, [c.features for c in found]))

    def add(self, st: Any, keep: dict[str, Any]) -> None:
        """The hook: drop the rules' relations the filter scores below its threshold (when it is on), then add what
        the classifier finds above its threshold between kept entities the rules did not relate (when ``adds``)."""
        found = candidates(st, keep, unruled_only=self.filter is None)
        if self.filter is not None:
            for key in self.dropped(judged(st, keep, found)):
                del st.relations[key]
            found = [c for c in found if not c.ruled]
        if self.adds:
            for type_, source, target, p, c in self.additions(found):
                st.add(type_, source, target, c.sentence, round(p * SCALE, 2))

    def dropped(self, rows: list[tuple[Any, list[str]]]) -> list[Any]:
        """The keys of the rules' relations (``rows``: :func:`.features.judged`) the filter drops; none without it."""
        if self.filter is None or not rows:
            return []
        p = self.filter.probabilities([f for _, f in rows])
        return [key for (key, _), q in zip(rows, p) if q < self.filter.threshold]

    def additions(self, found: list[Candidate]) -> list[tuple[str, str, str, float, Candidate]]:
        """What the classifier adds among ``found`` (pairs the rules left alone): each (type, source, target) above
        the threshold once, with its best probability and candidate, in a fixed order."""
        if not found:
            return []
        probabilities = self.probabilities(found)
        best: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
        for n, m in zip(*np.nonzero(probabilities >= self.threshold)):
            c = found[n]
            type_, arrow = self._types[m]
            source, target = (c.b, c.a) if arrow == "<" else (c.a, c.b)
            p = float(probabilities[n, m])
            if p > best.get((type_, source, target), (0.0, None))[0]:
                best[(type_, source, target)] = (p, c)
        return [(t, s, d, p, c) for (t, s, d), (p, c) in sorted(best.items(), key=lambda item: item[0])]


_SHIPPED: list[Learned] = []


def shipped() -> Learned:
    """The shipped weights, loaded once per process."""
    if not _SHIPPED:
        _SHIPPED.append(Learned.load())
    return _SHIPPED[0]

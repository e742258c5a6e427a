"""The learned relation component's model: weights, the probabilities of candidate pairs, and the hook."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from .features import Candidate, candidates

WEIGHTS = Path(__file__).with_name("weights.npz")
"""The shipped weights, written by ``python -m supplygraph.loaders.extraction.learned.train``."""


class Learned:
    """Weights of the relation classifier and the hook that applies them to one document's state."""

    def __init__(self, features: Iterable[str], classes: Iterable[str], weights: np.ndarray, bias: np.ndarray,
                 threshold: float, meta: dict[str, Any] | None = None) -> None:  # fmt: skip
        self.features = list(features)
        self.classes = list(classes)
        self.index = {f: i for i, f in enumerate(self.features)}
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.threshold = float(threshold)
        self.meta = meta or {}
        if self.weights.shape != (len(self.features), len(self.classes)) or self.bias.shape != (len(self.classes),):
            raise ValueError(f"weights of shape {self.weights.shape} and bias {self.bias.shape} do not fit "
                             f"{len(self.features)} features and {len(self.classes)} classes")  # fmt: skip
        self._types = [(c[:-1], c[-1]) for c in self.classes]

    @classmethod
    def load(cls, path: str | Path = WEIGHTS) -> "Learned":
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(data["features"].tolist(), data["classes"].tolist(), data["weights"], data["bias"],
                       meta["threshold"], meta)  # fmt: skip

    def save(self, path: str | Path) -> None:
        meta = {**self.meta, "threshold": self.threshold}
        with open(path, "wb") as out:  # (a file object: no ".npz" appended; the same model gives the same bytes)
            np.savez_compressed(out, features=np.array(self.features), classes=np.array(self.classes),
                                weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                                meta=np.array(json.dumps(meta, sort_keys=True)))  # fmt: skip

    def probabilities(self, found: list[Candidate]) -> np.ndarray:
        """One row per candidate, one column per class: the probability that the pair holds that relation."""
        index = self.index
        ids: list[int] = []
        starts: list[int] = []
        for c in found:
            starts.append(len(ids))
            ids.extend({i for i in map(index.get, c.features) if i is not None})
        scores = np.tile(self.bias, (len(found), 1))
        if ids:
            sums = np.add.reduceat(self.weights[ids], [min(k, len(ids) - 1) for k in starts], axis=0)
            empty = np.diff([*starts, len(ids)]) == 0  # (reduceat gives an empty run the next row, not zero)
            scores += np.where(empty[:, None], 0.0, sums)
        return 1.0 / (1.0 + np.exp(-scores))

    def add(self, st: Any, keep: dict[str, Any]) -> None:
        """The hook: add what the classifier finds above its threshold between kept entities the rules did not relate."""
        found = candidates(st, keep, unruled_only=True)
        if not found:
            return
        probabilities = self.probabilities(found)
        best: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
        for n, m in zip(*np.nonzero(probabilities >= self.threshold)):
            c = found[n]
            type_, arrow = self._types[m]
            source, target = (c.b, c.a) if arrow == "<" else (c.a, c.b)
            p = float(probabilities[n, m])
            if p > best.get((type_, source, target), (0.0, None))[0]:
                best[(type_, source, target)] = (p, c)
        for (type_, source, target), (p, c) in sorted(best.items()):
            st.add(type_, source, target, c.sentence, round(p / 2, 2))


_SHIPPED: list[Learned] = []


def shipped() -> Learned:
    """The shipped weights, loaded once per process."""
    if not _SHIPPED:
        _SHIPPED.append(Learned.load())
    return _SHIPPED[0]

"""The learned relation component: a linear classifier over candidate pairs of mentions, trained on the project's gold.

The rules read relations phrase by phrase; on genres they were not written
for they miss most of them. This component looks at every pair of kept
entities mentioned in one sentence (:mod:`.features`) and scores each
relation type and direction with one logistic regression per class, trained
by :mod:`.train` on the gold files of the development corpus and of sets A,
D, E, H, I and J (never B, which measures it, nor the frozen C, F and G). It
only adds: a relation the rules did not find, between two entities the
document already keeps, above a threshold chosen by cross-validation, at
0.4 times its probability as its confidence (below every rule's), so it stays an unreviewed candidate
that a ``review accept --min-confidence`` aimed at the rules does not take.
Its other part, a precision filter over the rules' own relations (dropping
those it scores below a threshold), is trained and measured by
:mod:`.measure` but not shipped: it lost in cross-validation.

The weights ship as a plain ``.npz`` file (feature names, class names,
weights, bias; no pickle) and are applied with numpy, so the run time needs
nothing the project does not already depend on; scikit-learn is needed only
to train (``pip install -e '.[train]'``).

Off by default: cross-validated by document on the training gold, it adds
more wrong relations than right ones and does not raise relation F1 at any
threshold (``docs/extraction.md`` has the numbers, session 13), and it makes
extraction slower. Turn it on with
``Extractor(learned=True)`` or, for every command, the environment variable
``SUPPLYGRAPH_LEARNED_RELATIONS=1``.
"""

from __future__ import annotations

import os
from typing import Any

ENVIRONMENT = "SUPPLYGRAPH_LEARNED_RELATIONS"
"""Set to 1 (or true, yes, on) to turn the component on for every extractor that does not say otherwise."""


def component(on: bool | None = None) -> Any:
    """The shipped component when ``on`` (None: as :data:`ENVIRONMENT` says), else None. numpy and the weights are
    loaded only when it is on."""
    if on is None:
        on = os.environ.get(ENVIRONMENT, "").strip().lower() in ("1", "true", "yes", "on")
    if not on:
        return None
    from .model import shipped

    return shipped()

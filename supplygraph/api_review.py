"""The review gate's library calls (``supplygraph review``): what waits for a decision, deciding, and the decisions
kept as a file. :mod:`.api` imports them, so they are the library's calls there too (``api.review_decide``).

Their own module, apart from the other calls (:mod:`.api`): they read and write a store's decisions and nothing else,
and api.py had reached the 600-line limit (session 17).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from supplygraph.errors import NotFound, SupplygraphError
from supplygraph.graph.stores.base import Candidate, Decision, Store
from supplygraph.graph.stores.review import select_candidates


def review_counts(store: Store) -> dict[str, int]:
    """How many extracted statements are pending, accepted and rejected, and how many decisions match none of them."""
    counts = {"pending": 0, "accepted": 0, "rejected": 0}
    candidates = store.candidates()
    for c in candidates:
        counts[c.decision or "pending"] += 1
    counts["unmatched"] = len(_unmatched(store.decisions(), candidates))
    return counts


def unmatched_decisions(store: Store) -> list[Decision]:
    """The decisions that no extracted statement in the store matches (``supplygraph review --unmatched``).

    A decision is keyed on the fact and the sentence that states it, so it stops
    applying when the document is edited to say it differently, when a new
    version of the rules cuts the sentence or names an end differently, or
    before its document is loaded. Listing them lets a team re-decide the
    statement as it reads now instead of finding it pending without a word.
    """
    return _unmatched(store.decisions(), store.candidates())


def _unmatched(decisions: Iterable[Decision], candidates: Iterable[Candidate]) -> list[Decision]:
    stated = {c.id for c in candidates}
    return [d for d in decisions if d.key not in stated]


def review_candidates(
    store: Store, *, ids: Sequence[str] = (), document: str | None = None, type_: str | None = None,
    min_confidence: float | None = None, decided: bool = False,
) -> list[Candidate]:  # fmt: skip
    """The extracted statements waiting for a decision (``decided``: those decided too), filtered, by document, type
    and confidence (``supplygraph review``). ``document`` is a document's id or its file."""
    if document is not None and Path(document).is_file():
        document = str(Path(document).resolve())
    return select_candidates(store.candidates(), ids=ids, document=document, type_=type_,
                             min_confidence=min_confidence, decided=decided)  # fmt: skip


def review_decide(
    store: Store, decision: str, *, ids: Sequence[str] = (), document: str | None = None, type_: str | None = None,
    min_confidence: float | None = None, everything: bool = False,
) -> tuple[list[Candidate], int]:  # fmt: skip
    """Accept or reject the statements picked by ``ids`` and the filters (``everything``: all pending ones); returns
    them and how many decisions changed. Naming none at all is refused: a bulk decision is asked for explicitly."""
    if decision not in ("accepted", "rejected"):
        raise ValueError(f"unknown decision {decision!r}")
    if not (ids or document or type_ or min_confidence is not None or everything):
        raise SupplygraphError("say which facts: their ids, --document, --type, --min-confidence or --all")
    picked = review_candidates(store, ids=ids, document=document, type_=type_, min_confidence=min_confidence, decided=bool(ids))
    missing = sorted(set(ids) - {c.id for c in picked})
    if missing:
        raise NotFound(f"no extracted fact with id {missing[0]!r} in the store (see 'supplygraph review')")
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    changed = store.decide([Decision(c.type, c.source, c.target, c.evidence, decision, now) for c in picked])
    return picked, changed


def export_decisions(store: Store, path: str | Path) -> int:
    """Write every decision the store keeps to a ``*.decisions.yaml`` file (``supplygraph review export``)."""
    from supplygraph.loaders.decisions import write_decisions

    return write_decisions(Path(path), [d.as_dict() for d in store.decisions()])


def import_decisions(store: Store, path: str | Path) -> int:
    """Record the decisions of a file in the store; returns how many changed (``supplygraph review import``)."""
    from supplygraph.loaders.decisions import read_decisions

    return store.decide([Decision(**d) for d in read_decisions(Path(path))])

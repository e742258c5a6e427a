"""The review gate: decisions on extracted facts, shared by every store.

A fact extracted from a document's text is stored unreviewed, with its
confidence, evidence sentence and document. A person accepts or rejects it
(``supplygraph review``). A decision is keyed on the fact itself (type, both
ends, the evidence sentence), not on the document: an edited document keeps
the decisions on what it still says, and a rejected fact never comes back
when its document is loaded again. An edge is reviewed when any claim behind
it is (curated, or extracted and accepted).

These pure functions turn a store's raw claims and its decisions into the
claims a merge sees, and list the candidates waiting for a decision.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from .base import Candidate, decision_key
from .claims import EdgeClaim


def reviewed_claims(claims: Iterable[EdgeClaim], verdicts: Mapping[str, str]) -> list[EdgeClaim]:
    """The claims as the decisions leave them: an extracted claim loses its rejected evidence sentences and is gone
    when none is left; it counts as accepted when any sentence left is accepted. Curated claims pass unchanged."""
    out = []
    for claim in claims:
        if claim.curated or not verdicts:
            out.append(claim)
            continue
        said = {s: verdicts.get(decision_key(claim.type, claim.source, claim.target, s)) for s in claim.evidence or [""]}
        kept = [s for s, verdict in said.items() if verdict != "rejected"]
        if not kept:
            continue
        accepted = any(said[s] == "accepted" for s in kept)
        evidence = kept if claim.evidence else []
        out.append(dataclasses.replace(claim, evidence=evidence, accepted=accepted))
    return out


def candidates_of(claim: EdgeClaim, verdicts: Mapping[str, str]) -> list[Candidate]:
    """The statements of one extracted claim, one per evidence sentence, with their decision if any."""
    if claim.curated:
        return []
    document = claim.sources[0] if claim.sources else ""
    return [
        Candidate(key, claim.type, claim.source, claim.target, sentence, claim.confidence, document, claim.origin, verdicts.get(key))
        for sentence in (claim.evidence or [""])
        for key in [decision_key(claim.type, claim.source, claim.target, sentence)]
    ]  # fmt: skip


def select_candidates(
    candidates: Iterable[Candidate], *, ids: Sequence[str] = (), document: str | None = None, type_: str | None = None,
    min_confidence: float | None = None, decided: bool = False,
) -> list[Candidate]:  # fmt: skip
    """Candidates matching every filter given (pending only unless ``decided``), by document, type, confidence."""
    wanted = set(ids)
    out = [
        c for c in candidates
        if (decided or c.decision is None)
        and (not wanted or c.id in wanted)
        and (document is None or document in (c.document, c.origin))
        and (type_ is None or c.type == type_)
        and (min_confidence is None or c.confidence >= min_confidence)
    ]  # fmt: skip
    unique = {c.id: c for c in out}
    return sorted(unique.values(), key=lambda c: (c.document, c.type, -c.confidence, c.source, c.target, c.id))

"""Dated lifecycles: what state a facility or a policy is in, and since when, as sources give it.

A lifecycle is a list of :class:`State` records, each a state word with the
date it began (``since``), the date it ends where a source gives one
(``until``: a suspension's end), whether it is only expected (a plant's
planned start), and the document that says so. :func:`state_at` evaluates a
lifecycle at an as-of date by everything the graph knows now.

A state is written as a map in YAML or as one line of text, which is also
how it is stored and pushed to Neo4j (a property cannot hold maps there)::

    operating since 2025-09
    suspended since 2025-11-07 until 2026-11-10 per doc:pillsbury-2025-suspension
    operating since 2028 expected per doc:rjema-mp-dod-2025
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

from .plain import day
from .values import IsoDate

FACILITY_STATES = ("announced", "construction", "commissioning", "operating", "idle", "closed", "cancelled")
"""A facility's states, in the order a plant usually passes through them (``cancelled``: a plan abandoned before it was
built). Only ``operating`` supplies anything."""

POLICY_STATES = ("proposed", "announced", "in_force", "suspended", "amended", "revoked", "expired")
"""A policy's states. Only ``in_force`` (and ``amended``, in force as amended) restricts anything."""

STATES = frozenset(FACILITY_STATES + POLICY_STATES)

_ENDS_AS = {"in_force": "expired", "amended": "expired", "operating": "closed"}
"""What an entity is in once a state with an end date is over (other states give way to the state before them)."""

_TEXT = re.compile(
    r"^(?P<state>[a-z_]+)"
    r"(?:\s+since\s+(?P<since>\S+))?"
    r"(?:\s+until\s+(?P<until>\S+))?"
    r"(?P<expected>\s+expected)?"
    r"(?:\s+per\s+(?P<source>doc:\S+))?\s*$"
)


class State(BaseModel):
    """One dated state of an entity's lifecycle."""

    # defer_build: each validator is built when first used, not at import (start-up of commands that use few)
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True)

    state: str
    """The state word: announced, construction, commissioning, operating, idle, closed, cancelled (facilities);
    proposed, announced, in_force, suspended, amended, revoked, expired (policies)."""
    since: IsoDate | None = None
    """Date (or year) the state began or, if expected, is expected to begin."""
    until: IsoDate | None = None
    """Date the state ends, where a source gives one (a suspension until a date)."""
    expected: bool = False
    """The source expects the state; it has not been reported as reached."""
    source: str | None = None
    """Id of the document that gives the state and its date."""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        match = _TEXT.match(value.strip())
        if not match:
            raise ValueError(
                f"not a lifecycle state: {value!r} (expected e.g. 'operating since 2025-09', "
                "'suspended since 2025-11-07 until 2026-11-10 per doc:x', 'operating since 2028 expected')"
            )
        parts = match.groupdict()
        return {k: v for k, v in {**parts, "expected": bool(parts["expected"])}.items() if v not in (None, False)}

    @model_validator(mode="after")
    def _check(self) -> "State":
        if self.state not in STATES:
            raise ValueError(f"unknown lifecycle state {self.state!r} (known: {', '.join(sorted(STATES))})")
        if self.since and self.until and day(self.until) < day(self.since):
            raise ValueError(f"state {self.state!r} ends ({self.until}) before it begins ({self.since})")
        if self.source is not None and not re.match(r"^doc:[A-Za-z0-9][A-Za-z0-9._-]*$", self.source):
            raise ValueError(f"state source {self.source!r} is not a document id ('doc:...')")
        return self

    @model_serializer
    def _as_text(self) -> str:
        return self.text()

    def text(self) -> str:
        """The one-line form: ``suspended since 2025-11-07 until 2026-11-10 per doc:x``."""
        words = [self.state]
        if self.since:
            words += ["since", self.since]
        if self.until:
            words += ["until", self.until]
        if self.expected:
            words.append("expected")
        if self.source:
            words += ["per", self.source]
        return " ".join(words)


@dataclass(frozen=True)
class StateAt:
    """A lifecycle evaluated at a date (see :func:`state_at`)."""

    state: str | None
    """The state in effect, or None when no state had begun by then."""
    since: str | None
    """When it began, where known."""
    lapsed: State | None = None
    """A state whose ``until`` has passed (a suspension that ended): ``state`` is then the one before it,
    in effect again because no later source says otherwise."""
    next: State | None = None
    """The next state expected or dated after the as-of date (a plant's expected start)."""
    source: str | None = None
    """The document behind ``state``."""


def started_by(state: State, as_of: str) -> bool:
    """Whether ``state`` had begun by ``as_of``: dated on or before it, or undated and not merely expected."""
    if state.since is None:
        return not state.expected
    return day(state.since) <= day(as_of)


def state_at(states: tuple[State, ...] | list[State], as_of: str) -> StateAt:
    """The state a lifecycle is in at ``as_of`` (an ISO date), by everything the lifecycle says now.

    Rules, in order:

    * states that began on or before ``as_of`` are candidates (undated ones
      count as the earliest, in the order given); an expected state that
      began by its date counts as reached only if nothing later says
      otherwise: a source that expected a start is taken at its word once
      the date has passed, and the report should say so;
    * the latest candidate is in effect, unless its ``until`` has passed:
      then it has *lapsed*. A lapsed suspension puts the policy in force
      from its end date (even one suspended before it took effect), unless
      a later source says otherwise; a policy in force until a date has
      expired after it, and a plant operating until a date has closed;
      any other lapsed state gives way to the state before it;
    * the first state dated after ``as_of`` is ``next`` (the pipeline).

    Examples
    --------
    >>> plant = [State(state="announced", since="2024-05"), State(state="operating", since="2028", expected=True)]
    >>> state_at(plant, "2026-12-06").state, state_at(plant, "2026-12-06").next.since
    ('announced', '2028')
    >>> state_at(plant, "2028-06-30").state
    'operating'
    >>> rule = [State(state="in_force", since="2025-10-09"),
    ...         State(state="suspended", since="2025-11-07", until="2026-11-10")]
    >>> at = state_at(rule, "2026-12-06")
    >>> at.state, at.lapsed.state
    ('in_force', 'suspended')
    >>> state_at(rule, "2026-01-01").state
    'suspended'
    >>> ended = state_at([State(state="in_force", since="2025-02", until="2025-10")], "2026-12-06")
    >>> ended.state, ended.since, ended.lapsed.state
    ('expired', '2025-10', 'in_force')
    >>> held_back = [State(state="announced", since="2025-10-09"),
    ...              State(state="suspended", since="2025-11-07", until="2026-11-10")]
    >>> state_at(held_back, "2026-12-06").state, state_at(held_back, "2026-12-06").since
    ('in_force', '2026-11-10')
    """
    ordered = sorted(enumerate(states), key=lambda item: (item[1].since is not None, day(item[1].since or "0001"), item[0]))
    begun = [s for _, s in ordered if started_by(s, as_of)]
    upcoming = [s for _, s in ordered if not started_by(s, as_of)]
    nxt = upcoming[0] if upcoming else None
    if not begun:
        return StateAt(None, None, next=nxt)
    current = begun[-1]
    if current.until and day(current.until) <= day(as_of):
        before = begun[-2] if len(begun) > 1 else None
        if current.state == "suspended":  # the measure a suspension held back applies again
            return StateAt("in_force", current.until, lapsed=current, next=nxt)
        if current.state in _ENDS_AS:  # a policy in force until a date has expired; a plant operating until one has closed
            return StateAt(_ENDS_AS[current.state], current.until, lapsed=current, next=nxt, source=current.source)
        return StateAt(before.state if before else None, before.since if before else None, lapsed=current, next=nxt,
                       source=before.source if before else None)  # fmt: skip
    return StateAt(current.state, current.since, next=nxt, source=current.source)


__all__ = ["FACILITY_STATES", "POLICY_STATES", "STATES", "State", "StateAt", "day", "started_by", "state_at"]

"""What holds on the as-of date: producers' lifecycles, policies' states, and how fresh the sources are.

Every analysis evaluates the knowledge graph at one date, ``as_of`` (default
today), by everything the graph knows now (:func:`supplygraph.schema.lifecycle.state_at`):

* a producer supplies only while it *operates*; a facility that is
  announced, under construction or commissioning on that date is pipeline,
  reported apart with its expected start;
* a policy restricts only while it is in force; a suspension whose end date
  has passed reads as ended, in force again, unconfirmed since then;
* a figure or a policy whose newest source is older than ``as_of`` by more
  than ``stale_after`` months is "not confirmed since" that source's date.

Where the data is silent the rules below assume, and :class:`Assumptions`
collects what was assumed so the report can list it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supplygraph.errors import NotFound
from supplygraph.schema.plain import day

if TYPE_CHECKING:  # the lifecycle model (pydantic): imported where a node has a lifecycle to read
    from supplygraph.schema.lifecycle import State

DEFAULT_STALE_MONTHS = 12
"""A source older than this many months before the as-of date no longer confirms a figure or a policy."""

IN_FORCE = frozenset({"in_force", "amended"})
"""Policy states that restrict anything."""

PIPELINE_STATES = frozenset({"announced", "construction", "commissioning"})
"""Facility states that may supply later: reported as pipeline."""

_STATUS_AS_STATE = {"planned": "announced", "operating": "operating", "construction": "construction",
                    "commissioning": "commissioning", "closed": "closed", "idle": "idle", "cancelled": "cancelled"}  # fmt: skip


def as_of_date(value: str | datetime.date | None = None) -> str:
    """The as-of date as an ISO string: ``value`` checked, or today.

    >>> as_of_date("2026-12-06")
    '2026-12-06'
    """
    if value is None:
        return datetime.date.today().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise NotFound(f"--as-of {value!r} is not a date (expected YYYY-MM-DD)") from None


def months_before(as_of: str, months: int) -> str:
    """The date ``months`` months before ``as_of`` (day clipped to 28)."""
    y, m, d = (int(x) for x in as_of.split("-"))
    total = y * 12 + (m - 1) - months
    return f"{total // 12:04d}-{total % 12 + 1:02d}-{min(d, 28):02d}"


def lifecycle(data: dict[str, Any]) -> tuple[State, ...]:
    """The dated states stored on a node (one-line texts or maps)."""
    stored = data.get("lifecycle")
    if not stored:
        return ()
    from supplygraph.schema.lifecycle import State

    return tuple(s if isinstance(s, State) else State.model_validate(s) for s in stored)


class Assumptions:
    """What the analysis assumed where the data is silent, counted per kind for the report's "assumptions"."""

    TEXTS = {
        "status_word": "a status word without a date ({example}) is taken to hold on the as-of date, whatever the date "
                       "(the data gives none to bound it): {n} facilities",
        "no_lifecycle": "a facility with no lifecycle or status is taken as operating: {n} facilities",
        "organisations": "organisations, countries and places have no lifecycle and are taken as producing: {n} producers",
        "expected_reached": "an expected start whose date has passed is taken as reached: {n} facilities ({example})",
        "expected_operating": "of these, taken as operating and so counted as supply, though no source in the data says "
                              "they began: {n} facilities ({example})",
        "policy_undated": "a policy with no dated states is taken as in force from its effective or announced date, "
                          "or as its status word says: {n} policies ({example})",
        "suspension_lapsed": "a suspension whose stated end has passed is taken to have ended then, the measure in force "
                             "again (no source in the data says it was extended or lifted): {n} policies ({example})",
        "equal_split": "where no source gives shares, volumes or capacities, the known producers share equally: {n} materials",
        "capacity": "producers are weighed by stated capacity where no share or output is given; one without a capacity "
                    "counts as the average of the others: {n} materials",
        "figure_after_as_of": "a figure dated or published after the as-of year is used where the data holds no "
                              "earlier one for the material, the nearest year first (or --edition/--year asked for it): "
                              "{n} materials ({example})",
        "capacity_bases": "capacities that count different things (feed and product, or a figure whose basis is not "
                          "stated) are not added: those producers share equally instead: {n} materials ({example})",
        "minority_subsidiary": "a SUBSIDIARY_OF fact with a stake under 50 % and no stated control is read as a stake, "
                               "not control: {n} facts ({example})",
        "operator_and_plant": "an organisation listed beside a plant it operates is not counted twice in an equal split: "
                              "{n} materials",
        "element_production": "production facts that name an element, not a form ('mines cobalt'), stay in the graph "
                              "but out of the supply flow, which runs between materials: {n} ({example})",
        "category_producers": "a producer listed only for a category is a possible producer of a member with none of its "
                              "own, not an equal one: it takes no share of the member, whose shares are its countries' "
                              "figure (its own or its category's): {n} materials ({example})",
        "end_use_inputs": "a scenario takes an end use to need each material it uses, the scarcest deciding (of a "
                          "category's members, any one serves); a dominator or minimum cut asks what cuts every supply "
                          "path, so it reads them all as alternatives, and losing one can stop supply where the cut "
                          "lists it beside others: {n} end uses ({example})",
        "category_alternatives": "where a source names a category as used, any one of its members is taken to serve "
                                 "(a cut takes them all, a scenario averages their losses): {n} uses ({example})",
        "inherited": "a member of a category with no producers or figures of its own inherits the category's (its most specific category "
                     "with figures, whatever the date of a broader one's): {n} materials ({example})",
    }  # fmt: skip

    NAMED = {"expected_operating": 3}
    """Kinds whose row names its cases (up to this many, then "and N more"), not one example: a plant counted as
    supply on a passed expected date is what an analyst checks first."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.ranks: dict[str, float] = {}
        self.named: dict[str, list[str]] = {}

    def note(self, kind: str, example: str | None = None, rank: float = 0.0) -> None:
        """Count a case; its ``example`` is the row's if it is the first, or ranks above the one kept (the case that
        shows the assumption best: the member with the most producers taken over from its category)."""
        self.counts[kind] += 1
        if example and kind in self.NAMED:
            self.named.setdefault(kind, []).append(example)
        elif example and (kind not in self.examples or rank > self.ranks.get(kind, 0.0)):
            self.examples[kind], self.ranks[kind] = example, rank

    def _example(self, kind: str) -> str:
        """The example a row names, or for a kind in ``NAMED`` its first cases and 'and N more'."""
        if kind not in self.named:
            return self.examples.get(kind, "")
        limit, more = self.NAMED[kind], self.counts[kind] - self.NAMED[kind]
        return "; ".join(self.named[kind][:limit]) + (f"; and {more} more" if more > 0 else "")

    def rows(self) -> list[dict[str, Any]]:
        """One row per kind assumed: ``kind``, ``count``, ``text``."""
        singular = {"1 facilities": "1 facility", "1 policies": "1 policy", "1 materials": "1 material", "1 producers": "1 producer",
                    "1 end uses": "1 end use", "1 uses": "1 use"}
        rows = []
        for kind, n in self.counts.items():
            text = self.TEXTS[kind].format(n=n, example=self._example(kind)).replace(" ()", "")
            for plural, one in singular.items():
                text = text.replace(": " + plural, ": " + one)
            rows.append({"kind": kind, "count": n, "text": text})
        return rows


@dataclass(frozen=True)
class Activity:
    """A producer on the as-of date."""

    operating: bool
    state: str | None
    since: str | None = None
    expected: str | None = None
    """When it is expected to start operating (pipeline), where a source says."""
    expected_state: str | None = None
    """The state ``expected`` starts: ``operating``, or ``commissioning`` where the sources date only that (Iluka
    dates Eneabba's commissioning, 2027, not its operation): the report says which."""


def producer_activity(node: str, data: dict[str, Any], as_of: str, assumed: Assumptions | None = None) -> Activity:
    """Whether a producer supplies on ``as_of``: only operating capacity does.

    Examples
    --------
    >>> producer_activity("facility:x", {"label": "Facility", "lifecycle": ["announced since 2024", "operating since 2028 expected"]}, "2026-12-06")
    Activity(operating=False, state='announced', since='2024', expected='2028', expected_state='operating')
    >>> producer_activity("facility:x", {"label": "Facility", "lifecycle": ["announced since 2024", "operating since 2028 expected"]}, "2028-06-30").operating
    True
    """
    assumed = assumed if assumed is not None else Assumptions()
    if data.get("label") != "Facility":
        assumed.note("organisations")
        return Activity(True, "operating")
    from supplygraph.schema.lifecycle import State, state_at

    states = lifecycle(data)
    if not states:
        word = _STATUS_AS_STATE.get(str(data.get("status") or ""), None)
        opened = data.get("opened")
        if word is None and opened is None:
            assumed.note("no_lifecycle")
            return Activity(True, "operating")
        if opened is not None:
            states = (State(state="operating", since=str(opened), expected=day(str(opened)) > as_of),)
        else:
            assumed.note("status_word", f"{data.get('status')!r}")
            states = (State(state=word),)
    at = state_at(states, as_of)
    reached = [s for s in states if s.expected and s.since and day(s.since) <= as_of and s.state == at.state]
    if reached:
        first = reached[0]
        per = f", {first.source}" if first.source else ""
        assumed.note("expected_reached", f"{data.get('name') or node}: {first.state} expected from {first.since}{per}, "
                                         "taken as begun")
        if at.state == "operating":
            assumed.note("expected_operating", f"{data.get('name') or node}: expected from {first.since}{per}")
    ahead = at.next if at.next is not None and at.next.state in ("operating", "commissioning") else None
    return Activity(at.state == "operating", at.state, at.since, ahead.since if ahead else None, ahead.state if ahead else None)


@dataclass(frozen=True)
class PolicyAt:
    """A policy on the as-of date."""

    state: str | None
    since: str | None
    in_force: bool
    ended: str | None = None
    """The date a suspension (or another bounded state) ended, when it lapsed before ``as_of``."""
    ended_state: str | None = None
    """The state that ended then: ``suspended`` (the measure applies again) or ``in_force`` (the measure ended)."""
    next_state: str | None = None
    next_since: str | None = None


def policy_states(data: dict[str, Any], assumed: Assumptions | None = None, name: str = "") -> tuple[State, ...]:
    """A policy's lifecycle, or one built from its older fields (status word, effective date, suspended_until)."""
    from supplygraph.schema.lifecycle import State

    states = lifecycle(data)
    if states:
        return states
    effective = data.get("effective") or data.get("announced")
    status = data.get("status")
    if assumed is not None and (effective or status):
        assumed.note("policy_undated", name)
    built = []
    if effective:
        built.append(State(state="in_force", since=str(effective)))
    if status == "suspended":
        built.append(State(state="suspended", until=data.get("suspended_until")))
    elif status and status != "in_force" and status in ("expired", "proposed"):
        built.append(State(state=status))
    elif status == "in_force" and not effective:
        built.append(State(state="in_force"))
    return tuple(built)


def policy_at(states: tuple[State, ...], as_of: str) -> PolicyAt:
    """A policy's state on ``as_of``.

    >>> from supplygraph.schema.lifecycle import State
    >>> rule = (State(state="in_force", since="2025-10-09"), State(state="suspended", since="2025-11-07", until="2026-11-10"))
    >>> policy_at(rule, "2026-12-06")
    PolicyAt(state='in_force', since='2026-11-10', in_force=True, ended='2026-11-10', ended_state='suspended', next_state=None, next_since=None)
    """
    if not states:
        return PolicyAt(None, None, False)
    from supplygraph.schema.lifecycle import state_at

    at = state_at(states, as_of)
    return PolicyAt(
        at.state, at.since, at.state in IN_FORCE,
        ended=at.lapsed.until if at.lapsed is not None else None,
        ended_state=at.lapsed.state if at.lapsed is not None else None,
        next_state=at.next.state if at.next is not None else None,
        next_since=at.next.since if at.next is not None else None,
    )  # fmt: skip


def newest_source(G, sources: list[str] | tuple[str, ...]) -> str | None:
    """The publication date of the newest document among ``sources`` (None when none is dated)."""
    dates = [day(str(G.nodes[s].get("published"))) for s in sources if s in G and G.nodes[s].get("published")]
    return max(dates) if dates else None


def unconfirmed_since(newest: str | None, as_of: str, stale_after: int) -> str | None:
    """``newest`` when it is older than ``stale_after`` months before ``as_of`` (the figure is not confirmed since)."""
    if newest is None or newest > as_of:
        return None
    return newest if newest < months_before(as_of, stale_after) else None

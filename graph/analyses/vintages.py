"""Editions and years of production figures: which vintage a material's figures come from, and the producers' weights.

The same producer -> material pair often has several ``PRODUCES`` facts: one
per source edition and data year (USGS MCS 2025 and MCS 2026 both report
2024, and disagree). Mixing them would double-count, so for every material
and every basis (``countries``, ``organisations``) the projection
(:func:`.flow.supply_flow`) takes its figures from one vintage, an
(edition, year) pair with figures, chosen here (:func:`choose_vintage`,
:func:`weigh_producers`); see :mod:`.flow` for the rules in words.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .timeline import day

STATED = "stated shares"
VOLUME = "share of listed volume"
CAPACITY = "share of listed capacity"
EQUAL = "equal split (no figures)"
WEIGHT_QUALITY = {STATED: 2, VOLUME: 1, CAPACITY: 1, EQUAL: 0}
"""How good a basis's weights are: stated shares of world output beat shares of a listed volume or capacity, which beat nothing."""


def figure_year(attrs: dict[str, Any]) -> int | None:
    """The data year of a figure: its ``year``, else the year of its ``as_of`` date."""
    if attrs.get("year") is not None:
        return int(attrs["year"])
    as_of = str(attrs.get("as_of") or "")
    return int(as_of[:4]) if as_of[:4].isdigit() else None


def vintage_words(edition: str | None, year: int | None) -> str:
    """A figure's vintage as the report prints it, "edition, year", of the two parts there are ('' for neither)."""
    return ", ".join(str(v) for v in (edition, year) if v is not None)


FIGURE_FOR = "the figure for"
"""How the text names a member's share that is its category's figure ('the figure for Separated rare-earth oxides'):
a broad category's share read as a narrow member's is the first thing an analyst questions. The report, the reasons
and the country parts all say it so (:func:`figure_for`), and the country parts' note finds it by these words."""


def figure_for(category: str) -> str:
    """'the figure for Separated rare-earth oxides', of a category's name."""
    return f"{FIGURE_FOR} {category}"


def category_name(F: Any, category: str) -> str:
    """The name of ``category`` in a flow graph's categories (``F.graph["categories"]``), or its id where it has none:
    whose figure a member took over, as the reasons and the country parts name it."""
    return F.graph.get("categories", {}).get(category, {}).get("name", category)


@functools.lru_cache(maxsize=4096)
def _edition_year(edition: str | None) -> int | None:
    """The year in an edition's name (its last four-digit number), if any."""
    numbers = re.findall(r"\d{4}", edition or "")
    return int(numbers[-1]) if numbers else None


def after_as_of(vintage: dict, as_of: str) -> bool:
    """Whether a chosen vintage is dated or published after the as-of year (its ``year``, or its edition's year): a
    figure nobody knew on that date, used because the data holds no earlier one (or ``--edition``/``--year`` asked
    for it). Years only, so that the check costs nothing per producer."""
    return _after_year(vintage.get("year"), as_of) or _after_year(_edition_year(vintage.get("edition")), as_of)


def _after_year(year: int | None, as_of: str) -> bool:
    """Whether a figure's year (its data year, or its edition's) is after the as-of date's year."""
    return isinstance(year, int) and year > int(as_of[:4])


def vintage_key(edition: str | None, year: int | None, producers: int = 0, as_of: str = "") -> tuple:
    """Sort key that makes the preferred vintage the largest.

    Newest data year first; within a year the vintage listing more producers
    (a full table beats a single headline share), then the newest edition
    (the last four-digit number in its name), then the latest ``as_of``.
    """
    number = _edition_year(edition)
    return (year if year is not None else -1, producers, number if number is not None else -1, as_of or "", edition or "")


def choose_vintage(
    vintages: Iterable[tuple], edition: str | None = None, year: int | None = None, *, this_year: int | None = None
) -> tuple[str | None, int | None]:
    """Pick one (edition, year) among those present: the one asked for, else the newest that is not a projection.

    ``vintages`` holds (edition, year) pairs, optionally followed by the
    number of producers listed and the latest ``as_of``. ``edition`` and
    ``year`` filter independently. Years after ``this_year`` (default: the
    current year) are projections and are chosen only when asked for or
    when there is nothing else, and then the nearest year: a report of 2020
    takes a 2023 figure before a 2030 projection. When nothing matches the
    filters the default choice is made (the report names what it used).

    Examples
    --------
    >>> choose_vintage([("MCS 2025", 2024), ("MCS 2026", 2024), ("MCS 2026", 2025), ("IEA", 2030)], this_year=2026)
    ('MCS 2026', 2025)
    >>> choose_vintage([("MCS 2025", 2024), ("MCS 2026", 2025)], edition="MCS 2025")
    ('MCS 2025', 2024)
    >>> choose_vintage([("IEA", 2025, 1), ("MCS 2026", 2025, 12)])
    ('MCS 2026', 2025)
    >>> choose_vintage([("IEA GCMO 2024", 2023), ("IEA GCMO 2024", 2030), ("MCS 2025", 2024)], this_year=2020)
    ('IEA GCMO 2024', 2023)
    """
    present = sorted(set(vintages), key=lambda v: vintage_key(*v))
    if edition is not None or year is not None:
        wanted = [v for v in present if (edition is None or v[0] == edition) and (year is None or v[1] == year)]
        if wanted:
            return wanted[-1][:2]
    limit = this_year if this_year is not None else datetime.date.today().year
    current = [v for v in present if v[1] is None or v[1] <= limit]
    if current:
        return current[-1][:2]
    nearest = present[0][1]  # every figure is after ``this_year``: the nearest to it, not the farthest projection
    return [v for v in present if v[1] == nearest][-1][:2]


def measure_of(rows: list[dict[str, Any]]) -> str | None:
    """How a vintage's producer rows can be weighted: stated shares, shares of listed volume, or not at all (None).

    A share of listed volume needs two producers at least: one producer's
    volume alone says nothing about its share.
    """
    if rows and all(r.get("share") is not None for r in rows):
        return STATED
    if len(rows) >= 2 and all(r.get("volume_t") is not None for r in rows) and sum(r["volume_t"] for r in rows) > 0:
        return VOLUME
    return None


def has_figures(rows: list[tuple[str, dict]], edition, year, as_of: str) -> bool:
    """Whether producer rows carry shares or volumes a vintage can weigh them by."""
    return weigh_producers(list((p, dict(a)) for p, a in rows), edition, year, as_of)[0]["weights"] not in (EQUAL, CAPACITY)


def world_totals(produced: dict[tuple[str, str], list[tuple[str, dict]]]) -> dict[str, dict[int, float]]:
    """World output per material and data year, from country rows that give both a volume and a share (volume / share).

    It tells what part of the world a list of organisations covers (a quota list is about a third of world
    mine output). Per year, the newest edition that allows the division wins.
    """
    found: dict[str, dict[int, tuple[tuple, float]]] = defaultdict(dict)
    for (material, basis), rows in produced.items():
        if basis != "countries":
            continue
        for _, attrs in rows:
            share, volume = attrs.get("share"), attrs.get("volume_t")
            if not share or not volume:
                continue
            year = figure_year(attrs)
            if year is None:
                continue
            key = vintage_key(attrs.get("edition"), year)
            if year not in found[material] or key > found[material][year][0]:
                found[material][year] = (key, volume / share)
    return {m: {y: round(t, -3) for y, (_, t) in years.items()} for m, years in found.items()}


def weigh_producers(
    rows: list[tuple[str, dict]], edition: str | None, year: int | None, as_of: str | None = None, capacity: dict | None = None,
    covered: set[str] = frozenset(), basis: str | None = None,
) -> tuple[dict, list[tuple[str, dict]]]:
    """Choose a vintage for one material and basis, weigh its producers, and keep the others as structure.

    Returns the vintage record (``edition``, ``year``, ``weights``,
    ``listed``) and one edge per producer: the producers of the chosen
    vintage weigh their share (``listed`` True); every other producer keeps
    its newest fact with weight 0 (``listed`` False), since the vintage's
    shares already account for it in the unlisted rest. Figures published
    after ``as_of`` (a later edition, a later ``as_of``) are not chosen unless
    asked for. When no vintage has figures, every producer weighs its share
    of the listed capacity (all of them with a capacity) or an equal share;
    ``covered`` producers (operators of a listed plant) weigh 0 there: their plant carries their output.
    ``basis``, when given, is set on every edge after its weight, as the projection records it (in the same pass
    where the weighing needs no choice: one pass over a million dicts less).
    """
    stated = _one_stated_vintage(rows, basis)
    if stated is not None:
        return stated
    vintage, edges = _weigh(rows, edition, year, as_of or datetime.date.today().isoformat(), capacity, covered)
    if basis is not None:
        for _, attrs in edges:
            attrs["basis"] = basis
    return vintage, edges


def _weigh(rows: list[tuple[str, dict]], edition: str | None, year: int | None, as_of: str, capacity: dict | None,
           covered: set[str]) -> tuple[dict, list[tuple[str, dict]]]:  # fmt: skip
    """:func:`weigh_producers` where a vintage is to be chosen (or there are no figures)."""
    vintages = [(attrs.get("edition"), attrs["year"] if type(attrs.get("year")) is int else figure_year(attrs))
                for _, attrs in rows]  # each row's, computed once (figure_year, with its common case first)
    if vintages and vintages.count(vintages[0]) == len(vintages):  # one vintage (most materials): no grouping
        groups: dict[tuple, dict[str, dict]] = {vintages[0]: dict(rows)}
    else:
        groups = defaultdict(dict)
        for (producer, attrs), vintage in zip(rows, vintages):
            groups[vintage][producer] = attrs
    measures = {v: measure_of(list(g.values())) for v, g in groups.items()}
    measured = {v: g for v, g in groups.items() if measures[v]}
    newest: dict[str, dict] = {}
    if len(groups) == 1:  # one vintage: the first row of each producer (as the comparison below keeps on ties)
        only = next(iter(groups.values()))
        if len(only) == len(rows):  # no producer listed twice: its one row
            newest = dict(only)
        else:
            for producer, attrs in rows:
                newest.setdefault(producer, attrs)
    else:
        keys = {v: vintage_key(*v) for v in groups}
        best_key: dict[str, tuple] = {}
        for (producer, attrs), vintage in zip(rows, vintages):
            if producer not in newest or best_key[producer] < keys[vintage]:
                newest[producer], best_key[producer] = attrs, keys[vintage]
    if len(measured) > 1 and edition is None and year is None:  # (one vintage with figures stays whatever its date)
        known = {v: g for v, g in measured.items() if _published_by(v[0], g, as_of)}
        measured = known or measured
    if not measured:
        counted = {p: a for p, a in newest.items() if p not in covered} or newest
        for producer, attrs in newest.items():
            if producer not in counted:
                attrs.update(weight=0.0, listed=False)
        capacities = {p: a.get("capacity_t") or (capacity or {}).get(p) for p, a in counted.items()}
        how = CAPACITY if len(counted) > 1 and all(capacities.values()) else EQUAL
        # what each capacity counts (the fact's ``capacity_basis``: "heavy rare-earth feed", "REO"; a plant's own
        # capacity_t says nothing): feed and product, or two products, are not added in one row
        bases = {a.get("capacity_basis") if a.get("capacity_t") else None for a in counted.values()} if how == CAPACITY else ()
        if len(bases) > 1:
            how = EQUAL
        for producer, attrs in counted.items():
            attrs.update(weight=capacities[producer] / sum(capacities.values()) if how == CAPACITY else 1.0 / len(counted), listed=True)
        vintage = {"edition": None, "year": None, "weights": how, "listed": len(counted)}
        if len(bases) > 1:
            vintage["capacity_bases"] = sorted(bases, key=lambda b: (b is None, b or ""))
        return vintage, list(newest.items())
    if len(measured) == 1:  # the only vintage with figures is the choice, whatever the filters ask (choose_vintage)
        chosen = next(iter(measured))
    else:
        candidates = [(e, y, len(g), max(str(a.get("as_of") or "") for a in g.values())) for (e, y), g in measured.items()]
        chosen = choose_vintage(candidates, edition, year, this_year=int(as_of[:4]))
    kept = measured[chosen]
    how = measures[chosen]
    if how == STATED:
        for attrs in kept.values():
            attrs["weight"], attrs["listed"] = float(attrs["share"]), True
    else:
        total = sum(a.get("volume_t") or 0 for a in kept.values())
        for attrs in kept.values():
            attrs["weight"], attrs["listed"] = attrs["volume_t"] / total, True
    edges = list(kept.items())
    for producer, attrs in newest.items():
        if producer not in kept:
            attrs.update(weight=0.0, listed=False)
            edges.append((producer, attrs))
    return {"edition": chosen[0], "year": chosen[1], "weights": how, "listed": len(kept)}, edges


def _one_stated_vintage(rows: list[tuple[str, dict]], basis: str | None = None) -> tuple[dict, list[tuple[str, dict]]] | None:
    """:func:`weigh_producers` where its answer needs no choice: one vintage (one edition, one ``year`` stored as an
    int), each producer once, every row with a ``share``; None otherwise.

    Then the rules weigh every row its stated share, listed, whatever the filters and the date ask (the only vintage
    with figures is the choice, and ``covered`` matters only without figures): most of a million producer rows, in
    one plain loop per material instead of grouping them. (Its groups are small: 98,442 of the 1M network's 114,849
    have three rows, where setting up C-level maps cost more than the loop: 1.3 s for all of them.)
    """
    if not rows:
        return None
    first = rows[0][1]
    year, edition = first.get("year"), first.get("edition")
    if type(year) is not int:
        return None
    producers = set()
    for producer, attrs in rows:
        if attrs.get("share") is None or attrs.get("year") != year or attrs.get("edition") != edition or producer in producers:
            return None
        producers.add(producer)
    if basis is None:
        for _, attrs in rows:
            attrs["weight"], attrs["listed"] = float(attrs["share"]), True
    else:
        for _, attrs in rows:
            attrs["weight"], attrs["listed"], attrs["basis"] = float(attrs["share"]), True, basis
    return {"edition": edition, "year": year, "weights": STATED, "listed": len(rows)}, list(rows)


def _published_by(edition: str | None, rows: dict[str, dict], as_of: str) -> bool:
    """Whether a vintage existed on ``as_of``: its edition's year (last four digits of its name) and its figures' ``as_of`` not after it."""
    if _after_year(_edition_year(edition), as_of):
        return False
    return all(day(str(a["as_of"])) <= as_of for a in rows.values() if a.get("as_of"))

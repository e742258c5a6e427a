"""Quota allocations in the report's text: read under their country's share of world output, not beside it.

China's mining quota is allocated to two groups, and the data holds their 2024 first-batch allocations (China
Northern Rare Earth 94,580 t, China Rare Earth Group 40,420 t of 135,000 t). A 'controlled by' line sorted every share
by size, so 'China Northern Rare Earth 70.1% of the listed volume' came before 'China 69.2%' (of world output) and read,
at a glance, as a share of the world (demo16's note, fixed in session 17). The allocations now stand in brackets after
their country's share: 'China 69.2% (its 2024 quota list, MIIT/MNR 2024 first batch: China Northern Rare Earth 70.1%,
China Rare Earth Group 29.9% of the allocations, not of output)'. The JSON keeps its entries and order; each share of
a listed volume carries ``listed_volume`` (:func:`~supplygraph.graph.analyses.dependencies.who_controls`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def world_first(entries: list[dict[str, Any]], role: Callable[[dict[str, Any]], int]) -> tuple[list[dict[str, Any]], dict]:
    """A 'controlled by' list in the text's order, and the quota allocations read under their country (by country id).

    Shares of world output first, largest first; then other shares of a listed volume; then the entries without a
    share by ``role`` (makers, operators, parents and owners), in the report's order among equals.

    >>> china = {"id": "country:CN", "label": "Country", "share": 0.69, "via": "produces"}
    >>> group = {"id": "org:g", "share": 0.7, "via": "produces (share of the listed volume)",
    ...          "listed_volume": {"country": "CN", "quota": True, "year": 2024, "edition": "MIIT"}}
    >>> parent = {"id": "org:p", "share": None, "via": "parent of g"}
    >>> ranked, quotas = world_first([group, parent, china], lambda c: 2)
    >>> [c["id"] for c in ranked], [c["id"] for c in quotas["country:CN"]]
    (['country:CN', 'org:p'], ['org:g'])
    >>> [c["id"] for c in world_first([parent, group], lambda c: 2)[0]]  # no share of China's own: the list stays apart
    ['org:g', 'org:p']
    """
    quotas = quota_shares(entries)
    nested = {id(c) for held in quotas.values() for c in held}
    def tier(c: dict[str, Any]) -> int:
        return 2 if c.get("share") is None else int("listed volume" in c["via"])

    ranked = sorted((c for c in entries if id(c) not in nested), key=lambda c: (tier(c), -(c.get("share") or 0.0), role(c)))
    return ranked, quotas


def quota_shares(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Country id -> the quota allocations in that country among ``entries`` (a 'controlled by' list), where the list
    also gives the country's own share: those are read under it.

    >>> china = {"id": "country:CN", "label": "Country", "share": 0.69, "via": "produces"}
    >>> group = {"id": "org:g", "share": 0.7, "via": "produces (share of the listed volume)",
    ...          "listed_volume": {"country": "CN", "quota": True, "year": 2024, "edition": "MIIT"}}
    >>> [c["id"] for c in quota_shares([group, china])["country:CN"]]
    ['org:g']
    >>> quota_shares([group])
    {}
    """
    countries = {c.get("id") for c in entries if c.get("share") is not None and c.get("label") == "Country"}
    held: dict[str, list[dict[str, Any]]] = {}
    for c in entries:
        listed = c.get("listed_volume") or {}
        if c.get("share") is not None and listed.get("quota") and f"country:{listed.get('country')}" in countries:
            held.setdefault(f"country:{listed['country']}", []).append(c)
    return held


def quota_words(held: list[dict[str, Any]]) -> str:
    """What follows a country's share: its quota allocations, largest first, or '' without any.

    >>> quota_words([{"name": "A", "share": 0.3, "listed_volume": {"year": 2024, "edition": "MIIT/MNR 2024 first batch"}},
    ...              {"name": "B", "share": 0.7, "listed_volume": {"year": 2024, "edition": "MIIT/MNR 2024 first batch"}}])
    ' (its 2024 quota list, MIIT/MNR 2024 first batch: B 70.0%, A 30.0% of the allocations, not of output)'
    """
    if not held:
        return ""
    listed = held[0]["listed_volume"]
    year = f"{listed['year']} " if listed.get("year") else ""
    edition = f", {listed['edition']}" if listed.get("edition") else ""
    shares = ", ".join(f"{c['name']} {100 * c['share']:.1f}%" for c in sorted(held, key=lambda c: -c["share"]))
    return f" (its {year}quota list{edition}: {shares} of the allocations, not of output)"

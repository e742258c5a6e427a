"""Policies on the as-of date, and the materials each one catches: named, as a category's member, or through an element.

A policy restricts the elements and materials it names. A compound, alloy,
mixture or magnet is caught when it contains a named element (No. 18 names
Dy: NdFeB with Dy is caught, through Dy; SmCo through Sm, never through Co),
and ``restrictions`` on the material says which element (or category)
caught it. Expired and revoked policies, and those whose last state ended
(in force until a date now past), catch nothing.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .categories import Categories
from .control import _country_of, _Links
from .timeline import Assumptions, newest_source, policy_at, policy_states, unconfirmed_since


def attach_policies(G: nx.MultiDiGraph, F: nx.DiGraph, links: _Links, cats: Categories, assumed: Assumptions, as_of: str,
                     stale_after: int) -> None:  # fmt: skip
    """Record each policy's state on ``as_of`` and, on each material, the policies that catch it and how.

    A policy catches the materials it names; a category it names through the
    category's members (``caught_by`` the category); an element it names
    through every material that contains the element (a compound, alloy,
    mixture or magnet; ``caught_by`` the symbol), mining stage excepted: ores
    and concentrates carry every element and are counted as production.
    """
    by_element: dict[str, list[str]] = defaultdict(list)
    for node, data in F._node.items():  # (the dicts, not NetworkX's views: passes over every node)
        if data["label"] == "Material" and data.get("stage") != "mining":
            for symbol in data["elements"]:
                by_element[symbol].append(node)
    for policy, data in G._node.items():
        if data.get("label") != "Policy":
            continue
        targets, issuers, sources = [], set(), list(data.get("sources") or ())
        if data.get("country"):
            issuers.add(data["country"])
        for _, target, edge in G.out_edges(policy, data=True):
            if edge.get("type") == "RESTRICTS":
                targets.append(target)
                sources += edge.get("sources") or ()
            elif edge.get("type") == "ISSUED_BY":
                country = _country_of(G, target, links)
                if country:
                    issuers.add(country)
        name = data.get("name") or policy
        states = policy_states(data, assumed, name)
        at = policy_at(states, as_of)
        newest = newest_source(G, sources + [s.source for s in states if s.source])
        if at.ended and at.ended_state == "suspended":
            assumed.note("suspension_lapsed", f"{name}: suspended until {at.ended}")
        F.graph["policies"][policy] = {
            "name": name, "targets": targets, "countries": sorted(issuers),
            "measure": data.get("measure"), "lead_time_days": data.get("lead_time_days"),
            "status": at.state, "state": at.state, "since": at.since, "in_force": at.in_force, "ended": at.ended,
            "ended_state": at.ended_state,
            "suspended_until": next((s.until for s in states if s.state == "suspended" and at.state == "suspended"), None),
            "next_state": at.next_state, "next_since": at.next_since, "newest_source": newest,
            "unconfirmed_since": (newest or at.ended) if at.ended else unconfirmed_since(newest, as_of, stale_after),
            "lifecycle": [s.text() for s in states],
            "catches": 0,  # materials of the supply flow it restricts (below): the report lists the widest first
        }  # fmt: skip
        for target in targets:
            if target.startswith("element:"):
                symbol = target.split(":", 1)[1]
                hits = [(m, symbol) for m in by_element.get(symbol, [])]
            elif target in cats.ids:
                hits = [(m, target) for m in sorted(cats.leaves(target))]
            else:
                hits = [(target, None)]
            if at.state in ("expired", "revoked") or (at.state is None and at.ended):
                continue  # no longer restricts anything: listed in F.graph["policies"] only
            for material, caught_by in hits:
                if material in F and policy not in F.nodes[material]["restricted_by"]:
                    F.graph["policies"][policy]["catches"] += 1
                    F.nodes[material]["restricted_by"].append(policy)
                    F.nodes[material]["restrictions"].append({"policy": policy, "caught_by": caught_by})



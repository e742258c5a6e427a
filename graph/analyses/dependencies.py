"""What each end use depends on: single points of failure, concentrated inputs, element by element, and who controls them.

The end-use details of the chokepoint report (:mod:`.chokepoints`): for each
end use, its dominators and minimum cut (computed by the report), the
concentrated materials upstream of it with the organisations behind them,
and the elements it needs with the policies that restrict them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from supplygraph.schema.nodes import STAGES

from .concentration import preferred_concentration
from .flow import EQUAL, VOLUME, WEIGHT_QUALITY

DETAIL_LIMIT = 30
"""End uses described in detail (dependencies and who controls them)."""


def who_controls(F: nx.DiGraph, node: str, *, limit: int = 6) -> list[dict[str, Any]]:
    """The countries and organisations behind a node: its producers by share, and their operators and parents.

    At most ``limit`` producing countries and ``limit`` producing
    organisations (facilities, places), measured shares first.

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_node("org:cnre", label="StateOwnedEnterprise", name="China Northern Rare Earth",
    ...            country="CN", controlled_by=[("org:baogang", "parent of org:cnre")])
    >>> F.add_node("org:baogang", label="StateOwnedEnterprise", name="Baogang Group")
    >>> F.add_node("material:ox", label="Material", name="oxide")
    >>> F.add_edge("org:cnre", "material:ox", type="PRODUCES", weight=0.7)
    >>> [c["id"] for c in who_controls(F, "material:ox")]
    ['org:cnre', 'org:baogang']
    """
    data = F.nodes[node]
    found: list[dict[str, Any]] = []
    seen = set()

    def add(other: str, how: str, share: float | None = None) -> None:
        if other in seen:
            return
        seen.add(other)
        info = F.nodes[other] if other in F else F.graph.get("controllers", {}).get(other, {})
        found.append({"id": other, "name": info.get("name", other), "label": info.get("label"), "share": share, "via": how})

    if data.get("label") == "Material":
        vintages = data.get("vintages", {})

        def measured(edge: dict) -> bool:
            return bool(edge.get("listed")) and vintages.get(edge.get("basis"), {}).get("weights", EQUAL) != EQUAL

        def quality(edge: dict) -> int:
            return WEIGHT_QUALITY[vintages.get(edge.get("basis"), {}).get("weights", EQUAL)] if measured(edge) else -1

        # Stated shares of world output first, then shares of a listed volume, then producers without a figure.
        producers = sorted(
            ((quality(e), e["weight"] if measured(e) else None, p, e) for p, e in F.pred[node].items() if e.get("type") == "PRODUCES"),
            key=lambda x: (-x[0], -(x[1] or 0.0), str(x[2])),
        )
        shown = {"countries": 0, "organisations": 0}
        for rank, weight, producer, edge in producers:
            kind = "countries" if F.nodes[producer].get("label") == "Country" else "organisations"
            if shown[kind] >= limit:
                continue
            shown[kind] += 1
            how = "produces" if rank != WEIGHT_QUALITY[VOLUME] else "produces (share of the listed volume)"
            add(producer, how, round(weight, 4) if weight is not None else None)
            for parent, how in F.nodes[producer].get("controlled_by", ()):
                add(parent, how)
    else:
        for parent, how in data.get("controlled_by", ()):
            add(parent, how)
    return found


def end_use_dependencies(
    F: nx.DiGraph,
    dominators: dict[str, list[str]],
    cuts: dict[str, list[str]],
    conc: list[dict[str, Any]],
    *,
    limit: int = DETAIL_LIMIT,
    inputs: int = 12,
) -> list[dict[str, Any]]:
    """For each end use: its single points of failure, and the concentrated materials upstream with who controls them.

    Concentrated means a measured top-1 producer share above 50 %. Defence
    end uses come first, then by id; at most ``limit`` end uses and, for
    each, the ``inputs`` most concentrated materials.

    Notes
    -----
    One upstream search per end use described: O(limit x (V + E)).
    """
    top_by_material = preferred_concentration(conc)
    end_uses = sorted(dominators, key=lambda t: (F.nodes[t].get("sector") != "defense", t))[:limit]
    organisations: dict[str, list[dict[str, Any]]] = {}
    result = []
    for end_use in end_uses:
        upstream = nx.ancestors(F, end_use)
        rows = sorted(
            (top_by_material[m] for m in upstream if m in top_by_material and top_by_material[m]["top_share"] > 0.5),
            key=lambda r: (-r["top_share"], r["subject"]),
        )
        concentrated = []
        for row in rows[:inputs]:
            material = row["subject"]
            if material not in organisations:
                organisations[material] = [c for c in who_controls(F, material) if c["label"] not in (None, "Country")]
            concentrated.append({
                "id": material, "name": row["name"], "stage": row["stage"], "elements": sorted(F.nodes[material].get("elements", ())),
                "top_id": row["top_id"], "top_name": row["top_name"], "top_share": row["top_share"],
                "edition": row["edition"], "year": row["year"], "organisations": organisations[material], "sources": row["sources"],
            })  # fmt: skip
        result.append(
            {
                "id": end_use,
                "name": F.nodes[end_use].get("name", end_use),
                "sector": F.nodes[end_use].get("sector"),
                "dominators": dominators.get(end_use, []),
                "min_cut": cuts.get(end_use),
                "concentrated_inputs": concentrated,
                "elements": element_dependencies(F, upstream, top_by_material, organisations),
            }
        )
    return result


ELEMENT_SPECIFIC = 3
"""A material carrying at most this many elements is specific to them (Sm oxide, SmCo alloy, Dy metal), unlike ores."""


def element_dependencies(
    F: nx.DiGraph, upstream: set[str], top_by_material: dict[str, dict], cache: dict[str, list] | None = None, *, limit: int = 10
) -> list[dict[str, Any]]:
    """What an end use needs element by element, who controls the chain, and what restricts it.

    For every element carried by an element-specific material upstream
    (at most :data:`ELEMENT_SPECIFIC` elements, not mining stage): those
    materials, the policies restricting them, their measured feed (upstream
    materials with a concentration figure) and the organisations producing
    along that chain, those in the feed's top country first.

    Examples
    --------
    >>> F = nx.DiGraph([("material:reo", "material:sm-oxide"), ("material:sm-oxide", "enduse:x")])
    >>> F.nodes["material:reo"].update(label="Material", name="REO", stage="separation", elements={"Sm", "Nd", "Dy", "La"})
    >>> F.nodes["material:sm-oxide"].update(label="Material", name="Sm oxide", stage="separation", elements={"Sm"}, restricted_by=["policy:p"])
    >>> row = {"subject": "material:reo", "name": "REO", "top_id": "country:CN", "top_name": "China", "top_share": 0.91}
    >>> [(e["element"], e["materials"], e["feed"][0]["top_share"]) for e in element_dependencies(F, {"material:reo", "material:sm-oxide"}, {"material:reo": row})]
    [('Sm', ['material:sm-oxide'], 0.91)]

    Notes
    -----
    One upstream search per element: O(elements x (V + E)) of the upstream.
    """
    cache = {} if cache is None else cache
    by_element: dict[str, list[str]] = defaultdict(list)
    for material in upstream:
        data = F.nodes[material]
        elements = data.get("elements") or ()
        if data.get("label") == "Material" and data.get("stage") != "mining" and 0 < len(elements) <= ELEMENT_SPECIFIC:
            for symbol in elements:
                by_element[symbol].append(material)
    result = []
    for symbol, materials in sorted(by_element.items()):
        chain = set(materials)
        for material in materials:
            chain |= {m for m in nx.ancestors(F, material) if F.nodes[m].get("label") == "Material"}
        feed = sorted((top_by_material[m] for m in chain if m in top_by_material), key=lambda r: (-r["top_share"], r["subject"]))
        top_country = F.nodes[feed[0]["top_id"]].get("country") if feed and feed[0]["top_id"] in F else None
        organisations: dict[str, dict] = {}
        for material in sorted(chain):
            if material not in cache:
                cache[material] = [c for c in who_controls(F, material) if c["label"] not in (None, "Country")]
            for entry in cache[material]:
                organisations.setdefault(entry["id"], entry)

        def country(entry: dict) -> str | None:
            info = F.nodes[entry["id"]] if entry["id"] in F else F.graph.get("controllers", {}).get(entry["id"], {})
            return info.get("country")

        ordered = sorted(organisations.values(), key=lambda e: (country(e) != top_country, e["share"] is None, -(e["share"] or 0), e["id"]))
        known = F.graph.get("policies", {})
        # Policies in force first: a suspended control is context, not a current restriction.
        policies = sorted({p for m in materials for p in F.nodes[m].get("restricted_by", ())},
                          key=lambda p: (known.get(p, {}).get("status") not in (None, "in_force"), p))  # fmt: skip
        result.append({
            "element": symbol,
            "materials": sorted(materials, key=lambda m: (_STAGE_ORDER.get(F.nodes[m].get("stage"), 9), m)),
            "restricted_by": [
                {"id": p, "name": known.get(p, {}).get("name", p), "status": known.get(p, {}).get("status"),
                 "suspended_until": known.get(p, {}).get("suspended_until")}
                for p in policies
            ],  # fmt: skip
            "feed": [{"id": r["subject"], "name": r["name"], "top_id": r["top_id"], "top_name": r["top_name"], "top_share": r["top_share"]} for r in feed[:3]],
            "organisations": [dict(e, country=country(e)) for e in ordered[:limit]],
        })  # fmt: skip
    return result


_STAGE_ORDER = {stage: i for i, stage in enumerate(STAGES)}

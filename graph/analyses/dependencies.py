"""What each end use depends on: single points of failure, concentrated inputs, element by element, and who controls them.

The end-use details of the chokepoint report (:mod:`.chokepoints`): for each
end use, its dominators and minimum cut (computed by the report), the
concentrated materials upstream of it with the organisations behind them,
and the elements it needs with the policies that restrict them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import networkx as nx

from supplygraph.schema.plain import STAGES

from .concentration import preferred_concentration
from .flow import EQUAL, VOLUME, WEIGHT_QUALITY
from .flowgraph import flow_graph
from .integers import in_edges, upstream_of

DETAIL_LIMIT = 30
"""End uses described in detail (dependencies and who controls them)."""


PRODUCERS_LISTED = 6
"""Producing countries and producing organisations :func:`who_controls` lists of each kind (their ``total`` counts all)."""


def is_maker(entry: dict[str, Any]) -> bool:
    """Whether :func:`who_controls` lists ``entry`` as making the node ('produces', 'produces (share of the listed
    volume)'), not as an operator, parent or owner of a maker: the one test the report's 'made by' and ``makers_total``
    both ask. A producer taken over from the node's category is a maker too ('produces', with ``inherited_from``: the
    report reads it 'listed as producing <category>', words no ``via`` holds).

    >>> is_maker({"via": "produces (share of the listed volume)"}), is_maker({"via": "operator of Mountain Pass mine"})
    (True, False)
    """
    return str(entry.get("via", "produces")).startswith("produces")


def who_controls(F: nx.DiGraph, node: str, *, limit: int = PRODUCERS_LISTED, inherited: bool = True) -> list[dict[str, Any]]:
    """The countries and organisations behind a node: its producers by share, their operators and parents, and who owns a stake.

    At most ``limit`` producing countries and ``limit`` producing
    organisations (facilities, places), measured shares first; each entry
    has ``total`` (how many producers of its kind there are, for "and N
    more"). Control (operator, parent) is listed with the producer; a
    minority owner comes after, as ``holds 15 % of ...`` (``stake``):
    ownership, not control. ``inherited=False`` leaves out producers a
    material took over from its category (what a category's producer makes
    is not known to be this material).

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_node("org:cnre", label="StateOwnedEnterprise", name="China Northern Rare Earth",
    ...            country="CN", controlled_by=[("org:baogang", "parent of org:cnre")])
    >>> F.add_node("org:baogang", label="StateOwnedEnterprise", name="Baogang Group")
    >>> F.add_node("material:ox", label="Material", name="oxide")
    >>> F.add_edge("org:cnre", "material:ox", type="PRODUCES", weight=0.7)
    >>> [(c["id"], c["via"]) for c in who_controls(F, "material:ox")]
    [('org:cnre', 'produces'), ('org:baogang', 'parent of China Northern Rare Earth')]
    """
    FG = flow_graph(F)
    data = FG.node(node)
    found: list[dict[str, Any]] = []
    seen = set()
    known = FG.graph.get("controllers", {})

    def name(other: str) -> str:
        return (FG.node(other) if other in FG else known.get(other, {})).get("name", other)

    def add(other: str, how: str, share: float | None = None, **extra: Any) -> None:
        if other in seen:
            return
        seen.add(other)
        info = FG.node(other) if other in FG else known.get(other, {})
        how = re.sub(r"\bof ([a-z]+:\S+?)(?=$| \()", lambda m: "of " + name(m.group(1)), how)
        found.append({"id": other, "name": info.get("name", other), "label": info.get("label"), "share": share, "via": how, **extra})

    def owners(producer: str, stakes: list) -> None:
        for s in stakes:
            held = f"{100 * s['stake']:.0f} %" if s.get("stake") is not None else "a stake"
            add(s["owner"], f"holds {held} of {name(s['owned'])}", stake=s.get("stake"))

    if data.get("label") == "Material":
        vintages = data.get("vintages", {})

        def measured(edge: dict) -> bool:
            return bool(edge.get("listed")) and vintages.get(edge.get("basis"), {}).get("weights", EQUAL) != EQUAL

        def quality(edge: dict) -> int:
            return WEIGHT_QUALITY[vintages.get(edge.get("basis"), {}).get("weights", EQUAL)] if measured(edge) else -1

        def size(producer: str, edge: dict) -> float:
            """A producer without a measured share: its stated capacity (the fact's, else the plant's), 0 without, and 0
            for one the split leaves out (an operator beside its plant: MP Materials' 10,000 t/yr is its plants')."""
            return (edge.get("capacity_t") or FG.node(producer).get("capacity_t") or 0.0) if edge.get("listed") else 0.0

        # Stated shares of world output first, then shares of a listed volume, then producers without a figure: those
        # in a country with a stated share of the material first (China Northern Rare Earth, in the China that holds
        # 91 % of NdPr oxide, before a plant in a country the figure does not list; session 14: by id, Lynas's plant
        # came first and the Chinese group last), then the largest stated capacity (JL Mag's 40,000 t/yr Baotou plant
        # before a 2,000 t/yr one), then id
        feeding = [(FG.nodes[FG.tails[k]], FG.edge_attrs(k)) for k in in_edges(FG, FG.index[node])]  # F.pred[node].items()
        country_share = {p.split(":", 1)[1]: e["weight"] or 0.0 for p, e in feeding
                         if e.get("type") == "PRODUCES" and FG.node(p).get("label") == "Country" and measured(e)}  # fmt: skip

        def where(producer: str) -> float:
            return country_share.get(FG.node(producer).get("country"), 0.0) if FG.node(producer).get("label") != "Country" else 0.0

        producers = sorted(
            ((quality(e), e["weight"] if measured(e) else None, p, e) for p, e in feeding
             if e.get("type") == "PRODUCES" and (inherited or not e.get("inherited"))),
            key=lambda x: (-x[0], -(x[1] or 0.0), -(where(x[2]) if x[1] is None else 0.0),
                           -(size(x[2], x[3]) if x[1] is None else 0.0), str(x[2])),
        )  # fmt: skip
        totals = {"countries": 0, "organisations": 0}
        for _, _, producer, _ in producers:
            totals["countries" if FG.node(producer).get("label") == "Country" else "organisations"] += 1
        shown = {"countries": 0, "organisations": 0}
        later: list[tuple[str, list]] = []
        for rank, weight, producer, edge in producers:
            kind = "countries" if FG.node(producer).get("label") == "Country" else "organisations"
            if shown[kind] >= limit:
                continue
            shown[kind] += 1
            how = "produces" if rank != WEIGHT_QUALITY[VOLUME] else "produces (share of the listed volume)"
            extra = {"total": totals[kind]} | ({"inherited_from": edge["inherited"]} if edge.get("inherited") else {})
            if rank == WEIGHT_QUALITY[VOLUME]:  # what the list is: China's quota allocations are not output (session 17)
                extra["listed_volume"] = _listed_volume(FG.node(producer), edge, vintages.get(edge.get("basis"), {}))
            add(producer, how, round(weight, 4) if weight is not None else None, **extra)
            for parent, how in FG.node(producer).get("controlled_by", ()):
                add(parent, how)
            later.append((producer, FG.node(producer).get("stakes", ())))
        for producer, stakes in later:
            owners(producer, stakes)
    else:
        for parent, how in data.get("controlled_by", ()):
            add(parent, how)
        owners(node, data.get("stakes", ()))
    return found


def _listed_volume(producer: dict[str, Any], edge: dict[str, Any], vintage: dict[str, Any]) -> dict[str, Any]:
    """What a share of a listed volume is a share of: the producer's country, whether the volume is a quota allocation,
    and the list's year and edition. The text reads a quota allocation with its country's share of world output
    ('China 69.2% (its 2024 quota list ...: China Northern Rare Earth 70.1%, ...)'), not beside it as if it were a
    share of the world (session 17: 'China Northern Rare Earth 70.1% of the listed volume; China 69.2%')."""
    return {"country": producer.get("country"), "quota": bool(edge.get("quota")), "year": vintage.get("year"),
            "edition": vintage.get("edition")}  # fmt: skip


def producer_share_words(edge: dict[str, Any], how: str) -> tuple[str, str]:
    """The verb and the words before the material in a producer's ranked reason: a share of world output is produced,
    a share of a listed volume is of that list, and a quota allocation is held, not produced (session 17: China Rare
    Earth Group 'produces 30% of the listed volume of Rare-earth concentrate (mine production)', its part of China's
    2024 first-batch quota).

    >>> producer_share_words({"quota": True}, VOLUME)
    ('holds', 'of the quota allocations listed for ')
    >>> producer_share_words({}, VOLUME), producer_share_words({}, "stated shares")
    (('produces', 'of the listed volume of '), ('produces', 'of '))
    """
    if how != VOLUME:
        return "produces", "of "
    return ("holds", "of the quota allocations listed for ") if edge.get("quota") else ("produces", "of the listed volume of ")


def end_use_dependencies(
    F: nx.DiGraph,
    dominators: dict[str, list[str]],
    cuts: dict[str, list[str]],
    conc: list[dict[str, Any]],
    *,
    limit: int = DETAIL_LIMIT,
    inputs: int = 12,
    preferred: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """For each end use: its single points of failure, and the concentrated materials upstream with who controls them.

    Concentrated means a measured top-1 producer share above 50 %. Defence
    end uses come first, then by id; at most ``limit`` end uses and, for
    each, the ``inputs`` most concentrated materials. ``preferred``:
    :func:`.concentration.preferred_concentration` of ``conc`` when the
    caller has it.

    Notes
    -----
    One upstream search per end use described: O(limit x (V + E)).
    """
    FG = flow_graph(F)
    top_by_material = preferred if preferred is not None else preferred_concentration(conc)
    end_uses = sorted(dominators, key=lambda t: (FG.node(t).get("sector") != "defense", t))[:limit]
    organisations: dict[str, list[dict[str, Any]]] = {}
    result = []
    nodes = FG.nodes
    for end_use in end_uses:
        upstream = set(map(nodes.__getitem__, upstream_of(FG, FG.index[end_use]).tolist()))
        rows = sorted(
            (top_by_material[m] for m in upstream if m in top_by_material and top_by_material[m]["top_share"] > 0.5),
            key=lambda r: (-r["top_share"], r["subject"]),
        )
        concentrated = []
        for row in rows[:inputs]:
            material = row["subject"]
            if material not in organisations:
                organisations[material] = [c for c in who_controls(FG, material) if c["label"] not in (None, "Country")]
            concentrated.append({
                "id": material, "name": row["name"], "stage": row["stage"], "elements": sorted(FG.node(material).get("elements", ())),
                "top_id": row["top_id"], "top_name": row["top_name"], "top_share": row["top_share"],
                "edition": row["edition"], "year": row["year"], "organisations": organisations[material], "sources": row["sources"],
                "inherited_from": row.get("inherited_from"), "no_share_for": row.get("no_share_for"),
            })  # fmt: skip
        result.append(
            {
                "id": end_use,
                "name": FG.node(end_use).get("name", end_use),
                "sector": FG.node(end_use).get("sector"),
                "dominators": dominators.get(end_use, []),
                "min_cut": cuts.get(end_use),
                # the same nodes by name, in the same order (ids are keys for scripts; a reader needs names)
                "dominator_names": [FG.node(n).get("name", n) for n in dominators.get(end_use, [])],
                "min_cut_names": [FG.node(n).get("name", n) for n in cuts[end_use]] if cuts.get(end_use) is not None else None,
                "concentrated_inputs": concentrated,
                "elements": element_dependencies(FG, upstream, top_by_material),
            }
        )
    return result


RARE_EARTH_GROUPS = frozenset({"light", "heavy"})
"""Element groups (``Element.group``) of the rare earths."""

ELEMENT_SPECIFIC = 3
"""A material carrying at most this many elements is specific to them (Sm oxide, SmCo alloy, Dy metal), unlike ores."""


def element_dependencies(
    F: nx.DiGraph, upstream: set[str], top_by_material: dict[str, dict], *, limit: int = 10
) -> list[dict[str, Any]]:
    """What an end use needs element by element, who controls the chain, and what restricts it.

    For every element carried by an element-specific material upstream
    (at most :data:`ELEMENT_SPECIFIC` elements, not mining stage; a material
    with rare earths counts for its rare earths only, so SmCo is samarium's,
    not cobalt's): those materials; the policies that restrict them *because
    of this element* (:func:`_caught_through`); their measured feed (upstream
    materials that carry the element, with a concentration figure); and the
    organisations that make these materials themselves (not the miners of
    the ore they come from, not producers inherited from a category),
    largest share first.

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
    FG = flow_graph(F)
    groups = FG.graph.get("element_groups", {})
    by_element: dict[str, list[str]] = defaultdict(list)
    for material in upstream:
        data = FG.node(material)
        elements = data.get("elements") or ()
        if data.get("label") == "Material" and data.get("stage") != "mining" and 0 < len(elements) <= ELEMENT_SPECIFIC:
            rare = {e for e in elements if groups.get(e) in RARE_EARTH_GROUPS}
            for symbol in rare or elements:  # SmCo is a samarium material here, not a cobalt one
                by_element[symbol].append(material)
    known = FG.graph.get("policies", {})
    result = []
    for symbol, materials in sorted(by_element.items()):
        chain = _carrying_chain(FG, materials, symbol)
        feed = sorted((top_by_material[m] for m in chain if m in top_by_material), key=lambda r: (-r["top_share"], r["subject"]))
        in_order = sorted(materials, key=lambda m: (_STAGE_ORDER.get(FG.node(m).get("stage"), 9), m))
        ordered = _element_makers(FG, in_order)
        caught = _caught_through(FG, materials, symbol)
        # in force first; then the rules that name the element, those that name the material, those that name a category
        policies = sorted(caught, key=lambda p: (not known.get(p, {}).get("in_force", True), _VIA_RANK.get(caught[p]["via"], 2), p))
        result.append({
            "element": symbol,
            "materials": in_order,
            "restricted_by": [
                {"id": p, "name": known.get(p, {}).get("name", p), "caught": sorted(caught[p]["materials"]), "via": caught[p]["via"],
                 "via_name": FG.graph.get("categories", {}).get(caught[p]["via"], {}).get("name")}
                | {k: known.get(p, {}).get(k) for k in ("status", "suspended_until", "in_force", "ended", "ended_state", "unconfirmed_since", "measure", "lead_time_days")}
                for p in policies
            ],  # fmt: skip
            "feed": [{"id": r["subject"], "name": r["name"], "top_id": r["top_id"], "top_name": r["top_name"], "top_share": r["top_share"],
                      "inherited_from": r.get("inherited_from")} for r in feed[:3]],  # fmt: skip
            "organisations": ordered[:limit],
            "organisations_total": len(ordered),
            "makers_total": sum(map(is_maker, ordered)),  # the rest operate, control or own them
            "material_names": [FG.node(m).get("name", m) for m in in_order],  # (the text names them; ids are keys)
            "content": [{"material": m, "name": FG.node(m).get("name", m), **FG.node(m)["content"][symbol]}
                        for m in sorted(upstream) if symbol in (FG.node(m).get("content") or {})],  # fmt: skip
        })  # fmt: skip
    return result


def _element_makers(FG, materials: list[str]) -> list[dict[str, Any]]:
    """Who makes an element's own materials (``materials``, upstream stage first), most important first, with ``country``.

    The makers come first, then those who control them (operators, parents) in their makers' order, so the four names
    the text shows are makers. Makers are ordered by their measured share of a material, then the stage of the most
    upstream material they make (samarium oxide's separators before the SmCo magnet makers), then the share their
    country holds of that material (organisation figures are rare; a separator in China, which holds 99 % of
    dysprosium oxide, before one in Malaysia, which the figure does not list), then stated capacity, then id. Until
    session 14 they came by id: a British metal plant and Lynas's Malaysian one before China Rare Earth Group in the
    dysprosium line. Producers a material took over from its category and minority owners are left out (who mines the
    ore and what a category's plant makes are not known to be this element's).
    """
    known = FG.graph.get("controllers", {})

    def country(entry_id: str) -> str | None:
        return (FG.node(entry_id) if entry_id in FG else known.get(entry_id, {})).get("country")

    best: dict[str, tuple[tuple, dict]] = {}
    for material in materials:
        stage = _STAGE_ORDER.get(FG.node(material).get("stage"), 9)
        shares = {c["id"]: c["share"] or 0.0 for c in who_controls(FG, material) if c["label"] == "Country"}
        feeding = ((FG.nodes[FG.tails[k]], FG.edge_attrs(k)) for k in in_edges(FG, FG.index[material]))
        capacity = {p: e.get("capacity_t") or FG.node(p).get("capacity_t") or 0.0 for p, e in feeding}
        maker: tuple = ()
        for entry in who_controls(FG, material, inherited=False):
            if entry["label"] in (None, "Country") or "stake" in entry:
                continue
            where = country(entry["id"])
            if is_maker(entry):
                maker = (-(entry["share"] or 0.0), stage, -shares.get(f"country:{where}", 0.0), -capacity.get(entry["id"], 0.0), entry["id"])
                key = (0, maker)
            else:  # an operator or parent: after every maker, in its maker's order
                key = (1, maker, len(best))
            if entry["id"] not in best or key < best[entry["id"]][0]:
                best[entry["id"]] = (key, dict(entry, country=where))
    return [entry for _, entry in sorted(best.values(), key=lambda x: x[0])]


def _carrying_chain(FG, materials: list[str], symbol: str) -> set[str]:
    """The materials upstream of ``materials`` that carry ``symbol``: the element's own feed (SmCo's cobalt is not fed by rare-earth ore)."""
    chain, stack = set(materials), list(materials)
    nodes, index = FG.nodes, FG.index
    while stack:
        for upstream in map(nodes.__getitem__, FG.predecessors(index[stack.pop()]).tolist()):
            data = FG.node(upstream)
            if data.get("label") == "Material" and symbol in (data.get("elements") or ()) and upstream not in chain:
                chain.add(upstream)
                stack.append(upstream)
    return chain


def _caught_through(FG, materials: list[str], symbol: str) -> dict[str, dict[str, Any]]:
    """Policy -> the materials it restricts *because of* ``symbol`` (``materials``), and how (``via``).

    ``via`` is ``element`` (the policy names the element and the material
    contains it), ``named`` (it names the material), or the id of a category
    it names that the material stands under. A named material or category
    counts for ``symbol`` when the policy names this element, or when the
    material carries no other element: No. 18 names Sm and SmCo magnets, so
    SmCo magnets count under Sm, never under Co; a procurement rule on SmCo
    magnets that names no element (DFARS) restricts the magnet, not its Gd,
    and is left out of the element lines (the policies section lists it).
    """
    named_elements = {p: {t.split(":", 1)[1] for t in info["targets"] if t.startswith("element:")} for p, info in FG.graph.get("policies", {}).items()}
    found: dict[str, dict[str, Any]] = {}
    for material in materials:
        elements = set(FG.node(material).get("elements") or ())
        for entry in FG.node(material).get("restrictions", ()):
            policy, by = entry["policy"], entry["caught_by"]
            names = named_elements.get(policy, set())
            via = "element" if by == symbol else "named" if by is None else by if by.startswith("material:") else None
            if via is None or (via != "element" and not (symbol in names or elements <= {symbol})):
                continue
            row = found.setdefault(policy, {"materials": set(), "via": via})
            row["materials"].add(material)
            if (_VIA_RANK.get(via, 2), via) < (_VIA_RANK.get(row["via"], 2), row["via"]):  # two categories: the first id, in any order
                row["via"] = via
    return found


_VIA_RANK = {"element": 0, "named": 1}


_STAGE_ORDER = {stage: i for i, stage in enumerate(STAGES)}

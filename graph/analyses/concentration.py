"""Market concentration of each material: Herfindahl-Hirschman index and top-1 share.

HHI is the sum of squared shares in percent (0 to 10,000). It is computed per
material and per basis (producing countries, or producing organisations),
from one source edition and one data year at a time: the vintage the
supply-flow projection chose (see :mod:`supplygraph.graph.analyses.flow`), named in
every row. Each row is classified against two benchmarks:

* the US 2023 Merger Guidelines: HHI above 1,800 is *highly concentrated*;
* the EU Critical Raw Materials Act (Regulation (EU) 2024/1252): no single
  third (non-EU) country should supply more than 65 % of a strategic raw
  material at any stage.
"""

from __future__ import annotations

from itertools import repeat
from operator import eq, itemgetter, ne, sub
from typing import Any

import networkx as nx

from supplygraph.formatting import some_of

from .flow import CAPACITY, EQUAL, STATED, VOLUME, WEIGHT_QUALITY
from .flowgraph import BASES, TYPES, flow_graph
from .integers import id_ranks, in_edges
from .vintages import vintage_words

US_2023_HIGHLY_CONCENTRATED = 1800.0
"""US 2023 Merger Guidelines: an HHI above this is highly concentrated."""

EU_CRMA_MAX_THIRD_COUNTRY_SHARE = 0.65
"""EU CRM Act 2030 benchmark: no single third country above this share."""

FULL_COVERAGE = 0.995
"""Stated shares adding up to at least this leave no share for a producer they do not list (the reason's 'listed' test)."""

NO_SHARE_NAMED = 3
"""Producers a figure leaves no share for, named in words before 'and N more' (the JSON lists them all)."""

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
"""ISO codes of the 27 EU member states (a country outside is a *third country* for the CRMA)."""


def hhi(shares: list[float]) -> float:
    """Herfindahl-Hirschman index of fractional shares, on the 0..10,000 scale.

    Examples
    --------
    >>> hhi([0.5, 0.5])
    5000.0
    >>> round(hhi([0.7, 0.2, 0.1]))
    5400

    Notes
    -----
    O(n). Shares that do not add up to 1 (producers the source does not list)
    give a lower bound: the unlisted rest adds at most its own square.
    """
    return float(sum([(100.0 * s) ** 2 for s in shares]))


def concentration(F: nx.DiGraph, materials: list[str] | None = None, *, basis: str | None = None) -> list[dict[str, Any]]:
    """HHI and top-1 share of every material, per producing basis, from one vintage each.

    Parameters
    ----------
    F : networkx.DiGraph
        A supply-flow projection (:func:`supplygraph.graph.analyses.flow.supply_flow`).
    materials : list of str, optional
        Material ids to compute; all materials with producers by default.
    basis : {"countries", "organisations"}, optional
        Only this basis; both by default.

    Returns
    -------
    rows : list of dict
        One row per (material, basis) with ``subject``, ``name``, ``stage``,
        ``basis``, ``edition``, ``year``, ``hhi``, ``top_share``, ``top_id``,
        ``top_name``, ``producers`` (listed in the vintage), ``coverage`` (sum of the shares listed),
        ``weights`` (how shares were obtained), ``population`` (what the row
        covers, in words), ``inherited_from`` (the category whose figures a
        member inherited), ``category`` (the row is a category's own),
        ``us_2023``, ``eu_crma`` and ``sources``. Rows whose producers carry no figures have ``hhi`` and
        ``top_share`` None: an equal split is not a measured share. Sorted by
        HHI, highest first.

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_node("material:m", label="Material", name="m", stage="magnet",
    ...            vintages={"countries": {"edition": "E", "year": 2025, "weights": "stated shares"}})
    >>> F.add_edge("country:CN", "material:m", type="PRODUCES", basis="countries", weight=0.9, listed=True, sources=["doc:a"])
    >>> F.add_edge("country:JP", "material:m", type="PRODUCES", basis="countries", weight=0.1, listed=True, sources=["doc:a"])
    >>> row = concentration(F)[0]
    >>> row["hhi"], row["top_id"], row["us_2023"], row["eu_crma"]
    (8200.0, 'country:CN', 'highly concentrated', 'above 65% from one third country')

    Notes
    -----
    O(V + E) over the producers of the materials asked for.
    """
    FG = flow_graph(F)
    node_data, nodes = FG.node_data, FG.nodes
    names = dict(zip(nodes, FG.node_column("name"))) | {n: d.get("name") for n, d in FG.graph.get("controllers", {}).items()}
    labels = FG.node_column("label")
    wanted = [FG.index[m] for m in materials] if materials is not None else [i for i, label in enumerate(labels) if label == "Material"]
    rows = _material_rows(FG, [i for i in wanted if node_data[i].get("vintages")], basis, names)  # no vintage, no row
    if materials is None:  # a category's own figures stay in the table (the world mine-production share is checked first)
        for category, record in FG.graph.get("categories", {}).items():
            listed = _listed_by_basis(record.get("producers", ()))
            rows += [dict(r, category=True) for r in _rows(FG, category, record, listed, basis, names)]
    if materials is None and FG.graph.get("categories"):  # the materials' rows come in this order
        rows.sort(key=lambda r: (-(r["hhi"] if r["hhi"] is not None else -1), r["subject"], r["basis"]))
    return rows


def _material_rows(FG, materials: list[int], basis: str | None, names: dict) -> list[dict[str, Any]]:
    """The rows of the materials (node numbers), made column by column from the flow graph's arrays.

    The listed ``PRODUCES`` in-edges are grouped by material and basis in
    NumPy and each group's top producer found by one sort; each group's
    figures are summed by Python's ``sum`` over its slice of the weights (the
    same sums, in the same order, as over the edges' dicts). Each column is
    then one ``map`` or comprehension and each row one dict display: per-row
    calls were most of the table's 2.2 s at a million flow edges (115k rows).
    """
    import numpy as np

    wanted = np.zeros(FG.n, dtype=bool)
    wanted[materials] = True
    heads, kinds = FG.heads, FG.basis
    chosen = FG.listed & (FG.types == TYPES.index("PRODUCES")) & wanted[heads] & (kinds >= 0)
    edges = FG.in_edges[chosen[FG.in_edges]]  # each material's in-edge order
    keys = heads[edges] * len(BASES) + kinds[edges]
    edges = edges[np.argsort(keys, kind="stable")]  # grouped by (material, basis), in-edge order within
    keys = heads[edges] * len(BASES) + kinds[edges]
    if not len(keys):
        return []
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    ends = np.append(starts[1:], len(keys))
    tails, weights = FG.tails[edges], FG.weight[edges]
    by_id = id_ranks(FG)  # a node's place in the order of ids, for "the largest id" among equal shares
    group = np.repeat(np.arange(len(starts)), ends - starts)
    top = edges[np.lexsort((by_id[tails], weights, group))[ends - 1]]  # the largest share, then the largest id
    # the groups the table shows: in the order of ``materials``, each material's bases in the order of their names
    group_of = dict(zip(keys[starts].tolist(), range(len(starts))))
    node_data, picked, vintages, bases = FG.node_data, [], [], []
    for i in materials:
        for kind, vintage in sorted(node_data[i]["vintages"].items()):
            g = group_of.get(i * len(BASES) + BASES.index(kind)) if kind in BASES and (basis is None or kind == basis) else None
            if g is not None:
                picked.append(g)
                vintages.append(vintage)
                bases.append(kind)
    # the rows in the table's order (HHI, highest first, then subject and basis), so that they lie in memory in the
    # order that the report and its JSON read them
    # hhi()'s terms by Python's pow, and each group's sums by bincount: in array order from 0.0, the additions that
    # Python's sum makes over the group's slice (the same floats), without a Python float and a slice per term
    terms = np.fromiter(map(pow, (100.0 * weights).tolist(), repeat(2)), dtype=np.float64, count=len(weights))
    picked = np.array(picked, dtype=np.int64)
    squares = np.bincount(group, weights=terms, minlength=len(starts))[picked]
    coverage = np.bincount(group, weights=weights, minlength=len(starts))[picked]
    rounded = np.fromiter(map(round, squares.tolist(), repeat(1)), dtype=np.float64, count=len(picked))  # Python's round
    measured = np.fromiter(map(ne, map(itemgetter("weights"), vintages), repeat(EQUAL)), dtype=bool, count=len(picked))
    first = np.where(measured, -rounded, 1.0)  # rows without an HHI after every measured one
    order = np.lexsort((keys[starts[picked]] % len(BASES), by_id[keys[starts[picked]] // len(BASES)], first))
    # the numbers put in the table's order as arrays (the same float64 values, made Python floats once), the objects
    # by one map each: 0.1-0.2 s less at a million flow edges than seven lists reordered by Python's getitem
    picked = picked[order]
    squares, coverage, rounded, measured = (column[order].tolist() for column in (squares, coverage, rounded, measured))
    vintages, bases = (list(map(column.__getitem__, order.tolist())) for column in (vintages, bases))
    nodes, edge_attrs = FG.nodes, FG.edge_attrs
    a, b, subjects = starts[picked].tolist(), ends[picked].tolist(), (keys[starts[picked]] // len(BASES)).tolist()
    top_edges = top[picked].tolist()
    top_weights = [edge_attrs(e)["weight"] for e in top_edges]
    top_ids = list(map(nodes.__getitem__, FG.tails[top_edges].tolist()))
    sources = _sources(FG, edges, starts, ends, picked, np)
    producers, edge_list = tails.tolist(), edges.tolist()
    texts, stated = [], {}  # the text of stated shares depends on the basis and the inheritance alone
    for s, kind, vintage, x, y in zip(subjects, bases, vintages, a, b):
        key = (kind, vintage.get("inherited")) if vintage["weights"] == STATED else None
        text = stated.get(key)
        if text is None:
            # the listed volumes' (producer, edge) pairs, or a category's producers' (what they weigh); else their number
            volume = vintage["weights"] == VOLUME or (vintage["weights"] == EQUAL and bool(vintage.get("inherited")))
            listed = list(zip(map(nodes.__getitem__, producers[x:y]), map(edge_attrs, edge_list[x:y]))) if volume else y - x
            text = population(FG, node_data[s], kind, vintage, listed, names)
            if key is not None:
                stated[key] = text
        texts.append(text)
    figures = top_weights if all(measured) else [w if m else 0.0 for w, m in zip(top_weights, measured)]
    countries = [_eu_crma(FG, kind, top_id, weight) if kind == "countries" else None
                 for kind, top_id, weight in zip(bases, top_ids, figures)]
    node_names, stages = FG.node_column("name"), FG.node_column("stage")
    rows = [{"subject": subject, "name": name, "stage": stage, "basis": kind, "edition": v["edition"], "year": v["year"],
             "hhi": value, "top_share": share, "top_id": top_id, "top_name": top_name, "producers": count, "coverage": cover,
             "weights": v["weights"], "population": text, "inherited_from": v.get("inherited"), "category": False, "us_2023": us,
             "eu_crma": eu, "sources": cited}
            for subject, name, stage, kind, v, value, share, top_id, top_name, count, cover, text, us, eu, cited in zip(
                map(nodes.__getitem__, subjects), map(node_names.__getitem__, subjects), map(stages.__getitem__, subjects), bases,
                vintages, rounded, map(round, figures, repeat(4)), top_ids, map(names.get, top_ids),
                map(sub, b, a), map(round, coverage, repeat(4)), texts, map(_us_2023, squares), countries, sources)]  # fmt: skip
    for row, one in zip(rows, measured):
        if not one:  # an equal split is not a measured share
            row.update(hhi=None, top_share=None, top_id=None, top_name=None, coverage=None, us_2023=None, eu_crma=None)
    return rows


def _sources(FG, edges, starts, ends, picked, np) -> list[list[str]]:
    """The sources of each picked group of ``edges`` (``picked``: group numbers, an int array): the union of its
    edges' ``sources``, sorted, a new list per group.

    Edges carry lists of their own, with few distinct contents (one at a million
    generated flow edges): the contents are numbered in one pass in edge order
    (the order the lists lie in memory), and a group whose edges all cite the
    same contents copies their sorted list. The first edge's contents are
    numbered by one C-level comparison per edge (``==``, no tuple made); only
    the edges that cite other contents have theirs made into tuples and numbered.
    """
    column = FG.column("sources")
    ascending = np.sort(edges)
    cited = list(map(column.__getitem__, ascending.tolist()))
    common = cited[0] if cited else None
    number: dict = {tuple(common) if common else (): 0}
    other = np.flatnonzero(~np.fromiter(map(eq, repeat(common), cited), dtype=bool, count=len(cited)))
    found = np.zeros(len(cited), dtype=np.int64)  # the first edge's contents: number 0
    found[other] = np.fromiter((number.setdefault(tuple(x) if x else (), len(number)) for x in map(cited.__getitem__, other.tolist())),
                               dtype=np.int64, count=len(other))  # fmt: skip
    codes = np.empty(FG.m, dtype=np.int64)
    codes[ascending] = found
    codes = codes[edges]
    same = (np.minimum.reduceat(codes, starts) == np.maximum.reduceat(codes, starts))[picked].tolist()
    texts = {code: sorted(set(text)) for text, code in number.items()}
    first = codes[starts[picked]].tolist()
    return [texts[code].copy() if one else sorted(set().union(*[column[e] or () for e in edges[x:y].tolist()]))
            for code, one, x, y in zip(first, same, starts[picked].tolist(), ends[picked].tolist())]


def _listed_by_basis(producers) -> dict[str, list[tuple[str, dict]]]:
    """The (producer, edge) pairs a vintage lists, by basis: each edge read once, whatever the number of bases."""
    listed: dict[str, list[tuple[str, dict]]] = {}
    for p, e in producers:
        if e.get("listed"):
            kind = e.get("basis")
            pairs = listed.get(kind)
            if pairs is None:
                pairs = listed[kind] = []
            pairs.append((p, e))
    return listed


def _rows(FG, subject: str, data: dict, listed: dict, basis: str | None, names: dict) -> list[dict[str, Any]]:
    """A category's rows, from its own producers' (producer, edge) pairs."""
    rows = []
    for kind, vintage in sorted(data.get("vintages", {}).items()):
        if basis is not None and kind != basis:
            continue
        edges = listed.get(kind)
        if not edges:
            continue
        shares = [e["weight"] for _, e in edges]
        top_weight = max(shares)
        top_id = max(p for p, e in edges if e["weight"] == top_weight)  # the largest share, then the largest id
        top = next(e for p, e in edges if p == top_id)
        sources = set()
        for _, e in edges:
            sources.update(e.get("sources", ()))
        rows.append(_row(FG, subject, data, kind, vintage, edges, top_id, top["weight"], hhi(shares), sum(shares), sorted(sources), names))
    return rows


def _row(FG, subject: str, data: dict, kind: str, vintage: dict, edges: list | int, top_id: str, top_weight: float,
         squares: float, coverage: float, sources: list[str], names: dict) -> dict[str, Any]:  # fmt: skip
    """One row of the table (a category's); ``squares`` is :func:`hhi` of the shares, ``coverage`` their sum.
    :func:`_material_rows` makes the materials' rows, the same keys in the same order, by columns."""
    measured = vintage["weights"] != EQUAL
    value = squares if measured else None
    return {
        "subject": subject,
        "name": data.get("name"),
        "stage": data.get("stage"),
        "basis": kind,
        "edition": vintage["edition"],
        "year": vintage["year"],
        "hhi": round(value, 1) if value is not None else None,
        "top_share": round(top_weight, 4) if measured else None,
        "top_id": top_id if measured else None,
        "top_name": names.get(top_id) if measured else None,
        "producers": edges if isinstance(edges, int) else len(edges),
        "coverage": round(coverage, 4) if measured else None,
        "weights": vintage["weights"],
        "population": population(FG, data, kind, vintage, edges, names),
        "inherited_from": vintage.get("inherited"),
        "category": False,
        "us_2023": _us_2023(value),
        "eu_crma": _eu_crma(FG, kind, top_id, top_weight) if measured else None,
        "sources": sources,
    }  # fmt: skip


def population(F: nx.DiGraph, data: dict, basis: str, vintage: dict, edges: list | int, names: dict) -> str:
    """What a concentration row covers, in words: the world, a country's quota list and its part of world output, listed capacity.

    ``edges``: the row's (producer, edge) pairs; their number will do where the shares are not of a listed volume.

    Examples
    --------
    >>> F = nx.DiGraph()
    >>> F.add_node("org:a", country="CN"); F.add_node("org:b", country="CN"); F.add_node("country:CN", name="China")
    >>> edges = [("org:a", {"volume_t": 90_000.0, "quota": True}), ("org:b", {"volume_t": 40_000.0, "quota": True})]
    >>> population(F, {"world_t": {2024: 380_000.0}}, "organisations", {"weights": "share of listed volume", "year": 2024, "edition": "MIIT 2024"}, edges, {"country:CN": "China"})
    "China's 2024 quota list (MIIT 2024): allocations of 130,000 t, not output, the size of about 34 % of world output"
    """
    FG = flow_graph(F)
    weights, year = vintage["weights"], vintage.get("year")
    count = edges if isinstance(edges, int) else len(edges)
    if weights == STATED:
        text = "world output" + (" (producers listed by the source)" if basis == "organisations" else "")
    elif weights == VOLUME:
        listed = sum(e.get("volume_t") or 0 for _, e in edges)
        countries = {_info(FG, p).get("country") for p, _ in edges}
        if all(e.get("quota") for _, e in edges) and len(countries) == 1 and None not in countries:
            (code,) = countries
            text = f"{names.get('country:' + code) or code}'s {year} quota list" + (f" ({vintage['edition']})" if vintage.get("edition") else "")
            text += f": allocations of {listed:,.0f} t, not output"  # (session 16: a batch, read as if it were output)
        else:
            text = f"the volume of {count} listed producers"
        world = (data.get("world_t") or {}).get(year)
        if world and text.endswith("not output"):
            text += f", the size of about {listed / world:.0%} of world output".replace("%", " %")
        elif world:
            text += f", about {listed / world:.0%} of world output".replace("%", " %")
    elif weights == CAPACITY:
        text = f"the capacity of {count} producers operating on {FG.graph.get('as_of', 'the as-of date')}"
    elif vintage.get("inherited") and not any(e.get("weight") for _, e in edges or ()):
        category = vintage["inherited"]  # (no share each: :func:`.flow._possible_producers`)
        return (f"{count} listed as producing {FG.graph.get('categories', {}).get(category, {}).get('name', category)}, "
                "none known to make this member; no figures")
    else:
        text = f"{count} known producers, no figures"
    if vintage.get("inherited"):
        inherited = vintage["inherited"]
        text += f"; inherited from {FG.graph.get('categories', {}).get(inherited, {}).get('name', inherited)}"
    return text


def _info(FG, node: str) -> dict:
    """A node's attributes: a flow node's, else a controller's (a parent outside the flow), else none."""
    return FG.node(node) if node in FG else FG.graph.get("controllers", {}).get(node, {})


def _us_2023(value: float | None) -> str | None:
    if value is None:
        return None
    return "highly concentrated" if value > US_2023_HIGHLY_CONCENTRATED else "not highly concentrated"


def _eu_crma(FG, basis: str, top_id: str, share: float) -> str | None:
    """The CRMA benchmark speaks of third countries, so it applies to the country basis only."""
    if basis != "countries":
        return None
    if _info(FG, top_id).get("country") in EU_MEMBERS:
        return "top producer is an EU member"
    return "above 65% from one third country" if share > EU_CRMA_MAX_THIRD_COUNTRY_SHARE else "within the 65% benchmark"


def mark_no_share(F, rows: list[dict[str, Any]]) -> None:
    """Add ``no_share_for`` to each row: the producers that the data lists but the row's figure leaves no share for.

    A row's country shares that add up to (nearly) 100 % leave nothing for a producer in another country, yet the
    data may list one that makes the material with no figure of its own (the New York Times' "China makes the
    entire world's supply of samarium" beside a British plant that makes samarium metal). The projection keeps such
    producers as routes of weight 0, assuming the figure leaves room for them in its unlisted rest; where it leaves
    none, the figure and the listed producers disagree, and the report says so rather than choose. A category's row
is checked against its own producers and those listed under its members (a member's inherited rows are the
category's own). Each producer is
    ``{"id", "name", "country"}`` (operating on the as-of date: planned plants are not in the flow); an organisation
    that controls another one named is left out, its plant stands for it. Empty for every other row (stated shares
    only: shares of a listed volume or capacity add up to 1 by construction).

    And ``rest_unnamed`` (session 16): where a row's stated country shares leave a rest that the figure names no
    country for, and the data lists producers in countries it does not name, ``{"share": the rest, "producers": ...}``
    (NdPr oxide, taking the IEA's 91 % for all separated oxides: 9 %, beside Lynas's Malaysian plant and Mountain
    Pass), so the report says where that rest may be made; else None. Nothing is computed from it.
    """
    FG = flow_graph(F)
    for row in rows:
        row["no_share_for"], row["rest_unnamed"] = [], None
    stated = [r for r in rows if r["basis"] == "countries" and r["weights"] == STATED and r["coverage"]]
    suspects = _producing_outside(FG, [r["subject"] for r in stated if not r.get("category")]) if stated else set()
    for row in stated:
        if not (row.get("category") or row["subject"] not in FG or row["subject"] in suspects):
            continue
        outside = _listed_outside(FG, row)
        if row["coverage"] >= FULL_COVERAGE:
            row["no_share_for"] = outside
        elif outside:  # session 16: the rest of a figure that names no country for it, beside producers listed elsewhere
            row["rest_unnamed"] = {"share": round(1.0 - row["coverage"], 6), "producers": outside}


def _listed_outside(FG, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The producers the data lists for a stated-share row's material in a country its figure does not name (``{"id",
    "name", "country"}``, by name; an organisation that controls another one named is left out, its plant stands for it).
    A category's row is checked against its own producers and those listed under its members."""
    produces = TYPES.index("PRODUCES")
    members: list = []
    if row.get("category") or row["subject"] not in FG:
        record = FG.graph.get("categories", {}).get(row["subject"], {})
        pairs = list(record.get("producers", ()))
        # the producers listed under its members make the category too (those it handed down are its own)
        members = [(FG.nodes[FG.tails[e]], attrs) for m in record.get("members", ()) if m in FG.index
                   for e in in_edges(FG, FG.index[m]) if FG.types[e] == produces
                   and not (attrs := FG.edge_attrs(e)).get("inherited")]  # fmt: skip
    else:
        pairs = [(FG.nodes[FG.tails[e]], FG.edge_attrs(e)) for e in in_edges(FG, FG.index[row["subject"]]) if FG.types[e] == produces]
    listed = {_info(FG, p).get("country") for p, e in pairs if e.get("listed") and e.get("basis") == "countries"}
    outside = {p: _info(FG, p).get("country") for p, _ in pairs + members}
    outside = {p: country for p, country in outside.items() if country and country not in listed}
    controllers = {c for p in outside for c, _ in _info(FG, p).get("controlled_by") or ()}
    return sorted(({"id": p, "name": _info(FG, p).get("name") or p, "country": country}
                   for p, country in outside.items() if p not in controllers), key=lambda o: (o["name"], o["id"]))  # fmt: skip


def _producing_outside(FG, materials: list[str]) -> set[str]:
    """The materials of ``materials`` with a producer in a country that none of their listed country figures names.

    On the flow graph's columns: each producer's country as an integer code, each ``PRODUCES`` edge keyed by (its
    material, its producer's country), and the keys of the listed country figures looked up in one ``isin``; only
    the materials found are then read edge by edge (:func:`mark_no_share` read every fully covered row's edges,
    1.1 s of CPU at a million flow edges, where 16k rows add up to 100 % and none leaves a producer out).
    """
    import numpy as np

    codes: dict[str, int] = {}
    country = np.fromiter((codes.setdefault(c, len(codes)) if c else -1 for c in FG.node_column("country")), dtype=np.int64, count=FG.n)
    wanted = np.zeros(FG.n, dtype=bool)
    wanted[[FG.index[m] for m in materials if m in FG.index]] = True
    edges = np.flatnonzero((FG.types == TYPES.index("PRODUCES")) & wanted[FG.heads])
    heads, where = FG.heads[edges], country[FG.tails[edges]]
    keys = heads * (len(codes) + 1) + (where + 1)
    listed = FG.listed[edges] & (FG.basis[edges] == BASES.index("countries"))
    outside = (where >= 0) & ~np.isin(keys, keys[listed])
    return set(map(FG.nodes.__getitem__, np.unique(heads[outside]).tolist()))


def mark_newer_figure(rows: list[dict[str, Any]], categories: dict[str, dict]) -> None:
    """Add ``newer_figure`` to each row: for a member that took over a category's figure, the newest figure of a later
    data year (stated shares, the same basis) that a broader category it also stands under has; else None.

    A member inherits from its most specific category with figures, whatever their date (:mod:`.categories`):
    Sintered NdFeB magnet takes NdFeB magnet's 2017 share (Magnetics Magazine) though Rare-earth permanent magnet,
    which holds it too, has the IEA's of 2025. The report keeps the rule and names the newer figure beside the one
    it used: ``{"category", "name", "edition", "year", "top_id", "top_name", "top_share"}`` (from the category's row).
    """
    own = {(r["subject"], r["basis"]): r for r in rows if r.get("category") and r["weights"] == STATED and r["year"] is not None}
    for row in rows:
        row["newer_figure"] = None
        if not row.get("inherited_from") or row["weights"] != STATED or row["year"] is None:
            continue
        newer = [own[c, row["basis"]] for c, record in categories.items() if c != row["inherited_from"]
                 and (c, row["basis"]) in own and row["subject"] in record.get("members", ())]  # fmt: skip
        newer = [r for r in newer if r["year"] > row["year"]]
        if newer:
            r = max(newer, key=lambda r: (r["year"], r["subject"]))
            row["newer_figure"] = {"category": r["subject"], "name": r["name"], "edition": r["edition"], "year": r["year"],
                                   "top_id": r["top_id"], "top_name": r["top_name"], "top_share": r["top_share"]}  # fmt: skip


def newer_figure_words(row: dict[str, Any]) -> str:
    """What ``newer_figure`` says in words ('' when there is none).

    Examples
    --------
    >>> newer_figure_words({"newer_figure": {"name": "Magnets", "top_name": "China", "top_share": 0.94, "edition": "IEA", "year": 2025}})
    'a newer figure stands for Magnets, which it also stands under: China 94% (IEA, 2025)'
    """
    new = row.get("newer_figure")
    if not new:
        return ""
    return (f"a newer figure stands for {new['name']}, which it also stands under: {new['top_name']} {new['top_share']:.0%} "
            f"({vintage_words(new['edition'], new['year'])})")


def no_share_words(row: dict[str, Any], *, lead: str = "the figure leaves") -> str:
    """What ``no_share_for`` says in words ('' when the figure leaves room): which producers, outside where.

    Examples
    --------
    >>> no_share_words({"top_name": "China", "producers": 1, "no_share_for": [{"id": "f", "name": "LCM plant", "country": "GB"}]})
    'the figure leaves no share for 1 listed producer outside China: LCM plant (GB)'
    """
    others = row.get("no_share_for") or []
    rest = row.get("rest_unnamed")
    if not others and rest and rest["producers"]:  # (session 16: NdPr oxide's 9 %, which the IEA gives no country)
        return (f"the other {100 * rest['share']:.0f}% the figure gives to no country; listed producers outside {_where(row)}: "
                + _producers(rest["producers"]))
    if not others:
        return ""
    return f"{no_share_count(row, lead=lead)} outside {_where(row)}: {_producers(others)}"


def no_share_count(row: dict[str, Any], *, lead: str = "the figure leaves") -> str:
    """'the figure leaves no share for 2 listed producers' ('' when the figure leaves room): the count alone, for a
    line that names the producers beside it (the report's end uses); :func:`no_share_words` says which and where.

    >>> no_share_count({"no_share_for": [{"id": "f"}]}, lead="leaves")
    'leaves no share for 1 listed producer'
    """
    n = len(row.get("no_share_for") or ())
    return f"{lead} no share for {n} listed producer{'s' * (n != 1)}" if n else ""


def _where(row: dict[str, Any]) -> str:
    return row["top_name"] if row["producers"] == 1 else f"the {row['producers']} countries it lists"


def _producers(listed: list[dict[str, Any]]) -> str:
    """'A (MY), B (US) and 2 more': the first :data:`NO_SHARE_NAMED` producers with their countries."""
    return some_of([f"{o['name']} ({o['country']})" for o in listed[:NO_SHARE_NAMED]], len(listed))


def preferred_concentration(conc: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One concentration row per material: the best measured (stated shares over listed volume), countries before organisations.

    Examples
    --------
    >>> rows = [{"subject": "m", "hhi": 5805, "weights": "share of listed volume", "basis": "organisations"},
    ...         {"subject": "m", "hhi": 5054, "weights": "stated shares", "basis": "countries"}]
    >>> preferred_concentration(rows)["m"]["hhi"]
    5054
    """
    best: dict[str, dict[str, Any]] = {}
    for row in conc:
        if row["hhi"] is None:
            continue
        rank = (WEIGHT_QUALITY[row["weights"]], row["basis"] == "countries")
        current = best.get(row["subject"])
        if current is None or rank > (WEIGHT_QUALITY[current["weights"]], current["basis"] == "countries"):
            best[row["subject"]] = row
    return best


def mark_path_share(rows: list[dict[str, Any]], values: dict[str, float], categories: dict[str, dict]) -> None:
    """Add ``path_share`` to each row: the share of source-to-end-use supply paths through its material (a category's:
    the largest of its members', since it is no node of the flow), None where none passes. The text's concentration
    table names, for each stage its most concentrated rows leave out, the figure of world output the most supply paths
    pass through (session 15: at the demo's top 5, gallium and three category rows hid world mine production)."""
    for row in rows:
        subject = row["subject"]
        members = categories.get(subject, {}).get("members") or () if row.get("category") else (subject,)
        found = [values[m] for m in members if m in values]
        row["path_share"] = round(max(found), 6) if found else None

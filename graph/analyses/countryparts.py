"""A producer's part of its country's share: what removing a company costs where world shares are given by country.

World figures are mostly by country (USGS: the United States 13 % of world mine production in 2025), while the data
also names the companies and plants that make up a country's output (MP Materials' Mountain Pass mine). A scenario
weighs a material's producers on its best-measured basis only, so where that is the countries basis a removed plant
weighed nothing: ``remove org:mp-materials`` cost world mine production nothing, though Mountain Pass is all of the
US figure (session 15). A removed producer now takes its part of its country's share where the data says what part
it is, in this order:

1. **stated volumes**: its volume in a year over its country's volume that year (Mountain Pass 45,455 t of the
   United States' 45,500 t in 2024: 99.9 %), the latest year with both, not after the as-of year, taken for the
   year of the country's figure;
2. **stated capacities**: every producer of the material the data lists in the country has a capacity (on one
   basis): its capacity over theirs;
3. **the only producers listed**: the data lists no other producer of the material in the country: the country's
   whole share. The data may not list every producer, so the scenario's loss path says so beside it.

Rules 2 and 3 take the country's figure only where it is the material's own: a figure a member takes over from its
category (China's 91 % of all separated oxides, read for NdPr oxide) covers producers the data lists only for the
category, so a member's short list says nothing of the country's whole. Where no rule applies nothing is counted,
as before, and the scenario's notes say so, naming the producer and its country's share. Where the companies' own
shares are measured as well as the countries' (both stated shares of world output), the larger loss counts, as
before: a part is taken only where it is the larger, and no note is given where their own shares count.

A production quota is an allocation (China's is issued in batches, and output is not published against it), so it is
not read as a part; where the removed producer holds one, the note gives its part of the country's batch and what that
would be of world output if read as output (:func:`quota_parts`, session 16).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .flowgraph import BASES, TYPES
from .vintages import FIGURE_FOR, WEIGHT_QUALITY, category_name, figure_for, figure_year, vintage_key

RULES = ("stated volumes", "share of listed capacity", "only producer listed")


def volume_parts(produced: dict[tuple[str, str], list[tuple[str, dict]]], country_of: Callable[[str], str | None],
                 as_of_year: int) -> dict[str, dict[str, dict[str, Any]]]:  # fmt: skip
    """Material -> producer -> its part of its country's volume (rule 1): ``part`` (0..1), ``year``, ``volume_t``,
    ``country_volume_t`` and ``edition`` (the country figure's). From the projection's rows of every vintage, since the
    flow keeps one fact per producer and material; rows a member took over from its category are not its own."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for (material, basis), rows in produced.items():
        if basis != "organisations" or (material, "countries") not in produced:
            continue
        # (a quota is an allocation, often one batch of a year's: not the producer's output)
        measured = [(p, a) for p, a in rows if a.get("volume_t") and not a.get("inherited") and not a.get("quota")]
        if not measured:
            continue
        totals: dict[tuple[str | None, int], tuple[tuple, float, str | None]] = {}
        for country, attrs in produced[(material, "countries")]:
            if not attrs.get("volume_t") or attrs.get("inherited"):
                continue
            volume, year = attrs["volume_t"], figure_year(attrs)
            if year is None or year > as_of_year:
                continue
            key, where = vintage_key(attrs.get("edition"), year), (country_of(country), year)
            if where not in totals or key > totals[where][0]:
                totals[where] = (key, float(volume), attrs.get("edition"))
        if not totals:
            continue
        for producer, attrs in measured:
            volume, year = attrs["volume_t"], figure_year(attrs)
            total = totals.get((country_of(producer), year))
            kept = found.get(material, {}).get(producer)
            if total is None or (kept and kept["year"] >= year):
                continue
            found.setdefault(material, {})[producer] = {"part": min(1.0, float(volume) / total[1]), "year": year,
                                                        "volume_t": volume, "country_volume_t": total[1], "edition": total[2]}  # fmt: skip
    return found


def quota_parts(produced: dict[tuple[str, str], list[tuple[str, dict]]], country_of: Callable[[str], str | None],
                as_of_year: int) -> dict[str, dict[str, dict[str, Any]]]:  # fmt: skip
    """Material -> producer -> its part of its country's production quota: ``part`` (its allocation over the
    allocations listed for the country in the same batch: edition and year), ``year``, ``volume_t``, ``edition``; the
    latest batch not after the as-of year. Not read as output (an allocation, often one batch of a year's): the notes
    of a ``remove`` scenario give it beside the part left uncounted, so the reader sees what it would be (session 16)."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for (material, basis), rows in produced.items():
        if basis != "organisations":
            continue
        batches: dict[tuple, list[tuple[str, dict]]] = {}
        for producer, attrs in rows:
            year = figure_year(attrs)
            if attrs.get("quota") and attrs.get("volume_t") and not attrs.get("inherited") and year is not None and year <= as_of_year:
                batches.setdefault((year, attrs.get("edition") or "", country_of(producer)), []).append((producer, attrs))
        for (year, edition, _), listed in sorted(batches.items(), key=lambda x: (x[0][0], x[0][1])):
            total = sum(float(a["volume_t"]) for _, a in listed)
            for producer, attrs in listed:
                found.setdefault(material, {})[producer] = {"part": float(attrs["volume_t"]) / total, "year": year,
                                                            "volume_t": attrs["volume_t"], "edition": edition or None}  # fmt: skip
    return found


def country_parts(FG, removed: set[str]) -> tuple[dict[tuple[int, int], tuple[float, int, dict[str, Any]]], list[str]]:
    """What the removed producers take of their countries' shares: (country node, material node) -> (share of the
    country's output lost, the removed producer that stands for the loss in a path, the step as the report gives it),
    and notes for the removed producers whose part the data does not give (nothing counted for them)."""
    index, data, nodes = FG.index, FG.node_data, FG.nodes
    gone = {index[r] for r in removed if r in index}
    produces = TYPES.index("PRODUCES")
    by_material: dict[tuple[int, str], list[int]] = {}
    for p in sorted(gone, key=nodes.__getitem__):
        country = data[p].get("country")
        if data[p].get("label") == "Country" or not country:
            continue
        for e in range(FG.out_ptr[p], FG.out_ptr[p + 1]):
            if FG.types[e] == produces:
                by_material.setdefault((int(FG.heads[e]), country), []).append(p)
    parts: dict[tuple[int, int], tuple[float, int, dict[str, Any]]] = {}
    unknown: dict[tuple[str, str], list[str]] = {}  # (who, country) -> the materials whose part the data does not give
    volumes, quotas = FG.graph.get("country_parts", {}), FG.graph.get("quota_parts", {})
    for (m, country), stopped in by_material.items():
        vintages = data[m].get("vintages") or {}
        by_country = vintages.get("countries")
        quality = WEIGHT_QUALITY[by_country["weights"]] if by_country else 0
        if not quality or quality < max(WEIGHT_QUALITY[v["weights"]] for v in vintages.values()):
            continue  # no country figure, or a better-measured basis already counts the producers themselves
        own, listed = None, []
        for e in FG.in_edges[FG.in_ptr[m]:FG.in_ptr[m + 1]].tolist():
            if FG.types[e] != produces:
                continue
            u, attrs = int(FG.tails[e]), FG.edge_attrs(e)
            if data[u].get("label") == "Country" and data[u].get("country") == country:
                own = (u, attrs)
            elif attrs.get("basis") == "organisations" and data[u].get("country") == country and not attrs.get("inherited"):
                listed.append((u, attrs))
        if own is None or not own[1].get("weight") or own[0] in gone:
            continue  # the figure does not list the country (its producers weigh nothing), or the country is removed too
        step = _part(nodes, data, m, stopped, listed, gone, volumes.get(nodes[m], {}), own[1].get("inherited"))
        name, country_name = data[m].get("name", nodes[m]), data[own[0]].get("name", nodes[own[0]])
        if step is None and _own_loss(FG, m, gone, quality):
            continue  # their own shares, measured as well as the countries', count: nothing left unsaid
        if step is None:
            units = _units(nodes, data, listed)
            stopping = [u for u in units if u in gone] or stopped
            who = ", ".join(data[p].get("name", nodes[p]) for p in stopping)
            category = own[1].get("inherited")
            whose = (figure_for(category_name(FG, category)) if category
                     else f"{len(stopping)} of {max(len(units), len(stopping))} producers listed there")  # fmt: skip
            quota = _quota_words(quotas.get(nodes[m], {}), [nodes[p] for p in stopping], country_name, own[1]["weight"])
            unknown.setdefault((who, country_name), []).append(f"{name} ({100 * own[1]['weight']:.1f}%, {whose}{quota})")
            continue
        lost, producer, row = step
        row.update(material=nodes[m], name=name, producer=nodes[producer], producer_name=data[producer].get("name", nodes[producer]),
                   country=nodes[own[0]], country_name=country_name, country_share=own[1]["weight"])  # fmt: skip
        parts[(own[0], m)] = (lost, producer, row)
    for m in {m for _, m in parts}:  # where the removed producers' own shares lose as much, those count (as before)
        countries = sum(FG.weight[e] * (1.0 if int(FG.tails[e]) in gone else parts.get((int(FG.tails[e]), m), (0.0,))[0])
                        for e in FG.in_edges[FG.in_ptr[m]:FG.in_ptr[m + 1]].tolist()
                        if FG.types[e] == produces and FG.basis[e] == BASES.index("countries") and FG.weight[e] > 0)  # fmt: skip
        own_loss = _own_loss(FG, m, gone, WEIGHT_QUALITY[data[m]["vintages"]["countries"]["weights"]])
        if own_loss and own_loss >= countries:
            for key in [k for k in parts if k[1] == m]:
                del parts[key]
    notes = [f"{who} makes part of {country}'s share of world output of {'; '.join(made)}: no stated volume or capacity "
             "says how much" + _why(" ".join(made)) + ", so none of it is counted lost" for (who, country), made in unknown.items()]  # fmt: skip
    return parts, notes


def _why(made: str) -> str:
    """Why a figure the data holds gives no part, in the note's words (session 16: an analyst asked why JL Mag's stated
    40,000 t/yr or China Northern's quota did not count): ' (a quota is ...; a category's figure ...)', or ''."""
    why = [text for cue, text in (("quota batch", "a quota is an allocation, not output"),
                                  (FIGURE_FOR, "a category's figure covers producers the data does not list one by one"))
           if cue in made]  # fmt: skip
    return f" ({'; '.join(why)})" if why else ""


def _quota_words(quotas: dict[str, dict[str, Any]], stopping: list[str], country: str, share: float) -> str:
    """'; its quota is 70.1% of China's 2024 quota batch listed (MIIT/MNR 2024 first batch), 48.5% of world output
    if it were output', or '': a quota is an allocation, not output, and is not counted (session 16: the note said
    that no stated volume told China Northern Rare Earth's part, with its quota in the data)."""
    held = [quotas[p] for p in stopping if p in quotas]
    if not held:
        return ""
    latest = max(q["year"] for q in held)
    part = min(1.0, sum(q["part"] for q in held if q["year"] == latest))
    edition = next((q["edition"] for q in held if q["year"] == latest and q["edition"]), None)
    return (f"; {'its' if len(held) == 1 else 'their'} quota is {100 * part:.1f}% of {country}'s {latest} quota batch listed"
            + (f" ({edition})" if edition else "") + f", {100 * part * share:.1f}% of world output if read as output")


def _own_loss(FG, m: int, gone: set[int], quality: int) -> float:
    """What the removed producers' own shares take of material ``m`` on an organisations basis measured as well as its
    countries basis (stated shares of world output both: the larger loss counts), else 0."""
    vintage = (FG.node_data[m].get("vintages") or {}).get("organisations")
    if not vintage or WEIGHT_QUALITY[vintage["weights"]] != quality:
        return 0.0
    organisations, produces = BASES.index("organisations"), TYPES.index("PRODUCES")
    return float(sum(FG.weight[e] for e in FG.in_edges[FG.in_ptr[m]:FG.in_ptr[m + 1]].tolist()
                     if FG.types[e] == produces and FG.basis[e] == organisations and int(FG.tails[e]) in gone and FG.weight[e] > 0))  # fmt: skip


def _units(nodes: list[str], data: list[dict], listed: list[tuple[int, dict]]) -> list[int]:
    """The producers listed, an operator or parent listed beside its plant counted once (the plant's output is theirs)."""
    ids = {nodes[u] for u, _ in listed}
    controllers = {c for u, _ in listed for c, _ in data[u].get("controlled_by", ()) if c in ids}
    return [u for u, _ in listed if nodes[u] not in controllers]


def _part(nodes, data, m, stopped, listed, gone, volumes, inherited) -> tuple[float, int, dict[str, Any]] | None:
    """The share of the country's output the removed producers ``stopped`` stand for, the producer named for it and
    how it was found (the rules of the module docstring), or None where the data does not say."""
    measured = [(volumes[nodes[p]], p) for p in stopped if nodes[p] in volumes]
    if measured:
        above = {c for _, q in measured for c, _ in data[q].get("controlled_by", ())}  # an operator beside its plant:
        counted = [(v, p) for v, p in measured if nodes[p] not in above]  # the plant's volume is its output
        lost = min(1.0, sum(v["part"] for v, _ in counted))
        best = max(counted, key=lambda x: (x[0]["part"], nodes[x[1]]))
        return lost, best[1], {"rule": RULES[0], "part": round(lost, 6), "year": best[0]["year"],
                               "volume_t": sum(v["volume_t"] for v, _ in counted), "country_volume_t": best[0]["country_volume_t"]}
    if inherited:
        return None
    units = _units(nodes, data, listed)
    if not units:
        return None
    if all(u in gone for u in units):
        return 1.0, min(units, key=nodes.__getitem__), {"rule": RULES[2], "part": 1.0, "of": len(units)}
    capacities = {u: a.get("capacity_t") for u, a in listed if u in units}
    bases = {a.get("capacity_basis") for u, a in listed if u in units}
    stopping = [u for u in units if u in gone]
    if stopping and all(capacities.values()) and len(bases) == 1:
        lost = sum(capacities[u] for u in stopping) / sum(capacities.values())
        first = max(stopping, key=lambda u: (capacities[u], nodes[u]))
        return lost, first, {"rule": RULES[1], "part": round(lost, 6), "of": len(units)}
    return None

"""Synthetic supply networks for the chokepoint benchmark, shaped like ``Store.to_networkx()``.

``supply_network(edges=100_000)`` returns a knowledge-graph ``MultiDiGraph``
(node attributes ``label``, ``name``, ``aliases``, ``stage``...; edges keyed,
with ``type``, figures, ``sources``, ``evidence``, ``confidence``) of a
layered supply chain:

* ``tiers`` tiers: mining materials, then material tiers whose stages cycle
  through separation, metal, alloy, magnet, component, then end uses;
* every material and end use takes ``branching`` distinct inputs from the
  tier before (``INPUT_TO`` / ``USED_IN``);
* every material is made by ``producers`` organisations (``PRODUCES`` with
  shares, volumes, year and edition) drawn from a pool (each organisation
  makes about four materials on average); organisations sit in
  ``countries`` countries (``LOCATED_IN``), the first of them (``country:CN``) holding a share
  ``concentration`` of all organisations, the rest spread evenly; one in ten
  organisations is a subsidiary of another (``SUBSIDIARY_OF``);
* mining materials also carry country-basis production (``PRODUCES`` from
  countries, the first with share ``concentration``);
* a share ``recycle`` of magnet-tier materials feeds back into the first
  processing tier (``INPUT_TO``), closing cycles;
* ``skew`` concentrates the network: inputs and producers are drawn with
  Zipf weights, the item of rank r (in an order shuffled once per pool)
  weighing 1 / r ** skew, so a few hub materials and large producers carry
  most of the flow; ``skew=0`` draws uniformly (the network of earlier
  versions, seed for seed). The default 1.0 is Zipf's law, the rank-size
  law of firm sizes (Axtell, Science 2001); rare-earth supply (one country,
  a handful of groups) is more concentrated still;
* ``seed`` fixes everything.

The number of materials per tier is set so the graph has about ``edges``
edges. Names and figures mean nothing.
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

import networkx as nx

STAGES = ("separation", "metal", "alloy", "magnet", "component")
COUNTRY_CODES = (
    "CN US AU MM TH NG IN RU MG BR VN MY CA GL ZA TZ JP DE FR EE KR GB NO SE FI ES PT IT PL CZ AT CH BE NL DK IE CL AR PE MX"
).split()


def supply_network(
    edges: int = 100_000,
    *,
    tiers: int = 7,
    branching: int = 3,
    producers: int = 3,
    countries: int = 20,
    concentration: float = 0.6,
    recycle: float = 0.0,
    skew: float = 1.0,
    seed: int = 0,
) -> nx.MultiDiGraph:
    """A synthetic supply network of about ``edges`` edges (see the module docstring for the parameters)."""
    if tiers < 3:
        raise ValueError("tiers must be at least 3: mining, one processing tier, end uses")
    rng = random.Random(seed)
    codes = COUNTRY_CODES[: max(2, min(countries, len(COUNTRY_CODES)))]
    # Edges per tier-width: inputs of every non-mining tier, producers (with their LOCATED_IN and
    # SUBSIDIARY_OF) of every material tier, country production of the mining tier.
    per_width = (tiers - 1) * (branching + producers * 1.275) + len(codes)
    width = max(branching + 1, round(edges / per_width))
    G = nx.MultiDiGraph()
    doc = ["doc:synthetic"]
    G.add_node("doc:synthetic", label="Document", name="Synthetic source", aliases=[])
    for code in codes:
        G.add_node(f"country:{code}", label="Country", name=f"Country {code}", aliases=[], iso2=code)

    def edge(u: str, v: str, kind: str, **props) -> None:
        G.add_edge(u, v, key=f"{kind}:{u}->{v}", type=kind, **props, sources=doc, evidence=[], confidence=1.0)

    layers: list[list[str]] = []
    for t in range(tiers - 1):
        stage = "mining" if t == 0 else STAGES[(t - 1) % len(STAGES)]
        layer = [f"material:t{t}-{i}" for i in range(width)]
        for node in layer:
            G.add_node(node, label="Material", name=node.split(":", 1)[1], aliases=[], stage=stage)
        layers.append(layer)
    end_uses = [f"enduse:u{i}" for i in range(width)]
    for node in end_uses:
        G.add_node(node, label="EndUse", name=node.split(":", 1)[1], aliases=[], sector="industrial")
    layers.append(end_uses)

    for t in range(1, len(layers)):
        kind = "USED_IN" if t == len(layers) - 1 else "INPUT_TO"
        draw = _drawer(rng, layers[t - 1], skew)
        for node in layers[t]:
            for source in draw(branching):
                edge(source, node, kind)

    materials = [m for layer in layers[:-1] for m in layer]
    organisations = [f"org:o{i}" for i in range(max(producers, len(materials) * producers // 4))]
    top_count = int(len(organisations) * concentration)
    for i, org in enumerate(organisations):
        code = codes[0] if i < top_count else codes[1 + (i % (len(codes) - 1))]
        G.add_node(org, label="Company", name=f"Organisation {i}", aliases=[], country=code)
        edge(org, f"country:{code}", "LOCATED_IN")
        if i % 10 == 9:
            edge(org, organisations[rng.randrange(i)], "SUBSIDIARY_OF", stake=0.51)
    draw = _drawer(rng, organisations, skew)
    for material in materials:
        weights = sorted((rng.random() + 0.1 for _ in range(producers)), reverse=True)
        total = sum(weights)
        for org, weight in zip(draw(producers), weights):
            share = round(weight / total, 4)
            edge(org, material, "PRODUCES", share=share, volume_t=round(share * 1000, 1), year=2025, edition="SYN 2026")
    rest = (1 - concentration) / (len(codes) - 1)
    for material in layers[0]:
        for i, code in enumerate(codes):
            share = concentration if i == 0 else rest
            edge(f"country:{code}", material, "PRODUCES", share=round(share, 4), year=2025, edition="SYN 2026")
    if recycle > 0 and len(layers) > 5:
        magnets = layers[STAGES.index("magnet") + 1]
        for node in rng.sample(magnets, max(1, int(len(magnets) * recycle))):
            edge(node, rng.choice(layers[1]), "INPUT_TO")
    return G


def _drawer(rng: random.Random, items: list[str], skew: float):
    """A function drawing ``k`` distinct items: uniformly when ``skew`` is 0, else with Zipf weights 1 / rank ** skew."""
    if skew == 0:
        return lambda k: rng.sample(items, k)
    ranked = rng.sample(items, len(items))
    cumulative = list(itertools.accumulate(1 / r**skew for r in range(1, len(ranked) + 1)))

    def draw(k: int) -> list[str]:
        chosen: dict[str, None] = {}
        while len(chosen) < k:
            chosen.update(dict.fromkeys(rng.choices(ranked, cum_weights=cumulative, k=k - len(chosen))))
        return list(chosen)

    return draw


ENTITY_COLUMNS = ("id", "label", "name", "aliases", "stage", "sector", "country", "iso2")
FACT_COLUMNS = ("type", "source", "target", "sources", "share", "volume_t", "year", "edition", "stake")


def write_curated(G: nx.MultiDiGraph, folder: Path) -> tuple[Path, Path]:
    """``G`` as the curated CSV tables ``supplygraph load`` reads: ``entities.csv`` and ``facts.csv`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)

    def cell(value) -> str:
        return "|".join(value) if isinstance(value, list) else "" if value is None else str(value)

    entities, facts = folder / "entities.csv", folder / "facts.csv"
    with entities.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ENTITY_COLUMNS)
        writer.writerows([node, *(cell(data.get(c)) for c in ENTITY_COLUMNS[1:])] for node, data in G.nodes(data=True))
    with facts.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(FACT_COLUMNS)
        writer.writerows(
            [data["type"], u, v, ";".join(data["sources"]), *(cell(data.get(c)) for c in FACT_COLUMNS[4:])]
            for u, v, data in G.edges(data=True)
        )
    return entities, facts


if __name__ == "__main__":  # pragma: no cover
    import sys

    graph = supply_network(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")

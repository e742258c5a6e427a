"""Benchmark: export a 1,500-node network view and render it to a stable layout in headless Chromium.

Run: ``.venv/bin/python -m tests.benchmarks.bench_html_export [--nodes 1500] [--runs 3]``.

Generates a tiered synthetic supply chain (countries, mines, firms, five
material stages, end uses; names and figures mean nothing), loads it into an
embedded store, then per run times (1) ``api.export_view`` for the whole
graph as HTML (store read, view selection, page writing) and (2) opening the
file in headless Chromium until vis-network's physics has stabilised and
been switched off. Prints each run and the medians, then the export time
with chokepoint and scenario marks (one run of the chokepoint report).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

from supplygraph import api
from supplygraph.graph import EmbeddedStore

from ..chromium import Chromium

COUNTRIES = "CN US AU MM TH NG IN RU MG BR VN MY CA GL ZA TZ JP DE FR EE".split()
STAGES = ("mining", "separation", "metal", "alloy", "magnet")
SECTORS = ("defense", "automotive", "energy", "electronics", "industrial")


def write_chain(folder: Path, nodes: int, seed: int = 7) -> None:
    """A supply chain of exactly ``nodes`` entities (plus one source document) as curated CSV."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    end_uses = [f"enduse:e{i}" for i in range(10)]
    materials = {stage: [f"material:{stage}-{i}" for i in range(16)] for stage in STAGES}
    rest = nodes - len(COUNTRIES) - len(end_uses) - 16 * len(STAGES)
    facilities = [f"facility:f{i}" for i in range(rest // 5)]
    firms = [f"org:c{i}" for i in range(rest - len(facilities))]
    stage_of = {firm: STAGES[i % len(STAGES)] for i, firm in enumerate(firms)}
    with (folder / "entities.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["id", "label", "name", "country", "stage", "sector", "kind", "title", "published", "iso2"])
        w.writerow(["doc:synthetic", "Document", "Synthetic source", "", "", "", "", "Synthetic survey", "2025", ""])
        for code in COUNTRIES:
            w.writerow([f"country:{code}", "Country", f"Country {code}", "", "", "", "", "", "", code])
        for i, end_use in enumerate(end_uses):
            w.writerow([end_use, "EndUse", f"End use {i}", "", "", SECTORS[i % len(SECTORS)], "", "", "", ""])
        for stage, ids in materials.items():
            for material in ids:
                w.writerow([material, "Material", material.split(":")[1], "", stage, "", "", "", "", ""])
        for i, facility in enumerate(facilities):
            w.writerow([facility, "Facility", f"Plant {i}", rng.choice(COUNTRIES), "", "", "plant", "", "", ""])
        for i, firm in enumerate(firms):
            w.writerow([firm, "Company", f"Company {i}", rng.choice(COUNTRIES), "", "", "", "", "", ""])
    with (folder / "facts.csv").open("w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["type", "source", "target", "share", "year", "sources", "evidence"])
        fact = lambda *row: w.writerow([*row, "doc:synthetic", f"{row[0]} {row[1]} {row[2]}"])  # noqa: E731
        for previous, stage in zip(STAGES, STAGES[1:]):
            for material in materials[stage]:
                for source in rng.sample(materials[previous], 2):
                    fact("INPUT_TO", source, material, "", "")
        for material in materials["magnet"]:
            for end_use in rng.sample(end_uses, 2):
                fact("USED_IN", material, end_use, "", "")
        for code in COUNTRIES:
            for material in rng.sample(materials["mining"], 2):
                fact("PRODUCES", f"country:{code}", material, round(rng.uniform(0.01, 0.3), 3), 2025)
        for firm in firms:
            for material in rng.sample(materials[stage_of[firm]], rng.choice((1, 2))):
                fact("PRODUCES", firm, material, round(rng.uniform(0.001, 0.05), 4), 2025)
        for facility in facilities:
            fact("PRODUCES", facility, rng.choice(materials[rng.choice(STAGES)]), "", 2024)
            fact("OPERATES", rng.choice(firms), facility, "", "")
        by_stage = {stage: [f for f in firms if stage_of[f] == stage] for stage in STAGES}
        for previous, stage in zip(STAGES, STAGES[1:]):
            for customer in by_stage[stage]:
                fact("SUPPLIES", rng.choice(by_stage[previous]), customer, round(rng.uniform(0.1, 0.9), 2), 2025)
        for firm in rng.sample(firms, len(firms) // 6):
            parent = rng.choice(firms)
            if parent != firm:
                fact("SUBSIDIARY_OF", firm, parent, "", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Chromium() as browser:
        folder = Path(tmp)
        write_chain(folder / "data", args.nodes)
        store = EmbeddedStore(folder / "bench.db")
        api.load(store, api.read([folder / "data"]))
        stats = store.stats()
        out = folder / "view.html"
        exports, renders = [], []
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            view = api.export_view(store, out, "html", max_nodes=args.nodes)
            exported = time.perf_counter() - started
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(out.as_uri())
            page.wait_for("window.supplygraph && window.supplygraph.stable", timeout=600)
            rendered = time.perf_counter() - started
            drawn = page.evaluate("[supplygraph.nodes.length, supplygraph.edges.length]")
            errors = page.errors()
            page.close()
            exports.append(exported)
            renders.append(rendered)
            print(
                f"run {run}: export {exported:.2f} s, first stable render {rendered:.2f} s "
                f"({drawn[0]:,} nodes, {drawn[1]:,} edges drawn; {len(errors)} page errors)",
                flush=True,
            )
        started = time.perf_counter()
        api.export_view(store, out, "html", max_nodes=args.nodes, chokepoints=True, scenarios=["remove country:CN"])
        marked = time.perf_counter() - started
        size = out.stat().st_size
        print(
            f"view of {view.graph.number_of_nodes():,} nodes and {view.graph.number_of_edges():,} edges "
            f"(store: {stats.nodes:,} nodes, {stats.edges:,} edges); page {size / 1e6:.2f} MB"
        )
        print(
            f"median of {args.runs}: export {statistics.median(exports):.2f} s, "
            f"first stable render {statistics.median(renders):.2f} s, "
            f"total {statistics.median(exports) + statistics.median(renders):.2f} s"
        )
        print(f"export with --chokepoints --scenario 'remove country:CN': {marked:.2f} s")


if __name__ == "__main__":
    main()

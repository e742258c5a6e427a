"""Benchmark: load a generated 100k-entity, 500k-fact dataset into the embedded store, beside its baselines.

Run: ``.venv/bin/python -m tests.benchmarks.bench_load [--entities N] [--facts N] [--runs 3]``.

Per run, in the same process and on the same files:

* the baselines: ``csv.reader`` over ``facts.csv`` (rows/s: the disk format's
  speed), and the *write baseline*: the same rows, read with ``csv.reader``,
  each encoded once as JSON and written with ``executemany`` in one
  transaction into the ``edges`` table of a fresh SQLite file with the
  project's schema and indexes (the store's own DDL and page size). No
  validation, no merge. A second figure adds what the store also keeps
  (entities, and the claim tables);
* the store: ``api.read`` (parse and validate) then ``api.load`` into an empty
  store, and a second, unchanged load (skipped by digest).

Prints facts/s for each, the medians over the runs, the ratio of the whole
load to the write baseline (target >= 0.6) and the peak memory (max RSS).
Every figure is measured twice: wall-clock seconds, and the process's CPU
seconds (``time.process_time``), which stay meaningful when other work
shares the cores (on a busy machine the wall-clock ratio mostly measures
who got the CPU).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from supplygraph import api
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores.sqlite_format import DDL

from .gen_curated import write_dataset


class Clock:
    """Wall-clock and CPU seconds since it started (``lap`` gives both as a pair)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def csv_baseline(folder: Path) -> tuple[float, float]:
    """Seconds for csv.reader to read every fact row."""
    clock = Clock()
    with (folder / "facts.csv").open(newline="") as f:
        for _ in csv.reader(f):
            pass
    return clock.lap()


def sqlite_baseline(folder: Path, db_path: Path, *, claims: bool) -> tuple[float, float]:
    """Seconds to write the fact rows into the project's schema with executemany, in one transaction.

    ``claims`` false: the facts into the ``edges`` table (what reads use) and
    nothing else, the issue's baseline. ``claims`` true: what the store keeps,
    entities into ``nodes`` and ``node_claims`` and facts into ``edges``, each
    payload encoded once (a curated fact alone on its edge is its own claim:
    the edge row names its origin, store format 4;
    and names its ends' numbers, format 5).
    """
    clock = Clock()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA page_size = 16384")
    db.execute("PRAGMA cache_size = -262144")
    db.executescript(DDL)
    db.execute("BEGIN")
    if claims:
        db.execute("INSERT INTO origins VALUES (1, 'entities', '', ''), (2, 'facts', '', '')")
        with (folder / "entities.csv").open(newline="") as f:
            rows = csv.reader(f)
            next(rows)
            nodes = [(r[0], r[1], r[2], json.dumps(r[3].split("|") if r[3] else []), json.dumps({"country": r[4]})) for r in rows]
        db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?, ?)", nodes)
        db.executemany("INSERT INTO node_claims VALUES (1, ?, ?)", ((n[0], json.dumps(n[1:])) for n in nodes))
    with (folder / "facts.csv").open(newline="") as f:
        rows = csv.reader(f)
        next(rows)
        edges = [(f"{r[0]}:{r[1]}->{r[2]}:{r[3]}:{r[4]}", r[0], r[1], r[2],
                  json.dumps([{"material": r[3], "year": int(r[4]), "share": float(r[5])}, [r[6]], [r[7]], 1.0]))
                 for r in rows]  # fmt: skip
    # (the ends' numbers, store format 5, as one literal of the size a 100k-node store's numbers take: no Python work)
    db.executemany(f"INSERT INTO edges VALUES (?, ?, ?, ?, ?, {2 if claims else 'NULL'}, 100000, 100000)", edges)
    db.execute("COMMIT")
    db.close()
    return clock.lap()


def store_load(folder: Path, db_path: Path) -> dict[str, tuple[float, float]]:
    store = EmbeddedStore(db_path)
    clock = Clock()
    units = api.read([folder / "data"])
    read = clock.lap()
    summary = api.load(store, units)
    whole = clock.lap()
    del units
    again = Clock()
    reloaded = api.load(store, api.read([folder / "data"]))
    reload = again.lap()
    store.close()
    assert summary.edges.added == reloaded.edges.unchanged
    return {"read": read, "write": (whole[0] - read[0], whole[1] - read[1]), "whole": whole, "reload": reload}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--facts", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    facts = args.facts
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_dataset(folder / "data", args.entities, facts)
        for n in range(args.runs):
            run = {"csv": csv_baseline(folder / "data"),
                   "sqlite": sqlite_baseline(folder / "data", folder / f"base{n}.db", claims=False),
                   "full": sqlite_baseline(folder / "data", folder / f"full{n}.db", claims=True)}  # fmt: skip
            run.update(store_load(folder, folder / f"store{n}.db"))
            runs.append(run)
            print(f"run {n + 1}: " + ", ".join(f"{name} {w:.1f} s wall / {c:.1f} s CPU" for name, (w, c) in run.items()), flush=True)
        size = (folder / "store0.db").stat().st_size
    print(f"entities={args.entities:,} facts={facts:,}; medians of {len(runs)} runs; facts/s by wall clock | by CPU time")
    for i, clock in enumerate(("wall", "CPU")):
        med = {k: statistics.median(r[k][i] for r in runs) for k in runs[0]}
        ratio = statistics.median(r["sqlite"][i] / r["whole"][i] for r in runs)
        full = statistics.median(r["full"][i] / r["whole"][i] for r in runs)
        print(f"-- {clock}")
        print(f"baseline csv.reader:            {facts / med['csv']:>9,.0f} facts/s")
        print(f"baseline SQLite executemany:    {facts / med['sqlite']:>9,.0f} facts/s (into the edges table and its indexes, one transaction)")
        print(f"  ... with claims and entities: {facts / med['full']:>9,.0f} facts/s (every table the store keeps)")
        print(f"read+validate:                  {facts / med['read']:>9,.0f} facts/s")
        print(f"write:                          {facts / med['write']:>9,.0f} facts/s")
        print(f"whole load:                     {facts / med['whole']:>9,.0f} facts/s = {ratio:.2f} of the SQLite baseline "
              f"(target >= 0.6); {full:.2f} of the one with claims and entities")  # fmt: skip
        print(f"reload (unchanged, skipped):    {med['reload']:.1f} s")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB; store file {size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()

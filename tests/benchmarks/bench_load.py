"""Benchmark: load a generated 100k-entity, 500k-fact dataset into the embedded store.

Run: ``.venv/bin/python -m tests.benchmarks.bench_load [--entities N] [--facts N]``.
Prints facts per second for reading+validating, writing, and the whole load,
the peak memory (max RSS) of the process, and a second (unchanged) load.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from supplygraph import api
from supplygraph.graph import EmbeddedStore

from .gen_curated import write_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--facts", type=int, default=500_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_dataset(folder / "data", args.entities, args.facts)
        store = EmbeddedStore(folder / "bench.db")
        started = time.perf_counter()
        units = api.read([folder / "data"])
        read_done = time.perf_counter()
        summary = api.load(store, units)
        done = time.perf_counter()
        del units
        again_started = time.perf_counter()
        again = api.load(store, api.read([folder / "data"]))
        again_done = time.perf_counter()
        stats = store.stats()
        size = (folder / "bench.db").stat().st_size
        store.close()
    total = done - started
    print(f"entities={args.entities:,} facts={args.facts:,} -> nodes={stats.nodes:,} edges={stats.edges:,}")
    print(f"read+validate: {read_done - started:6.1f} s  ({args.facts / (read_done - started):,.0f} facts/s)")
    print(f"write:         {done - read_done:6.1f} s  ({args.facts / (done - read_done):,.0f} facts/s)")
    print(f"whole load:    {total:6.1f} s  ({args.facts / total:,.0f} facts/s)")
    print(f"reload (unchanged, skipped): {again_done - again_started:.1f} s; edges unchanged={again.edges.unchanged:,}")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB; store file {size / 2**20:,.0f} MiB")
    assert summary.edges.added == args.facts


if __name__ == "__main__":
    main()

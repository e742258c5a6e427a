"""Benchmark: the whole chokepoint report on synthetic supply networks of 10k, 100k and 1M edges.

Run: ``.venv/bin/python -m tests.benchmarks.bench_chokepoints [--sizes 10000 100000 1000000] [--repeat 3] [--skew 1.0]``.

Each size runs in a subprocess of its own, so peak memory (max RSS from
``resource.getrusage``) is that size's alone. The graph is generated first
(:mod:`.gen_supply_network`, seed 0, Zipf ``skew`` 1.0 by default: a few hub
materials and large producers, as in real supply chains); the timed call is
``chokepoint_report(G, scenarios=["remove country:CN"])``: projection,
concentration, dominators, minimum cuts, articulation points and bridges,
path-count centrality, betweenness (exact up to 300,000 flow edges, sampled
from 4,096 path ends above), the scenario, the ranking and the end-use
details. Printed per size: edges, the median and every run's seconds, the
process's peak RSS, the RSS the generated graph alone takes, and the median
seconds per step.

``--spearman SIZE`` (default 100000) compares sampled betweenness
(:func:`~supplygraph.graph.analyses.centrality.sampled_betweenness`, what the report
runs above 300,000 flow edges) with exact betweenness (rustworkx) on the
same flow graph, for the concentrated network (skew 1) and the uniform one
(skew 0), at k = 1,024 and 4,096 sampled path ends: the Spearman rank
correlation (average ranks for ties) between the sampled and the exact
values of the exact top 50 nodes, how many of those 50 the sample also puts
in its top 50, the sampler's own error estimate and the time, for seed 42
(the report's); and the lowest and the median Spearman over seeds 42-46.
It also prints how well path-count centrality (the ranking's measure)
agrees with exact betweenness on the same top 50: were it 0.9 or more,
betweenness would add nothing the ranking lacks and could be left out at
scale.
Every size also times the baseline in the same process: a bare networkx
``DiGraph`` built from the same edge list (``nx.DiGraph(pairs)``), and prints
the report's time as a multiple of it.

``--end-to-end`` measures what a user waits for instead: per size, the
generated network is written as curated CSV
(:func:`.gen_supply_network.write_curated`), loaded into a fresh store with
``supplygraph load``, and ``supplygraph chokepoints --scenario 'remove
country:CN' --format json`` runs as its own process (wall time and that
process's peak RSS); the baseline is the same ``DiGraph`` build of the same
edges, timed three times before the load and twice after the report's runs
(the median of the five). Targets: the 1M-edge report end to end at most 10x the baseline and
1.5 GiB; 100k-to-1M growth at most x11. Spearman at least 0.9. Times and
ratios are printed by wall clock and by CPU time (the report's process, and
this process for the baseline): on a shared machine the CPU ratio compares.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def digraph_baseline(G) -> tuple[float, float]:
    """Wall and CPU seconds to build a bare networkx DiGraph from the network's edge list (the pairs listed beforehand)."""
    import networkx as nx

    pairs = [(u, v) for u, v, _ in G.edges(keys=True)]
    wall, cpu = time.perf_counter(), time.process_time()
    nx.DiGraph(pairs)
    return time.perf_counter() - wall, time.process_time() - cpu


def _timed_process(args: list[str]) -> tuple[float, float, float]:
    """Run a command with stdout discarded; its wall seconds, its own CPU seconds and peak RSS in MiB (os.wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run_end_to_end(edges: int, repeat: int, skew: float) -> dict:
    from .gen_supply_network import supply_network, write_curated

    G = supply_network(edges, seed=0, skew=skew)
    edge_count = G.number_of_edges()
    command = [str(Path(sys.executable).with_name("supplygraph"))]
    with tempfile.TemporaryDirectory() as tmp:
        write_curated(G, Path(tmp) / "data")
        store = ["--store", str(Path(tmp) / "bench.db")]
        baselines = [digraph_baseline(G) for _ in range(BASELINES_BEFORE)]
        load_s, load_cpu, load_rss = _timed_process([*command, *store, "load", str(Path(tmp) / "data"), "--format", "json"])
        runs = [_timed_process([*command, *store, "chokepoints", "--scenario", "remove country:CN", "--format", "json"])
                for _ in range(repeat)]  # fmt: skip
        baselines += [digraph_baseline(G) for _ in range(BASELINES_AFTER)]  # the same process and graph, minutes later
        del G
    times = [t for t, _, _ in runs]
    return {"edges": edge_count, "seconds": times, "median_s": statistics.median(times), "peak_rss_mib": max(r for *_, r in runs),
            "cpu_s": statistics.median(c for _, c, _ in runs), "baseline_cpu_s": statistics.median(c for _, c in baselines),
            "baseline_s": statistics.median(w for w, _ in baselines), "baseline_cpu_runs": [c for _, c in baselines],
            "load_s": load_s, "load_cpu_s": load_cpu, "load_rss_mib": load_rss}  # fmt: skip


BASELINES_BEFORE, BASELINES_AFTER = 3, 2
"""End to end, the baseline is timed this many times before the load and after the report's runs, in the same
process on the same generated graph; the ratio uses their median. On a shared machine the baseline of the 1M graph
moved from 1.7 to 2.7 s of CPU between runs (session 9's twelve): timings taken on both sides of the load and the
report, minutes apart, weigh a slow or a fast minute less than three taken one after the other before the load."""


def run_one(edges: int, repeat: int, skew: float) -> dict:
    from supplygraph.graph.analyses.chokepoints import chokepoint_report

    from .gen_supply_network import supply_network

    G = supply_network(edges, seed=0, skew=skew)
    graph_rss = _rss_mib()
    baselines = [digraph_baseline(G) for _ in range(3)]
    cpu_times = []
    times = []
    steps: list[dict[str, float]] = []
    report = None
    for _ in range(repeat):
        report = None
        steps.append({})
        started, cpu = time.perf_counter(), time.process_time()
        report = chokepoint_report(G, scenarios=["remove country:CN"], timings=steps[-1])
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
    assert report is not None and report["chokepoints"], "the report found no chokepoints"
    return {
        "edges": G.number_of_edges(),
        "nodes": G.number_of_nodes(),
        "flow_edges": report["graph"]["edges"],
        "seconds": times,
        "median_s": statistics.median(times),
        "cpu_s": statistics.median(cpu_times),
        "baseline_s": statistics.median(w for w, _ in baselines),
        "baseline_cpu_s": statistics.median(c for _, c in baselines),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "graph_rss_mib": graph_rss,
        "betweenness": _describe(report["centrality"]["betweenness"]),
        "top": report["chokepoints"][0]["id"],
        "steps": {name: statistics.median(run[name] for run in steps) for name in steps[0]},
    }  # fmt: skip


def _describe(betweenness: dict) -> str:
    if betweenness["exact"]:
        return "exact"
    return f"sampled from {betweenness['k']:,} {betweenness['ends']} (relative error {betweenness['relative_error']:.0%})"


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman rank correlation (average ranks for ties).

    Examples
    --------
    >>> spearman([1, 2, 3], [10, 20, 30]), spearman([1, 2, 3], [3, 2, 1])
    (1.0, -1.0)
    >>> round(spearman([1, 2, 3, 4], [0, 0, 5, 5]), 3)  # ranks 1.5, 1.5, 3.5, 3.5
    0.894
    """

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return result

    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else 1.0


def run_spearman(edges: int, top: int = 50, ks: tuple[int, ...] = (1024, 4096), seeds: tuple[int, ...] = (42, 43, 44, 45, 46)) -> list[dict]:
    from supplygraph.graph.analyses.centrality import flow_betweenness, sampled_betweenness, supply_path_centrality
    from supplygraph.graph.analyses.flow import supply_flow

    from .gen_supply_network import supply_network

    results = []
    for skew in (1.0, 0.0):
        F = supply_flow(supply_network(edges, seed=0, skew=skew))
        started = time.perf_counter()
        exact = flow_betweenness(F, exact_limit=F.number_of_edges())["values"]  # rustworkx
        exact_s = time.perf_counter() - started
        best = sorted(exact, key=lambda n: (-exact[n], str(n)))[:top]
        paths = supply_path_centrality(F)["values"]  # what the ranking uses: does it rank the same nodes?
        paths_best = set(sorted(paths, key=lambda n: (-paths[n], str(n)))[:top])
        agreement = {"spearman": spearman([exact[n] for n in best], [paths[n] for n in best]), "overlap": len(paths_best & set(best))}
        samples = []
        for k in ks:
            runs = []
            for seed in seeds:
                started = time.perf_counter()
                sampled = sampled_betweenness(F, k=k, seed=seed)
                seconds = time.perf_counter() - started
                values = sampled["values"]
                sampled_best = set(sorted(values, key=lambda n: (-values[n], str(n)))[:top])
                runs.append({"seed": seed, "seconds": seconds, "ends": sampled["ends"], "relative_error": sampled["relative_error"],
                             "spearman": spearman([exact[n] for n in best], [values[n] for n in best]),
                             "overlap": len(sampled_best & set(best))})  # fmt: skip
            samples.append({"k": k, "runs": runs})
        results.append({"skew": skew, "edges": F.number_of_edges(), "nodes": F.number_of_nodes(), "exact_s": exact_s,
                        "spread": exact[best[0]] / exact[best[-1]], "top": top, "samples": samples, "paths": agreement})  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 1M edges (1M runs once)")
    parser.add_argument("--skew", type=float, default=1.0, help="Zipf skew of the generated networks for the timed runs (0: uniform)")
    parser.add_argument("--spearman", type=int, default=100_000, help="size for the sampled-vs-exact betweenness check (0: skip)")
    parser.add_argument("--end-to-end", action="store_true", help="time the CLI report on a loaded store instead of the in-memory call")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-spearman", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run = run_end_to_end if args.end_to_end else run_one
        print(json.dumps(run(args.one, args.repeat, args.skew)))
        return
    if args.one_spearman:
        print(json.dumps(run_spearman(args.one_spearman)))
        return
    mode = "the CLI report end to end on a loaded store" if args.end_to_end else "the report on the graph in memory"
    print(f"{mode}, networks of skew {args.skew:g} (seed 0); baseline: networkx DiGraph built from the same edges")
    print(f"{'edges':>10} {'median s':>9} {'runs (s)':>22} {'baseline s':>10} {'ratio':>7} {'CPU s':>7} {'baseline':>8} {'CPU ratio':>9} {'peak RSS':>10}")
    results = []
    for size in args.sizes:
        repeat = 1 if size >= 1_000_000 else args.repeat
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_chokepoints", "--one", str(size), "--repeat", str(repeat),
             "--skew", str(args.skew), *(["--end-to-end"] if args.end_to_end else [])],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        runs = ", ".join(f"{t:.2f}" for t in r["seconds"])
        print(f"{r['edges']:>10,} {r['median_s']:>9.2f} {runs:>22} {r['baseline_s']:>10.2f} {'x%.1f' % (r['median_s'] / r['baseline_s']):>7} "
              f"{r['cpu_s']:>7.2f} {r['baseline_cpu_s']:>8.2f} {'x%.1f' % (r['cpu_s'] / r['baseline_cpu_s']):>9} {r['peak_rss_mib']:>7,.0f} MiB")  # fmt: skip
        if args.end_to_end:
            print(f"           load (supplygraph load, once): {r['load_s']:.1f} s, {r['load_cpu_s']:.1f} s CPU, peak RSS {r['load_rss_mib']:,.0f} MiB")
            print(f"           baseline CPU s, {BASELINES_BEFORE} before the load and {BASELINES_AFTER} after the report: "
                  + ", ".join(f"{c:.2f}" for c in r["baseline_cpu_runs"]) + " (median in the ratio)")
        else:
            print(f"           flow edges {r['flow_edges']:,}; graph RSS {r['graph_rss_mib']:,.0f} MiB; betweenness {r['betweenness'] or 'left out'}")
            print("           steps (median s): " + ", ".join(f"{name} {t:.2f}" for name, t in r["steps"].items()))
    for small, large in zip(results, results[1:]):
        ratio, cpu_ratio = large["median_s"] / small["median_s"], large["cpu_s"] / small["cpu_s"]
        print(f"growth {small['edges']:,} -> {large['edges']:,} edges (x{large['edges'] / small['edges']:.1f}): "
              f"time x{ratio:.1f}, CPU time x{cpu_ratio:.1f}")
    if args.spearman:
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_chokepoints", "--one-spearman", str(args.spearman)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        for s in json.loads(out.stdout.strip().splitlines()[-1]):
            print(
                f"betweenness, skew {s['skew']:g}: {s['edges']:,} flow edges, {s['nodes']:,} nodes; exact (rustworkx) {s['exact_s']:.1f} s; "
                f"the exact top {s['top']} span x{s['spread']:.2f} (first / {s['top']}th)"
            )
            print(f"  path-count centrality (the ranking's measure) against exact betweenness: Spearman over the exact top {s['top']} "
                  f"{s['paths']['spearman']:.3f}, {s['paths']['overlap']}/{s['top']} of them in its top {s['top']} (target for leaving "
                  f"betweenness out: at least 0.9)")
            for sample in s["samples"]:
                first, rhos = sample["runs"][0], sorted(run["spearman"] for run in sample["runs"])
                print(
                    f"  sampled k={sample['k']:,} seed={first['seed']}: {first['seconds']:.2f} s, {first['ends']}, relative error {first['relative_error']:.0%}; "
                    f"Spearman over the exact top {s['top']} {first['spearman']:.3f}, {first['overlap']}/{s['top']} of them in the sampled top {s['top']}; "
                    f"seeds {sample['runs'][0]['seed']}-{sample['runs'][-1]['seed']}: lowest {rhos[0]:.3f}, median {statistics.median(rhos):.3f}"
                )


if __name__ == "__main__":
    main()

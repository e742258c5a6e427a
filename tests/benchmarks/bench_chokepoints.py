"""Benchmark: the whole chokepoint report on synthetic supply networks of 10k, 100k and 1M edges.

Run: ``.venv/bin/python -m tests.benchmarks.bench_chokepoints [--sizes 10000 100000 1000000] [--repeat 3]``.

Each size runs in a subprocess of its own, so peak memory (max RSS from
``resource.getrusage``) is that size's alone. The graph is generated first
(:mod:`.gen_supply_network`, seed 0); the timed call is
``chokepoint_report(G, scenarios=["remove country:CN"])``: projection,
concentration, dominators, minimum cuts, articulation points and bridges,
path-count centrality, betweenness (exact, left out above 300,000 flow
edges), the scenario, the ranking and the end-use details. Printed per
size: edges, the median and every run's seconds, the process's peak RSS,
the RSS the generated graph alone takes, and the median seconds per step.

``--spearman SIZE`` (default 100000) compares sampled betweenness
(NetworkX, k = 64 and 256 sources, seed 42: what ``flow_betweenness`` does
above its exact limit) with exact betweenness (rustworkx, what the report
shows up to 300,000 flow edges) on the same flow graph: the Spearman rank
correlation over the top 50 nodes of the exact ranking, and how many of
those 50 the sample also puts in its top 50. Targets: 1M edges in at most
60 s and 4 GiB; Spearman at least 0.9.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_one(edges: int, repeat: int) -> dict:
    from supplygraph.graph.chokepoints import chokepoint_report

    from .gen_supply_network import supply_network

    G = supply_network(edges, seed=0)
    graph_rss = _rss_mib()
    times = []
    steps: list[dict[str, float]] = []
    report = None
    for _ in range(repeat):
        report = None
        steps.append({})
        started = time.perf_counter()
        report = chokepoint_report(G, scenarios=["remove country:CN"], timings=steps[-1])
        times.append(time.perf_counter() - started)
    assert report is not None and report["chokepoints"], "the report found no chokepoints"
    return {
        "edges": G.number_of_edges(),
        "nodes": G.number_of_nodes(),
        "flow_edges": report["graph"]["edges"],
        "seconds": times,
        "median_s": statistics.median(times),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "graph_rss_mib": graph_rss,
        "betweenness": report["centrality"]["betweenness"].get("computed") and ("exact" if report["centrality"]["betweenness"]["exact"] else f"sampled k={report['centrality']['betweenness']['k']}"),
        "top": report["chokepoints"][0]["id"],
        "steps": {name: statistics.median(run[name] for run in steps) for name in steps[0]},
    }  # fmt: skip


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman rank correlation (average ranks for ties).

    Examples
    --------
    >>> spearman([1, 2, 3], [10, 20, 30]), spearman([1, 2, 3], [3, 2, 1])
    (1.0, -1.0)
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


def run_spearman(edges: int, top: int = 50, ks: tuple[int, ...] = (64, 256)) -> dict:
    import networkx as nx

    from supplygraph.graph.centrality import flow_betweenness
    from supplygraph.graph.flow import supply_flow

    from .gen_supply_network import supply_network

    F = supply_flow(supply_network(edges, seed=0))
    started = time.perf_counter()
    exact = flow_betweenness(F)  # exact (rustworkx) below the report's limit
    exact_s = time.perf_counter() - started
    if not exact["exact"]:
        exact = {"values": nx.betweenness_centrality(F)}
        exact_s = time.perf_counter() - started
    values = exact["values"]
    best = sorted(values, key=lambda n: (-values[n], str(n)))[:top]
    samples = []
    for k in ks:
        started = time.perf_counter()
        sampled = flow_betweenness(F, exact_limit=0, k=k, seed=42)
        seconds = time.perf_counter() - started
        sampled_best = set(sorted(sampled["values"], key=lambda n: (-sampled["values"][n], str(n)))[:top])
        samples.append({
            "k": k, "seed": sampled["seed"], "seconds": seconds,
            "spearman_top": spearman([values[n] for n in best], [sampled["values"][n] for n in best]),
            "overlap_top": len(sampled_best & set(best)),
        })  # fmt: skip
    return {"edges": F.number_of_edges(), "exact_s": exact_s, "samples": samples, "top": top}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 1M edges (1M runs once)")
    parser.add_argument("--spearman", type=int, default=100_000, help="size for the sampled-vs-exact betweenness check (0: skip)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-spearman", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.repeat)))
        return
    if args.one_spearman:
        print(json.dumps(run_spearman(args.one_spearman)))
        return
    print(f"{'edges':>10} {'flow edges':>10} {'median s':>9} {'runs (s)':>22} {'peak RSS':>10} {'graph RSS':>10}  betweenness")
    results = []
    for size in args.sizes:
        repeat = 1 if size >= 1_000_000 else args.repeat
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_chokepoints", "--one", str(size), "--repeat", str(repeat)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        runs = ", ".join(f"{t:.2f}" for t in r["seconds"])
        print(f"{r['edges']:>10,} {r['flow_edges']:>10,} {r['median_s']:>9.2f} {runs:>22} {r['peak_rss_mib']:>7,.0f} MiB {r['graph_rss_mib']:>6,.0f} MiB  {r['betweenness'] or 'left out'}")
        print("           steps (median s): " + ", ".join(f"{name} {t:.2f}" for name, t in r["steps"].items()))
    for small, large in zip(results, results[1:]):
        ratio = large["median_s"] / small["median_s"]
        print(f"growth {small['edges']:,} -> {large['edges']:,} edges (x{large['edges'] / small['edges']:.1f}): time x{ratio:.1f}")
    if args.spearman:
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_chokepoints", "--one-spearman", str(args.spearman)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        s = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"betweenness at {s['edges']:,} flow edges: exact (rustworkx, as in the report) {s['exact_s']:.1f} s")
        for sample in s["samples"]:
            print(
                f"  sampled (networkx) k={sample['k']} seed={sample['seed']}: {sample['seconds']:.1f} s; Spearman over the exact top "
                f"{s['top']}: {sample['spearman_top']:.3f}; {sample['overlap_top']}/{s['top']} of the exact top {s['top']} in the sampled top {s['top']}"
            )


if __name__ == "__main__":
    main()

"""Start-up: ``supplygraph --help`` beside ``python -c pass``, in the same run.

Run: ``.venv/bin/python -m tests.benchmarks.bench_startup [--runs 20]``.

Each command runs ``--runs`` times as its own process, alternating, and the
medians are printed with their ratio and the difference (what the CLI's
imports cost), by wall clock and by the process's own CPU time (user +
system, from ``os.wait4``): when other work shares the cores, the wall
clock mostly measures the wait for one, and the CPU figures compare. Target: ``supplygraph --help`` under 0.15 s. To see where the
time goes: ``.venv/bin/python -X importtime -m supplygraph --help``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _seconds(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``args``."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(args)} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("supplygraph"))
    commands = {"python -c pass": [sys.executable, "-c", "pass"], "supplygraph --help": [cli, "--help"],
                "supplygraph neo4j --help": [cli, "neo4j", "--help"]}  # fmt: skip
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    print(f"medians of {args.runs} runs each, alternating")
    for i, clock in enumerate(("wall clock", "CPU time")):
        base = statistics.median(run[i] for run in times["python -c pass"])
        for name, runs in times.items():
            median = statistics.median(run[i] for run in runs)
            print(f"{clock:<10} {name:<26} {median:6.3f} s  x{median / base:5.1f} of python -c pass (+{median - base:.3f} s)")
    help_s = [statistics.median(run[i] for run in times["supplygraph --help"]) for i in (0, 1)]
    print(f"target: supplygraph --help under 0.15 s: {help_s[0]:.3f} s wall, {help_s[1]:.3f} s CPU")


if __name__ == "__main__":
    main()

"""Start-up: ``supplygraph --help`` beside ``python -c pass``, in the same run.

Run: ``.venv/bin/python -m tests.benchmarks.bench_startup [--runs 20]``.

Each command runs ``--runs`` times as its own process, alternating, and the
medians are printed with their ratio and the difference (what the CLI's
imports cost). Target: ``supplygraph --help`` under 0.15 s. To see where the
time goes: ``.venv/bin/python -X importtime -m supplygraph --help``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _seconds(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("supplygraph"))
    commands = {"python -c pass": [sys.executable, "-c", "pass"], "supplygraph --help": [cli, "--help"],
                "supplygraph neo4j --help": [cli, "neo4j", "--help"]}  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    base = statistics.median(times["python -c pass"])
    print(f"medians of {args.runs} runs each, alternating")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<26} {median:6.3f} s  x{median / base:5.1f} of python -c pass (+{median - base:.3f} s)")
    print(f"target: supplygraph --help under 0.15 s: {'met' if statistics.median(times['supplygraph --help']) < 0.15 else 'NOT met'}")


if __name__ == "__main__":
    main()

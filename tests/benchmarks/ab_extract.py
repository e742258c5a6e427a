"""Two checkouts' ``supplygraph extract`` alternating on the same documents: CPU time and wall clock, same bytes or not.

On a machine other work shares, one run of each code minutes apart says little: the load moves the figures by more
than a change saves. This runs the command of an old checkout and of a new one (each with its own ``.venv``) in
turn, the same number of times, on one core (as ``bench_extract``'s ``--jobs 1``), and prints the medians of each:

* ``supplygraph extract FOLDER --format json --jobs 1`` over ``bench_extract``'s documents of 700 words (documents/s
  by wall clock and by the command's user + system CPU time, start-up included);
* the same command over a folder of one of them (start-up: seconds);

and checks that both print the same bytes on every run (the output of a speed change must not change). One
untimed run of each first: the new code's caches are filled (as after a user's first run) and the files are read.

Run: ``.venv/bin/python -m tests.benchmarks.ab_extract --old /work/wt-base [--new .] [--pairs 6] [--documents 200]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from .bench_extract import documents


def run(checkout: Path, folder: Path, store: Path) -> tuple[float, float, bytes]:
    """(wall clock s, CPU s, stdout) of one ``extract`` of ``folder`` with ``checkout``'s command."""
    command = [str(checkout / ".venv" / "bin" / "supplygraph"), "--store", str(store), "extract", str(folder),
               "--format", "json", "--jobs", "1"]  # fmt: skip
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        assert status == 0, f"{' '.join(command)} failed"
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the checkout to compare with (its .venv)")
    parser.add_argument("--new", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core (the commands inherit it)
    codes = {"old": args.old.resolve(), "new": args.new.resolve()}
    docs = documents(args.documents)
    figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        many, one = Path(tmp) / "docs", Path(tmp) / "one"
        many.mkdir()
        one.mkdir()
        for n, paragraphs in enumerate(docs):
            text = f"Document {n}\n\n" + "\n\n".join(t for t, _ in paragraphs)
            (many / f"doc{n:04d}.txt").write_text(text, encoding="utf-8")
            if n == 0:
                (one / "doc0000.txt").write_text(text, encoding="utf-8")
        store = Path(tmp) / "none.db"
        for folder in (many, one):  # untimed: caches filled, files read
            outputs = {name: run(code, folder, store)[2] for name, code in codes.items()}
            differ += outputs["old"] != outputs["new"]
        for k in range(args.pairs):
            order = ["old", "new"] if k % 2 == 0 else ["new", "old"]  # (neither always first)
            for what, folder in (("folder", many), ("one", one)):
                outputs = {}
                for name in order:
                    wall, cpu, outputs[name] = run(codes[name], folder, store)
                    figures.setdefault((name, what), []).append((wall, cpu))
                differ += outputs["old"] != outputs["new"]
            print(f"pair {k + 1}: load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"old: {codes['old']}\nnew: {codes['new']}\n{len(docs)} documents; {args.pairs} pairs, alternating, one core")
    for name in codes:
        runs = figures[(name, "folder")]
        start = figures[(name, "one")]
        print(f"{name}: extract --jobs 1 by CPU time median {statistics.median(len(docs) / c for _, c in runs):.1f} documents/s "
              f"(runs: {', '.join(f'{len(docs) / c:.1f}' for _, c in runs)}), by wall clock {statistics.median(len(docs) / w for w, _ in runs):.1f}; "
              f"start-up (one document) median {statistics.median(c for _, c in start):.3f} s CPU "
              f"(runs: {', '.join(f'{c:.2f}' for _, c in start)}), {statistics.median(w for w, _ in start):.3f} s wall")  # fmt: skip
    print("output: the same bytes in every run" if not differ else f"output: DIFFERENT in {differ} runs")


if __name__ == "__main__":
    main()

"""Extraction throughput on 700-word documents: the warm extractor, and ``supplygraph extract`` over a folder.

Builds documents of 700 words from the project's sample articles (repeated
sentences with the organisation names varied, so every document has new
names to find). Measures, in the same run:

* the baseline: a warm extractor in this process, pinned to one core,
  extracting each document (median of ``--runs`` passes; what extraction
  itself costs);
* the command a user runs: ``supplygraph extract FOLDER --format json`` over
  the same documents written as ``.txt`` files, on the same core with
  ``--jobs 1`` (one process), start-up, reading and JSON Lines output
  included (median of ``--runs`` runs);
* the command's start-up: the same command over a folder of one of those
  documents (median of ``--runs`` runs), so what is start-up and what is
  extraction can be told apart;
* the command as a user runs it, on every core the benchmark was started
  with and its default ``--jobs`` (workers forked once the extractor is
  built): what the user waits for is its wall clock, beside the CPU time of
  all its processes.

Prints documents per second and the ratio to the warm extractor, by wall
clock and by CPU time (the process's, or the command's user + system time,
its workers' included): on a machine other work shares, the one-core CPU
figures are the comparable ones, and the all-cores wall clock means
something only on an idle machine (the load average is printed). Target:
the command at least 50 documents/second.

Run: ``.venv/bin/python -m tests.benchmarks.bench_extract [--documents 200] [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.gazetteer import Gazetteer

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
WORDS = 700


def documents(count: int) -> list[list[tuple[str, bool]]]:
    text = " ".join(
        block for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md"))
        for block, heading in read_text(path.read_text(encoding="utf-8"), markdown=path.suffix == ".md").blocks
        if not heading
    )  # fmt: skip
    sentences = re.split(r"(?<=\.)\s+", text)
    out = []
    for n in range(count):
        words: list[str] = []
        paragraphs: list[tuple[str, bool]] = []
        i = n
        while len(words) < WORDS:
            sentence = sentences[i % len(sentences)].replace("Northwind", f"Northwind{n % 37}").replace("Larchmont", f"Larch{n % 11}")
            paragraphs.append((sentence, False))
            words.extend(sentence.split())
            i += 1
        out.append(paragraphs)
    return out


Rates = list[tuple[float, float]]
"""Documents/second per run: (by wall clock, by CPU time)."""


def warm_rates(docs: list[list[tuple[str, bool]]], runs: int) -> tuple[Rates, float, int]:
    """Documents/second of a warm extractor on one core, per pass; the build time; relations per pass."""
    started = time.perf_counter()
    extractor = Extractor(Gazetteer())
    build = time.perf_counter() - started
    extractor.extract(docs[0])  # warm up
    rates, relations = [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        relations = sum(len(extractor.extract(d).relations) for d in docs)
        rates.append((len(docs) / (time.perf_counter() - wall), len(docs) / (time.process_time() - cpu)))
    return rates, build, relations


def command_rates(docs: list[list[tuple[str, bool]]], runs: int, cores: set[int] | None = None) -> tuple[Rates, int]:
    """Documents/second of ``supplygraph extract FOLDER --format json``, and lines printed.

    One process on the core the benchmark is pinned to (``--jobs 1``), or, given ``cores``, on those cores
    with the command's default ``--jobs``."""
    cli = str(Path(sys.executable).with_name("supplygraph"))
    rates, lines = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for n, paragraphs in enumerate(docs):
            (folder / f"doc{n:04d}.txt").write_text(f"Document {n}\n\n" + "\n\n".join(t for t, _ in paragraphs), encoding="utf-8")
        command = [cli, "--store", str(Path(tmp) / "none.db"), "extract", str(folder), "--format", "json"]
        command += ["--jobs", "1"] if cores is None else []
        on_cores = None if cores is None else lambda: os.sched_setaffinity(0, cores)
        for _ in range(runs):
            started = time.perf_counter()
            with tempfile.TemporaryFile() as out:
                process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, preexec_fn=on_cores)
                _, status, usage = os.wait4(process.pid, 0)
                seconds = time.perf_counter() - started
                assert status == 0, f"{' '.join(command)} failed"
                out.seek(0)
                lines = len(out.read().splitlines())
            rates.append((len(docs) / seconds, len(docs) / (usage.ru_utime + usage.ru_stime)))
    return rates, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # one core, for the baseline and the one-process command (children inherit it)
    docs = documents(args.documents)
    words = sum(len(t.split()) for d in docs for t, _ in d) / len(docs)
    warm, build, relations = warm_rates(docs, args.runs)
    command, lines = command_rates(docs, args.runs)
    assert lines == len(docs), f"extract printed {lines} lines for {len(docs)} documents"
    start = [(1 / wall, 1 / cpu) for wall, cpu in command_rates(docs[:1], args.runs)[0]]  # seconds for one document
    load = os.getloadavg()[0]
    every, lines = command_rates(docs, args.runs, cores)
    assert lines == len(docs), f"extract printed {lines} lines for {len(docs)} documents"
    print(f"{len(docs)} documents of {words:.0f} words, {relations} relations per pass; "
          f"the extractor built in {build * 1000:.0f} ms; load average {load:.1f}")  # fmt: skip
    for i, clock in enumerate(("wall clock", "CPU time")):
        base, cli = statistics.median(r[i] for r in warm), statistics.median(r[i] for r in command)
        print(f"by {clock}, one core: warm extractor in-process (baseline) {base:.1f} documents/s "
              f"(runs: {', '.join(f'{r[i]:.1f}' for r in warm)}); supplygraph extract FOLDER --format json --jobs 1 {cli:.1f} documents/s "
              f"(runs: {', '.join(f'{r[i]:.1f}' for r in command)}), start-up and output included; ratio {cli / base:.2f}")  # fmt: skip
    print(f"start-up: supplygraph extract over one document {statistics.median(w for w, _ in start):.2f} s by wall clock, "
          f"{statistics.median(c for _, c in start):.2f} s by CPU time (runs: {', '.join(f'{c:.2f}' for _, c in start)})")  # fmt: skip
    base = statistics.median(r[0] for r in warm)
    wall, cpu = statistics.median(r[0] for r in every), statistics.median(r[1] for r in every)
    print(f"on {len(cores)} cores, default --jobs: supplygraph extract FOLDER --format json {wall:.1f} documents/s by wall clock "
          f"(runs: {', '.join(f'{r[0]:.1f}' for r in every)}; ratio to the one-core warm extractor {wall / base:.2f}), "
          f"{cpu:.1f} by the CPU time of all its processes (runs: {', '.join(f'{r[1]:.1f}' for r in every)})")  # fmt: skip
    print("target: the command >= 50 documents/s, start-up included; the warm extractor well above 50 documents/s")


if __name__ == "__main__":
    main()

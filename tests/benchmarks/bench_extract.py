"""Extraction throughput on 700-word documents, on one core.

Builds documents of 700 words from the project's sample articles (repeated
sentences with the organisation names varied, so every document has new
names to find), extracts each one with a warm extractor, and prints documents
per second: the median of several runs. Target: at least 50 documents/second.

Run: ``.venv/bin/python tests/benchmarks/bench_extract.py [--documents 200] [--runs 5]``
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = documents(args.documents)
    words = sum(len(t.split()) for d in docs for t, _ in d) / len(docs)
    started = time.perf_counter()
    extractor = Extractor(Gazetteer())
    build = time.perf_counter() - started
    extractor.extract(docs[0])  # warm up
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        relations = sum(len(extractor.extract(d).relations) for d in docs)
        rates.append(len(docs) / (time.perf_counter() - started))
    print(f"extractor built in {build * 1000:.0f} ms (blank spaCy pipeline, {len(extractor._phrase_ids)} vocabulary entities)")
    print(f"{len(docs)} documents of {words:.0f} words, {relations} relations per run, one core")
    print(f"throughput: median {statistics.median(rates):.1f} documents/second "
          f"(runs: {', '.join(f'{r:.1f}' for r in rates)}); target >= 50")  # fmt: skip


if __name__ == "__main__":
    main()

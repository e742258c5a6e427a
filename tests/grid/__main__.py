"""Print the construction grid's table: ``python -m tests.grid`` (``--failures CELL`` lists a cell's failing
sentences, ``--write-floors`` records today's pass counts as the floors tests/test_grid.py holds)."""

from __future__ import annotations

import argparse
import json
import time

from supplygraph.loaders.extraction import Extractor

from . import FLOORS_FILE, NEGATIVE, cases, cell, gazetteer, run, table


def _print(title: str, rows: list) -> None:
    print(f"\n{title:<44} {'sentences':>9} {'passed':>7} {'rate':>6} {'stated':>7} {'found':>6} {'false':>6}")
    total = [0, 0, 0, 0, 0]
    for name, n, passed, stated, found, false in rows:
        print(f"{name:<44} {n:>9} {passed:>7} {passed / n:>6.2f} {stated:>7} {found:>6} {false:>6}")
        total = [t + v for t, v in zip(total, (n, passed, stated, found, false))]
    n, passed, stated, found, false = total
    print(f"{'all':<44} {n:>9} {passed:>7} {passed / n:>6.2f} {stated:>7} {found:>6} {false:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.grid")
    parser.add_argument("--failures", metavar="TEXT", help="list the failing sentences of the cells whose name has TEXT")
    parser.add_argument("--write-floors", action="store_true", help="record each cell's passes as its floor")
    args = parser.parse_args()
    grid = cases()
    extractor = Extractor(gazetteer())
    start = time.process_time()
    results = run(extractor, grid)
    print(f"{len(grid)} sentences, {time.process_time() - start:.1f} s of CPU")
    positive = [r for r in results if r.case.construction not in NEGATIVE]
    negative = [r for r in results if r.case.construction in NEGATIVE]
    _print("positive, by construction", sorted(table(positive, lambda c: c.construction)))
    _print("negative (must yield nothing), by construction", sorted(table(negative, lambda c: c.construction)))
    _print("positive, by family / trigger set", sorted(table(positive, lambda c: f"{c.family} / {c.trigger_set}")))
    _print("negative, by family / trigger set", sorted(table(negative, lambda c: f"{c.family} / {c.trigger_set}")))
    _print("positive, by the subject's shape", sorted(table(positive, lambda c: c.shape)))
    cells = sorted(table(results, cell), key=lambda row: (row[2] - row[1], row[0]))
    _print("cells with a failure, largest first (construction x trigger set)", [c for c in cells if c[2] < c[1] or c[5]])
    if args.failures:
        for r in results:
            if args.failures in cell(r.case) and not r.passed:
                print(f"\n{cell(r.case)} [{r.case.word}] {r.case.text}")
                for fact in r.missed:
                    print("    missed", fact.type, fact.source, "->", fact.target, fact.material or "", fact.stake or "")
                for fact in r.false:
                    print("    false ", *fact)
    if args.write_floors:
        floors = {name: passed for name, n, passed, *_ in sorted(table(results, cell))}
        FLOORS_FILE.write_text(json.dumps(floors, indent=0, sort_keys=True) + "\n")
        print(f"\nfloors written to {FLOORS_FILE}")


main()

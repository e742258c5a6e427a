"""The construction grid for relations (tests/grid): every trigger word of every relation family in every sentence
construction it fits, each cell held to the passes it had when its floor was last recorded, so that a rule change
that loses a construction somewhere fails here even when no tuning document uses it."""

from __future__ import annotations

import json

import pytest

from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction.vocabulary import Vocabulary

from .grid import FLOORS_FILE, FRAMES, NEGATIVE, cases, cell, gazetteer, run, table


@pytest.fixture(scope="module")
def results():
    return run(Extractor(gazetteer()), cases())


def test_no_cell_of_the_grid_falls_below_its_floor(results):
    floors = json.loads(FLOORS_FILE.read_text())
    passes = {name: passed for name, _, passed, *_ in table(results, cell)}
    below = {name: (passes.get(name, 0), floor) for name, floor in floors.items() if passes.get(name, 0) < floor}
    failing = [f"{cell(r.case)}: {r.case.text}" for r in results if cell(r.case) in below and not r.passed]
    assert not below, (below, failing[:20])


def test_hedged_negated_and_talks_yield_nothing(results):
    """Three of the four negative constructions hold everywhere today; conditionals have their floor."""
    wrong = [(r.case.text, r.false) for r in results if r.case.construction in ("hedged", "negated", "talks") and r.false]
    assert not wrong, wrong[:10]


def test_every_trigger_word_is_put_in_sentences_and_a_new_one_is_tested_without_code(tmp_path):
    grid = cases()
    for frame in FRAMES:
        vocabulary = Vocabulary()
        words = {w for w in getattr(vocabulary, frame.trigger_set) if w not in frame.skip
                 and (frame.only is None or w in frame.only)}  # fmt: skip
        assert words <= {c.word for c in grid if c.trigger_set == frame.trigger_set}, frame.trigger_set
    extra = tmp_path / "more.jsonl"
    extra.write_text('{"label": "SUPPLY_VERBS", "pattern": "furnishes"}\n')
    added = [c for c in cases(Vocabulary([extra])) if c.word == "furnishes"]
    assert {"active", "relative", "insertion", "object-coord", "negated"} <= {c.construction for c in added}
    assert all(c.expected for c in added if c.construction not in NEGATIVE)

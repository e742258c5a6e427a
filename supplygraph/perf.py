"""Helpers for bulk work on hundreds of thousands of records."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk step.

    Reading or writing half a million records allocates millions of small
    objects and none of them form cycles that need collecting; with the
    collector running, each generation-2 pass rescans all of them, which made
    a 500k-fact load about 40 % slower (measured with tests/benchmarks/bench_load.py).

    On the way out, what the step created joins the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object there
    without examining it): otherwise the first young collection after the
    pause scans the millions of objects the step left alive, about a second
    at the end of each of reading and writing 500k facts. Cycles among them
    are still collected, by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()

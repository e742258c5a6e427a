"""supplygraph.perf: the collector pause around bulk steps."""

from __future__ import annotations

import gc
import weakref

from supplygraph.perf import paused_gc


class _Node:
    pass


def test_paused_gc_restores_the_collector_and_cycles_made_inside_are_still_collected():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        cycle = _Node()
        cycle.self = cycle
        alive = weakref.ref(cycle)
        del cycle
    assert gc.isenabled()
    assert alive() is not None, "no collection ran inside the pause"
    gc.collect()
    assert alive() is None

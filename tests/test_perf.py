"""supplygraph.perf: the collector pause around bulk steps, and the ordered map on forked workers."""

from __future__ import annotations

import gc
import os
import sys
import weakref

import pytest

from supplygraph.perf import ordered_map, paused_gc


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


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="ordered_map forks its workers on Linux and other Unixes only")
def test_ordered_map_gives_results_in_order_from_forked_workers_that_share_the_set_up():
    built = {n: n * n for n in range(50)}  # a set-up made before the fork; the function is never pickled (a closure)
    results = list(ordered_map(lambda n: (built[n], os.getpid()), range(50), jobs=2))
    assert [square for square, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid in results}, "the items were computed by the workers"
    assert list(ordered_map(lambda n: (n, os.getpid()), range(3), jobs=1)) == [(n, os.getpid()) for n in range(3)]


def test_ordered_map_raises_an_items_error_after_the_results_before_it():
    def check(n: int) -> int:
        if n == 5:
            raise ValueError(f"bad item {n}")
        return n

    got = []
    with pytest.raises(ValueError, match="bad item 5"):
        for n in ordered_map(check, range(20), jobs=2):
            got.append(n)
    assert got == [0, 1, 2, 3, 4]

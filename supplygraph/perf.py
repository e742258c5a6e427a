"""Helpers for speed: bulk work on hundreds of thousands of records, and a start-up that imports only what runs."""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.util
import multiprocessing
import os
import signal
import sys
import types
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any


class _LazyModule:
    """Stands for a module and imports it on first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """The module ``name``, imported on first attribute access instead of now.

    ``supplygraph --help`` would otherwise import every command's library
    (networkx, pydantic's models, spaCy, the Neo4j driver) before printing a
    line: 0.3 s against 0.02 s for Python itself. The CLI reaches the
    library through these stand-ins, so each command imports what it uses
    when it runs. (A stand-in, not ``importlib.util.LazyLoader``: a lazy entry
    in ``sys.modules`` is imported by anything that walks ``sys.modules``,
    such as ``inspect.getmodule``, in the middle of another import.) Write
    the plain import under ``TYPE_CHECKING`` beside the call, so readers and
    ``tests/test_layers.py`` still see the dependency.
    """
    return _LazyModule(name)


def import_spacy() -> Any:
    """spaCy, imported without its command line.

    ``import spacy`` imports ``spacy.cli`` (for ``spacy.info``), and with it
    the model downloader, weasel, typer, requests and httpx: about a quarter
    of a second of ``supplygraph extract``'s start-up, for code that never
    runs in it. Stand-ins for ``spacy.cli`` and ``spacy.cli.info`` in
    ``sys.modules`` make that import a no-op; the first attribute read from
    either (``spacy.cli.download``, ``spacy.info()``) drops the stand-ins
    and imports the real command line, so any caller still gets it.
    """
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.origin is not None:
            cli = _SpacyCli("spacy.cli")
            cli.__path__ = [str(Path(spec.origin).parent / "cli")]  # its submodules import as usual
            info = _SpacyCli("spacy.cli.info")
            info.info = _spacy_info  # what ``spacy/__init__.py`` imports from it
            sys.modules.setdefault("spacy.cli", cli)
            sys.modules.setdefault("spacy.cli.info", info)
    import spacy

    return spacy


class _SpacyCli(types.ModuleType):
    """Stands for ``spacy.cli`` (or a module of it) until something reads from it."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(_real_spacy_cli(self.__name__), attribute)


def _real_spacy_cli(name: str) -> Any:
    for stand_in in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(stand_in), _SpacyCli):
            del sys.modules[stand_in]
    return importlib.import_module(name)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, from the real command line."""
    return _real_spacy_cli("spacy.cli.info").info(*args, **kwargs)


def consume(calls: Iterable[Any]) -> None:
    """Run a lazy ``map`` of calls for their effect, at C speed: ``map(setitem, dicts, ...)`` sets a key in a thousand
    dicts without a bytecode per dict (no list of results kept)."""
    deque(calls, maxlen=0)


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


def usable_cores() -> int:
    """The number of cores this process may run on (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def ordered_map(function: Callable[[Any], Any], items: Iterable[Any], jobs: int) -> Generator[Any, None, None]:
    """``function(item)`` for each item, in the items' order, computed by up to ``jobs`` forked worker processes.

    For independent items behind a costly set-up (extraction: spaCy and the
    gazetteer's phrase patterns, about a second before the first document):
    the caller sets up first, and the workers are forked from it with
    everything built, so the set-up is paid once whatever the number of
    workers. Results come back in order as they are ready; an error raised
    for an item is raised here when its turn comes, after the results before
    it. With ``jobs`` <= 1, one item, or no safe ``fork`` on this platform
    (Windows has none; on macOS system libraries can crash in a forked child,
    which is why Python stopped forking by default there), the items are
    computed here, one after the other.
    """
    items = list(items)
    jobs = min(jobs, len(items))
    if jobs <= 1 or sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    gc.freeze()  # what the set-up built stays out of the workers' collections (and their pages shared)
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker, initargs=(function,))
        with pool:  # leaving early (an error, Ctrl-C, a closed pipe) terminates the workers
            yield from pool.imap(_call_worker, items)
    finally:
        gc.unfreeze()


_WORKER_FUNCTION: list[Callable[[Any], Any]] = []
"""A worker process's function (set when the worker starts: inherited through the fork, never pickled)."""


def _start_worker(function: Callable[[Any], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report, once
    _WORKER_FUNCTION.append(function)


def _call_worker(item: Any) -> Any:
    return _WORKER_FUNCTION[0](item)

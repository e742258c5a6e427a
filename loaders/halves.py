"""A big CSV facts table read on two cores: the first part in this process, the rest in a forked worker.

Reading and validating a facts table is pure Python, one row at a time
(:func:`~supplygraph.schema.table.fact_rows`): 500,000 facts take about 2.5 s
of one core while the other one idles. The rows are independent of each
other until the checks that need every row (ids, keys given twice:
:func:`~supplygraph.schema.table.table_of`), so the file is cut at a line
end near its middle and each process reads one part; the worker sends its
rows back as plain tuples (pickled: about 0.3 s of CPU for 250,000 rows) and
this process joins the parts in file order. The table is the one a single
process reads: the same rows, values, keys and lines
(``tests/test_halves.py``).

Why not write while reading (a pipeline: the store writes part N while the
worker reads part N+1)? A first load writes the edges in key order, which
keeps the insert and every later read by key sequential, and the order is
known only when every row is read; the checks that keep a bad file out of
the store also need every row. So both cores read, then one writes.

Only ever an optimisation, never a second set of rules:

- a part that needs the record-by-record path (:func:`fact_rows` gives None,
  or the CSV is malformed) sends the whole file there, as one process does,
  and that path gives the error at its line;
- a cut that falls inside a quoted cell (a record that starts in the first
  part ends in the second), a worker that dies or fails, a platform without
  ``fork``: the file is read again in one process;
- an error or interrupt in this process kills the worker and waits for it
  (no process is left behind); the worker ignores Ctrl-C, which its parent
  handles.

A file under :data:`SPLIT_CHARS` characters is read in one process: forking
and sending rows back would cost more than they save. So is any file when no
core is free (:func:`core_free`): the worker would wait for a core, and the
two parts cost more CPU than one (the rows sent back, two processes sharing
the caches).
"""

from __future__ import annotations

import contextlib
import csv
import io
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Sequence
from functools import partial
from operator import itemgetter
from typing import Any

from supplygraph.schema.table import FactRow, FactRows, FactTable, fact_rows, fact_table, table_of

SPLIT_CHARS = 4_000_000
"""Facts tables of at least this many characters (about 40,000 rows) are read on two cores."""
FIRST_SHARE = 0.45
"""The share of the file this process reads: a little less than half, as it also unpickles the worker's rows."""
_AGAIN = "again"
"""What the worker sends when it failed for a reason of its own: the file is then read in one process."""


def can_split() -> bool:
    """Whether a worker can start as a fork of this process (Linux): it then shares the decoded text for free."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def core_free() -> bool:
    """Whether a core is free for the worker: the load average over the last minute (this process included) leaves
    at least half a core of those this process may run on. On a machine whose cores are all busy, the worker only
    waits for a core, and both parts cost more CPU than one process reading the whole (500,000 facts at load
    average 12 on 2 cores: 3.9 s against 2.7 s, and no sooner)."""
    return os.getloadavg()[0] < len(os.sched_getaffinity(0)) - 0.5


def cut(text: str) -> tuple[int, int] | None:
    """Where to cut ``text``: the offset after a line end near :data:`FIRST_SHARE` of it, and the number of lines before it; None
    when the file has carriage returns that are not part of a CRLF (``csv`` counts them as line ends; ``\\n`` alone
    would count the lines wrong)."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    offset = text.find("\n", int(len(text) * FIRST_SHARE)) + 1
    if offset <= 0 or offset >= len(text):
        return None
    return offset, text.count("\n", 0, offset)


def fact_table_split(name: str, header: Sequence[str], reader: Any, text: str, lists: dict[str, str]) -> FactTable | None:
    """:func:`~supplygraph.schema.table.fact_table` over ``reader`` (a ``csv.reader`` over ``text``, past the header),
    read on two cores when ``text`` is big enough and the platform can fork; the same table (or None) either way."""
    where = cut(text) if len(text) >= SPLIT_CHARS and can_split() and core_free() else None
    if where is None or where[1] <= reader.line_num:
        return fact_table(name, header, reader, lists)
    offset, lines = where
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_read_rest, args=(send, header, text, offset, lines, lists), daemon=True)
    worker.start()
    send.close()
    rest: Any = _AGAIN
    try:
        first = fact_rows(header, reader, lists, stop=lines, keep_keys=True)
        if first is None:
            return None
        if first.last_line != lines:  # the cut is inside a quoted cell: read in one process
            return _again(name, header, text, lists)
        with contextlib.suppress(EOFError):  # (the worker died: read in one process)
            rest = pickle.loads(receive.recv_bytes())
        if rest == _AGAIN:
            return _again(name, header, text, lists)
        if rest is None:
            return None
        return table_of(name, [first, _unpacked(rest)])
    finally:
        receive.close()
        if rest == _AGAIN:  # nothing received (an error, an interrupt, a cut inside a cell): it may still be reading
            worker.kill()
        worker.join()


def _again(name: str, header: Sequence[str], text: str, lists: dict[str, str]) -> FactTable | None:
    """The table read from the start of ``text`` in this process alone."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    return fact_table(name, header, reader, lists)


def _read_rest(send: Any, header: Sequence[str], text: str, offset: int, lines: int, lists: dict[str, str]) -> None:
    """The worker: read the rows from ``offset`` (line ``lines`` + 1) and send them as plain tuples, None when the file
    needs the record-by-record path, or :data:`_AGAIN`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it
    try:
        part = fact_rows(header, csv.reader(io.StringIO(text[offset:], newline="")), lists, first_line=lines)
        answer: Any = None if part is None else _packed(part)
    except csv.Error:
        answer = None
    except Exception:  # noqa: BLE001 - any failure of its own: the parent reads the file alone
        answer = _AGAIN
    send.send_bytes(answer if isinstance(answer, bytes) else pickle.dumps(answer))
    send.close()


def _packed(part: FactRows) -> bytes:
    """The rows as columns, pickled without a memo (a memo entry per string cost more than the rest of the pickle):
    the cells rows share (type, sources, confidence, properties: one set per distinct ``props`` dict, whose
    identity :func:`~supplygraph.graph.stores.sqlite_rows.table_edge_rows` relies on) once, each row's own
    (ends, evidence, key, line) as one list per column."""
    rows = part.rows
    groups = list(map(id, map(itemgetter(6), rows)))
    first = dict(zip(groups, rows))
    number = {group: n for n, group in enumerate(first)}
    shared = pickle.dumps([itemgetter(0, 3, 5, 6)(row) for row in first.values()], protocol=pickle.HIGHEST_PROTOCOL)
    columns = ([number[g] for g in groups], *(list(map(itemgetter(i), rows)) for i in (1, 2, 4, 7, 8)))
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: the columns hold no object twice that needs to stay one object
    pickler.dump((shared, columns, part.ends, part.documents, part.last_line))
    return buffer.getvalue()


def _unpacked(packed: tuple) -> FactRows:
    """The rows :func:`_packed` sent (unpickled), as :func:`fact_rows` read them."""
    shared, (groups, sources, targets, evidence, keys, lines), ends, documents, last = packed
    shared = pickle.loads(shared)
    kinds, docs, confidence, props = (list(map(column.__getitem__, groups)) for column in map(list, zip(*shared)))
    rows = list(map(partial(tuple.__new__, FactRow), zip(kinds, sources, targets, docs, evidence, confidence, props, keys, lines)))
    return FactRows(rows, ends, documents, last)

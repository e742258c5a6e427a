"""Rendering rows for people (table, Markdown) and programs (JSON): text only, usable from every layer."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain, repeat
from operator import add
from typing import Any

FORMATS = ("table", "markdown", "json")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def some_of(names: Sequence[str], total: int | None = None) -> str:
    """'A, B and 3 more': ``names`` (those shown) and how many of ``total`` (default: as many as shown) they leave out."""
    more = (len(names) if total is None else total) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


PIPED_WIDTH = 100
"""Columns that text output wraps at when it goes to a pipe or a file and ``COLUMNS`` is not set."""


def output_width() -> int:
    """How wide text output may be: ``$COLUMNS`` when set, else the terminal's width, else :data:`PIPED_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 40)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((PIPED_WIDTH, 24)).columns
    return PIPED_WIDTH


def wrap(text: str, width: int | None = None, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` as lines of at most ``width`` columns (:func:`output_width` by default), the first after ``first``."""
    width = width or output_width()
    first = indent if first is None else first
    return textwrap.wrap(" ".join(text.split()), width, initial_indent=first, subsequent_indent=indent,
                         break_on_hyphens=False) or [first.rstrip()]  # fmt: skip


def clip(text: str, width: int | None = None) -> str:
    """``text`` on one line of at most ``width`` columns, cut with an ellipsis when longer."""
    width = width or output_width()
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, markdown: bool = False, width: int | None = None) -> str:
    """Rows as an aligned text table that fits ``width`` columns (:func:`output_width` by default), or Markdown.

    Columns too wide to fit are narrowed, widest first, and their cells
    wrapped onto more lines; numbers are never wrapped.
    """
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    if markdown:
        escape = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in cells]
        return "\n".join(lines)
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    numeric = [bool(rows) and all(_is_number(row.get(c)) or row.get(c) is None for row in rows) for c in columns]
    # A column narrows no further than its longest word (up to 48 columns): ids and names stay whole where they can.
    floors = [max(6, *map(len, c.split() or [""]), min(48, max((len(w) for row in cells for w in row[i].split()), default=0)))
              for i, c in enumerate(columns)]  # fmt: skip
    _fit(widths, numeric, floors, (width or output_width()) - 2 * (len(columns) - 1))

    def fmt(values: Sequence[str]) -> list[str]:
        wrapped = [textwrap.wrap(v, w, break_on_hyphens=False) or [""] if len(v) > w else [v] for v, w in zip(values, widths)]
        return [
            "  ".join((parts[i] if i < len(parts) else "").rjust(w) if num else (parts[i] if i < len(parts) else "").ljust(w)
                      for parts, w, num in zip(wrapped, widths, numeric)).rstrip()
            for i in range(max(map(len, wrapped)))
        ]  # fmt: skip

    lines = [*fmt(columns), *fmt(["-" * w for w in widths])]
    for row in cells:
        lines += fmt(row)
    return "\n".join(lines)


def _fit(widths: list[int], numeric: list[bool], floors: list[int], room: int) -> None:
    """Narrow the widest text columns, in place, down to their ``floors``, until they fit in ``room``; failing that,
    narrow the columns after the first below their floors (their words then wrap mid-word) rather than overflow.
    The first column, which names the row (an id, a name), keeps its floor."""
    last_resort = [w if n or i == 0 else 6 for i, (w, n) in enumerate(zip(floors, numeric))]
    while sum(widths) > room:
        text = [i for i, w in enumerate(widths) if not numeric[i] and w > floors[i]]
        if not text:
            if floors == last_resort:
                return
            floors[:] = last_resort
            continue
        widest = max(text, key=lambda i: widths[i])
        others = sorted((widths[i] for i in text if i != widest), reverse=True)
        target = max(floors[widest], others[0] if others else 0, widths[widest] - (sum(widths) - room))
        widths[widest] = target if target < widths[widest] else widths[widest] - 1


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_JSON = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)


def to_json(data: Any) -> str:
    return _JSON.encode(data)


def json_pieces(data: Any, chunk: int = 65_536) -> Iterator[str]:
    """:func:`to_json`'s text in pieces of about ``chunk`` characters, for writing as it is made.

    ``json.dumps`` with an indent keeps every token (millions for a report
    on a million edges) and then the whole text: a few hundred MiB at the
    peak of the 1M-edge report. Pieces are joined into the same text. The
    text is made by :func:`_text` (one string per value, not one generator
    step per token: the standard library's indented encoder is pure Python,
    3.2 s of CPU for the 85 MB of that report); the two outer levels are
    walked here, so no more than one row's text is held at a time.
    """
    pending: list[str] = []
    size = 0
    for piece in _outer_pieces(data, 0):
        pending.append(piece)
        size += len(piece)
        if size >= chunk:
            yield "".join(pending)
            pending.clear()
            size = 0
    yield "".join(pending)


def _outer_pieces(value: Any, level: int) -> Iterator[str]:
    """The text of ``value`` at indent ``level``, by items for the first two levels of containers."""
    if level >= 2 or not value or not isinstance(value, (dict, list, tuple)):
        yield _text(value, level)
        return
    inner = "\n" + "  " * (level + 1)
    if level == 1 and not isinstance(value, dict):  # the rows of a table (115k concentration rows at 1M edges)
        yield "["
        for start in range(0, len(value), _BATCH):
            yield ("," if start else "") + inner + ("," + inner).join(_item_texts(value[start:start + _BATCH], level + 1))
        yield "\n" + "  " * level + "]"
        return
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    yield "{" if isinstance(value, dict) else "["
    for i, (key, item) in enumerate(items):
        yield ("," if i else "") + inner + ("" if key is None and not isinstance(value, dict) else _key(key) + ": ")
        yield from _outer_pieces(item, level + 1)
    yield "\n" + "  " * level + ("}" if isinstance(value, dict) else "]")


_BATCH = 512
"""Rows of a table written together (:func:`_item_texts`): a few hundred KiB of text held at a time."""


def _item_texts(items: Sequence[Any], level: int) -> list[str]:
    """Each item's :func:`_text` at ``level``; dicts with the same keys in the same order, column by column.

    A table's rows share their keys, and most of a column's values share
    their type: a column of strings, ints or finite floats is encoded by one
    C-level ``map`` (the standard encoder's own functions), and each row is
    one ``%`` of a template made once, so the per-value Python step of
    :func:`_text` is left to mixed and nested values. The text is the same,
    character for character.
    """
    first = items[0] if items else None
    if type(first) is not dict or not first or any(type(row) is not dict for row in items):
        return [_text(item, level) for item in items]
    keys = tuple(first)
    if any(tuple(row) != keys for row in items):
        return [_text(item, level) for item in items]
    inner = "\n" + "  " * (level + 1)
    template = "{" + inner + ("," + inner).join(_KEYS[k].replace("%", "%%") + ": %s" for k in keys) + "\n" + "  " * level + "}"
    columns = [_column_texts([row[k] for row in items], level + 1) for k in keys]
    return list(map(template.__mod__, zip(*columns)))


_NON_FINITE = frozenset(map(float.__repr__, (float("nan"), float("inf"), float("-inf"))))


def _column_texts(values: list, level: int) -> list[str]:
    """Each value's :func:`_text` at ``level``: by one ``map`` of a C function where the values share one type."""
    kinds = set(map(type, values))
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is str:
            return list(map(_encode_string, values))
        if kind is int:
            return list(map(int.__repr__, values))
        if kind is float:
            texts = list(map(float.__repr__, values))
            return texts if _NON_FINITE.isdisjoint(texts) else list(map(_float, values))
        if kind is type(None):
            return ["null"] * len(values)
        if kind is list and set(map(type, chain.from_iterable(values))) <= {str}:  # lists of ids: a row's sources
            inner = "\n" + "  " * (level + 1)
            between, close = "," + inner, "\n" + "  " * level + "]"
            return ["[" + inner + between.join(map(_encode_string, v)) + close if v else "[]" for v in values]
    elif kinds == {float, type(None)}:  # a figure that may be missing
        text = float.__repr__
        texts = ["null" if v is None else text(v) for v in values]
        if _NON_FINITE.isdisjoint(texts):
            return texts
    scalars, text = _SCALARS, _text
    return [s(v) if (s := scalars.get(type(v))) is not None else text(v, level) for v in values]


_encode_string = json.encoder.encode_basestring  # what the encoder uses with ensure_ascii=False


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as the standard encoder writes it (strings; numbers, booleans and None as JSON text)."""
    if isinstance(key, str):
        return _encode_string(key)
    if isinstance(key, float):
        return _encode_string(_float(key))
    if key is True or key is False or key is None:
        return _encode_string(json.dumps(key))
    if isinstance(key, int):
        return _encode_string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _text(value: Any, level: int) -> str:
    """``value`` as :data:`_JSON` writes it at indent ``level``, character for character (``default=str``)."""
    scalar = _SCALARS.get(type(value))  # the exact type first: one lookup instead of a chain of isinstance
    if scalar is not None:
        return scalar(value)
    # Items that are scalars of an exact type are written in place (no call of this function per value) and
    # string keys come from a memo: a report repeats a few dozen keys millions of times.
    scalars, text, deeper = _SCALARS, _text, level + 1
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * deeper
        if len(value) >= _COLUMNS:  # a table or a list of ids deeper down (a scenario's 16k end uses at 1M edges)
            items = _item_texts(value, deeper) if type(value[0]) is dict else _column_texts(list(value), deeper)
        else:
            items = [s(v) if (s := scalars.get(type(v))) is not None else text(v, deeper) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * deeper
        if len(value) >= _COLUMNS and set(map(type, value)) == {str}:  # keyed by ids (a scenario's 98k materials' losses)
            items = list(map(add, map(add, map(_encode_string, value), repeat(": ")), _column_texts(list(value.values()), deeper)))
        else:
            keys = _KEYS
            items = [keys[k] + ": " + (s(v) if (s := scalars.get(type(v))) is not None else text(v, deeper)) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * level + "}"
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return _text(str(value), level)


_COLUMNS = 64
"""From this many items on, a list of dicts or a dict keyed by strings is written column by column (:func:`_item_texts`,
:func:`_column_texts`): one C-level ``map`` per column instead of a Python step per value."""

_SCALARS = {str: _encode_string, int: int.__repr__, float: _float, bool: lambda v: "true" if v else "false", type(None): lambda _: "null"}


class _Keys(dict):
    """A dict key's text by :func:`_key`, string keys kept (a string never equals a number, so ``1`` and ``True`` stay apart)."""

    def __missing__(self, key: Any) -> str:
        encoded = _key(key)
        if type(key) is str and len(self) < 4096:  # the keys of rows; not every id of a dict keyed by ids
            self[key] = encoded
        return encoded


_KEYS = _Keys()

"""The user's cache folder, and the YAML files every ``extract`` reads, parsed once and kept there as JSON.

Each run of ``extract`` reads the vocabulary's knowledge files (``knowledge/*.yaml``: the sector's companies,
sites, policies, bodies, materials, not-parties) and the trigger words (``extraction/patterns/triggers.yaml``).
libyaml parses about 4 MB/s of these flow-style lists: 34 ms of every start-up once session 16's knowledge files had
grown to 200 kB, where ``json.loads`` reads the same data in 3 ms (docs/scale.md, session 16). :func:`yaml_data`
keeps each file's parse as JSON under a digest of the file's text, so a changed file is only not found (it is parsed
and kept again); the parse is kept only where JSON gives back exactly what YAML gave (the same types, dates
tagged), else the file is parsed each time as before. Reading a kept file needs no ``import yaml``. The knowledge
files are read through :func:`yaml_file`, once a process each (:func:`.lexicon._knowledge`, which :mod:`.policies`
and :mod:`.facilities` read through too).

The folder is ``$SUPPLYGRAPH_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/supplygraph``, else
``~/.cache/supplygraph``; the phrase patterns (:mod:`.extraction.phrases`) are kept there too.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

YAML_FORMAT = b"supplygraph yaml as json 1\n"
"""Part of every kept file's digest: a new layout gets a new version here."""
YAML_KEEP = 32
"""Parsed files kept (the newest): one per version of each file read."""
_DATE = "\0date"
"""The key of ``{"\\0date": "2024-12-03"}``, how a kept file writes a date YAML read (JSON has none)."""


def cache_dir() -> Path | None:
    """Where the cache files go, or None for no cache (``SUPPLYGRAPH_CACHE_DIR`` set and empty)."""
    own = os.environ.get("SUPPLYGRAPH_CACHE_DIR")
    if own is not None:
        return Path(own) if own else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "supplygraph" if xdg else Path.home() / ".cache" / "supplygraph"


def yaml_data(text: str) -> Any:
    """``text`` parsed by YAML's safe loader (libyaml's where it is installed), from the cache when it holds this
    text's parse. A text that is not YAML raises :func:`yaml_error`'s exception, as the loader does."""
    folder = cache_dir()
    if folder is None:
        return _parse(text)
    digest = hashlib.sha256(YAML_FORMAT + _parser_stamp() + text.encode("utf-8")).hexdigest()[:40]
    path = folder / f"yaml-{digest}.json"
    try:
        kept = json.loads(path.read_bytes())
        return _decode(kept["data"]) if kept["dates"] else kept["data"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not kept yet (or not whole): parse it
    data = _parse(text)
    _keep(path, data)
    return data


@functools.cache
def yaml_file(path: Path) -> Any:
    """The YAML file at ``path`` (a knowledge file), read and parsed once a process: :func:`yaml_data` of its text,
    so its parse is kept in the user's cache for the next process. Callers share the one parse: never change it."""
    return yaml_data(path.read_text(encoding="utf-8"))


def yaml_error() -> type[Exception]:
    """The exception a text that is not YAML raises (imports YAML: write it as an ``except`` clause's expression,
    which Python evaluates only when an exception is on its way)."""
    import yaml

    return yaml.YAMLError


def _parse(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def _parser_stamp() -> bytes:
    """The installed YAML package (where, its size and time): another version's parse is another file's."""
    spec = importlib.util.find_spec("yaml")
    origin = spec.origin if spec is not None and spec.origin else ""
    with contextlib.suppress(OSError):
        stat = os.stat(origin)
        return f"{origin}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
    return b"\n"


class _NotJson(Exception):
    """A value JSON cannot give back as it is (a set, a time, a key that is no string...)."""


def _encode(value: Any) -> tuple[Any, bool]:
    """``value`` as JSON's values, and whether it holds a date (:data:`_DATE`); :class:`_NotJson` if it cannot be."""
    kind = value.__class__
    if kind is str or kind is int or kind is bool or value is None:
        return value, False
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotJson(value)
        return value, False
    if kind is datetime.date:
        return {_DATE: value.isoformat()}, True
    if kind is list:
        items = [_encode(v) for v in value]
        return [v for v, _ in items], any(d for _, d in items)
    if kind is dict:
        if any(k.__class__ is not str for k in value) or _DATE in value:
            raise _NotJson(value)
        items = {k: _encode(v) for k, v in value.items()}
        return {k: v for k, (v, _) in items.items()}, any(d for _, d in items.values())
    raise _NotJson(value)


def _decode(value: Any) -> Any:
    if value.__class__ is list:
        return [_decode(v) for v in value]
    if value.__class__ is dict:
        if len(value) == 1 and _DATE in value:
            return datetime.date.fromisoformat(value[_DATE])
        return {k: _decode(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types throughout (``1 == 1.0 == True`` for ``==``)."""
    if a.__class__ is not b.__class__:
        return False
    if a.__class__ is list:
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if a.__class__ is dict:
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def _keep(path: Path, data: Any) -> None:
    """Write ``data`` as ``path`` (whole or not at all: beside it, then renamed) if JSON gives it back exactly; remove
    the oldest kept parses beyond :data:`YAML_KEEP`. A folder that cannot be written leaves no file and no error."""
    try:
        encoded, dates = _encode(data)
    except (_NotJson, RecursionError):
        return
    text = json.dumps({"dates": dates, "data": encoded}, ensure_ascii=False)
    back = json.loads(text)
    if not _same(_decode(back["data"]) if dates else back["data"], data):
        return
    write_kept(path, text.encode("utf-8"), "yaml-*.json", YAML_KEEP)


def write_kept(path: Path, data: bytes, pattern: str, keep: int) -> None:
    """Write ``data`` as ``path`` (whole or not at all: beside it, then renamed) and remove the oldest files of the
    folder that match ``pattern`` beyond the newest ``keep``. A folder that cannot be written leaves no file and no
    error: a cache that cannot be kept only costs time."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")  # (two processes writing at once each write their own)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        os.replace(part, path)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        return
    files = []
    for other in path.parent.glob(pattern):
        with contextlib.suppress(OSError):  # (removed by another process meanwhile)
            files.append((other.stat().st_mtime, other))
    for _, old in sorted(files, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)

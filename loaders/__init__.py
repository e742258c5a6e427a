"""Loaders: each reads one kind of input and emits schema records through a :class:`Context`.

Loaders never touch a store. ``LOADERS`` is the explicit registry of file
suffixes to loader functions; ``read_paths`` expands folders and reads every
file it knows into one :class:`~supplygraph.schema.LoadUnit` per file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from supplygraph.errors import LoadError, NotFound
from supplygraph.schema import LoadUnit

from .context import Context
from .curated import load_csv, load_yaml
from .documents import DOCUMENT_SUFFIXES, load_document
from .gazetteer import Gazetteer

Loader = Callable[[Context], None]

LOADERS: dict[str, Loader] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".csv": load_csv,
    **{suffix: load_document for suffix in DOCUMENT_SUFFIXES},
}
"""File suffix -> loader. Document loaders register ``.txt``, ``.md`` and ``.html``."""


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus every file with a known suffix under folders named, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LOADERS))
        elif path.exists():
            if path.suffix.lower() not in LOADERS:
                raise LoadError(f"unknown kind of file {path.suffix or '(no suffix)'!r} (known: {', '.join(LOADERS)})", where=str(path))
            files.append(path)
        else:
            raise NotFound(f"no such file or folder: {path}")
    return files


def read_file(path: Path, known: Gazetteer | None = None) -> LoadUnit:
    """Read one file with the loader its suffix names; documents resolve names through ``known``."""
    ctx = Context(path, known)
    LOADERS[path.suffix.lower()](ctx)
    return ctx.unit


def read_paths(paths: Iterable[str | Path], known: Gazetteer | None = None) -> list[LoadUnit]:
    """Read every file under ``paths``; the first error stops with its file and line."""
    return [read_file(path, known) for path in expand(paths)]


__all__ = ["DOCUMENT_SUFFIXES", "LOADERS", "Context", "Gazetteer", "expand", "read_file", "read_paths"]

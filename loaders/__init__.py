"""Loaders: each reads one kind of input and emits schema records through a :class:`Context`.

Loaders never touch a store. ``LOADERS`` is the explicit registry of file
suffixes to loader functions; ``read_paths`` expands folders and reads every
file it knows into one :class:`~supplygraph.schema.LoadUnit` per file.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from supplygraph.errors import LoadError, NotFound
from supplygraph.schema import LoadUnit
from supplygraph.schema.unit import DOCUMENT_SUFFIXES

from .context import Context
from .decisions import is_decisions_file
from .gazetteer import Gazetteer

Loader = Callable[[Context], None]


def load_document(ctx: Context) -> None:
    """Read a document (``.txt``, ``.md``, ``.html``) through :func:`.documents.load_document`, imported on first use:
    it brings the extraction rules and spaCy (about 0.6 s of CPU), which a load of curated CSV or YAML never needs."""
    from .documents import load_document as read_document

    read_document(ctx)


def load_yaml(ctx: Context) -> None:
    """Read a curated YAML file through :func:`.curated.load_yaml`, imported on first use: with it come the YAML parser,
    ``csv`` and the schema's tables (about 20 ms of CPU), which ``extract`` never needs (its own YAML files are read
    from the user's cache, :mod:`.cache`)."""
    from .curated import load_yaml as read_yaml

    read_yaml(ctx)


def load_csv(ctx: Context) -> None:
    """Read a curated CSV file through :func:`.curated.load_csv`, imported on first use (as :func:`load_yaml`)."""
    from .curated import load_csv as read_csv

    read_csv(ctx)

LOADERS: dict[str, Loader] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".csv": load_csv,
    **{suffix: load_document for suffix in DOCUMENT_SUFFIXES},
}
"""File suffix -> loader. Document loaders register ``.txt``, ``.md`` and ``.html``."""

INPUT_KINDS = tuple(dict.fromkeys(suffix[1:] for suffix in LOADERS))
"""What ``--kind`` may name for standard input: the known suffixes without the dot."""


SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
"""Folders a folder load never walks into, besides hidden ones and virtual environments (a ``pyvenv.cfg`` inside)."""


class StandardInput:
    """``-`` among the paths: standard input, read once, of the kind ``--kind`` names (there is no suffix to say it).

    Quacks like the :class:`~pathlib.Path` of a file for :class:`Context`: its
    origin is ``stdin:`` and the digest of what was read, so loading the same
    text twice changes nothing and different texts do not replace each other.
    """

    def __init__(self, kind: str, data: bytes | None = None) -> None:
        self.suffix = "." + kind.lower().lstrip(".")
        if self.suffix not in LOADERS:
            raise LoadError(f"unknown kind {kind!r} for standard input (known: {', '.join(s[1:] for s in LOADERS)})", where="<stdin>")
        self._data = sys.stdin.buffer.read() if data is None else data
        self.name = self.stem = "stdin"

    def read_bytes(self) -> bytes:
        return self._data

    def resolve(self) -> str:
        return f"stdin:{hashlib.sha256(self._data).hexdigest()[:16]}"

    def is_file(self) -> bool:
        return True

    def __str__(self) -> str:
        return "<stdin>"


def _walk(folder: Path) -> list[Path]:
    """Files with a known suffix under ``folder``, skipping hidden folders, virtual environments and SKIPPED_FOLDERS."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not (d.startswith(".") or d in SKIPPED_FOLDERS or os.path.exists(os.path.join(root, d, "pyvenv.cfg")))]
        found += [Path(root, n) for n in names if not n.startswith(".") and Path(n).suffix.lower() in LOADERS]
    return sorted(found)


def _walk_inputs(folder: Path) -> list[Path]:
    return [p for p in _walk(folder) if not is_decisions_file(p)]


def expand(paths: Iterable[str | Path], kind: str | None = None) -> list[Path | StandardInput]:
    """Files named, plus every file with a known suffix under folders named, in a stable order.

    ``-`` is standard input, read as ``kind`` (``yaml``, ``csv``, ``txt``, ``md``, ``html``).
    """
    files: list[Path | StandardInput] = []
    for raw in paths:
        if isinstance(raw, StandardInput):
            files.append(raw)
            continue
        path = Path(raw)
        if is_decisions_file(path):
            continue
        if str(raw) == "-":
            if kind is None:
                raise LoadError("'-' reads standard input: say what it holds with --kind (yaml, csv, txt, md or html)", where="<stdin>")
            files.append(StandardInput(kind))
        elif path.is_dir():
            files.extend(_walk_inputs(path))
        elif path.exists():
            if path.suffix.lower() not in LOADERS:
                raise LoadError(f"unknown kind of file {path.suffix or '(no suffix)'!r} (known: {', '.join(LOADERS)})", where=str(path))
            files.append(path)
        else:
            raise NotFound(f"no such file or folder: {path}")
    return files


def decision_files(paths: Iterable[str | Path]) -> list[Path]:
    """The review decisions files (``*.decisions.yaml``) named or under folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in _walk(path) if is_decisions_file(p))
        elif is_decisions_file(path):
            if not path.is_file():
                raise NotFound(f"no such file or folder: {path}")
            found.append(path)
    return found


def read_file(path: Path, known: Gazetteer | None = None) -> LoadUnit:
    """Read one file with the loader its suffix names; documents resolve names through ``known``."""
    ctx = Context(path, known)
    LOADERS[path.suffix.lower()](ctx)
    return ctx.unit


def read_paths(paths: Iterable[str | Path], known: Gazetteer | None = None) -> list[LoadUnit]:
    """Read every file under ``paths``; the first error stops with its file and line."""
    return [read_file(path, known) for path in expand(paths)]


__all__ = ["DOCUMENT_SUFFIXES", "INPUT_KINDS", "LOADERS", "StandardInput", "Context", "Gazetteer", "decision_files", "expand",
           "read_file", "read_paths"]

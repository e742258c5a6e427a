"""The files the extraction reads its rules from, found by following the imports rather than listed by hand.

The extractor's fingerprint (:func:`.extractor._fingerprint`, kept with each document a store reads) is a digest of
these files, so that a version of supplygraph that reads documents differently re-reads them. A hand-kept list of
them missed ``loaders/facilities.py`` (session 16): a module that a change adds to the extraction is in this list by
being imported. Which files:

- the modules :mod:`.extractor` imports, and :mod:`..documents` (which turns a file into the text the extractor
  reads), followed through every import of supplygraph's own modules, at module level or inside a function alike
  (as tests/test_layers.py reads them), with the packages Python runs on the way (their ``__init__``);
- the data files of :mod:`supplygraph.loaders`: every file under ``loaders/`` that is not Python (the knowledge lists,
  the trigger patterns, the learned weights: what pyproject.toml ships as the loaders' package data).

A regular expression reads the imports, not :mod:`ast`: every ``extract`` computes the fingerprint at start-up, and
parsing some 80 modules with ``ast`` would cost tens of milliseconds where the expression costs about one
(docs/extraction.md, session 17). Where it reads too much (an import line inside a string) the list only holds a
file more, which costs a re-read, never a stale one.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys

ROOTS = ("supplygraph.loaders.extraction.extractor", "supplygraph.loaders.documents")
"""Where the imports are followed from: the extractor, and the reading of a file into its text blocks."""

_IMPORT = re.compile(rb"\n[ \t]*(?:from[ \t]+(\.[.\w]*|supplygraph\b[.\w]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)"
                     rb"|import[ \t]+([^\n]*\bsupplygraph\b[^\n]*))")
"""``from .X import a, b`` (``(a,\\n b)`` too) or ``import supplygraph.X as Z`` on a line of its own, indented or
not; only imports of supplygraph's own modules (relative, or named from ``supplygraph``). The line's newline opens the
expression, which a regular expression finds much faster than a line start."""
_COMMENT = re.compile(rb"#[^\n]*")


def rule_files() -> list[tuple[str, bytes]]:
    """The modules (by name) and data files (by their path under ``loaders/``) the extraction reads its rules from,
    each with its content (read once: the imports are read from it), in a stable order."""
    modules = _Modules()
    found: dict[str, bytes] = {}
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = modules.source(name)
        assert path is not None, f"{name}: no module of supplygraph's"  # (a root or a module found below: never)
        with open(path, "rb") as file:
            found[name] = file.read()
        parts = name.split(".")
        todo.extend(".".join(parts[:n]) for n in range(1, len(parts)))  # its packages, which Python runs first
        todo.extend(modules.imports(name, path.endswith("__init__.py"), found[name]))
    loaders = os.path.dirname(modules.source("supplygraph.loaders") or "")
    data = []
    for folder, folders, names in os.walk(loaders):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in names:
            if not name.endswith((".py", ".pyc")):
                path = os.path.join(folder, name)
                with open(path, "rb") as file:
                    data.append((os.path.relpath(path, loaders).replace(os.sep, "/"), file.read()))
    return sorted([*found.items(), *data])


class _Modules:
    """supplygraph's modules by name: where each is, and what each imports."""

    def __init__(self) -> None:
        self.files: dict[str, str | None] = {}
        self.folders: dict[str, set[str]] = {}

    def source(self, name: str) -> str | None:
        """The file of supplygraph's module ``name`` (a package's ``__init__.py``), or None where it is no module of
        supplygraph's (another project's, or a name a module defines)."""
        if name in self.files:
            return self.files[name]
        parts = name.split(".")
        path = None
        if parts[0] == "supplygraph" and len(parts) <= 2:
            module = sys.modules.get(name)
            spec = module.__spec__ if module is not None else importlib.util.find_spec(name)  # (imports none of ours)
            path = spec.origin if spec is not None else None
        elif parts[0] == "supplygraph":
            package = self.source(name.rpartition(".")[0])
            if package is not None and package.endswith("__init__.py"):
                folder = os.path.dirname(package)
                if folder not in self.folders:
                    self.folders[folder] = set(os.listdir(folder))
                if f"{parts[-1]}.py" in self.folders[folder]:
                    path = os.path.join(folder, f"{parts[-1]}.py")
                elif parts[-1] in self.folders[folder] and os.path.isfile(os.path.join(folder, parts[-1], "__init__.py")):
                    path = os.path.join(folder, parts[-1], "__init__.py")
        self.files[name] = path
        return path

    def imports(self, module: str, is_package: bool, text: bytes) -> set[str]:
        """supplygraph's modules that ``module`` (its source ``text``) imports, relative imports resolved; ``from
        package import name`` is the package's module ``name`` where it has one, else the package."""
        package = module if is_package else module.rpartition(".")[0]
        out = set()
        for base, names, plain in _IMPORT.findall(b"\n" + text):
            if plain:
                candidates = [item.split()[0] for item in _COMMENT.sub(b"", plain).decode().split(",") if item.strip()]
            else:
                name = base.decode()
                dots = len(name) - len(name.lstrip("."))
                if dots:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (dots - 1)]
                    name = ".".join([*anchor, name[dots:]] if name[dots:] else anchor)
                items = _COMMENT.sub(b"", names).decode().strip("() \t\r\n").split(",")
                candidates = [f"{name}.{item.split()[0]}" for item in items if item.strip()] or [name]
            for candidate in candidates:
                while candidate and self.source(candidate) is None:  # (a name a module defines: the module)
                    candidate = candidate.rpartition(".")[0]
                if candidate and candidate != module:
                    out.add(candidate)
        return out

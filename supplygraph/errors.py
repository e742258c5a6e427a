"""The project's one exception hierarchy.

Every error a user can cause derives from :class:`SupplygraphError`; the CLI
turns it into one line on stderr and a non-zero exit code. Messages say what
failed, where (``file:line``, row, id) and the offending value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class SupplygraphError(Exception):
    """Root of every error supplygraph raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def at(self, where: str) -> "SupplygraphError":
        """The same error, located at ``where`` unless it already names a place."""
        if self.where is None:
            self.where = where
        return self


class InvalidRecord(SupplygraphError):
    """A record breaks the schema: unknown label, bad id, share out of range, no source..."""


class LoadError(SupplygraphError):
    """An input file cannot be read or parsed."""


class IntegrityError(SupplygraphError):
    """Records are valid alone but not together: a dangling reference, one id with two labels..."""


class StoreError(SupplygraphError):
    """The store cannot be opened, read or written."""


class OutdatedStore(StoreError):
    """A store built by an older supplygraph, whose facts the current model reads differently.

    ``inputs`` are the files it was loaded from: reloading them rebuilds it (``supplygraph.api.open_store`` does).
    """

    def __init__(self, message: str, *, inputs: list[str], where: str | None = None) -> None:
        super().__init__(message, where=where)
        self.inputs = inputs


class NotFound(SupplygraphError):
    """An id, query or file the user named does not exist."""



def did_you_mean(wanted: str, entities: Iterable[tuple[str, str | None, Iterable[str]]], n: int = 3) -> str:
    """``"; did you mean a, b?"`` with the ids closest to ``wanted``, or ``""``: the one hint for every unknown id.

    ``entities`` are ``(id, name, aliases)``. Closest means, in order: ids
    that extend ``wanted`` (``org:baogang`` -> ``org:baogang-group``), ids
    spelled alike (``org:lynass`` -> ``org:lynas``, ``contry:CN`` ->
    ``country:CN``), and ids whose name or alias is spelled alike or contains
    the word (``Lynas`` -> ``org:lynas``). Runs on the error path only.

    >>> did_you_mean("org:lynass", [("org:lynas", "Lynas", ()), ("country:CN", "China", ())])
    '; did you mean org:lynas?'
    >>> did_you_mean("lynas", [("org:lynas-rare-earths", "Lynas Rare Earths", ["Lynas"])])
    '; did you mean org:lynas-rare-earths?'
    >>> did_you_mean("org:nothing-like-it", [("country:CN", "China", ())])
    ''
    """
    by_lower: dict[str, str] = {}
    names: dict[str, str] = {}
    for id_, name, aliases in entities:
        by_lower[id_.lower()] = id_
        for alias in (name or "", *aliases):
            names.setdefault(" ".join(alias.lower().split()), id_)
    key = " ".join(wanted.lower().split())
    found = [by_lower[i] for i in sorted(by_lower) if len(key) >= 4 and i.startswith(key)][:n]
    found += [by_lower[m] for m in difflib.get_close_matches(key, list(by_lower), n=n, cutoff=0.75)]
    bare: dict[str, str] = {}
    for i in by_lower:
        bare.setdefault(i.split(":", 1)[-1], i)
    found += [by_lower[bare[m]] for m in difflib.get_close_matches(key.split(":", 1)[-1], list(bare), n=n, cutoff=0.8)]
    found += [names[m] for m in difflib.get_close_matches(key, list(names), n=n, cutoff=0.75)]
    if len(key) >= 3:
        found += [i for name, i in names.items() if key in name.split() or name.startswith(key)][:n]
    found = list(dict.fromkeys(f for f in found if f.lower() != key))[:n]
    return f"; did you mean {', '.join(found)}?" if found else ""

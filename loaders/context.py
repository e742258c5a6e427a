"""The context a loader emits records through: it owns the file, the locations and the unit."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supplygraph.errors import LoadError, SupplygraphError
from supplygraph.schema import LoadUnit

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


def origin_of(path: Path) -> str:
    """The name a store keeps an input's contribution under: its resolved path (``stdin:`` and a digest for standard
    input, :class:`~supplygraph.loaders.StandardInput`)."""
    return str(path.resolve())


class Context:
    """Reads one input file and collects what its loader emits into a :class:`LoadUnit`.

    Every record is validated as it is emitted; an invalid one raises an
    error that names the file and line, so nothing of the file is stored.
    """

    def __init__(self, path: Path, known: "Gazetteer | None" = None) -> None:
        self.path = path
        self._name = str(path)
        self.known = known
        """The entities names resolve to (document loaders only); None means the built-in vocabulary alone."""
        try:
            self.data = path.read_bytes()
        except OSError as exc:
            raise LoadError(f"cannot read: {exc.strerror}", where=str(path)) from exc
        self.unit = LoadUnit(origin=origin_of(path), digest=hashlib.sha256(self.data).hexdigest())

    def where(self, line: int | None = None) -> str:
        return f"{self._name}:{line}" if line else self._name

    def text(self) -> str:
        """The file decoded as UTF-8; an empty or undecodable file is an error."""
        if not self.data.strip():
            raise LoadError("empty file", where=self.where())
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = self.data.count(b"\n", 0, exc.start) + 1
            raise LoadError(
                f"not UTF-8: byte {self.data[exc.start]:#04x} at offset {exc.start} cannot be decoded", where=self.where(line)
            ) from exc

    def node(self, data: Mapping[str, Any], line: int | None = None) -> None:
        from supplygraph.schema import parse_node  # (the models, imported by the loaders that emit records)

        try:
            self.unit.add_node(parse_node(data), self.where(line))
        except SupplygraphError as exc:
            raise exc.at(self.where(line)) from None

    def fact(self, data: Mapping[str, Any], line: int | None = None) -> None:
        from supplygraph.schema import parse_fact

        try:
            self.unit.add_fact(parse_fact(data), self.where(line))
        except SupplygraphError as exc:
            raise exc.at(self.where(line)) from None

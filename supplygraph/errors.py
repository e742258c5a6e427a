"""The project's one exception hierarchy.

Every error a user can cause derives from :class:`SupplygraphError`; the CLI
turns it into one line on stderr and a non-zero exit code. Messages say what
failed, where (``file:line``, row, id) and the offending value.
"""

from __future__ import annotations


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


class NotFound(SupplygraphError):
    """An id, query or file the user named does not exist."""

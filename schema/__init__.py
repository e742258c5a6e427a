"""The typed schema: node labels, relationship types and their validation.

Pure: no I/O. ``parse_node`` and ``parse_fact`` turn plain mappings into
validated records and raise :class:`~supplygraph.errors.InvalidRecord` with a
message that names the record.

The names below are imported from their modules on first use (PEP 562): the
models build their pydantic classes on import, and a command that only reads
a store (``supplygraph chokepoints``) imports :mod:`.plain` alone.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOME = {
    "FACT_CLASSES": "facts", "FACT_TYPES": "facts", "AnyFact": "facts", "Fact": "facts",
    "NODE_CLASSES": "nodes", "NODE_LABELS": "nodes", "AnyNode": "nodes", "Node": "nodes",
    "ORGANIZATION_LABELS": "plain", "STAGES": "plain",
    "State": "lifecycle", "StateAt": "lifecycle", "state_at": "lifecycle",
    "LoadUnit": "unit",
    "check_endpoints": "validate", "describe": "validate", "parse_fact": "validate", "parse_node": "validate",
}  # fmt: skip
"""Each public name -> the module of this package that defines it."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


if TYPE_CHECKING:
    from .facts import FACT_CLASSES, FACT_TYPES, AnyFact, Fact
    from .lifecycle import State, StateAt, state_at
    from .nodes import NODE_CLASSES, NODE_LABELS, AnyNode, Node
    from .plain import ORGANIZATION_LABELS, STAGES
    from .unit import LoadUnit
    from .validate import check_endpoints, describe, parse_fact, parse_node

__all__ = [
    "FACT_CLASSES",
    "FACT_TYPES",
    "NODE_CLASSES",
    "NODE_LABELS",
    "ORGANIZATION_LABELS",
    "STAGES",
    "AnyFact",
    "AnyNode",
    "Fact",
    "LoadUnit",
    "Node",
    "State",
    "StateAt",
    "check_endpoints",
    "describe",
    "parse_fact",
    "parse_node",
    "state_at",
]

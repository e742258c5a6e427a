"""The typed schema: node labels, relationship types and their validation.

Pure: no I/O. ``parse_node`` and ``parse_fact`` turn plain mappings into
validated records and raise :class:`~supplygraph.errors.InvalidRecord` with a
message that names the record.
"""

from .facts import FACT_CLASSES, FACT_TYPES, AnyFact, Fact
from .nodes import (
    NODE_CLASSES,
    NODE_LABELS,
    ORGANIZATION_LABELS,
    STAGES,
    AnyNode,
    Node,
)
from .lifecycle import State, StateAt, state_at
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

"""Turning plain mappings into schema records, with messages that name the record."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from supplygraph.errors import InvalidRecord

from .facts import FACT_TYPES, Fact
from .nodes import NODE_LABELS, Node


def describe(data: Mapping[str, Any]) -> str:
    """A short name for a raw record, for error messages: ``entity org:x`` or ``fact PRODUCES a->b``."""
    if "type" in data or "source" in data:
        return f"fact {data.get('type', '?')} {data.get('source', '?')}->{data.get('target', '?')}"
    return f"entity {data.get('id', '?')}"


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(p) for p in err["loc"]) or "record"
        message = err["msg"].removeprefix("Value error, ")
        if field == "sources" and err["type"] in ("missing", "too_short"):
            parts.append("no source: every fact needs 'sources', a list of document ids")
        elif err["type"] == "missing":
            parts.append(f"missing field '{field}'")
        elif err["type"] == "extra_forbidden":
            parts.append(f"unknown field '{field}'")
        elif err["type"] == "less_than_equal" and err.get("ctx", {}).get("le") == 1.0 and _is_number(err.get("input")):
            parts.append(f"{field}: {message} (got {err['input']!r}); shares are fractions: 45 % is 0.45")
        elif "input" in err and not isinstance(err["input"], (dict, list)) and repr(err["input"]) not in message:
            parts.append(f"{field}: {message} (got {err['input']!r})")
        else:
            parts.append(f"{field}: {message}")
    return "; ".join(parts)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parse(data: Mapping[str, Any], tag: str, classes: Mapping[str, type], what: str) -> Any:
    """Validate ``data`` with the class its ``tag`` field names in the whitelist ``classes``."""
    name = data.get(tag)
    cls = classes.get(name) if isinstance(name, str) else None
    if cls is None:
        near = difflib.get_close_matches(str(name).lower(), [c.lower() for c in classes], n=1, cutoff=0.6)
        hint = f"; did you mean {next(c for c in classes if c.lower() == near[0])}?" if near else ""
        raise InvalidRecord(f"{describe(data)}: unknown {what} {name!r}{hint} (known: {', '.join(classes)})")
    try:
        return cls.model_validate(dict(data))
    except ValidationError as exc:
        raise InvalidRecord(f"{describe(data)}: {_explain(exc)}") from exc


def parse_node(data: Mapping[str, Any]) -> Node:
    """Validate an entity mapping; its ``label`` picks the class."""
    return _parse(data, "label", NODE_LABELS, "label")


def parse_fact(data: Mapping[str, Any]) -> Fact:
    """Validate a fact mapping; its ``type`` picks the class."""
    return _parse(data, "type", FACT_TYPES, "relationship type")


def check_endpoints(fact: Fact, source_label: str, target_label: str) -> None:
    """Raise when the fact's type does not allow these labels at its ends."""
    if not fact.allows(source_label, target_label):
        allowed_from = "any" if fact.SOURCE_LABELS == {"*"} else ", ".join(sorted(fact.SOURCE_LABELS))
        allowed_to = "any" if fact.TARGET_LABELS == {"*"} else ", ".join(sorted(fact.TARGET_LABELS))
        raise InvalidRecord(
            f"fact {fact.type} {fact.source}->{fact.target}: a {fact.type} cannot go from "
            f"{source_label} to {target_label} (allowed: {allowed_from} -> {allowed_to})"
        )

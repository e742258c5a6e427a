"""Review decisions as a file a team keeps under version control (``*.decisions.yaml``).

``supplygraph review export`` writes every decision the store keeps;
``supplygraph review import`` and ``supplygraph load`` (a ``*.decisions.yaml``
named or inside a folder) read them back. A decision names the fact itself
(type, both ends, the evidence sentence), never a document id, so it holds
for any store and any later version of the document that still says it::

    decisions:
      - decision: rejected
        type: SUBSIDIARY_OF
        source: org:sample
        target: org:mp-materials
        evidence: "Sample article written for supplygraph."
        decided_at: "2026-01-05T10:00:00+00:00"
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from supplygraph.errors import LoadError

DECISIONS_SUFFIX = ".decisions.yaml"
FIELDS = ("decision", "type", "source", "target", "evidence", "decided_at")
VERDICTS = ("accepted", "rejected")


def is_decisions_file(path: Path) -> bool:
    return path.name.lower().endswith(DECISIONS_SUFFIX)


@functools.cache
def _lines() -> type:
    """A safe loader that remembers the line each mapping starts on; made on first use, so that reading documents (which
    asks :func:`is_decisions_file` of every path) imports no YAML."""
    import yaml

    class _Lines(yaml.SafeLoader):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return _Lines


def read_decisions(path: Path) -> list[dict[str, str]]:
    """The decisions in ``path`` (``-``: standard input), each checked; a bad entry is a one-line error naming its file and line."""
    import yaml

    stdin = str(path) == "-"
    path = Path("<stdin>") if stdin else path
    try:
        text = sys.stdin.read() if stdin else path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_lines())  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read decisions file: {getattr(exc, 'strerror', None) or exc}", where=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise LoadError(f"not YAML: {getattr(exc, 'problem', None) or exc}", where=where) from None
    if data is None:
        return []
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LoadError("a decisions file is a mapping with a 'decisions' list", where=f"{path}:1")
    return [_checked(item, f"{path}:{item.get('__line__', 1) if isinstance(item, dict) else 1}") for item in items]


def _checked(item: Any, where: str) -> dict[str, str]:
    if not isinstance(item, Mapping):
        raise LoadError("a decision is a mapping of decision, type, source, target, evidence", where=where)
    unknown = sorted(set(item) - set(FIELDS) - {"__line__"})
    if unknown:
        raise LoadError(f"unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})", where=where)
    missing = [f for f in FIELDS[:5] if not isinstance(item.get(f), str) or (f != "evidence" and not item[f].strip())]
    if missing:
        raise LoadError(f"a decision needs {missing[0]!r} as text", where=where)
    if item["decision"] not in VERDICTS:
        raise LoadError(f"decision {item['decision']!r} is not one of {', '.join(VERDICTS)}", where=where)
    from supplygraph.schema import FACT_TYPES  # (the models: reading documents asks is_decisions_file, and needs none)

    if item["type"] not in FACT_TYPES:
        raise LoadError(f"unknown fact type {item['type']!r}", where=where)
    return {f: str(item.get(f) or "") for f in FIELDS}


def write_decisions(path: Path, decisions: Iterable[Mapping[str, Any]]) -> int:
    """Write ``decisions`` (oldest first) to ``path`` (``-``: standard output); returns how many. Overwrites the file."""
    rows = [{f: d.get(f, "") for f in FIELDS} for d in decisions]
    header = ("# supplygraph review decisions: keep this file under version control; 'supplygraph review import'\n"
              "# (or 'supplygraph load' of the file or its folder) applies it to a store.\n")  # fmt: skip
    import yaml

    body = yaml.safe_dump({"decisions": rows}, sort_keys=False, allow_unicode=True, width=120)
    if str(path) == "-":
        sys.stdout.write(header + body)
        return len(rows)
    try:
        path.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise LoadError(f"cannot write decisions file: {exc.strerror or exc}", where=str(path)) from None
    return len(rows)

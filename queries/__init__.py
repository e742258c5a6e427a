"""The Cypher library: one ``.cypher`` file per analyst question, runnable as-is in Neo4j Browser.

Each file starts with a header of ``//`` comment lines (the title on the
first line, then ``Question:`` and a description of each parameter),
followed by one Browser ``:param name => value;`` line per parameter with a
working example from the bundled dataset, then the query. Pasted into
Neo4j Browser (multi-statement editor, the default), the ``:param`` lines
set the examples and the query runs; ``supplygraph query NAME`` strips them
and sends the query with the example values for any parameter not given.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplygraph.errors import InvalidRecord, NotFound

LIBRARY = Path(__file__).parent
STYLE = LIBRARY / "style.grass"
"""The Neo4j Browser style sheet (colour and caption per label)."""

_PARAM = re.compile(r"^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*;?\s*$")
_LITERALS = {"true": True, "false": False}


@dataclass(frozen=True)
class Query:
    """One library query: its name (the file stem), header and the Cypher the driver runs."""

    name: str
    title: str
    question: str
    params: dict[str, Any] = field(default_factory=dict)
    """Example values from the ``:param`` lines, in file order."""
    cypher: str = ""
    """The query without its header and ``:param`` lines."""
    path: Path | None = None

    def bind(self, given: Mapping[str, str]) -> dict[str, Any]:
        """Parameters for a run: ``given`` (strings from the command line) over the examples.

        Each given value is converted to the type of its example (int, float,
        bool, list of strings); unknown names are refused.
        """
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise InvalidRecord(f"query {self.name} has no parameter {unknown[0]!r} (parameters: {known})")
        values = dict(self.params)
        for name, text in given.items():
            values[name] = _convert(self.name, name, text, self.params[name])
        return values


def _convert(query: str, name: str, text: str, example: Any) -> Any:
    try:
        if isinstance(example, bool):
            if text.lower() not in ("true", "false"):
                raise ValueError(text)
            return text.lower() == "true"
        if isinstance(example, int):
            return int(text)
        if isinstance(example, float):
            return float(text)
        if isinstance(example, list):
            return [part.strip() for part in text.split(",") if part.strip()]
    except ValueError:
        raise InvalidRecord(
            f"query {query}: parameter {name!r} expects a {type(example).__name__} like {example!r}, got {text!r}"
        ) from None
    return text


def parse_literal(text: str, where: str) -> Any:
    """A Cypher literal from a ``:param`` line: a string, number, boolean or list of those."""
    source = re.sub(r"\b(true|false)\b", lambda m: str(_LITERALS[m.group(1)]), text.strip())
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        raise InvalidRecord(f"cannot read the :param value {text!r}", where=where) from None
    if isinstance(value, tuple):
        value = list(value)
    return value


def parse(text: str, name: str, path: Path | None = None) -> Query:
    """A :class:`Query` from the text of a ``.cypher`` file."""
    title = question = ""
    params: dict[str, Any] = {}
    body: list[str] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        where = f"{path or name}:{number}"
        if in_header and stripped.startswith("//"):
            comment = stripped[2:].strip()
            if not title and comment:
                title = comment
            elif comment.lower().startswith("question:"):
                question = comment.split(":", 1)[1].strip()
            continue
        match = _PARAM.match(stripped)
        if match:
            params[match.group(1)] = parse_literal(match.group(2), where)
            continue
        if stripped.startswith(":"):
            raise InvalidRecord(f"only :param commands may precede the query, found {stripped.split()[0]!r}", where=where)
        if stripped or not in_header:
            in_header = False
            body.append(line)
    cypher = "\n".join(body).strip().rstrip(";").strip()
    if not title or not question or not cypher:
        missing = "a title" if not title else "a 'Question:' line" if not question else "a query"
        raise InvalidRecord(f"query file has no {missing}", where=str(path or name))
    return Query(name, title, question, params, cypher, path)


def names() -> list[str]:
    """Names of the library's queries, sorted."""
    return sorted(p.stem for p in LIBRARY.glob("*.cypher"))


def load(name: str) -> Query:
    """One query by name; NotFound lists the names that exist."""
    path = LIBRARY / f"{name}.cypher"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not path.is_file():
        raise NotFound(f"no query named {name!r} (see 'supplygraph query --list': {', '.join(names())})")
    return parse(path.read_text(encoding="utf-8"), name, path)


def library() -> list[Query]:
    """Every query of the library."""
    return [load(name) for name in names()]


def run(store: Any, name: str, given: Mapping[str, str] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a library query on a :class:`~supplygraph.graph.stores.neo4j_store.Neo4jStore`; return columns and rows."""
    query = load(name)
    return store.run_query(query.cypher, query.bind(given or {}), name=name)

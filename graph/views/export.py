"""GraphML and node-link JSON exports, for Gephi, yEd, Cytoscape and other tools.

The interactive page is :mod:`supplygraph.graph.views.html`; both take a
:class:`~supplygraph.graph.views.selection.View`.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from supplygraph.errors import SupplygraphError

from .selection import View


def _scalar(value: Any) -> str | int | float | bool | None:
    """A value GraphML can hold: lists joined with ``"; "``, mappings as JSON, None dropped."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(map(str, value))
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def graphml_graph(view: View) -> nx.MultiDiGraph:
    """The view as a graph GraphML tools read well.

    Every attribute becomes a scalar (lists joined with ``"; "``); each
    node's ``label`` is its display name, as Gephi and yEd show ``label``,
    and the schema label moves to ``kind``. An attribute that holds
    numbers on some items and text on others becomes text everywhere, since
    GraphML declares one type per attribute.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Country", name="A", aliases=["x", "y"])
    >>> dict(graphml_graph(View(G, "t", "d")).nodes["a"])
    {'label': 'A', 'kind': 'Country', 'aliases': 'x; y'}

    Notes
    -----
    O(V + E) attribute conversions.
    """
    G = view.graph
    out = nx.MultiDiGraph(title=view.title, description=view.description)
    for node, data in G.nodes(data=True):
        attrs = {"label": str(data.get("name") or node), "kind": data.get("label")}
        attrs |= {k: _scalar(v) for k, v in data.items() if k not in ("label", "name")}
        out.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: _scalar(value) for k, value in data.items()}
        out.add_edge(u, v, key=key, **{k: value for k, value in attrs.items() if value is not None})
    _unify_types(out.nodes.values())
    _unify_types(d for _, _, d in out.edges(data=True))
    return out


def _unify_types(items) -> None:
    """Turn an attribute into text everywhere when items disagree on its type (GraphML allows one type)."""
    items = list(items)
    kinds: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            kinds.setdefault(k, set()).add(float if type(v) is int and not isinstance(v, bool) else type(v))
    mixed = {k for k, types in kinds.items() if len(types) > 1}
    for attrs in items:
        for k in mixed & attrs.keys():
            attrs[k] = str(attrs[k])


def write_graphml(view: View, path: str | os.PathLike) -> Path:
    """Write the view as GraphML (see :func:`graphml_graph`)."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_graph(view), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return write_atomically(path, buffer.getvalue().decode("utf-8"))


def node_link(view: View) -> dict[str, Any]:
    """The view as node-link data (``nodes`` and ``edges`` lists), attributes as the store holds them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="k1", type="SUPPLIES")
    'k1'
    >>> node_link(View(G, "t", "d"))["edges"]
    [{'type': 'SUPPLIES', 'source': 'a', 'target': 'b', 'key': 'k1'}]
    """
    data = nx.node_link_data(view.graph, edges="edges")
    data["graph"] = {"title": view.title, "description": view.description}
    return data


def write_node_link(view: View, path: str | os.PathLike) -> Path:
    """Write the view as node-link JSON (see :func:`node_link`)."""
    text = json.dumps(node_link(view), ensure_ascii=False, indent=1, default=str)
    return write_atomically(path, text + "\n")


def write_atomically(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename; ``-`` is stdout."""
    path = Path(path)
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return path
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise SupplygraphError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path

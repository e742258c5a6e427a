"""The interactive HTML network view: one self-contained file that works offline.

The page is built with pyvis's node and edge model and the vis-network
library pyvis ships, inlined (``cdn_resources="in_line"`` style, but with our
own template: pyvis's default one still loads Bootstrap from a CDN). Nothing
in the page is fetched from anywhere.

Text in the graph comes from documents and is untrusted. It never becomes
markup or script: all graph data travels as one JSON block whose ``<``,
``>``, ``&`` and line separators are escaped, the page script reads it with
``JSON.parse`` and puts text into the DOM only through ``textContent``
(tooltips are DOM elements built that way, never HTML strings), and a
Content-Security-Policy allows only the page's own scripts, by hash, and no
network access at all.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from supplygraph.errors import SupplygraphError

from .export import write_atomically
from .highlights import Highlights
from .selection import CONTEXT_TYPES, FLOW_TYPES, View, tiers

NODE_STYLE: dict[str, tuple[str, str]] = {
    "Country": ("#4e79a7", "diamond"),
    "Place": ("#a0cbe8", "triangleDown"),
    "StateOwnedEnterprise": ("#e15759", "square"),
    "Company": ("#f28e2b", "square"),
    "University": ("#b07aa1", "hexagon"),
    "ResearchInstitute": ("#d4a6c8", "hexagon"),
    "GovernmentBody": ("#9d7660", "triangle"),
    "Facility": ("#edc948", "triangle"),
    "Element": ("#8cd17d", "dot"),
    "Material": ("#59a14f", "dot"),
    "EndUse": ("#76b7b2", "star"),
    "Policy": ("#ff9da7", "diamond"),
    "Event": ("#bab0ac", "dot"),
    "Document": ("#d7d7d7", "square"),
}
"""Colour and vis-network shape per node label (shapes whose size follows ``value``)."""

EDGE_COLOUR: dict[str, str] = {
    "PRODUCES": "#59a14f",
    "INPUT_TO": "#2f7d32",
    "USED_IN": "#76b7b2",
    "SUPPLIES": "#f28e2b",
    "RESTRICTS": "#e15759",
    "DEPENDS_ON": "#b07aa1",
    "OPERATES": "#9d7660",
    "SUBSIDIARY_OF": "#7f7f7f",
    "ISSUED_BY": "#ff9da7",
    "LOCATED_IN": "#a0cbe8",
    "CONTAINS": "#8cd17d",
    "COOPERATES_WITH": "#4e79a7",
    "PARTICIPATED_IN": "#bab0ac",
    "MENTIONED_IN": "#d7d7d7",
}
"""Line colour per relationship type."""

FLOW_LAYOUT_MAX_NODES = 300
"""End-use views up to this size are drawn in supply tiers, left to right; bigger ones by force layout."""

CLUSTER_FROM_NODES = 150
"""Whole-graph views with more nodes than this open with context entities gathered into one cluster per label."""

OPEN_LABELS = frozenset({"Material", "EndUse", "Country"})
"""Labels a clustered whole-graph view draws from the start: the supply chain's skeleton and who produces."""

KEY_NODES = 20
"""Nodes whose labels the page always makes readable: the subject, the outlined chokepoints, then the largest."""

READABLE_PX = 12
"""On-screen size of a key node's label once the view is fitted to the window; other labels show from LABEL_MIN_PX."""

LABEL_MIN_PX = 9
"""Labels smaller than this on screen are not drawn (they appear as one zooms in), so no label is drawn unreadably small."""

_UNKNOWN_STYLE = ("#cccccc", "dot")
_CHOKEPOINT_BORDER = "#111111"
_CUT_COLOUR = "#d62728"
_TEXT_LIMIT = 300
_SOURCES_SHOWN = 6
_EVIDENCE_SHOWN = 3
_SKIP_NODE_PROPS = ("label", "name", "aliases", "sources", "note")
_SKIP_EDGE_PROPS = ("type", "sources", "evidence", "confidence")
_DATE_FIELDS = ("as_of", "year", "published")
_UNITS = {"volume_t": "t/yr", "capacity_t": "t/yr", "reserves_t": "t", "intensity_kg": "kg"}


def _short(text: object, limit: int = _TEXT_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _figure(name: str, value: object) -> str:
    """A property value as a person reads it: shares as percentages, tonnes with separators."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in ("share", "stake", "mass_fraction") and isinstance(value, (int, float)):
        return f"{value * 100:.4g}%"
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, int) and name != "year":
        text = f"{value:,}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    unit = _UNITS.get(name)
    return _short(f"{text} {unit}" if unit else text)


def _data_date(view: View, full: nx.MultiDiGraph, today: str | None = None) -> str | None:
    """The newest ``as_of``, ``year`` or ``published`` among the view's nodes, edges and cited documents.

    Dates after ``today`` (default: the current date) are projections, such
    as a 2030 production target, not the date of the data, and are skipped.
    """
    today = today or _dt.date.today().isoformat()
    dates: list[str] = []
    cited: set[str] = set()
    for _, data in view.graph.nodes(data=True):
        dates += [str(data[k]) for k in _DATE_FIELDS if data.get(k) is not None]
    for _, _, data in view.graph.edges(data=True):
        dates += [str(data[k]) for k in _DATE_FIELDS if data.get(k) is not None]
        cited.update(data.get("sources") or ())
    for doc in cited:
        if doc in full and full.nodes[doc].get("published") is not None:
            dates.append(str(full.nodes[doc]["published"]))
    return max((d for d in dates if d[: len(today)] <= today), default=None)


def _source_names(doc_ids: set[str], full: nx.MultiDiGraph) -> list[str]:
    """Readable names of the cited documents, the first few, and how many more."""
    names = []
    for doc in sorted(doc_ids):
        data = full.nodes[doc] if doc in full else {}
        title = data.get("title") or data.get("name") or doc
        extra = ", ".join(str(data[k]) for k in ("publisher", "published") if data.get(k))
        names.append(_short(f"{title} ({extra})" if extra else title, 160))
    if len(names) > _SOURCES_SHOWN:
        names = names[:_SOURCES_SHOWN] + [f"and {len(names) - _SOURCES_SHOWN} more"]
    return names


def _node_tip(node_id: str, data: Mapping[str, Any], sources: set[str], full: nx.MultiDiGraph,
              highlights: Highlights, rank: Mapping[str, int]) -> list[list[str]]:
    """Tooltip lines ``[key, text]`` of a node; the first line (key ``""``) is the heading."""
    lines = [["", _short(data.get("name") or node_id, 120)], ["label", str(data.get("label", "?"))], ["id", node_id]]
    country = data.get("country")
    if country:
        country_name = full.nodes.get(f"country:{country}", {}).get("name")
        lines.append(["country", f"{country_name} ({country})" if country_name else str(country)])
    for key, value in sorted(data.items()):
        if key in _SKIP_NODE_PROPS or key == "country" or value in (None, "", [], ()):
            continue
        lines.append([key, _figure(key, value)])
    if data.get("aliases"):
        lines.append(["also", _short(", ".join(map(str, data["aliases"])), 160)])
    if node_id in highlights.scores:
        text = f"{highlights.scores[node_id]:.3g}"
        if node_id in rank:
            text += f" (rank {rank[node_id]} of {len(rank)})"
        lines.append(["chokepoint score", text])
    if node_id in highlights.reasons:
        lines.append(["why", _short(highlights.reasons[node_id], 400)])
    if node_id in highlights.cut_nodes:
        lines.append(["scenario", "cut by the scenario"])
    if node_id in highlights.at_risk:
        lines.append(["scenario", f"{highlights.at_risk[node_id]:.0%} of its supply at risk"])
    lines += [["source", name] for name in _source_names(sources, full)]
    return lines


def _edge_tip(source: str, target: str, data: Mapping[str, Any], full: nx.MultiDiGraph,
              highlights: Highlights, key: str) -> list[list[str]]:
    """Tooltip lines of an edge: who, what, the figures, the evidence and the sources."""
    name = lambda n: _short(full.nodes[n].get("name") or n, 80) if n in full else n  # noqa: E731
    lines = [["", f"{name(source)} → {data.get('type', '?')} → {name(target)}"]]
    for prop, value in sorted(data.items()):
        if prop in _SKIP_EDGE_PROPS or value in (None, "", [], ()):
            continue
        lines.append([prop, _figure(prop, value)])
    confidence = data.get("confidence")
    if isinstance(confidence, (int, float)) and confidence < 1:
        lines.append(["confidence", f"{confidence:.2f}"])
    if key in highlights.cut_edges:
        lines.append(["scenario", "cut by the scenario"])
    evidence = list(data.get("evidence") or ())
    lines += [["evidence", f"“{_short(text)}”"] for text in evidence[:_EVIDENCE_SHOWN]]
    if len(evidence) > _EVIDENCE_SHOWN:
        lines.append(["evidence", f"and {len(evidence) - _EVIDENCE_SHOWN} more"])
    lines += [["source", text] for text in _source_names(set(data.get("sources") or ()), full)]
    return lines


def _options(node_count: int, sized_by_score: bool, flow_layout: bool = False) -> dict[str, Any]:
    """vis-network options: physics that settles, then is switched off by the page script.

    ``flow_layout`` lays an end use's supply chain out left to right in
    tiers (nodes carry ``level``): the mines on the left, the end use on the
    right, and physics only spreads the nodes within their tier.
    """
    big = node_count > 400
    options = {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 100},
        "nodes": {
            "scaling": {"min": 8, "max": 42 if sized_by_score else 30,
                        "label": {"enabled": False, "drawThreshold": LABEL_MIN_PX + 1, "maxVisible": 30}},
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 9, "face": "system-ui, sans-serif", "color": "#555555", "strokeWidth": 3,
                     "align": "middle"},
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False, "multiselect": True},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.008, "springLength": 110,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.4},
            "maxVelocity": 60,
            "minVelocity": 1.5,
            "timestep": 0.5,
            # Each iteration costs about 12 ms at 1,500 nodes; big layouts settle well enough in 200.
            "stabilization": {"enabled": True, "updateInterval": 25, "fit": True,
                              "iterations": 1000 if node_count < 200 else 400 if node_count < 600 else 200},
        },
    }
    if flow_layout:
        options["layout"]["hierarchical"] = {
            "enabled": True, "direction": "LR", "sortMethod": "directed", "levelSeparation": 300,
            "nodeSpacing": 90, "treeSpacing": 60, "blockShifting": True, "edgeMinimization": True,
            "parentCentralization": True, "shakeTowards": "leaves",
        }  # fmt: skip
        options["nodes"]["font"]["size"] = 17
        options["physics"]["solver"] = "hierarchicalRepulsion"
        options["physics"]["hierarchicalRepulsion"] = {"nodeDistance": 110, "centralGravity": 0.0, "springLength": 120,
                                                       "springConstant": 0.01, "damping": 0.2, "avoidOverlap": 0.6}
        options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4}
    return options


def page_data(view: View, full: nx.MultiDiGraph | None = None, highlights: Highlights | None = None) -> dict[str, Any]:
    """Everything the page draws, as JSON-ready data: nodes, edges, legend, caption and options.

    Parameters
    ----------
    view : the view to draw.
    full : the whole knowledge graph, for names of countries and source
        documents that are not in the view (default: the view's graph).
    highlights : chokepoint scores and scenario cuts, when analysed.

    Returns
    -------
    dict with ``title``, ``caption`` (list of sentences), ``nodes``, ``edges``,
    ``legend``, ``edgeLegend`` and ``options``; node and edge ``tip`` lists are
    tooltip lines that the page turns into text.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Country", name="A")
    >>> len(page_data(View(G, "t", "d"))["nodes"])
    1

    Notes
    -----
    O(V + E) plus pyvis's own bookkeeping, which is O(V) per edge added.
    """
    G = view.graph
    full = G if full is None else full
    highlights = highlights or Highlights()
    scores = {n: s for n, s in highlights.scores.items() if n in G}
    rank = {n: i + 1 for i, n in enumerate(sorted(scores, key=lambda n: (-scores[n], n)))}
    size = dict(scores) if scores else {n: float(d) for n, d in G.degree()}
    if view.focus in G:
        size[view.focus] = max(size.values(), default=1.0)  # the centre of the view is drawn large, whatever its score
    net = Network(directed=True, cdn_resources="in_line")
    sources_of: dict[str, set[str]] = {n: set() for n in G}
    for u, v, data in G.edges(data=True):
        cited = set(data.get("sources") or ())
        sources_of[u] |= cited
        sources_of[v] |= cited
    for node_id, data in G.nodes(data=True):
        sources_of[node_id] |= set(data.get("sources") or ())
        label = str(data.get("label", "?"))
        colour, shape = NODE_STYLE.get(label, _UNKNOWN_STYLE)
        border, border_width = colour, 1
        if node_id in highlights.chokepoints:
            border, border_width = _CHOKEPOINT_BORDER, 5
        if node_id in highlights.cut_nodes:
            border, border_width = _CUT_COLOUR, 5
        options: dict[str, Any] = {
            "kind": label,
            "value": size.get(node_id, 0.0),
            "borderWidth": border_width,
            "borderWidthSelected": border_width + 1,
            "color": {"background": colour, "border": border,
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "tip": _node_tip(node_id, data, sources_of[node_id], full, highlights, rank),
        }
        if node_id in highlights.cut_nodes:
            options["shapeProperties"] = {"borderDashes": [4, 3]}
        if node_id == view.focus:
            options["font"] = {"size": 18, "bold": True}
        net.add_node(node_id, label=_short(data.get("name") or node_id, 32), shape=shape, **options)
    for u, v, key, data in G.edges(keys=True, data=True):
        edge_type = str(data.get("type", "?"))
        cut = key in highlights.cut_edges
        colour = _CUT_COLOUR if cut else EDGE_COLOUR.get(edge_type, "#999999")
        net.add_edge(
            u, v,
            id=str(key), kind=edge_type, label=edge_type.lower().replace("_", " "),
            color={"color": colour, "highlight": "#000000", "hover": "#000000", "opacity": 0.9},
            width=3 if cut else (1.6 if edge_type in FLOW_TYPES else 1),
            dashes=[6, 4] if cut or edge_type in CONTEXT_TYPES else False,
            tip=_edge_tip(u, v, data, full, highlights, str(key)),
        )  # fmt: skip
    nodes, edges, *_ = net.get_network_data()
    # Tiers read well up to a few hundred nodes; past that a tier holds hundreds of nodes stacked in one
    # column (and vis-network's hierarchical layout takes seconds), so big views use the force layout.
    flow_layout = view.kind == "upstream" and view.focus in G and len(G) <= FLOW_LAYOUT_MAX_NODES
    if flow_layout:
        tier = tiers(G, view.focus)
        deepest = max(tier.values())
        for node in nodes:
            node["level"] = deepest - tier[node["id"]]  # mines on the left, the end use on the right
    key = [n for n in (view.focus,) if n in G] + [n for n in highlights.chokepoints if n in G]
    key += sorted((n for n in G if n not in key), key=lambda n: (-size.get(n, 0.0), n))[: max(0, KEY_NODES - len(key))]
    key_set = set(key)
    for node in nodes:
        node["key"] = node["id"] in key_set
    label_counts = Counter(str(d.get("label", "?")) for _, d in G.nodes(data=True))
    type_counts = Counter(str(d.get("type", "?")) for _, _, d in G.edges(data=True))
    clusters = _clusters(view, label_counts, key_set)
    caption = _caption(view, full, highlights, scores)
    if clusters:
        caption.insert(-1, "To start, entities other than materials, end uses and countries are gathered into one "
                           "cluster per label (the largest stay out): click a cluster to open it.")  # fmt: skip
    return {
        "title": view.title,
        "caption": caption,
        "nodes": nodes,
        "edges": edges,
        "legend": [
            {"label": label, "color": NODE_STYLE.get(label, _UNKNOWN_STYLE)[0],
             "shape": NODE_STYLE.get(label, _UNKNOWN_STYLE)[1], "count": count}
            for label, count in sorted(label_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "edgeLegend": [
            {"type": edge_type, "color": EDGE_COLOUR.get(edge_type, "#999999"), "count": count,
             "dashed": edge_type in CONTEXT_TYPES}
            for edge_type, count in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "marks": _marks(highlights, scores),
        "subject": view.focus if view.focus in G else None,
        "readablePx": READABLE_PX,
        "clusters": clusters,
        "options": _options(G.number_of_nodes(), bool(scores), flow_layout),
    }  # fmt: skip


def _clusters(view: View, label_counts: Mapping[str, int], key: set[str]) -> list[dict[str, Any]]:
    """The clusters a big whole-graph view starts with: one per label outside :data:`OPEN_LABELS`, opened by a click.

    Every node stays in the page's data; a cluster only draws its members as one node until it is opened.
    """
    if view.kind != "whole" or view.graph.number_of_nodes() <= CLUSTER_FROM_NODES:
        return []
    return [
        {"id": f"cluster:{label}", "kind": label, "count": count, "color": NODE_STYLE.get(label, _UNKNOWN_STYLE)[0],
         "shape": NODE_STYLE.get(label, _UNKNOWN_STYLE)[1], "label": f"{count} {label} (click to open)"}
        for label, count in sorted(label_counts.items()) if label not in OPEN_LABELS and count > 1
    ]  # fmt: skip


def _marks(highlights: Highlights, scores: Mapping[str, float]) -> list[dict[str, str]]:
    """Legend entries for outlines: chokepoints and what a scenario cuts."""
    marks = []
    if highlights.chokepoints:
        marks.append({"color": _CHOKEPOINT_BORDER, "text": "thick black outline: chokepoint"})
    if highlights.cut_nodes or highlights.cut_edges:
        marks.append({"color": _CUT_COLOUR, "text": "red dashes: cut by the scenario"})
    return marks


def _caption(view: View, full: nx.MultiDiGraph, highlights: Highlights, scores: Mapping[str, float]) -> list[str]:
    G = view.graph
    date = _data_date(view, full)
    caption = [
        view.description,
        f"{G.number_of_nodes():,} entities and {G.number_of_edges():,} facts. "
        + (f"Data as of {date} (the newest date, year or publication in the view, projections aside)." if date
           else "The data carry no date."),
        f"Node size: {highlights.score_name}." if scores else "Node size: number of facts in the view.",
    ]
    if highlights.chokepoints:
        shown = sum(1 for n in highlights.chokepoints if n in G)
        caption.append(f"{shown} chokepoint{'s' if shown != 1 else ''} outlined in black.")
    if highlights.scenario:
        cut_nodes = sum(1 for n in highlights.cut_nodes if n in G)
        cut_edges = sum(1 for _, _, k in G.edges(keys=True) if k in highlights.cut_edges)
        caption.append(
            f"Scenario: {highlights.scenario}; it cuts {cut_nodes} entit{'ies' if cut_nodes != 1 else 'y'} "
            f"and {cut_edges} fact{'s' if cut_edges != 1 else ''} shown here (red dashes)."
        )
    caption.append("Hover for names, figures, evidence and sources; tick the boxes to filter.")
    return caption


def _json_for_script(data: Any) -> str:
    """JSON that cannot end or break out of a ``<script>`` element, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(package: str, path: str) -> str:
    return (resources.files(package) / path).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(view: View, full: nx.MultiDiGraph | None = None, highlights: Highlights | None = None) -> str:
    """The page for ``view``: one HTML document with every script, style and datum inline.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Country", name="<b>A</b>")
    >>> "<b>A</b>" in render_html(View(G, "t", "d"))
    False

    Notes
    -----
    O(V + E); the page itself lays the graph out in the browser.
    """
    # The source-map comment would make a browser with DevTools open look for a file that is not there.
    vis_js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", _asset("pyvis", "templates/lib/vis-9.1.2/vis-network.min.js"))
    vis_css = _asset("pyvis", "templates/lib/vis-9.1.2/vis-network.css")
    page_js = _asset("supplygraph.graph.views", "html_view.js")
    page_css = _asset("supplygraph.graph.views", "html_view.css")
    for name, text in (("vis-network.min.js", vis_js), ("html_view.js", page_js)):
        if "</script" in text.lower():
            raise SupplygraphError(f"{name} contains '</script' and cannot be inlined")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    template = _asset("supplygraph.graph.views", "html_view.html")
    parts = {
        "@@CSP@@": csp,
        "@@VIS_CSS@@": vis_css,
        "@@PAGE_CSS@@": page_css,
        "@@DATA@@": _json_for_script(page_data(view, full, highlights)),
        "@@VIS_JS@@": vis_js,
        "@@PAGE_JS@@": page_js,
    }
    # One pass, so a marker inside the data or a library is never substituted again.
    out, rest = [], template
    while "@@" in rest:
        head, _, tail = rest.partition("@@")
        marker, _, rest = tail.partition("@@")
        out += [head, parts[f"@@{marker}@@"]]
    out.append(rest)
    return "".join(out)


def write_html(view: View, path: str | os.PathLike, full: nx.MultiDiGraph | None = None,
               highlights: Highlights | None = None) -> Path:
    """Write the page for ``view`` to ``path``, atomically: a failure leaves no half-written file."""
    return write_atomically(path, render_html(view, full, highlights))

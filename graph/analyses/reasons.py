"""A ranked chokepoint's reason in words (:func:`reason`): the one line of each row of the report that says why.

Its own module, apart from the ranking that computes the measures (:mod:`.chokepoints`): this is the text an analyst
reads and the report's wording changes often, the ranking's numbers seldom (and chokepoints.py had reached the
600-line limit, session 17).
"""

from __future__ import annotations

from supplygraph.formatting import some_of

from .concentration import newer_figure_words, no_share_words
from .dependencies import producer_share_words
from .flow import VOLUME, figure_year
from .flowgraph import FlowGraph
from .vintages import category_name, figure_for, vintage_words


def _names(F: FlowGraph, ids: list[str], limit: int = 3) -> str:
    names = [F.node(i).get("name", i) for i in sorted(ids)]
    return some_of(names[:limit], len(names))


def reason(F, node, dominated, in_cut, market, largest, path_share, articulation, figure=None) -> str:
    """Why ``node`` is a chokepoint, in words: the end uses whose every path it is on, the cut it is one of, its
    market (a material) or its largest share of one (a producer), its share of supply paths."""
    name = F.node(node).get("name", node)
    parts = []
    if dominated:
        parts.append(f"all supply paths to {_names(F, dominated)} pass through {name}")
    if in_cut:
        end_uses = sorted({e for e, _ in in_cut})
        size = min(k for _, k in in_cut)
        parts.append(f"one of {size} nodes whose loss cuts {_names(F, end_uses)} off from every source")
    if market:
        n = market["producers"]
        noun = ("producing country" if n == 1 else "producing countries") if market["basis"] == "countries" else (
            "producing organisation" if n == 1 else "producing organisations")
        vintage = vintage_words(market["edition"], market["year"])
        basis = " on shares of the listed volume" if market["weights"] == VOLUME else ""
        parts.append(
            f"{n} {noun}{' listed' if (market['coverage'] or 0) < 0.995 else ''}, HHI {market['hhi']:,.0f}{basis}"
            + (f" ({vintage})" if vintage else "")
            + f"; {market['top_name']} {market['top_share']:.0%}"
            + (f" (the figure of {category_name(F, market['inherited_from'])}, which it stands under)" if market.get("inherited_from") else "")
            + (f", not confirmed since {market['unconfirmed_since']}" if market.get("unconfirmed_since") else "")
            + (f"; {newer_figure_words(market)}" if market.get("newer_figure") else "")
            + (f"; {words}" if (words := no_share_words(market)) else "")  # (or the rest its figure names no country for)
        )
    elif largest:
        share, material, e, how = largest
        edge = F.edge_attrs(e)
        vintage = vintage_words(edge.get("edition"), figure_year(edge))
        verb, of = producer_share_words(edge, how)  # a quota allocation is held, not produced (session 17)
        if edge.get("inherited"):  # a category's figure, taken over by the member: say whose
            vintage = ", ".join(x for x in (vintage, figure_for(category_name(F, edge["inherited"]))) if x)
        parts.append(f"{verb} {share:.0%} {of}{F.node(material).get('name', material)}" + (f" ({vintage})" if vintage else ""))
        if figure and figure.get("no_share_for") and figure["top_id"] == node:  # a part of its own: the summary's
            parts.append(no_share_words(figure))  # one line takes the first part alone, clipping none of this
    if path_share >= 0.005:
        parts.append(f"on {path_share:.0%} of supply paths")
    if articulation and F.node(node).get("label") == "Material":
        parts.append("a cut vertex of the undirected network")
    return "; ".join(parts) or "minor through-flow"

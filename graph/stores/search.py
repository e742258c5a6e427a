"""Finding entities by name: what ``supplygraph search`` ranks.

A user knows a name ("Lynas", "MP Materials", "包钢"), not an id. Names and
aliases are compared after folding case, width and punctuation away
(:func:`fold`), so "mp-materials", "MP Materials" and "ＭＰ　Materials" are
the same text; Chinese names match as substrings, since they have no spaces
between words. Works on any store through :meth:`Store.nodes`: one pass over
the nodes, linear in their number.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .base import StoredNode

EXACT, PREFIX, WORD, PART, ID, SPELLED = 100, 90, 80, 60, 50, 40
"""Scores of the kinds of match, best first: the whole name, its start, the start of a word in it, any part of it,
the id, a name spelled alike (scaled by how alike)."""


def fold(text: str) -> str:
    """``text`` for comparison: compatibility forms unified (full-width letters), case folded, punctuation as spaces.

    >>> fold("MP-Materials, Inc.")
    'mp materials inc'
    >>> fold("ＭＰ　Ｍａｔｅｒｉａｌｓ")
    'mp materials'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in text)
    return " ".join(kept.split())


@dataclass(frozen=True)
class Match:
    """A found entity: its score (see :data:`EXACT` ...) and the name or alias that matched."""

    node: StoredNode
    score: float
    matched: str

    def as_dict(self) -> dict:
        return {"id": self.node.id, "label": self.node.label, "name": self.node.name, "matched": self.matched,
                "score": round(self.score, 1), "aliases": list(self.node.aliases)}  # fmt: skip


def _score(query: str, name: str) -> float:
    if not name:
        return 0.0
    if name == query:
        return EXACT
    if name.startswith(query):
        return PREFIX
    if f" {query}" in f" {name}":
        return WORD
    if query in name:
        return PART
    if len(query) < 4:
        return 0.0
    ratio = max([difflib.SequenceMatcher(None, query, name).ratio()] +
                [difflib.SequenceMatcher(None, query, word).ratio() for word in name.split()])  # fmt: skip
    return SPELLED * ratio if ratio >= 0.8 else 0.0


def search_nodes(nodes: Iterable[StoredNode], text: str, labels: Collection[str] = (), limit: int | None = 20) -> list[Match]:
    """The nodes whose name, alias or id matches ``text``, best first.

    Ties go to a match on the name over one on an alias, entities over
    documents, shorter names, then ids. ``labels`` keeps those labels only.

    >>> nodes = [StoredNode("org:lynas", "Company", "Lynas Rare Earths", ("Lynas",)),
    ...          StoredNode("org:baogang-group", "StateOwnedEnterprise", "Baogang Group", ("包钢", "Baotou Steel"))]
    >>> [m.node.id for m in search_nodes(nodes, "LYNAS")], search_nodes(nodes, "包钢")[0].matched
    (['org:lynas'], '包钢')
    """
    query = fold(text)
    if not query:
        return []
    found = []
    for node in nodes:
        if labels and node.label not in labels:
            continue
        best, matched = 0.0, ""
        for rank, name in enumerate((node.name, *node.aliases)):
            score = _score(query, fold(name)) - (0 if rank == 0 else 1)
            if score > best:
                best, matched = score, name
        bare = fold(node.id.split(":", 1)[-1])
        if best < ID and (query == fold(node.id) or query in bare):
            best, matched = ID, node.id
        if best > 0:
            found.append(Match(node, best, matched))
    found.sort(key=lambda m: (-m.score, m.node.label == "Document", len(m.node.name), m.node.id))
    return found[:limit] if limit else found

"""Policies named by description, used by the mentions pass: "a strategic partnership on raw materials", "the
critical minerals strategy it published", "Chile's national lithium policy", "its plan for critical and strategic
minerals", "a memorandum of cooperation on rare earths". A lower-case head noun (``POLICY_DESCRIPTION_HEADS``) with a
minerals topic (``POLICY_TOPICS``, or a known element or material) among the modifiers before it or in the "on" /
"for" phrase after it is a policy the text names without a capitalised title, as a government's instruments often
are. Without the topic it is no policy ("its business plan", "a partnership with X").
"""

from __future__ import annotations

from typing import Any

from .model import Mention

MAX_MODIFIERS = 3
MAX_TOPIC_WORDS = 5


def described_policies(doc: Any, spans: list[Mention], materials: set[str], words: Any) -> list[tuple[int, int]]:
    """The (start, end) of each policy named by description in ``doc``; ``materials`` holds the keys of known
    elements and materials (their mentions may stand inside: "national lithium policy")."""
    lowers, n = doc.lowers, len(doc)
    named = {k for m in spans if m.key not in materials for k in range(m.start, m.end)}  # (inside another name: none)
    topical = {k for m in spans if m.key in materials for k in range(m.start, m.end)}
    out: list[tuple[int, int]] = []
    for head in words.POLICY_DESCRIPTION_HEADS:
        h = -1
        while True:  # (list.index finds the heads: no loop over the tokens)
            try:
                h = lowers.index(head, h + 1)
            except ValueError:
                break
            if h in named or not doc[h].is_lower:
                continue
            start = h
            while start > 0 and h - start < MAX_MODIFIERS and start - 1 not in named and (doc[start - 1].is_lower and doc[start - 1].is_alpha
                                                                                           or lowers[start - 1] == "-") \
                    and lowers[start - 1] not in words.STOP:
                start -= 1
            end = h + 1
            opener = 3 if lowers[h + 1 : h + 4] == ["of", "cooperation", "on"] else 1 if lowers[h + 1 : h + 2] in (["on"], ["for"]) else 0
            if opener:
                k = h + 1 + opener
                while k < n and k - h - opener <= MAX_TOPIC_WORDS and k not in named and (
                        doc[k].is_lower and doc[k].is_alpha and (lowers[k] not in words.STOP or lowers[k] == "and") or lowers[k] == "-"):
                    k += 1
                while k > h + 1 + opener and lowers[k - 1] in ("and", "-"):
                    k -= 1
                end = k if k > h + 1 + opener else h + 1
            if any(lowers[k] in words.POLICY_TOPICS or k in topical for k in range(start, end) if k != h) and (start < h or end > h + 1):
                out.append((start, end))
    return out

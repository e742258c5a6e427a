"""Tokens that pack several elements: "Dy/Tb", "Sm-Co", "La/Ce", "NdPr", alone or before a head ("Dy/Tb oxides"),
and element symbols listed together ("Dy, Tb and Sm"; a lone "Co" or "In" stays a word).

Part of the shared grammar layer, used by the mentions pass: without it a
capitalised "Dy/Tb" reads as a firm's name. A packed run becomes one mention
per element (coordinated like "A and B"), or per material when a head word
follows and the vocabulary knows the form ("dysprosium oxide"), or one
material when the pack itself is a known material ("SmCo magnets",
"samarium-cobalt magnets").
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicon
from ..gazetteer import Gazetteer, KnownEntity

SYMBOLS = {symbol: name for symbol, name, _ in lexicon.ELEMENTS}
SEPARATORS = ("/", "-")
LIST_WORDS = (",", "and", "or")
HEADS = frozenset("oxide oxides metal metals magnet magnets alloy alloys fluoride fluorides carbonate carbonates "
                  "concentrate concentrates powder".split())  # fmt: skip


def _by_letter(symbols: list[str]) -> str:
    """``symbols`` as one alternative per first letter ("P[rmtd]?" for Pr, Pm, Pt, Pd and P): the same matches as
    the symbols listed longest first, where the matcher tried every symbol in turn at every word of a text."""
    second: dict[str, str] = {}
    for symbol in symbols:
        second[symbol[0]] = second.get(symbol[0], "") + symbol[1:]
    return "(?:" + "|".join(f + (f"[{rest}]" if rest else "") + ("?" if rest and f in symbols else "") for f, rest in second.items()) + ")"


_PAIRS = f"{_by_letter([s for s in SYMBOLS if len(s) == 2])}{{2,3}}"
_JOINED = re.compile(f"^{_PAIRS}$")
"""One token of two or three two-letter symbols: "NdPr", "DyTb" (one-letter symbols would make words of anything)."""
_SYMBOL = _by_letter(list(SYMBOLS))
_ANY = re.compile(rf"\b{_SYMBOL}(?:[/-]|\s*(?:,|and|or)\s*){_SYMBOL}\b|\b{_PAIRS}\b")
"""Where a packed run may start: two symbols joined or listed, or one token of joined symbols."""


_FORMULA = re.compile(f"^(?:{_SYMBOL}){{2,5}}$")


def formula(text: str) -> bool:
    """A token that spells a compound's element symbols ("NdFeB", "SmCo"): at least two two-letter
    symbols, so no firm's acronym ("BHP", "CATL") or capitalised word ("Nippon") is one. Never a name."""
    return _FORMULA.match(text) is not None and len(re.findall("[A-Z][a-z]", text)) >= 2


def symbols_of(text: str) -> list[str]:
    """The element symbols a token packs ("NdPr" -> ["Nd", "Pr"]), or [] when it packs fewer than two."""
    if not _JOINED.match(text):
        return []
    return re.findall("[A-Z][a-z]", text)


def packed_mentions(doc: Any, covered: set[int], gazetteer: Gazetteer, text: str | None = None) -> list[tuple[int, int, KnownEntity, str]]:
    """(start, end, entity, text) for every packed run in ``doc`` whose tokens no other mention covers (``text``:
    ``doc.text`` when the caller has it). Only where a regular expression finds a candidate are tokens looked at."""
    out: list[tuple[int, int, KnownEntity, str]] = []
    n, done = len(doc), -1
    for found in _ANY.finditer(doc.text if text is None else text):
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        i = span.start if span is not None else -1
        groups = _run(doc, i, covered) if i > done else []
        if not groups:
            continue
        end = groups[-1][-1] + 1
        head = doc[end].text if end < n and doc[end].lower_ in HEADS else None
        for number, tokens in enumerate(groups):
            symbols = [s for k in tokens for s in (symbols_of(doc[k].text) or [doc[k].text])]
            own_head = head if number == len(groups) - 1 else None  # the head belongs to the last pack of a list
            whole = _lookup(gazetteer, [f"{''.join(symbols)} {own_head}",
                                        "-".join(SYMBOLS[s].lower() for s in symbols) + f" {own_head}"]) if own_head else None
            if whole is not None:
                out.append((tokens[0], end + 1, whole, doc[tokens[0] : end + 1].text))
                continue
            for k in tokens:
                if symbols_of(doc[k].text):
                    continue  # "NdPr" alone: one token cannot stand for two entities
                name = SYMBOLS[doc[k].text].lower()
                found_ = _lookup(gazetteer, [f"{name} {own_head or head}"] if head else []) or gazetteer.lookup(name)
                if found_ is not None:
                    out.append((k, k + 1, found_, doc[k].text))
        done = end
    return out


def _run(doc: Any, i: int, covered: set[int]) -> list[list[int]]:
    """The packs of a run starting at ``i``, each a list of tokens: "Dy / Tb" is one pack, "Dy , Tb and Sm - Co" two
    lists items and a pack; at least two element symbols in all, else []."""
    groups: list[list[int]] = []
    k = i
    while k < len(doc) and (doc[k].text in SYMBOLS or symbols_of(doc[k].text)) and k not in covered:
        if groups and doc[k - 1].text in SEPARATORS and doc[k - 1].whitespace_ == "" and not doc[k - 2].whitespace_:
            groups[-1].append(k)
        else:
            groups.append([k])
        nxt = k + 1
        if nxt + 1 < len(doc) and doc[nxt].text in SEPARATORS and doc[nxt].whitespace_ == "" and not doc[k].whitespace_:
            k = nxt + 1
        elif nxt + 1 < len(doc) and doc[nxt].text in LIST_WORDS and (doc[nxt + 1].text in SYMBOLS or symbols_of(doc[nxt + 1].text)):
            k = nxt + 1  # "Dy, Tb and Sm": symbols in a list
        elif nxt + 2 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].text in ("and", "or") and doc[nxt + 2].text in SYMBOLS:
            k = nxt + 2
        else:
            break
    count = sum(len(symbols_of(doc[t].text)) or 1 for g in groups for t in g)
    return groups if count >= 2 else []


def _lookup(gazetteer: Gazetteer, forms: list[str]) -> KnownEntity | None:
    for form in forms:
        found = gazetteer.lookup(form)
        if found is not None and found.label in ("Material", "Element"):
            return found
    return None

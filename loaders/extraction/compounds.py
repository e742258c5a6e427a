"""Elements written as parts of compound words, used by the mentions pass: "nickel-cobalt-scandium laterite" and
"tungsten-nickel-iron and tungsten-nickel-copper alloys" are materials of their own, "high-nickel cathodes" and
"cobalt-free" are about cathodes, "zinc, lead and copper smelting" is about smelting, and "high-purity iron" is a
grade of a material. None of these mentions the element itself as a thing the document is about.

Symbols packed into one token ("Dy/Tb", "Sm-Co", "NdPr") are read by ``packed.py``; here the elements are
written out as words.
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicon
from .model import Mention
from .vocabulary import WORDS

STOP = WORDS.STOP

LIST_WORDS = frozenset((",", "and", "or"))


def glued(doc: Any, k: int) -> bool:
    """A hyphen at ``k`` joining two words without spaces ("nickel-cobalt", "high-nickel")."""
    return 0 < k < len(doc) - 1 and doc.lowers[k] == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def element_compounds(doc: Any, spans: list[Mention], heads: frozenset[str],
                      modifier_heads: frozenset[str]) -> tuple[set[int], list[tuple[int, int, str]]]:
    """The element mentions of ``spans`` that are parts of compound words (their ``id``), and the materials those
    compounds name: (start, end, name), the name in the singular ("niobium-scandium-titanium ore")."""
    elements = {m.start: m for m in spans if m.end - m.start == 1 and m.key is not None and m.key.startswith("element:")}
    if not elements:
        return set(), []
    longer = {k for m in spans if m.end - m.start > 1 and m.start <= max(elements) for k in range(m.start, m.end)}  # (a known compound wins)
    drop: set[int] = set()
    new: list[tuple[int, int, str]] = []
    n, lowers = len(doc), doc.lowers
    for s in sorted(elements):
        if s in longer or id(elements[s]) in drop or (glued(doc, s - 1) and s - 2 in elements):
            continue
        chain, e = _chain(doc, s, elements)
        if len(chain) >= 2:
            head = e if e < n and lowers[e] in heads else None
            if head is None and e + 1 < n and lowers[e] in ("and", "or") and e + 1 in elements:
                second, e2 = _chain(doc, e + 1, elements)
                head = e2 if len(second) >= 2 and e2 < n and lowers[e2] in heads else None  # "A-B and A-C alloys"
            drop.update(id(elements[c]) for c in chain)
            if head is not None:
                name = "-".join(doc[c].lower_ for c in chain) + " " + _singular(doc[head].lower_)
                new.append((s, head + 1 if head == e else e, name))
        elif e < n and lowers[e] in WORDS.COMPOUND_ANIONS and not glued(doc, s - 1):
            drop.add(id(elements[s]))  # "indium antimonide", "cubic boron nitride": a compound the vocabulary lacks
            new.append((s, e + 1, f"{doc[s].lower_} {_singular(lowers[e])}"))
        elif glued(doc, s - 1) or glued(doc, e):
            drop.add(id(elements[s]))  # "high-nickel cathodes", "cobalt-free": a compound adjective
        elif s >= 3 and lowers[s - 1] in ("purity", "grade") and glued(doc, s - 2) and (e >= n or not lowers[e].isalpha() or lowers[e] in STOP):
            drop.add(id(elements[s]))  # "high-purity iron": a grade of the metal, a material
            new.append((s - 3, s + 1, f"{doc[s - 3].lower_}-{doc[s - 1].lower_} {doc[s].lower_}"))  # (not "... lithium chemicals")
        elif e < n and lowers[e] in LIST_WORDS:
            drop.update(id(elements[c]) for c in _listed_modifiers(doc, s, elements, modifier_heads))
    return drop, new


def _chain(doc: Any, s: int, elements: dict[int, Mention]) -> tuple[list[int], int]:
    """The elements joined by hyphens from ``s`` ("niobium-scandium-titanium") and the token after them."""
    chain, e = [s], s + 1
    while e + 1 < len(doc) and glued(doc, e) and e + 1 in elements:
        chain.append(e + 1)
        e += 2
    return chain, e


def _listed_modifiers(doc: Any, s: int, elements: dict[int, Mention], modifier_heads: frozenset[str]) -> list[int]:
    """ "zinc, lead and copper smelting": the elements of a list of single words whose last word, an element,
    modifies the noun after it; [] when the list ends otherwise."""
    out, k, lowers, n = [s], s + 1, doc.lowers, len(doc)
    while k + 1 < n and lowers[k] in LIST_WORDS:
        while k < n and lowers[k] in LIST_WORDS:
            k += 1
        if k >= n or not lowers[k].isalpha() or not doc[k].is_lower:
            return []
        if k in elements:
            out.append(k)
        k += 1
    if len(out) < 2 or k - 1 not in elements or k >= n or lowers[k] not in modifier_heads:
        return []
    return out


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


RARE_EARTH_QUALIFIERS = frozenset(("mixed", "separated", "recycled", "heavy", "light"))


def material_tails(doc: Any, spans: list[Mention], materials: set[str], words: Any) -> tuple[set[int], list[tuple[int, int, str]]]:
    """Materials named by a known material or element in lower case and a head noun for a form of it: "tungsten
    carbide powder", "natural graphite fines", "zinc smelting residues", "nickel laterite leach solution" (a
    joiner before the head), "technical-grade lithium chemicals" (a grade before it),
    "aluminium-scandium alloys" (a word glued before it), "mixed rare-earth feed" (rare earths are no material on
    their own, their forms are). ``materials`` holds the keys of materials and elements; the heads and joiners are
    data (``MATERIAL_TAILS``, ``RARE_EARTH_TAILS``, ``MATERIAL_TAIL_JOINERS``). Returns the mentions the
    longer materials replace (their ``id``) and the materials: (start, end, name), a plural head in the singular
    when the vocabulary's count nouns would be ("alloys")."""
    n, lowers = len(doc), doc.lowers
    drop: set[int] = set()
    new: list[tuple[int, int, str]] = []
    known_at = {m.start for m in spans if m.key in materials}
    bases = [(m.start, m.end, m) for m in spans if m.key in materials and m.text.islower()
             and not (glued(doc, m.start - 1) and m.start - 2 in known_at)]  # ("nickel-cobalt alloys": compounds)
    covered = {k for m in spans for k in range(m.start, m.end)}
    k = -1
    while True:  # "rare earth", "rare-earth": no mention of its own (list.index finds them: no loop over tokens)
        try:
            k = lowers.index("rare", k + 1)
        except ValueError:
            break
        e = k + 2 if lowers[k + 1 : k + 2] == ["earth"] else k + 3 if lowers[k + 1 : k + 3] == ["-", "earth"] else 0
        if e and k not in covered:
            bases.append((k - 1 if k > 0 and lowers[k - 1] in RARE_EARTH_QUALIFIERS else k, e, None))
    for start, end, m in bases:
        e = end + 1 if end < n and lowers[end] in words.MATERIAL_TAIL_JOINERS else end
        if e >= n or lowers[e] not in (words.MATERIAL_TAILS if m is not None else words.RARE_EARTH_TAILS):
            continue
        if start >= 3 and lowers[start - 1] in ("grade", "purity") and glued(doc, start - 2):
            start -= 3  # "technical-grade lithium chemicals"
        elif start >= 2 and glued(doc, start - 1) and doc[start - 2].is_alpha and doc[start - 2].is_lower and start - 2 not in known_at:
            start -= 2  # "aluminium-scandium master alloys"
        if m is not None:
            drop.add(id(m))
        new.append((start, e + 1, f"{doc[start:e].text} {_head(lowers[e])}"))
    for m in spans:  # "aluminium-scandium alloys": a known material glued to the word before it
        if m.key in materials and id(m) not in drop and m.text.islower() and m.start >= 2 and glued(doc, m.start - 1) \
                and doc[m.start - 2].is_alpha and doc[m.start - 2].is_lower and m.start - 2 not in known_at \
                and not any(s <= m.start < t for s, t, _ in new) and m.end - m.start > 1:
            drop.add(id(m))
            new.append((m.start - 2, m.end, f"{doc[m.start - 2 : m.end - 1].text} {_head(lowers[m.end - 1])}"))
    return drop, new


def _head(word: str) -> str:
    """A count noun's singular ("master alloy"); mass nouns stay as written ("smelting residues", "fines")."""
    return _singular(word) if word in ("alloys", "powders", "solutions") else word


ELEMENT_WORDS = frozenset(name.lower() for _, name, _ in lexicon.ELEMENTS) | {"aluminium", "aluminum"}
"""The elements' names as words, and aluminium's (an organometallic's metal: "trimethylaluminium")."""
ORGANOMETALLIC = re.compile(r"(?:tri|di|tetra)?(?:methyl|ethyl)(?:%s)" % "|".join(sorted(ELEMENT_WORDS)))
"""An alkyl compound of a metal written as one word ("trimethylindium", "triethylantimony", "trimethylgallium"):
the precursors of compound semiconductors that export-control notices list item by item."""
COMPOUND_CLASSES = frozenset(("organic", "inorganic", "organometallic"))
"""Adjectives that make "<element> compounds" a class of its own ("organic antimony compounds")."""
GRADE_OXIDES = ("oxide", "oxides", "dioxide", "trioxide", "pentoxide")
"""The heads of an oxide that a resource's grade is stated in ("156 million tonnes at 1.4% lithium oxide")."""


def _grade(doc: Any, k: int) -> bool:
    """A percentage below 90 ends at ``k`` ("1.4%", "0.8 %"): a grade, not a purity ("99.99% scandium oxide")."""
    if k < 1 or doc.lowers[k] != "%":
        return False
    try:
        return float(doc[k - 1].text.replace(",", "")) < 90
    except ValueError:
        return False


def shaped_compounds(doc: Any, spans: list[Mention], materials: set[str],
                     tails: list[tuple[int, int, str]]) -> tuple[set[int], list[tuple[int, int, str]]]:
    """Compounds named by the shape of their words, which no vocabulary name covers and which a shorter name would
    cut: an organometallic ("trimethylindium", not read at all before), a mixed oxide of elements written apart
    ("niobium titanium oxide", not "titanium oxide"), a class of compounds ("organic antimony compounds", not
    "antimony compound"); and an oxide a grade is stated in is no material ("at 1.4% lithium oxide").
    ``materials`` holds the keys of materials and elements; ``tails`` the materials :func:`material_tails` found
    ("antimony compounds"). Returns the mentions the longer materials replace or that are no material (their
    ``id``) and the materials, ``tails`` among them: (start, end, name as written)."""
    drop: set[int] = set()
    lowers = doc.lowers
    classed = lambda s, e: s > 0 and lowers[s - 1] in COMPOUND_CLASSES and lowers[e - 1].startswith("compound")  # noqa: E731
    new = [(s - 1, e, doc[s - 1 : e].text) if classed(s, e) else (s, e, name) for s, e, name in tails]
    if "ethyl" in doc.text:  # ("methyl" holds it too: most blocks skip the loop)
        new += [(k, k + 1, w) for k, w in enumerate(lowers) if "ethyl" in w and ORGANOMETALLIC.fullmatch(w)]
    elements = {m.start: m for m in spans if m.end - m.start == 1 and m.key is not None and m.key.startswith("element:")
                and m.text.islower()}
    for m in spans:
        if m.key not in materials or not m.text.islower() or m.key.startswith("element:"):
            continue
        if lowers[m.end - 1] in GRADE_OXIDES and _grade(doc, m.start - 1):
            drop.update(id(x) for x in spans if m.start <= x.start and x.end <= m.end)  # "at 1.4% lithium oxide": a grade
            continue
        if m.end - m.start != 2:
            continue
        start = m.start
        if lowers[start] in ELEMENT_WORDS:  # "niobium titanium oxide", "nickel manganese cobalt oxide"
            while start - 1 in elements and not glued(doc, start - 2):
                start -= 1
        elif classed(start, m.end):
            start -= 1  # "organic antimony compounds" (a generated form; :func:`material_tails` finds them too)
        if start != m.start:
            drop.update([id(m), *(id(elements[k]) for k in range(start, m.start) if k in elements)])
            new.append((start, m.end, doc[start : m.end].text))
    return drop, new

"""A generated grid of invented sentences for entity mentions (issue 12, session 9): name shapes x contexts.

Rules written from the misses of tuning documents raise those documents' scores and little else; this grid asks
instead, in the manner of behavioural testing (CheckList, Ribeiro et al. 2020), whether each *shape* of name is
found in each *place* a sentence can put it: an organisation with a legal suffix of some country, an industry head
("X Rare Earths"), an acronym, a state body, a facility, a material or a packed element token, a place, a policy;
as a sentence's subject, an object, in a list, in an appositive, in a table cell, in a headline, after a dateline,
before a possessive. Negative shapes (people with titles, banks, law firms, exchanges, publications, data agencies,
capitalised common words, months and weekdays) must yield no entity. Every name is invented from the stems below
(none is in the vocabulary) and every item knows what it expects: (name, label) pairs, or nothing.

An item is a small Markdown document read as a user's file is (``read_text``), so headlines and table rows go
through the same reader. Per cell (shape x context) the grid counts recall (expected names found, matched by name or
alias as ``supplygraph eval`` matches), labels right, and false entities: extracted entities that share a word with
the filler and are not expected ("Rare Earths" cut from "Kolvane Rare Earths", "Halvard Bank"), so entities the
fixed words of a context name do not count.

Print the table: ``.venv/bin/python -m tests.entity_grid`` (``--by shape`` for every shape, ``--write-floors`` to
record today's values in ``tests/entity_grid_floors.json``, which ``tests/test_entity_grid.py`` holds).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FLOORS = Path(__file__).resolve().parent / "entity_grid_floors.json"

STEMS = ("Kolvane", "Brennic", "Tavoria", "Ostrel", "Valdren", "Merrow", "Quillon", "Harsk", "Torvane", "Dellin",
         "Espar", "Norrik")
"""Invented name stems: no vocabulary entry, no given name, no English word."""

PLACES = ("Kolvik", "Brenford", "Tavask", "Ostrum", "Valdmar", "Merrin")
"""Invented place names."""


@dataclass(frozen=True)
class Item:
    group: str  # the shape's group ("organisation: legal suffix")
    shape: str  # the shape ("GmbH")
    context: str  # the context ("subject")
    text: str  # the document, Markdown
    expected: tuple[tuple[str, str], ...]  # (name, label); () for a negative item
    words: frozenset[str]  # the fillers' words, lower case: an entity sharing one is the fillers'
    background: str  # the same document with a known name of the kind for each filler: what the context names itself


# ---- shapes: group, shape, kind of context set, fillers (each a tuple: the filler as written, then its expected pairs)

ORG_SUFFIXES = ("Co., Ltd.", "K.K.", "Corporation", "GmbH", "AG", "S.A.", "SpA", "Pty Ltd", "Limited", "plc", "Inc.",
                "LLC", "Berhad", "JSC", "Holdings", "Group", "Oyj", "AB", "N.V.", "Sdn Bhd", "S.A.S.", "Ltd")
ORG_HEADS = ("Mining", "Rare Earths", "Metals", "Materials", "Resources", "Magnetics", "Minerals", "Advanced Materials",
             "Rare Metals", "Tungsten", "Lithium", "Magnet Technology")


def _shapes() -> list[tuple[str, str, str, list[tuple[str, tuple[tuple[str, str], ...]]]]]:
    shapes: list[tuple[str, str, str, list]] = []
    for suffix in ORG_SUFFIXES:
        names = [f"{STEMS[(k * 5 + len(suffix)) % len(STEMS)]}{(' Minerals', ' Industries', '')[k]} {suffix}" for k in range(3)]
        shapes.append(("org: legal suffix", suffix, "org", [(n, ((n, "Company"),)) for n in names]))
    for head in ORG_HEADS:
        names = [f"{STEMS[(k * 7 + len(head)) % len(STEMS)]} {head}" for k in range(3)]
        shapes.append(("org: industry head", head, "org", [(n, ((n, "Company"),)) for n in names]))
    regional = {
        "Korean": ["Hanseong Magnetics Co., Ltd.", "Daejin Advanced Materials", "Seorim Precision Metals Corp."],
        "Japanese": ["Shirakawa Denki K.K.", "Tokumori Rare Metals Co., Ltd.", "Nishikawa Kinzoku Kogyo Co., Ltd."],
        "Chinese": ["Ganzhou Xinli Rare Earth Group", "Baotou Tianrui Magnet Technology Co., Ltd.",
                    "Hunan Rongda Tungsten Industry Co., Ltd."],
        "European": ["Voss Metallwerke GmbH", "Fonderia Bassano SpA", "Valtek Kovine d.o.o."],
        "two words, no cue": ["Kolvane Brennic", "Tavoria Ostrel", "Merrow Quillon"],
    }
    for shape, names in regional.items():
        shapes.append(("org: regional pattern", shape, "org", [(n, ((n, "Company"),)) for n in names]))
    shapes.append(("org: acronym", "bare acronym", "org", [(n, ((n, "Company"),)) for n in ("KVRM", "TMX", "BRQ")]))
    shapes.append(("org: acronym", "name (ACRONYM)", "org", [
        (f"{n} ({a})", ((n, "Company"),)) for n, a in (("Kolvane Rare Metals", "KRM"), ("Tavoria Mining Corporation", "TMC"),
                                                        ("Ostrel Magnet Industries", "OMI"))]))
    bodies = {
        "Ministry of ...": ["Ministry of Mines and Subsoil", "Ministry of Geology", "Ministry of Industry and Mineral Resources"],
        "Department of ...": ["Department of Mineral Resources", "Department of Industrial Supply", "Department of Mines and Petroleum"],
        "... Agency": ["Valdren Minerals Agency", "the Strategic Reserves Agency", "Norrik Export Control Agency"],
        "... Commission": ["the Critical Materials Commission", "Harsk Trade Commission", "Dellin Resources Commission"],
    }
    for shape, names in bodies.items():
        shapes.append(("state body", shape, "org", [(n, ((n.removeprefix("the "), "GovernmentBody"),)) for n in names]))
    facilities = {
        "the X plant": [(f"the {p} plant", f"{p} plant") for p in PLACES[:3]],
        "the X refinery": [(f"the {p} refinery", f"{p} refinery") for p in PLACES[3:]],
        "the X mine": [(f"the {p} mine", f"{p} mine") for p in PLACES[1:4]],
        "the X magnet factory": [(f"the {p} magnet factory", f"{p} magnet factory") for p in PLACES[2:5]],
        "X Plant (title case)": [(f"{p} Plant", f"{p} Plant") for p in PLACES[:3]],
    }
    for shape, pairs in facilities.items():
        shapes.append(("facility", shape, "thing", [(f, ((n, "Facility"),)) for f, n in pairs]))
    shapes.append(("facility", "X refinery in Y", "thing", [
        (f"the {a} refinery in {b}", ((f"{a} refinery", "Facility"), (b, "Place"))) for a, b in zip(PLACES[:3], PLACES[3:])]))
    materials = {
        "oxide": ["holmium oxide", "scandium oxide", "gadolinium oxide"],
        "carbonate": ["lithium carbonate", "cerium carbonate", "lanthanum carbonate"],
        "concentrate": ["tungsten concentrate", "tin concentrate", "monazite concentrate"],
        "metal": ["terbium metal", "gallium metal", "samarium metal"],
        "alloy": ["dysprosium-iron alloy", "samarium-cobalt alloy", "NdFeB alloy"],
        "magnets": ["sintered NdFeB magnets", "bonded NdFeB magnets", "samarium-cobalt magnets"],
    }
    for shape, names in materials.items():
        shapes.append(("material", shape, "thing", [(n, ((n, "Material"),)) for n in names]))
    shapes.append(("packed token", "NdPr, Dy/Tb, Sm-Co", "thing", [
        ("NdPr", (("NdPr", "Material"),)),  # (bare, the trade's name of NdPr oxide, as the gold files name it)
        ("Dy/Tb", (("Dysprosium", "Element"), ("Terbium", "Element"))),
        ("Sm-Co", (("Samarium", "Element"), ("Cobalt", "Element")))]))
    shapes.append(("place", "invented town", "place", [(p, ((p, "Place"),)) for p in PLACES[:3]]))
    shapes.append(("place", "X Province", "place", [(f"{p} Province", ((f"{p} Province", "Place"),)) for p in PLACES[3:]]))
    shapes.append(("place", "country", "place", [(c, ((c, "Country"),)) for c in ("Kazakhstan", "Namibia", "Portugal")]))
    policies = {
        "Announcement No. N of YYYY": ["Announcement No. 18 of 2031", "Announcement No. 7 of 2032", "Announcement No. 46 of 2030"],
        "Order No. N": ["Order No. 71", "Order No. 305", "Order No. 12"],
        "named act": ["the Critical Minerals Security Act", "the Strategic Materials Supply Act", "the Rare Metals Stockpile Act"],
        "Decree No. N": ["Decree No. 12", "Decree No. 418", "Decree No. 9"],
    }
    for shape, names in policies.items():
        shapes.append(("policy", shape, "policy", [(n, ((n.removeprefix("the "), "Policy"),)) for n in names]))
    negatives = {
        "person with title": ["chief executive Anna Kolvane", "Mr. Tavoria", "Minister Lena Brennic"],
        "bank, lender": ["Halvard Bank", "the Export-Import Bank of Valdren", "Norrik Capital"],
        "law firm": ["Quillon & Harsk LLP", "Merrow Dellin Partners", "Ostrel Espar LLP"],
        "stock exchange": ["the Kolvik Stock Exchange", "the Brenford Exchange", "the Tavask Venture Exchange"],
        "publication, news agency": ["Metals Weekly", "the Kolvik Times", "Valdren News Agency"],
        "data agency, consultancy": ["Harsk Metals Intelligence", "Dellin Analytics", "Quillon Consulting"],
    }
    for shape, names in negatives.items():
        shapes.append(("not an entity", shape, "negative", [(n, ()) for n in names]))
    shapes.append(("not an entity", "capitalised common word", "start", [(w, ()) for w in ("Demand", "Output", "Prices")]))
    shapes.append(("not an entity", "month, weekday", "start", [(w, ()) for w in ("March", "Tuesday", "September")]))
    return shapes


# ---- contexts: {X} is the filler, {Y} and {Z} two more of the same shape (lists); "T:" starts a headline, "|" a table

CONTEXTS: dict[str, dict[str, str]] = {
    "org": {
        "subject": "{X} said on Monday that it would double its output of separated oxides.",
        "object": "Several carmakers now buy permanent magnets from {X}.",
        "list": "The buyers include {X}, {Y} and {Z}.",
        "appositive": "The contract went to {X}, a producer of rare earth oxides based in Canada.",
        "table cell": "| Company | Country | Capacity (t) |\n|---|---|---|\n| {X} | Canada | 5,000 |",
        "headline": "# {X} to Build Magnet Plant in Texas\n\nThe plant will open in 2028.",
        "dateline": "TOKYO, March 3 -- {X} said on Tuesday that it had signed a supply agreement.",
        "possessive": "{X}'s new separation line will start in 2027.",
    },
    "thing": {
        "subject": "{X} will account for most of the increase in supply next year.",
        "object": "The company expects to deliver {X} to customers in Japan.",
        "list": "The notice covers {X}, {Y} and {Z}.",
        "appositive": "The firm ships {X}, its main product, to buyers in Europe.",
        "table cell": "| Item | Quantity (t) |\n|---|---|\n| {X} | 1,200 |",
        "headline": "# Exports of {X} Fall Sharply\n\nShipments dropped in May.",
        "dateline": "BEIJING, May 3 -- Demand for {X} rose in April, traders said.",
        "possessive": "{X}'s share of the market grew.",
    },
    "place": {
        "subject": "{X} is home to two smelters and a port.",
        "object": "The company has a sales office in {X}.",
        "list": "It runs plants in {X}, {Y} and {Z}.",
        "appositive": "The mine lies near {X}, a town on the coast.",
        "table cell": "| Site | Location | Capacity (t) |\n|---|---|---|\n| Lower pit | {X} | 3,000 |",
        "headline": "# Magnet Maker Picks {X} for New Plant\n\nThe plant will open in 2028.",
        "dateline": "{X}, March 3 -- The company said on Tuesday that it had started production.",
        "possessive": "{X}'s government approved the permit.",
    },
    "policy": {
        "subject": "{X} took effect on 1 December.",
        "object": "The ministry issued {X} on Friday.",
        "list": "Exports are governed by {X}, {Y} and {Z}.",
        "appositive": "The rules follow {X}, which restricts exports of gallium.",
        "table cell": "| Notice | Date |\n|---|---|\n| {X} | 1 December |",
        "headline": "# Ministry Publishes {X}\n\nThe rules take effect in June.",
        "dateline": "BEIJING, May 3 -- The ministry said {X} would take effect in June.",
        "possessive": "{X}'s item list covers gallium and germanium.",
    },
    "negative": {
        "subject": "{X} said on Monday that demand for magnets would rise.",
        "object": "The figures were confirmed by {X} on Monday.",
        "list": "The meeting was attended by {X}, {Y} and {Z}.",
        "appositive": "The loan was arranged with {X}, which advised on the deal.",
        "table cell": "| Adviser | Role |\n|---|---|\n| {X} | adviser |",
        "headline": "# {X} Sees Higher Magnet Prices\n\nPrices rose in May.",
        "dateline": "TOKYO, March 3 -- {X} said on Tuesday that prices had risen.",
        "possessive": "{X}'s estimate of demand was cut.",
    },
    "start": {
        "subject": "{X} rose sharply in the third quarter, the company said.",
        "object": "Orders are expected to grow in {X}.",
        "list": "The data cover {X}, {Y} and {Z}.",
        "headline": "# {X} Slows at Magnet Plants\n\nThe plant will open in 2028.",
    },
}

NEGATIVE_CONTEXTS = {  # the kinds of sentence the negative shapes stand in, by shape
    "bank, lender": {"object": "The project is financed by a $300 million loan from {X}."},
    "stock exchange": {"object": "The company's shares are listed on {X}."},
    "publication, news agency": {"object": "The deal was first reported by {X}."},
    "data agency, consultancy": {"object": "Prices rose 12 %, according to {X}."},
}


def items() -> Iterator[Item]:
    """Every item of the grid, in a fixed order."""
    for group, shape, kind, fillers in _shapes():
        contexts = {**CONTEXTS[kind], **(NEGATIVE_CONTEXTS.get(shape, {}) if kind == "negative" else {})}
        for context, template in contexts.items():
            for k, (filler, expected) in enumerate(fillers):
                others = [fillers[(k + 1) % 3], fillers[(k + 2) % 3]] if "{Y}" in template else []
                text = _fill(template, [filler] + [f for f, _ in others], context)
                background = _fill(template, [NEUTRAL[kind]] * 3, context)
                every = [filler] + [f for f, _ in others]
                words = frozenset(w for f in every for w in re.findall(r"[\w/&.-]+", f.lower()) if w not in _COMMON)
                pairs = tuple(p for _, e in [(filler, expected)] + list(others) for p in e)
                yield Item(group, shape, context, text, pairs, words, background)


NEUTRAL = {"org": "Lynas", "thing": "gallium", "place": "Kazakhstan", "policy": "the Export Control Law", "negative": "Reuters",
           "start": "Kazakhstan"}
"""A name of each kind of context that shares no word with a filler: the background's filler."""


def _fill(template: str, fillers: list[str], context: str) -> str:
    text = template.replace("{X}", fillers[0])
    if len(fillers) == 3:
        text = text.replace("{Y}", fillers[1]).replace("{Z}", fillers[2])
    text = re.sub(r"\.\.(?=\s|$)", ".", text)  # ("K.K." at a sentence's end)
    return _title(text) if context == "headline" else text[:1].upper() + text[1:]


_COMMON = frozenset("the of and in a an & ltd ltd. co., co. inc. plc llc ag group holdings limited corporation".split())


def _title(text: str) -> str:
    """A headline in title case (its first line only)."""
    head, _, rest = text.partition("\n")
    small = {"of", "for", "in", "to", "and", "the", "a", "at", "on"}
    words = [w if (w.lower() in small and i) or not w[:1].isalpha() or w[:1].isupper() else w[:1].upper() + w[1:]
             for i, w in enumerate(head.split(" "))]
    return " ".join(words) + ("\n" + rest if rest else "")


# ---- scoring

def _norm(name: str) -> str:
    from supplygraph.loaders.evaluation import _norm as norm

    return norm(name)


@dataclass
class Cell:
    expected: int = 0
    found: int = 0
    labelled: int = 0
    false: int = 0
    items: int = 0
    misses: list[str] | None = None

    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def score(extractor=None) -> dict[tuple[str, str, str], Cell]:
    """Run every item; the cells by (group, shape, context)."""
    from supplygraph.loaders import Gazetteer
    from supplygraph.loaders.documents import read_text
    from supplygraph.loaders.extraction import Extractor

    extractor = extractor or Extractor(Gazetteer())
    cells: dict[tuple[str, str, str], Cell] = defaultdict(lambda: Cell(misses=[]))
    read = lambda text: extractor.extract(read_text(text, True).blocks).as_dict()["entities"]  # noqa: E731
    for item in items():
        found = read(item.text)
        background = {e["id"] for e in read(item.background)}
        names = [({_norm(n) for n in [e["name"], *e.get("aliases", [])]}, e) for e in found]
        cell = cells[(item.group, item.shape, item.context)]
        cell.items += 1
        used = set()
        for name, label in item.expected:
            cell.expected += 1
            hit = next((e for ns, e in names if _norm(name) in ns), None)
            if hit is None:
                cell.misses.append(f"{name} <- {item.text!r}")
                continue
            used.add(hit["id"])
            cell.found += 1
            cell.labelled += hit["label"] == label or (label == "Company" and hit["label"] == "StateOwnedEnterprise")
        for ns, e in names:
            if e["id"] not in used and e["id"] not in background and set(re.findall(r"[\w/&.-]+", e["name"].lower())) & item.words:
                cell.false += 1
                cell.misses.append(f"false {e['name']} [{e['label']}] <- {item.text!r}")
    return dict(cells)


def summary(cells: dict[tuple[str, str, str], Cell], by: str = "group") -> dict[tuple[str, str], Cell]:
    """Cells summed by (group, context) or (shape, context)."""
    out: dict[tuple[str, str], Cell] = defaultdict(lambda: Cell(misses=[]))
    for (group, shape, context), c in cells.items():
        s = out[(group if by == "group" else f"{group} / {shape}", context)]
        s.expected += c.expected
        s.found += c.found
        s.labelled += c.labelled
        s.false += c.false
        s.items += c.items
    return dict(out)


def table(cells: dict[tuple[str, str, str], Cell], by: str = "group") -> str:
    """Recall and false entities per row (shape group or shape) and context: 'recall/false' in each cell."""
    rows = summary(cells, by)
    contexts = list(dict.fromkeys(c for _, c in rows))
    names = list(dict.fromkeys(r for r, _ in rows))
    lines = ["| " + " | ".join(["shape" if by == "shape" else "shape group", *contexts, "all: recall, labels, false"]) + " |",
             "|" + "---|" * (len(contexts) + 2)]
    total = Cell()
    for name in names:
        cols, row = [], Cell()
        for context in contexts:
            c = rows.get((name, context))
            if c is None:
                cols.append("")
                continue
            cols.append(f"{c.recall():.2f}/{c.false}" if c.expected else f"-/{c.false}")
            for f in ("expected", "found", "labelled", "false", "items"):
                setattr(row, f, getattr(row, f) + getattr(c, f))
                setattr(total, f, getattr(total, f) + getattr(c, f))
        labels = f"{row.labelled / row.found:.2f}" if row.found else "-"
        cols.append(f"{row.recall():.2f}, {labels}, {row.false}" if row.expected else f"-, -, {row.false}")
        lines.append(f"| {name} | " + " | ".join(cols) + " |")
    lines.append(f"\n{total.items} items; recall {total.recall():.3f} ({total.found}/{total.expected}), labels right "
                 f"{total.labelled / max(total.found, 1):.3f}, false entities {total.false}")
    return "\n".join(lines)


def floors(cells: dict[tuple[str, str, str], Cell]) -> dict[str, dict[str, float]]:
    return {" :: ".join(k): {"recall": round(c.recall(), 3), "false": c.false} for k, c in sorted(cells.items())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.entity_grid", description=__doc__.split("\n\n")[0])
    parser.add_argument("--by", choices=("group", "shape"), default="group")
    parser.add_argument("--misses", metavar="TEXT", help="list the misses and false entities of cells whose name has TEXT")
    parser.add_argument("--write-floors", action="store_true", help=f"record today's cells in {FLOORS.name}")
    args = parser.parse_args(argv)
    cells = score()
    print(table(cells, args.by))
    if args.misses:
        for key, c in cells.items():
            if args.misses.lower() in " / ".join(key).lower():
                for m in c.misses or ():
                    print(" / ".join(key), "|", m)
    if args.write_floors:
        FLOORS.write_text(json.dumps(floors(cells), indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

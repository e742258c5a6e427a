"""Documents (``.txt``, ``.md``, ``.html``) into the graph: a Document node, MENTIONED_IN facts and extracted relations.

Reading is bounded: a file over :data:`MAX_BYTES` or one that looks binary is
refused with a one-line error; HTML is parsed by the standard library's
event parser with an explicit stack, so nesting depth costs no recursion.
The text is split into blocks (paragraphs, headings, table cells) that the
:mod:`extraction <supplygraph.loaders.extraction>` rules read sentence by
sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from supplygraph.errors import LoadError

from .context import Context
from .extraction import Extraction, Extractor, find_date
from .gazetteer import Gazetteer, KnownEntity, has_cjk

MAX_BYTES = 5 * 1024 * 1024
"""Largest document read (5 MiB, some 800,000 words); larger files are refused rather than read for minutes."""

_GENERIC_TITLES = frozenset({"highlights", "summary", "abstract", "key points", "contents", "introduction", "overview"})


@dataclass
class DocumentText:
    """The readable text of a document, in blocks, and what it says about itself."""

    blocks: list[tuple[str, bool]]
    """(text, is_heading) in reading order."""
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


# --- reading ------------------------------------------------------------------------------------------------


def check_size_and_kind(ctx: Context) -> None:
    """Refuse files too large to read in bounded time, and binary files."""
    if len(ctx.data) > MAX_BYTES:
        raise LoadError(
            f"document too large: {len(ctx.data) / 2**20:.1f} MiB (the limit is {MAX_BYTES / 2**20:.0f} MiB; split it)",
            where=ctx.where(),
        )
    head = ctx.data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROLS))  # (counted in C: a loop over the bytes was 0.3 ms a document)
    if b"\x00" in head or (head and controls / len(head) > 0.05):
        raise LoadError("binary file: not a text, Markdown or HTML document", where=ctx.where())


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
"""Control bytes that a text file does not hold (tab, line feed, form feed and carriage return are text's)."""
_SPACE_RUN = re.compile(r"\s+")


def _is_heading(line: str) -> bool:
    words = line.split()
    if not words:
        return False
    if line.isupper() and len(words) <= 15:
        return True
    return len(words) <= 20 and not line.rstrip().endswith((".", "!", "?", ":", ";", '"', "”"))


def _blocks_from_lines(lines: list[str]) -> list[tuple[str, bool]]:
    """Paragraphs from lines: wrapped lines are joined (long lines, or lines that end a sentence: hard-wrapped prose
    ends some lines at a full stop by chance), short unpunctuated lines are headings."""
    blocks: list[tuple[str, bool]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if not paragraph:
            return
        wrapped = len(paragraph) > 1 and all(not p.rstrip().endswith(":") and (len(p) > 40 or p.rstrip().endswith((".", "!", "?")))
                                                for p in paragraph[:-1])  # (a line ending in ":" opens a list)
        parts = [" ".join(paragraph)] if wrapped else paragraph
        for part in parts:
            part = _SPACE_RUN.sub(" ", part).strip()
            if part:
                blocks.append((part, _is_heading(part)))
        paragraph.clear()

    for line in lines:
        if not line.strip():
            flush()
            continue
        paragraph.append(line.strip())
    flush()
    return blocks


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


CELL = " | "
"""Between the cells of a table row, which is one block (a heading: no sentence), so that the extractor reads the row
under its header (loaders/extraction/relations/tables.py); an empty cell stays, to keep the columns in line."""


def _clean_markdownish(line: str) -> list[tuple[str, bool | None]]:
    """One Markdown or text line as blocks: headings, list items and table cells split out."""
    stripped = line.strip()
    heading = None
    if stripped.startswith("#"):
        stripped, heading = stripped.lstrip("#").strip(), True
    item = _LIST_ITEM.match(stripped)
    stripped = stripped[item.end() :] if item else stripped
    stripped = re.sub(r"^>\s*", "", stripped)
    stripped = _TAG.sub(" ", stripped)
    stripped = _MD_LINK.sub(r"\1", stripped)
    for _ in range(2):
        stripped = _MD_EMPHASIS.sub(r"\2", stripped)
    if re.fullmatch(r"[\s|:\-]*", stripped) and "|" in stripped or re.fullmatch(r"[-=_*]{3,}", stripped):
        return []
    if "|" in stripped:
        cells = [cell.strip() for cell in stripped.strip().strip("|").split("|")]
        return [(CELL.join(cells), True)] if any(cells) else []
    return [(stripped, False if item and not heading else heading)]


_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
"""A Markdown list item's marker: the item is a paragraph of its own (an unpunctuated bullet does not run into the next
one as if the two were one wrapped sentence), and never a heading however short."""


def read_text(text: str, markdown: bool) -> DocumentText:
    """Blocks, title and date of a plain-text or Markdown document."""
    lines: list[str] = []
    headings: set[str] = set()
    items: set[str] = set()
    title = None
    in_code = False
    for raw in text.splitlines():
        if raw.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        parts = _clean_markdownish(raw) if (markdown or "|" in raw or "<" in raw) else [(raw.strip(), None)]
        if not parts:
            lines.append("")
            continue
        for part, heading in parts:
            if heading:
                headings.add(part)
                if title is None and raw.lstrip().startswith("# "):
                    title = part
                lines.extend(["", part, ""])
            elif len(parts) > 1:
                lines.extend(["", part, ""])
            elif heading is False:
                items.add(part)
                lines.extend(["", part])  # (its wrapped lines may follow)
            else:
                lines.append(part)
    blocks = [(b, b in headings or h and not any(b.startswith(item) for item in items)) for b, h in _blocks_from_lines(lines)]
    if title is None and blocks and blocks[0][1] and blocks[0][0].lower() not in _GENERIC_TITLES:
        title = blocks[0][0]
    return DocumentText(blocks, title=title, published=_published(blocks), publisher=_publisher(blocks))


def _published(blocks: list[tuple[str, bool]]) -> str | None:
    """A date the document gives itself: a dateline or a "Published:" line near the top."""
    for text, _ in blocks[:4]:
        labelled = re.match(r"^(?:published|date|posted|updated)\s*:?\s*(.+)$", text, re.I)
        iso, _ = find_date(labelled.group(1) if labelled else text[:120])
        if iso and (labelled or len(iso) == 10):
            return iso
    return None


def _publisher(blocks: list[tuple[str, bool]]) -> str | None:
    for text, _ in blocks[:6] + blocks[-4:]:
        match = re.match(r"^(?:publisher|published by|source)\s*:\s*(.{2,80})$", text, re.I)
        if match:
            return match.group(1).strip()
    return None


_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|related|comments?|share|sharing|social|cookies?|newsletter|subscribe|"
    r"advert|ads?|promo|breadcrumbs?|popup|modal|banner|masthead|byline-share)(?:$|[\s_-])"
)
"""Class or id words of page furniture that is not in a semantic tag (``<div class="sidebar">``)."""


class _MainText(HTMLParser):
    """The readable text of an HTML page: no script, style, navigation, header, footer, aside or form.

    The parser is event-based and keeps an explicit stack, so deep nesting
    costs memory proportional to the depth, never recursion.
    """

    SKIP = frozenset({"script", "style", "nav", "footer", "header", "aside", "form", "noscript", "template", "svg",
                      "iframe", "button", "select", "head", "menu"})  # fmt: skip
    BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "td", "th", "tr", "br", "h1", "h2", "h3",
                        "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption", "caption", "table", "ul",
                        "ol", "hr", "body", "title"})  # fmt: skip
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skipping = 0
        self.parts: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.heading_depth = 0
        self.h1_depth = 0
        self.title: str | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.main_marks: list[int] = []
        self.row: list[str] | None = None  # the cells of the table row being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"])
            return
        if tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        role = attributes.get("role", "").lower()
        if tag in self.VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        self.stack.append(tag)
        marks = f"{attributes.get('class', '')} {attributes.get('id', '')}".lower()
        if tag in self.SKIP or role in ("navigation", "banner", "contentinfo", "complementary", "search") or "hidden" in attributes \
                or (tag not in ("html", "body", "main", "article") and _BOILERPLATE.search(marks)):
            self.skipping += 1
            self.stack[-1] = "\x00" + tag
        if tag in self.BLOCKS:
            self._flush()
        if tag == "tr" and not self.skipping:
            self._end_row()
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.current.clear()  # (white space between cells)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading_depth += 1
        if tag == "h1":
            self.h1_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in ("main", "article"):
            self.main_marks.append(len(self.parts))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        # pop to the matching open tag (tolerates unclosed tags); ignore a stray end tag
        for depth in range(len(self.stack) - 1, max(-1, len(self.stack) - 64), -1):
            if self.stack[depth].lstrip("\x00") == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            popped = self.stack.pop()
            name = popped.lstrip("\x00")
            if popped.startswith("\x00"):
                self.skipping -= 1
            if name in ("td", "th") and self.row is not None:
                self.row.append(re.sub(r"\s+", " ", "".join(self.current)).strip())  # (an empty cell too: columns stay in line)
                self.current.clear()
            elif name in self.BLOCKS:
                self._flush()
            if name in ("tr", "table"):
                self._end_row()
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading_depth -= 1
            if name == "h1":
                self.h1_depth -= 1
            if name == "title":
                self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title and self.title is None and data.strip():
            self.title = data.strip()
            return
        if self.skipping or not data:
            return
        self.current.append(data)

    def _flush(self) -> None:
        if self.row is not None:
            self.current.append(" ")  # a paragraph or line break inside a cell: the cell goes on
            return
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current.clear()
        if not text:
            return
        heading = self.heading_depth > 0
        if heading and self.h1 is None and self.h1_depth > 0:
            self.h1 = text
        self.parts.append((text, heading or _is_heading(text)))

    def _end_row(self) -> None:
        row, self.row = self.row, None
        self._flush()
        if row and any(row):
            self.parts.append((CELL.join(row), True))

    def close(self) -> None:
        super().close()
        self._end_row()


def read_html(text: str) -> DocumentText:
    """Main text, title, date and publisher of an HTML page."""
    parser = _MainText()
    parser.feed(text)
    parser.close()
    blocks = parser.parts
    if parser.main_marks:
        blocks = blocks[parser.main_marks[0] :] or blocks
    meta = parser.meta
    title = meta.get("og:title") or parser.h1 or parser.title
    published = None
    for key in ("article:published_time", "datePublished".lower(), "date", "pubdate", "dc.date", "time"):
        if meta.get(key):
            published, _ = find_date(meta[key])
            if published:
                break
    publisher = meta.get("og:site_name") or meta.get("publisher") or meta.get("application-name")
    return DocumentText(
        blocks, title=unescape(title) if title else None, published=published or _published(blocks),
        publisher=publisher, url=meta.get("og:url"),
    )  # fmt: skip


def read_document(ctx: Context) -> DocumentText:
    """The document in ``ctx`` as text blocks (errors: too large, binary, empty, not UTF-8)."""
    if ctx.data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows "Unicode" text)
        if len(ctx.data) > MAX_BYTES:
            check_size_and_kind(ctx)
        try:
            text = ctx.data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(f"not UTF-16 although it starts with a UTF-16 byte-order mark: {exc.reason}", where=ctx.where()) from exc
    else:
        check_size_and_kind(ctx)
        text = ctx.text()
    suffix = ctx.path.suffix.lower()
    if suffix in (".html", ".htm"):
        document = read_html(text)
    else:
        document = read_text(text, markdown=suffix in (".md", ".markdown"))
    if not document.title:
        document.title = ctx.path.stem.replace("_", " ").replace("-", " ")
    return document


# --- extraction and loading -----------------------------------------------------------------------------

_EXTRACTORS: "weakref.WeakKeyDictionary[Gazetteer, Extractor]" = weakref.WeakKeyDictionary()
_DEFAULT: list[Gazetteer] = []


def extractor_for(known: Gazetteer | None) -> Extractor:
    """The extractor for ``known`` (built once per gazetteer); the built-in vocabulary alone when None."""
    if known is None:
        if not _DEFAULT:
            _DEFAULT.append(Gazetteer())
        known = _DEFAULT[0]
    extractor = _EXTRACTORS.get(known)
    if extractor is None:
        extractor = _EXTRACTORS[known] = Extractor(known)
    return extractor


def document_id(ctx: Context) -> str:
    return f"doc:{ctx.unit.digest[:16]}"


def extract(ctx: Context) -> tuple[dict[str, Any], Extraction]:
    """The Document record and what the text yields, without emitting anything."""
    document = read_document(ctx)
    extractor = extractor_for(ctx.known)
    found = extractor.extract(document.blocks, document.published)
    ctx.unit.reader = extractor.fingerprint
    record = {
        "id": document_id(ctx), "label": "Document", "name": document.title, "title": document.title,
        "published": document.published, "publisher": document.publisher, "url": document.url,
        "sha256": ctx.unit.digest, "path": str(ctx.path.resolve()),
    }  # fmt: skip
    return {k: v for k, v in record.items() if v is not None}, found


def _reading_digest(entities: list, relations: list[dict[str, Any]]) -> str:
    """What the names resolved to and the relations found, in short: part of the document's stamp.

    The same text read by the same rules reads differently when the store knows
    other names: an article loaded before the curated data made its own
    "Lynas Rare Earths" node, and read again after it, it links to the curated
    one. Stamped with this, such a document is read again rather than skipped
    as unchanged; an unchanged reading keeps the stamp, so a reload that
    changes nothing still skips it.
    """
    digest = hashlib.sha256()
    for entity in sorted(f"{e.id}\x1f{e.label}" for e in entities):
        digest.update(entity.encode() + b"\x1e")
    for relation in relations:
        digest.update(json.dumps(relation, sort_keys=True, default=str).encode() + b"\x1e")
    return digest.hexdigest()[:16]


def storable_aliases(aliases: list[str]) -> list[str]:
    """The aliases of a new entity worth keeping as names: capitalised or in Chinese characters.

    Descriptive phrases ("sintered magnet plant", "opening") identify an entity
    only inside the document they come from; stored as aliases they would make
    every later "plant" or "opening" resolve to this one. A description with
    its place ("plant in Kingsport") is one too: stored, it would swallow the
    place of a later document's "the plant in Kingsport", and with it the
    facts about where the plant is and what it makes (the store's facility is
    found from such a phrase by its place and operator instead).
    """
    return [a for a in aliases if (any(c.isupper() for c in a) or has_cjk(a)) and not _DESCRIBED_PLACE.match(a)]


_DESCRIBED_PLACE = re.compile(r"^[a-z][\w -]* in [A-Z]")
"""A lower-case description followed by its place: "sintered magnet plant in Kingsport"."""


def load_document(ctx: Context) -> None:
    """Loader for ``.txt``, ``.md`` and ``.html``: a Document node, its entities, MENTIONED_IN and relations."""
    record, found = extract(ctx)
    doc_id = record["id"]
    ctx.unit.extracted = True
    if found.note:
        ctx.unit.notes.append(f"{ctx.where()}: {found.note}")
    ctx.node(record)
    ids = {e.key: e.id for e in found.entities}
    new: list[KnownEntity] = []
    for entity in found.entities:
        # Entities already in the store are claimed too (identity only), so that a new version of a document
        # that first introduced them never leaves its facts pointing at a node nobody claims any more.
        props = {k: v for k, v in entity.props.items() if k in ("iso2", "symbol")} if entity.stored else entity.props
        aliases = storable_aliases(entity.aliases()) if entity.known is None else entity.aliases()
        ctx.node({"id": entity.id, "label": entity.label, "name": entity.name, "aliases": aliases, **props})
        if entity.known is None:
            new.append(KnownEntity(entity.id, entity.label, entity.name, tuple(aliases), dict(entity.props)))
        ctx.fact({"type": "MENTIONED_IN", "source": entity.id, "target": doc_id, "sources": [doc_id],
                  "count": entity.mentions})  # fmt: skip
    relations = [relation.as_dict(ids) for relation in found.relations]
    for relation in relations:
        ctx.fact({**relation, "sources": [doc_id]})
    ctx.unit.reader += "/" + _reading_digest(found.entities, relations)
    if ctx.known is not None:
        extractor_for(ctx.known).learn(new)

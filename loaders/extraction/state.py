"""Everything found so far in one document, and the order of the passes over it.

:class:`DocState` runs the passes: mentions (:mod:`.mentions`), names within the
document (:mod:`.names`), relations sentence by sentence (:mod:`.rules`), and
confirmation (:mod:`.confirmation`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .confirmation import Confirmation
from .mentions import Mentions
from .model import Entity, Extraction, Mention, ORG_LABELS, Relation, Sentence, allowed
from .names import Names
from .relations.feeds import resolve_feeds
from .relations.items import enumerated
from .relations.named_products import resolve_named_products
from .relations.policy import item_line
from .relations.tables import cells, header, sheet_row
from .rules import Rules
from .text import short_name


class DocState(Mentions, Names, Confirmation):
    """Everything found so far in one document; runs the passes."""

    def __init__(self, extractor: Any, published: str | None) -> None:
        """``extractor``: the :class:`~.extractor.Extractor` (gazetteer, matchers, vocabulary) this document runs through."""
        self.x = extractor
        self.v = extractor.vocabulary
        self.published = published
        self.sentences: list[Sentence] = []
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple, Relation] = {}
        self.used: set[str] = set()
        self.last_subject: str | None = None
        self.antecedent: str | None = None  # what "It" opening the next sentence stands for (Discourse._topic)
        self.plural: list[str] = []  # what "They" opening the next sentence stands for: two firms or more (Discourse._topic)
        self.title_firm: str | None = None  # the one firm the document's title names (its own report or release)
        self.last_event: str | None = None
        self.last_policy: str | None = None  # the policy the document spoke of last ("the controls", "requires a licence")
        self.last_parties: list[str] = []  # the parties of the agreement the document spoke of last
        self.recent: list[str] = []  # entity keys in the order the document mentioned them
        self.previous: list[str] = []  # the entity keys the last sentence read named, in order ("the operation": its site)
        self.facilities: list[str] = []
        self.facility_names: dict[str, str] = {}
        self.magnets: list[str] = []
        self.redirect: dict[str, str] = {}
        self.persons: set[str] = set()  # surnames of people named so far ("Smith said")
        self.sources: set[str] = set()  # names quoted as sources ("GlobalData, an analytics firm"): never parties
        self.skip_until = 0
        self.out: dict[tuple[str, str], list[str]] = {}  # (type, source) -> targets, for the rules' look-ups
        self.into: dict[tuple[str, str], list[str]] = {}  # (type, target) -> sources
        self.listing: str | None = None  # the policy whose list of items the document is going through
        self.party_listing: tuple[str, bool] | None = None  # the firm whose list of partners (", offtake?") follows
        self.columns: list[str | None] | None = None  # the roles of the columns of the table being read
        self.sheet: str | None = None  # the site or firm a two-column fact sheet is about ("| Item | Riverside facility |")
        self.table_holder: str | None = None  # the firm whose shares a column of that table gives ("Eramet interest")
        self.table_policy: str | None = None  # the notice whose controlled items that table lists ("Controlled items")
        self.owned: dict[str, dict[str, float]] = {}  # each firm's stated shares by holder ("B holds the remaining 10%")
        self.made_by: dict[tuple[int, int], Mention] = {}  # (doc, end) -> "cobalt" of "the largest cobalt producer"
        self.named_products: list[tuple] = []  # (site, material, sentence): read at the end (.relations.named_products)
        self.feeds: list[tuple] = []  # (site, materials, sentence): what a facility is fed, read at the end (.relations.feeds)
        self.bought: set[tuple[str, str]] = set()  # (material, firm): what a firm is supplied with (a trader's goods)
        self.known_only = False  # a text the rules cannot read: known names only, no candidates, no relations
        self.lower_words: set[str] = set()  # words the document writes in lower case somewhere ("ore", "without")
        self.recent_materials: list[Entity] = []  # materials and elements named so far, in order (.bareforms)
        self.metonyms: set[str] = set()  # capitals the document uses for their governments ("Jakarta banned", .metonyms)
        self.firm_names: set[str] = set()  # world places' names the document uses as a firm's ("Rio Tinto has", .world)

    def ent(self, m: Mention | None) -> Entity | None:
        if m is None or not m.key:
            return None
        key, redirect = m.key, self.redirect  # (resolve_key inlined: the rules ask this hundreds of thousands of times)
        while key in redirect:
            key = redirect[key]
        return self.entities.get(key)

    def resolve_key(self, key: str) -> str:
        while key in self.redirect:
            key = self.redirect[key]
        return key

    def label(self, m: Mention | None) -> str | None:
        if m is None or not m.key:  # (ent inlined, as ent inlines resolve_key: the rules ask this even more often)
            return None
        key, redirect = m.key, self.redirect
        while key in redirect:
            key = redirect[key]
        e = self.entities.get(key)
        return e.label if e else None

    def label_of(self, item: Mention | Entity | str | None) -> str | None:
        """The label of a mention, an entity or an entity key."""
        key = self._key(item)
        return self.entities[key].label if key else None

    def is_org(self, m: Mention | None) -> bool:
        return self.label(m) in ORG_LABELS

    def add(self, type_: str, source: Mention | Entity | str | None, target: Mention | Entity | str | None,
            s: Sentence, confidence: float, **props: Any) -> bool:  # fmt: skip
        src, dst = self._key(source), self._key(target)
        if not src or not dst or src == dst:
            return False
        a, b = self.entities[src], self.entities[dst]
        if not allowed(type_, a.label, b.label) or self._excluded(source, s) or self._excluded(target, s):
            return False
        if type_ == "COOPERATES_WITH" and dst < src:
            src, dst = dst, src
        key = (type_, src, dst, props.get("material"))
        if key in self.relations:
            return True
        self.relations[key] = Relation(type_, src, dst, s.text, confidence, {k: v for k, v in props.items() if v is not None})
        self.out.setdefault((type_, src), []).append(dst)
        self.into.setdefault((type_, dst), []).append(src)
        self.used.update((src, dst))
        if props.get("material"):
            self.used.add(props["material"])
        return True

    def _excluded(self, item: Mention | Entity | str | None, s: Sentence) -> bool:
        """A mention the sentence names as where a party is not: "bought from producers outside China", "magnet makers
        other than those in Japan" (EXCLUDING_WORDS, "other than", "apart from"; "the" between)."""
        if not isinstance(item, Mention) or not s.start <= item.start < s.end:
            return False
        k = item.start - 1 - (s.lowers[item.start - 1] == "the" if item.start > s.start else 0)
        return k >= s.start and (s.lowers[k] in self.v.EXCLUDING_WORDS
                                 or k > s.start and (s.lowers[k - 1], s.lowers[k]) in (("other", "than"), ("apart", "from")))

    def _key(self, item: Mention | Entity | str | None) -> str | None:
        if item is None:
            return None
        if isinstance(item, str):
            return self.resolve_key(item)
        if isinstance(item, Entity):
            return self.resolve_key(item.key)
        return self.resolve_key(item.key) if item.key else None

    def finish(self) -> Extraction:
        self.resolve()
        # how often the document names each entity, in order of first mention: its topic is the most named
        self.salience = Counter(self.resolve_key(m.key) for s in self.sentences if not s.heading for m in s.mentions if m.key)
        title = self.sentences[0].text.lower() if self.sentences and self.sentences[0].heading else ""  # the firm a title names alone
        firms = {k for k, e in self.entities.items() if k not in self.redirect and e.label in ("Company", "StateOwnedEnterprise")
                 and any(len(n) > 3 and n.lower() in title for n in (e.name, short_name(e.name), *e.surfaces))} if title else set()
        self.title_firm = firms.pop() if len(firms) == 1 else None  # ("NOVONIX - Investor Presentation": NOVONIX Limited)
        for s in self.sentences:
            self._count(s)
        for s in self.sentences if not self.known_only else ():
            spans = cells(s) if s.heading else []
            if spans:
                self._row(s, spans)
                continue
            self.columns = self.sheet = None  # (a table ends at the first block that is no row)
            if s.heading and self.listing is not None:  # one item of a list a sentence announced, as a line or row
                numbered = enumerated(self, s)
                items = numbered if numbered is not None else item_line(self, s)
                for m in items:
                    self.add("RESTRICTS", self.listing, m, s, 0.65)
                if items or numbered is not None or not any(w[:1].isalpha() for w in s.lowers[s.start : s.end]):
                    continue
            if s.heading:  # no relations from titles but their issuers; the policy or event a title names is the one in context
                self.listing = None
                Rules(self, s).title()
                continue
            Rules(self, s).run()
        resolve_named_products(self)
        resolve_feeds(self)
        return self._output()

    def _row(self, s: Sentence, spans: list[tuple[int, int]]) -> None:
        """A table row: the header names the columns; a later row gives what its columns imply, and each cell is read
        as a sentence. Inside a notice's list of items, the items a row names are restricted (rows never end the list)."""
        roles = header(self, s, spans)
        if roles is not None:
            self.columns = roles
            for e in filter(None, map(self.ent, s.mentions)):  # ("Company", "Announcement": column names, not names)
                e.mentions -= 1
            return
        if self.columns is None and len(spans) == 2:
            role, subject = sheet_row(self, s, spans)
            if subject is not None:  # a fact sheet's header: what its rows are about
                self.sheet = subject
            elif role is not None and self.sheet is not None:
                self.sheet = Rules(self, s).sheet_row(self.sheet, role, *spans[1])
        listing = self.listing
        cells_of = lambda: [Sentence(s.doc, a, b, False, s.lowers, [m for m in s.mentions if a <= m.start and m.end <= b])  # noqa: E731
                            for a, b in spans if a < b]
        parts = cells_of()
        items = [m for cell in parts for m in item_line(self, cell)] if listing is not None else []
        for m in items:
            self.add("RESTRICTS", listing, m, s, 0.65)
        if items:
            return
        if self.columns is not None and len(spans) == len(self.columns):
            Rules(self, s).table_row(self.columns, spans)  # (it may name a cell's plant: the cells are read with it)
            parts = cells_of()
        for cell in parts:
            Rules(self, cell).run()
        self.listing = listing

    def policy_in_context(self, m: Mention) -> None:
        """A policy a title or sentence names becomes the one in context; a bare kind word ("Announcement",
        "Notice") names the policy already in context rather than a new one."""
        key = self._key(m)
        e = self.entities[key]
        if e.known is None and self.last_policy is not None and e.name.lower() in self.v.POLICY_ANAPHORA:
            self.merge(key, self.last_policy)
        else:
            self.last_policy = key

    def _count(self, s: Sentence) -> None:
        spans = cells(s) if s.heading else []  # a table row: a name's evidence is its cell
        for m in (*s.mentions, *s.kinds):
            e = self.ent(m)
            if e is None:
                continue
            e.mentions += 1
            if not m.anaphora:
                e.surfaces[m.text.strip()] += 1
            if not m.demonym:
                e.demonym_only = False
            if e.sentence is None and not s.heading:
                e.sentence = s.text
            elif e.sentence is None and spans:
                e.sentence = next(s.doc[a:b].text.strip() for a, b in spans if a <= m.start < b)

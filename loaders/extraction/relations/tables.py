"""Tables: a row read under its header ("Plant | Operator | Location | Main products"), in web pages, filings and
notices.

The document reader gives a table row as one block with its cells between " | " (an empty cell kept, so that the
columns stay in line). A row whose cells are column names the vocabulary knows (``TABLE_COLUMNS``: "plant" is a
facility, "operator" an operating organisation, "location" a place, "main products" what is made, "items" what a
policy restricts...) is the header; every later row of the table gives the relations its columns imply: the
operator OPERATES the plant, the plant is LOCATED_IN the place ("Gebeng, Kuantan, Pahang, Malaysia": each place in
the next; a "Headquarters" column places the firm), the plant (or, without one, the firm) PRODUCES the products and
is supplied by its feed, the policy RESTRICTS the items and is ISSUED_BY the issuer. A notice's item table with no
notice column ("Element | Controlled items") lists the items of the notice its title names; a column of the shares a
firm named in its header holds ("Eramet interest") makes the row's firm its subsidiary or stakeholding, and a firm
named beside a plant ("Moanda mine (Comilog)") runs it. Each cell is also read as a sentence of its own ("NPM
Silmet, owned by Neo Performance Materials"). A new column name is one line of data.
"""

from __future__ import annotations

from ..model import ORG_LABELS, POSSESSIVES, Mention, Sentence
from ..text import cue_label

ROLE_LABELS = {
    "facility": ("Facility",),
    "operator": ("Company", "StateOwnedEnterprise", "University", "ResearchInstitute", "GovernmentBody"),
    "place": ("Place", "Country"),
    "hq": ("Place", "Country"),
    "product": ("Material", "Element"),  # ("tungsten concentrate, fluorspar, bismuth, copper": a mine's by-products)
    "item": ("Material", "Element"),
    "policy": ("Policy",),
    "issuer": ("GovernmentBody", "Country"),
    "customer": ("Company", "StateOwnedEnterprise", "GovernmentBody", "Country"),
    "source": ("Facility", "Company", "StateOwnedEnterprise"),
    "status": (),
    "stake": (),
}

LIST_MARKS = frozenset((",", ";", "/", "and", "&"))
"""What makes a cell a list ("Hanau; Sumter", "Salar de Atacama and La Negra"): no one plant, no one firm."""

ITEM_WORDS_OF_ANY_TABLE = frozenset(("element", "elements"))
"""An "Element" column may be any table's (a price table's); "Controlled items", "Scope" make it a notice's item table."""


def cells(s: Sentence) -> list[tuple[int, int]]:
    """The (start, end) token spans of a row's cells, or [] when ``s`` is no table row."""
    bars = [k for k in range(s.start, s.end) if s.lowers[k] == "|"]
    if not bars:
        return []
    edges = [s.start - 1, *bars, s.end]
    return [(a + 1, b) for a, b in zip(edges, edges[1:])]


def header(st, s: Sentence, spans: list[tuple[int, int]]) -> list[str | None] | None:
    """The role of each column when ``s`` is a header row (most cells name a known column, no cell names a party)."""
    roles: list[str | None] = []
    for a, b in spans:
        words = [w for w in s.lowers[a:b] if w[:1].isalpha()]
        role = next((st.v.TABLE_COLUMNS[w] for w in reversed(words) if w in st.v.TABLE_COLUMNS), None)
        if role is None and words and words[-1] in st.v.HOLDER_SHARE_WORDS and any(
                a <= m.start < b and st.label(m) in ORG_LABELS and s.lowers[m.end] in POSSESSIVES for m in s.mentions):
            role = "stake"  # "IGO's share": the firm's stake, as "IGO interest" ("Market share" is none)
        roles.append(role if len(words) <= 4 else None)
    named = sum(r is not None for r in roles)
    if named < 2 or named * 2 < len(roles):
        return None
    holders = []
    for role, (a, b) in zip(roles, spans):  # a name outside the column names, or of several words, makes a row of data
        if role == "stake":  # "Eramet interest": the firm whose share each row gives
            holders += [m for m in s.mentions if a <= m.start < b and st.label(m) in ORG_LABELS and not _column_word(st, s, m, a, b)]
        elif role is None and any(a <= m.start < b and st.label(m) not in (None, "Place", "Country", "Material", "Element")
                                  and not _column_word(st, s, m, a, b) for m in s.mentions):  # ("Spodumene feed")
            return None
        elif role is not None and any(a <= m.start < b and m.end - m.start > 1 and not _column_name(st, s, m, a, b, role) for m in s.mentions):
            return None  # ("Ministry of Commerce" under "Issued by")
    stakes = "stake" in roles  # ("Property | Location | Interest" in a filing: the filer's interest, the firm its title names)
    st.table_holder = st._key(holders[0]) if holders else st.title_firm if stakes else None
    controls = any(role == "item" and set(s.lowers[a:b]) & set(st.v.TABLE_COLUMNS) - ITEM_WORDS_OF_ANY_TABLE
                   for role, (a, b) in zip(roles, spans))  # fmt: skip
    st.table_policy = (_titled_policy(st, s) or st.last_policy) if controls else None
    return roles


def sheet_row(st, s: Sentence, spans: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """A two-column row outside a known table as a fact sheet's, whose first column names a property: (None, the key
    of the one site or firm its second cell names, or "" when that cell is a column word too) for the sheet's header
    ("| Item | Riverside facility |", "| Item | Details |"); (the role of the first cell's column name, None) for a row
    of it ("| Location | Chattanooga, Tennessee |"); (None, None) else ("| Tarn mine | Norway |": data)."""
    (a, b), (c, d) = spans
    if any(a <= m.start < b and not _column_word(st, s, m, a, b) for m in s.mentions):
        return None, None
    words = [w for w in s.lowers[a:b] if w[:1].isalpha()]
    role = st.v.TABLE_COLUMNS.get(words[-1]) if 0 < len(words) <= 3 else None
    if role in SHEET_ROLES:
        return role, None
    if role is not None or not words:
        return None, None
    named = [m for m in s.mentions if c <= m.start < d]
    if named and all(_column_word(st, s, m, c, d) for m in named):
        return None, ""  # ("| Item | Details |": the sheet's rows will name what it is about)
    e = st.ent(named[0]) if len(named) == 1 else None
    whole = e is not None and all(not s.doc[k].is_alpha or named[0].start <= k < named[0].end for k in range(c, d))
    if whole and (e.label == "Facility" or e.label in ORG_LABELS and (e.confirmed or e.known is not None)):
        return None, e.key
    return None, None


SHEET_ROLES = ("place", "hq", "product", "operator", "customer")
"""The rows of a fact sheet that say something of its site or firm ("Location", "Main products", "Operator",
"Customers"); "Company" names the firm a sheet with no subject yet is about."""


def _titled_policy(st, s: Sentence) -> str | None:
    """The policy the last title before ``s`` names (the notice whose item table it is: "# Announcement No. 10 of
    2025 ...", not a law its first article cites)."""
    titled = None
    for t in st.sentences:
        if t is s:
            break
        if t.heading and not cells(t):
            titled = next((st._key(m) for m in reversed(t.mentions) if st.label(m) == "Policy"), titled)
    return titled


def _prospect(v, status_words: list[str]) -> bool:
    """A status that says the site is still explored or studied ("feasibility study", "exploration drilling", "in
    pre-feasibility"), with no word of output beside it ("operating; expansion study": the site makes now)."""
    words = [w for w in status_words if w[:1].isalpha() and w not in ("in", "under", "at", "the", "a", "pre")]
    return bool(words) and words[0] in v.PROSPECT_STATUS and not any(w.startswith(("operat", "produc")) for w in words)


def _column_word(st, s: Sentence, m: Mention, a: int, b: int) -> bool:
    """A cell that is one capitalised word nothing else names ("Status", "Notes", "Capacity"), perhaps with its unit
    ("Capacity (t)", "Output, kt"), is a column of its own beside known ones, not a firm: it does not make the row
    one of data."""
    e = st.ent(m)
    return e is not None and e.known is None and not e.confirmed and m.start == a and m.end == a + 1 \
        and not any(s.doc[k].text[:1].isupper() for k in range(m.end, b))


def _column_name(st, s: Sentence, m: Mention, a: int, b: int, role: str) -> bool:
    """A header cell read as a facility's or firm's name that is the column's name with a word before it ("Main
    facility", "Principal mine"): the whole cell, ending in a word of the cell's column, named nowhere else in the
    document (a site a header named would be named in the rows too)."""
    e = st.ent(m)
    return e is not None and e.known is None and e.mentions <= 1 and m.start == a and m.end == b \
        and st.v.TABLE_COLUMNS.get(s.lowers[b - 1]) == role


class Tables:
    """Rules for a row under a known header."""

    def table_row(self, roles: list[str | None], spans: list[tuple[int, int]]) -> None:
        found: dict[str, list[Mention]] = {}
        for role, (a, b) in zip(roles, spans):
            if role in ("facility", "policy"):  # "Mountain Pass" in a plant column is the plant
                self._named_in_cell(a, b, ROLE_LABELS[role][0])
            elif role in ("place", "hq"):
                for m in self.ms:  # "Gebeng, Kuantan, Pahang": names in a location column are places
                    e = self.st.ent(m)
                    if a <= m.start < b and e is not None and e.known is None and not e.confirmed and e.label in ORG_LABELS:
                        e.label, e.confirmed = "Place", True
            if role is not None:  # (two columns of one role add up: "Element | Controlled items")
                found.setdefault(role, []).extend(m for m in self.ms if a <= m.start and m.end <= b and self.st.label(m) in ROLE_LABELS[role])
        # an operator cell's first name ("Lynas Malaysia Sdn Bhd, a wholly owned subsidiary of Lynas Rare Earths")
        operator = found.get("operator", [])[:1]
        facility = found.get("facility", [])[:1]
        plant = next(((a, b) for role, (a, b) in zip(roles, spans) if role == "facility"), (0, 0))
        firms = [m for m in self.ms if plant[0] <= m.start < plant[1] and self.st.label(m) in ORG_LABELS][:1]
        covered = {k for m in self.ms for k in range(m.start, m.end)}
        if operator or any(self.w(k) in LIST_MARKS and k not in covered for k in range(*plant)):
            firms = []  # ("Kwinana refinery (Covalent) | Covalent Lithium, ...": the operator column names the operator;
            # "Birch and Oak": a list of sites, no firm)
        maker = facility or operator or firms  # (a plant column: the plant makes, the firm operates it)
        for f in facility:
            for o in operator:
                self.st.add("OPERATES", o, f, self.s, 0.7)
        for hq in found.get("hq", [])[:1]:  # "Headquarters": where the firm is, not its plant
            for o in operator:
                self.st.add("LOCATED_IN", o, hq, self.s, 0.7)
        places = found.get("place", [])
        if places and maker and self.st.ent(places[0]).name == self.st.ent(maker[0]).name:
            places = places[1:]  # "Mountain Pass | ... | Mountain Pass, California": the plant is in California
        if places and maker:
            self.st.add("LOCATED_IN", maker[0], places[0], self.s, 0.7)
            for a, b in (span for role, span in zip(roles, spans) if role == "place"):  # "Salar | Province": the site is in
                first = next((m for m in places if a <= m.start < b), None)  # the first place of each location column
                if first is not None and first is not places[0]:
                    self.st.add("LOCATED_IN", maker[0], first, self.s, 0.65)
            for inner, outer in zip(places, places[1:]):  # "Gebeng, Kuantan, Pahang, Malaysia"
                self.st.add("LOCATED_IN", inner, outer, self.s, 0.65)
        status_words = [self.w(k) for role, (a, b) in zip(roles, spans) if role == "status" for k in range(a, b)]
        planned = any(self.w(k) == "(" and self.w(k + 1) in self.v.PLANNED_STATUS for role, (a, b) in zip(roles, spans)
                      if role == "product" for k in range(a, b))  # "zircon, ilmenite (planned)": products to come, none made now
        if planned:
            status_words.append("planned")
        inactive = any(w in self.v.INACTIVE_STATUS for w in status_words)  # ("idle since 2018": it makes nothing now)
        planned = planned or _prospect(self.v, status_words)  # ("feasibility study": nothing made there yet, nor firmly planned)
        not_yet = next((state for state, words in (("construction", self.v.CONSTRUCTION_STATUS), ("commissioning",
                        self.v.COMMISSIONING_STATUS), ("planned", self.v.PLANNED_STATUS)) if words.intersection(status_words)), None)
        for f in facility if not_yet else ():  # "Eneabba refinery | ... | under construction": it will make, not makes
            e = self.st.ent(f)
            if e is not None and e.known is None:
                e.props.setdefault("status", not_yet)
        for m in maker if not (inactive or planned) else ():
            products = found.get("product", [])
            first_from = next((k for k in range(self.s.start, self.s.end) if self.w(k) == "from" and products
                               and k > products[0].start), self.s.end)  # "NdPr metal from monazite": monazite feeds it
            made = [p for p in products if p.start < first_from]
            for product in made:
                self.st.add("PRODUCES", m, product, self.s, 0.65)
            if made:
                self._purpose(made[-1].end, made)
            for customer in found.get("customer", []):
                self._supply(operator[0] if operator else m, customer, None, 0.6)
            for source in found.get("source", [])[:1]:  # "Spodumene feed | Greenbushes mine": the mine supplies the plant
                self.st.add("SUPPLIES", source, m, self.s, 0.6)
        self._stakes(roles, spans, facility, firms)
        self._owned_by(spans, operator or (firms if not facility else []))
        in_context = [self.st.table_policy] if self.st.table_policy else []
        for p in found.get("policy", [])[:1] or in_context:  # ("Element | Controlled items" in a notice: its items)
            for item in found.get("item", []):
                self.st.add("RESTRICTS", p, item, self.s, 0.65)
            for body in found.get("issuer", []):
                self.st.add("ISSUED_BY", p, body, self.s, 0.7)

    def sheet_row(self, subject: str, role: str, a: int, b: int) -> str:
        """A row of a fact sheet about ``subject`` (:func:`sheet_row`; "" when the sheet has not named it yet), the
        value cell at ``a``..``b``: "| Location | Chattanooga, Tennessee |" places it, "| Main products | M1, M2 |" is
        what it makes, "| Operator | B |" runs it (or, for a sheet about no one yet, "| Company | B |" names it),
        "| Customers | B |" buy from it. Returns what the sheet is about after the row."""
        got = [m for m in self.ms if a <= m.start and m.end <= b]
        of = lambda labels: [m for m in got if self.st.label(m) in labels]  # noqa: E731
        if role == "operator" and (not subject or self.st.label_of(subject) in ORG_LABELS):
            firms = of(ROLE_LABELS["operator"])
            return self.st._key(firms[0]) if firms and not subject else subject
        if not subject:
            return subject
        if role in ("place", "hq"):
            for m in got[:1]:  # names in a location cell are places, as in a table's location column
                e = self.st.ent(m)
                if e is not None and e.known is None and not e.confirmed and e.label in ORG_LABELS:
                    e.label, e.confirmed = "Place", True
            for place in of(ROLE_LABELS["place"])[:1]:  # ("Chattanooga, Tennessee": the chain is the cell's own)
                self.st.add("LOCATED_IN", subject, place, self.s, 0.7)
        elif role == "product":
            for m in of(ROLE_LABELS["product"]):
                self.st.add("PRODUCES", subject, m, self.s, 0.65)
        elif role == "operator":
            for m in of(ROLE_LABELS["operator"])[:1]:
                self.st.add("OPERATES", m, subject, self.s, 0.7)
        elif role == "customer":
            for m in of(ROLE_LABELS["customer"]):
                self._supply(subject, m, None, 0.6)
        return subject

    def _stakes(self, roles: list[str | None], spans: list[tuple[int, int]], facility: list[Mention], firms: list[Mention]) -> None:
        """A firm named in a plant column beside the plant runs it ("Moanda mine (Comilog)"). A column of the shares a
        firm named in its header holds ("Operation | ... | Eramet interest"): a firm in the row's plant column
        ("Société Le Nickel", "Comilog") is its subsidiary or holds a stake in it, as a sentence stating the share
        would say; a plant it holds a majority of it operates (or the unit it holds it through: "100% (through X)")."""
        for f in facility:
            for firm in firms:
                self.st.add("OPERATES", firm, f, self.s, 0.7)
        holder = self.st.table_holder
        cell = next(((a, b) for role, (a, b) in zip(roles, spans) if role == "stake"), None)
        if holder is None or cell is None:
            return
        via = next((m for m in self.ms if cell[0] <= m.start < cell[1] and self.w(m.start - 1) == "through"
                    and self.st.label(m) in ORG_LABELS), None)
        holder = self.st._key(via) if via is not None else holder  # "100% (through Base Resources)": the unit holds it
        stake = self._percent(*cell)
        majority = stake is not None and stake >= 0.5 or any(self.w(k) in ("majority", "wholly", "controlling") for k in range(*cell))
        if firms and (stake is not None or majority):
            self._holds(holder, firms[0], stake)
        elif majority:
            for f in facility:
                self.st.add("OPERATES", holder, f, self.s, 0.65)

    def _owned_by(self, spans: list[tuple[int, int]], firm: list[Mention]) -> None:
        """A cell that says whose the row's firm is without naming it ("49% owned by Daewon Steel", "wholly owned by
        X" in a notes column): the holder owns the row's firm, as a sentence stating the share would say."""
        for a, b in spans if firm else ():
            at = next((k for k in range(a, b - 1) if self.w(k) == "owned" and self.w(k + 1) == "by"), None)
            if at is None or any(self.doc[k].is_alpha and self.w(k) not in ("wholly", "majority", "jointly", "percent")
                                 for k in range(a, at)):
                continue  # ("Lynas Malaysia Sdn Bhd, a wholly owned subsidiary of ...": a cell with its own subject)
            holder = next((m for m in self.ms if at + 2 <= m.start < b and self.st.label(m) in ORG_LABELS), None)
            if holder is not None and self.st._key(holder) != self.st._key(firm[0]):
                self._holds(holder, firm[0], self._percent(a, at))

    def _named_in_cell(self, a: int, b: int, label: str) -> None:
        """A cell that is one short capitalised name ("Mountain Pass", "Announcement No. 18 of 2025") and names nothing
        of ``label`` names a new one of ``label``; a list ("Hanau; Sumter") names none."""
        words = [k for k in range(a, b) if self.doc[k].text[:1].isalpha()]
        if not words or len(words) > 6 or any(self.st.label(m) == label or self.st.label(m) in ORG_LABELS and cue_label(m.text.lower().split())[1]
                                              for m in self.ms if a <= m.start < b):
            return  # ("Société Le Nickel" in a plant column: a firm by its name)
        kind = label == "Facility" and self.w(words[-1]) in self.v.FACILITY_NOUNS | self.v.SITE_ANAPHORS  # "Sejong anode plant", "Nova operation"
        if not self.doc[words[0]].text[:1].isupper() or any(self.w(k) in LIST_MARKS for k in range(a, b)) or not (
                kind or all(self.doc[k].text[:1].isupper() or self.w(k) in ("of", "and", "de") for k in words)):
            return
        start, end = words[0], max(k for k in range(a, b) if self.doc[k].text[:1].isalnum()) + 1
        e = self.st._new(label, self.doc[start:end].text)
        e.surfaces[self.doc[start:end].text] += 1
        e.mentions += 1
        e.sentence = e.sentence or self.s.text
        self.ms[:] = [m for m in self.ms if not (start <= m.start < end)] + [Mention(start, end, e.key, self.doc[start:end].text)]
        self.ms.sort(key=lambda m: m.start)

"""Tables: a row read under its header ("Plant | Operator | Location | Main products"), in web pages, filings and
notices.

The document reader gives a table row as one block with its cells between " | " (an empty cell kept, so that the
columns stay in line). A row whose cells are column names the vocabulary knows (``TABLE_COLUMNS``: "plant" is a
facility, "operator" an operating organisation, "location" a place, "main products" what is made, "items" what a
policy restricts...) is the header; every later row of the table gives the relations its columns imply: the
operator OPERATES the plant, the plant is LOCATED_IN the place ("Gebeng, Kuantan, Pahang, Malaysia": each place in
the next; a "Headquarters" column places the firm), the plant (or, without one, the firm) PRODUCES the products and
is supplied by its feed, the policy RESTRICTS the items and is ISSUED_BY the issuer. Each cell is also read as a
sentence of its own ("NPM Silmet, owned by Neo Performance Materials"). A new column name is one line of data.
"""

from __future__ import annotations

from ..model import ORG_LABELS, Mention, Sentence

ROLE_LABELS = {
    "facility": ("Facility",),
    "operator": ("Company", "StateOwnedEnterprise", "University", "ResearchInstitute", "GovernmentBody"),
    "place": ("Place", "Country"),
    "hq": ("Place", "Country"),
    "product": ("Material",),
    "item": ("Material", "Element"),
    "policy": ("Policy",),
    "issuer": ("GovernmentBody", "Country"),
    "customer": ("Company", "StateOwnedEnterprise", "GovernmentBody", "Country"),
    "source": ("Facility", "Company", "StateOwnedEnterprise"),
    "status": (),
}


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
        roles.append(role if len(words) <= 4 else None)
    named = sum(r is not None for r in roles)
    if named < 2 or named * 2 < len(roles):
        return None
    for role, (a, b) in zip(roles, spans):  # a name outside the column names, or of several words, makes a row of data
        if role is None and any(a <= m.start < b and st.label(m) not in (None, "Place", "Country", "Material", "Element")
                                and not _column_word(st, m, a, b) for m in s.mentions):  # ("Spodumene feed")
            return None
        if role is not None and any(a <= m.start < b and m.end - m.start > 1 for m in s.mentions):
            return None  # ("Ministry of Commerce" under "Issued by")
    return roles


def _column_word(st, m: Mention, a: int, b: int) -> bool:
    """A cell that is one capitalised word nothing else names ("Status", "Notes", "Capacity") is a column of its own
    beside known ones, not a firm: it does not make the row one of data."""
    e = st.ent(m)
    return e is not None and e.known is None and not e.confirmed and m.start == a and m.end == b == a + 1


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
            if role is not None:
                found[role] = [m for m in self.ms if a <= m.start and m.end <= b and self.st.label(m) in ROLE_LABELS[role]]
        # an operator cell's first name ("Lynas Malaysia Sdn Bhd, a wholly owned subsidiary of Lynas Rare Earths")
        operator = found.get("operator", [])[:1]
        facility = found.get("facility", [])[:1]
        maker = facility or operator  # (a plant column: the plant makes, the firm operates it)
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
            for inner, outer in zip(places, places[1:]):  # "Gebeng, Kuantan, Pahang, Malaysia"
                self.st.add("LOCATED_IN", inner, outer, self.s, 0.65)
        status_words = [self.w(k) for role, (a, b) in zip(roles, spans) if role == "status" for k in range(a, b)]
        inactive = any(w in self.v.INACTIVE_STATUS for w in status_words)  # ("idle since 2018": it makes nothing now)
        not_yet = next((state for state, words in (("construction", self.v.CONSTRUCTION_STATUS), ("commissioning",
                        self.v.COMMISSIONING_STATUS), ("planned", self.v.PLANNED_STATUS)) if words.intersection(status_words)), None)
        for f in facility if not_yet else ():  # "Eneabba refinery | ... | under construction": it will make, not makes
            e = self.st.ent(f)
            if e is not None and e.known is None:
                e.props.setdefault("status", not_yet)
        for m in maker if not inactive else ():
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
        for p in found.get("policy", [])[:1]:
            for item in found.get("item", []):
                self.st.add("RESTRICTS", p, item, self.s, 0.65)
            for body in found.get("issuer", []):
                self.st.add("ISSUED_BY", p, body, self.s, 0.7)

    def _named_in_cell(self, a: int, b: int, label: str) -> None:
        """A cell that is one short capitalised name ("Mountain Pass", "Announcement No. 18 of 2025") and names nothing
        of ``label`` names a new one of ``label``; a list ("Hanau; Sumter") names none."""
        words = [k for k in range(a, b) if self.doc[k].text[:1].isalpha()]
        if not words or len(words) > 6 or any(self.st.label(m) == label for m in self.ms if a <= m.start < b):
            return
        kind = label == "Facility" and self.w(words[-1]) in self.v.FACILITY_NOUNS  # "Sejong anode plant"
        if not self.doc[words[0]].text[:1].isupper() or any(self.w(k) in (",", ";", "/") for k in range(a, b)) or not (
                kind or all(self.doc[k].text[:1].isupper() or self.w(k) in ("of", "and", "de") for k in words)):
            return
        start, end = words[0], max(k for k in range(a, b) if self.doc[k].text[:1].isalnum()) + 1
        e = self.st._new(label, self.doc[start:end].text)
        e.surfaces[self.doc[start:end].text] += 1
        e.mentions += 1
        e.sentence = e.sentence or self.s.text
        self.ms[:] = [m for m in self.ms if not (start <= m.start < end)] + [Mention(start, end, e.key, self.doc[start:end].text)]
        self.ms.sort(key=lambda m: m.start)

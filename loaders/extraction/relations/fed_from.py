"""Supply to a site from a named source: a plant that takes, processes or is fed with a material from it ("its Long Harbour plant,
fed with concentrate from the Voisey's Bay mine", "The plant will process flake graphite concentrate from NMG's
Matawinie mine", "the smelter, which will take alumina from Mempawah". The source supplies the plant (and a source
that is a site makes what it sends, as :meth:`.supply.Supply._supply` reads any flow between sites). What the feed
becomes at the site is :mod:`.feeds`' (INPUT_TO); who sends it is this module's.

The verbs are data (``FED_FROM_VERBS``); what is taken must be a material the sentence names between the verb and "from",
or a bare material noun (``MATERIAL_HEADS``: "fed with concentrate"), and the source a firm or a site (a country, "from
China", is read by the import rules).
"""

from __future__ import annotations

from ..model import Mention, POSSESSIVES

BETWEEN_SITE_AND_PARTICIPLE = frozenset((",", "in", "at", "near", "and", "the"))
"""What may stand between a site and a participle that describes it, besides its places: "its plant in P, Region, fed
with M from B"."""


class FedFrom:
    """The rule of a site that takes a material from a source."""

    def _fed_from(self) -> None:
        for i in self.triggers(self.v.FED_FROM_VERBS):
            fed = self.w(i) == "fed"
            if fed and self.w(i + 1) != "with":
                continue
            frm = next((k for k in range(i + 1, min(self.s.end, i + 10)) if self.w(k) in ("from", ";", "to", "into")), None)
            if frm is None or self.w(frm) != "from":
                continue
            between = [m for m in self.ms if i < m.start < frm]
            material = next((m for m in between if self.st.label(m) == "Material"), None)
            bare = material is None and any(self.w(k) in self.v.MATERIAL_HEADS for k in range(i + 1, frm))  # ("fed with concentrate")
            if material is None and not bare or any(self.st.label(m) not in ("Material", "Element") for m in between):
                continue  # ("uses technology from B", "takes a stake in A from B": no material taken)
            source = self._feed_source(frm + 1)
            relative = any(self.w(k) in ("which", "that") for k in range(max(self.s.start, i - 3), i))
            receiver = self._fed_site(i, relative) if fed else self.relative_head(i, self.maker) if relative else self.agent(i, self.maker)
            if source is None or receiver is None or self.st._key(source) == self.st._key(receiver):
                continue
            if self.hedged(min(receiver.start, i), source.end - 1):
                continue
            if self.st.label(receiver) == "Facility" and self.org(source):
                # to the site: the output pass gives a firm's delivery to the site's operator once it knows what the
                # source is ("from Mempawah", a name found to be a site only at the end, feeds the site)
                self.st.add("SUPPLIES", source, receiver, self.s, 0.7, material=self.st._key(material) if material else None)
                if material is not None and self.st.label(source) in ("Company", "StateOwnedEnterprise") \
                        and not self._others_output(material, source) and not self._trader_sentence():
                    self.st.add("PRODUCES", source, material, self.s, 0.55)  # a firm that supplies what it makes makes it
            else:
                self._supply(source, receiver, material, 0.7)

    def _fed_site(self, i: int, relative: bool) -> Mention | None:
        """The site a "fed with" describes: the head of its relative clause ("X, which is fed with"), or the site right
        before the participle, its places aside ("its Long Harbour plant in Newfoundland and Labrador, fed with")."""
        if relative:
            head = self.relative_head(i, self.maker)
            return head if head is not None and self.st.label(head) == "Facility" else None
        site = self.left(i, self.labelled("Facility"), limit=10, stop=(";",))
        if site is None or self.w(i - 1) != ",":
            return None
        places = {k for m in self.ms if self.st.label(m) in ("Place", "Country") for k in range(m.start, m.end)}
        return site if all(k in places or self.w(k) in BETWEEN_SITE_AND_PARTICIPLE for k in range(site.end, i)) else None

    def _feed_source(self, k: int) -> Mention | None:
        """The firm or site after "from": the site a firm's possessive names ("from NMG's Matawinie mine": the mine)."""
        first = self.right(k, self.maker, limit=3)
        if first is not None and self.w(first.end) in POSSESSIVES:
            site = self.right(first.end + 1, self.labelled("Facility"), limit=2)
            return site if site is not None else first
        return first

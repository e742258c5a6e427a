"""The relation rules applied to one sentence: the grammar layer, discourse state and every relation family,
run in order.
"""

from __future__ import annotations

from .confirmation import OrgVerbs
from .discourse import Discourse
from .grammar import Grammar
from .relations.cooperation import Cooperation
from .relations.events import Events
from .relations.facilities import Facilities
from .relations.fed_from import FedFrom
from .relations.feeds import Feeds
from .relations.homes import Homes
from .relations.location import Location
from .relations.named_products import NamedProducts
from .relations.outputs import Outputs
from .relations.ownership import Ownership
from .relations.policy import Policies
from .relations.production import Production
from .relations.supply import Supply
from .relations.support import Support
from .relations.tables import Tables


class Rules(Grammar, Discourse, Facilities, Location, Homes, Policies, Events, Ownership, Production, NamedProducts, Feeds,
            Outputs, Supply, FedFrom, Support, Cooperation, Tables, OrgVerbs):
    """The relation rules applied to one sentence."""

    def run(self) -> None:
        self.element_lists()
        self._definite_anaphora()
        self._facilities()
        self._site_anaphora()
        self._site_pair()
        self._pronouns()
        self.subject = self._subject()  # again: "the company", "the plant" and facility names are mentions now
        self._policies()
        self._possessive_appositives()
        self._subsidiary()
        self._events()
        self._agreement_events()
        for rule in (self._acquisition, self._owns, self._located, self._ranked_in_country, self._operates, self._produces,
                     self._named_products, self._feeds, self._sold_output,
                     self._supplies, self._supplied_by, self._fed_from, self._origin, self._share_of_imports, self._cooperation, self._labelled_item, self._developed_with, self._built_with, self._joint_venture, self._investment, self._funding, self._public_support, self._backed, self._used_in, self._contains, self._depends, self._imports,
                     self._restricts, self._listed, self._issued_by, self._former_name, self._org_verbs):  # fmt: skip
            rule()
        if self.subject is not None:
            self.st.last_subject = self.subject.key
        self._topic()
        self._in_context()
        self.st.previous = [k for k in (self.st._key(m) for m in self.ms) if k]
        self.st.recent.extend(self.st.previous)

    def title(self) -> None:
        """A title: no relations but its policy's issuers ("Ministry of Commerce and General Administration of Customs
        Announcement No. 18"); the policy or event it names is the one in context."""
        self._issued_by()
        self._in_context()

    def _in_context(self) -> None:
        basis = self._legal_basis()
        policy = next((m for m in reversed(self.ms) if self.st.label(m) == "Policy" and not basis[0] <= m.start < basis[1]), None)
        if policy is not None:
            self.st.policy_in_context(policy)
        event = next((m for m in reversed(self.ms) if self.st.label(m) == "Event"), None)
        if event is not None:
            self.st.last_event = self.st._key(event)

    def _legal_basis(self) -> tuple[int, int]:
        """Where the sentence cites the laws a notice rests on ("In accordance with the Export Control Law and the
        Regulations on ..., the Ministry has decided"): up to the next comma. The policies cited there are not the
        one the notice announces, so none of them becomes the policy in context."""
        for k in self.triggers(("accordance", "pursuant")):  # (a set look-up, not a pass over every word)
            if self.w(k + 1) in ("with", "to"):
                end = next((q for q in range(k + 2, self.s.end) if self.w(q) in (",", ";")), self.s.end)
                return k, end
        return -1, -1

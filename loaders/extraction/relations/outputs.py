"""A possessor's output on its way to a buyer (session 15, issue 12): "Its nickel concentrate is sold mainly to B",
"its cobalt hydroxide goes to refiners in China", "the mine's ore is shipped to P".

A firm's or a site's material that the sentence sends on (sold, shipped, exported: ``OUTPUT_VERBS``) is what it makes:
the possessor ``PRODUCES`` it (docs/annotation.md, "Suppliers produce": a trader's goods are bought, not its own, and
"its supply of M" or "its M purchases" name no output, so only a material the possessive owns directly, before a
passive of sending or "goes to"). Not a material still to come ("its future output will be sold") nor a hedged one."""

from __future__ import annotations

from ..model import ORG_LABELS
from .supply import NOT_YET

_WILL = frozenset(("will",))


class Outputs:
    """What "its M is sold to B" says the possessor makes."""

    def _sold_output(self) -> None:
        for i in self.triggers(self.v.OUTPUT_VERBS):
            going = self.w(i) in ("goes", "go", "went")
            if going and self.w(i + 1) != "to" or not going and not self.is_passive(i):
                continue
            k = self.before_verb_group(i, also=_WILL)  # (past "is mainly", "will be")
            material = self.at_end(k + 1)
            if material is None or self.st.label(material) != "Material":
                continue
            owner = self.possessor(material.start - 1)
            if self.st.label_of(owner) not in ORG_LABELS | {"Facility"}:
                continue  # (a country's exports are its trade, .supply)
            if self.hedged(material.start, i + 1) or any(self.w(q) in NOT_YET for q in range(max(self.s.start, material.start - 3), i)):
                continue
            self.st.add("PRODUCES", owner, material, self.s, 0.7)

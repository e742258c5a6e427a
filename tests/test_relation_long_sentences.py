"""Session 10 (issue 12): relations in long sentences with several parties, where the extractor finds both parties
but related them wrongly or not at all on the tuning sets; each class of construction is read by the shared grammar
layer, on our own sentences with invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_list_that_repeats_its_preposition_is_one_list(extractor):
    """ "to A and to B", "from A and from B": the preposition said again before the list's later name keeps it in the
    list (only the first name was read); "from P to B" is no list."""
    facts = named_facts(extractor, "Birch Metals Ltd, the largest anode maker, supplies anode material to Orion Motors Inc "
                                   "and to Kestrel Batteries Ltd.\n\n"
                                   "Elm Cells Inc buys lithium carbonate from Oak Mining Ltd and from Pine Resources Inc.\n\n"
                                   "Fir Graphite Ltd ships anode material from Tarnby to Larch Motors Inc.")  # fmt: skip
    assert {("SUPPLIES", "Birch Metals Ltd", "Orion Motors Inc"), ("SUPPLIES", "Birch Metals Ltd", "Kestrel Batteries Ltd"),
            ("SUPPLIES", "Oak Mining Ltd", "Elm Cells Inc"), ("SUPPLIES", "Pine Resources Inc", "Elm Cells Inc"),
            ("SUPPLIES", "Fir Graphite Ltd", "Larch Motors Inc")} <= facts, facts  # fmt: skip
    assert not any(kind == "SUPPLIES" and target == "Tarnby" for kind, _, target in facts), facts

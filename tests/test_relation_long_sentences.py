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


def test_an_insertion_that_names_another_party_describes_the_name_before_it(extractor):
    """ "A, a subsidiary of the listed B, runs a plant": the verb after the insertion is A's (B ran the plant: a wrong
    relation and a missed one); the same after a sentence-initial phrase ("In P, A, a unit of B, runs", where A was
    read as the second name of a list after "In") and for an insertion that holds a relative clause ("A, the B
    spin-out that holds the licence, has commissioned its plant"). A list ("A, B and C run") is no insertion."""
    facts = named_facts(extractor, "In Norland, Birch Metals Ltd, a subsidiary of Orion Holdings Ltd, runs a demonstration "
                                   "plant in Tarnby that recovers neodymium oxide.\n\n"
                                   "Elm Recycling Ltd, the Oak University spin-out that holds a licence from Pine Holdings Inc, "
                                   "has commissioned its plant at Redvale Park.\n\n"
                                   "Fir Mining Ltd, Larch Metals Inc and Aspen Resources Ltd operate the Kestrel mine.")  # fmt: skip
    assert {("OPERATES", "Birch Metals Ltd", "Tarnby plant"), ("SUBSIDIARY_OF", "Birch Metals Ltd", "Orion Holdings Ltd"),
            ("OPERATES", "Elm Recycling Ltd", "Redvale Park plant"), ("OPERATES", "Fir Mining Ltd", "Kestrel mine"),
            ("OPERATES", "Aspen Resources Ltd", "Kestrel mine")} <= facts, facts  # fmt: skip
    assert not any(kind == "OPERATES" and source in ("Orion Holdings Ltd", "Pine Holdings Inc") for kind, source, _ in facts), facts

"""Session 12 (issue 12): relations missed although the extractor found both parties in one sentence, by classes of
construction the shared layer reads (not one document's wording), on our own sentences with invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_place_named_with_the_and_of_another_is_in_it(extractor):
    """ "the Kivu province of Congo", "the Atacama region of Chile", "the Fraser Range of Western Australia": the first
    place (with or without its head noun in the name) is in the second."""
    facts = named_facts(extractor, "Birch Metals runs the Tarn mine in the Kivu province of Congo.\n\n"
                                   "Orion Lithium owns the Kestrel project in the Atacama region of Chile.\n\n"
                                   "Oak Mining operates the Elm mine in the Pilbara region of Western Australia and the Ash "
                                   "mine in the Fraser Range of Western Australia.\n")
    assert {("LOCATED_IN", "Kivu province", "Democratic Republic of the Congo"), ("LOCATED_IN", "Atacama region", "Chile"),
            ("LOCATED_IN", "Pilbara region", "Western Australia"), ("LOCATED_IN", "Fraser Range", "Western Australia"),
            ("LOCATED_IN", "Tarn mine", "Kivu province"), ("LOCATED_IN", "Ash mine", "Fraser Range")} <= facts, facts
    assert not any(kind == "LOCATED_IN" and target == "Western Australia" and source.endswith("mine")
                   for kind, source, target in facts), facts  # (the mine is in the region, said once)

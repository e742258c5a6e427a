"""Product-chain relations (PRODUCES, INPUT_TO, USED_IN, CONTAINS) through the shared grammar layer (issue 12,
session 15): one test per general construction, on our own sentences with invented firms."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_close_to_before_a_figure_is_an_amount_not_a_preposition(extractor):
    facts = run(extractor, "Kestrel Mining mines close to 40% of the world's tungsten.",
                "Orion Metals sells close to 500 tonnes of NdPr oxide a year to Birch Magnetics.",
                "Falcon Resources, which refines close to a third of the world's cobalt, opened a plant.")["facts"]
    assert {("PRODUCES", "org:kestrel-mining", "element:W"), ("SUPPLIES", "org:orion-metals", "org:birch-magnetics"),
            ("PRODUCES", "org:falcon-resources", "element:Co")} <= facts, facts
    # "close to" before a place or a plant is where something is, and ends the object as before
    facts = run(extractor, "Heron Minerals mines nickel ore close to the Orion plant.")["facts"]
    assert ("PRODUCES", "org:heron-minerals", "material:nickel-ore") in facts, facts

"""The third round of the shared grammar layer (issue 12): one test per general construction, on our own
sentences with invented firms, so that each rule is shown to read English rather than one document."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_demonym_in_an_appositive_or_before_the_firm_places_it_but_a_listing_does_not(extractor):
    found = run(extractor, "Kestrel Magnetics, the Swedish state-owned mining group, said it had found ore.",
                "Orion Motors Inc formed a venture with the Australian miner Harbor Minerals.",
                "Birch Recycling, another Canadian recycler, supplies NdPr oxide to Cedar Metals Ltd.",
                "Fir Magnet Works, a subsidiary of the Australian-listed Oak Rare Earths, runs a plant in Belfast.")  # fmt: skip
    facts = found["facts"]
    assert {("LOCATED_IN", "org:kestrel-magnetics", "country:SE"), ("LOCATED_IN", "org:harbor-minerals", "country:AU"),
            ("LOCATED_IN", "org:birch-recycling", "country:CA")} <= facts, facts  # fmt: skip
    assert not any(t == "country:AU" and s == "org:oak-rare-earths" for _, s, t in facts)
    assert found["names"]["Harbor Minerals"]["label"] == "Company"  # "the miner X": a name an organisation noun describes


def test_a_dateline_places_its_city(extractor):
    found = run(extractor, "SKELLEFTEA, Sweden - Orion Mining Ltd said on Thursday that it had found ore.",
                "Aster, Birch and Cedar are the three towns of the valley.")
    facts = found["facts"]
    assert ("LOCATED_IN", "place:skelleftea", "country:SE") in facts, facts
    assert not any(kind == "LOCATED_IN" and "aster" in s for kind, s, _ in facts)


def test_compound_modifiers_hyphenated_and_element_compounds(extractor):
    found = run(extractor, "Kestrel Recycling recovers oxide from wind-turbine generators.",
                "Orion Chemicals Ltd makes cerium and lanthanum compounds and ferrite magnets.")  # fmt: skip
    assert {"wind turbine generator", "cerium compound", "lanthanum compound", "ferrite magnet"} <= set(found["names"])
    assert ("PRODUCES", "org:orion-chemicals-ltd", "material:ferrite-magnet") in found["facts"]


def test_a_facility_described_in_words_is_also_named_place_and_kind(extractor):
    found = run(extractor, "Orion Mining Ltd tested the process at its first pilot plant in Kestrel Bay, Colorado.")
    plant = next(e for e in found["entities"] if e["label"] == "Facility")
    assert "Kestrel Bay pilot plant" in [plant["name"], *plant["aliases"]]
    assert ("OPERATES", "org:orion-mining-ltd", plant["id"]) in found["facts"]

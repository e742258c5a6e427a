"""Session 17 (issue 12, xmat17): materials and end uses on text nobody tuned on. The chains' intermediates and
products that ``loaders/knowledge/materials.yaml`` lacked (docs/extraction.md, "Session 17: materials and end uses");
own sentences, invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer, lexicon
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_the_chains_intermediates_and_products_are_materials(extractor):
    names = run(extractor, "Orion Ltd recovers cobalt rounds and nickel briquettes at its Varden refinery.",
                "Kestrel Magnetics makes hot-deformed neodymium magnets and cerium magnets.",
                "Varden Minerals mines zeolite and sells high-strength low-alloy steel.",
                "Orion Ltd plans to sell mixed carbonate to Kestrel Ltd.")["names"]  # fmt: skip
    for name in ("cobalt rounds", "nickel briquettes", "hot-deformed NdFeB magnet", "cerium magnet", "zeolite",
                 "high-strength steel", "mixed rare earth carbonate"):
        assert names.get(name, {}).get("label") == "Material", (name, sorted(names))
    assert "NdFeB magnet" not in names, names  # (the hot-deformed magnet is a product of its own)


def test_chinas_quota_names_its_two_ore_types(extractor):
    names = run(extractor, "The quota covers rock-type ore and ionic-type ore.")["names"]
    assert names["rock-type rare earth ore"]["label"] == "Material", names
    assert "ionic-type ore" in names["ionic clay"]["aliases"], names


def test_words_inside_longer_names_stay_out_of_the_file():
    """'high-nickel cathodes' (cathode material) holds 'nickel cathodes', the 'Stibnite Gold Project' holds the
    mineral's name and phosphate plants' gypsum is phosphogypsum: the file names none of them as a material."""
    spellings = {s.lower() for _, _, _, _, synonyms in lexicon.material_rows() for s in synonyms}
    assert not {"nickel cathodes", "cobalt cathodes", "stibnite", "gypsum"} & spellings


def test_applications_named_as_products_of_their_own_are_end_uses(extractor):
    names = run(extractor, "Antimony goes into flame retardants, ammunition primers and solar glass.",
                "Orion Glass polishes display glass and camera lenses.",
                "Direct-drive turbines use more magnet than a car.")["names"]  # fmt: skip
    for name in ("ammunition primer", "solar glass", "display glass", "camera lens"):
        assert names.get(name, {}).get("label") == "EndUse", (name, sorted(names))
    assert "ammunition" not in names and "glass" not in names, names
    assert "direct-drive turbines" in {a.lower() for a in names["wind turbine generator"]["aliases"]}, names


def test_what_a_maker_makes_from_a_material_is_for_the_use_not_the_material(extractor):
    """'uses A to make B for C': C is what B (an end use itself) is for; A goes into B, not into C."""
    facts = run(extractor, "Orion Glass uses cerium oxide to make polishing powders for flat-panel displays.")["facts"]
    assert ("USED_IN", "material:cerium-oxide", "enduse:flat-panel-display") not in facts, facts
    facts = run(extractor, "Orion Glass uses cerium oxide in flat-panel displays.")["facts"]
    assert ("USED_IN", "material:cerium-oxide", "enduse:flat-panel-display") in facts, facts

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

"""Session 16 (issue 12, xmat16): materials on text nobody tuned on. The vocabulary's other spellings and the
rare-earth chain's oxides by group, from ``loaders/knowledge/materials.yaml`` (docs/extraction.md, "Session 16:
materials"); own sentences, invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_other_spellings_of_known_materials_name_them(extractor):
    names = run(extractor, "The Varden mine will ship flake graphite concentrate to Orion Ltd.",
                "Kestrel Lithium grinds the ore into lithium mica concentrate.",
                "Cedar Tools makes cemented-carbide drills.")["names"]  # fmt: skip
    assert "flake graphite concentrate" in names["graphite"]["aliases"], names
    assert "lithium mica concentrate" in names["lepidolite"]["aliases"], names
    assert names["cemented carbide"]["label"] == "Material", names
    assert not {"lithium concentrate", "lithium"} & {n.lower() for n in names}, names


def test_the_heavy_rare_earth_oxides_are_a_material_of_their_own(extractor):
    names = run(extractor, "The Varden plant would produce NdPr oxide and heavy rare earth oxides.",
                "Orion Ltd separates light rare-earth oxides.")["names"]  # fmt: skip
    assert {"heavy rare earth oxides", "light rare earth oxides", "NdPr oxide"} <= set(names), names
    assert "separated rare earth oxides" not in names, names


def test_graphite_anode_material_is_anode_material_made_from_spherical_graphite(extractor):
    names = run(extractor, "Orion Ltd makes natural graphite anode material at Varden from spherical graphite.",
                "Kestrel Ltd makes graphite anode material.")["names"]  # fmt: skip
    assert {"natural graphite anode material", "graphite anode material"} <= set(names["anode material"]["aliases"]), names
    assert "graphite anode material" not in names["spherical graphite"]["aliases"], names["spherical graphite"]


def test_a_metal_powder_is_the_elements_powder(extractor):
    names = run(extractor, "Orion Ltd makes tungsten metal powder and sells cobalt powder.",
                "Kestrel Ltd buys the tungsten powder.")["names"]  # fmt: skip
    assert "tungsten metal powder" in names["tungsten powder"]["aliases"], names
    assert "cobalt powder" in names and "tungsten metal" not in names and "tungsten metal powder" not in names, names

"""Session 14 (issue 12, xmat14): materials and end uses on text nobody tuned on. A known material that a sentence
names becomes its entity wherever it stands, and the vocabulary holds the traded forms of each commodity and the
sector's end uses by a stated criterion (docs/extraction.md, "Session 14: materials and end uses"); own sentences,
invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run
from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_material_that_names_a_sites_kind_is_a_material_of_the_document(extractor):
    """ "a ferronickel smelter", "its lithium hydroxide plants", "a cobalt sulfate refinery": the words describe the site
    and the document names the material; the material is an entity, the site keeps its kind, and no rule reads the
    material as anybody's product (whether the site makes it yet, the sentence does not say). A material before a
    market's word ("lithium hydroxide prices") is still no mention."""
    text = ("Birch Nickel runs a ferronickel smelter at Varden.",
            "Orion Lithium completed its lithium hydroxide plants at Tarnby.",
            "Kestrel Battery Metals is building a cobalt sulfate refinery at Oakridge.",
            "Cedar Resources reported record manganese sulfate prices.")
    names = run(extractor, *text)["names"]
    assert {"ferronickel", "lithium hydroxide", "cobalt sulfate"} <= set(names), names
    assert names["ferronickel"]["label"] == "Material" and "Lithium" not in names, names
    assert "ferronickel smelter" in names["Varden smelter"]["aliases"], names
    assert "manganese sulfate" not in names, names
    facts = named_facts(extractor, "\n\n".join(text))
    assert not any(target in ("ferronickel", "lithium hydroxide", "cobalt sulfate") for _, _, target in facts), facts

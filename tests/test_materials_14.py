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
    and the document names the material; the material is an entity and the site keeps its kind. Since session 15 the
    site makes the material its name carries (.relations.named_products; the gold files record it), its operator does
    not. A material before a firm's word ("a manganese sulfate specialist") is still no mention."""
    text = ("Birch Nickel runs a ferronickel smelter at Varden.",
            "Orion Lithium completed its lithium hydroxide plants at Tarnby.",
            "Kestrel Battery Metals is building a cobalt sulfate refinery at Oakridge.",
            "Cedar Resources is a manganese sulfate specialist.")
    names = run(extractor, *text)["names"]
    assert {"ferronickel", "lithium hydroxide", "cobalt sulfate"} <= set(names), names
    assert names["ferronickel"]["label"] == "Material" and "Lithium" not in names, names
    assert "ferronickel smelter" in names["Varden smelter"]["aliases"], names
    assert "manganese sulfate" not in names, names
    facts = named_facts(extractor, "\n\n".join(text))
    assert not any(target in ("ferronickel", "lithium hydroxide", "cobalt sulfate") and kind != "PRODUCES" for kind, _, target in facts), facts
    assert {("PRODUCES", "Varden smelter", "ferronickel"), ("PRODUCES", "Oakridge refinery", "cobalt sulfate")} <= facts, facts
    assert not any(kind == "PRODUCES" and source in ("Birch Nickel", "Orion Lithium", "Kestrel Battery Metals") for kind, source, _ in facts)


def test_the_traded_forms_of_the_commodities_are_materials(extractor):
    """The forms USGS MCS names that "<element> <form>" does not spell (ferroalloys, ore minerals, named compounds,
    refined metals, the battery chain's separators and the chains' industrial inputs) are materials of
    knowledge/materials.yaml; another spelling of a generated form ("zirconia", "germanium dioxide") is that form."""
    names = run(extractor, "Orion Alloys makes ferrotungsten and ferrovanadium from vanadium pentoxide.",
                "Birch Mining sells tantalite concentrate and cassiterite to smelters in Tarnby.",
                "Kestrel Ceramics buys zirconia and germanium dioxide from Cedar Metals.",
                "Oak Cells makes battery separators, and buys sulfuric acid and coking coal.")["names"]
    assert {"ferrotungsten", "ferrovanadium", "vanadium pentoxide", "tantalite", "cassiterite", "zirconium oxide",
            "germanium oxide", "battery separator", "sulphuric acid", "coal"} <= set(names), names
    assert all(names[n]["label"] == "Material" for n in ("ferrotungsten", "tantalite", "battery separator", "coal"))
    assert names["ferrotungsten"]["properties"] == {"stage": "alloy", "elements": ["W", "Fe"]}, names["ferrotungsten"]
    assert "zirconia" in names["zirconium oxide"]["aliases"], names


def test_the_sectors_end_use_categories_are_end_uses(extractor):
    """The end uses MCS lists for the commodities: "used in glass, ceramics and plastics", "for defence", "grid storage
    systems", "jet engines", "solar panels"."""
    names = run(extractor, "Antimony trioxide from Orion Metals is used in glass, ceramics and plastics.",
                "Birch Alloys sells superalloys for jet engines and aluminium-scandium alloys for defence.",
                "Kestrel Graphite supplies anode material for grid storage systems and solar panels.")["names"]
    assert {"glass", "ceramics", "plastics", "superalloy", "jet engine", "defence", "grid storage",
            "solar panel"} <= set(names), names
    assert all(names[n]["label"] == "EndUse" for n in ("glass", "defence", "grid storage", "solar panel")), names


def test_generic_words_and_the_heads_of_other_compounds_are_no_material_or_end_use(extractor):
    """ "Separators" alone are also firms that separate rare earths, "a catalyst" is mostly figurative, "magnets" and
    "batteries" alone are generic (docs/annotation.md); "solar glass" and "the state coal and minerals group" name
    other things than glass and coal (compound_heads), "defence contractors" are firms (a modifier head), while
    "instead of coal" names coal."""
    names = run(extractor, "Orion Rare Earths sells oxide to separators in Tarnby; the deal is a catalyst for growth.",
                "Birch Magnetics makes magnets and batteries.",
                "Kestrel Antimony sells antimony trioxide for solar glass to Cedar Solar, a unit of the state coal and "
                "minerals group Oakland Holdings.",
                "Its defence contractors buy germanium from Elm Metals.")["names"]
    assert not {"battery separator", "catalysts", "glass", "coal", "defence"} & set(names), names
    assert "coal" in run(extractor, "Orion Steel makes sponge iron with hydrogen instead of coal.")["names"]


def test_the_vocabulary_file_states_its_criterion_and_its_entries_are_whole():
    """Every entry has what its label requires (a stage of the ontology, a sector), elements of lexicon.ELEMENTS,
    and no two entries share a spelling; the compound heads and the synonyms name entries that exist."""
    from supplygraph.loaders import lexicon

    path = lexicon.KNOWLEDGE / "materials.yaml"
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("Criterion:" in line for line in header)
    symbols = {symbol for symbol, _, _ in lexicon.ELEMENTS}
    ids: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for node_id, label, name, aliases, props in lexicon.entries():
        ids[node_id] = label
        if label == "Material":
            assert props["stage"] in ("mining", "separation", "metal", "alloy", "magnet", "component"), node_id
            assert set(props.get("elements", ())) <= symbols, node_id
        if label in ("Material", "EndUse"):
            for form in {name.lower(), *(a.lower() for a in aliases)}:
                assert spellings.setdefault(form, node_id) == node_id, (form, spellings[form], node_id)
    assert lexicon.compound_heads() <= set(ids)
    data = lexicon._knowledge("materials.yaml")
    assert all(f"material:{s}" in ids or f"enduse:{s}" in ids for s in data["synonyms"]), data["synonyms"]


def test_a_material_before_a_word_of_what_is_done_with_it_is_named(extractor):
    """ "phosphoric acid production", "vanadium pentoxide exports", "the ferrovanadium market" name the material
    (KIND_HEADS), as a site's kind does; before a maker's or a company's word ("sells to cathode makers", "its anode
    materials company") the material is still what a firm makes, not a mention."""
    names = run(extractor, "Orion Chemicals doubled phosphoric acid production at Tarn.",
                "Birch Vanadium expects vanadium pentoxide exports and the ferrovanadium market to grow.",
                "Kestrel Nickel sells nickel sulfate to cathode makers through its anode materials company.")["names"]
    assert {"phosphoric acid", "vanadium pentoxide", "ferrovanadium", "nickel sulfate"} <= set(names), names
    assert not {"cathode material", "anode material"} & set(names), names

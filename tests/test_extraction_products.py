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


def test_a_facility_named_with_its_product_makes_it(extractor):
    facts = run(extractor, "Heron Nickel runs a ferronickel smelter at Kolaka in Southeast Sulawesi.",
                "Osprey Lithium completed its lithium hydroxide plant at Port Hedland during the year.",
                "Kite Metals is building a cathode plant in Clarksville, Tennessee.")["facts"]
    assert {("PRODUCES", "facility:kolaka-smelter", "material:ferronickel"),
            ("PRODUCES", "facility:port-hedland-plant", "material:lithium-hydroxide"),
            ("PRODUCES", "facility:clarksville-plant", "material:cathode-material")} <= facts, facts
    # the operator runs the site; what the site makes is the site's (docs/annotation.md, disputed cases)
    assert not any(kind == "PRODUCES" and source.startswith("org:") for kind, source, _ in facts), facts


def test_a_facility_only_planned_hedged_or_former_makes_nothing_by_its_name(extractor):
    facts = run(extractor, "Kite Metals could build a cathode plant in Clarksville, Tennessee.",
                "Osprey Lithium is studying a restart of the former Coolgardie spodumene mine in Western Australia.",
                "Heron Graphite plans an anode refinery in Lulea, fed from its Vittangi graphite mine near Kiruna.")["facts"]
    assert not any(kind == "PRODUCES" for kind, _, _ in facts), facts



def test_a_product_the_document_states_for_the_site_wins_over_its_names_word(extractor):
    facts = run(extractor, "Kite Magnetics opened its rare earth magnet plant in Tallinn.",
                "The Tallinn plant can produce about 1,000 tonnes a year of sintered NdFeB magnets.")["facts"]
    assert ("PRODUCES", "facility:tallinn-magnet-plant", "material:ndfeb-magnet") in facts, facts
    assert ("PRODUCES", "facility:tallinn-magnet-plant", "material:rare-earth-magnet") not in facts, facts


def test_what_a_facility_processes_feeds_what_it_makes_wherever_that_is_said(extractor):
    facts = run(extractor, "Heron Rare Earths owns the Kestrel refinery in Kerala.",
                "The refinery processes monazite sand mined along the coast.",
                "It produces cerium oxide.")["facts"]
    assert ("INPUT_TO", "material:monazite", "material:cerium-oxide") in facts, facts
    facts = run(extractor, "Osprey Metals processes monazite at its Kite plant in Perth.",
                "The Harrier plant in Perth is fed with spodumene concentrate from the Pilgangoora mine.",
                "The Kite plant produces cerium oxide.", "The Harrier plant produces lithium hydroxide.")["facts"]
    assert {("INPUT_TO", "material:monazite", "material:cerium-oxide"),
            ("INPUT_TO", "material:spodumene", "material:lithium-hydroxide")} <= facts, facts
    # a feed only possible is none; nor what a firm processes with no site of its named
    facts = run(extractor, "The Kestrel refinery in Kerala could process monazite sand.", "The refinery produces cerium oxide.",
                "Osprey Metals processes monazite.", "Osprey Metals produces lanthanum oxide.")["facts"]
    assert not any(kind == "INPUT_TO" for kind, _, _ in facts), facts


def test_its_material_sold_or_going_to_a_buyer_is_the_possessors_output(extractor):
    facts = run(extractor, "Osprey Mining runs the Kite nickel operation in Western Australia.",
                "Its nickel concentrate is sold mainly to Harrier Metals.",
                "Falcon Cobalt sells through its own trading arm, and its cobalt hydroxide goes to refiners in China.")["facts"]
    assert {("PRODUCES", "org:osprey-mining", "material:nickel-concentrate"),
            ("PRODUCES", "org:falcon-cobalt", "material:cobalt-hydroxide")} <= facts, facts
    # what it bought, and what it will only make, are not its output
    facts = run(extractor, "Heron Resources buys cobalt hydroxide from Congo. Its cobalt hydroxide purchases are shipped to Finland.",
                "Osprey Mining will start the Kite mine in 2027. Its future nickel concentrate will be sold to Harrier Metals.")["facts"]
    assert not any(kind == "PRODUCES" for kind, _, _ in facts), facts

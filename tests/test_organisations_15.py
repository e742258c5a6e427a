"""Session 15 (issue 12, xorg15): who is where, runs and owns what, by constructions counted across the tuning sets
(docs/extraction.md, "Session 15: who is where, runs and owns what"), on our own sentences with invented firms and
sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_share_owned_in_a_relative_clause_is_no_parent_without_its_majority(extractor):
    """ "B, a joint venture in which A owns 30% and C owns 70%": A holds a stake (a stated minority is never
    SUBSIDIARY_OF, docs/annotation.md), C controls; "B, which C owns, ..." (no share) still makes C the parent."""
    facts = named_facts(extractor, "Kestrel Minerals Ltd holds its nickel interests through Boreal Nickel Ltd, a joint "
                                   "venture in which Kestrel Minerals owns 30% and Halden Metals Inc. owns 70%.\n\n"
                                   "Ostra Cobalt Ltd, which Halden Metals Inc. owns, runs the Ostra mine.\n")
    assert {("HOLDS_STAKE_IN", "Kestrel Minerals Ltd", "Boreal Nickel Ltd"),
            ("SUBSIDIARY_OF", "Boreal Nickel Ltd", "Halden Metals Inc"),
            ("SUBSIDIARY_OF", "Ostra Cobalt Ltd", "Halden Metals Inc")} <= facts, facts
    assert ("SUBSIDIARY_OF", "Boreal Nickel Ltd", "Kestrel Minerals Ltd") not in facts, facts


def test_a_rank_in_a_country_places_the_firm_or_site_it_describes(extractor):
    """ "A, the largest cathode maker in Japan," (an appositive), "the X mill near P, Region, the only ... mill operating
    in C" (past the site's place phrase), "our smelter at P, Region, is the only ... smelter in C" and "it is the
    largest ... maker in C" (a predicate): the firm or site is in the country. "one of the largest mines in C" (a
    loose ranking) and a region ("the only producer in North America") place nothing."""
    facts = named_facts(extractor, "Kestrel Cathode Ltd, the largest cathode maker in Japan, opened a plant in Hungary.\n\n"
                                   "Orion Metals Ltd recovers vanadium at the Tarn Mill near Elmby, Utah, the only licensed "
                                   "vanadium mill operating in the United States.\n\n"
                                   "Our bismuth smelter at Ashford, Idaho, is the only operating bismuth smelter in the "
                                   "United States.\n\n"
                                   "Birch Magnetics Ltd makes magnets in Oakville. By its own account it is the largest "
                                   "magnet maker in Canada.\n\n"
                                   "The Pell mine is one of the largest lepidolite mines in China.\n\n"
                                   "Cedar Niobium Ltd is the only niobium producer in North America.\n")
    assert {("LOCATED_IN", "Kestrel Cathode Ltd", "Japan"), ("LOCATED_IN", "Tarn Mill", "United States"),
            ("LOCATED_IN", "Ashford smelter", "United States"), ("LOCATED_IN", "Birch Magnetics Ltd", "Canada")} <= facts, facts
    assert ("LOCATED_IN", "Kestrel Cathode Ltd", "Hungary") not in facts, facts
    assert not any(kind == "LOCATED_IN" and source == "Pell mine" and target == "China" for kind, source, target in facts), facts


def test_a_site_held_or_developed_by_a_firm_in_its_own_passive_is_run_by_it(extractor):
    """ "The X project is held by B", "It is held by B" (after a sentence about the site), "X is being developed by B",
    "the X project in P is being developed by B": B runs the site (the site's own passive, past its place phrase); "a
    smelter developed by B" further on in a clause about another site names no operator of that site."""
    facts = named_facts(extractor, "The Tarn rare earth project is held by Orion Rare Earths Ltd.\n\n"
                                   "The Elm deposit lies on a plateau above the town of Ashby. It is held by Cedar Greenland "
                                   "Ltd, the Perth-based unit.\n\n"
                                   "The Oak graphite project is being developed by Birch Graphite Corporation.\n\n"
                                   "The Pine alumina project in West Java is being developed by PT Pine Alumina Indonesia.\n\n"
                                   "Hazel Trading Ltd buys ore from the Rowan mine, next to a smelter developed by Alder Metals Ltd.\n")
    assert {("OPERATES", "Orion Rare Earths Ltd", "Tarn rare earth project"), ("OPERATES", "Cedar Greenland Ltd", "Elm deposit"),
            ("OPERATES", "Birch Graphite Corporation", "Oak graphite project"),
            ("OPERATES", "PT Pine Alumina Indonesia", "Pine alumina project")} <= facts, facts
    assert ("OPERATES", "Alder Metals Ltd", "Rowan mine") not in facts, facts


def test_a_site_built_or_run_with_a_partner_names_the_builders_cooperation(extractor):
    """ "a pilot plant (in P) run with B" (a participle after the site), "financed and built with B", "With B, A is building
    a plant" (a fronted partner): the builder (the subject, else the firm the text is about) cooperates with B. Not
    "built the plant with a loan from B", "with B's technology" or "A operated with B for a decade" (no site)."""
    facts = named_facts(extractor, "Orion Rare Earths Ltd has tested a new flowsheet at a pilot plant run with Kestrel "
                                   "Technologies, Inc. in Ashby, Ohio.\n\n"
                                   "Elm Magnet Metals Ltd separates its carbonate at a pilot plant in Ohio run with Fir "
                                   "Separation Ltd.\n\n"
                                   "With Birch Minerals Ltd, Cedar Lithium Ltd is building a demonstration plant at Elmby.\n\n"
                                   "Oak Nickel Ltd owns the Pine project. The first plant was financed and built with "
                                   "Hazel Metals Ltd in 2021.\n\n"
                                   "Rowan Graphite Ltd built its anode plant with a loan from Alder Capital Ltd and with "
                                   "Ash Carbon Ltd's technology.\n\n"
                                   "Yew Metals Ltd operated with Larch Mining Ltd for a decade.\n")
    pairs = {frozenset((source, target)) for kind, source, target in facts if kind == "COOPERATES_WITH"}  # (no direction)
    assert {frozenset(("Kestrel Technologies, Inc", "Orion Rare Earths Ltd")), frozenset(("Fir Separation Ltd", "Elm Magnet Metals Ltd")),
            frozenset(("Birch Minerals Ltd", "Cedar Lithium Ltd")), frozenset(("Hazel Metals Ltd", "Oak Nickel Ltd"))} <= pairs, facts
    assert not any(kind == "COOPERATES_WITH" and {source, target} & {"Alder Capital Ltd", "Ash Carbon Ltd", "Larch Mining Ltd"}
                   for kind, source, target in facts), facts


def test_a_governments_grant_or_support_package_is_cooperation_with_the_firm_it_goes_to(extractor):
    """ "welcomed a support package of A$40 million from the Government of Tasmania" (the clause's subject gets it),
    "the Government of Canada has backed the project with a grant", "which the Quebec government supports with a C$2
    million grant", "The company and the Quebec government are putting US$3 million into the plant" (the firm the
    sentence or the text is about): the body cooperates with the firm. Support without money ("supports export
    controls") and a hedged grant ("may back the project with a grant") say nothing."""
    facts = named_facts(extractor, "Kestrel Zinc Ltd, the zinc producer, welcomed a support package of A$40 million from "
                                   "the Government of Tasmania for its smelter.\n\n"
                                   "Orion Cobalt Ltd, based in Toronto, is building a cobalt refinery, and the Government of "
                                   "Canada has backed the project with a grant.\n\n"
                                   "Birch Scandium Ltd makes scandium oxide in Quebec. The company and the Quebec government are "
                                   "putting about US$3 million into the plant.\n\n"
                                   "Cedar Gallium Ltd extracted gallium. The Government of Norway supports export controls on "
                                   "gallium.\n\n"
                                   "Elm Graphite Ltd plans an anode plant. The Government of Finland may back the project with a "
                                   "grant.\n")
    pairs = {frozenset((source, target)) for kind, source, target in facts if kind == "COOPERATES_WITH"}
    assert {frozenset(("Government of Tasmania", "Kestrel Zinc Ltd")), frozenset(("Government of Canada", "Orion Cobalt Ltd")),
            frozenset(("Government of Quebec", "Birch Scandium Ltd"))} <= pairs, facts
    assert not any({"Government of Norway", "Government of Finland"} & pair for pair in pairs), facts


def test_a_miners_rank_in_a_country_does_not_place_the_miner(extractor):
    """ "A, the largest cobalt producer in the DRC", "A is the biggest nickel miner in Indonesia": miners and producers
    rank in the countries where they mine, often abroad, so the rank places no producer (a maker's does: "the largest
    magnet maker in Canada"); a site it describes is still placed."""
    facts = named_facts(extractor, "Kestrel Cobalt Ltd, the largest cobalt producer in the Democratic Republic of the Congo, "
                                   "is listed in Hong Kong.\n\n"
                                   "Orion Nickel Ltd is the biggest nickel miner in Indonesia.\n\n"
                                   "Birch Magnetics Ltd is the largest magnet maker in Canada.\n")
    assert ("LOCATED_IN", "Birch Magnetics Ltd", "Canada") in facts, facts
    assert not any(kind == "LOCATED_IN" and source in ("Kestrel Cobalt Ltd", "Orion Nickel Ltd") for kind, source, _ in facts), facts


def test_a_firms_place_of_making_is_not_a_claim_it_bought_nor_a_parks_region(extractor):
    """ "A makes magnets in P" places A in P (as before); "A acquired mining claims in P" (a noun's modifier, not a verb
    of making) and "A makes pig iron at the Morowali Industrial Park in P" (the region of the place named before "in")
    do not."""
    facts = named_facts(extractor, "Birch Magnetics Ltd makes magnets in San Marcos.\n\n"
                                   "Kestrel Antimony Corp acquired mining claims in Alaska.\n\n"
                                   "Orion Nickel Ltd makes nickel pig iron at the Indonesia Morowali Industrial Park in Central "
                                   "Sulawesi.\n")
    assert ("LOCATED_IN", "Birch Magnetics Ltd", "San Marcos") in facts, facts
    assert not any(kind == "LOCATED_IN" and source in ("Kestrel Antimony Corp", "Orion Nickel Ltd") for kind, source, _ in facts), facts


def test_a_governments_support_for_no_named_site_or_firm_is_no_cooperation(extractor):
    """A government's subsidies for "domestic producers" or grants for "the development of supply chains" go to no
    firm the sentence names; only a sentence that names the firm's site or the firm ("has backed the plant") gives
    them to the firm the text is about."""
    facts = named_facts(extractor, "Kestrel Rare Earths Ltd runs a separation plant in Malaysia. The Ministry of Commerce said "
                                   "it would support domestic producers with subsidies worth $2 billion.\n\n"
                                   "Orion Magnets Ltd makes magnets in Ohio. The Government of Japan supports the development of "
                                   "rare earth supply chains with grants.\n\n"
                                   "Birch Cathode Ltd builds cathode material. The Government of Ontario has backed the plant "
                                   "with a $50 million grant.\n")
    pairs = {frozenset((source, target)) for kind, source, target in facts if kind == "COOPERATES_WITH"}
    assert frozenset(("Government of Ontario", "Birch Cathode Ltd")) in pairs, facts
    assert not any({"Kestrel Rare Earths Ltd", "Orion Magnets Ltd"} & pair for pair in pairs), facts

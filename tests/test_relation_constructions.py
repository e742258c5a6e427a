"""Session 8 (issue 12): constructions that left two entities of one sentence unrelated on the tuning sets, each
read by the shared grammar layer, on our own sentences with invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run
from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_what_is_made_at_a_list_of_sites_or_at_a_site_further_on_each_site_makes(extractor):
    """ "mines M1 and M2 at A and B": both sites make both and the miner runs both (only A did); "recovers M1 and M2
    as by-products of ... smelting at its X smelter" and "turns it into M for E at its plant in P": the site a few
    words on makes them (it was looked for four words after the material). A site of a later predicate ("mines M1,
    produces M2 and has recovered M3 from M4 at the mill") is not where M1 is mined."""
    facts = named_facts(extractor, "Orion Mining Ltd mines copper and cobalt at Kestrel and Tarnby in Norland province.\n\n"
                                   "Birch Metals Ltd recovers indium and bismuth as by-products of zinc and lead smelting at its "
                                   "Fjord smelter in Tarnby.\n\n"
                                   "Oak Minerals Inc turns the concentrate into germanium wafers for space solar cells at its plant "
                                   "in Redvale, Ohio.\n\n"
                                   "Elm Resources Inc is a miner. The company mines uranium, produces vanadium and, since 2021, has "
                                   "recovered rare-earth elements from monazite at the Pine Mill near Redvale, Utah.")  # fmt: skip
    assert {("OPERATES", "Orion Mining Ltd", "Kestrel mine"), ("OPERATES", "Orion Mining Ltd", "Tarnby mine"),
            ("PRODUCES", "Kestrel mine", "Cobalt"), ("PRODUCES", "Tarnby mine", "Cobalt"), ("PRODUCES", "Tarnby mine", "Copper"),
            ("PRODUCES", "Fjord smelter", "Indium"), ("PRODUCES", "Fjord smelter", "Bismuth"),
            ("PRODUCES", "Redvale plant", "germanium wafer")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "Pine Mill" for kind, source, _ in facts), facts


def test_the_site_a_material_comes_from_makes_it(extractor):
    """ "supply M from its refinery at P", "fed with M from X's Y Operation": the site makes M and so does its owner
    (only the firm that supplied was a producer, and a named owner's site nothing); not a site still planned."""
    facts = named_facts(extractor, "Under the agreement Orion Metals Ltd will supply cerium oxide from its refinery at Tarnby to "
                                   "Birch Glass Inc.\n\n"
                                   "Both lines are fed with spodumene concentrate from Kestrel Minerals' Fjord Operation in Norland.\n\n"
                                   "Oak Rare Earths Ltd will supply NdPr oxide from its planned separation plant in Redvale.")  # fmt: skip
    assert {("PRODUCES", "Tarnby refinery", "cerium oxide"), ("PRODUCES", "Fjord Operation", "spodumene"),
            ("PRODUCES", "Kestrel Minerals", "spodumene")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and "Redvale" in source for kind, source, _ in facts), facts


def test_an_instrument_two_governments_sign_is_issued_by_both(extractor):
    """ "A signed a strategic partnership on M with B", "A and B signed ...", "B, which signed ... with C": each
    signatory issues the instrument (none did: only issuing verbs were read); not when the signing is denied."""
    facts = named_facts(extractor, "Norway signed a strategic partnership on battery minerals with Chile in May 2024.\n\n"
                                   "Prices rose after Canada and Peru signed a strategic partnership on cobalt in March.\n\n"
                                   "Iceland has not signed a strategic partnership on gallium with Japan.")  # fmt: skip
    issuers = {(source.split()[-1], target) for kind, source, target in facts if kind == "ISSUED_BY"}
    assert {("minerals", "Norway"), ("minerals", "Chile"), ("cobalt", "Canada"), ("cobalt", "Peru")} <= issuers, facts
    assert not {("gallium", "Iceland"), ("gallium", "Japan")} & issuers, facts


def test_conversions_and_products_named_before_their_verb(extractor):
    """ "M, which A and B produce in P": the relative clause's subjects make M (its object was looked for after the
    verb only); "turn M0 into M1 and into M2": M0 feeds both, whoever turns it; "is converted to M in P": "to" as
    "into" after a verb of conversion. A denied production makes nothing."""
    found = run(extractor, "Battery makers rely on high-nickel cathodes, which Orion Chemicals Ltd and Birch Materials Inc produce "
                           "in Tarnland.",
                "Ore from the district goes to the smelters in Norland, which turn laterite ore into nickel pig iron and into "
                "mixed hydroxide precipitate.",
                "Almost all spodumene concentrate is converted to lithium hydroxide in China.",
                "Kestrel uses magnet alloy, which Elm Metals Ltd does not produce.")  # fmt: skip
    facts = found["facts"]
    assert {("PRODUCES", "org:orion-chemicals-ltd", "material:cathode-material"),
            ("PRODUCES", "org:birch-materials-inc", "material:cathode-material"),
            ("INPUT_TO", "material:nickel-laterite", "material:nickel-pig-iron"),
            ("INPUT_TO", "material:nickel-laterite", "material:mixed-hydroxide-precipitate"),
            ("PRODUCES", "country:CN", "material:lithium-hydroxide")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "org:elm-metals-ltd" for kind, source, _ in facts), facts


def test_a_place_where_a_material_is_made_makes_it(extractor):
    """ "P, where most of the world's M is refined": P makes M, as "M is refined in P" does (the place was looked for
    after the verb only)."""
    found = run(extractor, "The supply chain still runs through Chile, where most of the region's lithium carbonate is refined.")
    assert ("PRODUCES", "country:CL", "material:lithium-carbonate") in found["facts"], found["facts"]


def test_a_sum_one_body_gives_another_is_cooperation(extractor):
    """ "agreed to provide A with $12.5 million", "has given A almost $40 million" (FUNDING_VERBS): cooperation, as
    an award is; "A, the P-based developer, finalised a grant from B": A, past its appositive (the award's recipient
    was looked for eight words back). Giving anything but money is none."""
    facts = named_facts(extractor, "The Department of Energy agreed to provide Orion Magnetics Ltd with $12.5 million to build a line.\n\n"
                                   "The Ministry of Mines has given Birch Graphite Inc almost $40 million under the programme.\n\n"
                                   "Kestrel Rare Metals Ltd, the Tarnby, Norland-based developer, finalised a $3 million grant "
                                   "from the Department of Energy in May.\n\n"
                                   "Elm Metals Ltd gave Oak Motors Inc two samples of magnet alloy.")  # fmt: skip
    pairs = {frozenset((s, t)) for kind, s, t in facts if kind == "COOPERATES_WITH"}
    assert {frozenset(("United States Department of Energy", "Orion Magnetics Ltd")),
            frozenset(("Ministry of Mines", "Birch Graphite Inc")),
            frozenset(("United States Department of Energy", "Kestrel Rare Metals Ltd"))} <= pairs, facts  # fmt: skip
    assert frozenset(("Elm Metals Ltd", "Oak Motors Inc")) not in pairs, facts


def test_a_plant_the_clause_only_calls_possible_is_no_facility(extractor):
    """ "may build a second plant in Texas" named a "Texas plant" located in Texas, a plant nobody has decided on
    (annotation.md: plans the text calls uncertain do not count); a plant the firm will build, one it operates, and
    one whose expansion is only possible (a definite "its plant") stay."""
    found = run(extractor, "Quillon Mining said on Tuesday that it may build a second plant in Redvale.",
                "Quillon Mining could also consider a new refinery near Tarnby, Norland.",
                "Birch Metals Ltd will build a magnet plant in Kestrel.",
                "Oak Minerals Inc may expand its plant in Fjordby.",
                "In May Elm Resources Ltd opened a plant in Varberg, Norland.")  # ("May" the month is no hedge)
    names = set(found["names"])
    assert not {"Redvale plant", "Tarnby refinery"} & names, names
    assert {"Kestrel magnet plant", "Fjordby plant", "Varberg plant"} <= names, names
    assert ("LOCATED_IN", "facility:kestrel-magnet-plant", "place:kestrel") in found["facts"], found["facts"]


def test_an_appositive_that_says_where_a_party_is_from_names_no_second_party(extractor):
    """ "a supply agreement with Brennmotor, the German carmaker" made Germany a second customer: the coordination
    took "the German" for a list's next name. A demonym after "the" or "a" in an appositive describes the party;
    a real list ("to A, B and C") is still read."""
    found = run(extractor, "Quillon Mining signed a supply agreement with Brennmotor, the German carmaker, for NdPr oxide.",
                "Birch Metals Ltd supplies cobalt to Tavoria Motors, Valdren Cells and Kestrel Batteries.")
    facts = found["facts"]
    assert ("SUPPLIES", "org:quillon-mining", "org:brennmotor") in facts, facts
    assert not any(kind == "SUPPLIES" and target.startswith("country:") for kind, _, target in facts), facts
    assert {("SUPPLIES", "org:birch-metals-ltd", f"org:{t}") for t in ("tavoria-motors", "valdren-cells", "kestrel-batteries")} <= facts, facts

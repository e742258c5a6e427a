"""Session 12 (issue 12): relations missed although the extractor found both parties in one sentence, by classes of
construction the shared layer reads (not one document's wording), on our own sentences with invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_place_named_with_the_and_of_another_is_in_it(extractor):
    """ "the Kivu province of Congo", "the Atacama region of Chile", "the Fraser Range of Western Australia": the first
    place (with or without its head noun in the name) is in the second."""
    facts = named_facts(extractor, "Birch Metals runs the Tarn mine in the Kivu province of Congo.\n\n"
                                   "Orion Lithium owns the Kestrel project in the Atacama region of Chile.\n\n"
                                   "Oak Mining operates the Elm mine in the Pilbara region of Western Australia and the Ash "
                                   "mine in the Fraser Range of Western Australia.\n")
    assert {("LOCATED_IN", "Kivu province", "Democratic Republic of the Congo"), ("LOCATED_IN", "Atacama region", "Chile"),
            ("LOCATED_IN", "Pilbara region", "Western Australia"), ("LOCATED_IN", "Fraser Range", "Western Australia"),
            ("LOCATED_IN", "Tarn mine", "Kivu province"), ("LOCATED_IN", "Ash mine", "Fraser Range")} <= facts, facts
    assert not any(kind == "LOCATED_IN" and target == "Western Australia" and source.endswith("mine")
                   for kind, source, target in facts), facts  # (the mine is in the region, said once)


def test_a_material_a_participle_describes_comes_from_the_sites_it_names(extractor):
    """ "M produced at the A smelter", "M shipped from the A and B mines", "M made at its A plant" (a reduced relative
    clause, SOURCE_PARTICIPLES): each site makes M; after "from", it supplies the plant that takes M. "shipped from" is
    no supply by the taker to the source, and the place after the site locates the site, it makes nothing."""
    facts = named_facts(extractor, "Birch Metals refines nickel at its Tarn refinery from nickel matte produced at the "
                                   "Kestrel smelter in Norway.\n\n"
                                   "Orion Cobalt makes cobalt sulfate at its Elm refinery from cobalt hydroxide shipped from "
                                   "the Ash and Oak mines.\n\n"
                                   "Pine Graphite sells spherical graphite made at its Cedar plant to battery makers.\n")
    assert {("PRODUCES", "Kestrel smelter", "nickel matte"), ("SUPPLIES", "Kestrel smelter", "Tarn refinery"),
            ("PRODUCES", "Ash mine", "cobalt hydroxide"), ("PRODUCES", "Oak mine", "cobalt hydroxide"),
            ("SUPPLIES", "Ash mine", "Elm refinery"), ("SUPPLIES", "Oak mine", "Elm refinery"),
            ("PRODUCES", "Cedar plant", "spherical graphite")} <= facts, facts
    assert not {("SUPPLIES", "Elm refinery", "Ash mine"), ("PRODUCES", "Norway", "nickel matte")} & facts, facts


def test_an_owner_or_parent_named_by_a_noun_owns_the_firm_and_runs_the_site(extractor):
    """The nominal forms of ownership (PARENT_NOUNS, OPERATOR_NOUNS): "A, the owner of B" and "A is the parent company of
    B" make B A's subsidiary, "A, the owner of the X mine" runs it (as "the mine, which is owned by A" does); "the owner
    of a stake in B" owns no B."""
    facts = named_facts(extractor, "Kestrel Mining Ltd holds 40% of Orion Holdings Ltd, the owner of Birch Metals Ltd.\n\n"
                                   "Oak Resources Inc is the parent company of Pine Graphite Ltd.\n\n"
                                   "Elm Metals Ltd, the owner of the Tarn mine, reported higher output.\n\n"
                                   "Birch Metals Ltd, the owner of a stake in Pine Graphite Ltd, reported higher output.\n")
    assert {("SUBSIDIARY_OF", "Birch Metals Ltd", "Orion Holdings Ltd"), ("SUBSIDIARY_OF", "Pine Graphite Ltd", "Oak Resources Inc"),
            ("OPERATES", "Elm Metals Ltd", "Tarn mine"), ("HOLDS_STAKE_IN", "Kestrel Mining Ltd", "Orion Holdings Ltd")} <= facts, facts
    assert ("SUBSIDIARY_OF", "Pine Graphite Ltd", "Birch Metals Ltd") not in facts, facts


def test_customers_named_after_their_role_are_supplied(extractor):
    """ "sells M to its two ultimate shareholders, A and B", "makes M at its plant for its shareholders A and B" (a role
    noun of PARTY_ROLES between the preposition and the names, ``Grammar.role_party``): each is a customer; "to its
    customers, and B buys" names none (a new clause)."""
    facts = named_facts(extractor, "Birch Metals Ltd sells its nickel concentrate to its two ultimate shareholders, Oak "
                                   "Mining Ltd and Pine Lithium Ltd, at a price set by the market.\n\n"
                                   "Orion Nickel Ltd produces nickel matte at its Tarn smelter for its shareholders Elm "
                                   "Resources Ltd and Ash Holdings Ltd.\n\n"
                                   "Teak Cobalt Ltd sells cobalt hydroxide to its customers, and Cedar Mining Ltd buys "
                                   "nickel ore.\n")
    assert {("SUPPLIES", "Birch Metals Ltd", "Oak Mining Ltd"), ("SUPPLIES", "Birch Metals Ltd", "Pine Lithium Ltd"),
            ("SUPPLIES", "Orion Nickel Ltd", "Elm Resources Ltd"), ("SUPPLIES", "Orion Nickel Ltd", "Ash Holdings Ltd")} <= facts, facts
    assert ("SUPPLIES", "Teak Cobalt Ltd", "Cedar Mining Ltd") not in facts, facts


def test_a_relative_clause_after_a_site_s_place_and_appositive_is_the_site_s(extractor):
    """ "the plant at P1 in P2, which makes M", "the X mine in the P1 of P2, the largest mine in the world, which produces
    M" (``Grammar.relative_head`` past a chain of places and a long appositive): the site makes M, not the sentence's
    subject."""
    facts = named_facts(extractor, "Oak Mining Ltd feeds Birch Metals' conversion plant at Leoben in Styria, which makes "
                                   "tungsten oxide and tungsten carbide powder for cutting tools.\n\n"
                                   "Orion Mining Ltd operates the Tarn mine in the South West of Western Australia, the "
                                   "largest hard-rock lithium mine in the world, which produces lithium concentrate.\n")
    assert {("PRODUCES", "Leoben plant", "tungsten oxide"), ("PRODUCES", "Leoben plant", "tungsten carbide powder"),
            ("PRODUCES", "Tarn mine", "lithium concentrate")} <= facts, facts
    assert not {("PRODUCES", "Oak Mining Ltd", "tungsten oxide"), ("PRODUCES", "Orion Mining Ltd", "lithium concentrate")} & facts, facts


def test_a_place_participle_after_an_appositive_s_noun_locates_the_name_it_describes(extractor):
    """ "A, a B Group company headquartered in P": A is in P (the participle follows the appositive's noun, not B);
    "B, a company based in P" and "B is a company based in P" stay B's."""
    facts = named_facts(extractor, "Elm Energy Ltd, a Birch Group company headquartered in Osaka, today announced a deal.\n\n"
                                   "Oak Holdings Ltd bought Pine Group, a company based in Perth.\n")
    assert {("LOCATED_IN", "Elm Energy Ltd", "Osaka"), ("LOCATED_IN", "Pine Group", "Perth")} <= facts, facts
    assert not {("LOCATED_IN", "Birch Group", "Osaka"), ("LOCATED_IN", "Oak Holdings Ltd", "Perth")} & facts, facts


def test_sites_that_share_their_head_noun_are_each_in_the_place_after_it(extractor):
    """ "the Kestrel and Tarn plants in Norway", "the Ash and Oak mines in Chile": the last site's name stops before the
    shared plural noun; both sites are in the place."""
    facts = named_facts(extractor, "Birch Metals refines cobalt at its Elm refinery from nickel matte produced at the "
                                   "Kestrel and Tarn plants in Norway.\n\n"
                                   "Orion Copper Ltd runs the Ash and Oak mines in Chile.\n")
    assert {("LOCATED_IN", "Kestrel plant", "Norway"), ("LOCATED_IN", "Tarn plant", "Norway"),
            ("LOCATED_IN", "Ash mine", "Chile"), ("LOCATED_IN", "Oak mine", "Chile")} <= facts, facts


def test_a_site_or_firm_bought_in_a_relative_clause_is_no_supply(extractor):
    """ "the X mine in P, which it bought from B in 2021", "the X mine, which B bought from C": an acquisition of what the
    relative clause is about, no supply to the place or the seller (the seller stays a firm); "M, which it buys from B"
    is a purchase of goods."""
    facts = named_facts(extractor, "Birch Metals also owns the Tarn mine in Chile, which it bought from Oak Mining in 2021.\n\n"
                                   "Pine Lithium sold the Kestrel mine, which Elm Resources bought in 2021 from Ash Holdings.\n\n"
                                   "Teak Cathodes makes cathodes from nickel sulfate, which it buys from Cedar Nickel.\n")
    found = extractor.extract(read_text("Birch Metals also owns the Tarn mine in Chile, which it bought from Oak Mining.",
                                        True).blocks).as_dict()
    assert "Oak Mining" in {e["name"] for e in found["entities"]}
    assert ("SUPPLIES", "Cedar Nickel", "Teak Cathodes") in facts, facts
    assert not any(kind == "SUPPLIES" and source in ("Oak Mining", "Ash Holdings") for kind, source, _ in facts), facts


def test_a_second_site_after_a_relative_clause_keeps_the_verb(extractor):
    """ "owns the X mine in P, which it bought from B in 2021, and the Y refinery in Q": the verb's object list goes on
    past the relative clause (whose own party, B, runs nothing); "operates the X mine, which supplies the Y smelter, and
    the Z refinery runs on ..." is a new clause."""
    facts = named_facts(extractor, "Birch Metals also owns the Tarn mine in Chile, which it bought from Oak Mining in 2021, "
                                   "and the Elm refinery in Peru, whose restart has been shelved.\n\n"
                                   "Pine Cobalt operates the Ash mine, which supplies the Kestrel smelter, and the Cedar "
                                   "refinery runs on imported ore.\n")
    assert {("OPERATES", "Birch Metals", "Tarn mine"), ("OPERATES", "Birch Metals", "Elm refinery")} <= facts, facts
    assert not {("OPERATES", "Oak Mining", "Elm refinery"), ("OPERATES", "Pine Cobalt", "Cedar refinery")} & facts, facts


def test_an_owner_described_before_its_name_in_a_passive_is_the_owner(extractor):
    """ "A, the zinc producer owned by the commodities group B", "A has been owned by the Canadian specialty-metals
    company B since 2021" (a determiner, descriptive words and an ORG_NOUNS noun before the agent's name,
    ``Grammar.role_party``): B owns A."""
    facts = named_facts(extractor, "Birch Zinc Ltd, the zinc and lead producer owned by the commodities group Oak "
                                   "Trading, welcomed a support package.\n\n"
                                   "Elm Solar Ltd has been owned by the Canadian specialty-metals company Pine Plus since 2021.\n")
    assert {("SUBSIDIARY_OF", "Birch Zinc Ltd", "Oak Trading"), ("SUBSIDIARY_OF", "Elm Solar Ltd", "Pine Plus")} <= facts, facts


def test_a_firm_s_company_in_apposition_is_its_subsidiary(extractor):
    """ "A, B's battery company", "A, the B Group's battery materials company" (a firm's possessive, lower-case words
    and "company" closing an appositive): A is B's subsidiary; "B's company history" makes nothing."""
    facts = named_facts(extractor, "Birch Cells Ltd, Oak Motors' battery company, signed a term sheet.\n\n"
                                   "Elm Energy Ltd, the Pine Group's battery materials company, will build a plant.\n\n"
                                   "Ash Metals Ltd said Cedar Holdings' company history began in 1950.\n")
    assert {("SUBSIDIARY_OF", "Birch Cells Ltd", "Oak Motors"), ("SUBSIDIARY_OF", "Elm Energy Ltd", "Pine Group")} <= facts, facts
    assert not any(kind == "SUBSIDIARY_OF" and "Ash Metals Ltd" in (source, target) for kind, source, target in facts), facts


def test_a_name_after_of_ends_the_clause_before_and_is_no_subject_of_the_next(extractor):
    """ "A holds 70% of B and C holds 20% of D": B is the object of the first clause, so "B and C" is no coordinated
    subject and B holds nothing in D (a wrong stake before); C holds 20% of D and B is A's subsidiary. A list that
    is the subject still reads as one ("A and B each hold 25% of C")."""
    facts = named_facts(extractor, "Alpha Mining Corp holds 70% of Beta Resources Ltd and Gamma Holdings Inc holds 20% of "
                                   "Delta Metals Ltd.\n\n"
                                   "Kite Metals Ltd and Heron Mining Corp each hold 25% of Wren Lithium Ltd.\n")
    assert {("SUBSIDIARY_OF", "Beta Resources Ltd", "Alpha Mining Corp"), ("HOLDS_STAKE_IN", "Gamma Holdings Inc", "Delta Metals Ltd"),
            ("HOLDS_STAKE_IN", "Kite Metals Ltd", "Wren Lithium Ltd"), ("HOLDS_STAKE_IN", "Heron Mining Corp", "Wren Lithium Ltd")} <= facts, facts
    assert ("HOLDS_STAKE_IN", "Beta Resources Ltd", "Delta Metals Ltd") not in facts, facts

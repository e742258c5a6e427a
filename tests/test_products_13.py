"""Session 13 (issue 12, xprod13): what is made, supplied and used (PRODUCES, SUPPLIES, USED_IN, INPUT_TO) and the
materials they name, by classes of construction counted across the tuning sets, on our own sentences with invented
firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_firm_that_sells_materials_to_unnamed_buyers_makes_them(extractor):
    """Suppliers produce (docs/annotation.md): "A mines M0 at B, in P, Country, and sells M1, M2 and M3 to steelmakers"
    makes A the producer of each, the buyers unnamed, as a named buyer does; the place chain after "in" sells nothing.
    Not a plan ("will sell"), another's output ("ships their MHP"), a relative clause's own subject ("under which B
    supplies M"), nor a sale the sentence hedges."""
    facts = named_facts(extractor, "Birch Metals Ltd mines pyrochlore at Tarn, in Minas Gerais, Brazil, and sells "
                                   "ferroniobium, niobium oxide and niobium metal to steelmakers.\n\n"
                                   "Orion Lithium Ltd says it will sell lithium hydroxide to battery makers in Europe.\n\n"
                                   "Kestrel Nickel Ltd ships most of their mixed hydroxide precipitate to refiners.\n\n"
                                   "Oak Graphite Ltd sells spherical graphite to anode makers, but it has not signed any "
                                   "offtake agreement.\n")
    assert {("PRODUCES", "Birch Metals Ltd", "ferroniobium"), ("PRODUCES", "Birch Metals Ltd", "niobium oxide"),
            ("PRODUCES", "Birch Metals Ltd", "niobium metal")} <= facts, facts
    assert not any(kind == "PRODUCES" and (source in ("Orion Lithium Ltd", "Kestrel Nickel Ltd", "Oak Graphite Ltd", "Brazil"))
                   for kind, source, _ in facts), facts


def test_a_plan_in_would_that_the_text_says_is_undecided_and_a_separated_mixture_are_no_production(extractor):
    """ "A plant at P would produce M, but no final investment decision has been taken": the conditional is a plan the
    text calls undecided (as "plans to produce M, though ..." is); without the concession it stands. "Will separate
    mixed rare earth carbonate": the mixture is the separator's feed, not its product; a separated oxide is its
    product."""
    facts = named_facts(extractor, "Birch Rare Earths Ltd runs the Tarn project in South Africa. A commercial plant at "
                                   "Tarn would produce NdPr oxide for magnet makers, but the feasibility study is not "
                                   "complete and no final investment decision has been taken.\n\n"
                                   "Orion Rare Earths Ltd runs the Kestrel plant. The Kestrel plant would produce "
                                   "dysprosium oxide for magnet makers.\n\n"
                                   "The Oak plant will separate mixed rare earth carbonate bought from producers outside "
                                   "China.\n\n"
                                   "The Elm plant separates samarium oxide.\n")
    assert ("PRODUCES", "Kestrel plant", "dysprosium oxide") in facts, facts
    assert ("PRODUCES", "Elm plant", "samarium oxide") in facts, facts
    assert not any(kind == "PRODUCES" and (target == "NdPr oxide" or target == "mixed rare earth carbonate")
                   for kind, _, target in facts), facts


def test_a_material_that_only_modifies_a_producer_noun_is_what_the_firm_or_country_makes(extractor):
    """A producer noun (docs/annotation.md): "A, the largest cobalt producer", "B, the Brisbane-based lithium producer",
    "Argentina is the fourth-largest lithium producer": the element or material before "producer", "maker" or
    "manufacturer" (no mention of its own there, as in "sells to magnet makers") is what A, B or the country makes;
    "the C mine near P, the only niobium producer" is the mine's, not the place's. With no producer named ("sold to
    magnet makers") the modifier stays no entity."""
    facts = named_facts(extractor, "Chinese firms control most of the mines; Birch Metals Ltd, the largest cobalt producer, "
                                   "sells through its own trading arm.\n\n"
                                   "Orion Holdings Ltd has agreed to buy 15% of Kestrel Lithium Ltd, the Brisbane-based "
                                   "lithium producer.\n\n"
                                   "Argentina is the fourth-largest lithium producer in the world.\n\n"
                                   "In Quebec, Oak Metals Ltd owns the Tarn mine near Saint-Honoré, the only niobium "
                                   "producer in North America.\n\n"
                                   "Elm Chemicals Ltd sells neodymium oxide to samarium cobalt magnet makers.\n")
    assert {("PRODUCES", "Birch Metals Ltd", "Cobalt"), ("PRODUCES", "Kestrel Lithium Ltd", "Lithium"),
            ("PRODUCES", "Argentina", "Lithium"), ("PRODUCES", "Tarn mine", "Niobium")} <= facts, facts
    assert not any(kind == "PRODUCES" and (source == "Saint-Honoré" or target == "samarium-cobalt magnet")
                   for kind, source, target in facts), facts
    names = {e.name for e in extractor.extract([("Elm Chemicals Ltd sells neodymium oxide to magnet makers.", False)]).entities}
    assert "NdFeB magnet" not in names and "rare earth magnet" not in names, names


def test_who_makes_and_whose_output_is_sold(extractor):
    """The producer of a clause: the name right before the verb ("..., whose subsidiary B mines M": B, not the firm the
    relative clause hangs on); a country's possessive opens an appositive as a determiner does ("A, Russia's largest
    gold miner": A mines gold). A sale of another's output ("ships Olimpiada's antimony concentrate", "ships their
    MHP") makes the seller no producer of it."""
    facts = named_facts(extractor, "Other producers in the city include Birch Lithium Ltd, which makes lithium carbonate "
                                   "from spodumene, and Orion Motor Ltd, whose subsidiary Kestrel Mining Ltd mines lepidolite "
                                   "at Tarn.\n\n"
                                   "Oak Gold Ltd, Russia's largest gold miner, ships the Elm mine's antimony concentrate "
                                   "mostly to China.\n")
    assert {("PRODUCES", "Kestrel Mining Ltd", "lepidolite"), ("PRODUCES", "Birch Lithium Ltd", "lithium carbonate"),
            ("PRODUCES", "Oak Gold Ltd", "Gold"), ("SUPPLIES", "Oak Gold Ltd", "China")} <= facts, facts
    assert not {("PRODUCES", "Birch Lithium Ltd", "lepidolite"), ("PRODUCES", "Oak Gold Ltd", "antimony concentrate")} & facts, facts


def test_the_name_an_appositive_describes_before_a_conversion_verb_makes_the_product(extractor):
    """ "..., where B, the group's battery materials company, will turn it into M1 and M2 at its plant": the name the
    closed appositive describes turns the material into the products (appositives.appositive_subject), not the
    sentence's subject; with no appositive the nearest name still does."""
    facts = named_facts(extractor, "Under the agreement Orion Trading Ltd will buy graphite concentrate from Birch Graphite "
                                   "Ltd and ship it to Korea, where Kestrel Materials Ltd, the group's battery materials "
                                   "company, will turn it into spherical graphite and anode material at its plant in "
                                   "Sejong.\n")
    assert {("PRODUCES", "Kestrel Materials Ltd", "spherical graphite"), ("PRODUCES", "Kestrel Materials Ltd", "anode material")} <= facts, facts
    assert not {("PRODUCES", "Orion Trading Ltd", "spherical graphite"), ("PRODUCES", "Orion Trading Ltd", "anode material")} & facts, facts


def test_metals_named_in_their_forms_are_materials_and_a_singular_form_ends_no_element_list(extractor):
    """The element forms are compositional data (lexicon.ELEMENT_FORMS): "aluminium ingot" and "lead concentrate"
    (metals the vocabulary names only in their forms: alone "lead" is mostly a verb), "chrome metal" (chromium's other
    name), "copper cathode" (a form only some metals take: "high-nickel cathodes" stay cathode material). Elements
    listed before a singular form stay elements ("vanadium, tantalum, antimony and chrome metal"); before a plural
    form each is that form ("lanthanum, cerium and NdPr oxides")."""
    facts = named_facts(extractor, "Birch Metals Ltd exports aluminium ingot, lead concentrate and copper cathode to Japan.\n\n"
                                   "Orion Metals Ltd also produces vanadium, tantalum, antimony and chrome metal.\n\n"
                                   "Kestrel Rare Earths Ltd separates the concentrate into lanthanum, cerium and NdPr oxides.\n\n"
                                   "Oak Cathodes Ltd makes high-nickel cathodes.\n")
    assert {("PRODUCES", "Birch Metals Ltd", "aluminium ingot"), ("PRODUCES", "Birch Metals Ltd", "lead concentrate"),
            ("PRODUCES", "Birch Metals Ltd", "copper cathode"), ("PRODUCES", "Orion Metals Ltd", "Vanadium"),
            ("PRODUCES", "Orion Metals Ltd", "Antimony"), ("PRODUCES", "Orion Metals Ltd", "chromium metal"),
            ("PRODUCES", "Kestrel Rare Earths Ltd", "lanthanum oxide"), ("PRODUCES", "Kestrel Rare Earths Ltd", "cerium oxide"),
            ("PRODUCES", "Oak Cathodes Ltd", "cathode material")} <= facts, facts
    assert not any(kind == "PRODUCES" and target in ("vanadium metal", "antimony metal", "nickel cathode") for kind, _, target in facts), facts
    names = {e.name for e in extractor.extract([("Lead times are long; the firm will lead the market.", False)]).entities}
    assert not any("lead" in n.lower() for n in names), names


def test_both_plants_are_the_last_two_sites_of_that_sort(extractor):
    """ "The A plant is owned by X. The B plant belongs to Y. Both plants make M": "both plants" (or "the two plants")
    opening a sentence stands for the last two sites of that sort the document named, each of which makes M; a mine
    is no plant."""
    facts = named_facts(extractor, "The country has two processing plants and one mine. The Tarn HPAL plant at Rio Tuba is "
                                   "owned by Birch Nickel Ltd. The Kestrel mine belongs to Orion Nickel Ltd. The Elm HPAL "
                                   "plant belongs to Oak Nickel Ltd. Both plants make mixed sulfide.\n")
    assert {("PRODUCES", "Tarn HPAL plant", "mixed sulfide precipitate"), ("PRODUCES", "Elm HPAL plant", "mixed sulfide precipitate")} <= facts, facts
    assert not any(kind == "PRODUCES" and source == "Kestrel mine" for kind, source, _ in facts), facts

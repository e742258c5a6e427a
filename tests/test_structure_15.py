"""Documents with structure (issue 12, session 15; docs/extraction.md, "Session 15: tables, item lists and notices"):
table rows read under their header, notices' numbered item lists, described policies and the sites that take a
material from a source. Invented tables, notices and sentences, each failing on the code before."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def facts_of(extractor: Extractor, text: str, markdown: bool = True) -> set[tuple[str, str, str]]:
    found = extractor.extract(read_text(text, markdown).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_row_whose_status_says_the_site_is_still_studied_makes_nothing(extractor):
    """A status cell of exploration or a feasibility study is a plan the text does not call firm: the row's products
    are not made at the site (its operator, place and status stay); an operating site, or one being built, makes them."""
    facts = facts_of(extractor, "| Project | Region | Owner | Products | Status |\n|---|---|---|---|---|\n"
                                "| Kestrel Hill | Tarnland | Orion Mining Ltd | cobalt, nickel | pre-feasibility study |\n"
                                "| Birch Lake | Tarnland | Fenwick Metals Ltd | tungsten concentrate | exploration, drilling |\n"
                                "| Aster Ridge | Tarnland | Corbel Resources Ltd | zircon | operating; expansion study |\n"
                                "| Holt Creek | Tarnland | Dunmore Minerals Ltd | rutile | under construction |\n")  # fmt: skip
    assert {("OPERATES", "Orion Mining Ltd", "Kestrel Hill"), ("OPERATES", "Fenwick Metals Ltd", "Birch Lake"),
            ("PRODUCES", "Aster Ridge", "zircon"), ("PRODUCES", "Holt Creek", "rutile")} <= facts, facts  # fmt: skip
    assert not any(t == "PRODUCES" and s in ("Kestrel Hill", "Birch Lake") for t, s, _ in facts), facts


NOTICE = """Announcement No. 12 of 2031 of the Ministry of Mines and the Customs Board on Export Control of Cobalt and Tin Items

Article 1. On the basis of the Mining Law, the scope of the items listed in Announcement No. 4 of 2019 is adjusted. That earlier announcement was issued by the Ministry of Mines.

Article 2. The following items may not be exported without a licence:

(1) cobalt ores and raw materials, including cobalt hydroxide in any form and cobalt sulfate crystals;
(2) cobalt metal and its products, including ingots and powder;
(3) tin concentrate with a tin content above 60%, other than nickel matte;
(4) the technology for making tungsten carbide.

Article 3. This notice takes effect on 1 March 2031.
"""


def test_a_notices_numbered_items_in_one_paragraph_are_restricted_by_the_notice_its_title_names(extractor):
    """A wrapped numbered list after "the following items ...:" gives each item's materials, those after "including"
    too, to the notice the title names (not to the announcement an article cites before the list); a material that only
    qualifies a longer name ("cobalt sulfate crystals") and one "other than" the item are not restricted."""
    facts = facts_of(extractor, NOTICE, markdown=False)
    restricted = {(s, t) for kind, s, t in facts if kind == "RESTRICTS"}
    notice = "Announcement No. 12 of 2031"
    assert {(notice, "cobalt ore"), (notice, "cobalt hydroxide"), (notice, "cobalt metal"), (notice, "tin concentrate"),
            (notice, "tungsten carbide")} <= restricted, restricted  # fmt: skip
    assert not any(s == "Announcement No. 4 of 2019" or t in ("cobalt sulfate", "nickel matte") for s, t in restricted), restricted


def test_a_lettered_list_of_goods_that_may_no_longer_be_exported(extractor):
    """"may no longer be exported:" forbids (its "may" hedges nothing); each lettered line's material is restricted, a
    line that is a clause of its own is not an item, and the next list ("remain exportable, namely:") is not restricted."""
    facts = facts_of(extractor, "Regulation No. 8 of 2032 on Mineral Exports\n\n"
                                "The Ministry of Mines issues this regulation.\n\n"
                                "From 1 May 2032 the following goods may no longer be exported:\n"
                                "(a) nickel ore;\n(b) washed manganese ore;\n(c) cobalt that has been crushed but not refined.\n\n"
                                "Refined products remain exportable, namely:\n(a) nickel matte;\n(b) cobalt sulfate.\n", markdown=False)  # fmt: skip
    restricted = {t for kind, s, t in facts if kind == "RESTRICTS" and s == "Regulation No. 8 of 2032"}
    assert {"nickel ore", "manganese ore"} <= restricted, facts
    assert not restricted & {"nickel matte", "cobalt sulfate", "Cobalt"}, restricted


def found_of(extractor: Extractor, text: str) -> dict:
    return extractor.extract(read_text(text, False).blocks).as_dict()


def test_a_government_that_requires_export_licences_after_another_verb_issues_them(extractor):
    """"A mines ... and has required export licences for M1 and M2 since <date>": the licensing A requires is a
    policy A issues, restricting M1 and M2 and named in the text's own words ("export licences"); a second country
    before the verb is the one that requires them."""
    found = found_of(extractor, "Chile mines about a third of the world's lithium and has required export licences for "
                                "lithium carbonate and lithium hydroxide since 3 March 2031.")  # fmt: skip
    names = {e["id"]: e for e in found["entities"]}
    policies = [e for e in found["entities"] if e["label"] == "Policy"]
    assert len(policies) == 1 and "export licences" in policies[0]["aliases"], policies
    facts = {(r["type"], names[r["source"]]["name"], names[r["target"]]["name"]) for r in found["relations"]}
    policy = policies[0]["name"]
    assert {("ISSUED_BY", policy, "Chile"), ("RESTRICTS", policy, "lithium carbonate"),
            ("RESTRICTS", policy, "lithium hydroxide")} <= facts, facts  # fmt: skip
    found = found_of(extractor, "Chile mines about a third of the world's lithium, and since 2031 exporters in Japan have "
                                "required export licences for lithium carbonate.")  # fmt: skip
    names = {e["id"]: e["name"] for e in found["entities"]}
    assert not any(r["type"] == "ISSUED_BY" and names[r["target"]] == "Chile" for r in found["relations"]), found["relations"]


def test_a_ban_is_also_named_by_the_words_that_state_it(extractor):
    """"Since A banned exports of M in <date>": the ban's own words ("banned exports of M") are a name of the policy,
    as a reader would quote it."""
    found = found_of(extractor, "Since Chile banned exports of lithium carbonate in May 2031, refiners have built plants at home.")
    policies = [e for e in found["entities"] if e["label"] == "Policy"]
    assert len(policies) == 1 and "banned exports of lithium carbonate" in policies[0]["aliases"], policies


def test_a_site_that_takes_or_is_fed_with_a_material_from_a_source_is_supplied_by_it(extractor):
    """"its plant in P, fed with concentrate from the B mine", "The plant will process M from A's B mine", "the smelter
    in P, which will take M from the B refinery": the source supplies the site (a site feeding a site: a flow between
    the two); technology from a firm, or a hedged take, is no supply."""
    facts = facts_of(extractor, "Orion Metals Ltd recovers nickel at its Tarnby refinery in Ontario, fed with concentrate from the Kestrel mine.\n\n"
                                "Birch Lithium Ltd is building the Aster lithium hydroxide plant in Quebec. The plant will process spodumene "
                                "concentrate from Corbel Mining Ltd's Fenwick mine.\n\n"
                                "Dunmore Aluminium Ltd operates the Holt smelter in Manitoba, which will take alumina from the Garrow refinery.\n\n"
                                "The Holt smelter uses control technology from Pyle Systems Ltd. Dunmore Aluminium Ltd may take alumina "
                                "from Quill Alumina Ltd.", markdown=False)  # fmt: skip
    supplies = {(s, t) for kind, s, t in facts if kind == "SUPPLIES"}
    assert {("Kestrel mine", "Tarnby refinery"), ("Fenwick mine", "Aster lithium hydroxide plant"),
            ("Garrow refinery", "Holt smelter")} <= supplies, facts  # fmt: skip
    assert not {s for s, _ in supplies} & {"Pyle Systems Ltd", "Quill Alumina Ltd"}, supplies
    assert ("Garrow refinery", "Dunmore Aluminium Ltd") not in supplies, supplies
    # a source named by its site's first word, found to be the site only at the end ("from Garrow"), still feeds the site
    facts = facts_of(extractor, "The Garrow alumina refinery in Ontario is being built by Pyle Alumina Ltd.\n\n"
                                "Dunmore Aluminium Ltd operates the Holt smelter in Manitoba, which will take alumina from Garrow.", markdown=False)  # fmt: skip
    assert ("SUPPLIES", "Garrow alumina refinery", "Holt smelter") in facts, facts

"""World knowledge as data (issue 12, session 14, xorg14): the sector's organisations in ``loaders/knowledge/``.

Each list states its criterion and source in a header comment; the extractor knows its names with an empty store,
with their label (StateOwnedEnterprise where a state controls the firm) and country. A known firm's name that opens
a longer name ("Kolvane Lithium Energy Australia") is the longer firm's, as an unknown one's would be. Sentences are
invented (stems of tests/entity_grid.py) or name firms of the lists by their criterion, not from a tuning document.
"""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer, lexicon
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.gazetteer import KnownEntity, normalise

STORE = (KnownEntity("org:kolvane", "Company", "Kolvane Lithium", (), stored=True),
         KnownEntity("org:brennic", "Company", "Brennic Nickel", ("Brennic",), stored=True))  # fmt: skip
"""Firms a store knows (invented names): the rules on known names hold for a store's firms and the lists' alike."""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer(STORE))


def entities(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    found = extractor.extract([(text, False)]).as_dict()
    return {e["name"]: (e["label"], e.get("properties", {}).get("country", "")) for e in found["entities"]}


def test_every_knowledge_file_states_its_criterion_in_a_header_comment():
    files = sorted(lexicon.KNOWLEDGE.glob("*.yaml"))
    assert {f.name for f in files} >= {"companies.yaml", "government.yaml", "not-parties.yaml"}
    for path in files:
        header = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
        assert any("Criterion:" in line for line in header), path.name


def test_no_two_organisations_of_the_lists_share_a_name():
    """A shared name would fold one entry into the other (Gazetteer.add with fold) or resolve to the first only."""
    owners: dict[str, str] = {}
    for node_id, label, name, aliases, _ in [*lexicon.bodies(), *lexicon.companies()]:
        for key in {normalise(n) for n in (name, *aliases)}:
            assert owners.setdefault(key, node_id) == node_id, (key, owners[key], node_id)
    parties = set(owners)
    assert not parties & {normalise(n) for n in lexicon.not_parties()}


def test_the_sectors_majors_are_known_with_their_label_and_country(extractor):
    got = entities(extractor, "BHP mines nickel in Western Australia and Codelco mines copper in Chile.")
    assert got["BHP"] == ("Company", "AU")
    assert got["Codelco"] == ("StateOwnedEnterprise", "CL")


def test_a_known_firm_that_opens_a_longer_name_is_the_longer_firms(extractor):
    got = entities(extractor, "Kolvane Lithium Energy Australia runs the Tavask refinery.")
    assert "Kolvane Lithium Energy Australia" in got and "Energy Australia" not in got


def test_a_legal_form_after_a_known_firm_is_no_firm_of_its_own(extractor):
    got = entities(extractor, "Kolvane Lithium Co., Ltd. mines spodumene.")
    assert "Kolvane Lithium" in got and "Ltd" not in got


def test_a_name_with_a_legal_prefix_runs_on_over_a_known_firm(extractor):
    got = entities(extractor, "PT Tavoria Ostrel Brennic operates the Valdmar plant.")
    assert "PT Tavoria Ostrel Brennic" in got and "Brennic Nickel" not in got


def test_the_officer_of_a_known_firm_is_no_firm(extractor):
    got = entities(extractor, "The event was attended by Brennic Chairman Chang Merrow and others. Chang said the "
                              "plants are ready.")
    assert "Chang" not in got and "Brennic Nickel" in got


def test_the_short_form_of_a_known_firm_is_no_place(extractor):
    got = entities(extractor, "Kolvane Lithium is based in Tavask. The Ostrum Fund invested $28.8 million in Kolvane "
                              "in 2020.")
    assert got.get("Kolvane", ("",))[0] != "Place"


def test_government_bodies_by_their_acronyms_with_their_country(extractor):
    got = entities(extractor, "METI and KOMIR will expand the stockpiles of rare earths.")
    assert got["Ministry of Economy, Trade and Industry"] == ("GovernmentBody", "JP")
    assert got["Korea Mine Rehabilitation and Mineral Resources Corporation"] == ("GovernmentBody", "KR")


def test_lenders_advisers_and_analysts_of_the_lists_are_no_entities(extractor):
    """docs/annotation.md: lenders (export-credit agencies by their acronyms), law firms, banks and consultancies."""
    got = entities(extractor, "Tavoria Mining signed agreements with KEXIM, NEXI and the Nickel Institute.")
    assert set(got) == {"Tavoria Mining"}
    got = entities(extractor, "Kolvane Resources hired Herbert Smith Freehills and Macquarie Group for the sale to "
                              "Brennic Metals. Rystad Energy expects Kolvane Resources to double output.")
    assert set(got) == {"Kolvane Resources", "Brennic Metals"}


def test_the_appositive_of_a_not_party_names_no_party(extractor):
    got = entities(extractor, "Kpler, a London-based data firm, said Tavoria Mining shipped ore.")
    assert "Kpler" not in got and "London" not in got


def test_the_government_of_another_sentence_is_no_agency(extractor):
    found = extractor.extract([("The Valdren Mining Agency funded studies of the Kolvane deposit. In Tavask, Brennic "
                                "Nickel signed a contract with the government.", False)]).as_dict()
    name = {e["id"]: e["name"] for e in found["entities"]}
    assert not any(name[r["target"]] == "Valdren Mining Agency" for r in found["relations"] if r["type"] == "COOPERATES_WITH")


def test_a_longer_name_a_known_firm_opens_is_a_firm_in_any_position(extractor):
    got = entities(extractor, "Kolvane Resources sold the mine to Brennic Metals.")
    assert got.get("Brennic Metals", ("",))[0] == "Company" and "Brennic Nickel" not in got


def test_a_surname_that_is_a_car_makers_name_is_no_firm(extractor):
    """ "Ford" alone is left out of Ford Motor's aliases (the surname of Henry, Gerald, Harrison Ford)."""
    got = entities(extractor, "Harrison Ford visited the Tavask mine. Ford Motor buys nickel from Brennic Nickel.")
    assert "Ford Motor" in got and list(got).count("Ford Motor") == 1
    found = extractor.extract([("Harrison Ford visited the Tavask mine.", False)]).as_dict()
    assert not any(e["name"] == "Ford Motor" for e in found["entities"])


def test_session_16_bodies_by_their_names_and_short_forms(extractor):
    """government.yaml's session-16 bodies (xpol16): trade-remedy and investment reviewers, funders, state investors."""
    got = entities(extractor, "The USITC ruled on the tariff; NITI Aayog and Danantara back the smelter, the DENR "
                              "approved the mine, and FIRB cleared the deal.")
    assert got["United States International Trade Commission"] == ("GovernmentBody", "US")
    assert got["NITI Aayog"] == ("GovernmentBody", "IN")
    assert got["Daya Anagata Nusantara Investment Management Agency"] == ("GovernmentBody", "ID")
    assert got["Department of Environment and Natural Resources"] == ("GovernmentBody", "PH")
    assert got["Foreign Investment Review Board"] == ("GovernmentBody", "AU")

"""More of the sector's firms and not-parties as data (issue 12, session 16, xorg16).

``companies.yaml`` gains firms by further stated criteria (listed developers at feasibility stage or later, magnet
and alloy makers outside China, Japanese and Korean trading houses and materials firms, European chemical and refining
firms, defence primes, recyclers); ``not-parties.yaml`` gains organisations of the kinds docs/annotation.md names as
never parties. Sentences are invented; the firms are named by their criterion, not from a tuning document.
"""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer, lexicon
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer(()))


def entities(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    found = extractor.extract([(text, False)]).as_dict()
    return {e["name"]: (e["label"], e.get("properties", {}).get("country", "")) for e in found["entities"]}


def test_a_firm_that_writes_its_own_name_in_lower_case_is_named_so(extractor):
    """A lower-case mention of a known organisation is a common word ("the commerce department"), unless the
    organisation's own name is lower case."""
    got = entities(extractor, "Sibanye-Stillwater agreed to form a joint venture with ioneer on a lithium-boron project in Nevada.")
    assert got["ioneer"] == ("Company", "AU")


@pytest.mark.parametrize(("sentence", "name", "known"), [
    ("NioCorp Developments plans to produce niobium and scandium in Nebraska.", "NioCorp Developments", ("Company", "US")),
    ("Lockheed Martin buys samarium-cobalt magnets for its missiles.", "Lockheed Martin", ("Company", "US")),
    ("Rostec builds a rare earth magnet plant near Moscow.", "Rostec", ("StateOwnedEnterprise", "RU")),
    ("Redwood Materials recovers cobalt from spent batteries in Nevada.", "Redwood Materials", ("Company", "US")),
    ("Treibacher Industrie makes rare earth alloys in Austria.", "Treibacher Industrie", ("Company", "AT")),
    ("Iwatani imports separated rare earths into Japan.", "Iwatani Corporation", ("Company", "JP")),
])  # fmt: skip
def test_firms_of_the_new_criteria_are_known_with_their_label_and_country(extractor, sentence, name, known):
    assert entities(extractor, sentence)[name] == known


def test_a_firm_whose_name_is_a_phrase_of_the_trade_is_not_listed():
    """The phrase matcher is case-blind: a listed "European Lithium" would be found in "a European lithium value
    chain", a listed "Energy Transition Minerals" in every "energy transition minerals"."""
    names = {n.lower() for _, _, name, aliases, _ in lexicon.companies() for n in (name, *aliases)}
    assert not names & {"european lithium", "energy transition minerals", "ionic rare earths", "australian mines", "vital metals",
                        "standard lithium", "core lithium", "canada nickel", "keliber", "niobec", "redwood", "amg"}


@pytest.mark.parametrize(("sentence", "not_a_party"), [
    ("Mysteel, a Shanghai-based price reporter, said lithium carbonate prices fell in March.", "Mysteel"),
    ("Rho Motion said Kolvane Mining sold 20,000 tonnes of lithium hydroxide to Tarvex Motors.", "Rho Motion"),
    ("Yicai reported that Kolvane Mining will build a cathode plant in Hungary.", "Yicai"),
    ("Wheaton Precious Metals agreed to pay Kolvane Mining $300 million for cobalt from the Tarvex mine.", "Wheaton Precious Metals"),
    ("The Kachin Independence Army taxes rare earth mines near Pangwa.", "Kachin Independence Army"),
])  # fmt: skip
def test_price_reporters_newspapers_royalty_holders_and_armed_groups_are_no_parties(extractor, sentence, not_a_party):
    """docs/annotation.md's "Not entities": a price reporter or data firm quoted as a source, a publication, a royalty or
    streaming company, an armed group. Each was a Company or GovernmentBody before session 16's names."""
    got = entities(extractor, sentence)
    assert not_a_party not in got, got
    assert "Kolvane Mining" in got or "Kolvane" not in sentence


def test_a_not_party_never_names_a_demonym_or_a_common_word():
    """Names are compared without a leading "the": a listed "The Australian" (the newspaper) silenced every
    "Australian" ("The Australian embassy"), "The Paper" every "Paper"."""
    from supplygraph.loaders.gazetteer import normalise

    names = {normalise(n) for n in lexicon.not_parties()}
    assert not names & {"australian", "west australian", "paper", "guardian", "verge", "telegraph", "mint", "santander", "kearney"}


@pytest.mark.parametrize(("sentence", "name", "known"), [
    ("Ultium Cells makes battery cells in Ohio for Kolvane Motors.", "Ultium Cells", ("Company", "US")),
    ("Phillips 66 sells needle coke to Kolvane Graphite for synthetic graphite.", "Phillips 66", ("Company", "US")),
    ("GrafTech makes graphite electrodes in Mexico.", "GrafTech International", ("Company", "US")),
])  # fmt: skip
def test_cell_joint_ventures_and_synthetic_graphites_feedstock_makers_are_known(extractor, sentence, name, known):
    assert entities(extractor, sentence)[name] == known

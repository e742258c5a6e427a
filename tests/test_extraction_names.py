"""Entity mentions, names and kinds that generalise (issue 12, xents): one test per general phrasing, on our own
sentences with invented names, so that each rule is shown to read English rather than one document."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_documents import run


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_common_nouns_coordinated_inside_a_name_that_a_kind_word_closes(extractor):
    found = run(extractor, "The state-owned Kestrel Mining and Chemical Company mines ilmenite in Orlov.",
                "Orion Ltd surveyed ore with the Norland Oil, Gas and Metals National Corporation (NOGMEC).",
                "The Ministry of Mines and the National Planning and Reform Commission approved it.",
                "The Varden Iron and Steel Research Institute Group holds 3.9% of Orion Ltd.")  # fmt: skip
    names = found["names"]
    assert {"Kestrel Mining and Chemical Company", "Norland Oil, Gas and Metals National Corporation",
            "National Planning and Reform Commission", "Varden Iron and Steel Research Institute Group"} <= set(names), names
    assert names["Kestrel Mining and Chemical Company"]["label"] == "StateOwnedEnterprise"
    assert "NOGMEC" in names["Norland Oil, Gas and Metals National Corporation"]["aliases"]
    assert not {"Chemical Company", "Metals National Corporation", "Reform Commission"} & set(names), names


def test_and_between_two_names_still_parts_them(extractor):
    found = run(extractor, "Arab Potash Company and Jordan Bromine Company formed a venture.",
                "Orion Mining and Cedar Chemical Company signed a supply deal.")  # fmt: skip
    names = set(found["names"])
    assert {"Arab Potash Company", "Jordan Bromine Company", "Orion Mining", "Cedar Chemical Company"} <= names, names


def test_the_owner_of_a_survey_or_statistics_is_a_source(extractor):
    found = run(extractor, "The import figures are from the Norland Oil, Gas and Metals National Corporation's annual "
                "material-flow survey. Orion Ltd makes magnets.")  # fmt: skip
    assert not any("Norland" in n for n in found["names"]), found["names"]

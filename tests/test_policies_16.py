"""Policies as data (issue 12, session 16, xpol16): ``loaders/knowledge/policies.yaml`` through :mod:`.loaders.policies`.

A named law, announcement, programme or strategy of the list is a Policy with an empty store, by its name or short
form; the file gives names only, never who issued a policy or what it restricts (docs/annotation.md, "Policies").
Sentences are invented or name measures of the list by its criterion, not from a tuning document.
"""

from __future__ import annotations

import datetime

import pytest
import yaml

from supplygraph.loaders import Gazetteer, lexicon, policies
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.gazetteer import normalise

KINDS = {"export-control", "ban", "quota", "tariff", "law", "regulation", "strategy", "list", "funding", "subsidy", "agreement"}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def found(extractor: Extractor, text: str) -> tuple[dict[str, dict], set[tuple[str, str, str]]]:
    out = extractor.extract([(text, False)]).as_dict()
    names = {e["id"]: e["name"] for e in out["entities"]}
    return ({e["name"]: e for e in out["entities"]},
            {(r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"])) for r in out["relations"]})


def test_every_policy_has_an_id_a_kind_a_country_of_the_vocabulary_and_a_date():
    codes = {code for _, code, _ in lexicon.COUNTRIES}
    raw = yaml.safe_load((lexicon.KNOWLEDGE / "policies.yaml").read_text(encoding="utf-8"))["policies"]
    assert len(raw) >= 75
    for entry in raw:
        assert entry["id"].startswith("policy:") and entry["kind"] in KINDS, entry["id"]
        assert entry.get("country", "CN") in codes, entry["id"]
        assert isinstance(entry.get("announced", 2000), (datetime.date, str, int)), entry["id"]
    props = {node_id: p for node_id, _, _, _, p in policies.entries()}
    assert props["policy:announcement-no-18-of-2025"] == {"kind": "export-control", "country": "CN", "announced": "2025-04-04"}


def test_no_policy_shares_a_name_with_another_entry_and_none_opens_with_an_issuers_name():
    """A shared name would fold one entry into another (Gazetteer.add with fold); a form that opens with its issuer's
    name ("MOFCOM Announcement ...", "EU Batteries Regulation") would swallow the issuer's own mention."""
    owners: dict[str, str] = {}
    for node_id, _, name, aliases, _ in [*policies.entries(), *lexicon.bodies(), *lexicon.companies()]:
        for key in {normalise(n) for n in (name, *aliases)}:
            assert owners.setdefault(key, node_id) == node_id, (key, owners[key], node_id)
    issuers = {normalise(n) for _, _, name, aliases, _ in lexicon.bodies() for n in (name, *aliases)}
    issuers |= {normalise(n) for name, _, aliases in lexicon.COUNTRIES for n in (name, *aliases)}
    for node_id, _, name, aliases, _ in policies.entries():
        for form in aliases:
            words = normalise(form).split()
            assert not any(" ".join(words[:k]) in issuers for k in range(1, len(words))), (node_id, form)


def test_a_measure_is_a_policy_by_its_short_form(extractor):
    entities, _ = found(extractor, "Under the IRA and Argentina's RIGI, lithium projects won support, and the CRMA "
                                   "sets targets for refining in Europe.")
    assert entities["Inflation Reduction Act"]["label"] == "Policy"
    assert entities["RIGI"]["label"] == "Policy"
    assert entities["Critical Raw Materials Act"]["label"] == "Policy"


def test_a_numbered_announcement_after_its_description_is_an_entity(extractor):
    entities, _ = found(extractor, "In December 2024 the ministry went further and banned the export of gallium to the "
                                   "United States, under Announcement No. 46 of 2024.")
    assert entities["Announcement No. 46 of 2024"]["label"] == "Policy"


def test_the_file_issues_nothing_the_text_does_not_state(extractor):
    _, facts = found(extractor, "The Inflation Reduction Act pays for battery plants, and Announcement No. 33 of 2024 "
                                "covers antimony.")
    assert not [f for f in facts if f[0] == "ISSUED_BY"]


def test_an_issuer_named_before_the_number_stays_the_issuer(extractor):
    entities, facts = found(extractor, "MOFCOM Announcement No. 46 of 2024 banned exports of gallium to the United States.")
    assert ("ISSUED_BY", "Announcement No. 46 of 2024", "Ministry of Commerce of the People's Republic of China") in facts


def test_a_name_of_the_list_in_lower_case_is_no_policy(extractor):
    entities, _ = found(extractor, "Voss Metals set up an innovation fund and a battery regulation team, and Brennic "
                                   "Nickel built the critical minerals facility in Texas.")
    assert not [e for e in entities.values() if e["label"] == "Policy"], entities
    entities, _ = found(extractor, "The Innovation Fund and the Critical Minerals Facility paid for the Brennic plant.")
    assert entities["Innovation Fund"]["label"] == entities["Critical Minerals Facility"]["label"] == "Policy"


def test_a_ban_issued_under_a_numbered_notice_is_that_notice(extractor):
    """The ban a verb describes and the notice it was issued under, named in one sentence, are one policy: the notice
    (before, a second policy "... export ban (May 2025)" took the issuer and the items, and the notice none)."""
    entities, facts = found(extractor, "In May 2025 the Ministry of Trade of Tarnland banned the export of cobalt and "
                                       "tungsten to Varnia, under Decision No. 7 of 2025.")
    assert [n for n, e in entities.items() if e["label"] == "Policy"] == ["Decision No. 7 of 2025"]
    assert {("ISSUED_BY", "Decision No. 7 of 2025", "Ministry of Trade of Tarnland"),
            ("RESTRICTS", "Decision No. 7 of 2025", "Cobalt"), ("RESTRICTS", "Decision No. 7 of 2025", "Tungsten")} <= facts
    entities, facts = found(extractor, "In July 2023 China imposed export controls on gallium under Decision No. 23 of 2023.")
    assert [n for n, e in entities.items() if e["label"] == "Policy"] == ["Decision No. 23 of 2023"]
    assert ("ISSUED_BY", "Decision No. 23 of 2023", "China") in facts


def test_a_numbered_instrument_after_under_is_no_person(extractor):
    entities, _ = found(extractor, "Under Decision No. 7 of 2025, the Brennic Nickel plant stopped exports.")
    assert entities["Decision No. 7 of 2025"]["label"] == "Policy"
    entities, _ = found(extractor, "Under Secretary Jose Fernandez visited the Brennic Nickel plant.")
    assert "Jose Fernandez" not in entities

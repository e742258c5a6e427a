"""The schema: validation messages, generated views, and that the committed reference is current."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from supplygraph.errors import InvalidRecord
from supplygraph.schema import FACT_TYPES, NODE_LABELS, ORGANIZATION_LABELS, check_endpoints, parse_fact, parse_node
from supplygraph.schema.export import json_schema, markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_committed_schema_reference_is_current():
    assert (DOCS / "schema.md").read_text() == markdown(), "run `make docs` and commit docs/schema.md"


def test_json_schema_covers_every_label_and_type():
    defs = json_schema()["$defs"]
    names = set(defs)
    for cls_name in ("Country", "StateOwnedEnterprise", "Document", "Produces", "MentionedIn", "HasReserves"):
        assert cls_name in names
    assert defs["Produces"]["properties"]["share"]["anyOf"][0]["maximum"] == 1.0
    assert "sources" in defs["Produces"]["required"]
    json.dumps(defs)


def test_whitelists_match_the_ontology():
    assert set(NODE_LABELS) == {
        "Country", "Place", "StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody",
        "Facility", "Element", "Material", "EndUse", "Policy", "Event", "Document",
    }  # fmt: skip
    assert ORGANIZATION_LABELS == {"StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody"}
    assert {"SUBSIDIARY_OF", "COOPERATES_WITH", "PRODUCES", "SUPPLIES", "RESTRICTS", "MENTIONED_IN"} <= set(FACT_TYPES)


@pytest.mark.parametrize(
    "record, message",
    [
        ({"id": "org:x", "label": "Firm", "name": "X"}, "entity org:x: unknown label 'Firm'"),
        ({"id": "org x", "label": "Company", "name": "X"}, "malformed id 'org x'"),
        ({"id": "place:x", "label": "Company", "name": "X"}, "must start with 'org:'"),
        ({"id": "org:x", "label": "Company", "name": "X", "country": "UK"}, "not an ISO 3166-1 alpha-2 country code: 'UK'"),
        ({"id": "country:GB", "label": "Country", "name": "UK", "iso2": "US"}, "does not match its code"),
        ({"id": "element:Dy", "label": "Element", "name": "Dysprosium", "symbol": "Tb"}, "does not match its symbol"),
        ({"id": "org:x", "label": "Company", "name": ""}, "name"),
        ({"id": "event:x", "label": "Event", "name": "X", "date": "28 Feb 2025"}, "not an ISO 8601 date"),
    ],
)
def test_bad_entities_are_rejected_naming_the_record(record, message):
    with pytest.raises(InvalidRecord) as caught:
        parse_node(record)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "record, message",
    [
        ({"type": "OWNS", "source": "org:a", "target": "org:b", "sources": ["doc:s"]}, "unknown relationship type 'OWNS'"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m", "sources": ["doc:s"], "share": 1.7}, "(got 1.7)"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m", "sources": ["doc:s"], "share": -0.1}, "share"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m", "sources": []}, "no source"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m"}, "no source"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m", "sources": ["org:a"]}, "not a document id"),
        ({"type": "PRODUCES", "source": "a", "target": "material:m", "sources": ["doc:s"]}, "malformed id 'a'"),
        ({"type": "PRODUCES", "source": "org:a", "target": "material:m", "sources": ["doc:s"], "confidence": 2}, "confidence"),
    ],
)
def test_bad_facts_are_rejected_naming_the_record(record, message):
    with pytest.raises(InvalidRecord) as caught:
        parse_fact(record)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"fact {record['type']} {record['source']}->")


def test_endpoint_labels_are_checked():
    fact = parse_fact({"type": "RESTRICTS", "source": "policy:p", "target": "element:Dy", "sources": ["doc:s"]})
    check_endpoints(fact, "Policy", "Element")
    with pytest.raises(InvalidRecord, match="cannot go from Company to Element"):
        check_endpoints(fact, "Company", "Element")
    mention = parse_fact({"type": "MENTIONED_IN", "source": "org:a", "target": "doc:d", "sources": ["doc:d"]})
    check_endpoints(mention, "Company", "Document")


def test_dates_years_and_symmetry_are_normalised():
    fact = parse_fact(
        {"type": "COOPERATES_WITH", "source": "org:z", "target": "org:a", "sources": ["doc:s"], "date": dt.date(2025, 2, 28)}
    )
    assert (fact.source, fact.target, fact.date) == ("org:a", "org:z", "2025-02-28")
    reverse = parse_fact({"type": "COOPERATES_WITH", "source": "org:a", "target": "org:z", "sources": ["doc:t"]})
    assert fact.key() == reverse.key(), "the same cooperation from two sources is one edge"
    event = parse_node({"id": "event:x", "label": "Event", "name": "X", "date": 2025})
    assert event.date == "2025"


def test_key_separates_editions_but_not_sources():
    base = {"type": "PRODUCES", "source": "country:AU", "target": "material:ore", "year": 2024}
    a = parse_fact({**base, "edition": "MCS 2025", "sources": ["doc:a"], "volume_t": 13000})
    b = parse_fact({**base, "edition": "MCS 2026", "sources": ["doc:b"], "volume_t": 29000})
    c = parse_fact({**base, "edition": "MCS 2026", "sources": ["doc:c"], "volume_t": 29000})
    assert a.key() != b.key() and b.key() == c.key()


def test_lifecycle_states_read_from_text_or_maps_and_store_as_one_line():
    node = parse_node({"id": "facility:x", "label": "Facility", "name": "X", "lifecycle": [
        "announced since 2024-05 per doc:a", {"state": "operating", "since": 2028, "expected": True}]})
    assert [s.state for s in node.lifecycle] == ["announced", "operating"]
    assert node.properties()["lifecycle"] == ("announced since 2024-05 per doc:a", "operating since 2028 expected")
    again = parse_node({"id": "facility:x", "label": "Facility", "name": "X", "lifecycle": list(node.properties()["lifecycle"])})
    assert again == node


@pytest.mark.parametrize("bad, says", [
    ("planned", "unknown lifecycle state 'planned'"),
    ("operating since yesterday", "not an ISO 8601 date or year: 'yesterday'"),
    ("operating from 2025", "not a lifecycle state"),
    ("suspended since 2026-01-01 until 2025-01-01", "ends (2025-01-01) before it begins"),
    ({"state": "operating", "source": "http://x"}, "not a document id"),
])
def test_bad_lifecycle_states_say_what_is_wrong(bad, says):
    with pytest.raises(InvalidRecord, match=re.escape(says)):
        parse_node({"id": "policy:x", "label": "Policy", "name": "X", "lifecycle": [bad]})


def test_stakes_are_not_control_and_categories_have_members():
    stake = parse_fact({"type": "HOLDS_STAKE_IN", "source": "org:dod", "target": "org:mp", "stake": 0.15, "sources": ["doc:a"]})
    assert stake.stake == 0.15 and FACT_TYPES["HOLDS_STAKE_IN"].allows("GovernmentBody", "Company")
    assert FACT_TYPES["HOLDS_STAKE_IN"].allows("Country", "StateOwnedEnterprise")
    assert not FACT_TYPES["HOLDS_STAKE_IN"].allows("Company", "Material")
    with pytest.raises(InvalidRecord, match="stake"):
        parse_fact({"type": "HOLDS_STAKE_IN", "source": "org:dod", "target": "org:mp", "stake": 15, "sources": ["doc:a"]})
    assert FACT_TYPES["MEMBER_OF"].allows("Material", "Material") and not FACT_TYPES["MEMBER_OF"].allows("Element", "Material")
    magnet = parse_node({"id": "material:re-magnets", "label": "Material", "name": "Rare-earth magnets", "category": True})
    assert magnet.category and magnet.properties()["category"] is True
    policy = parse_node({"id": "policy:p", "label": "Policy", "name": "P", "measure": "licensing", "lead_time_days": 63})
    assert (policy.measure, policy.lead_time_days) == ("licensing", 63)


def test_state_at_follows_the_documented_rules():
    from supplygraph.schema import State, state_at

    plant = [State(state="announced", since="2024-05"), State(state="construction", since="2025-03"),
             State(state="operating", since="2027-06", expected=True)]
    assert state_at(plant, "2024-01-01").state is None and state_at(plant, "2024-01-01").next.state == "announced"
    assert state_at(plant, "2026-12-06").state == "construction"
    assert state_at(plant, "2026-12-06").next.since == "2027-06"
    assert state_at(plant, "2027-06-30").state == "operating"
    idle = [State(state="operating", since="2010"), State(state="idle", since="2020", until="2022")]
    assert state_at(idle, "2021-06-01").state == "idle"
    after = state_at(idle, "2023-01-01")
    assert after.state == "operating" and after.lapsed.state == "idle"
    assert state_at([State(state="in_force")], "1999-01-01").state == "in_force"  # undated: holds throughout


def test_a_state_with_an_end_date_is_over_after_it():
    """A policy in force until a date has expired (not 'a suspension ended'); a plant operating until one has closed."""
    from supplygraph.schema import State, state_at

    ban = state_at([State(state="in_force", since="2025-02", until="2025-10")], "2026-12-06")
    assert (ban.state, ban.since, ban.lapsed.state) == ("expired", "2025-10", "in_force")
    assert state_at([State(state="in_force", since="2025-02", until="2025-10")], "2025-06-01").state == "in_force"
    plant = state_at([State(state="operating", since="1990", until="2002")], "2026-12-06")
    assert plant.state == "closed"

"""A policy's line in the report: a staleness date older than the date in force says so (Decree No. 785 was published
in June 2024 and came into force in October; "not confirmed since 2024-07-01" alone read as a date before it existed)."""

from supplygraph.graph.views.policywords import policy_words

DECREE = {"name": "Rare Earth Management Regulations", "state": "in_force", "since": "2024-10-01"}


def test_a_newest_source_older_than_the_date_in_force_is_said_to_predate_it():
    text = policy_words({**DECREE, "unconfirmed_since": "2024-07-01"})
    assert text == ("in force since 2024-10-01; not confirmed since 2024-07-01"
                    " (its newest source predates it coming into force)")


def test_a_newest_source_after_the_date_in_force_reads_as_before():
    assert policy_words({**DECREE, "unconfirmed_since": "2025-01-15"}) == "in force since 2024-10-01; not confirmed since 2025-01-15"

"""Session 15 (issue 12, xorg15): who is where, runs and owns what, by constructions counted across the tuning sets
(docs/extraction.md, "Session 15: who is where, runs and owns what"), on our own sentences with invented firms and
sites."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_share_owned_in_a_relative_clause_is_no_parent_without_its_majority(extractor):
    """ "B, a joint venture in which A owns 30% and C owns 70%": A holds a stake (a stated minority is never
    SUBSIDIARY_OF, docs/annotation.md), C controls; "B, which C owns, ..." (no share) still makes C the parent."""
    facts = named_facts(extractor, "Kestrel Minerals Ltd holds its nickel interests through Boreal Nickel Ltd, a joint "
                                   "venture in which Kestrel Minerals owns 30% and Halden Metals Inc. owns 70%.\n\n"
                                   "Ostra Cobalt Ltd, which Halden Metals Inc. owns, runs the Ostra mine.\n")
    assert {("HOLDS_STAKE_IN", "Kestrel Minerals Ltd", "Boreal Nickel Ltd"),
            ("SUBSIDIARY_OF", "Boreal Nickel Ltd", "Halden Metals Inc"),
            ("SUBSIDIARY_OF", "Ostra Cobalt Ltd", "Halden Metals Inc")} <= facts, facts
    assert ("SUBSIDIARY_OF", "Boreal Nickel Ltd", "Kestrel Minerals Ltd") not in facts, facts

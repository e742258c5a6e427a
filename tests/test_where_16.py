"""Session 16 (issue 12, xdisc16): "its" in a ", where A ..." clause is A's ("ship it to Korea, where POSCO Future M, the
group's battery materials company, will turn it into anode material at its plant in Sejong"; docs/extraction.md,
"Session 16: discourse and one entity per thing"), on our own sentences with invented firms."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


@pytest.mark.parametrize("where", ["Halvor Materials", "Halvor Materials, the group's battery materials company,"])
def test_its_in_a_where_clause_is_the_clauses_subject(extractor, where):
    """The plant of "its" belongs to the firm that opens the ", where" clause (also after its appositive), not to the
    sentence's subject."""
    facts = named_facts(extractor, "Kestrel Minerals will buy graphite from Tarnby and ship it to Korea, where "
                                   f"{where} will turn it into anode material at its plant in Sejong.\n")
    operators = {source for kind, source, target in facts if kind == "OPERATES" and "Sejong" in target}
    assert operators == {"Halvor Materials"}, facts  # (the plant's name may come from the sites' knowledge file)

"""Session 12 (issue 12, xdisc12): relations carried across sentences by anaphors, on our own sentences with invented
firms and sites: a plural subject ("They", "the two companies"), each class with the case it must not take."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts as facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_they_opening_a_sentence_stands_for_the_firms_the_sentence_before_had_as_its_subject(extractor):
    """ "A and B signed ... They will build a plant": both build it; "A signed an agreement with B. The two companies will
    build": both; after a sentence about a material, or after one firm alone, "They" stands for nobody."""
    found = facts(extractor, "Arvella Minerals Ltd and Borstad Chemicals Ltd signed a supply agreement in May. They will "
                             "also build a cathode plant in Kokkola, Finland.\n\n"
                             "Cedar Metals Ltd signed an offtake agreement with Dunmore Refining Ltd in 2024. The two companies "
                             "will also build a nickel refinery in Pori, Finland.\n\n"
                             "Elm Cobalt Ltd and Fir Nickel Ltd signed a deal in June. Prices of cobalt fell sharply in 2024. They "
                             "will supply cobalt sulphate to Gale Cells Ltd.\n\n"
                             "Hazel Lithium Ltd makes lithium hydroxide. They will supply cobalt sulphate to Ivy Batteries Ltd.")
    assert {("OPERATES", "Arvella Minerals Ltd", "Kokkola plant"), ("OPERATES", "Borstad Chemicals Ltd", "Kokkola plant"),
            ("OPERATES", "Cedar Metals Ltd", "Pori refinery"),
            ("OPERATES", "Dunmore Refining Ltd", "Pori refinery")} <= found, found  # fmt: skip
    assert not any(target in ("Gale Cells Ltd", "Ivy Batteries Ltd") for _, _, target in found), found

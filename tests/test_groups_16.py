"""Session 16 (issue 12, xdisc16): a group's short name is the parent's ("AMG" where the text calls AMG Lithium a
subsidiary of AMG Critical Materials; docs/extraction.md, "Session 16: discourse and one entity per thing"), on our own
sentences with invented firms."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


TEXT = ("Halvor Lithium GmbH, a wholly owned subsidiary of Halvor Strategic Metals N.V., opened its lithium hydroxide "
        "refinery in Dresden, Germany.\n\n"
        "Halvor, which is listed in Amsterdam, also produces vanadium and tantalum. Its Halvor Vanadium unit recovers "
        "vanadium from residues in Ohio.\n")


def test_a_groups_short_name_is_the_parent_the_text_names(extractor):
    """ "Halvor" alone, beside Halvor Lithium, Halvor Vanadium and Halvor Strategic Metals, is Halvor Strategic Metals,
    which the text calls the parent: its products and its unit are the parent's, not the shortest name's (Halvor
    Lithium's)."""
    facts = named_facts(extractor, TEXT)
    parent = "Halvor Strategic Metals N.V"  # (the name as the extractor writes it before a comma)
    assert {("SUBSIDIARY_OF", "Halvor Lithium GmbH", parent), ("SUBSIDIARY_OF", "Halvor Vanadium", parent),
            ("PRODUCES", parent, "Vanadium"), ("PRODUCES", parent, "Tantalum")} <= facts, facts
    assert not [f for f in facts if f[1] == "Halvor Lithium GmbH" and f[0] == "PRODUCES"], facts


def test_without_a_stated_parent_the_shortest_name_keeps_the_short_form(extractor):
    """With no "subsidiary of" in the text the short form goes, as before, to the shortest name."""
    facts = named_facts(extractor, TEXT.replace(", a wholly owned subsidiary of Halvor Strategic Metals N.V.,", "")
                        .replace("Amsterdam.", "Amsterdam. Halvor Strategic Metals N.V. is based in Amsterdam."))
    assert ("PRODUCES", "Halvor Lithium GmbH", "Vanadium") in facts, facts

"""Session 7 (issue 12): what carries a relation across sentences, on our own sentences with invented firms: a pronoun
that opens a clause is a mention of the firm or facility the text continues, and a facility named by its owner or as
"the plant" is the one the document named before."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .test_relation_grammar import named_facts as facts


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def test_a_pronoun_opening_a_sentence_is_the_subject_of_the_last_clause_before(extractor):
    """ "In 2023 it acquired 60% of B" after a sentence about A: A owns B; after ", and B bought it", "It" is B; a
    sentence about a material in between leaves "It" without a firm."""
    found = facts(extractor, "Kestrel Holdings Ltd makes alloys in Tarnby. In 2023 it acquired 60% of Orion Metals Ltd.\n\n"
                             "Alder Resources Ltd sold its smelter, and Birch Mining Ltd bought it. It completed the purchase in May "
                             "and has since held 30% of Cedar Lithium Ltd.\n\n"
                             "Fir Metals Ltd makes magnets. Prices of cobalt fell sharply in 2024. It holds 25% of Gale Batteries Ltd.")
    assert {("SUBSIDIARY_OF", "Orion Metals Ltd", "Kestrel Holdings Ltd"),
            ("HOLDS_STAKE_IN", "Birch Mining Ltd", "Cedar Lithium Ltd")} <= found, found  # fmt: skip
    assert not any(source == "Alder Resources Ltd" or target == "Gale Batteries Ltd" for _, source, target in found), found


def test_a_clause_after_a_semicolon_has_the_subject_before_it_and_feed_after_an_adjective_is_a_noun(extractor):
    """ "A does not mine; it separates purchased mixed feed at the Kestrel plant": nobody supplies the plant (the
    pronoun is A, and "feed" after an adjective is no verb)."""
    found = facts(extractor, "Orion Separation Ltd does not mine; it separates purchased mixed feed at the Kestrel plant. "
                             "Birch Metals Ltd refines purchased mixed feed at the Tarn plant.")
    assert not any(kind == "SUPPLIES" for kind, _, _ in found), found


def test_its_plant_is_the_plant_its_owner_runs_in_the_country_it_names(extractor):
    """ "B opened its Indonesian plant": the plant the table says B runs in Indonesia; "the plant" in the next
    sentence is that one, and a delivery to it goes to its operator."""
    found = facts(extractor, "| Plant | Operator | Location |\n|---|---|---|\n"
                             "| Tarn anode plant | Birch Carbon Ltd | Tarnby, Indonesia |\n"
                             "| Fjord anode plant | Alder Carbon AS | Porsgrunn, Norway |\n\n"
                             "Alder Carbon AS says its Fjord plant makes synthetic graphite. Birch Carbon Ltd opened its Indonesian "
                             "plant in 2024. Orion Graphite Ltd supplies natural graphite to the plant.")  # fmt: skip
    assert ("SUPPLIES", "Orion Graphite Ltd", "Birch Carbon Ltd") in found, found
    assert ("SUPPLIES", "Orion Graphite Ltd", "Alder Carbon AS") not in found, found


def test_the_refinery_is_the_one_the_document_is_about_unless_its_sentence_names_another(extractor):
    """ "The refinery" after another refinery was named once is still the one the text keeps naming; in the sentence
    that names a second mine, "which operates the mine" is that one."""
    found = facts(extractor, "Alder Lithium Oy is building the Tarn lithium refinery in Finland. The refinery will "
                             "produce lithium hydroxide from 2026. In 2023 Birch Metals Ltd bought the Fjord nickel refinery from "
                             "Cedar Holdings. Alder says the refinery supplies lithium hydroxide to Gale Cells Ltd.\n\n"
                             "Kestrel Lithium Ltd runs the Tarn mine. Kestrel also owns 50% of the Fjord mine through a joint "
                             "venture with Orion Resources Ltd, which operates the mine.")  # fmt: skip
    assert ("PRODUCES", "Fjord nickel refinery", "lithium hydroxide") not in found, found
    assert ("OPERATES", "Orion Resources Ltd", "Fjord mine") in found, found
    assert ("OPERATES", "Orion Resources Ltd", "Tarn mine") not in found, found


def test_its_in_a_long_relative_clause_of_an_appositive_is_the_appositive_firm(extractor):
    """ "B, a Norwegian company that separates oxides with a process of its own and is building its first plant at P":
    B builds the plant, not the subject of the main clause."""
    found = facts(extractor, "In 2022 Orion Mining Ltd became the largest owner of Tarn Separation AS, a Norwegian company that "
                             "separates rare-earth oxides with a process of its own and is building its first separation plant "
                             "at Fjordby in southern Norway.")  # fmt: skip
    assert any(kind == "OPERATES" and source == "Tarn Separation AS" for kind, source, _ in found), found
    assert not any(kind == "OPERATES" and source == "Orion Mining Ltd" for kind, source, _ in found), found


def test_a_pronoun_after_a_colon_is_the_firm_whose_thing_opens_the_sentence(extractor):
    """ "A's own plans do not depend on B: it is building a plant ... which will supply C": A builds and supplies."""
    found = facts(extractor, "Birch Materials' own plans do not depend on Kestrel Motors: it is building a magnet plant in "
                             "Tarnby, Texas, which will supply magnets to Orion Motors under a long-term agreement.")  # fmt: skip
    assert ("OPERATES", "Birch Materials", "Tarnby magnet plant") in found, found
    assert not any(source == "Kestrel Motors" and kind in ("OPERATES", "SUPPLIES") for kind, source, _ in found), found


def test_the_project_is_a_project_the_document_named_and_never_another_kind_of_site(extractor):
    """ "A owns 100% of the project" after "the Tarn lithium project" was named: A runs that project; "the project" in a
    document that named only a smelter stands for nothing."""
    found = facts(extractor, "The Tarn lithium project lies in Kestrel County, Finland. Orion Resources Ltd owns 100% of the project.")
    assert ("OPERATES", "Orion Resources Ltd", "Tarn lithium project") in found, found
    found = facts(extractor, "Birch Metals Ltd runs the Fjord zinc smelter in Norway. Cedar Holdings Ltd owns 100% of the project.")
    assert not any(source == "Cedar Holdings Ltd" for _, source, _ in found), found


def test_a_joint_venture_with_b_in_a_new_paragraph_is_the_document_topic_s(extractor):
    """ "... through X, a 50:50 joint venture with B" in a paragraph that names no other firm: X is the venture of the
    firm the document is about and B, not of the subject of the paragraph before."""
    found = facts(extractor, "Orion Holdings Ltd makes lithium hydroxide in Tarnby. Orion Holdings Ltd also makes bromine.\n\n"
                             "Birch Metals Ltd supplies spodumene concentrate to Orion Holdings Ltd.\n\n"
                             "Bromine is produced at Kestrel, Finland, through the Fjord Bromine Company, a 50:50 joint venture "
                             "with the Cedar Potash Company.")  # fmt: skip
    assert {("COOPERATES_WITH", "Cedar Potash Company", "Orion Holdings Ltd"),
            ("SUBSIDIARY_OF", "Fjord Bromine Company", "Orion Holdings Ltd")} <= found, found  # fmt: skip
    assert not any("Birch Metals Ltd" in (source, target) for kind, source, target in found
                   if kind in ("COOPERATES_WITH", "SUBSIDIARY_OF")), found


def test_the_company_in_a_firms_own_report_is_that_firm_over_one_named_in_passing(extractor):
    """In a report whose title names one firm, "the company" after a sentence about a firm named once is the report's
    firm; a firm the text keeps naming is still the one "the company" continues."""
    found = facts(extractor, "# Orion Minerals Ltd: Annual Report 2024 (excerpt)\n\n"
                             "Orion Minerals Ltd mines zircon at Tarnby. Orion Minerals Ltd sells zircon to tile makers in Europe. "
                             "The Cedar Sands Company supplies monazite sand to the Tarnby plant. "
                             "The company also signed a joint-venture agreement with Fir Resources Ltd in 2024.")  # fmt: skip
    assert ("COOPERATES_WITH", "Fir Resources Ltd", "Orion Minerals Ltd") in found, found
    assert not any("Cedar Sands Company" in (s, t) and "Fir Resources Ltd" in (s, t) for _, s, t in found), found
    found = facts(extractor, "# Orion Minerals Ltd: Annual Report 2024 (excerpt)\n\n"
                             "Orion Minerals Ltd mines zircon at Tarnby. Its largest customer is Gale Tiles Ltd, which makes tiles. "
                             "Gale Tiles Ltd makes tiles in Kestrel. The company signed an agreement with Fir Resources Ltd in 2024.")  # fmt: skip
    assert ("COOPERATES_WITH", "Fir Resources Ltd", "Gale Tiles Ltd") in found, found

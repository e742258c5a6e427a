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


def test_the_venture_is_the_firm_the_document_gave_two_owners_not_a_parent(extractor):
    """ "A and B formed C, a joint venture ... The venture will produce M at a plant in P": C produces M and runs the
    plant; with no firm given two owners, "the venture" stands for nobody (not A, the nearest firm)."""
    found = facts(extractor, "Arvella Metals Ltd and Borstad Steel Ltd formed Norcell Materials Ltd, a joint venture, in 2023. "
                             "Kemira Oy is a chemicals group.\n\n"
                             "The joint venture will produce lithium hydroxide at a plant in Kokkola, Finland.")
    assert {("PRODUCES", "Norcell Materials Ltd", "lithium hydroxide"),
            ("OPERATES", "Norcell Materials Ltd", "Kokkola plant")} <= found, found  # fmt: skip
    found = facts(extractor, "Cedar Mining Ltd owns Dunmore Lithium Ltd. The venture will produce lithium carbonate at a plant "
                             "in Pori, Finland.")
    assert not any(kind == "PRODUCES" and target == "lithium carbonate" or kind == "OPERATES" and target == "Pori plant"
                   for kind, _, target in found), found  # fmt: skip


def test_its_subsidiary_with_a_country_before_it_is_owned_by_the_firm_its_stands_for(extractor):
    """ "Its US subsidiary B makes ..." after a sentence about A: B is A's subsidiary (a country's name before the noun
    describes it, as "its Brazilian subsidiary" does)."""
    found = facts(extractor, "Arvella Separators Ltd makes separators in Japan. Its US subsidiary Peltron Inc makes "
                             "dry-process separators in Charlotte.\n\n"
                             "Borstad Chemicals Ltd's China unit Kemi Shanghai Ltd makes cathode materials.")
    assert {("SUBSIDIARY_OF", "Peltron Inc", "Arvella Separators Ltd"),
            ("SUBSIDIARY_OF", "Kemi Shanghai Ltd", "Borstad Chemicals Ltd")} <= found, found  # fmt: skip


def test_a_negation_inside_a_relative_clause_before_the_verb_is_the_clauses_own(extractor):
    """ "The mine, which is owned by funds and is not listed, produces M": the mine produces M; "which was listed in 2019,
    does not produce M": the negation is the main verb's, nothing produced."""
    found = facts(extractor, "Arvella Minerals Ltd runs the Kestrel mine in Goiás, Brazil. The mine, which is owned by funds and "
                             "is not listed, produces a mixed rare-earth concentrate.\n\n"
                             "The Tarn mine, which Borstad Mining Ltd listed in 2019, does not produce spodumene concentrate.")
    assert ("PRODUCES", "Kestrel mine", "rare earth concentrate") in found, found
    assert not any(kind == "PRODUCES" and source == "Tarn mine" for kind, source, _ in found), found


def test_the_operation_opening_a_sentence_is_the_one_site_the_sentence_before_named(extractor):
    """ "A started production at its Kestrel deposit ... The operation produces M": the deposit produces M; after a
    sentence naming two sites, or none, "The operation" stands for none of them."""
    found = facts(extractor, "Arvella Minerals Ltd started production at its Kestrel ionic-clay deposit near Tarnby, in Brazil, "
                             "in 2024. The operation produces a mixed rare-earth concentrate.\n\n"
                             "Borstad Mining Ltd runs the Fjord mine and the Skarn mine in Sweden. The operation produces "
                             "tungsten concentrate.")  # fmt: skip
    assert ("PRODUCES", "Kestrel ionic-clay deposit", "rare earth concentrate") in found, found
    assert not any(kind == "PRODUCES" and target == "tungsten concentrate" and source != "Borstad Mining Ltd"
                   for kind, source, target in found), found  # fmt: skip


def test_a_table_with_a_firms_share_column_is_read_and_a_site_word_names_the_cells_site(extractor):
    """ "| Asset | Owner | Kestrel's share | Output |": the header names the columns (a firm's possessive before "share"
    is its stake column, not a name that makes the row one of data); "Nova operation" in the asset column is a site,
    run by the owner the row names; a "Market share" column is no stake."""
    found = facts(extractor, "# Kestrel Limited: Annual Report 2024\n\nKestrel Limited is a mining company based in Perth.\n\n"
                             "| Asset | Owner | Kestrel's share | Output |\n|---|---|---|---|\n"
                             "| Tarn mine | Borstad Lithium Ltd | 24.99% | 1.49 Mt spodumene concentrate |\n"
                             "| Nova operation | Kestrel | 100% | 19,600 t nickel in concentrate |\n\n"
                             "| Producer | Market share |\n|---|---|\n| Fjord Metals Ltd | 40% |\n")  # fmt: skip
    assert {("OPERATES", "Borstad Lithium Ltd", "Tarn mine"), ("PRODUCES", "Tarn mine", "spodumene"),
            ("OPERATES", "Kestrel Limited", "Nova operation")} <= found, found  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "Kestrel Limited" for kind, source, _ in found), found
    assert not any("Fjord Metals Ltd" in (source, target) and kind != "LOCATED_IN" for kind, source, target in found), found


def test_owner_of_a_site_runs_it_and_a_slide_item_that_opens_on_it_is_the_documents_firm(extractor):
    """ "A is the owner of the X mine" (OPERATOR_NOUNS): A runs it; a slide's item "Owner of the Y project" names no
    firm: the firm the presentation's title names runs Y; "B is the owner of Z" stays B's, not the title's firm's."""
    found = facts(extractor, "# Kestrel Rare Metals: investor presentation, 2025\n\n## Slide 2: Who we are\n\n"
                             "- Kestrel Rare Metals Inc., headquartered in Halifax, Nova Scotia, Canada\n"
                             "- Owner of the Tarn Ridge rare earth project in Alaska\n\n"
                             "Borstad Mining Ltd is the owner of the Skarn mine in Nevada.")  # fmt: skip
    assert {("OPERATES", "Kestrel Rare Metals Inc", "Tarn Ridge rare earth project"),
            ("OPERATES", "Borstad Mining Ltd", "Skarn mine")} <= found, found  # fmt: skip
    assert ("OPERATES", "Kestrel Rare Metals Inc", "Skarn mine") not in found, found


def test_a_site_run_by_a_firms_named_unit_is_run_by_the_unit_too(extractor):
    """ "The plant, to be operated by A's US unit B, will make M": B runs the plant (with A, through it); "run by A" with
    no unit named is A's alone."""
    found = facts(extractor, "Halvorsen Chemicals Ltd announced a cathode plant in Clarksville, Tennessee. The plant, to be "
                             "operated by Halvorsen's US unit Halvorsen Tennessee LLC, will make cathode materials from 2026.\n\n"
                             "The Tarn mine, run by Borstad Mining Ltd, supplies lepidolite to Fjord Lithium Ltd.")  # fmt: skip
    assert {("OPERATES", "Halvorsen Tennessee LLC", "Clarksville plant"),
            ("OPERATES", "Borstad Mining Ltd", "Tarn mine")} <= found, found  # fmt: skip
    assert not any(kind == "OPERATES" and target == "Tarn mine" and source != "Borstad Mining Ltd"
                   for kind, source, target in found), found  # fmt: skip


def test_our_before_a_noun_is_no_subject_so_it_in_the_next_sentence_is_that_site(extractor):
    """In a firm's own report, "Our antimony smelter at P is the only one in C. It converts M0 into M": "our" names the
    firm but the subject is the smelter, so "It" is the smelter, which makes M."""
    found = facts(extractor, "Kestrel Antimony Corporation (\"we\") is a Montana corporation. We process antimony.\n\n"
                             "Our antimony smelter at Tarnby, Montana, is the only operating antimony smelter in the United "
                             "States. It converts antimony concentrate into antimony trioxide and sodium antimonate.")  # fmt: skip
    assert ("PRODUCES", "Tarnby smelter", "antimony trioxide") in found, found


def test_our_subsidiary_is_owned_by_the_firm_whose_voice_the_document_is(extractor):
    """ "B, our wholly owned subsidiary, mines M" in a firm's own report ("we"): B is that firm's subsidiary; inside a
    quotation of another firm's officer nothing is read from "our"."""
    found = facts(extractor, "Kestrel Antimony Corporation (\"we\") is a Montana corporation. We process antimony.\n\n"
                             "Borstad Zeolite Company, our wholly owned subsidiary, mines zeolite near Preston, Idaho.\n\n"
                             "\"Fjord Minerals Ltd, our subsidiary, will grow,\" said the head of Tarn Holdings Ltd.")  # fmt: skip
    assert ("SUBSIDIARY_OF", "Borstad Zeolite Company", "Kestrel Antimony Corporation") in found, found
    assert not any(source == "Fjord Minerals Ltd" and target == "Kestrel Antimony Corporation" for _, source, target in found), found


def test_a_two_column_fact_sheet_says_its_rows_of_the_site_or_firm_its_header_or_company_row_names(extractor):
    """ "| Item | Tarn facility |" then "| Location | Kestrelton, Tennessee |", "| Product | synthetic graphite |": the
    facility is there and makes it; "| Item | Details |" then "| Company | B |", "| Main products | M1, M2 |": B makes
    them; a two-column table of data ("| Fjord mine | Norway |") says nothing of the sheet before it."""
    found = facts(extractor, "Arvella Graphite Ltd owns and runs the Tarn facility.\n\n"
                             "| Item | Tarn facility |\n|---|---|\n| Location | Kestrelton, Tennessee |\n"
                             "| Product | synthetic graphite |\n\n"
                             "Borstad Tungsten GmbH makes tungsten powders in Germany.\n\n"
                             "| Item | Details |\n|---|---|\n| Company | Borstad Tungsten GmbH |\n"
                             "| Main products | tungsten carbide powder, ammonium paratungstate |\n\n"
                             "| Mine | Country |\n|---|---|\n| Fjord mine | Norway |\n| Product | fluorspar |\n")  # fmt: skip
    assert {("LOCATED_IN", "Tarn facility", "Kestrelton"), ("PRODUCES", "Tarn facility", "synthetic graphite"),
            ("PRODUCES", "Borstad Tungsten GmbH", "tungsten carbide powder"),
            ("PRODUCES", "Borstad Tungsten GmbH", "ammonium paratungstate")} <= found, found  # fmt: skip
    assert not any(kind == "PRODUCES" and target == "fluorspar" for kind, _, target in found), found


def test_a_list_item_naming_a_party_and_its_deal_after_a_colon_is_with_the_firm_the_title_names(extractor):
    """In "Kestrel - Investor Presentation" (the title names Kestrel Limited by its short name), "- B: binding
    offtake signed in 2023 for synthetic graphite" makes B Kestrel's partner and customer, "- C: US$100 million grant
    (2022)" its partner; "- D: possible offtake" and an item in a document whose title names no firm give nothing."""
    found = facts(extractor, "# Kestrel - Investor Presentation, December 2024\n\n## Slide 2 - Who we are\n\n"
                             "- Kestrel Limited: battery materials company, headquartered in Brisbane, Australia\n\n"
                             "## Slide 6 - Customers\n\n"
                             "- Borstad Energy Ltd: binding offtake signed in 2023 for synthetic graphite from the Tarn plant\n"
                             "- Fjord Motors Ltd: possible offtake for anode material from 2027\n"
                             "- US Department of Energy: US$100 million grant (2022)\n")  # fmt: skip
    assert {("COOPERATES_WITH", "Borstad Energy Ltd", "Kestrel Limited"),
            ("SUPPLIES", "Kestrel Limited", "Borstad Energy Ltd")} <= found | {
               (k, t, s) for k, s, t in found if k == "COOPERATES_WITH"}, found  # fmt: skip
    assert any(kind == "COOPERATES_WITH" and "Department of Energy" in source + target for kind, source, target in found), found
    assert not any("Fjord Motors Ltd" in (source, target) for _, source, target in found), found
    found = facts(extractor, "# Graphite round-up\n\n- Borstad Energy Ltd: binding offtake signed in 2023 for synthetic "
                             "graphite\n\nKestrel Limited makes synthetic graphite.")
    assert not any(kind in ("COOPERATES_WITH", "SUPPLIES") for kind, _, _ in found), found

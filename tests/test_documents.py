"""Document loaders, extraction rules, extract/eval commands and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph import api
from supplygraph.cli import main
from supplygraph.errors import LoadError
from supplygraph.graph import EmbeddedStore
from supplygraph.loaders import Gazetteer, read_file
from supplygraph.loaders.documents import MAX_BYTES, read_html, read_text
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.gazetteer import KnownEntity, normalise

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "tests" / "fixtures" / "documents"
FIXTURES = REPO / "tests" / "fixtures"
SHARED = next((p for p in (REPO.parent / "shared", Path("/work/shared")) if (p / "corpus").is_dir()), None)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def run(extractor: Extractor, *paragraphs: str) -> dict:
    found = extractor.extract([(p, False) for p in paragraphs]).as_dict()
    found["names"] = {e["name"]: e for e in found["entities"]}
    found["facts"] = {(r["type"], r["source"], r["target"]) for r in found["relations"]}
    return found


# --- names ---------------------------------------------------------------------------------------------


def test_normalise_ignores_case_punctuation_the_and_possessive():
    assert normalise("The Baogang Group's") == normalise("baogang group") == "baogang group"
    assert normalise("U.S.") == "us"
    assert normalise("JL Mag Rare-Earth") == "jl mag rare earth"


def test_gazetteer_resolves_aliases_and_chinese_names():
    g = Gazetteer([KnownEntity("org:baogang-group", "StateOwnedEnterprise", "Baogang Group", ("Baotou Steel", "包钢集团"), stored=True)])
    assert g.lookup("the baotou steel").id == "org:baogang-group"
    assert g.lookup("包钢集团").id == "org:baogang-group"
    assert g.lookup("China").id == "country:CN"


def test_builtin_entries_fold_into_the_stores_entity():
    g = Gazetteer([KnownEntity("material:neo-magnet", "Material", "NdFeB magnet", (), stored=True)])
    assert g.lookup("sintered NdFeB magnets").id == "material:neo-magnet"


def test_mentions_resolve_to_known_entities_whatever_the_spelling():
    g = Gazetteer([KnownEntity("org:baogang-group", "StateOwnedEnterprise", "Baogang Group", ("包钢集团",), stored=True)])
    found = run(Extractor(g), "包钢集团 signed a cooperation agreement with Eastlake University.", "The Baogang Group's plans grew.")
    assert found["names"]["Baogang Group"]["id"] == "org:baogang-group"
    assert found["names"]["Baogang Group"]["mentions"] == 2
    assert ("COOPERATES_WITH", "org:baogang-group", "org:eastlake-university") in found["facts"]


def test_new_names_get_labels_from_cue_words(extractor):
    found = run(
        extractor,
        "Harbor Rare Earths Ltd signed an agreement with Eastlake University and the Baotou Magnet Institute.",
        "The Ministry of Mines approved the Critical Minerals Act.",
    )
    labels = {name: e["label"] for name, e in found["names"].items()}
    assert labels["Harbor Rare Earths Ltd"] == "Company"
    assert labels["Eastlake University"] == "University"
    assert labels["Baotou Magnet Institute"] == "ResearchInstitute"
    assert labels["Ministry of Mines"] == "GovernmentBody"
    assert labels["Critical Minerals Act"] == "Policy"
    assert found["names"]["Harbor Rare Earths Ltd"]["id"] == "org:harbor-rare-earths-ltd"


def test_people_banks_data_providers_and_unnamed_groups_are_not_entities(extractor):
    found = run(
        extractor,
        "Chief executive Dana Whitfield said Crestline Bank and Frost & Sullivan expect growth.",
        "Major universities and private firms signed agreements with Acme Magnetics.",
    )
    assert not {"Dana Whitfield", "Crestline Bank", "Frost & Sullivan"} & set(found["names"])
    assert not any("universities" in n or "firms" in n for n in found["names"])


def test_short_forms_and_brackets_resolve_within_the_document(extractor):
    found = run(
        extractor,
        "Vacuumschmelze (VAC) and General Motors signed a memorandum.",
        "GM said VAC will supply GM with NdFeB magnets. Acme Magnetics makes rare earth alloys. Acme said so.",
    )
    assert "VAC" in found["names"]["Vacuumschmelze"]["aliases"]  # (the vocabulary knows the firm: its aliases, then the bracket's)
    assert "GM" in found["names"]["General Motors"]["aliases"]
    assert ("SUPPLIES", "org:vacuumschmelze", "org:general-motors") in found["facts"]
    assert "Acme" in found["names"]["Acme Magnetics"]["aliases"]


# --- relations ---------------------------------------------------------------------------------------


def test_agreement_among_several_parties_links_every_pair(extractor):
    found = run(extractor, "In a three-way agreement with Oakridge Metals and Pinecrest Alloys, Larchmont Materials Group will supply samarium oxide to Pinecrest Alloys.")
    pairs = {(s, t) for typ, s, t in found["facts"] if typ == "COOPERATES_WITH"}
    assert pairs == {
        ("org:larchmont-materials-group", "org:oakridge-metals"),
        ("org:larchmont-materials-group", "org:pinecrest-alloys"),
        ("org:oakridge-metals", "org:pinecrest-alloys"),
    }
    supplies = [r for r in found["relations"] if r["type"] == "SUPPLIES"]
    assert supplies and supplies[0]["material"] == "material:samarium-oxide"


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Magnetics did not sign a supply agreement with Birch Motors Inc.",
        "Acme Magnetics denied that it had signed an agreement with Birch Motors Inc.",
        "Acme Magnetics is reportedly considering a partnership with Birch Motors Inc.",
        "Talks on a joint venture between Acme Magnetics Inc and Birch Motors Inc ended in May.",
        "Acme Magnetics Inc may supply Birch Motors Inc with NdFeB magnets.",
        "Whether Acme Magnetics Inc will supply Birch Motors Inc is uncertain.",
        "No decision has been taken on whether Acme Magnetics Inc will supply Birch Motors Inc.",
        "Japan would import samarium from Acme Magnetics Inc if the licence is granted.",
        "Birch Motors Inc is considering an investment in Acme Magnetics Inc.",
    ],
)
def test_negated_or_hedged_statements_are_not_asserted(extractor, sentence):
    found = run(extractor, sentence)
    assert not {f for f in found["facts"] if f[0] in ("COOPERATES_WITH", "SUPPLIES", "DEPENDS_ON")}, found["relations"]


def test_every_relation_carries_its_sentence_and_confidence(extractor):
    sentence = "Acme Magnetics, based in Denver, Colorado, makes NdFeB magnets for wind turbines."
    found = run(extractor, sentence)
    assert {("LOCATED_IN", "org:acme-magnetics", "place:denver"), ("PRODUCES", "org:acme-magnetics", "material:ndfeb-magnet"),
            ("USED_IN", "material:ndfeb-magnet", "enduse:wind-turbine-generator"), ("LOCATED_IN", "place:denver", "place:colorado")} <= found["facts"]
    for r in found["relations"]:
        assert r["evidence"] == sentence and 0 < r["confidence"] <= 1
    ids = {e["id"] for e in found["entities"]}
    assert all(r["source"] in ids and r["target"] in ids for r in found["relations"])


def test_facility_operator_location_and_subsidiary(extractor):
    found = run(
        extractor,
        "Acme Magnetics is building a sintered magnet plant in Tulsa, Oklahoma.",
        "Acme Magnetics completed the purchase of Less Common Metals, a producer of rare earth metals.",
        "Less Common Metals will supply NdFeB strip cast alloy to the Tulsa plant.",
    )
    assert ("OPERATES", "org:acme-magnetics", "facility:tulsa-magnet-plant") in found["facts"]
    assert ("LOCATED_IN", "facility:tulsa-magnet-plant", "place:tulsa") in found["facts"]
    assert ("SUBSIDIARY_OF", "org:less-common-metals", "org:acme-magnetics") in found["facts"]
    assert ("SUPPLIES", "org:less-common-metals", "org:acme-magnetics") in found["facts"]
    assert "Tulsa plant" in found["names"]["Tulsa magnet plant"]["aliases"]


# --- documents and loading ---------------------------------------------------------------------------


def test_html_keeps_main_text_only_and_decodes_entities():
    doc = read_html((SAMPLES / "research-cooperation.html").read_text(encoding="utf-8"))
    text = " ".join(b for b, _ in doc.blocks)
    assert "tracking" not in text and "Markets Group" not in text and "Copyright" not in text and "font-family" not in text
    assert "supplygraph’s tests" in text and "aerospace & high-performance" in text
    assert doc.title == "Universities and magnet makers sign cooperation agreements"
    assert doc.published == "2025-11-12" and doc.publisher == "Supplygraph Sample News"


def test_html_nested_ten_thousand_levels_deep(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 10_000 + "Acme Magnetics makes NdFeB magnets." + "</div>" * 10_000, encoding="utf-8")
    unit = read_file(path)
    names = {n.name for n in unit.nodes}
    assert "Acme Magnetics" in names and "NdFeB magnet" in names


def test_loading_a_document_twice_changes_nothing_and_a_new_version_replaces_the_old(tmp_path):
    store = EmbeddedStore(tmp_path / "s.db")
    doc = tmp_path / "news.txt"
    doc.write_text("Acme Magnetics makes NdFeB magnets for wind turbines.\n", encoding="utf-8")
    first = api.load(store, api.read([doc], store=store))
    assert first.edges.added > 0
    again = api.load(store, api.read([doc], store=store))
    assert again.skipped_unchanged_inputs == 1 and again.edges.added == 0
    doc.write_text("Acme Magnetics makes samarium-cobalt magnets for radar systems.\n", encoding="utf-8")
    api.load(store, api.read([doc], store=store))
    types = {(e.type, e.target) for e in store.edges()}
    assert ("PRODUCES", "material:samarium-cobalt-magnet") in types
    assert ("PRODUCES", "material:ndfeb-magnet") not in types
    docs = [n for n in store.nodes("Document")]
    assert len(docs) == 1 and docs[0].props["sha256"] and docs[0].props["path"] == str(doc.resolve())
    store.close()


def test_documents_resolve_to_the_stores_entities(tmp_path):
    store = EmbeddedStore(tmp_path / "s.db")
    api.load(store, api.read([FIXTURES / "good" / "chain.yaml"]))
    doc = tmp_path / "news.md"
    doc.write_text("# News\n\nAlpha Rare Earth's magnets go to the PRC. Beta Magnets signed an agreement with Alpha Rare Earth.\n", encoding="utf-8")
    unit = api.read([doc], store=store)[0]
    api.load(store, [unit])
    facts = {(f.type, f.source, f.target) for f in unit.facts}
    assert ("COOPERATES_WITH", "org:alpha-rare-earth", "org:beta-magnets") in facts
    assert ("MENTIONED_IN", "org:beta-magnets", unit.nodes[0].id) in facts
    beta = next(n for n in unit.nodes if n.id == "org:beta-magnets")
    assert beta.label == "Company" and beta.name == "Beta Magnets"
    assert store.node("org:alpha-rare-earth").label == "StateOwnedEnterprise"
    store.close()


def test_samples_load_together(tmp_path):
    store = EmbeddedStore(tmp_path / "s.db")
    summary = api.load(store, api.read(sorted(p for p in SAMPLES.iterdir() if p.is_file()), store=store))
    assert summary.inputs == 3 and summary.nodes.added > 20
    store.close()


# --- bad input ---------------------------------------------------------------------------------------


def _load(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s.db"), "load", str(path)])
    return path, result


def test_binary_file_is_refused(tmp_path):
    path, result = _load(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert result.exit_code == 1 and "binary file" in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_file_is_refused(tmp_path):
    _, result = _load(tmp_path, "empty.md", b"  \n")
    assert result.exit_code == 1 and "empty file" in result.stderr


def test_invalid_utf8_names_the_line(tmp_path):
    path, result = _load(tmp_path, "latin1.txt", "Acme makes magnets.\nCaf\xe9 line.\n".encode("latin-1"))
    assert result.exit_code == 1 and f"{path}:2" in result.stderr and "not UTF-8" in result.stderr


def test_fifty_megabyte_text_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.write(b"Acme Magnetics makes NdFeB magnets. " * (50 * 2**20 // 36 + 1))
    assert path.stat().st_size >= 50 * 2**20 > MAX_BYTES
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s.db"), "load", str(path)])
    assert result.exit_code == 1 and "document too large" in result.stderr
    with pytest.raises(LoadError):
        read_file(path)


def test_document_without_entities_is_a_document_and_nothing_else(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("the weather was mild and nothing else happened today.\n", encoding="utf-8")
    unit = read_file(path)
    assert [n.label for n in unit.nodes] == ["Document"] and unit.facts == []


# --- commands ----------------------------------------------------------------------------------------


def test_extract_prints_the_json_contract_and_creates_no_store(tmp_path):
    store = tmp_path / "none.db"
    result = CliRunner().invoke(main, ["--store", str(store), "extract", str(SAMPLES / "policy-notice.md"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"document", "entities", "relations"}
    assert data["document"]["id"].startswith("doc:") and len(data["document"]["id"]) == 20
    ids = {e["id"] for e in data["entities"]}
    for e in data["entities"]:
        assert {"id", "label", "name", "aliases"} <= set(e)
    for r in data["relations"]:
        assert {"type", "source", "target", "evidence", "confidence"} <= set(r) and {r["source"], r["target"]} <= ids
    assert ("RESTRICTS", "element:Dy") in {(r["type"], r["target"]) for r in data["relations"]}
    assert not store.exists()
    table = CliRunner().invoke(main, ["--store", str(store), "extract", str(SAMPLES / "policy-notice.md")])
    assert table.exit_code == 0 and "COOPERATES_WITH" in table.stdout


def test_extract_refuses_a_non_document(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(FIXTURES / "good" / "chain.yaml")])
    assert result.exit_code == 1 and "not a document" in result.stderr


@pytest.mark.skipif(SHARED is None, reason="the shared corpus is not beside the repository")
def test_seed_article_facts_are_found_with_their_sentences():
    data = api.extract_document(SHARED / "corpus" / "seed" / "baogang-rare-earth-alloys-2025.txt")
    by_id = {e["id"]: e for e in data["entities"]}
    facts = {(r["type"], r["source"], r["target"]): r["evidence"] for r in data["relations"]}
    assert by_id["org:baogang-group"]["label"] == "StateOwnedEnterprise"
    assert "Baogang Group, China’s state-backed" in facts[("LOCATED_IN", "org:baogang-group", "country:CN")] or facts[("LOCATED_IN", "org:baogang-group", "country:CN")]
    assert "Beijing subsidiary" in facts[("SUBSIDIARY_OF", "org:baogang-group-beijing-subsidiary", "org:baogang-group")]
    event = next(e for e in data["entities"] if e["label"] == "Event")
    assert "February 28" in event["name"] and "Baotou" in event["name"]
    assert ("LOCATED_IN", event["id"], "place:baotou") in facts
    assert ("PARTICIPATED_IN", "org:united-front-work-department", event["id"]) in facts
    coop = facts[("COOPERATES_WITH", "org:baogang-group-beijing-subsidiary", "org:baotou-rare-earth-research-institute")]
    assert "cooperation agreements" in coop
    assert {"country:US", "country:CN", "place:baotou", "org:baotou-rare-earth-research-institute"} <= set(by_id)
    for use in ("ev-traction-motor", "aerospace", "military-systems", "fighter-aircraft", "guided-missile", "radar", "semiconductors"):
        assert f"enduse:{use}" in by_id and by_id[f"enduse:{use}"]["evidence"]
    assert ("INPUT_TO", "material:rare-earth-alloys", "material:rare-earth-magnet") in facts  # "high-performance magnets"
    for use in ("fighter-aircraft", "guided-missile", "radar"):
        assert "dependent on Chinese rare earths" in facts[("DEPENDS_ON", f"enduse:{use}", "country:CN")]
    assert ("DEPENDS_ON", "country:US", "country:CN") in facts


@pytest.mark.skipif(SHARED is None, reason="the shared corpus is not beside the repository")
def test_dev_corpus_scores_meet_the_targets():
    result = api.evaluate(SHARED / "corpus" / "dev")
    assert result.entities.f1 >= 0.85 and result.relations.f1 >= 0.75, result.as_dict()["overall"]
    assert result.violations == []
    # regression guard, a little below what the rules reach today (0.991 / 0.926)
    assert result.entities.f1 >= 0.97 and result.relations.f1 >= 0.90, result.as_dict()["overall"]


def test_heldout_documents_score_above_the_floor():
    """Six documents of our own (wire news, notice, press release, blog page, analyst note) whose gold files were
    written before the rules were tuned on anything (first scores 0.906 / 0.717); since then they have served as
    development data, so the floor sits a little below today's scores (0.973 / 0.924)."""
    result = api.evaluate(SAMPLES / "heldout")
    assert len(result.documents) == 6
    assert result.violations == [], result.violations
    assert result.entities.f1 >= 0.95 and result.relations.f1 >= 0.89, result.as_dict()["overall"]


def test_second_heldout_set_scores_above_the_floor():
    """Held-out set B: six more documents of our own (trade-press feature, government fact sheet, earnings-call
    summary, interview, consortium announcement, HTML news page with related-links boxes), annotated before any rule
    was tuned, and never used to tune one (its per-document errors stay unread). It scored 0.787 / 0.388 with the
    rules of that day; the floor sits a little below today's scores (0.910 / 0.781)."""
    result = api.evaluate(SAMPLES / "heldout-b")
    assert len(result.documents) == 6
    assert result.violations == [], result.violations
    assert result.entities.f1 >= 0.88 and result.relations.f1 >= 0.73, result.as_dict()["overall"]


# --- rules for attribution, agreements, production, stakes, policies in context, known facilities ------------


def test_credit_lines_and_bylines_name_no_parties(extractor):
    found = run(
        extractor,
        "Facts from: Harbour Industry Weekly, \u201cRuritania Ministry of Industry supplies NdFeB magnets to Acme Magnetics Inc\u201d (2025).",
        "By Tamsin Oakridge",
        "Posted by Karen Holm on 14 January 2026",
        "By 2030 Acme Magnetics Inc plans to double output.",
    )
    assert set(found["names"]) <= {"Acme Magnetics Inc"}, sorted(found["names"])
    assert found["relations"] == []


def test_news_outlets_are_not_parties(extractor):
    found = run(extractor, "Acme Magnetics Inc told Harbour Ledger that it supplies NdFeB magnets to Birch Motors Inc, "
                           "as first reported by Ore Wire Service. Mining Weekly said the deal was large.")
    assert set(found["names"]) == {"Acme Magnetics Inc", "NdFeB magnet", "Birch Motors Inc"}, sorted(found["names"])


def test_parties_that_have_signed_a_partnership_cooperate(extractor):
    found = run(extractor, "Acme Magnetics Inc and the Ruritania Ministry of Industry have signed a public-private partnership.")
    assert ("COOPERATES_WITH", "org:acme-magnetics-inc", "org:ruritania-ministry-of-industry") in found["facts"]


def test_has_produced_is_production_but_a_passive_is_not(extractor):
    found = run(extractor, "Acme Magnetics Inc has produced separated dysprosium oxide. Birch Motors Inc said terbium oxide was produced nearby.")
    assert ("PRODUCES", "org:acme-magnetics-inc", "material:dysprosium-oxide") in found["facts"], found["facts"]
    assert not any(t == "PRODUCES" and s == "org:birch-motors-inc" for t, s, _ in found["facts"])


def test_a_stated_minority_stake_is_a_stake_and_a_majority_is_control(extractor):
    """The model of issue 11: a minority percentage is HOLDS_STAKE_IN (owner -> owned), not SUBSIDIARY_OF."""
    found = run(
        extractor,
        "The Ruritania Ministry of Industry will buy preferred stock of Acme Magnetics Inc and become its largest "
        "shareholder, with a stake of about 15%. Birch Motors Inc holds a stake of 30% in Cedar Metals Inc. "
        "Elm Mining Ltd owns 60% of Fir Magnets Ltd.",
    )
    stakes = {(r["source"], r["target"]): r.get("stake") for r in found["relations"] if r["type"] == "HOLDS_STAKE_IN"}
    assert stakes == {("org:ruritania-ministry-of-industry", "org:acme-magnetics-inc"): 0.15,
                      ("org:birch-motors-inc", "org:cedar-metals-inc"): 0.3}, stakes
    control = {(r["source"], r["target"]): r.get("stake") for r in found["relations"] if r["type"] == "SUBSIDIARY_OF"}
    assert control == {("org:fir-magnets-ltd", "org:elm-mining-ltd"): 0.6}, control


def test_requirements_restrict_through_the_policy_in_context(extractor):
    found = run(
        extractor,
        "The Ministry of Commerce and the General Administration of Customs issued Announcement No. 7 of 2026.",
        "The Ministry of Commerce requires an export licence for samarium, gadolinium and terbium. "
        "Exports of gallium to the United States are not permitted. The controls cover yttrium as well.",
        "Dysprosium for high-temperature magnets is not covered. The ministry is reportedly considering an export licence for lutetium.",
        "The controls do not cover holmium.",
    )
    policy = next(e for e in found["entities"] if e["label"] == "Policy")
    assert policy["name"] == "Announcement No. 7 of 2026", found["names"]
    restricted = {t for ty, s, t in found["facts"] if ty == "RESTRICTS" and s == policy["id"]}
    assert restricted == {"element:Sm", "element:Gd", "element:Tb", "element:Ga", "element:Y"}, restricted
    issuers = {t for ty, s, t in found["facts"] if ty == "ISSUED_BY"}
    assert issuers == {"org:ministry-of-commerce", "org:china-general-administration-of-customs"}, issuers


def test_a_requirement_without_a_named_policy_becomes_the_issuers_policy(extractor):
    found = run(extractor, "On 4 April 2025 China began to require an export licence for dysprosium and terbium.")
    policy = next(e for e in found["entities"] if e["label"] == "Policy")
    assert ("ISSUED_BY", policy["id"], "country:CN") in found["facts"]
    assert {("RESTRICTS", policy["id"], "element:Dy"), ("RESTRICTS", policy["id"], "element:Tb")} <= found["facts"]


def test_descriptive_facility_mentions_resolve_to_the_stores_facility(tmp_path):
    (tmp_path / "sites.yaml").write_text(
        "sources:\n  - {id: doc:t, name: t, title: t, published: 2025}\n"
        "entities:\n"
        "  - {id: org:acme, label: Company, name: Acme Rare Earths}\n"
        "  - {id: org:acme-my, label: Company, name: Acme Malaysia}\n"
        "  - {id: place:gebeng, label: Place, name: Gebeng}\n"
        "  - {id: place:texas, label: Place, name: Texas}\n"
        "  - {id: facility:acme-gebeng, label: Facility, name: Acme Malaysia separation plant (Gebeng), kind: separation}\n"
        "  - {id: facility:acme-texas, label: Facility, name: Acme Texas refinery (planned), status: planned}\n"
        "facts:\n"
        "  - {type: SUBSIDIARY_OF, source: org:acme-my, target: org:acme, sources: [doc:t]}\n"
        "  - {type: OPERATES, source: org:acme-my, target: facility:acme-gebeng, sources: [doc:t]}\n"
        "  - {type: OPERATES, source: org:acme, target: facility:acme-texas, sources: [doc:t]}\n"
        "  - {type: LOCATED_IN, source: facility:acme-gebeng, target: place:gebeng, sources: [doc:t]}\n"
        "  - {type: LOCATED_IN, source: facility:acme-texas, target: place:texas, sources: [doc:t]}\n",
        encoding="utf-8",
    )
    store = EmbeddedStore(tmp_path / "s.db")
    api.load(store, api.read([tmp_path / "sites.yaml"]))
    x = Extractor(api.known_entities(store))
    found = run(
        x,
        "Acme Malaysia operates the separation plant in Gebeng. Acme Rare Earths holds a contract for a refinery in Texas.",
        "Birch Metals Inc operates a separation plant in Texas.",
    )
    assert ("OPERATES", "org:acme-my", "facility:acme-gebeng") in found["facts"], found["facts"]
    assert ("LOCATED_IN", "facility:acme-texas", "place:texas") in found["facts"], found["facts"]
    birch = {t for ty, s, t in found["facts"] if ty == "OPERATES" and s == "org:birch-metals-inc"}
    assert birch and not birch & {"facility:acme-texas", "facility:acme-gebeng"}, found["facts"]
    store.close()


def test_people_named_without_a_title_are_not_entities(extractor):
    found = run(
        extractor,
        "John Smith, the chief executive of Acme Magnetics Inc, said demand was strong.",
        "Maria Lopez said Acme Magnetics Inc will supply Birch Motors Inc with NdFeB magnets. Lopez added that prices rose.",
    )
    assert not {"John Smith", "Maria Lopez", "Lopez"} & set(found["names"]), sorted(found["names"])
    assert ("SUPPLIES", "org:acme-magnetics-inc", "org:birch-motors-inc") in found["facts"]


def test_long_text_without_full_stops_is_read_in_bounded_time(tmp_path):
    path = tmp_path / "stream.txt"
    path.write_text(" ".join(["Acme Magnetics makes NdFeB magnets for wind turbines and supplies Birch Motors Inc"] * 3000), encoding="utf-8")
    unit = read_file(path)
    assert {n.name for n in unit.nodes} >= {"Acme Magnetics", "NdFeB magnet"}


def test_dated_signing_is_an_event_with_its_signatories(extractor):
    found = run(extractor, "In March 2024 Acme Magnetics signed a binding supply agreement with Birch Motors Inc.")
    event = next(e for e in found["entities"] if e["label"] == "Event")
    assert "March 2024" in event["name"] and "binding supply agreement" in event["aliases"]
    assert {("PARTICIPATED_IN", "org:acme-magnetics", event["id"]), ("PARTICIPATED_IN", "org:birch-motors-inc", event["id"]),
            ("COOPERATES_WITH", "org:acme-magnetics", "org:birch-motors-inc")} <= found["facts"]


def test_export_ban_restricts_what_the_banned_technology_makes(extractor):
    found = run(extractor, "China's Ministry of Commerce banned the export of technology used to make rare earth magnets.")
    policy = next(e for e in found["entities"] if e["label"] == "Policy")
    assert ("RESTRICTS", policy["id"], "material:rare-earth-magnet") in found["facts"]
    assert ("ISSUED_BY", policy["id"], "org:mofcom") in found["facts"]
    assert not [f for f in found["facts"] if f[0] == "PRODUCES"]


def test_markdown_tables_and_unclosed_html_are_read(tmp_path):
    md = tmp_path / "t.md"
    md.write_text("# Title\n\n| company | note |\n|---|---|\n| Acme Magnetics makes NdFeB magnets. | **strong** |\n", encoding="utf-8")
    assert "Acme Magnetics" in {n.name for n in read_file(md).nodes}
    html = tmp_path / "t.html"
    html.write_text("<p>Acme Magnetics makes NdFeB magnets.<p>Birch Motors Inc said so.<li>x</div></span>", encoding="utf-8")
    names = {n.name for n in read_file(html).nodes}
    assert {"Acme Magnetics", "Birch Motors Inc"} <= names


def test_list_items_are_paragraphs_and_hard_wrapped_prose_is_joined():
    """Found on a probe investor presentation: unpunctuated bullets ran into one block (so "A and B" in one bullet
    became partners of C in the next), and a paragraph whose first line ended at a full stop was cut at every line
    ("The National Reconstruction" / "Fund Corporation")."""
    from supplygraph.loaders.documents import read_text

    blocks = read_text("## Highlights\n\n- Offtake agreement signed with Acme Motors and Birch Cars for NdPr oxide\n"
                       "- Cedar Wind to take up to 1,200 tonnes a year\n- Short item\n\n"
                       "Orion cautions that prices have fallen below the level assumed in its study.\n"
                       "Should producers keep prices low, it may delay work. The National Reconstruction\n"
                       "Fund Corporation has committed A$200 million.\n\nTo be read:\nantimony ores\n", True).blocks  # fmt: skip
    assert blocks[1:4] == [("Offtake agreement signed with Acme Motors and Birch Cars for NdPr oxide", False),
                           ("Cedar Wind to take up to 1,200 tonnes a year", False), ("Short item", False)], blocks
    assert any("The National Reconstruction Fund Corporation has committed" in text for text, _ in blocks), blocks
    assert ("To be read:", False) in blocks and ("antimony ores", True) in blocks, blocks  # (a line ending in ":" opens a list)


def test_quota_is_a_policy_restricting_the_stage_it_counts(extractor):
    found = run(extractor, "China's Ministry of Industry and Information Technology set the 2024 mining quota for rare earths at 270,000 tonnes.")
    assert ("RESTRICTS", "policy:miit-mining-quota-2024", "material:rare-earth-ore") in found["facts"]
    assert ("ISSUED_BY", "policy:miit-mining-quota-2024", "org:miit") in found["facts"]


def test_extract_resolves_against_an_existing_store_without_changing_it(tmp_path):
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--store", str(db), "load", str(FIXTURES / "good")]).exit_code == 0
    before = runner.invoke(main, ["--store", str(db), "stats", "--format", "json"]).stdout
    doc = tmp_path / "n.txt"
    doc.write_text("Beta Magnets signed a partnership with Alpha Rare Earth.\n", encoding="utf-8")
    result = runner.invoke(main, ["--store", str(db), "extract", str(doc), "--format", "json"])
    data = json.loads(result.stdout)
    known = {e["id"]: e["known"] for e in data["entities"]}
    assert known == {"org:beta-magnets": True, "org:alpha-rare-earth": True}
    assert runner.invoke(main, ["--store", str(db), "stats", "--format", "json"]).stdout == before


def test_the_month_may_is_not_a_hedge(extractor):
    found = run(extractor, "In May 2024 Acme Magnetics signed a partnership with Birch Motors Inc.",
                "Acme Magnetics is expected to sign a partnership with Cedar Motors Inc.")
    coop = {f for f in found["facts"] if f[0] == "COOPERATES_WITH"}
    assert coop == {("COOPERATES_WITH", "org:acme-magnetics", "org:birch-motors-inc")}


def test_trade_ownership_and_export_controls_in_other_words(extractor):
    found = run(
        extractor,
        "The United States imports 70% of its rare earth compounds from China, and Japan buys NdPr oxide from Lynas Rare Earths.",
        "China imposed new export controls on gallium and germanium in July 2023.",
        "Lynas Rare Earths and Blue Line Corporation formed a joint venture, Lynas USA, to build a separation plant in Seadrift, Texas.",
        "Arnold Magnetic Technologies is a major supplier to Lockheed Martin Corp.",
    )
    depends = next(r for r in found["relations"] if r["type"] == "DEPENDS_ON")
    assert (depends["source"], depends["target"], depends["share"]) == ("country:US", "country:CN", 0.7)
    assert ("SUPPLIES", "org:lynas", "country:JP") in found["facts"]  # (Lynas Rare Earths: the vocabulary's firm, session 14)
    assert ("RESTRICTS", "policy:china-export-controls-july-2023", "element:Ga") in found["facts"]
    assert {("SUBSIDIARY_OF", "org:lynas-usa", "org:lynas"), ("SUBSIDIARY_OF", "org:lynas-usa", "org:blue-line-corporation")} <= found["facts"]
    assert ("SUPPLIES", "org:arnold-magnetic", "org:lockheed-martin") in found["facts"]  # (both the vocabulary's firms: session 16)


def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Acme Magnetics makes NdFeB magnets.\n".encode("utf-16"))
    assert "Acme Magnetics" in {n.name for n in read_file(path).nodes}


def test_descriptive_phrases_are_not_stored_as_names(tmp_path):
    store = EmbeddedStore(tmp_path / "s.db")
    first = tmp_path / "a.txt"
    first.write_text("Acme Magnetics is building a sintered magnet plant in Tulsa, Oklahoma.\n", encoding="utf-8")
    api.load(store, api.read([first], store=store))
    plant = store.node("facility:tulsa-magnet-plant")
    assert plant is not None and "Tulsa plant" in plant.aliases and "sintered magnet plant" not in plant.aliases
    second = tmp_path / "b.txt"
    second.write_text("Birch Motors Inc is building a magnet plant in Denver, Colorado.\n", encoding="utf-8")
    unit = api.read([second], store=store)[0]
    assert "facility:denver-magnet-plant" in {n.id for n in unit.nodes}
    assert "facility:stillwater-magnet-plant" not in {n.id for n in unit.nodes}
    store.close()


def test_relative_clauses_appositive_subsidiaries_and_names_holding_vocabulary(extractor):
    found = run(
        extractor,
        "Acme Magnetics is not related to Neo Lithium, which was acquired by Zijin Mining in 2022.",
        "Mkango Resources said HyProMag, its recycling subsidiary, will open a plant in Tyseley, Birmingham.",
    )
    assert ("SUBSIDIARY_OF", "org:neo-lithium", "org:zijin-mining") in found["facts"]
    assert "Lithium" not in found["names"]
    assert ("SUBSIDIARY_OF", "org:hypromag", "org:mkango-resources") in found["facts"]
    assert ("LOCATED_IN", "place:tyseley", "place:birmingham") in found["facts"]


def test_html_page_furniture_in_plain_divs_is_skipped():
    page = (
        '<html><body><div id="main-menu">Markets Group</div><div class="content"><p>Acme Magnetics makes NdFeB magnets.</p>'
        '<div class="related-articles">Birch Motors Inc buys magnets.</div></div>'
        '<div class="cookie-banner">We use cookies.</div></body></html>'
    )
    text = " ".join(b for b, _ in read_html(page).blocks)
    assert text == "Acme Magnetics makes NdFeB magnets."


def test_grant_recipients_own_what_they_build_and_labs_are_located(extractor):
    found = run(
        extractor,
        "Under Title III of the Defense Production Act, the Pentagon awarded MP Materials $58.5 million in 2022 "
        "to build its Independence magnet factory in Fort Worth, Texas.",
        "The hub sits at Ames National Laboratory in Iowa.",
    )
    assert ("OPERATES", "org:mp-materials", "facility:independence-magnet-factory") in found["facts"]
    assert ("LOCATED_IN", "facility:independence-magnet-factory", "place:fort-worth") in found["facts"]
    assert ("LOCATED_IN", "org:ames-national-laboratory", "place:iowa") in found["facts"]


# --- discourse: anaphora, agreements carried on, events, first person; vocabulary -------------------------


def test_the_company_and_the_ministry_resolve_to_the_entity_spoken_of(extractor):
    found = run(
        extractor,
        "Acme Magnetics Inc signed a deal with Birch Motors Inc. The company also operates the Cedar mine in Ruritania.",
        "The Ruritania Ministry of Industry issued the Magnet Export Rules. The ministry said the rules restrict dysprosium oxide.",
    )
    assert ("OPERATES", "org:acme-magnetics-inc", "facility:cedar-mine") in found["facts"], found["facts"]
    assert ("RESTRICTS", "policy:magnet-export-rules", "material:dysprosium-oxide") in found["facts"], found["facts"]


def test_the_parties_of_an_agreement_carry_into_the_next_sentences(extractor):
    found = run(
        extractor,
        "Acme Magnetics Inc has signed an offtake agreement with Birch Motors Inc, a carmaker. Under the agreement Acme Magnetics Inc "
        "will supply NdPr oxide from its plant in Harbourtown. The two partners will present the deal at the Magnet Summit in Oslo.",
    )
    facts = found["facts"]
    assert ("SUPPLIES", "org:acme-magnetics-inc", "org:birch-motors-inc") in facts, facts
    assert ("PRODUCES", "org:acme-magnetics-inc", "material:ndpr-oxide") in facts, facts
    for party in ("org:acme-magnetics-inc", "org:birch-motors-inc"):
        assert ("PARTICIPATED_IN", party, "event:magnet-summit") in facts, facts
    assert ("LOCATED_IN", "event:magnet-summit", "place:oslo") in facts, facts


def test_events_are_named_by_their_cue_and_attendance_counts(extractor):
    found = run(extractor, "Acme Magnetics Inc attended the Critical Minerals Forum. Cardinal Motor Works makes electric motors.")
    assert found["names"]["Critical Minerals Forum"]["label"] == "Event"
    assert found["names"]["Cardinal Motor Works"]["label"] == "Company"  # "... Works" is a firm, not a facility
    assert ("PARTICIPATED_IN", "org:acme-magnetics-inc", "event:critical-minerals-forum") in found["facts"]


def test_a_consortium_links_every_pair_and_a_hedged_joiner_none(extractor):
    found = run(
        extractor,
        "Acme Magnetics Inc, Birch Motors Inc, Ruritania University and the Cedar Institute (CI) have formed a consortium.",
        "Dove Metals Inc was invited to join the consortium but declined.",
    )
    coop = {(s, t) for k, s, t in found["facts"] if k == "COOPERATES_WITH"}
    assert len(coop) == 6 and not any("dove" in s + t for s, t in coop), coop


def test_joint_venture_of_two_parents_and_a_stake_of_the_company(extractor):
    found = run(extractor, "Cedar Metals Inc is a joint venture of Acme Magnetics Inc and Birch Motors Inc, two magnet makers. "
                           "Dove Holdings Inc, which owns 35% of Cedar Metals Inc, is based in Oslo.")
    subs = {(r["source"], r["target"]): r.get("stake") for r in found["relations"] if r["type"] == "SUBSIDIARY_OF"}
    assert subs == {("org:cedar-metals-inc", "org:acme-magnetics-inc"): None, ("org:cedar-metals-inc", "org:birch-motors-inc"): None}, subs
    assert ("HOLDS_STAKE_IN", "org:dove-holdings-inc", "org:cedar-metals-inc") in found["facts"]


def test_an_interviews_we_is_the_firm_it_is_about_and_rumours_are_not_facts(extractor):
    found = run(
        extractor,
        "Q: Your company, Acme Recycling, opened a plant in Harbourtown. Who owns it?",
        "A: We are a subsidiary of Birch Holdings Inc. We sell neodymium oxide to Cedar Magnets Inc.",
        "Q: There were reports of a deal with Dove Metals Inc.",
    )
    facts = found["facts"]
    assert ("SUBSIDIARY_OF", "org:acme-recycling", "org:birch-holdings-inc") in facts, facts
    assert ("SUPPLIES", "org:acme-recycling", "org:cedar-magnets-inc") in facts, facts
    assert not any("dove" in s + t for _, s, t in facts), facts
    assert not {"Q", "A", "Your"} & set(found["names"]), sorted(found["names"])


def test_critical_minerals_and_element_forms_are_materials(extractor):
    found = run(extractor, "Acme Mining Inc mines natural flake graphite and tin concentrate. "
                           "Birch Cells Inc uses lithium hydroxide to make cathode material.")
    facts = found["facts"]
    for material in ("graphite", "tin-concentrate"):
        assert ("PRODUCES", "org:acme-mining-inc", f"material:{material}") in facts, facts
    assert ("INPUT_TO", "material:lithium-hydroxide", "material:cathode-material") in facts, facts


def test_a_fact_sheet_title_names_the_policy_its_bullets_restrict(extractor):
    found = extractor.extract([
        ("Fact sheet: Strategic Minerals Export Rules 2027", True),
        ("Issued by the Ministry of Mineral Resources of Ruritania, 3 March 2027", False),
        ("The Strategic Minerals Export Rules set an annual quota of 5,000 tonnes for nickel concentrate.", False),
        ("Copper concentrate is not covered by the rules.", False),
    ]).as_dict()
    facts = {(r["type"], r["source"], r["target"]) for r in found["relations"]}
    assert ("ISSUED_BY", "policy:strategic-minerals-export-rules", "org:ministry-of-mineral-resources-of-ruritania") in facts, facts
    assert ("RESTRICTS", "policy:strategic-minerals-export-rules", "material:nickel-concentrate") in facts, facts
    assert not any(t == "material:copper-concentrate" for _, _, t in facts), facts


def test_parents_material_anaphora_and_names_ending_in_a_vocabulary_word(extractor):
    found = run(
        extractor,
        "Hoshino Chemical buys NdPr oxide from Lynx Rare Earths, whose parent company is Southern Cross Resources. "
        "The Japanese group will use the oxide to make sintered NdFeB magnets.",
        "Arvida Metals is a major supplier of samarium metal to Kessler Aerospace.",
    )
    facts = found["facts"]
    assert ("SUBSIDIARY_OF", "org:lynx-rare-earths", "org:southern-cross-resources") in facts, facts
    assert ("INPUT_TO", "material:ndpr-oxide", "material:ndfeb-magnet") in facts, facts
    assert ("PRODUCES", "org:hoshino-chemical", "material:ndfeb-magnet") in facts, facts
    assert ("SUPPLIES", "org:arvida-metals", "org:kessler-aerospace") in facts, facts
    assert not any(s == "country:JP" for _, s, _ in facts), facts


def test_quoted_we_and_short_acronyms_in_lower_case_name_nothing(extractor):
    found = run(extractor, "Acme Magnets Inc makes NdFeB magnets. \u201cWe are proud to supply Birch Motors Inc,\u201d said Jane Doe.",
                "Fir Alloys Inc hired Mr Eu. The DOE backed it.")
    assert not any(t == "SUPPLIES" for t, _, _ in found["facts"]), found["facts"]
    assert "European Union" not in found["names"] and "United States Department of Energy" in found["names"], sorted(found["names"])


# --- the trigger vocabulary is data ---------------------------------------------------------------------------


def test_a_trigger_word_for_a_relation_family_is_one_line_in_an_extra_pattern_file(tmp_path):
    """The supply family knows "supplies", not "furnishes"; one EntityRuler-style line teaches it, with no code."""
    text = "Harbor Magnetics furnishes NdFeB magnets to Kessler Motors Inc."
    before = run(Extractor(Gazetteer()), text)
    assert not any(t == "SUPPLIES" for t, _, _ in before["facts"])
    patterns = tmp_path / "more.jsonl"
    patterns.write_text('{"label": "SUPPLY_VERBS", "pattern": "furnishes"}\n', encoding="utf-8")
    after = run(Extractor(Gazetteer(), patterns=[patterns]), text)
    assert ("SUPPLIES", "org:harbor-magnetics", "org:kessler-motors-inc") in after["facts"]
    supply = next(r for r in after["relations"] if r["type"] == "SUPPLIES")
    assert supply["material"] == "material:ndfeb-magnet"


def test_a_bad_pattern_file_is_a_one_line_error_with_its_line(tmp_path):
    patterns = tmp_path / "bad.jsonl"
    patterns.write_text('{"label": "SUPPLY_VERBS", "pattern": "furnishes"}\n{"label": \n', encoding="utf-8")
    with pytest.raises(LoadError) as err:
        Extractor(Gazetteer(), patterns=[patterns])
    assert f"{patterns}:2" in str(err.value) and "\n" not in str(err.value)


def test_a_preface_in_the_authors_voice_names_no_company(extractor):
    """ "Sample policy summary written for supplygraph in our own words": the first word is no firm, and "our own"
    (the author's voice) confirms nothing; the demo graph used to hold a Company "Sample"."""
    found = run(extractor, "Sample policy summary written for supplygraph in our own words. Facts from: a law firm.",
                "China's Ministry of Commerce requires an export licence for terbium.")
    assert not [name for name in found["names"] if name.lower().startswith("sample")]
    found = run(extractor, "Sample article written for supplygraph in our own words.")
    assert found["entities"] == []


# --- documents not in English ------------------------------------------------------------------------------------

ZH = "包钢集团与北方稀土签署了稀土供应协议。包钢集团是中国最大的稀土生产商之一，位于内蒙古包头市。该公司向日本企业供应氧化镨钕。"
DE = ("Die Baogang Group hat mit der Firma Nordwind Magnetik GmbH einen Liefervertrag für Neodymoxid unterzeichnet. Das "
      "Unternehmen liefert ab Januar Seltene Erden an deutsche Hersteller und plant eine neue Fabrik in Sachsen, die "
      "Magnete für Elektromotoren herstellen soll.")


def test_a_document_mostly_not_in_english_says_so_resolves_known_names_and_guesses_no_relation():
    known = Gazetteer([KnownEntity("org:baogang-group", "StateOwnedEnterprise", "Baogang Group", ("包钢集团",), stored=True)])
    extractor = Extractor(known)
    for text in (ZH, DE):
        found = extractor.extract([(text, False)]).as_dict()
        assert found["note"].startswith("mostly not in English") and "\n" not in found["note"]
        assert [e["id"] for e in found["entities"]] == ["org:baogang-group"]  # a Chinese alias resolves; nothing new
        assert found["relations"] == []
    english = extractor.extract([("Baogang Group signed a supply agreement with Northwind Magnetics GmbH for NdPr oxide.", False)])
    assert english.note is None and english.relations


def test_loading_or_extracting_a_foreign_document_is_one_line_on_stderr(cli, tmp_path):
    doc = tmp_path / "baogang-zh.txt"
    doc.write_text(ZH, encoding="utf-8")
    result = cli("load", str(doc))
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if "not in English" in line]
    assert len(notes) == 1 and str(doc) in notes[0]
    extracted = cli("extract", str(doc), "--format", "json")
    assert json.loads(extracted.stdout)["relations"] == [] and "not in English" in extracted.stderr


# --- the shared grammar layer: packed element tokens, passives, nominalisations, relative clauses ---------------


def test_tokens_that_pack_several_elements_are_elements_or_materials_never_firms(extractor):
    found = run(extractor, "China restricted exports of Dy/Tb oxides and Sm-Co magnets in April.",
                "Kestrel Magnetics buys Dy/Tb from Harbor Rare Earths Ltd. The controls cover Dy, Tb and Sm-Co magnets.")
    ids = {e["id"] for e in found["entities"]}
    assert {"material:dysprosium-oxide", "material:terbium-oxide", "material:samarium-cobalt-magnet",
            "element:Dy", "element:Tb"} <= ids, ids  # fmt: skip
    assert not any(i.startswith("org:") and ("dy" in i or "sm-co" in i) for i in ids), ids
    restricted = {t for kind, _, t in found["facts"] if kind == "RESTRICTS"}
    assert {"material:dysprosium-oxide", "material:terbium-oxide", "material:samarium-cobalt-magnet"} <= restricted


def test_passives_nominalisations_and_relative_clauses_read_like_the_active(extractor):
    found = run(extractor,
                "NdFeB magnets are supplied by Kestrel Magnetics to Orion Motors Inc.",
                "Cedar Motors Inc is supplied with NdFeB magnets by Birch Magnet Works Ltd.",
                "Aster Magnetics Ltd, which is supplied by Harbor Rare Earths Ltd, makes magnets.",
                "The acquisition of Aster Separation Ltd by Birch Mining Ltd closed in May.",
                "Elm Metals Ltd was acquired in 2024 by Fir Holdings Inc.")  # fmt: skip
    facts = found["facts"]
    assert ("SUPPLIES", "org:kestrel-magnetics", "org:orion-motors-inc") in facts
    assert ("SUPPLIES", "org:birch-magnet-works-ltd", "org:cedar-motors-inc") in facts
    assert ("SUPPLIES", "org:harbor-rare-earths-ltd", "org:aster-magnetics-ltd") in facts
    assert ("SUBSIDIARY_OF", "org:aster-separation-ltd", "org:birch-mining-ltd") in facts
    assert ("SUBSIDIARY_OF", "org:elm-metals-ltd", "org:fir-holdings-inc") in facts
    assert not any(kind == "SUPPLIES" and s == "org:aster-magnetics-ltd" for kind, s, _ in facts)


def test_a_notices_list_of_items_is_restricted_by_the_policy_in_context(extractor):
    """The items a notice lists, in a sentence or one a line after "the following items:", are what it controls; a
    list that another sentence interrupts is over."""
    found = extractor.extract([
        ("Announcement No. 61 of 2025 on export controls", True),
        ("The Ministry of Commerce issued Announcement No. 61 of 2025.", False),
        ("The following items are subject to export control:", False),
        ("1. Samarium", False), ("2. Terbium oxide", False), ("3. Dy/Tb alloys", False),
        ("The measures take effect on 1 December 2025.", False), ("4. Holmium", False),
        ("The items subject to control also include erbium and thulium.", False),
    ]).as_dict()  # fmt: skip
    restricted = {r["target"] for r in found["relations"] if r["type"] == "RESTRICTS"}
    assert restricted == {"element:Sm", "material:terbium-oxide", "material:dysprosium-alloy", "material:terbium-alloy",
                          "element:Er", "element:Tm"}, restricted  # fmt: skip


def test_a_notices_items_headed_by_their_category_and_issuers_after_its_number(extractor):
    """Found on a probe notice: "1. Antimony ores and raw materials, including antimony ore and antimony concentrate"
    is one item of the list, named after "including" (not the element: the notice leaves other antimony products
    free); "Decree No. 12 of the Ministry of Mines" names its issuer."""
    found = extractor.extract([
        ("Decree No. 12 of 2024 of the Ministry of Mines and the Customs Administration", True),
        ("It is decided to implement export control on the following items:", False),
        ("1. Antimony ores and raw materials, including antimony ore and antimony concentrate.", False),
        ("2. Antimony metal and products, such as antimony trioxide.", False),
    ]).as_dict()  # fmt: skip
    names = {e["id"]: e["name"] for e in found["entities"]}
    restricted = {names[r["target"]] for r in found["relations"] if r["type"] == "RESTRICTS"}
    assert restricted == {"antimony ore", "antimony concentrate", "antimony metal", "antimony trioxide"}, restricted
    issuers = {names[r["target"]] for r in found["relations"] if r["type"] == "ISSUED_BY"}
    assert issuers == {"Ministry of Mines", "Customs Administration"}, issuers


def test_stakes_in_appositives_relative_clauses_and_hyphenated_shares(extractor):
    found = run(extractor, "Aster Separation Ltd, which is 51%-owned by Birch Mining Ltd, runs a refinery.",
                "Elm Metals Ltd, in which Fir Holdings Inc holds a 25% stake, runs a mine.",
                "Oak Magnet Ltd is 30% owned by Pine Capital Inc.")  # fmt: skip
    facts = found["facts"]
    assert ("SUBSIDIARY_OF", "org:aster-separation-ltd", "org:birch-mining-ltd") in facts
    assert ("HOLDS_STAKE_IN", "org:fir-holdings-inc", "org:elm-metals-ltd") in facts
    assert ("HOLDS_STAKE_IN", "org:pine-capital-inc", "org:oak-magnet-ltd") in facts
    assert not any(kind == "SUBSIDIARY_OF" and t == "org:pine-capital-inc" for kind, _, t in facts)


def test_a_demonym_before_a_compound_maker_places_the_firm(extractor):
    found = run(extractor, "Corvus Magnets Inc buys NdPr metal from Tarn Metals SA, a French metals maker, under a contract.")
    assert ("LOCATED_IN", "org:tarn-metals-sa", "country:FR") in found["facts"]


def test_coordinated_subjects_share_the_verb_but_an_introductory_phrase_does_not(extractor):
    found = run(extractor, "Harbor Rare Earths Ltd, Kestrel Magnetics and Orion Motors Inc are all headquartered in Perth.",
                "In Japan, Aster Magnets Ltd and Birch Magnet Works Ltd supply NdFeB magnets to Orion Motors Inc.",
                "Under a deal with Cedar Metals Ltd and Elm Metals Ltd, Fir Magnetics Ltd supplies NdFeB magnets to Oak Motors Inc.")
    facts = found["facts"]
    assert {("LOCATED_IN", f"org:{n}", "place:perth") for n in ("harbor-rare-earths-ltd", "kestrel-magnetics", "orion-motors-inc")} <= facts
    assert {("SUPPLIES", "org:aster-magnets-ltd", "org:orion-motors-inc"), ("SUPPLIES", "org:birch-magnet-works-ltd", "org:orion-motors-inc"),
            ("SUPPLIES", "org:fir-magnetics-ltd", "org:oak-motors-inc")} <= facts  # fmt: skip
    assert not any(kind == "SUPPLIES" and s in ("country:JP", "org:elm-metals-ltd", "org:cedar-metals-ltd") for kind, s, _ in facts)


def test_ownership_in_an_appositive(extractor):
    found = run(extractor, "KRE, the vehicle owned by Birch Mining Ltd and Fir Holdings Inc, lends money to Harbor Rare Earths Ltd.")
    assert found["names"]["KRE"]["label"] == "Company"  # (an all-capital name before a comma is no dateline)
    assert {("SUBSIDIARY_OF", "org:kre", "org:birch-mining-ltd"), ("SUBSIDIARY_OF", "org:kre", "org:fir-holdings-inc")} <= found["facts"]


def test_an_import_is_a_dependence_and_the_sources_supply(extractor):
    found = run(extractor, "Korea Zinc imports NdPr oxide from Vietnam.", "Japan's imports of samarium oxide from China fell.",
                "Japan may import samarium from Malaysia.")
    facts = found["facts"]
    assert {("DEPENDS_ON", "org:korea-zinc", "country:VN"), ("SUPPLIES", "country:VN", "org:korea-zinc"),
            ("DEPENDS_ON", "country:JP", "country:CN"), ("SUPPLIES", "country:CN", "country:JP")} <= facts  # fmt: skip
    assert not any("country:MY" in (s, t) for _, s, t in facts)


def test_an_investment_without_a_stated_share_is_cooperation(extractor):
    found = run(extractor, "The 2023 investment by Birch Mining Ltd and Fir Holdings Inc in Harbor Rare Earths Ltd funded the plant.",
                "Oak Magnet Ltd received an investment from Pine Capital Inc.", "Elm Metals Ltd may invest in Cedar Metals Ltd.")
    facts = found["facts"]
    assert {("COOPERATES_WITH", "org:birch-mining-ltd", "org:harbor-rare-earths-ltd"),
            ("COOPERATES_WITH", "org:fir-holdings-inc", "org:harbor-rare-earths-ltd"),
            ("COOPERATES_WITH", "org:oak-magnet-ltd", "org:pine-capital-inc")} <= facts  # fmt: skip
    assert not any(kind.startswith(("SUBSIDIARY", "HOLDS")) for kind, _, _ in facts)
    assert not any("org:cedar-metals-ltd" in (s, t) for _, s, t in facts)


def test_a_notice_title_names_its_issuers_and_a_table_of_items_is_its_list(extractor):
    """Bodies named before a notice's name issue it; "the Ministry and the Administration decided to implement export
    control on the following items:" issues the notice in context; a bare "Announcement" is that notice; the rows of a
    table under it are items of its list; what the notice leaves out is not restricted."""
    found = extractor.extract([
        ("Ministry of Mines and State Customs Bureau Announcement No. 7 of 2026", True),
        ("Announcement on export control of certain heavy rare earth items", True),
        ("The Ministry of Mines and the State Customs Bureau decided to implement export control on the following items:", False),
        ("Item | Customs code | Form", True), ("Holmium oxide | 2846901500 |", True), ("Erbium | 2805301500 | metal", True),
        ("The announcement does not cover lanthanum.", False),
    ]).as_dict()  # fmt: skip
    names = {e["id"]: e["name"] for e in found["entities"]}
    facts = {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}
    assert facts == {("ISSUED_BY", "Announcement No. 7 of 2026", "Ministry of Mines"),
                     ("ISSUED_BY", "Announcement No. 7 of 2026", "State Customs Bureau"),
                     ("RESTRICTS", "Announcement No. 7 of 2026", "holmium oxide"),
                     ("RESTRICTS", "Announcement No. 7 of 2026", "Erbium")}, facts  # fmt: skip


def test_a_table_row_is_read_under_its_header():
    """Each row of a table (Markdown or HTML) gives what its columns imply; each cell is read as a sentence too."""
    html = ("<table><tr><th>Plant</th><th>Operator</th><th>Location</th><th>Main products</th></tr>"
            "<tr><td>Tarn Valley plant</td><td>Tarn Metals Sdn Bhd, a wholly owned subsidiary of Corvus Mining Ltd</td>"
            "<td>Gebeng, Kuantan, Pahang, Malaysia</td><td>NdPr oxide and NdPr metal from monazite</td></tr>"
            "<tr><td>Kestrel Ridge</td><td>Kestrel Magnetics Inc</td><td></td><td>NdFeB magnets</td></tr></table>"
            "<p>Kestrel Magnetics Inc is not listed.</p>")  # fmt: skip
    markdown = "| Plant | Operator | Location |\n|---|---|---|\n| Tarn Valley plant | Tarn Metals Sdn Bhd | Gebeng, Malaysia |\n"
    for blocks in (read_html(html).blocks, read_text(markdown, True).blocks):
        found = Extractor(Gazetteer()).extract(blocks).as_dict()
        names = {e["id"]: e["name"] for e in found["entities"]}
        facts = {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}
        assert {("OPERATES", "Tarn Metals Sdn Bhd", "Tarn Valley plant"),
                ("LOCATED_IN", "Tarn Valley plant", "Gebeng")} <= facts, facts  # fmt: skip
        if "Kestrel" in html and len(blocks) > 3:
            assert {("SUBSIDIARY_OF", "Tarn Metals Sdn Bhd", "Corvus Mining Ltd"), ("LOCATED_IN", "Gebeng", "Kuantan"),
                    ("LOCATED_IN", "Pahang", "Malaysia"), ("PRODUCES", "Tarn Valley plant", "NdPr metal"),
                    ("INPUT_TO", "monazite", "NdPr metal"), ("OPERATES", "Kestrel Magnetics Inc", "Kestrel Ridge"),
                    ("PRODUCES", "Kestrel Ridge", "NdFeB magnet")} <= facts, facts  # fmt: skip
            assert ("PRODUCES", "Tarn Valley plant", "monazite") not in facts


def test_a_firm_that_supplies_a_material_makes_it_unless_it_trades_it(extractor):
    found = run(extractor, "Harbor Rare Earths Ltd supplies NdPr oxide to Orion Motors Inc.",
                "The trader Pine Metals Ltd supplies NdPr oxide to Orion Motors Inc.",
                "Birch Metals Ltd buys samarium oxide from Elm Metals Ltd.", "Birch Metals Ltd sells samarium oxide to Orion Motors Inc.")
    facts = found["facts"]
    assert {("PRODUCES", "org:harbor-rare-earths-ltd", "material:ndpr-oxide"),
            ("PRODUCES", "org:elm-metals-ltd", "material:samarium-oxide")} <= facts  # fmt: skip
    assert not {("PRODUCES", "org:pine-metals-ltd", "material:ndpr-oxide"),
                ("PRODUCES", "org:birch-metals-ltd", "material:samarium-oxide")} & facts  # fmt: skip


def test_elements_listed_before_a_plural_form_are_that_form_of_each(extractor):
    found = run(extractor, "Harbor Rare Earths Ltd separates the ore into lanthanum, cerium and NdPr oxides.",
                "Aster Magnetics Ltd is supplied with MREC by Harbor Rare Earths Ltd.", "The controls cover samarium and terbium.")
    facts = found["facts"]
    assert {("PRODUCES", "org:harbor-rare-earths-ltd", f"material:{m}-oxide") for m in ("lanthanum", "cerium", "ndpr")} <= facts
    assert ("SUPPLIES", "org:harbor-rare-earths-ltd", "org:aster-magnetics-ltd") in facts
    assert {"element:Sm", "element:Tb"} <= {e["id"] for e in found["entities"]}
    assert not {"element:La", "element:Ce"} & {e["id"] for e in found["entities"]}


def test_stakes_shared_by_coordinated_holders_and_awards(extractor):
    found = run(extractor, "The Assets Commission holds 31.21% of Harbor Rare Earths Ltd; Birch Mining Ltd and Fir Holdings Inc hold 20.33% each.",
                "Oak Metals Ltd and Pine Metals Ltd each hold a 25% stake in Elm Magnetics Ltd.",
                "Cedar Metals Ltd finalised an $18.4 million award from the Department of Energy in May.",
                "Cedar Metals Ltd also controls the Bokan Ridge deposit in Alaska.",
                "Tarn Steel Union, the Birch Mining Ltd subsidiary that runs the mine, sells concentrate to Oak Metals Ltd.")
    stakes = {(r["source"], r["target"]): r.get("stake") for r in found["relations"] if r["type"] == "HOLDS_STAKE_IN"}
    assert stakes[("org:birch-mining-ltd", "org:harbor-rare-earths-ltd")] == 0.2033
    assert stakes[("org:fir-holdings-inc", "org:harbor-rare-earths-ltd")] == 0.2033
    assert {("org:oak-metals-ltd", "org:elm-magnetics-ltd"), ("org:pine-metals-ltd", "org:elm-magnetics-ltd")} <= set(stakes)
    facts = found["facts"]
    assert ("COOPERATES_WITH", "org:cedar-metals-ltd", "org:us-department-of-energy") in facts
    assert ("OPERATES", "org:cedar-metals-ltd", "facility:bokan-ridge-deposit") in facts
    assert {("SUBSIDIARY_OF", "org:tarn-steel-union", "org:birch-mining-ltd"), ("SUPPLIES", "org:tarn-steel-union", "org:oak-metals-ltd")} <= facts


def test_co_ltd_names_and_a_feed_column(extractor):
    found = run(extractor, "Tavoria Motor Co., Ltd. and Ostrel Steel Co., Ltd. signed an agreement.")  # (invented: Honda and Daido
    assert {"Tavoria Motor Co., Ltd", "Ostrel Steel Co., Ltd"} <= set(found["names"]) and "Ltd" not in found["names"]  # are known)
    blocks = read_text("| Refinery | Owner | Spodumene feed |\n|---|---|---|\n| Tavask refinery | Albemarle | Greenbushes mine |\n", True).blocks
    result = Extractor(Gazetteer()).extract(blocks).as_dict()
    names = {e["id"]: e["name"] for e in result["entities"]}
    facts = {(r["type"], names[r["source"]], names[r["target"]]) for r in result["relations"]}
    assert {("OPERATES", "Albemarle", "Tavask refinery"), ("SUPPLIES", "Greenbushes mine", "Tavask refinery")} <= facts, facts


def test_a_directory_and_a_tracker_table():
    """A "Headquarters" column places the firm; a list of places is no plant; a notice per row restricts its items and
    is issued by its issuers; the column names are no entities."""
    found = Extractor(Gazetteer()).extract(read_text(
        "| Company | Headquarters | Plants | Products |\n|---|---|---|---|\n"
        "| Kestrel Magnetics Inc | Hanau, Germany | Hanau; Sumter | sintered NdFeB magnets |\n\n"
        "| Announcement | Issued by | Items |\n|---|---|---|\n"
        "| Announcement No. 61 of 2025 | Ministry of Commerce and General Administration of Customs | holmium, erbium |\n",
        True).blocks).as_dict()  # fmt: skip
    names = {e["id"]: e["name"] for e in found["entities"]}
    facts = {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}
    assert facts >= {("LOCATED_IN", "Kestrel Magnetics Inc", "Hanau"), ("PRODUCES", "Kestrel Magnetics Inc", "NdFeB magnet"),
                     ("RESTRICTS", "Announcement No. 61 of 2025", "Holmium"), ("RESTRICTS", "Announcement No. 61 of 2025", "Erbium"),
                     ("ISSUED_BY", "Announcement No. 61 of 2025", "General Administration of Customs")}, facts  # fmt: skip
    assert not {"Company", "Announcement", "Items"} & set(names.values())
    assert not any(label == "Facility" for label in (e["label"] for e in found["entities"]))


def test_a_relative_clause_produces_for_its_head(extractor):
    found = run(extractor, "Harbor Rare Earths Ltd is building the Kalgoorlie plant, which is designed to produce mixed rare earth carbonate.")
    facts = found["facts"]
    assert ("PRODUCES", "facility:kalgoorlie-plant", "material:mixed-rare-earth-carbonate") in facts, facts
    assert ("PRODUCES", "org:harbor-rare-earths-ltd", "material:mixed-rare-earth-carbonate") not in facts


def test_a_passive_names_the_maker(extractor):
    found = run(extractor, "Kestrel Trading Ltd buys samarium oxide produced by Harbor Rare Earths Ltd in Malaysia.",
                "Neodymium oxide may be refined by Orion Metals Ltd.")
    assert ("PRODUCES", "org:harbor-rare-earths-ltd", "material:samarium-oxide") in found["facts"]
    assert not any(s == "org:orion-metals-ltd" for _, s, _ in found["facts"])

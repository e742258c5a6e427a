"""The tuning sets' gold files (sets D, E, H, I and J) are well-formed, so that tuning on them measures the extractor, not a typo in
the gold.

Every relation's evidence must be a verbatim substring of one text block as the document loader reads it (after
Markdown clean-up or HTML-to-text), its ends must be entities of the same gold file, and labels and relationship
types must be the schema's. Set C is frozen (only its README and SCORES are read), so it is not checked here; sets A
and B predate the rule that evidence is a substring of one loaded block (a few of their evidences keep a list
bullet or quote the HTML title).

Sets F (``heldout-f``) and G (``heldout-g``, session 9) are frozen too, but their authors check them here with the same
rules: a failure names only the file and what kind of defect it has, never the gold's content, so that a developer
whose change breaks the check does not read a frozen set's annotations in the message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supplygraph.loaders.documents import read_html, read_text
from supplygraph.schema import facts

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
SETS = ["set-d", "set-e", "set-h", "set-i", "set-j"]
LABELS = {"Country", "Place", "StateOwnedEnterprise", "Company", "University", "ResearchInstitute", "GovernmentBody",
          "Facility", "Element", "Material", "EndUse", "Policy", "Event"}  # fmt: skip
TYPES = {cls.model_fields["type"].default for cls in vars(facts).values()
         if isinstance(cls, type) and issubclass(cls, facts.Fact) and cls is not facts.Fact}  # fmt: skip


def _blocks(document: Path) -> list[str]:
    text = document.read_text(encoding="utf-8")
    read = read_html(text) if document.suffix == ".html" else read_text(text, markdown=document.suffix == ".md")
    return [block for block, _ in read.blocks]


def _gold_files() -> list[Path]:
    return [gold for name in SETS for gold in sorted((FIXTURES / name).glob("*.gold.json"))]


@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_file_is_well_formed(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document = gold_path.with_name(gold_path.name[: -len(".gold.json")])
    assert gold["doc"] == document.name and document.exists()
    blocks = _blocks(document)
    names = {e["name"] for e in gold["entities"]}
    assert len(names) == len(gold["entities"]), "two gold entities share a canonical name"
    assert {e["label"] for e in gold["entities"]} <= LABELS
    for r in gold["relations"]:
        assert r["type"] in TYPES, r
        assert r["source"] in names and r["target"] in names, r
        assert any(r["evidence"] in block for block in blocks), f"evidence not verbatim in one text block: {r['evidence']!r}"
    for item in gold.get("must_not_extract", []):
        assert isinstance(item, str) and item.strip()


def test_set_d_is_a_tuning_set_of_at_least_eight_documents():
    """Set D is the tuning set for issue 12 (its README says so); it mirrors set C's genres and density."""
    golds = sorted((FIXTURES / "set-d").glob("*.gold.json"))
    assert len(golds) >= 8
    assert "tuning set" in (FIXTURES / "set-d" / "README.md").read_text(encoding="utf-8")


def test_set_e_is_a_second_tuning_set_in_set_c_genres():
    """Set E is a second tuning set for issue 12, written like set D (its README says so), with no score floor."""
    golds = sorted((FIXTURES / "set-e").glob("*.gold.json"))
    assert len(golds) >= 15
    readme = (FIXTURES / "set-e" / "README.md").read_text(encoding="utf-8")
    assert "tuning set" in readme and "no floor" in readme


def test_set_h_is_a_tuning_set_for_precision_with_no_floor():
    """Set H (session 10) is a tuning set for precision on unseen genres, written like D and E, with no floor."""
    golds = sorted((FIXTURES / "set-h").glob("*.gold.json"))
    assert len(golds) >= 8
    assert all(gold.with_name(gold.name[: -len(".gold.json")]).exists() for gold in golds)
    readme = (FIXTURES / "set-h" / "README.md").read_text(encoding="utf-8")
    assert "tuning set" in readme and "no floor" in readme


def test_set_i_is_a_tuning_set_for_entity_recall_with_no_floor():
    """Set I (session 11) is a tuning set for entity recall on unseen genres, written like D, E and H, with no floor."""
    golds = sorted((FIXTURES / "set-i").glob("*.gold.json"))
    assert len(golds) >= 10
    assert all(gold.with_name(gold.name[: -len(".gold.json")]).exists() for gold in golds)
    readme = (FIXTURES / "set-i" / "README.md").read_text(encoding="utf-8")
    assert "tuning set" in readme and "no floor" in readme


def test_set_j_is_a_tuning_set_for_entities_with_no_floor():
    """Set J (session 12) is a tuning set for entity recall and precision on unseen genres, with no floor."""
    golds = sorted((FIXTURES / "set-j").glob("*.gold.json"))
    assert len(golds) >= 10
    assert all(gold.with_name(gold.name[: -len(".gold.json")]).exists() for gold in golds)
    readme = (FIXTURES / "set-j" / "README.md").read_text(encoding="utf-8")
    assert "tuning set" in readme and "no floor" in readme


def _defects(gold_path: Path) -> list[str]:
    """What is wrong with one gold file, as kinds of defect with counts (no gold content, for the frozen set F)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document = gold_path.with_name(gold_path.name[: -len(".gold.json")])
    if gold.get("doc") != document.name or not document.exists():
        return ["the gold file does not name an existing document beside it"]
    blocks = _blocks(document)
    names = [e["name"] for e in gold["entities"]]
    counts = {
        "entities sharing a canonical name": len(names) - len(set(names)),
        "entity labels outside the schema": sum(e["label"] not in LABELS for e in gold["entities"]),
        "relation types outside the schema": sum(r["type"] not in TYPES for r in gold["relations"]),
        "relation ends that are not gold entities": sum(
            r["source"] not in names or r["target"] not in names for r in gold["relations"]),
        "evidences not verbatim in one loaded text block": sum(
            not any(r["evidence"] in block for block in blocks) for r in gold["relations"]),
        "must_not_extract items that are not non-empty strings": sum(
            not (isinstance(m, str) and m.strip()) for m in gold.get("must_not_extract", [])),
        "must_not_extract relation items whose type is outside the schema": sum(
            m.split(":", 1)[0] not in TYPES for m in gold.get("must_not_extract", [])
            if isinstance(m, str) and ":" in m and "->" in m),
    }  # fmt: skip
    return [f"{n} {what}" for what, n in counts.items() if n]


FROZEN = ["heldout-f", "heldout-g"]


@pytest.mark.parametrize("gold_path", [gold for name in FROZEN for gold in sorted((FIXTURES / name).glob("*.gold.json"))],
                         ids=lambda p: f"{p.parent.name}/{p.name}")  # fmt: skip
def test_frozen_set_gold_file_is_well_formed(gold_path):
    assert not _defects(gold_path), f"{gold_path.parent.name}/{gold_path.name}: {', '.join(_defects(gold_path))}"


def test_set_f_is_a_frozen_set_of_documents_with_a_before_score():
    """Set F is a frozen held-out set (its README says so and carries the frozen-set rule) with a before score."""
    golds = sorted((FIXTURES / "heldout-f").glob("*.gold.json"))
    assert len(golds) >= 12
    readme = (FIXTURES / "heldout-f" / "README.md").read_text(encoding="utf-8")
    assert "**Frozen.**" in readme
    assert "before (36322f1)" in (FIXTURES / "heldout-f" / "SCORES.md").read_text(encoding="utf-8")


def test_set_g_is_a_frozen_set_of_at_least_twelve_documents():
    """Set G is the frozen held-out set of session 9 (its README carries the frozen-set rule) with a before score."""
    golds = sorted((FIXTURES / "heldout-g").glob("*.gold.json"))
    assert len(golds) >= 12
    assert all(gold.with_name(gold.name[: -len(".gold.json")]).exists() for gold in golds)
    assert "**Frozen.**" in (FIXTURES / "heldout-g" / "README.md").read_text(encoding="utf-8")
    assert "before (df95236)" in (FIXTURES / "heldout-g" / "SCORES.md").read_text(encoding="utf-8")


def test_set_f_defects_are_named_without_the_gold_content(tmp_path):
    """The frozen-set check reports kinds of defect with counts, and no annotation text."""
    (tmp_path / "d.txt").write_text("Acme supplies Beta.\n", encoding="utf-8")
    gold = {"doc": "d.txt", "entities": [{"name": "Acme", "label": "Firm", "aliases": []}],
            "relations": [{"type": "SUPPLIES", "source": "Acme", "target": "Beta", "evidence": "Acme sells Beta secretly."}],
            "must_not_extract": ["NOPE:Acme->Beta"]}  # fmt: skip
    path = tmp_path / "d.txt.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    assert _defects(path) == ["1 entity labels outside the schema", "1 relation ends that are not gold entities",
                              "1 evidences not verbatim in one loaded text block",
                              "1 must_not_extract relation items whose type is outside the schema"]  # fmt: skip

"""The tuning sets' gold files (sets D and E) are well-formed, so that tuning on them measures the extractor, not a typo in
the gold.

Every relation's evidence must be a verbatim substring of one text block as the document loader reads it (after
Markdown clean-up or HTML-to-text), its ends must be entities of the same gold file, and labels and relationship
types must be the schema's. Set C is frozen (only its README and SCORES are read), so it is not checked here; sets A
and B predate the rule that evidence is a substring of one loaded block (a few of their evidences keep a list
bullet or quote the HTML title).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supplygraph.loaders.documents import read_html, read_text
from supplygraph.schema import facts

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
SETS = ["set-d", "set-e"]
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

"""Scoring against gold files, on tiny hand-made gold data with known answers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.errors import LoadError
from supplygraph.loaders.evaluation import gold_pairs, score_document

GOLD = {
    "entities": [
        {"name": "Acme Magnetics", "label": "Company", "aliases": ["Acme"]},
        {"name": "NdFeB magnet", "label": "Material", "aliases": ["NdFeB magnets"]},
        {"name": "Birch Motors", "label": "Company", "aliases": []},
    ],
    "relations": [
        {"type": "PRODUCES", "source": "Acme Magnetics", "target": "NdFeB magnet", "evidence": "..."},
        {"type": "COOPERATES_WITH", "source": "Acme Magnetics", "target": "Birch Motors", "evidence": "..."},
    ],
    "must_not_extract": ["Crestline Bank", "SUPPLIES:Acme Magnetics->Birch Motors"],
}


def entity(id_, name, aliases=()):
    return {"id": id_, "label": "Company", "name": name, "aliases": list(aliases)}


def test_perfect_extraction_scores_one():
    found = {
        "entities": [entity("a", "ACME", ["Acme Magnetics"]), entity("m", "NdFeB magnets."), entity("b", "Birch Motors")],
        "relations": [{"type": "PRODUCES", "source": "a", "target": "m"}, {"type": "COOPERATES_WITH", "source": "b", "target": "a"}],
    }
    score = score_document(GOLD, found)
    assert (score.entities.f1, score.relations.f1) == (1.0, 1.0)


def test_false_positives_misses_duplicates_and_violations():
    found = {
        "entities": [entity("a", "Acme"), entity("a2", "Acme Magnetics"), entity("x", "Crestline Bank"), entity("b", "Birch Motors")],
        "relations": [{"type": "SUPPLIES", "source": "a", "target": "b"}, {"type": "COOPERATES_WITH", "source": "a", "target": "b"}],
    }
    score = score_document(GOLD, found)
    assert (score.entities.tp, score.entities.fp, score.entities.fn) == (2, 2, 1)
    assert score.entities.misses == ["NdFeB magnet [Material]"]
    assert (score.relations.tp, score.relations.fp, score.relations.fn) == (1, 1, 1)
    assert sorted(score.violations) == ["Crestline Bank", "SUPPLIES:Acme Magnetics->Birch Motors"]
    assert score.entities.precision == 0.5 and score.relations.recall == 0.5


def test_gold_folder_errors(tmp_path):
    with pytest.raises(LoadError, match="no \\*.gold.json"):
        gold_pairs(tmp_path)
    (tmp_path / "lonely.txt.gold.json").write_text("{}")
    with pytest.raises(LoadError, match="without its document"):
        gold_pairs(tmp_path)


def test_eval_command_scores_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Acme Magnetics makes NdFeB magnets. Acme Magnetics signed an agreement with Birch Motors.\n")
    (tmp_path / "a.txt.gold.json").write_text(json.dumps(GOLD))
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "none.db"), "eval", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overall"]["entities"]["f1"] == 1.0 and data["overall"]["relations"]["f1"] == 1.0
    table = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert "OVERALL" in table.stdout
    bad = tmp_path / "b.txt"
    bad.write_text("x")
    (tmp_path / "b.txt.gold.json").write_text("{not json")
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 1 and "b.txt.gold.json:1" in result.stderr

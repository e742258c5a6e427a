"""The learned relation component: the shipped weights, what it adds on our own sentences, and the review gate."""

from __future__ import annotations

import json

import numpy as np
import pytest

from supplygraph.graph import EmbeddedStore
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction.learned import ENVIRONMENT
from supplygraph.loaders.extraction.learned.features import candidates, stem
from supplygraph.loaders.extraction.learned.model import Learned
from supplygraph.loaders.extraction.learned.train import NEVER
from supplygraph.schema import FACT_TYPES

NORWAY = ("Halvorsen Minerals, a Norwegian company that separates rare earths, is building its first separation plant "
          "at Porsgrunn, on the coast of southern Norway.")  # fmt: skip  (the rules read "in southern Norway" now)
ORLOV = "The Orlov mine, operated for a century by Kirova Group, produces iron ore."  # (the rules read "which K has operated")


@pytest.fixture(scope="module")
def both() -> tuple[Extractor, Extractor]:
    return Extractor(learned=False), Extractor(learned=True)


def facts(extractor: Extractor, text: str) -> dict[tuple[str, str, str], dict]:
    found = extractor.extract([(text, False)]).as_dict()
    return {(r["type"], r["source"], r["target"]): r for r in found["relations"]}


def test_the_shipped_weights_load_and_fit_their_feature_space():
    model = Learned.load()
    assert model.weights.shape == (len(model.features), len(model.classes)) and len(set(model.features)) == len(model.features)
    assert model.features == sorted(model.features) and 0 < model.threshold < 1
    for cls in model.classes:
        assert cls[-1] in "<>=" and cls[:-1] in FACT_TYPES, cls
    trained_on = [d["document"] for d in model.meta["trained_on"]]
    assert trained_on and not [d for d in trained_on if d.split("/")[0] in NEVER]  # never set B or C
    # every kind of feature the code makes is one the weights know, and the other way round
    with_rules = Extractor(learned=False)
    st_features = {f.split(":")[0] for f in _features(with_rules, NORWAY + " " + ORLOV)}
    known = {f.split(":")[0] for f in model.features}
    assert st_features <= known and {"pair", "b", "t", "gap", "rule"} <= known


def _features(extractor: Extractor, text: str) -> list[str]:
    seen: list[str] = []

    class Spy:
        def add(self, st, keep):
            seen.extend(f for c in candidates(st, keep) for f in c.features)

    extractor.learned = Spy()
    try:
        extractor.extract([(text, False)])
    finally:
        extractor.learned = None
    return seen


def test_off_by_default_and_on_through_the_environment(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert Extractor().learned is None
    monkeypatch.setenv(ENVIRONMENT, "1")
    assert isinstance(Extractor().learned, Learned)
    assert Extractor(learned=False).learned is None


def test_it_adds_relations_the_rules_miss_at_a_lower_confidence(both):
    rules, learned = both
    place = ("LOCATED_IN", "place:porsgrunn", "country:NO")
    assert place not in facts(rules, NORWAY)
    added = facts(learned, NORWAY)[place]
    assert added["evidence"] == NORWAY and 0 < added["confidence"] <= 0.5  # below every rule's 0.6 and up
    operates = ("OPERATES", "org:kirova-group", "facility:orlov-mine")
    assert operates not in facts(rules, ORLOV) and operates in facts(learned, ORLOV)
    # what the rules found stands, with the rules' confidence
    ruled = facts(rules, ORLOV)
    assert {k: v["confidence"] for k, v in ruled.items()} == {k: facts(learned, ORLOV)[k]["confidence"] for k in ruled}


def test_negated_and_unrelated_sentences_get_nothing_added(both):
    rules, learned = both
    for text in ("Kirova Group has never operated the Orlov mine, the ministry said.",
                 "Germany and Japan were both mentioned in the report on iron ore."):  # fmt: skip
        assert facts(learned, text).keys() == facts(rules, text).keys()


def test_the_hook_with_hand_made_weights_direction_threshold_and_pairs_the_rules_left_alone():
    model = Learned(["b:bankroll", "pair:Company>Company"], ["COOPERATES_WITH=", "SUPPLIES<"],
                    np.array([[0.0, 6.0], [0.0, 0.0]]), np.array([-9.0, -3.0]), threshold=0.9)  # fmt: skip
    x = Extractor(learned=False)
    x.learned = model
    found = facts(x, "Arlen Metals Ltd bankrolls Corvane Magnetics Ltd, the regulator said.")
    # "bankroll" between two firms: the second supplies the first (p = 0.95), nothing else clears 0.9
    assert found == {("SUPPLIES", "org:corvane-magnetics-ltd", "org:arlen-metals-ltd"): found[
        ("SUPPLIES", "org:corvane-magnetics-ltd", "org:arlen-metals-ltd")]}
    assert found[("SUPPLIES", "org:corvane-magnetics-ltd", "org:arlen-metals-ltd")]["confidence"] == 0.48
    model.threshold = 0.99
    assert facts(x, "Arlen Metals Ltd bankrolls Corvane Magnetics Ltd, the regulator said.") == {}
    # a pair the rules related keeps the rules' verdict only
    assert set(facts(x, "Arlen Metals Ltd signed a cooperation agreement with Corvane Magnetics Ltd.")) == {
        ("COOPERATES_WITH", "org:arlen-metals-ltd", "org:corvane-magnetics-ltd")}


def test_weights_round_trip_through_a_plain_npz_file(tmp_path):
    model = Learned(["a", "b"], ["SUPPLIES>"], np.array([[1.5], [-2.0]]), np.array([0.25]), 0.6, {"C": 1.0})
    model.save(tmp_path / "w.npz")
    with np.load(tmp_path / "w.npz", allow_pickle=False) as data:  # no pickled object in the file
        assert json.loads(str(data["meta"]))["threshold"] == 0.6
    again = Learned.load(tmp_path / "w.npz")
    assert again.features == ["a", "b"] and again.classes == ["SUPPLIES>"] and again.meta["C"] == 1.0
    assert np.allclose(again.weights, model.weights) and np.allclose(again.bias, model.bias) and again.threshold == 0.6
    with pytest.raises(ValueError, match="do not fit"):
        Learned(["a"], ["SUPPLIES>"], np.zeros((2, 1)), np.zeros(1), 0.5)


def test_stems_join_the_forms_of_a_trigger():
    assert stem("supplies") == stem("supplied") == stem("supplying") == "supply"
    assert stem("produces") == stem("produced") == stem("producing")
    assert stem("NdPr") == "NdPr" and stem("in") == "in"


def test_learned_facts_are_stored_unreviewed_with_evidence_and_confidence(cli, tmp_path, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT, "1")
    doc = tmp_path / "orlov.txt"
    doc.write_text(ORLOV + "\n", encoding="utf-8")
    assert cli("load", str(doc)).exit_code == 0
    with EmbeddedStore(cli.store_path) as store:
        [edge] = [e for e in store.edges("OPERATES") if e.source == "org:kirova-group"]
        assert not edge.reviewed and ORLOV in edge.evidence
    pending = json.loads(cli("review", "--format", "json").output)
    [fact] = [f for f in pending if f["type"] == "OPERATES"]
    assert fact["confidence"] <= 0.5 and fact["evidence"] == ORLOV

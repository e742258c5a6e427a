"""The learned relation component: the shipped weights, what it adds on our own sentences, and the review gate."""

from __future__ import annotations

import json

import numpy as np
import pytest

from supplygraph.graph import EmbeddedStore
from supplygraph.loaders.extraction import Extractor
from supplygraph.loaders.extraction.learned import ENVIRONMENT
from supplygraph.loaders.extraction.learned.features import candidates, judged, stem
from supplygraph.loaders.extraction.learned.model import Filter, Learned
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
    assert {"heldout-b", "heldout-c", "heldout-f", "heldout-g"} <= set(NEVER)
    assert trained_on and not [d for d in trained_on if d.split("/")[0] in NEVER]  # never set B, C, F or G
    if model.filter is not None:  # the filter's features are those judged() makes
        assert model.filter.features == sorted(model.filter.features) and len(model.filter.weights) == len(model.filter.features)
        assert {"type", "conf", "lpair"} <= {f.split(":")[0] for f in model.filter.features}
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


def test_the_shipped_weights_read_the_relation_of_a_pair_the_rules_miss(both):
    """What the weights learned, on two of our own sentences the rules leave unrelated: the likeliest class of each
    pair is the right one (their probabilities stay below the shipped threshold, so nothing is added by default)."""
    rules, _ = both
    model = Learned.load()
    classes: dict[tuple[str, str], str] = {}

    class Spy:
        def add(self, st, keep):
            for c, row in zip(found := candidates(st, keep, unruled_only=True), model.probabilities(found)):
                classes[(keep[c.a].name, keep[c.b].name)] = model.classes[int(row.argmax())]

    rules.learned = Spy()
    try:
        rules.extract([(ORLOV, False)])
        rules.extract([(NORWAY, False)])
    finally:
        rules.learned = None
    assert classes[("Orlov mine", "Kirova Group")] == "OPERATES<" and classes[("Porsgrunn", "Norway")] == "LOCATED_IN>"


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
    assert found[("SUPPLIES", "org:corvane-magnetics-ltd", "org:arlen-metals-ltd")]["confidence"] == 0.38  # 0.4 p
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
    from supplygraph.loaders.extraction.learned import model

    # the component the environment turns on, with weights that read "operated ... by" as OPERATES at p = 0.95
    monkeypatch.setattr(model, "_SHIPPED", [Learned(["b:operat", "t:NOPE"], ["OPERATES<"], np.array([[6.0], [0.0]]),
                                                    np.array([-3.0]), 0.9)])  # fmt: skip
    monkeypatch.setenv(ENVIRONMENT, "1")
    doc = tmp_path / "orlov.txt"
    doc.write_text(ORLOV + "\n", encoding="utf-8")
    assert cli("load", str(doc)).exit_code == 0
    with EmbeddedStore(cli.store_path) as store:
        [edge] = [e for e in store.edges("OPERATES") if e.source == "org:kirova-group"]
        assert not edge.reviewed and ORLOV in edge.evidence
    pending = json.loads(cli("review", "--format", "json").output)
    [fact] = [f for f in pending if f["type"] == "OPERATES"]
    assert fact["confidence"] == 0.38 and fact["evidence"] == ORLOV  # below every rule's (0.45 and up)


PACT = "Arlen Metals Ltd signed a cooperation agreement with Corvane Magnetics Ltd."
PACT_KEY = ("COOPERATES_WITH", "org:arlen-metals-ltd", "org:corvane-magnetics-ltd")


def test_the_filter_drops_a_relation_of_the_rules_it_scores_below_its_threshold():
    x = Extractor(learned=False)
    assert PACT_KEY in facts(x, PACT)
    # "cooperation" between the two: p = 0.12 that the rules are right, below 0.2: dropped
    low = Filter(["COOPERATES_WITH|b:cooperation", "type:COOPERATES_WITH"], np.array([-4.0, 1.0]), 1.0, 0.2)
    x.learned = Learned([], [], np.zeros((0, 0)), np.zeros(0), 0.5, filter=low, adds=False)
    assert PACT_KEY not in facts(x, PACT)
    low.threshold = 0.1  # p = 0.12 clears it: kept, with the rules' confidence
    assert facts(x, PACT)[PACT_KEY]["confidence"] == facts(Extractor(learned=False), PACT)[PACT_KEY]["confidence"]


def test_the_filter_reads_the_rules_relations_with_their_pair_and_type():
    seen: list[tuple] = []

    class Spy:
        def add(self, st, keep):
            found = candidates(st, keep)
            assert [(keep[c.a].name, keep[c.b].name) for c in found if c.ruled] == [("Arlen Metals Ltd", "Corvane Magnetics Ltd")]
            seen.extend((key[0], keep[key[1]].name, keep[key[2]].name, f) for key, f in judged(st, keep, found))

    x = Extractor(learned=False)
    x.learned = Spy()
    x.extract([(PACT, False)])
    [(type_, source, target, features)] = seen
    assert (type_, source, target) == ("COOPERATES_WITH", "Arlen Metals Ltd", "Corvane Magnetics Ltd")
    assert {"type:COOPERATES_WITH", "order:COOPERATES_WITH>", "b:cooperation", "COOPERATES_WITH|b:cooperation"} <= set(features)
    assert not [f for f in features if f.startswith(("rule:COOPERATES_WITH", "rule-here:COOPERATES_WITH"))]  # not its own verdict


def test_a_filter_round_trips_with_the_weights(tmp_path):
    model = Learned(["a"], ["SUPPLIES>"], np.array([[1.0]]), np.array([0.0]), 0.6,
                    filter=Filter(["type:SUPPLIES", "x"], np.array([0.5, -1.0]), 0.25, 0.15), adds=False)  # fmt: skip
    model.save(tmp_path / "w.npz")
    again = Learned.load(tmp_path / "w.npz")
    assert again.adds is False and again.filter.features == ["type:SUPPLIES", "x"] and again.filter.threshold == 0.15
    assert np.allclose(again.filter.weights[:, 0], [0.5, -1.0]) and np.allclose(again.filter.bias, [0.25])
    assert np.allclose(again.filter.probabilities([["type:SUPPLIES"], ["x", "unknown"], []]),
                       1 / (1 + np.exp(-np.array([0.75, -0.75, 0.25]))))  # fmt: skip
    model.save(tmp_path / "again.npz")
    assert (tmp_path / "w.npz").read_bytes() == (tmp_path / "again.npz").read_bytes()  # the same model, the same bytes


def test_training_refuses_the_held_out_and_frozen_sets_before_reading_them(tmp_path):
    from supplygraph.loaders.extraction.learned.train import examples

    for name in ("heldout-b", "heldout-c", "heldout-f", "heldout-g"):  # (empty folders of those names: nothing read)
        (tmp_path / name).mkdir()
        with pytest.raises(SystemExit, match="never trained on"):
            examples([tmp_path / name])

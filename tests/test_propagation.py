"""The scenario's propagation a generation at a time in NumPy (:func:`fast_propagate`) gives what the rules give node
by node (:meth:`Rules.propagate`): the same availability, cause and hops for every node, to the last bit, on the
bundled store and on generated networks whose materials mix every case the rules tell apart (inputs with shares,
some with shares, inputs that carry elements or stand for a category, equal splits, suppliers)."""

from __future__ import annotations

import random

import pytest

from supplygraph.errors import NotFound
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.analyses.centrality import condensed_order
from supplygraph.graph.analyses.flow import FLOW_TYPES, EQUAL, supply_flow
from supplygraph.graph.analyses.flowgraph import flow_graph
from supplygraph.graph.analyses.integers import topological_generations
from supplygraph.graph.analyses.propagation import Rules, fast_propagate
from supplygraph.graph.analyses.scenarios import _resolve, parse_scenario

from .benchmarks.gen_supply_network import supply_network


def _mixed(seed: int):
    """A generated flow with every kind of node the rules tell apart."""
    F = supply_flow(supply_network(6000, seed=seed), as_of="2026-01-01")
    rng = random.Random(seed)
    materials = [n for n, d in F.nodes(data=True) if d.get("label") == "Material"]
    for position, material in enumerate(materials):
        inputs = [(u, e) for u, e in F._pred[material].items() if e["type"] != "PRODUCES"]
        if position % 3 == 0:
            for _, e in inputs:
                e["weight"] = rng.choice([0.2, 0.5, 1 / 3, 0.7])
        elif position % 5 == 0 and inputs:
            inputs[0][1]["weight"] = 0.4
        if position % 7 == 0:
            for u, _ in inputs[:2]:
                F.nodes[u]["elements"] = {"Nd"}
        if position % 11 == 0 and inputs:
            inputs[-1][1]["group"] = "category:x"
        if position % 13 == 0:
            for vintage in F.nodes[material].get("vintages", {}).values():
                vintage["weights"] = EQUAL
    uses = [n for n, d in F.nodes(data=True) if d.get("label") == "EndUse"]
    for use in uses[::4]:
        for e in list(F._pred[use].values())[:2]:
            e["group"] = "category:y"
    producers = [n for n, d in F.nodes(data=True) if d.get("label") not in ("Material", "EndUse")]
    for a, b in zip(producers[::50], producers[1::50]):
        F.add_edge(a, b, type="SUPPLIES", weight=rng.choice([None, 0.3]))
    return F


def _projections(bundled):
    store = EmbeddedStore(bundled, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES)
        yield "bundled", supply_flow(graph, facts=facts, as_of="2026-12-06")
    finally:
        store.close()
    for seed in (1, 2):
        yield f"mixed {seed}", _mixed(seed)


@pytest.mark.parametrize("scenario", ["remove country:CN", "remove country:US", "restrict material:t2-3 by country:CN",
                                      "remove org:mp-materials", "remove org:lynas"])
def test_fast_propagation_equals_the_rules(bundled, scenario):
    for name, F in _projections(bundled):
        FG = flow_graph(F)
        generations = topological_generations(FG)
        assert generations is not None, name
        try:
            plan = _resolve(FG, [parse_scenario(scenario)])
        except NotFound:  # a target the graph lacks: that scenario is not this graph's
            continue
        rules = Rules(FG)
        components = [[FG.index[n] for n in c] for c in condensed_order(F)[0]]
        slow = rules.propagate(plan.loss, components)
        fast = fast_propagate(rules, FG, plan.loss, generations)
        assert fast[0] == slow[0], name  # availability, float for float
        assert fast[1] == slow[1], name  # causes
        assert fast[2] == slow[2], name  # hops
        assert any(a < 1.0 for a in fast[0]), name


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_propagation_equals_the_rules_where_removed_companies_take_part_of_their_countrys_share(seed):
    """Session 15: a removed company takes its part of its country's share (:mod:`.countryparts`); both passes apply it
    to the country's edge and name the company, not the country, as the loss's cause."""
    F = _mixed(seed)
    FG = flow_graph(F)
    generations = topological_generations(FG)
    companies = [n for n, d in zip(FG.nodes, FG.node_data) if d.get("label") == "Company"]
    plan = _resolve(FG, [parse_scenario("remove " + ",".join(companies[::3]))])
    assert len(plan.loss.parts) > 5, "the generated networks list companies that are their country's only producer"
    rules = Rules(FG)
    components = [[FG.index[n] for n in c] for c in condensed_order(F)[0]]
    slow = rules.propagate(plan.loss, components)
    fast = fast_propagate(rules, FG, plan.loss, generations)
    assert fast[:3] == slow[:3]
    causes = set(fast[1])
    assert any(producer in causes for _, producer, _ in plan.loss.parts.values())
    assert not any(country in causes for country, _ in plan.loss.parts), "the country stands in for no removed company"

"""The supply flow projected from the store's read (flow facts streamed from SQL, the context as a small graph)
equals the one projected from the whole NetworkX graph (``Store.to_networkx``), on the bundled store and on
generated graphs with what the projection's rules turn on: dated states of facilities and facts, planned
capacity, several editions and years of figures, categories, control and minority stakes, policies."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import yaml

from supplygraph.graph import EmbeddedStore
from supplygraph.graph.analyses.chokepoints import chokepoint_report
from supplygraph.graph.analyses.flow import FLOW_TYPES, supply_flow

from .conftest import Cli

AS_OF = ("2024-06-30", "2026-12-06", "2029-01-01")


def _state(F) -> tuple:
    """Everything the analyses read from a projection, in order: nodes, edges and the graph's records."""
    return ([(n, d) for n, d in F.nodes(data=True)], [(u, v, d) for u, v, d in F.edges(data=True)],
            [(v, list(F.pred[v])) for v in F], F.graph)  # fmt: skip


def _compare(path: Path, *, as_of: str, reviewed_only: bool = False, **report) -> None:
    store = EmbeddedStore(path, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)
        streamed = supply_flow(graph, facts=facts, as_of=as_of)
        whole = supply_flow(store.to_networkx(reviewed_only=reviewed_only), as_of=as_of)
        assert streamed.number_of_edges() > 0
        assert _state(streamed) == _state(whole)
        if report:
            graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)
            assert chokepoint_report(graph, facts=facts, as_of=as_of, **report) == chokepoint_report(
                store.to_networkx(reviewed_only=reviewed_only), as_of=as_of, **report)
    finally:
        store.close()


@pytest.mark.parametrize("as_of", AS_OF)
def test_the_bundled_store_projects_the_same_both_ways(bundled, as_of):
    _compare(bundled, as_of=as_of)
    _compare(bundled, as_of=as_of, reviewed_only=True)


def _day(rng: random.Random, first: int = 2018, last: int = 2030) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generated(seed: int, materials: int = 40) -> dict:
    """A curated file of a random supply chain that exercises every rule of the projection."""
    rng = random.Random(seed)
    doc = {"id": "doc:gen", "label": "Document", "name": "generated", "url": "https://example.org/gen"}
    entities, facts = [doc], []

    def fact(kind: str, source: str, target: str, **props) -> None:
        facts.append({"type": kind, "source": source, "target": target, "sources": ["doc:gen"], **props})

    countries = [f"country:{c}" for c in ("CN", "US", "AU", "MY", "EE", "JP")]
    entities += [{"id": c, "label": "Country", "name": c[-2:], "iso2": c[-2:]} for c in countries]
    entities += [{"id": f"element:{e}", "label": "Element", "name": e, "symbol": e} for e in ("Nd", "Dy", "Ce")]
    orgs = [f"org:o{i}" for i in range(12)]
    entities += [{"id": o, "label": "Company", "name": f"Org {i}", "country": rng.choice(countries)[-2:]} for i, o in enumerate(orgs)]
    plants = [f"facility:f{i}" for i in range(10)]
    for i, plant in enumerate(plants):
        entity = {"id": plant, "label": "Facility", "name": f"Plant {i}", "country": rng.choice(countries)[-2:], "capacity_t": rng.choice([None, 500.0, 2000.0])}
        states = rng.choice([[], [f"operating since {_day(rng, 2015, 2020)}"],
                             [f"construction since {_day(rng, 2022, 2024)}", f"operating since {_day(rng, 2026, 2028)}"],
                             [f"announced since {_day(rng, 2023, 2025)}"], ["operating since 2015-01-01", f"closed since {_day(rng, 2024, 2027)}"]])  # fmt: skip
        if states:
            entity["lifecycle"] = states
        elif rng.random() < 0.5:
            entity["status"] = rng.choice(["planned", "construction", "operating"])
        entities.append({k: v for k, v in entity.items() if v is not None})
        fact("OPERATES", rng.choice(orgs), plant)
    for i, org in enumerate(orgs[1:], 1):
        if rng.random() < 0.4:
            fact("SUBSIDIARY_OF", org, orgs[rng.randrange(i)], stake=rng.choice([0.3, 0.6, 1.0]))
        if rng.random() < 0.3:
            fact("HOLDS_STAKE_IN", orgs[rng.randrange(len(orgs))], org, stake=0.15, since=_day(rng))
    names = [f"material:m{i}" for i in range(materials)]
    stages = ["mining", "separation", "metal", "alloy", "magnet"]
    entities.append({"id": "material:cat", "label": "Material", "name": "a category", "stage": "metal", "category": True})
    for i, material in enumerate(names):
        stage = stages[min(i * len(stages) // materials, len(stages) - 1)]
        entities.append({"id": material, "label": "Material", "name": f"m{i}", "stage": stage,
                         "elements": rng.sample(["Nd", "Dy", "Ce"], rng.randint(0, 2))})  # fmt: skip
        if stage == "metal" and rng.random() < 0.5:
            fact("MEMBER_OF", material, "material:cat")
        if i and stage != "mining":
            for j in rng.sample(range(i), min(i, rng.randint(1, 3))):
                fact("INPUT_TO", names[j], material, **({"share": 0.5} if rng.random() < 0.2 else {}),
                     **({"until": _day(rng)} if rng.random() < 0.1 else {}))  # fmt: skip
        for edition, year in rng.sample([("MCS 2024", 2023), ("MCS 2025", 2024), ("MCS 2026", 2025), ("Outlook 2030", 2030)], rng.randint(0, 3)):
            makers = rng.sample(countries, rng.randint(1, 3))
            for maker, share in zip(makers, (0.6, 0.25, 0.1)):
                fact("PRODUCES", maker, material, share=share, year=year, edition=edition, volume_t=share * 1000)
        for maker in rng.sample(orgs + plants, rng.randint(0, 3)):
            dated = {"since": _day(rng)} if rng.random() < 0.2 else {}
            fact("PRODUCES", maker, material, **dated, **({"volume_t": float(rng.randint(1, 9) * 100), "year": 2024, "edition": "List 2024"} if rng.random() < 0.5 else {}))
    for org in rng.sample(orgs, 4):
        fact("SUPPLIES", org, rng.choice(orgs), material=rng.choice(names), year=rng.choice([2023, 2024]))
    fact("PRODUCES", "country:CN", "material:cat", share=0.9, year=2024, edition="MCS 2025")
    uses = [f"enduse:u{i}" for i in range(5)]
    entities += [{"id": u, "label": "EndUse", "name": f"use {i}", "sector": "defense"} for i, u in enumerate(uses)]
    for use in uses:
        for material in rng.sample(names[materials // 2:] + ["material:cat"], 2):
            fact("USED_IN", material, use)
    entities.append({"id": "policy:p", "label": "Policy", "name": "export licences", "measure": "licensing", "country": "CN",
                     "lifecycle": ["announced since 2025-04-04", "in_force since 2025-10-09"]})  # fmt: skip
    fact("RESTRICTS", "policy:p", "element:Dy")
    return {"entities": entities, "facts": facts}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_graphs_project_the_same_both_ways(tmp_path, seed):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gen.yaml").write_text(yaml.safe_dump(generated(seed), sort_keys=False))
    cli = Cli(tmp_path / "gen.db")
    result = cli("load", str(tmp_path / "data"))
    assert result.exit_code == 0, result.output
    for as_of in AS_OF:
        _compare(cli.store_path, as_of=as_of, scenarios=["remove country:CN"], top=None)


def _read(path: Path, reviewed_only: bool) -> tuple:
    """The analysis read of a store: its graph (nodes, edges with keys and attributes, in order) and its flow stream."""
    store = EmbeddedStore(path, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)
        return ([(n, d) for n, d in graph.nodes(data=True)], [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)],
                [(v, list(graph.pred[v])) for v in graph], list(facts))  # fmt: skip
    finally:
        store.close()


def _general(monkeypatch) -> None:
    """Make the read take its general path (dicts of pairs; an end without a node row) instead of the sorted split."""
    from supplygraph.graph.stores import sqlite_rows

    monkeypatch.setattr(sqlite_rows, "_split_rows", lambda *args: None)


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_the_sorted_split_reads_what_the_general_read_does(bundled, tmp_path, monkeypatch, reviewed_only):
    """The flow facts sorted as integers come in the order the general read files them in (by source, pair, key),
    with the same context graph, on the bundled store and on a generated one."""
    from supplygraph.graph.stores import sqlite_rows

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gen.yaml").write_text(yaml.safe_dump(generated(5, materials=60), sort_keys=False))
    assert Cli(tmp_path / "gen.db")("load", str(tmp_path / "data")).exit_code == 0
    split_rows, taken = sqlite_rows._split_rows, []
    monkeypatch.setattr(sqlite_rows, "_split_rows", lambda *args: taken.append(split_rows(*args)) or taken[-1])
    for path in (bundled, tmp_path / "gen.db"):  # (the bundled store's edges are written by the general load, numbered after)
        split = _read(path, reviewed_only)
        assert taken.pop() is not None  # the sorted read, by the ends' numbers
        with monkeypatch.context() as patch:
            _general(patch)
            general = _read(path, reviewed_only)
        assert len(split[3]) > 100 and split[1]
        assert split == general


def test_an_edge_end_without_a_node_row_is_read_as_a_bare_node(bundled, tmp_path, monkeypatch):
    """A store whose fact names an end with no node row (written by hand or by an older tool) is still read, the end
    a bare node, as the general read (and NetworkX's add_edge) makes it."""
    import shutil
    import sqlite3

    path = tmp_path / "odd.db"
    shutil.copy(bundled, path)
    with sqlite3.connect(path) as db:
        (end,) = db.execute("SELECT source FROM edges WHERE type = 'PRODUCES' ORDER BY key LIMIT 1").fetchone()
        db.execute("DELETE FROM nodes WHERE key = ?", (end,))
    split = _read(path, False)
    _general(monkeypatch)
    assert split == _read(path, False)
    assert (end, {}) in split[0] and any(fact[0] == end for fact in split[3])


def test_the_vintage_examples_run():
    """The docstring examples of the vintages' choice (split out of the projection's module) still run."""
    import doctest

    from supplygraph.graph.analyses import vintages

    failures, tried = doctest.testmod(vintages)
    assert failures == 0 and tried >= 3


def _exact(FG) -> tuple:
    """A FlowGraph as the report can see it, key order included: nodes and their items, both adjacencies, every edge's
    items, the graph's records (as JSON text, whose key order is what the report prints)."""
    import json

    return (FG.nodes, [list(d.items()) for d in FG.node_data], FG.tails.tolist(), FG.heads.tolist(), FG.in_edges.tolist(),
            [list(FG.edge_attrs(e).items()) for e in range(FG.m)], json.dumps(FG.graph, default=sorted))  # fmt: skip


def _mixed(seed: int) -> dict:
    """A generated file whose flow facts are mostly plain (what the fast path takes) with the rules' cases mixed in:
    a generated network's figures and links, and :func:`generated`'s dated facts, categories, planned plants..."""
    from .benchmarks.gen_supply_network import supply_network

    mixed = generated(seed, materials=30)
    G = supply_network(400, seed=seed)
    known = {e["id"] for e in mixed["entities"]}
    mixed["entities"] += [{"id": node, **{k: v for k, v in data.items() if k != "aliases"}}
                          for node, data in G.nodes(data=True) if node not in known and node != "doc:synthetic"]  # fmt: skip
    mixed["facts"] += [{"source": source, "target": target, **{k: v for k, v in data.items() if k not in ("evidence", "confidence")},
                        "sources": ["doc:gen"]} for source, target, data in G.edges(data=True)]  # fmt: skip
    mixed["facts"].append({"type": "PRODUCES", "source": "org:o1", "target": "element:Nd", "sources": ["doc:gen"]})  # noted, not flow
    return mixed


@pytest.mark.parametrize("seed, batch, shared", [(0, 3, 0.0), (1, 16, 0.5), (2, 64, 0.0), (3, 64, 1.0), (4, 3, 1.0)])
def test_plain_batches_taken_in_bulk_project_as_the_rules_do(tmp_path, monkeypatch, seed, batch, shared):
    """The projection's fast paths (:mod:`.flowbulk`: a batch of plain facts in bulk, its dicts made from their
    payloads' own decodings or through templates of shared ones; a material's producers of one vintage with stated
    shares weighed without a choice) give the FlowGraph the general rules give fact by fact and group by group, key
    orders and the assumptions' order included, on facts where both paths are taken."""
    from supplygraph.graph.analyses import flowbulk, vintages
    from supplygraph.graph.analyses.flow import supply_flow_graph
    from supplygraph.graph.stores import sqlite_rows

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gen.yaml").write_text(yaml.safe_dump(_mixed(seed), sort_keys=False))
    assert Cli(tmp_path / "gen.db")("load", str(tmp_path / "data")).exit_code == 0
    with sqlite3.connect(tmp_path / "gen.db") as db:  # a null the loader never writes (another tool's store): left out
        db.execute("UPDATE edges SET payload = json_set(payload, '$[0].share', json('null')) WHERE key IN "
                   "(SELECT key FROM edges WHERE type = 'INPUT_TO' ORDER BY key LIMIT 9)")  # fmt: skip
    monkeypatch.setattr(sqlite_rows, "BATCH", batch)
    monkeypatch.setattr(flowbulk, "SHARED", shared)
    took, took_shared, stated = flowbulk.Bulk.take, flowbulk.Bulk.take_shared, vintages._one_stated_vintage
    counts = {True: 0, False: 0, "shared": 0, "stated": 0}

    def counted(self, facts):
        counts[taken := took(self, facts)] += 1
        return taken

    def counted_shared(self, *batch):
        counts["shared"] += (taken := took_shared(self, *batch))
        return taken

    def counted_stated(rows, basis=None):
        weighed = stated(rows, basis)
        counts["stated"] += weighed is not None
        return weighed

    store = EmbeddedStore(tmp_path / "gen.db", read_only=True)
    try:
        def project(as_of: str, reviewed_only: bool):
            graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)
            return _exact(supply_flow_graph(graph, as_of=as_of, facts=facts))

        for as_of in AS_OF:
            for reviewed_only in (False, True):
                monkeypatch.setattr(flowbulk.Bulk, "take", counted)
                monkeypatch.setattr(flowbulk.Bulk, "take_shared", counted_shared)
                monkeypatch.setattr(vintages, "_one_stated_vintage", counted_stated)
                fast = project(as_of, reviewed_only)
                with monkeypatch.context() as patch:  # production filed row by row, not by integers
                    patch.setattr(flowbulk, "FILING", False)
                    assert project(as_of, reviewed_only) == fast
                monkeypatch.setattr(flowbulk.Bulk, "take", lambda self, facts: False)  # the rules, fact by fact
                monkeypatch.setattr(flowbulk.Bulk, "take_shared", lambda self, *batch: False)
                monkeypatch.setattr(vintages, "_one_stated_vintage", lambda rows, basis=None: None)
                assert len(fast[2]) > 400 and fast == project(as_of, reviewed_only)
    finally:
        store.close()
    assert counts[True] + counts["shared"] > 10 and counts[False] > 10 and counts["stated"] > 100  # both paths taken
    assert counts["shared"] > 10 if shared else counts["shared"] == 0  # shared batches through templates, or none


@pytest.mark.parametrize("nodes, rows", [(1, 1), (2, 7), (5, 30), (50, 1000), (200, 5000), (3, 0), (2**40, 300)])
def test_the_stream_order_by_packed_sorts_is_the_pairs_and_lexsort_order(nodes, rows):
    """The sorted read's stream order (by source, the pair's first row of any type, key) made by two sorts of packed
    integers is the order ``np.unique`` and a three-key ``lexsort`` give; past 62 bits (2**40 nodes), the latter."""
    import numpy as np

    from supplygraph.graph.stores.sqlite_rows import _stream_order

    rng = np.random.default_rng(rows)
    tails, heads = (rng.integers(0, min(nodes, 60), rows) for _ in range(2))  # (few distinct ends: pairs repeat)
    flowing = np.flatnonzero(rng.random(rows) < 0.7)
    _, first, pair = np.unique(tails * nodes + heads, return_index=True, return_inverse=True)
    expected = flowing[np.lexsort((flowing, first[pair[flowing]], tails[flowing]))] if rows else flowing
    assert _stream_order(tails, heads, flowing, nodes).tolist() == expected.tolist()


@pytest.mark.parametrize("rows", [
    [("a", {"share": 0.6, "year": 2025, "edition": "E 2026"}), ("b", {"share": 0.3, "year": 2025, "edition": "E 2026"})],
    [("a", {"share": 0.6, "year": 2025, "edition": "E 2026"}), ("a", {"share": 0.5, "year": 2025, "edition": "E 2026"})],
    [("a", {"share": 0.6, "year": 2025.0, "edition": "E"}), ("b", {"share": 0.3, "year": 2025, "edition": "E"})],
    [("a", {"share": 0.6, "year": 2025, "edition": "E"}), ("b", {"share": 0.3, "year": 2025.0, "edition": "E"})],
    [("a", {"share": 1, "year": "2025", "edition": "E"}), ("b", {"share": 0.3, "year": "2025", "edition": "E"})],
    [("a", {"share": 0.6, "as_of": "2024-05-01", "edition": "E"}), ("b", {"share": 0.3, "as_of": "2024-07-01", "edition": "E"})],
    [("a", {"share": 0.6, "year": 2025, "edition": "E"}), ("b", {"volume_t": 30.0, "year": 2025, "edition": "E"})],
    [("a", {"share": 0.6, "year": 2025, "edition": "E"}), ("b", {"share": 0.3, "year": 2024, "edition": "E"})],
    [("a", {"share": 0.6, "year": 2025}), ("b", {"share": 0.3, "year": 2025, "edition": None})],
    [("a", {"share": 0.6, "year": 2025, "edition": "E 2025"}), ("b", {"share": 0.3, "year": 2025, "edition": "E 2026"})],
    [("a", {"share": 0.6, "year": 2031, "edition": "Outlook 2030", "weight": 9})],
])  # fmt: skip
def test_weighing_without_a_choice_is_what_the_rules_give(monkeypatch, rows):
    """A material's producers weighed without a choice (one vintage, stated shares: vintages._one_stated_vintage) get
    what the general rules give them, key order included, and any other rows are left to the rules; with a basis
    given, every edge gets it after its weight either way."""
    import copy

    from supplygraph.graph.analyses import vintages

    def weighed(use_shortcut: bool, basis: str | None) -> tuple:
        with monkeypatch.context() as patch:
            if not use_shortcut:
                patch.setattr(vintages, "_one_stated_vintage", lambda rows, basis=None: None)
            taken = copy.deepcopy(rows)
            vintage, edges = vintages.weigh_producers(taken, None, None, "2026-12-06", {}, {"a"}, basis)
        return list(vintage.items()), [(p, list(a.items())) for p, a in edges], [list(a.items()) for _, a in taken]

    assert weighed(True, None) == weighed(False, None)
    with_basis = weighed(True, "countries")
    assert with_basis == weighed(False, "countries")
    assert all(items[-1] == ("basis", "countries") for _, items in with_basis[1])


def test_repeated_payloads_are_decoded_once_each_fact_its_own_copy():
    """The read decodes each distinct payload text of a stream once (sqlite_rows._Decoding), whatever batch it is met
    in, and lets its decoding go after its last fact: every fact still gets its own properties dict and sources list,
    equal to its text's decoding, nested values not shared, ids interned."""
    import json

    from supplygraph.graph.stores.sqlite_rows import Payloads, _Decoding, dump

    plain = dump([{"edition": "SYN 2026", "share": 0.0211, "year": 2025}, ["doc:a"], [], 1.0, True])
    nested = dump([{"group": ["x", "y"], "note": {"a": 1}}, ["doc:a", "doc:b"], ["said so"], 0.9, False])
    link = dump([{}, ["doc:b"], [], 1.0, True])
    once = dump([{"share": 0.5}, ["doc:c"], [], 1.0, True])
    for texts in ([plain, link, plain, link, link], [plain, link, plain, nested, plain, nested, link, once], [plain, nested, link]):
        for size in (1, 2, 3, len(texts)):
            scanned: list[str] = []
            scan = json.JSONDecoder().scan_once
            strings: dict[str, str] = {}
            numbered = Payloads()
            numbers = list(map(numbered.__getitem__, texts))
            decoding = _Decoding(lambda text, at: scanned.append(text) or scan(text, at), list(numbered), numbers, strings)
            props, sources, reviewed = (sum(column, []) for column in zip(*(decoding.own(*decoding.entries(a, a + size)) for a in range(0, len(texts), size))))
            expected = [json.loads(text) for text in texts]
            assert props == [p[0] for p in expected] and sources == [p[1] for p in expected]
            assert reviewed == [p[4] for p in expected]
            assert [list(p) for p in props] == [list(p[0]) for p in expected]  # key order too
            for column in (props, sources, [p["group"] for p in props if "group" in p], [p["note"] for p in props if "note" in p]):
                assert len({id(value) for value in column}) == len(column)  # nothing shared between two facts
            assert all(s is strings[s] for cited in sources for s in cited)
            assert sum(len(json.loads(text)) for text in scanned) == len(set(texts))  # each distinct text scanned once
            assert decoding.done == [None] * len(set(texts))  # every decoding let go once its last fact passed

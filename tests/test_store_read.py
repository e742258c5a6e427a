"""The embedded store's fast read into NetworkX gives exactly the graph of the generic ``Store.to_networkx``."""

from __future__ import annotations

from supplygraph.graph import EmbeddedStore
from supplygraph.graph.stores.base import Store


def _state(graph) -> tuple:
    """Everything a caller can see, in order: nodes and their attributes, edges with keys and theirs."""
    return ([(n, list(d.items())) for n, d in graph.nodes(data=True)],
            [(u, v, k, list(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)],
            [(v, list(graph.pred[v])) for v in graph])  # fmt: skip


def test_fast_read_equals_the_generic_conversion(bundled):
    store = EmbeddedStore(bundled, read_only=True)
    try:
        some = [n for n in store.to_networkx() if n.startswith(("material:", "country:"))][:60]
        for args, options in (((), {}), ((), {"reviewed_only": True}), ((some,), {})):
            fast, generic = store.to_networkx(*args, **options), Store.to_networkx(store, *args, **options)
            assert fast.number_of_edges() > 0
            assert _state(fast) == _state(generic)
        assert store.to_networkx(reviewed_only=True).number_of_edges() < store.to_networkx().number_of_edges()
    finally:
        store.close()


def test_report_from_the_flow_stream_equals_the_report_from_the_whole_graph(bundled):
    from supplygraph.graph.analyses.chokepoints import chokepoint_report
    from supplygraph.graph.analyses.flow import FLOW_TYPES

    store = EmbeddedStore(bundled, read_only=True)
    try:
        graph, facts = store.analysis_graph(FLOW_TYPES)
        assert not any(d["type"] in FLOW_TYPES for _, _, d in graph.edges(data=True))
        assert list(graph) == list(store.to_networkx())  # every node, in the same order
        for reviewed_only, options in ((False, {"scenarios": ["remove country:CN"]}), (True, {"end_use": "enduse:guided-missile"}),
                                       (False, {"as_of": "2027-06-30", "scenarios": ["restrict element:Dy by country:CN"], "top": 40})):  # fmt: skip
            options = {"as_of": "2026-12-06", **options}
            graph, facts = store.analysis_graph(FLOW_TYPES, reviewed_only=reviewed_only)
            streamed = chokepoint_report(graph, facts=facts, **options)
            whole = chokepoint_report(store.to_networkx(reviewed_only=reviewed_only), **options)
            assert streamed == whole and streamed["chokepoints"]
    finally:
        store.close()


def test_json_written_in_pieces_is_the_json_text(bundled):
    """``chokepoints --format json`` writes its text as it is encoded: the same text as ``to_json``."""
    import datetime
    import http
    import pathlib

    from supplygraph.formatting import json_pieces, to_json

    data = {"as_of": datetime.date(2026, 12, 6), "rows": [{"name": "Dysprosium oxide (中国)", "share": 0.91, "ids": []}, {}], "none": None}
    pieces = list(json_pieces(data, chunk=3))
    assert len(pieces) > 3 and "".join(pieces) == to_json(data)
    # every kind of value the standard encoder writes, at every depth (the pieces are made by our own writer)
    odd = {"floats": [float("nan"), float("inf"), -float("inf"), -0.0, 1e-300, 0.1], 7: "int key", 2.5: "float key",
           True: "bool key", None: "none key", "nested": {"a": {"b": {"c": [(1, (2, 3)), [], {}, "\"quoted\"\n\t"]}}},
           "flags": [True, False, None], "big": 10**30, "enum": http.HTTPStatus.OK, "path": pathlib.PurePosixPath("/x")}  # fmt: skip
    for value in (odd, [odd, [odd]], [], {}, "text", 0, None, (odd,)):
        for chunk in (1, 100, 65_536):
            assert "".join(json_pieces(value, chunk=chunk)) == to_json(value)


def test_table_rows_written_by_column_are_the_json_text():
    """A table's rows (a list at the second level) are written column by column (formatting._item_texts): the same
    text as the standard encoder's for rows of one shape, of several shapes, with mixed, odd and nested values."""
    import enum
    import random

    from supplygraph.formatting import json_pieces, to_json

    class Level(enum.IntEnum):
        HIGH = 3

    rng = random.Random(0)
    odd = [None, True, False, 0, -7, 10**20, 0.1, -0.0, 1e300, float("nan"), float("inf"), "", "a \"quoted\" \\ %s %% 中国\n",
           ["doc:a", "doc:b"], [], {"x": [1, {"y": None}]}, {}, (1, 2), Level.HIGH]  # fmt: skip
    columns = {"subject": lambda: f"material:{rng.randrange(999)}", "hhi": lambda: rng.choice([None, rng.random() * 1e4]),
               "share": lambda: rng.random(), "count": lambda: rng.randrange(50), "100% key": lambda: rng.choice(odd),
               "sources": lambda: [f"doc:{rng.randrange(9)}" for _ in range(rng.randrange(3))]}  # fmt: skip
    one_shape = [{k: make() for k, make in columns.items()} for _ in range(1300)]
    shapes = one_shape[:700] + [{"subject": "x"}, {}, {"hhi": 1.0, "subject": "y"}] + one_shape[700:]
    nan_column = [{"v": float(x)} for x in (1, 2, "nan", 3)]
    mixed = [{"v": None, "l": ["a"]}, {"v": float("inf"), "l": [1, "b"]}, {"v": 2.5, "l": []}]
    for rows in (one_shape, shapes, nan_column, mixed, [odd, odd], [[1, 2], {"a": 1}], [{"a": 1}, [1]], [{}], [{"a": 1.5}]):
        data = {"rows": rows, "tuple": tuple(rows[:3])}
        assert "".join(json_pieces(data)) == to_json(data)
    # deeper down, long lists and dicts keyed by strings are written by column too (a scenario's end uses and losses)
    floats = [rng.random() for _ in range(200)] + [float("nan"), float("inf"), None, 1e300]
    long = {"by_id": {f"material:{i}": v for i, v in enumerate(floats)}, "mixed": {f"k{i}": odd[i % len(odd)] for i in range(300)},
            "ids": [f"org:{i}" for i in range(100)], "values": [odd[i % len(odd)] for i in range(100)], "table": one_shape[:200],
            "shapes": shapes[690:800], "numbers": {i: float(i) for i in range(100)}, "keys": {**{f"k{i}": i for i in range(70)}, 1: 1}}
    for data in ({"scenario": long}, {"a": {"b": long}}, [[long]], long):
        assert "".join(json_pieces(data)) == to_json(data)

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

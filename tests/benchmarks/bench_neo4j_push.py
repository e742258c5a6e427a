"""Push throughput: relationships per second into Neo4j beside the plain ``UNWIND ... MERGE`` baseline.

    .venv/bin/python -m tests.benchmarks.bench_neo4j_push [--edges 200000] [--nodes 20000] [--batch-size 5000]

Always measures building the ``UNWIND $rows`` parameters (pure Python) and
prints the baseline statement (:func:`~supplygraph.graph.stores.cypher.merge_edges_baseline`,
``MATCH (a) MATCH (b) MERGE (a)-[r:T {key}]->(b) SET r = row.props``).
With NEO4J_URI (and NEO4J_PASSWORD) set, on the same server, the same rows
and batch size, one transaction per batch:

1. the baseline: the synthetic nodes written, then the relationships sent
   with the plain statement twice (first write, then the rerun that changes
   nothing); everything deleted again;
2. ``push``: the same graph pushed twice (first push, then the rerun);
   everything deleted again (nodes with ids ``material:bench-*``).

Prints relationships/s for each and the ratios push / baseline (targets:
first push and rerun >= 0.9 of their baselines).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from supplygraph.graph.stores import cypher
from supplygraph.graph.stores.base import StoredEdge, StoredNode
from supplygraph.graph.stores.neo4j_rows import batches, edge_rows_by_type, node_rows_by_label

TYPE = "INPUT_TO"


def synthetic(nodes: int, edges: int, seed: int = 7) -> tuple[list[StoredNode], list[StoredEdge]]:
    """Materials linked by INPUT_TO facts with provenance, as a push sees them."""
    rng = random.Random(seed)
    ids = [f"material:bench-{i}" for i in range(nodes)]
    node_list = [StoredNode(i, "Material", f"Bench material {n}", (f"bm{n}",), {"stage": "metal"}) for n, i in enumerate(ids)]
    edge_list = [
        StoredEdge(
            f"bench{k:012d}", TYPE, ids[a], ids[b], {"share": round(rng.random(), 4)},
            ("doc:bench",), (f"Sentence {k}.",), 0.9,
        )  # fmt: skip
        for k, (a, b) in enumerate((rng.randrange(nodes), rng.randrange(nodes)) for _ in range(edges))
    ]
    return node_list, edge_list


def bench_rows(nodes: list[StoredNode], edges: list[StoredEdge]) -> None:
    started = time.perf_counter()
    node_rows_by_label(nodes)
    rows = edge_rows_by_type(edges)
    seconds = time.perf_counter() - started
    count = sum(len(r) for r in rows.values())
    print(f"row building: {len(nodes):,} nodes + {count:,} relationships in {seconds:.2f} s "
          f"({count / seconds:,.0f} relationship rows/s)")  # fmt: skip


def _clean(store) -> None:
    with store._session() as session:  # noqa: SLF001 - benchmark clean-up
        session.run(
            "MATCH (n:Material) WHERE n.id STARTS WITH 'material:bench-' "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS"
        ).consume()


def baseline(store, nodes: list[StoredNode], edges: list[StoredEdge], batch_size: int) -> tuple[float, float]:
    """Seconds of the plain MERGE statement over the edges: first write, rerun (nodes written beforehand, untimed)."""
    from supplygraph.graph.stores.neo4j_push import push

    push(store, nodes, [], batch_size=batch_size)
    statement = cypher.merge_edges_baseline(TYPE)
    rows = edge_rows_by_type(edges)[TYPE]
    times = []
    for _ in range(2):
        started = time.perf_counter()
        with store._session() as session:  # noqa: SLF001 - the baseline talks to the driver directly
            for batch in batches(rows, batch_size):
                session.execute_write(lambda tx, b=batch: tx.run(statement.text, rows=list(b)).consume())
        times.append(time.perf_counter() - started)
    return times[0], times[1]


def bench_push(nodes: list[StoredNode], edges: list[StoredEdge], batch_size: int) -> None:
    from supplygraph.graph.stores.neo4j_push import push
    from supplygraph.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    store = Neo4jStore(Neo4jSettings.from_env())
    count = len(edges)
    try:
        store.init_schema()
        _clean(store)
        base = baseline(store, nodes, edges, batch_size)
        _clean(store)
        for attempt, base_s in zip(("first push", "rerun"), base):
            node_summary = push(store, nodes, [], batch_size=batch_size)
            summary = push(store, [], edges, batch_size=batch_size)
            totals = summary.totals()
            print(
                f"{attempt}: {len(nodes):,} nodes in {node_summary.seconds:.1f} s; {count:,} relationships "
                f"in {summary.seconds:.1f} s = {count / summary.seconds:,.0f} relationships/s "
                f"({totals['edges']:,} sent, {totals['created']:,} created, {totals['updated']:,} updated); "
                f"baseline {count / base_s:,.0f} relationships/s; ratio {base_s / summary.seconds:.2f} (target >= 0.9)"
            )
    finally:
        _clean(store)
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    args = parser.parse_args(argv)
    nodes, edges = synthetic(args.nodes, args.edges)
    bench_rows(nodes, edges)
    print(f"baseline statement (per batch of {args.batch_size:,} rows, one transaction each):")
    print("    " + cypher.merge_edges_baseline(TYPE).text.replace("\n", "\n    "))
    if not os.environ.get("NEO4J_URI"):
        print("push and baseline: skipped (set NEO4J_URI and NEO4J_PASSWORD to measure both against a live Neo4j)")
        return 0
    bench_push(nodes, edges, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Push throughput: relationships per second into Neo4j, and row building throughput without a server.

    .venv/bin/python tests/benchmarks/bench_neo4j_push.py [--edges 100000] [--nodes 10000] [--batch-size 5000]

Always measures building the ``UNWIND $rows`` parameters (pure Python). With
NEO4J_URI (and NEO4J_PASSWORD) set it also runs ``neo4j init`` and pushes a
synthetic graph twice (the second push is the idempotent rerun), then
deletes what it wrote (nodes with ids ``material:bench-*``). Target: at
least 20,000 relationships per second against a local Neo4j.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from supplygraph.graph.stores.neo4j_rows import edge_rows_by_type, node_rows_by_label
from supplygraph.graph.stores.base import StoredEdge, StoredNode


def synthetic(nodes: int, edges: int, seed: int = 7) -> tuple[list[StoredNode], list[StoredEdge]]:
    """Materials linked by INPUT_TO and USED_IN-free PRODUCES-like facts with provenance, as a push sees them."""
    rng = random.Random(seed)
    ids = [f"material:bench-{i}" for i in range(nodes)]
    node_list = [StoredNode(i, "Material", f"Bench material {n}", (f"bm{n}",), {"stage": "metal"}) for n, i in enumerate(ids)]
    edge_list = [
        StoredEdge(
            f"bench{k:012d}", "INPUT_TO", ids[a], ids[b], {"share": round(rng.random(), 4)},
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


def bench_push(nodes: list[StoredNode], edges: list[StoredEdge], batch_size: int) -> None:
    from supplygraph.graph.stores.neo4j_push import push
    from supplygraph.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

    store = Neo4jStore(Neo4jSettings.from_env())
    try:
        store.init_schema()
        for attempt in ("first push", "rerun"):
            node_summary = push(store, nodes, [], batch_size=batch_size)
            summary = push(store, [], edges, batch_size=batch_size)
            totals = summary.totals()
            print(
                f"{attempt}: {len(nodes):,} nodes in {node_summary.seconds:.1f} s; {totals['edges']:,} relationships "
                f"in {summary.seconds:.1f} s = {totals['edges'] / summary.seconds:,.0f} relationships/s "
                f"(batch size {batch_size:,}; {totals['created']:,} created, {totals['updated']:,} updated)"
            )
    finally:
        with store._session() as session:  # noqa: SLF001 - benchmark clean-up
            session.run(
                "MATCH (n:Material) WHERE n.id STARTS WITH 'material:bench-' "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS"
            ).consume()
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    args = parser.parse_args(argv)
    nodes, edges = synthetic(args.nodes, args.edges)
    bench_rows(nodes, edges)
    if not os.environ.get("NEO4J_URI"):
        print("push: skipped (set NEO4J_URI and NEO4J_PASSWORD to measure against a live Neo4j)")
        return 0
    bench_push(nodes, edges, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every Cypher statement the Neo4j store runs, in one place.

Values always travel as parameters (``UNWIND $rows AS row MERGE ...``, the
neo4j-graphrag-python pattern); the only names spliced into statement text
are node labels and relationship types, and only after :func:`label` or
:func:`rel_type` has checked them against the schema's whitelists
(``NODE_LABELS``, ``FACT_TYPES``). Nothing here talks to a server: the store
runs these statements, ``tests/cypher_lint.mjs`` lints every one of them with
Neo4j's own parser (see :func:`all_statements`).

Graph layout in Neo4j
---------------------
- A node carries its primary label, ``:Entity``, and ``:Organization`` when
  the schema says so; properties ``id``, ``name``, ``aliases`` and the
  label's own properties. Push may add ``chokepoint_score`` and
  ``chokepoint_rank`` (derived, never pulled back).
- A relationship carries its fact ``key`` (the deterministic edge id), its
  properties and its provenance: ``sources`` (document ids), ``evidence``
  (list of sentences) and ``confidence``.
- ``(:SupplygraphOrigin {origin, digest, loaded_at, claims})`` nodes hold what
  each input loaded through :meth:`Neo4jStore.apply` claims (as JSON), so
  reloading an input replaces its claims exactly as in the embedded store.
  They carry no ``:Entity`` label, so the query library never sees them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from supplygraph.errors import StoreError
from supplygraph.schema import FACT_TYPES, NODE_LABELS, ORGANIZATION_LABELS

ENTITY = "Entity"
ORGANIZATION = "Organization"
ORIGIN = "SupplygraphOrigin"

DERIVED_NODE_PROPERTIES = ("chokepoint_score", "chokepoint_rank")
"""Node properties push writes from analyses; pull drops them (they are not facts)."""

EDGE_BOOKKEEPING = ("key", "sources", "evidence", "confidence", "reviewed")
"""Relationship properties that are provenance, not fact properties."""

DECISION = "SupplygraphDecision"
DECISION_PROPERTIES = ("key", "type", "source", "target", "evidence", "decision", "decided_at")
"""A review decision on one statement of an extracted fact (see :mod:`.review`)."""


@dataclass(frozen=True)
class Statement:
    """A Cypher statement and the parameters it expects; :meth:`bind` refuses any other set."""

    name: str
    text: str
    params: tuple[str, ...] = ()

    def bind(self, **values: object) -> dict[str, object]:
        if set(values) != set(self.params):
            raise ValueError(f"statement {self.name} takes {sorted(self.params)}, got {sorted(values)}")
        return values


def label(name: str) -> str:
    """``name`` if it is a node label of the schema; anything else is refused before it reaches Cypher."""
    if name not in NODE_LABELS:
        raise StoreError(f"unknown node label {name!r} (known: {', '.join(NODE_LABELS)})")
    return name


def rel_type(name: str) -> str:
    """``name`` if it is a relationship type of the schema; anything else is refused."""
    if name not in FACT_TYPES:
        raise StoreError(f"unknown relationship type {name!r} (known: {', '.join(FACT_TYPES)})")
    return name


def node_labels(primary: str) -> str:
    """The label expression a node of ``primary`` gets: ``:Primary:Entity`` (``:Organization`` too for firms)."""
    labels = [label(primary), ENTITY] + ([ORGANIZATION] if primary in ORGANIZATION_LABELS else [])
    return "".join(f":{name}" for name in labels)


def _index_name(*parts: str) -> str:
    return "_".join(p.lower() for p in parts)


# -- schema (``supplygraph neo4j init``) --------------------------------------


def schema_statements() -> list[Statement]:
    """Constraints and indexes generated from the schema; each is idempotent (``IF NOT EXISTS``).

    One uniqueness constraint on ``Entity.id`` covers every node; range
    indexes on ``id`` and ``name`` per label let label-specific lookups
    (``MATCH (m:Material {id: $id})``) use an index too; a full-text index
    over ``name`` and ``aliases`` serves "find the entity called ..."; a
    range index on each relationship type's ``key`` serves fact lookups.
    All of these are available in Neo4j Community edition.
    """
    out = [
        Statement("constraint_entity_id", f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE"),
        Statement(
            "constraint_origin", f"CREATE CONSTRAINT supplygraph_origin IF NOT EXISTS FOR (o:{ORIGIN}) REQUIRE o.origin IS UNIQUE"
        ),
        Statement("index_entity_name", f"CREATE INDEX entity_name IF NOT EXISTS FOR (n:{ENTITY}) ON (n.name)"),
        Statement("index_entity_aliases", f"CREATE INDEX entity_aliases IF NOT EXISTS FOR (n:{ENTITY}) ON (n.aliases)"),
        Statement(
            "fulltext_entity_names",
            f"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:{ENTITY}) ON EACH [n.name, n.aliases]",
        ),
    ]
    for name in NODE_LABELS:
        for prop in ("id", "name"):
            index = _index_name(name, prop)
            out.append(Statement(f"index_{index}", f"CREATE INDEX {index} IF NOT EXISTS FOR (n:{label(name)}) ON (n.{prop})"))
    for name in FACT_TYPES:
        index = _index_name(name, "key")
        out.append(Statement(f"index_{index}", f"CREATE INDEX {index} IF NOT EXISTS FOR ()-[r:{rel_type(name)}]-() ON (r.key)"))
    return out


# -- writing the graph (push, and apply's rebuild) -----------------------------


def other_labels(primary: str) -> str:
    """The label expression of every schema label a node of ``primary`` must not carry."""
    others = [name for name in NODE_LABELS if name != label(primary)]
    if primary not in ORGANIZATION_LABELS:
        others.append(ORGANIZATION)
    return "".join(f":{name}" for name in others)


def upsert_nodes(primary: str) -> Statement:
    """Create or update nodes of one label: ``MERGE`` on ``id``, ``SET n = row.props``, nothing else per row.

    The node ends up with exactly its labels: a node whose primary label
    changed loses the old one. Returns how many rows it wrote. Whether a row
    changed is decided before it is sent (push sends only what changed since
    the last push), so the statement compares nothing.
    """
    return Statement(
        f"upsert_nodes_{primary}",
        f"""UNWIND $rows AS row
MERGE (n:{ENTITY} {{id: row.id}})
SET n = row.props
SET n{node_labels(primary)}
REMOVE n{other_labels(primary)}
RETURN count(n) AS written""",
        ("rows",),
    )


def merge_edges_baseline(type_name: str) -> Statement:
    """The plain ``UNWIND ... MERGE ... SET r = row.props`` write of one relationship type.

    What any client writing these rows would send. :func:`upsert_edges` is
    this and the count of rows written; ``tests/benchmarks/bench_neo4j_push.py``
    times push beside it on the same rows and server (the push's baseline).
    """
    return Statement(
        f"merge_edges_baseline_{type_name}",
        f"""UNWIND $rows AS row
MATCH (a:{ENTITY} {{id: row.source}})
MATCH (b:{ENTITY} {{id: row.target}})
MERGE (a)-[r:{rel_type(type_name)} {{key: row.key}}]->(b)
SET r = row.props""",
        ("rows",),
    )


def upsert_edges(type_name: str) -> Statement:
    """Create or update relationships of one type, matched on their fact ``key``: the plain ``MERGE`` and a count.

    Rows whose ends are missing in Neo4j are not written; the caller compares
    ``written`` with the number of rows and fails the batch.
    """
    plain = merge_edges_baseline(type_name)
    return Statement(f"upsert_edges_{type_name}", f"{plain.text}\nRETURN count(r) AS written", plain.params)


PUSH_COUNTS = Statement(
    "push_counts",
    f"""CALL () {{ MATCH (n:{ENTITY}) RETURN count(n) AS nodes }}
CALL () {{ MATCH ()-[r]->() RETURN count(r) AS relationships }}
RETURN nodes, relationships""",
)
"""How many entities and relationships the database holds (from its count store, no scan): push trusts
its record of what it last sent only while these are what they were when that push ended."""


def delete_edges(type_name: str) -> Statement:
    """Delete relationships of one type by fact key (claims no input makes any more)."""
    return Statement(
        f"delete_edges_{type_name}",
        f"""MATCH (:{ENTITY})-[r:{rel_type(type_name)}]->(:{ENTITY})
WHERE r.key IN $keys
DELETE r""",
        ("keys",),
    )


def edges_by_key(type_name: str) -> Statement:
    """Relationships of one type by fact key (uses the per-type key index)."""
    return Statement(
        f"edges_by_key_{type_name}",
        f"""MATCH (a:{ENTITY})-[r:{rel_type(type_name)}]->(b:{ENTITY})
WHERE r.key IN $keys
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props""",
        ("keys",),
    )


STILL_CONNECTED = Statement(
    "still_connected",
    f"""MATCH (n:{ENTITY})-[r]-(other:{ENTITY})
WHERE n.id IN $ids
RETURN n.id AS id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target
LIMIT 1""",
    ("ids",),
)

DELETE_NODES = Statement(
    "delete_nodes",
    f"""MATCH (n:{ENTITY})
WHERE n.id IN $ids
DELETE n""",
    ("ids",),
)

# -- claims of inputs applied straight to Neo4j --------------------------------

READ_ORIGINS = Statement(
    "read_origins",
    f"""MATCH (o:{ORIGIN})
RETURN o.origin AS origin, o.digest AS digest, o.claims AS claims
ORDER BY origin""",
)

WRITE_ORIGINS = Statement(
    "write_origins",
    f"""UNWIND $rows AS row
MERGE (o:{ORIGIN} {{origin: row.origin}})
SET o.digest = row.digest, o.loaded_at = row.loaded_at, o.claims = row.claims""",
    ("rows",),
)

READ_DECISIONS = Statement(
    "read_decisions",
    f"""MATCH (d:{DECISION})
RETURN d.key AS key, d.type AS type, d.source AS source, d.target AS target, d.evidence AS evidence,
       d.decision AS decision, d.decided_at AS decided_at
ORDER BY decided_at, key""",
)

WRITE_DECISIONS = Statement(
    "write_decisions",
    f"""UNWIND $rows AS row
MERGE (d:{DECISION} {{key: row.key}})
SET d.type = row.type, d.source = row.source, d.target = row.target, d.evidence = row.evidence,
    d.decision = row.decision, d.decided_at = row.decided_at""",
    ("rows",),
)

COUNT_ORIGINS = Statement("count_origins", f"MATCH (o:{ORIGIN}) RETURN count(o) AS origins")

# -- reading -------------------------------------------------------------------

NODES_BY_ID = Statement(
    "nodes_by_id",
    f"""MATCH (n:{ENTITY})
WHERE n.id IN $ids
RETURN labels(n) AS labels, properties(n) AS props""",
    ("ids",),
)

ALL_NODES = Statement(
    "all_nodes",
    f"""MATCH (n:{ENTITY})
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id""",
)


def nodes_of_label(primary: str) -> Statement:
    return Statement(
        f"nodes_of_label_{primary}",
        f"""MATCH (n:{ENTITY}:{label(primary)})
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id""",
    )


ALL_EDGES = Statement(
    "all_edges",
    f"""MATCH (a:{ENTITY})-[r]->(b:{ENTITY})
WHERE type(r) IN $types
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY r.key, type, source, target""",
    ("types",),
)


def edges_of_type(type_name: str) -> Statement:
    return Statement(
        f"edges_of_type_{type_name}",
        f"""MATCH (a:{ENTITY})-[r:{rel_type(type_name)}]->(b:{ENTITY})
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY r.key, source, target""",
    )


EDGES_OF_NODE = Statement(
    "edges_of_node",
    f"""MATCH (n:{ENTITY} {{id: $id}})-[r]-(other:{ENTITY})
WHERE type(r) IN $types
WITH DISTINCT r
RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props
ORDER BY type, source, target""",
    ("id", "types"),
)

LABEL_COUNTS = Statement(
    "label_counts",
    f"""MATCH (n:{ENTITY})
RETURN labels(n) AS labels, count(*) AS nodes""",
)

TYPE_COUNTS = Statement(
    "type_counts",
    f"""MATCH (:{ENTITY})-[r]->(:{ENTITY})
WHERE type(r) IN $types
RETURN type(r) AS type, count(*) AS edges""",
    ("types",),
)

CITED_SOURCES = Statement(
    "cited_sources",
    f"""MATCH (:{ENTITY})-[r]->(:{ENTITY})
WHERE type(r) IN $types
UNWIND coalesce(r.sources, []) AS source
RETURN count(DISTINCT source) AS cited""",
    ("types",),
)

FACTS_WITHOUT_QUANTITIES = Statement(
    "facts_without_quantities",
    f"""MATCH (:{ENTITY})-[r]->(:{ENTITY})
WHERE type(r) IN $types AND type(r) <> 'MENTIONED_IN' AND all(name IN $quantities WHERE r[name] IS NULL)
RETURN count(r) AS without""",
    ("types", "quantities"),
)

PULL_NODES = Statement(
    "pull_nodes",
    f"""MATCH (n)
WHERE NOT n:{ORIGIN}
RETURN elementId(n) AS element_id, labels(n) AS labels, properties(n) AS props
ORDER BY n.id, element_id""",
)

PULL_EDGES = Statement(
    "pull_edges",
    """MATCH (a)-[r]->(b)
RETURN elementId(r) AS element_id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY type, r.key, source, target, element_id""",
)

PING = Statement("ping", "RETURN 1 AS ok")


def all_statements() -> Iterator[Statement]:
    """Every statement the store can run, each label and type variant included (for the linter)."""
    yield from schema_statements()
    for primary in NODE_LABELS:
        yield upsert_nodes(primary)
        yield nodes_of_label(primary)
    for type_name in FACT_TYPES:
        yield upsert_edges(type_name)
        yield merge_edges_baseline(type_name)
        yield delete_edges(type_name)
        yield edges_by_key(type_name)
        yield edges_of_type(type_name)
    for value in list(globals().values()):
        if isinstance(value, Statement):
            yield value


def lint_input() -> list[Mapping[str, object]]:
    """The statements as the Cypher linter's input: name, text and declared parameters."""
    return [{"name": s.name, "text": s.text, "params": list(s.params)} for s in all_statements()]

"""The Neo4j store: the :class:`~supplygraph.graph.stores.base.Store` interface on the official ``neo4j`` driver.

Two ways in:

- :meth:`Neo4jStore.apply` loads inputs with the same origin semantics as the
  embedded store (one transaction; reloading an input replaces its claims;
  an unchanged digest is skipped; dangling references and one id with two
  labels are refused before anything is written). Each input's claims are
  kept on a ``(:SupplygraphOrigin)`` node and merged client-side with the
  same pure functions the embedded store uses (:mod:`.claims`).
- :func:`~.neo4j_push.push` mirrors a local store's merged graph into Neo4j
  in batches, one transaction per batch (``supplygraph neo4j push``);
  :func:`~.neo4j_push.pull` reads a graph curated in Neo4j Browser back as
  one validated load unit.

Constructors make no network call: the driver connects on first use, and a
server that is down or refuses the credentials gives a one-line
:class:`~supplygraph.errors.StoreError` within seconds. The password is
never stored in anything printed (``repr``, errors).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from supplygraph.errors import IntegrityError, StoreError, SupplygraphError
from supplygraph.schema import FACT_TYPES, NODE_LABELS, LoadUnit

from . import cypher

from .claims import (EdgeClaim, NodeClaim, changed_units, check_units, merge_edge, merge_node, only_documents_claim,
                     unit_claims)  # fmt: skip
from .cypher import DERIVED_NODE_PROPERTIES, Statement
from .neo4j_rows import (
    PushLedger,
    edge_rows_by_type,
    node_rows_by_label,
    stored_edge,
    stored_node,
)
from .base import (QUANTITY_FIELDS, Candidate, Counts, Decision, LoadSummary, Progress, Stats, Store, StoredEdge,
                   StoredNode)  # fmt: skip
from .review import candidates_of, reviewed_claims

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
CONNECTION_TIMEOUT = 4.0
"""Seconds to wait for a TCP/TLS connection; keeps "server down" errors well under 10 seconds."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. ``password`` never appears in ``repr``."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    database: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        database: str | None = None,
        password: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> "Neo4jSettings":
        """Options first, then ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_DATABASE``, ``NEO4J_PASSWORD``."""
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or DEFAULT_USER,
            database=database or env.get("NEO4J_DATABASE") or None,
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
        )

    def where(self) -> str:
        """``uri`` and database for messages (never the password)."""
        return f"{self.uri} (database {self.database or 'default'})"


def _check_uri(uri: str) -> None:
    try:
        parts = urlsplit(uri)
    except ValueError:
        raise StoreError("the Neo4j URI is malformed: expected e.g. bolt://localhost:7687") from None
    if parts.password is not None or parts.username is not None:
        raise StoreError("the Neo4j URI must not carry credentials: set NEO4J_USERNAME and NEO4J_PASSWORD instead")
    if parts.scheme not in SCHEMES:
        raise StoreError(f"unsupported Neo4j URI scheme {parts.scheme!r} in {uri!r} (use one of {', '.join(SCHEMES)})")
    if not parts.hostname:
        raise StoreError(f"the Neo4j URI {uri!r} names no host")


class Neo4jStore(Store):
    """A supplygraph graph in a Neo4j database (Community 5.26 or later, Aura).

    Parameters
    ----------
    settings : where to connect; see :meth:`Neo4jSettings.from_env`.
    connection_timeout : seconds to wait for a connection before giving up.

    Examples
    --------
    >>> store = Neo4jStore(Neo4jSettings("bolt://localhost:7687", "neo4j", password="secret"))
    >>> store
    Neo4jStore(bolt://localhost:7687 (database default), user 'neo4j')

    Notes
    -----
    No network call happens until a method needs the server. :meth:`apply`
    reads every input's claims to merge the touched ids (O(claims)); use
    :func:`push` for large graphs built locally.
    """

    def __init__(self, settings: Neo4jSettings, *, connection_timeout: float = CONNECTION_TIMEOUT) -> None:
        _check_uri(settings.uri)
        self.settings = settings
        self.connection_timeout = connection_timeout
        self._driver: Any = None
        self._verified = False
        self.ledger = PushLedger()
        """What pushes through this object sent (used when the caller keeps no ledger of its own)."""

    def __repr__(self) -> str:
        return f"Neo4jStore({self.settings.where()}, user {self.settings.user!r})"

    # -- connection ------------------------------------------------------------

    def _get_driver(self) -> Any:
        if self._driver is None:
            import neo4j

            # The driver logs every retry as a warning; our errors say it in one line.
            logging.getLogger("neo4j").addHandler(logging.NullHandler())
            logging.getLogger("neo4j").propagate = False
            auth = (self.settings.user, self.settings.password) if self.settings.password else None
            with self._errors("connecting"):
                self._driver = neo4j.GraphDatabase.driver(
                    self.settings.uri,
                    auth=auth,
                    connection_timeout=self.connection_timeout,
                    connection_acquisition_timeout=self.connection_timeout + 2,
                    max_transaction_retry_time=self.connection_timeout,
                    user_agent="supplygraph",
                )
        if not self._verified:
            with self._errors("connecting"):
                self._driver.verify_connectivity()
            self._verified = True
        return self._driver

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn driver errors into one-line StoreErrors that name the server and never the password."""
        from neo4j import exceptions as ne

        try:
            yield
        except SupplygraphError:
            raise
        except ne.AuthError:
            raise StoreError(
                f"Neo4j at {self.settings.uri} refused the credentials of user {self.settings.user!r}: "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from None
        except (ne.ServiceUnavailable, ne.SessionExpired) as exc:
            reason = _reason(exc)
            raise StoreError(
                f"cannot reach Neo4j at {self.settings.uri} while {doing}: {reason} "
                "(is the server running? try 'docker compose up -d')"
            ) from None
        except ne.Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.settings.where()} refused {doing}: {exc.message or exc}") from None
        except (ne.DriverError, ValueError) as exc:
            raise StoreError(f"Neo4j driver error while {doing} ({self.settings.uri}): {exc}") from None

    def _session(self) -> Any:
        return self._get_driver().session(database=self.settings.database)

    def _read(self, statement: Statement, **params: Any) -> list[dict[str, Any]]:
        with self._errors(f"reading ({statement.name})"), self._session() as session:
            return session.execute_read(lambda tx: [r.data() for r in tx.run(statement.text, statement.bind(**params))])

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
            self._verified = False

    def ping(self) -> None:
        """Connect and run ``RETURN 1``; a StoreError says why when that fails."""
        self._read(cypher.PING)

    # -- schema ----------------------------------------------------------------

    def init_schema(self) -> list[str]:
        """Create the constraints and indexes (idempotent); return their names."""
        statements = cypher.schema_statements()
        with self._errors("creating constraints and indexes"), self._session() as session:
            for statement in statements:
                session.run(statement.text).consume()
        return [s.name for s in statements]

    # -- writing in batches (push) --------------------------------------------------

    def write_batch(self, statement: Statement, rows: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
        """Run one ``UNWIND $rows`` statement as one transaction; return (written, created).

        Raises IntegrityError, and rolls the whole batch back, when fewer rows
        were written than sent (a relationship whose end node is not in Neo4j).
        """

        def work(tx: Any) -> tuple[int, int]:
            result = tx.run(statement.text, statement.bind(rows=list(rows)))
            written = result.single()["written"]
            counters = result.consume().counters
            if written != len(rows):
                raise IntegrityError(
                    f"{statement.name}: only {written} of {len(rows)} rows could be written; an end node is "
                    "missing in Neo4j (push its nodes first, or push without --label/--ids); the batch was rolled back"
                )
            return written, counters.nodes_created + counters.relationships_created

        with self._errors(f"writing a batch ({statement.name})"), self._session() as session:
            return session.execute_write(work)

    def counts(self) -> tuple[int, int]:
        """(entities, relationships) in the database, from its count store."""
        row = self._read(cypher.PUSH_COUNTS)[0]
        return row["nodes"], row["relationships"]

    # -- the Store interface: apply --------------------------------------------------

    def apply(self, units: Sequence[LoadUnit], progress: Progress | None = None) -> LoadSummary:
        summary = LoadSummary(inputs=len(units))
        self._in_transaction("loading", lambda tx: self._apply(tx, units, summary, progress))
        return summary

    def _in_transaction(self, doing: str, work: Callable[[Any], Any]) -> Any:
        """Run ``work(tx)`` in one explicit transaction: committed when it returns, rolled back when anything fails."""
        with self._errors(doing), self._session() as session:
            tx = session.begin_transaction()
            try:
                result = work(tx)
                tx.commit()
                return result
            except BaseException:
                if not tx.closed():
                    with contextlib.suppress(Exception):
                        tx.rollback()
                raise

    def _apply(self, tx: Any, units: Sequence[LoadUnit], summary: LoadSummary, progress: Progress | None) -> None:
        def run(statement: Statement, **params: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(statement.text, statement.bind(**params))]

        stored = {r["origin"]: (r["digest"], _decode_claims(r["claims"])) for r in run(cypher.READ_ORIGINS)}
        verdicts = {r["key"]: r["decision"] for r in run(cypher.READ_DECISIONS)}
        changed = changed_units(units, {origin: digest for origin, (digest, _) in stored.items()}, summary, progress)
        if not changed:
            return
        replaced = {u.origin for u in changed}
        kept_nodes: dict[str, list[NodeClaim]] = defaultdict(list)
        kept_edges: dict[str, list[EdgeClaim]] = defaultdict(list)
        touched_ids: set[str] = set()
        touched_keys: dict[str, str] = {}
        for origin, (_, (node_claims, edge_claims)) in stored.items():
            for claim in node_claims:
                if origin in replaced:
                    touched_ids.add(claim.id)
                else:
                    kept_nodes[claim.id].append(claim)
            for claim in edge_claims:
                if origin in replaced:
                    touched_keys[claim.key] = claim.type
                else:
                    kept_edges[claim.key].append(claim)
        claimed_anywhere = set(kept_nodes) | touched_ids

        def labels_elsewhere(ids: Sequence[str]) -> dict[str, str]:
            found = {i: kept_nodes[i][0].label for i in ids if i in kept_nodes}
            unclaimed = [i for i in ids if i not in claimed_anywhere]
            for row in run(cypher.NODES_BY_ID, ids=unclaimed) if unclaimed else []:
                node = stored_node(row["labels"], row["props"])
                if node is not None:
                    found[node.id] = node.label
            return found

        check_units(changed, labels_elsewhere)
        new_claims: dict[str, tuple[list[NodeClaim], list[EdgeClaim]]] = {}
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        for unit in changed:
            nodes, edges = unit_claims(unit)
            new_claims[unit.origin] = (list(nodes.values()), list(edges.values()))
            touched_ids.update(nodes)
            touched_keys.update((key, claim.type) for key, claim in edges.items())
            for claim in nodes.values():
                kept_nodes[claim.id].append(claim)
            for claim in edges.values():
                kept_edges[claim.key].append(claim)
            if progress:
                progress(len(unit.nodes) + len(unit.facts))

        current_nodes = {}
        for row in run(cypher.NODES_BY_ID, ids=sorted(touched_ids)):
            node = stored_node(row["labels"], row["props"])
            if node is not None:
                current_nodes[node.id] = node
        node_writes, removed_ids = _diff(touched_ids, kept_nodes, current_nodes, merge_node, _same_node, summary.nodes)
        for primary, rows in node_rows_by_label(node_writes).items():
            run(cypher.upsert_nodes(primary), rows=rows)
        _write_edges(run, touched_keys, kept_edges, verdicts, summary.edges)
        if removed_ids:
            still = run(cypher.STILL_CONNECTED, ids=removed_ids)
            if still:
                hit = still[0]
                raise IntegrityError(
                    f"fact {hit['type']} {hit['source']}->{hit['target']} would be left dangling: "
                    f"the reload no longer defines {hit['id']}"
                )
            run(cypher.DELETE_NODES, ids=removed_ids)
        run(
            cypher.WRITE_ORIGINS,
            rows=[
                {"origin": u.origin, "digest": u.stamp, "loaded_at": now, "claims": _encode_claims(*new_claims[u.origin])}
                for u in changed
            ],
        )

    # -- the Store interface: the review gate --------------------------------------------

    def _extracted_claims(self) -> Iterator[EdgeClaim]:
        for row in self._read(cypher.READ_ORIGINS):
            for claim in _decode_claims(row["claims"])[1]:
                if not claim.curated:
                    yield claim

    def candidates(self) -> list[Candidate]:
        verdicts = {d.key: d.decision for d in self.decisions()}
        return [c for claim in self._extracted_claims() for c in candidates_of(claim, verdicts)]

    def decisions(self) -> list[Decision]:
        return [Decision(*(r[k] for k in cypher.DECISION_PROPERTIES[1:])) for r in self._read(cypher.READ_DECISIONS)]

    def decide(self, decisions: Sequence[Decision]) -> int:
        return self._in_transaction("recording review decisions", lambda tx: self._decide(tx, decisions))

    def _decide(self, tx: Any, decisions: Sequence[Decision]) -> int:
        def run(statement: Statement, **params: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(statement.text, statement.bind(**params))]

        verdicts = {r["key"]: r["decision"] for r in run(cypher.READ_DECISIONS)}
        changed = {d.key: d for d in decisions if verdicts.get(d.key) != d.decision}
        if not changed:
            return 0
        run(cypher.WRITE_DECISIONS, rows=[{**dataclasses.asdict(d), "key": d.key} for d in changed.values()])
        verdicts.update((k, d.decision) for k, d in changed.items())
        claims: dict[str, list[EdgeClaim]] = defaultdict(list)
        for row in run(cypher.READ_ORIGINS):
            for claim in _decode_claims(row["claims"])[1]:
                claims[claim.key].append(claim)
        touched = {key: group[0].type for key, group in claims.items()
                   if any(c.id in changed for claim in group for c in candidates_of(claim, {}))}  # fmt: skip
        _write_edges(run, touched, claims, verdicts, Counts())
        return len(changed)

    # -- the Store interface: reading --------------------------------------------------

    def node(self, node_id: str) -> StoredNode | None:
        for row in self._read(cypher.NODES_BY_ID, ids=[node_id]):
            node = stored_node(row["labels"], row["props"])
            if node is not None:
                return node
        return None

    def nodes(self, label: str | None = None) -> Iterator[StoredNode]:
        if label is not None and label not in NODE_LABELS:
            return iter([])  # like the embedded store: no node has a label the schema does not know
        statement = cypher.ALL_NODES if label is None else cypher.nodes_of_label(label)
        found = (stored_node(r["labels"], r["props"]) for r in self._read(statement))
        return iter([n for n in found if n is not None])

    def document_nodes(self) -> dict[str, frozenset[str]]:
        return only_documents_claim((claim.id, r["origin"], r["digest"]) for r in self._read(cypher.READ_ORIGINS)
                                    for claim in _decode_claims(r["claims"])[0])  # fmt: skip

    def edges(self, type: str | None = None) -> Iterator[StoredEdge]:
        if type is None:
            rows = self._read(cypher.ALL_EDGES, types=list(FACT_TYPES))
        elif type not in FACT_TYPES:
            return iter([])
        else:
            rows = self._read(cypher.edges_of_type(type))
        return iter([stored_edge(r["type"], r["source"], r["target"], r["props"]) for r in rows])

    def edges_of(self, node_id: str) -> list[StoredEdge]:
        rows = self._read(cypher.EDGES_OF_NODE, id=node_id, types=list(FACT_TYPES))
        return [stored_edge(r["type"], r["source"], r["target"], r["props"]) for r in rows]

    def stats(self) -> Stats:
        types = list(FACT_TYPES)
        labels: dict[str, int] = {}
        for row in self._read(cypher.LABEL_COUNTS):
            primary = next((name for name in row["labels"] if name in NODE_LABELS), None)
            if primary:
                labels[primary] = labels.get(primary, 0) + row["nodes"]
        edges = {r["type"]: r["edges"] for r in self._read(cypher.TYPE_COUNTS, types=types)}
        return Stats(
            nodes=sum(labels.values()),
            edges=sum(edges.values()),
            labels=dict(sorted(labels.items())),
            types=dict(sorted(edges.items())),
            sources=labels.get("Document", 0),
            cited_sources=self._read(cypher.CITED_SOURCES, types=types)[0]["cited"],
            facts_without_quantities=self._read(
                cypher.FACTS_WITHOUT_QUANTITIES, types=types, quantities=list(QUANTITY_FIELDS)
            )[0]["without"],
            origins=self._read(cypher.COUNT_ORIGINS)[0]["origins"],
        )

    def run_query(self, text: str, params: Mapping[str, Any], *, name: str = "query") -> tuple[list[str], list[dict]]:
        """Run a read-only library query (text from a packaged ``.cypher`` file, values as parameters).

        Nodes and relationships in the result come back as their property maps.
        """

        def work(tx: Any) -> tuple[list[str], list[dict]]:
            result = tx.run(text, dict(params))
            return list(result.keys()), [record.data() for record in result]

        with self._errors(f"running query {name}"), self._session() as session:
            return session.execute_read(work)

    def read_graph(self) -> tuple[list[tuple[str, list[str], dict]], list[tuple[str, str, str, str, dict]]]:
        """Every node and relationship as Neo4j holds it (for :func:`pull`)."""
        nodes = [(r["element_id"], r["labels"], r["props"]) for r in self._read(cypher.PULL_NODES)]
        edges = [
            (r["element_id"], r["type"], r["source"], r["target"], r["props"]) for r in self._read(cypher.PULL_EDGES)
        ]
        return nodes, edges


def _reason(exc: Exception) -> str:
    """The gist of a connection failure in one line (``Connection refused``, ``timed out``...)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    match = re.search(r"\(reason (.+?)\)$", text)
    if match:
        return match.group(1)
    if "Bolt handshake" in text:
        return "no Bolt handshake answer in time (not a Neo4j Bolt port, or the server is still starting)"
    return re.sub(r"^Couldn't connect to \S+ \(resolved to .*?\)\):\s*", "", text)


# -- claims bookkeeping -------------------------------------------------------------


def _encode_claims(nodes: Sequence[NodeClaim], edges: Sequence[EdgeClaim]) -> str:
    return json.dumps(
        {"nodes": [dataclasses.asdict(c) for c in nodes], "edges": [dataclasses.asdict(c) for c in edges]},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decode_claims(text: str | None) -> tuple[list[NodeClaim], list[EdgeClaim]]:
    data = json.loads(text or "{}")
    return [NodeClaim(**c) for c in data.get("nodes", [])], [EdgeClaim(**c) for c in data.get("edges", [])]


def _write_edges(
    run: Callable[..., list[dict[str, Any]]], touched: Mapping[str, str], claims: Mapping[str, list[EdgeClaim]],
    verdicts: Mapping[str, str], counts: Counts,
) -> None:  # fmt: skip
    """Re-merge the edges ``touched`` (key -> type) from every origin's ``claims`` as the review ``verdicts`` leave
    them, and write what changed: upserts, and deletes of edges no claim is left for."""
    keys_by_type: dict[str, list[str]] = defaultdict(list)
    for key, type_name in touched.items():
        keys_by_type[type_name].append(key)
    current = {}
    for type_name, keys in keys_by_type.items():
        for row in run(cypher.edges_by_key(type_name), keys=keys):
            edge = stored_edge(row["type"], row["source"], row["target"], row["props"])
            current[edge.key] = edge
    reviewed = {key: reviewed_claims(claims.get(key, []), verdicts) for key in touched}
    writes, removed = _diff(touched, reviewed, current, merge_edge, _same_edge, counts)
    for type_name, keys in _group(removed, lambda key: touched[key]).items():
        run(cypher.delete_edges(type_name), keys=keys)
    for type_name, rows in edge_rows_by_type(writes).items():
        result = run(cypher.upsert_edges(type_name), rows=rows)
        if result[0]["written"] != len(rows):
            raise IntegrityError(f"{type_name}: a fact's end node is missing in Neo4j")


def _group(items: Iterable[str], key: Callable[[str], str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _same_node(before: StoredNode, merged: StoredNode) -> bool:
    """Equal as stored (tuples and lists alike), ignoring derived properties such as chokepoint scores."""
    stripped = {k: v for k, v in before.as_dict().items() if k not in DERIVED_NODE_PROPERTIES}
    return _canonical(stripped) == _canonical(merged.as_dict())


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _same_edge(before: StoredEdge, merged: StoredEdge) -> bool:
    return _canonical(before.as_dict()) == _canonical(merged.as_dict())


def _diff(
    keys: Iterable[str],
    claims: Mapping[str, list],
    current: Mapping[str, Any],
    merge: Callable[[list], Any],
    same: Callable[[Any, Any], bool],
    counts: Counts,
) -> tuple[list, list[str]]:
    """Merged nodes or edges to write (new or changed) and keys to delete; counts them."""
    writes, removed = [], []
    for key in sorted(keys):
        before = current.get(key)
        if not claims.get(key):
            if before is not None:
                removed.append(key)
                counts.removed += 1
            continue
        merged = merge(claims[key])
        if before is None:
            counts.added += 1
        elif not same(before, merged):
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        writes.append(merged)
    return writes, removed


# -- push and pull ------------------------------------------------------------------

"""The supply-flow projection: the knowledge graph turned into the direction material flows.

Chokepoint analysis does not run on the knowledge graph itself, which mixes
flow (who makes what, what feeds what) with context (ownership, location,
cooperation, mentions). :func:`supply_flow` keeps the flow:

* producer -> material (``PRODUCES``; producers are countries, organisations,
  facilities and places),
* material -> material (``INPUT_TO``),
* material -> end use (``USED_IN``),
* supplier -> customer (``SUPPLIES``),

and folds the context the analyses need into node attributes: the country a
producer sits in and who controls it (``LOCATED_IN``, ``OPERATES``,
``SUBSIDIARY_OF``), the elements a material carries (``elements`` and
``CONTAINS``) and the policies that restrict it (``RESTRICTS``, on the
material or on an element it carries). Sources of the flow are the nodes
nothing flows into (mining-stage supply); sinks are the end uses.

Time, categories, control
-------------------------
The projection is of one date, ``as_of`` (default today; :mod:`.timeline`):
only producers operating then supply (the rest is ``F.graph["pipeline"]``,
with expected starts), facts outside their ``since``/``until`` are left
out, and policies carry their state on that date. Categories
(``Material.category``) stay out of the flow; their members inherit what
they lack (:mod:`.categories`). Control follows ``OPERATES`` and
``SUBSIDIARY_OF`` only; a ``HOLDS_STAKE_IN`` is ownership, reported as
``stakes`` and never followed by a removal.

Editions and years
------------------
The same producer -> material pair often has several ``PRODUCES`` edges: one
per source edition and data year (USGS MCS 2025 and MCS 2026 both report
2024, and disagree). Mixing them would double-count, so for every material
and every *basis* (``countries``, or ``organisations`` for organisations,
facilities and places) the figures come from one vintage, an (edition, year)
pair with figures: the one asked for, else the newest that is not a
projection and was published by ``as_of`` (latest data year not after the
as-of year, then the one listing more producers, then the latest edition). The data year is a fact's ``year``, else the year of its
``as_of``. The vintage chosen is recorded on the material as
``vintages[basis]`` so every figure downstream can name it. Producers that
the chosen vintage does not list stay in the flow as routes (weight 0: the
vintage's shares already leave room for them in the unlisted rest). The choice
and the weights: :mod:`.vintages`.

Arrays
------
:func:`supply_flow_graph` gives the projection as a
:class:`.flowgraph.FlowGraph` (integer ids, CSR adjacency, per-edge columns)
without building the ``DiGraph``; :func:`supply_flow` is that graph's
NetworkX view, for library algorithms and Python callers.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import networkx as nx

from supplygraph.schema.plain import ORGANIZATION_LABELS

from .categories import Categories
from .control import _content_of, _country_of, _elements_of, _Links, controllers, stakes
from .countryparts import quota_parts, volume_parts
from .enduses import note_end_use_inputs
from .flowbulk import Bulk
from .flowgraph import FlowGraph
from .restrictions import attach_policies
from .timeline import DEFAULT_STALE_MONTHS, PIPELINE_STATES, Activity, Assumptions, as_of_date, day, producer_activity
from .vintages import (CAPACITY, EQUAL, STATED, VOLUME, WEIGHT_QUALITY, after_as_of, choose_vintage, figure_year, has_figures, measure_of,
                       vintage_key, vintage_words, weigh_producers, world_totals)  # fmt: skip

__all__ = ["BASES", "CAPACITY", "EQUAL", "FLOW_TYPES", "PRODUCER_LABELS", "STATED", "VOLUME", "WEIGHT_QUALITY", "basis_of",
           "choose_vintage", "figure_year", "measure_of", "sources_and_sinks", "supply_flow", "supply_flow_graph", "vintage_key"]  # fmt: skip
"""The projection and, for the analyses that name them, the vintages' words and choice (:mod:`.vintages`)."""

FLOW_TYPES = ("PRODUCES", "INPUT_TO", "USED_IN", "SUPPLIES")
"""Relationship types that carry material flow."""

PRODUCER_LABELS = frozenset(ORGANIZATION_LABELS | {"Country", "Facility", "Place"})
"""Labels that can produce or supply a material."""

BASES = ("countries", "organisations")
"""The two ways production is counted: by producing country or by producing organisation."""

_FLOWING = frozenset(FLOW_TYPES)
_ENDS, _PRODUCER, _ATTRS = itemgetter(0, 1), itemgetter(0), itemgetter(1)
_EDGE_ATTRS = frozenset({"share", "volume_t", "capacity_t", "year", "as_of", "edition", "material", "estimate", "quota", "intensity_kg"})


def basis_of(label: str) -> str:
    """The production basis a producer label counts under: ``countries`` or ``organisations``.

    Facilities and places count with organisations: both are sub-national
    producers, and a facility's output belongs to its operator.
    """
    return "countries" if label == "Country" else "organisations"


def supply_flow(
    G: nx.MultiDiGraph,
    *,
    edition: str | None = None,
    year: int | None = None,
    as_of: str | datetime.date | None = None,
    stale_after: int = DEFAULT_STALE_MONTHS,
    facts: Iterable[tuple[str, str, str, dict, list, bool]] | None = None,
) -> nx.DiGraph:
    """The directed supply-flow projection of a knowledge graph, as it stands on ``as_of``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The knowledge graph as :meth:`Store.to_networkx` returns it.
    edition, year : optional
        Which vintage of production figures to use where several exist;
        by default the newest per material and basis not after ``as_of``.
    as_of : str or date, optional
        The date the graph is evaluated at (default today): only producers
        operating then supply anything, only policies in force then restrict
        (:mod:`.timeline`).
    stale_after : int
        Months after which a policy's newest source no longer confirms it.
    facts : iterable, optional
        Flow facts kept out of ``G`` (then ``G`` holds the nodes and the
        context only), as (source, target, type, properties, sources,
        reviewed) in the order ``G``'s adjacency would give them: how the
        store feeds the report without a NetworkX copy of every flow fact
        (:meth:`Store.analysis_graph`). The projection keeps their property
        dicts and source lists as its edges' attributes (a store's stream
        decodes fresh ones for it): a caller's are not to be used again.

    Returns
    -------
    F : networkx.DiGraph
        Nodes are producers, materials and end uses, with ``label``, ``name``
        and, by role: producers ``country`` (ISO code), ``controlled_by``
        (list of (id, how): operators and ``SUBSIDIARY_OF`` parents, i.e.
        control), ``stakes`` (minority owners: ``owner``, ``owned``,
        ``stake``) and ``state``; materials ``stage``, ``elements`` (set of
        symbols), ``content`` (symbol -> sourced ``mass_fraction``),
        ``restricted_by`` (policy ids), ``restrictions`` (policy,
        ``caught_by``: the element or category that brought the material
        under it, None when named) and ``vintages`` (basis -> {edition, year,
        weights, inherited}). Edges carry ``type``, ``weight`` (the share of
        the target's supply the edge stands for, see below), ``sources`` and
        the figures (``share``, ``volume_t``, ``year``, ``edition``...);
        ``PRODUCES`` edges also ``basis``; edges a member takes over from a
        category carry ``inherited`` (the category) and, for alternatives,
        ``group``. ``F.graph`` holds ``as_of``; ``policies`` (id -> name,
        targets, countries, measure, lead_time_days, ``state``/``status``,
        ``in_force``, ``ended``, ``unconfirmed_since``...); ``controllers``
        (every operator, parent or stakeholder named -> name, label,
        country); ``categories`` (:mod:`.categories`, with their own
        ``vintages`` and ``producers`` for the concentration table);
        ``pipeline`` (capacity not operating on ``as_of``, with its expected
        start), ``assumptions`` (what was assumed where data is silent) and
        ``element_groups`` (symbol -> light, heavy or other).

    Notes
    -----
    Weights: a ``PRODUCES`` edge of the chosen vintage weighs its stated
    share of the material, else its share of the volume the vintage lists
    (two producers at least), and carries ``listed`` True; other producers
    weigh 0 (``listed`` False); where no vintage has figures every producer
    weighs its share of the listed capacity when all of them have one, else
    an equal split (recorded in ``vintages[basis]["weights"]``).
    ``INPUT_TO`` and ``SUPPLIES`` edges weigh their ``share`` when given
    (None otherwise). Parallel ``SUPPLIES`` edges between two parties (one
    per material and year) collapse into one edge of the newest year.
    Facts whose ``since`` is after ``as_of`` or whose ``until`` is on or
    before it are left out. Runs in O(V + E) plus the ownership walks for producers.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:CN", label="Country", name="China", iso2="CN")
    >>> G.add_node("material:ore", label="Material", name="ore", stage="mining")
    >>> G.add_node("enduse:motor", label="EndUse", name="motor")
    >>> _ = G.add_edge("country:CN", "material:ore", type="PRODUCES", share=0.7, year=2025, edition="T1", sources=["doc:x"])
    >>> _ = G.add_edge("material:ore", "enduse:motor", type="USED_IN", sources=["doc:x"])
    >>> F = supply_flow(G, as_of="2026-12-06")
    >>> F["country:CN"]["material:ore"]["weight"], F.nodes["material:ore"]["vintages"]["countries"]["edition"]
    (0.7, 'T1')
    """
    return supply_flow_graph(G, edition=edition, year=year, as_of=as_of, stale_after=stale_after, facts=facts).to_networkx()


def supply_flow_graph(
    G: nx.MultiDiGraph,
    *,
    edition: str | None = None,
    year: int | None = None,
    as_of: str | datetime.date | None = None,
    stale_after: int = DEFAULT_STALE_MONTHS,
    facts: Iterable[tuple[str, str, str, dict, list, bool]] | None = None,
    country_parts: bool = True,
) -> FlowGraph:
    """:func:`supply_flow` as a :class:`.flowgraph.FlowGraph`: the same nodes, edges, orders and attribute dicts, held
    as arrays, the ``DiGraph`` made only when asked for (:meth:`~.flowgraph.FlowGraph.to_networkx`). ``country_parts``
    False leaves out what only ``remove`` scenarios read (``graph["country_parts"]``, :mod:`.countryparts`)."""
    F, flows = _project(G, edition=edition, year=year, as_of=as_of_date(as_of), stale_after=stale_after, facts=facts,
                        country_parts=country_parts)  # fmt: skip
    return FlowGraph.from_flows(list(F._node), list(F._node.values()), F.graph, flows)


def _project(G: nx.MultiDiGraph, *, edition: str | None, year: int | None, as_of: str, stale_after: int,
             facts: Iterable[tuple] | None, country_parts: bool = True) -> tuple[nx.DiGraph, list[tuple[str, str, dict]]]:  # fmt: skip
    """The projection's nodes (a ``DiGraph`` without edges, its ``graph`` the records) and its edges in the order
    they are added, (source, target, attribute dict)."""
    # the node dicts read through G._node, not NetworkX's views and get_node_attributes (0.24 s against 0.09 s for the
    # three passes at a million stored facts, 188k nodes), the element groups from the labels
    node_data = G._node
    labels = {n: d["label"] for n, d in node_data.items() if "label" in d}
    F = nx.DiGraph(policies={}, controllers={}, as_of=as_of, stale_after=stale_after, pipeline=[], categories={},
                   element_groups={node_data[n].get("symbol") or n.split(":", 1)[1]: node_data[n].get("group")
                                   for n, label in labels.items() if label == "Element"})  # fmt: skip
    links = _Links()
    cats = Categories(G)
    assumed = Assumptions()
    activity: dict[str, Activity] = {}
    category_ids = cats.ids

    def active(node: str) -> Activity:
        if node not in activity:
            activity[node] = producer_activity(node, G._node[node], as_of, assumed)
        return activity[node]

    produced: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    supplies: dict[tuple[str, str], dict] = {}
    flows: list[tuple[str, str, dict]] = []
    waiting: list[tuple[str, str, dict, str | None]] = []
    # (source, target, type, properties, sources, reviewed), own: ``own`` when the dict and list are the projection's
    # to keep (the store's stream decodes them for it), not the caller's graph's
    # (a MultiDiGraph's adjacency read as G.edges(data=True) gives it, without the view's generators: the context's 81k
    # edges among 188k nodes at a million facts)
    adjacency = (((u, v, d) for u, nbrs in G._succ.items() if nbrs for v, keyed in nbrs.items() for d in keyed.values())
             if G.is_multigraph() and G.is_directed() else G.edges(data=True))  # fmt: skip
    stream = ((u, v, d.get("type"), d, d.get("sources"), d.get("reviewed", True)) for u, v, d in adjacency)
    bulk = Bulk(labels=labels, categories=category_ids, edge_attrs=_EDGE_ATTRS, produced=produced, flows=flows,
                waiting=waiting, activity=activity, active=active, basis_of=basis_of)  # plain batches of facts: .flowbulk
    taken = itertools.chain(zip(stream, itertools.repeat(False)), zip(bulk.facts(facts or ()), itertools.repeat(True)))
    for (source, target, kind, data, cited, reviewed), own in taken:
        if kind not in _FLOWING:
            if kind == "MEMBER_OF":
                cats.add_member(source, target)
            if not _outside(data, as_of):  # control and ownership hold between their dates too
                links.add(source, target, data)
            continue
        produces = kind == "PRODUCES"
        if produces and labels.get(target) == "Element":
            # An element named as the commodity ("mines cobalt") says nothing of the form made, so it cannot
            # join the material flow without a guess: kept in the graph, left out here, and the report says so.
            assumed.note("element_production", f"{G.nodes[source].get('name', source)}: {G.nodes[target].get('name', target)}")
            continue
        if own and _EDGE_ATTRS.issuperset(data) and None not in data.values():  # nothing to leave out: the dict itself
            attrs, since, until = data, None, None
        else:
            attrs = {k: v for k, v in data.items() if k in _EDGE_ATTRS and v is not None}
            since, until = data.get("since"), data.get("until")
        attrs["type"] = kind
        if produces and attrs.get("capacity_t") and data.get("basis"):  # what the capacity counts (feed, REO): .vintages
            attrs["capacity_basis"] = data["basis"]
        attrs["sources"] = cited if own and type(cited) is list else list(cited or ())
        attrs["unreviewed"] = 0 if reviewed else 1  # an extracted fact nobody accepted yet
        if until and day(until) <= as_of:
            continue  # the fact no longer holds
        if since and day(since) > as_of:
            if produces:
                waiting.append((source, target, attrs, since))
            continue
        if produces or kind == "SUPPLIES":
            act = activity.get(source) or active(source)
            if not act.operating:
                if produces:
                    waiting.append((source, target, attrs, act.expected))
                continue
            if not produces and not (activity.get(target) or active(target)).operating:
                continue
        if source in category_ids or target in category_ids:
            cats.keep(source, target, attrs)
        elif produces:
            bulk.produce(target, basis_of(labels.get(source, "")), source, attrs)
        elif kind == "SUPPLIES":
            key = (source, target)
            if key not in supplies or vintage_key(None, attrs.get("year")) > vintage_key(None, supplies[key].get("year")):
                supplies[key] = attrs
        else:
            attrs["weight"] = attrs.get("share")
            flows.append((source, target, attrs))
    bulk.settle()
    for (source, target), attrs in supplies.items():
        attrs["weight"] = attrs.get("share")
        flows.append((source, target, attrs))
    cats.expand(produced, flows, lambda p: basis_of(labels.get(p, "")), lambda rows: has_figures(rows, edition, year, as_of))
    for source, target in links.minority:
        assumed.note("minority_subsidiary", f"{G.nodes[target].get('name', target)} in {G.nodes[source].get('name', source)}")
    capacity = {n: d["capacity_t"] for n, d in node_data.items() if "capacity_t" in d}

    def weigh(rows: list) -> dict[str, tuple[dict, list]]:
        by_basis: dict[str, list] = defaultdict(list)
        for producer, attrs in rows:
            by_basis[basis_of(labels.get(producer, ""))].append((producer, attrs))
        return {b: weigh_producers(r, edition, year, as_of, capacity) for b, r in by_basis.items()}

    world = world_totals(produced)
    if country_parts:  # a removed company's part of its country's output, by stated volumes (:mod:`.countryparts`)
        F.graph["country_parts"] = volume_parts(produced, lambda n: _country_of(G, n, links), int(as_of[:4]))
        F.graph["quota_parts"] = quota_parts(produced, lambda n: _country_of(G, n, links), int(as_of[:4]))
    controlled = frozenset(links.operators) | frozenset(links.parents)  # the producers that have controllers
    chains: dict[str, list] = {}  # node -> its control chain (links are complete now)
    nodes = F._node
    weighed_edges: list[tuple[str, list]] = []  # (material, its edges): into the flows in one pass once all are weighed
    for (material, basis), rows in produced.items():
        covered = _covered(G, rows, links, controlled, chains)
        if covered:
            assumed.note("operator_and_plant")
        _add_node(G, F, material, links)
        if material in world:
            nodes[material]["world_t"] = world[material]
        vintage, edges = weigh_producers(rows, edition, year, as_of, capacity, covered, basis)  # each edge's basis set
        # (only a category's producers are inherited: cats.expand)
        inherited = next((a.get("inherited") for _, a in rows if a.get("inherited")), None) if category_ids else None
        if inherited:
            vintage["inherited"] = inherited
            assumed.note("inherited", f"{G.nodes[material].get('name', material)} from {G.nodes[inherited].get('name', inherited)}")
            if vintage["weights"] in (EQUAL, CAPACITY) and all(a.get("inherited") for _, a in edges):
                _possible_producers(G, material, inherited, vintage, edges, assumed)
        if vintage["weights"] == EQUAL and len(edges) > 1 and any(a["weight"] for _, a in edges):
            assumed.note("equal_split")
        if vintage["weights"] not in (EQUAL, CAPACITY) and after_as_of(vintage, as_of):
            assumed.note("figure_after_as_of", f"{G.nodes[material].get('name', material)}: "
                                               + vintage_words(vintage.get("edition") or "figure", vintage.get("year")))
        if vintage.get("capacity_bases"):
            assumed.note("capacity_bases", f"{G.nodes[material].get('name', material)}: "
                                           + " and ".join(b or "not stated" for b in vintage["capacity_bases"]))
        nodes[material]["vintages"][basis] = vintage
        weighed_edges.append((material, edges))
    edges = list(itertools.chain.from_iterable(each for _, each in weighed_edges))  # (producer, attributes) pairs
    materials = itertools.chain.from_iterable(itertools.repeat(material, len(each)) for material, each in weighed_edges)
    flows.extend(zip(map(_PRODUCER, edges), materials, map(_ATTRS, edges)))
    # each node once, in the order the flows name them (the filter is asked as each end comes: a node added is passed)
    for node in itertools.filterfalse(nodes.__contains__, itertools.chain.from_iterable(map(_ENDS, flows))):
        _add_node(G, F, node, links, activity.get(node), chains)
    for category in sorted(cats.ids):
        record = cats.record(category)
        rows = [(s, a) for s, t, a in cats.facts.get(category, ()) if a["type"] == "PRODUCES" and t == category]
        weighed = weigh(rows)
        record["vintages"] = {b: v for b, (v, _) in weighed.items()}
        record["producers"] = [(p, dict(a, basis=b)) for b, (_, edges) in weighed.items() for p, a in edges]
        for producer, _ in record["producers"]:
            _add_controllers(G, F, producer, links)
            if producer not in F and producer not in F.graph["controllers"]:
                info = G.nodes[producer]
                F.graph["controllers"][producer] = {"name": info.get("name") or producer, "label": info.get("label"), "country": _country_of(G, producer, links)}
        F.graph["categories"][category] = record
    F.graph["pipeline"] = _pipeline(G, F, waiting, links, activity)
    attach_policies(G, F, links, cats, assumed, as_of, stale_after)
    note_end_use_inputs(flows, labels, lambda n: node_data[n].get("name") or n, lambda n: node_data[n].get("sector"), assumed)
    F.graph["assumptions"] = assumed.rows()
    return F, flows


def _possible_producers(G: nx.MultiDiGraph, material: str, category: str, vintage: dict, edges: list, assumed: Assumptions) -> None:
    """A member's producers, all taken over from its category with no figure: possible producers, not measured ones.

    The data lists them as making the category (Lynas's Malaysian plant separates heavy rare-earth oxides, its heavy
    circuit dysprosium and terbium), not this member: an equal split (or the category's capacities) would make each an
    equal producer of yttrium oxide. They stay as routes and in the member's row (listed, "listed as producing
    <category>" under who controls) with weight 0: no share of it. The member's shares are its countries' figures where
    it has them; a scenario pools them only where the member has no other producer (:mod:`.propagation`)."""
    for _, attrs in edges:
        attrs["weight"] = 0.0
    vintage["weights"] = EQUAL  # a category's capacities are no figure for one member (as :func:`.vintages.has_figures` says)
    assumed.note("category_producers", f"{G.nodes[material].get('name', material)}: {len(edges)} listed as producing "
                                       f"{G.nodes[category].get('name', category)}", rank=len(edges))


def _outside(data: dict, as_of: str) -> bool:
    """Whether a fact does not hold on ``as_of``: it ended on or before it (``until``) or begins after it (``since``)."""
    until, since = data.get("until"), data.get("since")
    return bool((until and day(until) <= as_of) or (since and day(since) > as_of))


def _covered(G: nx.MultiDiGraph, rows: list[tuple[str, dict]], links: _Links, has_controllers: frozenset[str],
             chains: dict[str, list]) -> set[str]:  # fmt: skip
    """Producers listed beside a plant they operate or control: the plant's output is theirs, so they are not counted twice.

    ``has_controllers``: the nodes with an operator or a parent (``links``'), the only ones that can be covered;
    ``chains``: the control chains followed so far (:func:`_chain`)."""
    if len(rows) < 2:
        return set()
    controlled = has_controllers.intersection(map(itemgetter(0), rows))
    if not controlled:
        return set()
    listed = {p for p, _ in rows}
    if len(listed) < 2:
        return set()
    return {c for p in controlled for c, _ in _chain(G, p, links, chains) if c in listed}


def _chain(G: nx.MultiDiGraph, node: str, links: _Links, chains: dict[str, list]) -> list[tuple[str, str]]:
    """:func:`.control.controllers` of ``node``, followed once per projection (``chains``): a producer of several
    materials is looked at for each, and again when its node is added. Only once ``links`` are all known."""
    chain = chains.get(node)
    if chain is None:
        chain = chains[node] = controllers(G, node, _links=links)
    return chain


def _add_controllers(G: nx.MultiDiGraph, F: nx.DiGraph, node: str, links: _Links, held: list | None = None,
                     chains: dict[str, list] | None = None) -> list:  # fmt: skip
    """Record in ``F.graph["controllers"]`` everyone who controls or holds a stake in ``node``; return the control chain
    (and fill ``held`` with the stakes). ``chains``: the chains already followed (:func:`_chain`)."""
    chain = _chain(G, node, links, chains) if chains is not None else controllers(G, node, _links=links)
    owned = stakes(G, node, chain, _links=links)
    if held is not None:
        held.extend(owned)
    if not chain and not owned:  # (most producers)
        return chain
    for other in [o for o, _ in chain] + [s["owner"] for s in owned]:
        if other not in F.graph["controllers"]:
            info = G.nodes[other]
            F.graph["controllers"][other] = {"name": info.get("name") or other, "label": info.get("label"), "country": _country_of(G, other, links)}
    return chain


def _add_node(G: nx.MultiDiGraph, F: nx.DiGraph, node: str, links: _Links, activity: Activity | None = None,
              chains: dict[str, list] | None = None) -> None:  # fmt: skip
    if node in F._node:
        return
    data = G._node[node]
    label, name = data.get("label"), data.get("name") or node
    if label == "Material":
        attrs = {"label": label, "name": name, "stage": data.get("stage"), "elements": _elements_of(G, node, links),
                 "content": _content_of(G, node, links), "restricted_by": [], "restrictions": [], "vintages": {}}  # fmt: skip
    elif label == "EndUse":
        attrs = {"label": label, "name": name, "sector": data.get("sector")}
    else:
        held: list = []
        chain = _add_controllers(G, F, node, links, held, chains)
        attrs = {"label": label, "name": name, "country": _country_of(G, node, links), "controlled_by": chain,
                 "stakes": held, "state": activity.state if activity else "operating"}  # fmt: skip
    F._node[node] = attrs  # the node alone (F.add_node without its copy and checks): the edges go to a FlowGraph


def _pipeline(G: nx.MultiDiGraph, F: nx.DiGraph, waiting: list, links: _Links, activity: dict[str, Activity]) -> list[dict[str, Any]]:
    """Capacity that does not supply on the as-of date but is announced or being built: what it will make, when, by whom.

    ``capacity_t`` is the first figure found (the fact's, else the plant's), ``capacity_basis`` what it counts where
    the source says (feed, not product, for Lynas's 5,000 t/yr), and ``capacities`` every distinct figure stated for
    the plant and material with its basis, edition and year, so that sources that disagree (Eneabba: 17,500 or
    23,000 t/yr REO) are both shown."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for producer, material, attrs, expected in waiting:
        act = activity.get(producer)
        expected_state = act.expected_state if act and expected == act.expected else None  # "commissioning" or "operating"
        if act is not None and act.state not in PIPELINE_STATES and not expected:
            continue  # closed, idle or cancelled: not pipeline
        if (producer, material) not in rows:  # (the controllers followed once per row, not once per fact)
            owners = [o for o, _ in _add_controllers(G, F, producer, links)]
            rows[producer, material] = {
                "producer": producer, "name": G.nodes[producer].get("name") or producer, "material": material,
                "material_name": G.nodes[material].get("name") or material, "state": act.state if act else None,
                "expected": expected, "expected_state": expected_state,
                "capacity_t": attrs.get("capacity_t") or G.nodes[producer].get("capacity_t"),
                "capacity_basis": attrs.get("capacity_basis") if attrs.get("capacity_t") else None,
                "country": _country_of(G, producer, links), "controlled_by": owners,
                "controller_names": [F.graph["controllers"][o]["name"] for o in owners],
                "sources": [], "capacities": [],
            }  # fmt: skip
        row = rows[producer, material]
        if not row["expected"] and expected:
            row["expected"], row["expected_state"] = expected, expected_state
        row["sources"] = sorted(set(row["sources"]) | set(attrs.get("sources", ())))
        if attrs.get("capacity_t"):
            if row["capacity_basis"] is None and attrs["capacity_t"] == row["capacity_t"]:
                row["capacity_basis"] = attrs.get("capacity_basis")
            figure = {"capacity_t": attrs["capacity_t"], "basis": attrs.get("capacity_basis"), "edition": attrs.get("edition"),
                      "year": attrs.get("year"), "sources": list(attrs.get("sources", ()))}  # fmt: skip
            if all((f["capacity_t"], f["basis"], f["edition"]) != (figure["capacity_t"], figure["basis"], figure["edition"]) for f in row["capacities"]):
                row["capacities"].append(figure)
    return sorted(rows.values(), key=lambda r: (day(r["expected"]) if r["expected"] else "9999", r["producer"], r["material"]))


def sources_and_sinks(F: nx.DiGraph | FlowGraph) -> tuple[list[str], list[str]]:
    """The flow's sources (nothing flows in) and sinks (end uses), each sorted; of a DiGraph or a FlowGraph.

    Examples
    --------
    >>> F = nx.DiGraph([("a", "m"), ("m", "u")])
    >>> F.nodes["u"]["label"] = "EndUse"
    >>> sources_and_sinks(F)
    (['a'], ['u'])
    """
    if isinstance(F, FlowGraph):  # nothing flows in: no in-edge
        labels = F.node_column("label")
        fed = F.in_ptr[1:] > F.in_ptr[:-1]
        sources = sorted(n for n, label, has in zip(F.nodes, labels, fed.tolist()) if not has and label != "EndUse")
        return sources, sorted(n for n, label in zip(F.nodes, labels) if label == "EndUse")
    node_data = F._node  # the dicts, not views: a pass over every node
    sources = sorted(n for n, feeds in F._pred.items() if not feeds and node_data[n].get("label") != "EndUse")
    sinks = sorted(n for n, d in node_data.items() if d.get("label") == "EndUse")
    return sources, sinks

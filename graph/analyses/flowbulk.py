"""The projection's fast path: a batch of plain flow facts taken in a few C-level passes instead of its rules per fact.

At a million stored facts almost every flow fact is plain: a production
figure or an ``INPUT_TO``/``USED_IN`` link with nothing dated, nothing
left out, no category or element at either end. For such a fact the
projection's rules (:func:`.flow._project`) reduce to: its properties dict
becomes its edge's attributes with ``type``, ``sources`` and
``unreviewed`` added; an ``INPUT_TO`` or ``USED_IN`` edge weighs its
``share``; a ``PRODUCES`` fact is filed under its material and its
producer's basis, or kept as pipeline when the producer does not operate on
the as-of date. The store hands its facts in batches of parallel lists
(:class:`.sqlite_rows.FlowFacts`), so a batch whose facts are all plain is
taken here with ``map`` over the lists (the C loop calls ``dict.__setitem__``
and friends directly) and one small loop per ``PRODUCES`` fact; any other
batch goes through the general rules fact by fact, in its place in the
order. Same attribute dicts with their keys in the same order, same lists in
the same order, the same assumptions noted in the same order (a producer's
activity is looked up at its first fact, as the rules do): the fast path
changes how long the projection takes, never what it gives
(``tests/test_flow_projection.py`` checks both paths against each other).
The weighing has its own shortcut for the common material (one vintage,
stated shares: :func:`.vintages.weigh_producers`), checked the same way.

Where a batch's facts share their payloads (a facts table's rows repeat
their figures and sources: the benchmark network's batches of 4,096 facts
hold 915 distinct texts), the store hands each text's decoding once
(:meth:`.sqlite_rows.FlowFacts.shared`) and each (type, text) is made into
its edges' attributes once, a template (``type``, ``sources``,
``unreviewed`` and a link's ``weight`` in place): each fact's dict is a
copy of its template with its own sources list, where it was a copy of the
properties and four more keys set one pass each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import compress, islice, repeat
from operator import contains, itemgetter, not_, setitem, sub

from supplygraph.perf import consume

PLAIN_KINDS = frozenset({"PRODUCES", "INPUT_TO", "USED_IN"})
"""Flow types a batch may hold to be taken in bulk (``SUPPLIES`` collapses parallel edges by year: the rules' own)."""

SHARED = 0.5
"""A batch is taken through templates when its distinct payload texts are at most this part of its facts: a template
made for a text met once costs more than the key passes it saves."""


class Bulk:
    """Takes the plain batches of a projection's fact stream into its lists; see the module's docstring.

    Holds the projection's own state (shared, not copied): ``produced`` (material, basis) -> [(producer, attrs)],
    ``flows`` [(source, target, attrs)], ``waiting`` [(producer, material, attrs, expected)], ``activity`` and
    ``active`` (a producer's :class:`.timeline.Activity`, computed once, its assumptions noted when it is).
    """

    def __init__(self, *, labels: dict[str, str], categories: set[str], edge_attrs: frozenset[str], produced: dict,
                 flows: list, waiting: list, activity: dict, active: Callable, basis_of: Callable[[str], str]) -> None:  # fmt: skip
        self.edge_attrs = edge_attrs
        self.categories = frozenset(categories)
        self.elements = frozenset(n for n, label in labels.items() if label == "Element")
        self.labels = labels
        self.produced, self.flows, self.waiting = produced, flows, waiting
        self.activity, self.active, self.basis_of = activity, active, basis_of
        self.bases: dict[str, str] = {}
        self.templates: dict[tuple[str, int], dict | None] = {}  # (type, payload text's number) -> template, None if not plain
        self.filing: _Filing | None = None  # production filed by integers until settled (a stream with positions)
        self.positions: tuple | None = None  # the batch being taken: its ends' positions (tails, heads), if given

    def facts(self, facts: Iterable[tuple]) -> Iterator[tuple]:
        """The facts the general rules must take, one at a time and in order: every fact of a stream without batches,
        else those of the batches :meth:`take` and :meth:`take_shared` decline (the others are taken as the iteration
        passes them)."""
        shared = getattr(facts, "shared", None)
        if shared is None:
            yield from facts
            return
        if FILING and facts.nodes is not None and self.filing is None:
            self.filing = _Filing(facts.nodes, list(map(self.basis_of, map(self.labels.get, facts.nodes, repeat("")))))
        for sources, targets, kinds, numbers, entries, self.positions in shared():
            if len(dict.fromkeys(numbers)) <= SHARED * len(numbers) and self.take_shared(sources, targets, kinds, numbers, entries):
                continue
            batch = (sources, targets, kinds, *facts.own(numbers, entries))
            if not self.take(batch):
                yield from zip(*batch)

    def plain_ends(self, sources: list[str], targets: list[str], kinds: list[str]) -> bool:
        """Whether a batch's facts are all of bulk types, neither end a category nor an element (element production is
        noted)."""
        return (PLAIN_KINDS.issuperset(kinds) and self.elements.isdisjoint(targets)
                and (not self.categories or (self.categories.isdisjoint(sources) and self.categories.isdisjoint(targets))))  # fmt: skip

    def plain(self, batch: tuple[list, ...]) -> bool:
        """Whether every fact of a batch is plain: :meth:`plain_ends`, and properties the edge keeps as they are (no
        ``since``, ``until``, ``None`` or other key)."""
        sources, targets, kinds, props, _, _ = batch
        return (self.plain_ends(sources, targets, kinds) and all(map(self.edge_attrs.issuperset, props))
                and not any(map(contains, map(dict.values, props), repeat(None))))  # fmt: skip

    def take(self, batch: tuple[list, ...]) -> bool:
        """Take a batch if it is plain (:meth:`plain`); False, having changed nothing, if not."""
        if not self.plain(batch):
            return False
        sources, targets, kinds, props, cited, reviewed = batch
        # the keys the rules add, in their order: type, sources, unreviewed (an extracted fact nobody accepted yet)
        consume(map(setitem, props, repeat("type"), kinds))
        consume(map(setitem, props, repeat("sources"), cited))
        consume(map(setitem, props, repeat("unreviewed"), map(sub, repeat(1), reviewed)))
        producing = list(map("PRODUCES".__eq__, kinds))
        links = list(compress(props, map(not_, producing)))
        consume(map(setitem, links, repeat("weight"), map(dict.get, links, repeat("share"))))
        self.file(sources, targets, props, producing)
        return True

    def take_shared(self, sources: list[str], targets: list[str], kinds: list[str], numbers: list[int], entries: list[tuple]) -> bool:
        """Take a batch of shared decodings (:meth:`.sqlite_rows.FlowFacts.shared`) if it is plain, through each (type,
        text)'s template; False, having changed nothing, if not. What :meth:`take` gives the same facts."""
        if not self.plain_ends(sources, targets, kinds):
            return False
        keys = list(zip(kinds, numbers))
        templates = self.templates
        decoded = None
        for key in dict.fromkeys(keys):
            if key not in templates:
                decoded = decoded or dict(zip(numbers, entries))
                templates[key] = _template(key[0], *decoded[key[1]], self.edge_attrs)
        made = list(map(templates.__getitem__, keys))
        if None in made:
            return False
        props = list(map(dict, made))
        consume(map(setitem, props, repeat("sources"), map(list, map(itemgetter(1), entries))))  # each fact its own list
        self.file(sources, targets, props, list(map("PRODUCES".__eq__, kinds)))
        return True

    def file(self, sources: list[str], targets: list[str], props: list[dict], producing: list[bool]) -> None:
        """A plain batch's edges, attributes made: the links into the flow, the production filed under its material and
        its producer's basis, or kept as pipeline while the producer does not operate."""
        linking = list(map(not_, producing))
        self.flows.extend(zip(compress(sources, linking), compress(targets, linking), compress(props, linking)))
        producers = list(compress(sources, producing))
        activity, bases = self.activity, self.bases
        operating = True
        for producer in dict.fromkeys(producers):  # first facts first: the assumptions are noted in the rules' order
            act = activity.get(producer) or self.active(producer)
            operating = operating and act.operating
            if producer not in bases:
                bases[producer] = self.basis_of(self.labels.get(producer, ""))
        materials, produces = compress(targets, producing), compress(props, producing)
        if operating and self.filing is not None and self.positions is not None:  # (as a rule) filed by integers
            tails, heads = self.positions
            self.filing.rows(zip(producers, produces), tails, heads, producing)
            return
        if operating:  # each row filed under its material and basis, C-level
            keys = zip(materials, map(bases.__getitem__, producers))
            consume(map(list.append, map(self.produced.__getitem__, keys), zip(producers, produces)))
            return
        for producer, material, attrs in zip(producers, materials, produces):
            act = activity[producer]
            if act.operating:
                self.produce(material, bases[producer], producer, attrs)
            else:
                self.waiting.append((producer, material, attrs, act.expected))

    def produce(self, material: str, basis: str, producer: str, attrs: dict) -> None:
        """File one production row under its material and basis (the general rules' way, one fact)."""
        if self.filing is None:
            self.produced[(material, basis)].append((producer, attrs))
        else:
            self.filing.row(material, basis, (producer, attrs))

    def settle(self) -> None:
        """Once the stream is taken: the rows filed by integers into ``produced`` (:class:`_Filing`)."""
        if self.filing is not None:
            self.filing.settle(self.produced)
            self.filing = None


FILING = True
"""Production filed by integers where the stream gives its ends' positions (:class:`_Filing`); False: row by row."""


class _Filing:
    """Production rows filed by their (material, basis) as integers, then grouped once with a stable sort.

    Filed one row at a time, each of the 1M network's 623,466 production rows was a lookup of its (material, basis)
    key and an append to that key's list, 114,849 lists in random order: a cache miss each, 0.4-0.6 s. The stream
    gives each fact's ends as positions (:attr:`.sqlite_rows.FlowFacts.nodes`), so a row's key is an integer made
    by NumPy (the material's position and its producer's basis code), the rows are kept in one list in stream order,
    and :meth:`settle` groups them with one stable argsort: each key's rows in stream order, the keys in the order
    of their first row, after what ``produced`` held before (what filing row by row gives).
    """

    def __init__(self, nodes: list[str], bases: list[str]) -> None:
        """``nodes``: the positions' ids; ``bases``: each node's basis as a producer."""
        import numpy as np

        self.nodes, self.names = nodes, list(dict.fromkeys(bases))
        code = {name: i for i, name in enumerate(self.names)}
        self.width = max(1, len(self.names))
        self.basis = np.fromiter(map(code.__getitem__, bases), dtype=np.int64, count=len(bases))
        self.code, self.position = code, None
        self.filed: list[tuple] = []  # (producer, attrs), in stream order
        self.keys: list = []  # their keys: arrays of a batch's, and single ones (a list of ints) as the rules file them

    def rows(self, rows: Iterable[tuple], tails, heads, producing: list[bool]) -> None:
        """A batch's production rows (in order), the batch's ends' positions and which of its facts are production."""
        import numpy as np

        chosen = np.fromiter(producing, dtype=bool, count=len(producing))
        self.filed.extend(rows)
        self.keys.append(heads[chosen] * self.width + self.basis[tails[chosen]])

    def row(self, material: str, basis: str, row: tuple) -> None:
        """One row the rules file."""
        if self.position is None:
            self.position = {node: i for i, node in enumerate(self.nodes)}
        if not self.keys or type(self.keys[-1]) is not list:
            self.keys.append([])
        self.filed.append(row)
        self.keys[-1].append(self.position[material] * self.width + self.code[basis])

    def settle(self, produced: dict) -> None:
        """Into ``produced`` (material, basis) -> rows, as filing each row in turn would have."""
        import numpy as np

        if not self.filed:
            return
        keys = np.concatenate([np.asarray(k, dtype=np.int64) for k in self.keys])
        order = np.argsort(keys, kind="stable")  # each key's rows together, in stream order
        grouped = keys[order]
        starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
        stops = np.append(starts[1:], len(grouped))
        first = np.argsort(order[starts], kind="stable")  # the keys in the order of their first row
        # each key's list made straight from the rows in key order (no list of them all between: each row touched once)
        taken = map(self.filed.__getitem__, order.tolist())
        lists = list(map(list, map(islice, repeat(taken), (stops - starts).tolist())))
        key = grouped[starts[first]]
        groups = zip(map(self.nodes.__getitem__, (key // self.width).tolist()), map(self.names.__getitem__, (key % self.width).tolist()))
        filed = map(lists.__getitem__, first.tolist())
        if not produced:  # (as a rule: the context holds no production) C-level
            produced.update(zip(groups, filed))
        for group, group_rows in zip(groups, filed):  # after the rows the rules filed before
            found = produced.get(group)
            if found is None:
                produced[group] = group_rows
            else:
                found.extend(group_rows)
        self.filed, self.keys = [], []


def _template(kind: str, props: dict, cited: list, reviewed: bool, edge_attrs: frozenset[str]) -> dict | None:
    """The attributes the rules give a plain fact of this type and decoded payload, its sources list the decoding's
    (each fact's copy gets its own); None when the fact is not plain (a key the edge does not keep, a None, a nested value)."""
    if not edge_attrs.issuperset(props) or any(value is None or isinstance(value, (list, dict)) for value in props.values()):
        return None
    attrs = {**props, "type": kind, "sources": cited, "unreviewed": 1 - reviewed}
    if kind != "PRODUCES":
        attrs["weight"] = attrs.get("share")
    return attrs

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
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, repeat
from operator import contains, not_, setitem, sub
from typing import Any

PLAIN_KINDS = frozenset({"PRODUCES", "INPUT_TO", "USED_IN"})
"""Flow types a batch may hold to be taken in bulk (``SUPPLIES`` collapses parallel edges by year: the rules' own)."""


def consume(calls: Iterable[Any]) -> None:
    """Run a lazy ``map`` of calls for their effect, at C speed: ``map(setitem, dicts, ...)`` sets a key in a thousand
    dicts without a bytecode per dict (no list of results kept)."""
    deque(calls, maxlen=0)


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

    def facts(self, facts: Iterable[tuple]) -> Iterator[tuple]:
        """The facts the general rules must take, one at a time and in order: every fact of a stream without batches,
        else those of the batches :meth:`take` declines (the others are taken as the iteration passes them)."""
        batches = getattr(facts, "batches", None)
        if batches is None:
            yield from facts
            return
        for batch in batches():
            if not self.take(batch):
                yield from zip(*batch)

    def plain(self, batch: tuple[list, ...]) -> bool:
        """Whether every fact of a batch is plain: a bulk type, properties the edge keeps as they are (no ``since``,
        ``until``, ``None`` or other key), neither end a category nor an element (element production is noted)."""
        sources, targets, kinds, props, _, _ = batch
        return (PLAIN_KINDS.issuperset(kinds) and all(map(self.edge_attrs.issuperset, props))
                and not any(map(contains, map(dict.values, props), repeat(None)))
                and self.elements.isdisjoint(targets)
                and (not self.categories or (self.categories.isdisjoint(sources) and self.categories.isdisjoint(targets))))  # fmt: skip

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
        linking = list(map(not_, producing))
        links = list(compress(props, linking))
        consume(map(setitem, links, repeat("weight"), map(dict.get, links, repeat("share"))))
        self.flows.extend(zip(compress(sources, linking), compress(targets, linking), links))
        producers = list(compress(sources, producing))
        activity, bases = self.activity, self.bases
        operating = True
        for producer in dict.fromkeys(producers):  # first facts first: the assumptions are noted in the rules' order
            act = activity.get(producer) or self.active(producer)
            operating = operating and act.operating
            if producer not in bases:
                bases[producer] = self.basis_of(self.labels.get(producer, ""))
        materials, produces = compress(targets, producing), compress(props, producing)
        if operating:  # (as a rule) each row filed under its material and basis, C-level
            keys = zip(materials, map(bases.__getitem__, producers))
            consume(map(list.append, map(self.produced.__getitem__, keys), zip(producers, produces)))
            return True
        for producer, material, attrs in zip(producers, materials, produces):
            act = activity[producer]
            if act.operating:
                self.produced[(material, bases[producer])].append((producer, attrs))
            else:
                self.waiting.append((producer, material, attrs, act.expected))
        return True

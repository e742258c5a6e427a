"""The propagation of :mod:`.scenarios` on the flow graph's arrays: the rules node by node (:class:`Rules`), and a
generation at a time in NumPy where a node's rules reduce to sums and minima over its in-edges (:func:`fast_propagate`).

The rules themselves (what a producer, a material and an end use keep) are described in :mod:`.scenarios`.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any
from operator import eq

import numpy as np

from .flowgraph import BASES, TYPES
from .integers import id_ranks
from .vintages import WEIGHT_QUALITY


class Rules:
    """The propagation's rules on the flow graph's lists (:mod:`.flowgraph`): node numbers, each node's in-edges as
    positions in ``FG.in_edges`` with their tail, type, weight, basis and group, read per node without an edge dict
    (the dicts' ``get`` calls were most of the scenario's 4 to 5 s at a million flow edges). Ties are broken by node
    id, as the rules state, never by number."""

    def __init__(self, FG) -> None:
        self.FG, self.nodes, self.index, self.data = FG, FG.nodes, FG.index, FG.node_data
        self.labels = FG.node_column("label")
        self.ptr: list[int] = []

    def prepare(self) -> None:
        """The per-edge lists, made on first need (the NumPy pass, :func:`fast_propagate`, needs them for a few nodes only)."""
        if self.ptr:
            return
        FG = self.FG
        self.ptr = FG.in_ptr.tolist()
        order = FG.in_edges.tolist()
        self.tail = FG.tails[FG.in_edges].tolist()
        self.produces = (FG.types[FG.in_edges] == TYPES.index("PRODUCES")).tolist()
        self.supplies = (FG.types[FG.in_edges] == TYPES.index("SUPPLIES")).tolist()
        self.weight, self.basis, self.group = (np.array(FG.column(name), dtype=object)[FG.in_edges].tolist() for name in ("weight", "basis", "group"))
        for k in [k for k, b in enumerate(self.basis) if b is None and self.produces[k]]:  # a basis missing, not None
            self.basis[k] = FG.edge_attrs(order[k]).get("basis", "organisations")

    def propagate(self, effects, components: list[list[int]], base: tuple | None = None) -> tuple[list, list, list, set]:
        """Availability, cause (node number or None), hops per node number, and the nodes that took ``base``'s values."""
        self.prepare()
        n = len(self.nodes)
        avail, cause, hops = [1.0] * n, [None] * n, [0] * n
        taken: set[int] = set()
        index = self.index
        removed = {index[r] for r in effects.removed if r in index}
        restricted = {index[m]: c for m, c in effects.restricted.items() if m in index}
        state = (avail, hops, removed, restricted, effects.parts)
        labels, data, availability = self.labels, self.data, self.availability

        def from_base(i: int) -> tuple[float, int | None]:
            """A material no restricted element reaches keeps the first pass's value (``base``)."""
            if labels[i] == "Material" and not (set(data[i].get("elements") or ()) & effects.elements):
                taken.add(i)
                return base[0][i], base[1][i]
            return availability(i, state)

        # no first pass to take values from: straight to the rules (a call fewer per node)
        evaluate = from_base if base is not None else lambda i: availability(i, state)

        for component in components:
            if len(component) == 1:
                i = component[0]
                avail[i], why = evaluate(i)
                cause[i] = why
                hops[i] = hops[why] + 1 if why is not None else 0
                continue
            for _ in range(100):
                change = 0.0
                for i in component:
                    value, why = evaluate(i)
                    change = max(change, abs(value - avail[i]))
                    avail[i], cause[i] = value, why
                if change < 1e-12:
                    break
            for i in component:
                hops[i] = hops[cause[i]] + 1 if cause[i] is not None else 0
        return avail, cause, hops, taken

    def availability(self, i: int, state: tuple) -> tuple[float, int | None]:
        """What share of node ``i``'s supply survives, and the upstream node responsible for the loss (None: it is the origin).

        Among inputs that bind equally, the one with the shortest loss path wins
        (then the smaller id), so the path reported is the most direct one.
        """
        avail, hops, removed, restricted, parts = state
        nodes, tail, weight = self.nodes, self.tail, self.weight
        label, edges = self.labels[i], range(self.ptr[i], self.ptr[i + 1])
        if label == "EndUse":  # every material it uses is needed; a category's members are alternatives (any one serves)
            groups: dict = {}
            for k in edges:
                u = tail[k]
                groups.setdefault(self.group[k] or u, []).append(u)
            inputs = []
            for members in groups.values():
                culprit = min(members, key=lambda u: (avail[u], hops[u], nodes[u]))
                inputs.append((sum(avail[u] for u in members) / len(members), hops[culprit], nodes[culprit], culprit))
            if not inputs:
                return 1.0, None
            value, _, _, worst = min(inputs)
            return value, worst if value < 1.0 else None
        if label != "Material":
            if i in removed:
                return 0.0, None
            return self.weighted(i, avail)
        restriction = restricted.get(i, set())
        if restriction is None:
            return 0.0, None
        # producers, per basis, with how much of each one's output survives
        by_basis: dict[str, list[tuple[float, float, int]]] = {}
        inputs: list[int] = []
        data, produces, basis = self.data, self.produces, self.basis
        mining = data[i].get("stage") == "mining"
        for k in edges:
            producer = tail[k]
            if not produces[k]:
                inputs.append(k)
                continue
            if producer in removed or (restriction and data[producer].get("country") in restriction):
                output = 0.0
            else:  # a mine's output does not depend on what reaches its owner; anything later does
                output = 1.0 if mining else avail[producer]
                if parts and (producer, i) in parts:  # a country whose removed producers made part of its share
                    output *= 1.0 - parts[producer, i][0]
            rows = by_basis.get(basis[k])
            if rows is None:
                rows = by_basis[basis[k]] = []
            rows.append((weight[k] or 0.0, output, producer))
        prod_value, prod_cause = self.production(data[i], by_basis)
        if parts and (prod_cause, i) in parts:  # the loss path starts at the removed producer, not at its country
            prod_cause = parts[prod_cause, i][1]
        in_value, in_cause = self.inputs(inputs, avail, hops)
        if prod_value <= in_value:
            return prod_value, prod_cause if prod_value < 1.0 else None
        return in_value, in_cause

    def production(self, data: dict, by_basis: dict[str, list[tuple[float, float, int]]]) -> tuple[float, int | None]:
        """Share of a material's production that survives, and the producer whose loss weighs most.

        Only the best-measured bases count: stated shares of world output over
        shares of a listed volume (a quota list covers one country's firms, not
        the world). Where no basis has figures, the producers known at both
        bases form one pool with equal shares: the organisations, and the
        countries none of them is located in (a country's own entry stands for
        its firms the data does not name).
        """
        if not by_basis:
            return 1.0, None
        vintages = data.get("vintages", {})
        quality = {b: WEIGHT_QUALITY[vintages[b]["weights"]] if b in vintages else 0 for b in by_basis}
        best = max(quality.values())
        nodes = self.nodes
        if best == 0:
            pool = self.pool(by_basis)
            candidates = [[(1.0 / len(pool), a, p) for _, a, p in pool]]
        else:
            candidates = [rows for basis, rows in by_basis.items() if quality[basis] == best]
        value, cause = 1.0, None
        for rows in candidates:
            lost = sum(w * (1.0 - a) for w, a, _ in rows)
            if 1.0 - lost < value:
                value = max(0.0, 1.0 - lost)
                cause = max(rows, key=lambda r: (r[0] * (1.0 - r[1]), nodes[r[2]]))[2]
        return value, cause

    def pool(self, by_basis: dict[str, list[tuple[float, float, int]]]) -> list[tuple[float, float, int]]:
        """The producers that share a material equally where no basis has figures: the organisations, and the
        countries none of them is located in. Producers with no share of the split (an operator beside its plant, a
        category's producers taken over by a member: :func:`.flow._possible_producers`) join only where no other
        producer is known."""
        node_data = self.data
        organisations, countries = by_basis.get("organisations", []), by_basis.get("countries", [])
        weighed = [r for r in organisations if r[0]], [r for r in countries if r[0]]
        if weighed[0] or weighed[1]:
            organisations, countries = weighed
        located = {node_data[p].get("country") for _, _, p in organisations}
        return [(1.0, a, p) for _, a, p in organisations] + [(1.0, a, p) for _, a, p in countries if node_data[p].get("country") not in located]

    def unweighed(self, i: int) -> dict[int, tuple[str, tuple[int, ...]]]:
        """Where material ``i`` weighs its sources by no figure: upstream node number -> (``"equal split"``, the
        producers pooled equally because no basis has figures) or (``"equal parts"``, the alternative inputs without
        shares it is one of; an input that stands alone is not a split). A scenario's path says so (session 14:
        removing Lynas cost samarium oxide 10 % through two such splits, read as a measured figure). Read from the
        node's own edges, not the per-edge lists of :meth:`prepare` (a second of a million-edge pass that needs them
        for few nodes)."""
        FG = self.FG
        edges = FG.in_edges[FG.in_ptr[i]:FG.in_ptr[i + 1]].tolist()
        found: dict[int, tuple[str, tuple[int, ...]]] = {}
        by_basis: dict[str, list[tuple[float, float, int]]] = {}
        inputs: list[tuple[int, Any, Any]] = []
        for e in edges:
            attrs, u = FG.edge_attrs(e), int(FG.tails[e])
            if attrs.get("type") == "PRODUCES":
                by_basis.setdefault(attrs.get("basis", "organisations"), []).append((attrs.get("weight") or 0.0, 1.0, u))
            elif attrs.get("type") != "SUPPLIES":
                inputs.append((u, attrs.get("group"), attrs.get("weight")))
        vintages = self.data[i].get("vintages", {})
        if by_basis and not any(WEIGHT_QUALITY[vintages[b]["weights"]] if b in vintages else 0 for b in by_basis):
            pool = tuple(p for _, _, p in self.pool(by_basis))
            found.update((p, ("equal split", pool)) for p in pool)
        if any(w is None for _, _, w in inputs):
            for group in self.grouped([(u, g) for u, g, _ in inputs]):
                if len(group) > 1:
                    found.update((u, ("equal parts", tuple(group))) for u in group)
        return found

    def inputs(self, edges: list[int], avail: list[float], hops: list[int]) -> tuple[float, int | None]:
        """Share of a material's inputs (in-edge positions) that survives, and the input that binds.

        Inputs with a ``share`` each are alternatives weighted by it. Otherwise
        inputs that carry a common element are alternatives, in equal parts
        (concentrate, ionic clay and monazite all feed separation), and groups
        with nothing in common are complements, each needed (NdPr metal, Dy
        metal and ferroboron for NdFeB alloy): the scarcest group binds.
        """
        if not edges:
            return 1.0, None
        nodes, tail, weight = self.nodes, self.tail, self.weight
        if all(weight[k] is not None for k in edges):
            lost = sum(weight[k] * (1.0 - avail[tail[k]]) for k in edges)
            cause = max(edges, key=lambda k: (weight[k] * (1.0 - avail[tail[k]]), nodes[tail[k]]))
            return max(0.0, 1.0 - lost), tail[cause]
        worst: tuple = (2.0, 0, None, None)
        for group in self.alternatives(edges):
            value = sum(avail[u] for u in group) / len(group)
            culprit = min(group, key=lambda u: (avail[u], hops[u], nodes[u]))
            worst = min(worst, (value, hops[culprit], nodes[culprit], culprit))
        return worst[0], worst[3]

    def alternatives(self, edges: list[int]) -> list[list[int]]:
        """Group inputs that share an element (connected through shared elements), or that stand for one category
        (edge ``group``: a category's members are alternatives); an input without elements stands alone."""
        return self.grouped([(self.tail[k], self.group[k]) for k in edges])

    def grouped(self, inputs: list[tuple[int, Any]]) -> list[list[int]]:
        """:meth:`alternatives` of (input node number, edge ``group``) pairs."""
        nodes, groups = self.nodes, []
        for u, category in sorted(inputs, key=lambda x: nodes[x[0]]):
            elements = set(self.data[u].get("elements") or ())
            if category:
                elements.add(category)  # members of one category join one group
            merged = [g for g in groups if elements and g[0] & elements]
            for g in merged:
                groups.remove(g)
            groups.append((elements.union(*(g[0] for g in merged)), [u] + [m for g in merged for m in g[1]]))
        return [sorted(members, key=nodes.__getitem__) for _, members in groups]

    def weighted(self, i: int, avail: list[float]) -> tuple[float, int | None]:
        """Share-weighted survival over supplier edges: unlisted supply unaffected, unshared suppliers split the rest."""
        tail, weight, nodes = self.tail, self.weight, self.nodes
        edges = [(tail[k], weight[k]) for k in range(self.ptr[i], self.ptr[i + 1]) if self.supplies[k]]
        if not edges:
            return 1.0, None
        given = sum(w for _, w in edges if w is not None)
        unshared = [u for u, w in edges if w is None]
        rest = max(0.0, 1.0 - given) / len(unshared) if unshared else 0.0
        losses = [((w if w is not None else rest) * (1.0 - avail[u]), u) for u, w in edges]
        lost = sum(x for x, _ in losses)
        worst = max(losses, key=lambda x: (x[0], nodes[x[1]]))
        return max(0.0, 1.0 - lost), worst[1] if lost > 0 else None


def fast_propagate(rules: Rules, FG, effects, generations: list) -> tuple[list, list, list, set]:
    """:meth:`Rules.propagate` a generation at a time in NumPy, for an acyclic flow and no element restriction.

    The nodes whose rules reduce to sums and minima over their in-edges go together: materials measured on some
    basis, with no producer cut off by country, whose inputs all have shares or stand alone (no elements, no
    category); end uses without categories; producers without suppliers. Every other node takes the rules
    node by node. The same values: each loss summed by ``np.bincount`` in in-edge order (Python's ``sum`` adds in
    that order too), ties broken by id through each node's place in the order of ids.
    """
    n, labels, data = FG.n, rules.labels, FG.node_data
    avail, hops, cause = np.ones(n), np.zeros(n, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    index = rules.index
    removed = np.zeros(n, dtype=bool)
    removed[[index[r] for r in effects.removed if r in index]] = True
    restricted = {index[m]: c for m, c in effects.restricted.items() if m in index}
    by_id = id_ranks(FG)
    order = FG.in_edges
    head, tail = FG.heads[order], FG.tails[order]
    produces = FG.types[order] == TYPES.index("PRODUCES")
    weight = FG.weight[order]
    basis = FG.basis[order].astype(np.int64)  # -1 where none: such a producer edge goes node by node
    label_code = np.fromiter(map({"Material": 0, "EndUse": 1}.get, labels, repeat(2)), dtype=np.int8, count=n)
    grouped = _grouped(FG, label_code)[order]
    has_elements = np.fromiter(map(bool, FG.node_column("elements")), dtype=bool, count=n)
    supplied = np.bincount(head[FG.types[order] == TYPES.index("SUPPLIES")], minlength=n) > 0
    mining = np.fromiter(map(eq, FG.node_column("stage"), repeat("mining")), dtype=bool, count=n)
    # per material and basis: the quality of its figures (0 when not measured), and which basis its producers name first
    quality = np.zeros((n, len(BASES)), dtype=np.int64)
    for i in np.flatnonzero(label_code == 0).tolist():
        for b, vintage in (data[i].get("vintages") or {}).items():
            if b in BASES:
                quality[i, BASES.index(b)] = WEIGHT_QUALITY[vintage["weights"]]
    complex_ = np.zeros(n, dtype=bool)  # nodes left to the rules node by node
    inputs = ~produces
    partly = np.bincount(head[inputs & np.isnan(weight)], minlength=n) > 0  # not every input has a share
    joining = head[inputs & (grouped | has_elements[tail])]  # inputs that may join others as alternatives
    complex_[joining[partly[joining] & (label_code[joining] == 0)]] = True
    complex_[head[produces & (basis < 0)]] = True
    present = np.zeros((n, len(BASES)), dtype=bool)
    present[head[produces & (basis >= 0)], basis[produces & (basis >= 0)]] = True
    best = np.where(present, quality, -1).max(axis=1)
    complex_ |= (label_code == 0) & present.any(axis=1) & (best == 0)  # an equal pool across bases
    complex_[[i for i, c in restricted.items() if c]] = True  # producers cut off by country
    complex_ |= (label_code == 1) & (np.bincount(head[grouped], minlength=n) > 0)
    complex_ |= (label_code == 2) & supplied
    first_basis = np.full(n, -1, dtype=np.int64)  # the basis a material's first producer edge names
    at = np.flatnonzero(produces & (basis >= 0))
    named, first = np.unique(head[at], return_index=True)
    first_basis[named] = basis[at[first]]
    candidate = present & (quality == best[:, None])
    state = (avail, hops, set(np.flatnonzero(removed).tolist()), restricted, effects.parts)
    ptr = FG.in_ptr
    kept_at, stand_in = _country_parts(effects.parts, ptr, tail)
    if complex_.any():
        rules.prepare()
    for generation in generations:
        slow = generation[complex_[generation]]
        fast = generation[~complex_[generation]]
        counts = ptr[fast + 1] - ptr[fast]
        k = np.repeat(ptr[fast], counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
        slot = np.repeat(np.arange(len(fast)), counts)
        u, h = tail[k], head[k]
        value, why = np.ones(len(fast)), np.full(len(fast), -1, dtype=np.int64)
        # producers: removed or whole
        is_producer = label_code[fast] == 2
        value[is_producer & removed[fast]] = 0.0
        # end uses and plain inputs: the scarcest input binds (then fewer hops, then the smaller id)
        plain = (label_code[h] == 1) | (~produces[k] & (label_code[h] == 0) & ~_all_weighted(weight, k, slot, produces, len(fast)))
        in_value, in_cause = _binding(plain, slot, avail[u], hops[u], by_id[u], u, len(fast))
        weighted = ~produces[k] & (label_code[h] == 0) & ~plain
        loss = np.where(weighted, np.nan_to_num(weight[k]) * (1.0 - avail[u]), 0.0)
        lost = np.bincount(slot[weighted], weights=loss[weighted], minlength=len(fast))
        w_value, w_cause = np.maximum(0.0, 1.0 - lost), _largest(weighted, slot, loss, by_id[u], u, len(fast))
        has_weighted = np.bincount(slot[weighted], minlength=len(fast)) > 0
        in_value, in_cause = np.where(has_weighted, w_value, in_value), np.where(has_weighted, w_cause, in_cause)
        is_end = label_code[fast] == 1
        value[is_end] = in_value[is_end]
        why[is_end] = np.where(in_value[is_end] < 1.0, in_cause[is_end], -1)
        # materials: production on the best-measured bases, in the order the producers name them
        is_material = label_code[fast] == 0
        made = produces[k] & is_material[slot]
        out = np.where(removed[u], 0.0, np.where(mining[h], 1.0, avail[u]))
        if kept_at is not None:  # a country whose removed producers made part of its share
            out = out * kept_at[k]
        loss = np.where(made, np.where(np.isnan(weight[k]), 0.0, weight[k]) * (1.0 - out), 0.0)
        key = slot * len(BASES) + np.maximum(basis[k], 0)
        lost = np.bincount(key[made], weights=loss[made], minlength=len(fast) * len(BASES)).reshape(len(fast), len(BASES))
        culprit = _largest(made, key, loss, by_id[u], u if stand_in is None else stand_in[k], len(fast) * len(BASES)).reshape(len(fast), len(BASES))
        p_value, p_cause = np.ones(len(fast)), np.full(len(fast), -1, dtype=np.int64)
        first = first_basis[fast]
        for step in (0, 1):  # the first-named candidate basis, then the other
            b = first if step == 0 else np.where(first >= 0, 1 - first, -1)
            rows = np.arange(len(fast))
            ok = (b >= 0) & candidate[fast, np.maximum(b, 0)] & (1.0 - lost[rows, np.maximum(b, 0)] < p_value)
            p_value = np.where(ok, np.maximum(0.0, 1.0 - lost[rows, np.maximum(b, 0)]), p_value)
            p_cause = np.where(ok, culprit[rows, np.maximum(b, 0)], p_cause)
        cut = np.array([restricted.get(i, set()) is None for i in fast.tolist()], dtype=bool) if restricted else np.zeros(len(fast), bool)
        by_production = p_value <= in_value
        m_value = np.where(cut, 0.0, np.where(by_production, p_value, in_value))
        m_cause = np.where(cut, -1, np.where(by_production, np.where(p_value < 1.0, p_cause, -1), in_cause))
        value[is_material], why[is_material] = m_value[is_material], m_cause[is_material]
        avail[fast], cause[fast] = value, why
        hops[fast] = np.where(why >= 0, hops[np.maximum(why, 0)] + 1, 0)
        for i in slow.tolist():
            v, c = rules.availability(i, state)
            avail[i], cause[i] = v, -1 if c is None else c
            hops[i] = hops[c] + 1 if c is not None else 0
    return avail.tolist(), [c if c >= 0 else None for c in cause.tolist()], hops.tolist(), set()


def _country_parts(parts: dict, ptr, tail):
    """Per in-edge position: the share of a country's output its removed producers leave (1 elsewhere), and the node a
    loss path names for it (the removed producer where the country's loss is theirs, the tail elsewhere); (None, None)
    where no scenario takes a part of a country's share (:mod:`.countryparts`)."""
    if not parts:
        return None, None
    kept_at, stand_in = np.ones(len(tail)), tail.copy()
    for (country, material), (lost, producer, _) in parts.items():
        for k in range(int(ptr[material]), int(ptr[material + 1])):
            if tail[k] == country:
                kept_at[k], stand_in[k] = 1.0 - lost, producer
    return kept_at, stand_in


def _grouped(FG, label_code):
    """Per edge: it names a ``group`` of alternative inputs. Read from the edge dicts only where the pass asks (inputs,
    and the in-edges of end uses), not for the producer edges, two thirds of a million (0.25 s for the whole column)."""
    wanted = np.flatnonzero((FG.types != TYPES.index("PRODUCES")) | (label_code[FG.heads] == 1))
    grouped = np.zeros(FG.m, dtype=bool)
    grouped[wanted] = np.fromiter((bool(FG.edge_attrs(e).get("group")) for e in wanted.tolist()), dtype=bool, count=len(wanted))
    return grouped


def _all_weighted(weight, k, slot, produces, size: int):
    """Per node of the batch: every input (non-``PRODUCES`` in-edge) has a share."""
    missing = ~produces[k] & np.isnan(weight[k])
    return (np.bincount(slot[missing], minlength=size) == 0)[slot]


def _binding(mask, slot, value, hops, rank, node, size: int):
    """Per slot, the (value, node) of the smallest (value, hops, id) among the masked entries; (1.0, -1) where none."""
    chosen = np.flatnonzero(mask)
    order = chosen[np.lexsort((rank[chosen], hops[chosen], value[chosen], slot[chosen]))]
    out_value, out_node = np.ones(size), np.full(size, -1, dtype=np.int64)
    firsts = order[np.concatenate(([True], slot[order][1:] != slot[order][:-1]))] if len(order) else order
    out_value[slot[firsts]], out_node[slot[firsts]] = value[firsts], node[firsts]
    return out_value, out_node


def _largest(mask, key, loss, rank, node, size: int):
    """Per key, the node of the largest (loss, id) among the masked entries; -1 where none."""
    chosen = np.flatnonzero(mask)
    order = chosen[np.lexsort((rank[chosen], loss[chosen], key[chosen]))]
    out = np.full(size, -1, dtype=np.int64)
    lasts = order[np.concatenate((key[order][1:] != key[order][:-1], [True]))] if len(order) else order
    out[key[lasts]] = node[lasts]
    return out

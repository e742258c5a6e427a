"""What the report assumes about the materials an end use uses: each needed, or any one serving.

A source says a missile uses samarium-cobalt magnets and NdFeB magnets; it does not say whether either would do.
The scenarios (:mod:`.propagation`) take an end use to need each material it uses, the scarcest deciding, except the
members of a category a source names as used ("NdFeB magnets", "rare-earth materials" as DoD and CRS count them per
destroyer), any one of which serves. Dominators and minimum cuts (:mod:`.spof`) ask what cuts every supply path, so
they read the materials an end use uses as alternatives: a missile's minimum cut names four magnets where a scenario
that stops samarium-cobalt magnets stops it. Both readings are assumptions the data leaves open; the report lists
them with the end uses they touch (session 17: an analyst read the destroyer's cut of five, alloys among them, as a
finding, and asked why samarium-cobalt magnets were no single point of failure for missiles).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from operator import itemgetter
from typing import Any

from .timeline import Assumptions


def note_end_use_inputs(flows: Iterable[tuple[str, str, dict[str, Any]]], labels: dict[str, str], name: Callable[[str], str],
                        sectors: Callable[[str], str | None], assumed: Assumptions) -> None:
    """Count the end uses whose materials the scenarios and the cuts read differently, and the uses of a category
    read as any one of its members (:data:`.timeline.Assumptions.TEXTS` ``end_use_inputs``, ``category_alternatives``).

    >>> flows = [("m:smco", "e:missile", {}), ("m:sintered", "e:missile", {"group": "m:ndfeb"}),
    ...          ("m:bonded", "e:missile", {"group": "m:ndfeb"}), ("m:sintered", "e:motor", {})]
    >>> assumed = Assumptions()
    >>> note_end_use_inputs(flows, {"e:missile": "EndUse", "e:motor": "EndUse"}, str, lambda n: "defense", assumed)
    >>> rows = {row["kind"]: row["text"] for row in assumed.rows()}
    >>> rows["end_use_inputs"].split(": ", 1)[1]
    '1 end use (e:missile: m:smco; one of 2 members of m:ndfeb)'
    >>> rows["category_alternatives"].split(": ", 1)[1]
    '1 use (e:missile: any one of 2 members of m:ndfeb)'
    """
    needs: dict[str, dict[str, set[str]]] = {}
    ends = {n for n, label in labels.items() if label == "EndUse"}
    flows = list(flows)  # (the flows into an end use, picked without a Python step per flow)
    for source, target, attrs in compress(flows, map(ends.__contains__, map(itemgetter(1), flows))):
        needs.setdefault(target, {}).setdefault(attrs.get("group") or source, set()).add(source)
    for end_use in sorted(needs):
        groups = needs[end_use]
        defence = sectors(end_use) == "defense"
        for category, members in sorted(groups.items()):
            if category not in members:  # a category's members, any one serving
                assumed.note("category_alternatives", f"{name(end_use)}: any one of {len(members)} members of {name(category)}",
                             rank=len(members) + 100 * defence)  # fmt: skip
        if len(groups) > 1:
            words = [name(key) if key in members else f"one of {len(members)} members of {name(key)}"
                     for key, members in sorted(groups.items(), key=lambda kv: (len(kv[1]), name(kv[0])))]  # fmt: skip
            rank = len(groups) + 10 * any(key not in members for key, members in groups.items()) + 100 * defence
            assumed.note("end_use_inputs", f"{name(end_use)}: {'; '.join(words)}", rank=rank)  # a defence use, by families

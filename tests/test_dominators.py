"""supply_dominators (rustworkx's immediate dominators) names the same nodes as NetworkX's, cycles included."""

from __future__ import annotations

import networkx as nx
import pytest

from supplygraph.graph.analyses.flow import sources_and_sinks, supply_flow
from supplygraph.graph.analyses.spof import supply_dominators

from .benchmarks.gen_supply_network import supply_network


def _networkx_dominators(F: nx.DiGraph) -> dict[str, list[str]]:
    sources, sinks = sources_and_sinks(F)
    G = F.copy()
    G.add_edges_from(("ROOT", s) for s in sources)
    idom = nx.immediate_dominators(G, "ROOT")
    out = {}
    for end_use in sinks:
        chain, node = [], end_use
        if node in idom:
            while idom[node] not in (node, "ROOT"):
                node = idom[node]
                chain.append(node)
        out[end_use] = chain
    return out


@pytest.mark.parametrize("recycle", [0.0, 0.3])
def test_the_same_dominators_as_networkx(recycle):
    F = supply_flow(supply_network(5_000, seed=3, recycle=recycle, branching=1), as_of="2026-01-01")
    found = supply_dominators(F)
    assert found == _networkx_dominators(F)
    assert any(found.values()), "some end use has a dominator (the network is narrow enough)"

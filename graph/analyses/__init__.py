"""What is computed from the graph: pure functions on NetworkX graphs, named for their concept.

The supply-flow projection (:mod:`.flow`) comes first; on it, path
centrality and betweenness (:mod:`.centrality`), single points of failure
(:mod:`.spof`), disruption scenarios (:mod:`.scenarios`), market
concentration (:mod:`.concentration`) and end-use dependencies
(:mod:`.dependencies`); :mod:`.chokepoints` combines them into the report.
Analyses read stores' graphs; they never import a view.
"""

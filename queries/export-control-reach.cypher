// What an export control restricts and which end uses it reaches
//
// Question: Which materials and elements does a given policy restrict, which materials carry them, and which end uses does that reach downstream?
// Parameters:
//   policy  id of a Policy node (export control, quota...)
:param policy => 'policy:mofcom-gac-2025-18';

MATCH (p:Policy {id: $policy})-[r:RESTRICTS]->(item:Entity)
OPTIONAL MATCH (carrier:Material)
WHERE carrier = item OR EXISTS { MATCH (carrier)-[:CONTAINS]->(item) }
OPTIONAL MATCH (carrier)-[:INPUT_TO*0..8]->(:Material)-[:USED_IN]->(e:EndUse)
WITH p, r, item, collect(DISTINCT carrier.name) AS carriers, collect(DISTINCT e.name) AS end_uses
RETURN p.name AS policy,
       item.id AS restricted_id,
       item.name AS restricted,
       [l IN labels(item) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       r.scope AS scope,
       r.effective AS effective,
       carriers,
       end_uses,
       r.sources AS sources
ORDER BY size(end_uses) DESC, restricted

// Policies that restrict a material or anything upstream of it
//
// Question: Which export controls, quotas and other restrictions bear on a given material, directly, through the elements it contains, or through the materials it is made from, and who issued them?
// status is the last recorded state of the policy's dated lifecycle (evaluate it at a date with 'supplygraph chokepoints --as-of');
// measure says whether it licenses (delays) or bans / sets a quota (removes volume).
// Parameters:
//   material  id of a Material node
:param material => 'material:smco-magnet';

MATCH (m:Material {id: $material})
MATCH (upstream:Material)-[:INPUT_TO*0..8]->(m)
WITH DISTINCT m, upstream
MATCH (p:Policy)-[r:RESTRICTS]->(t:Entity)
WHERE t = upstream OR EXISTS { MATCH (upstream)-[:CONTAINS]->(t) }
WITH p, r, t, collect(DISTINCT upstream.name) AS via
RETURN p.id AS policy_id,
       p.name AS policy,
       p.kind AS kind,
       coalesce(p.status, last(p.lifecycle)) AS status,
       p.lifecycle AS lifecycle,
       p.measure AS measure,
       COLLECT { MATCH (p)-[:ISSUED_BY]->(issuer:Entity) RETURN issuer.name } AS issued_by,
       t.name AS restricts,
       r.scope AS scope,
       r.effective AS effective,
       via,
       r.sources AS sources
ORDER BY effective DESC, policy, restricts

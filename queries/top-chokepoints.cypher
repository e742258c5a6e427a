// Top chokepoints by pushed score
//
// Question: Which entities does the chokepoint analysis rank highest (scores written by 'supplygraph neo4j push'), and what do they produce or control?
// Parameters:
//   limit  how many to show
:param limit => 10;

MATCH (n:Entity)
WHERE n.chokepoint_score IS NOT NULL
RETURN n.chokepoint_rank AS rank,
       n.id AS id,
       n.name AS name,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       n.chokepoint_score AS score,
       COLLECT { MATCH (n)-[:PRODUCES]->(m:Material) RETURN DISTINCT m.name } AS produces,
       COLLECT { MATCH (n)<-[:SUBSIDIARY_OF]-(s:Organization) RETURN s.name } AS controls
ORDER BY rank, id
LIMIT $limit

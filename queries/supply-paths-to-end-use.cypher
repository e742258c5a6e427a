// Supply paths from mines to an end use
//
// Question: Through which chains of materials does mining-stage supply reach a given end use, and who produces the mined material at the head of each chain?
// Parameters:
//   enduse    id of an EndUse node
//   max_steps longest INPUT_TO chain to follow (1 to 8); chains never visit a material twice
:param enduse => 'enduse:guided-missile';
:param max_steps => 8;

MATCH (e:EndUse {id: $enduse})
MATCH path = (mined:Material)-[:INPUT_TO*0..8]->(:Material)-[:USED_IN]->(e)
WHERE mined.stage = 'mining' AND length(path) <= $max_steps + 1
  AND all(n IN nodes(path) WHERE single(x IN nodes(path) WHERE x = n))
WITH e, mined, path
RETURN [n IN nodes(path) | n.name] AS chain,
       length(path) AS steps,
       COLLECT {
         MATCH (producer:Entity)-[:PRODUCES]->(mined)
         RETURN DISTINCT producer.name
       } AS mined_by
ORDER BY steps, chain
LIMIT 100

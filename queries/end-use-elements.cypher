// Elements an end use depends on, and where they are mined
//
// Question: Which elements does a given end use depend on through its materials, and which countries hold the largest share of mine production of the materials carrying them?
// Parameters:
//   enduse  id of an EndUse node
:param enduse => 'enduse:radar';

MATCH (e:EndUse {id: $enduse})
MATCH (m:Material)-[:INPUT_TO*0..8]->(:Material)-[:USED_IN]->(e)
MATCH (m)-[:CONTAINS]->(el:Element)
WITH e, el, collect(DISTINCT m.name) AS materials
RETURN el.symbol AS symbol,
       el.name AS element,
       el.group AS `group`,
       materials,
       COLLECT {
         MATCH (c:Country)-[p:PRODUCES]->(ore:Material)-[:CONTAINS]->(el)
         WHERE p.share IS NOT NULL
         RETURN c.name + ' ' + toString(toInteger(round(p.share * 100))) + '% of ' + ore.name + coalesce(' (' + toString(p.year) + ')', '')
         ORDER BY p.share DESC
         LIMIT 3
       } AS top_producers,
       COLLECT { MATCH (pol:Policy)-[:RESTRICTS]->(el) RETURN pol.name } AS restricted_by
ORDER BY symbol

// Single-supplier dependencies
//
// Question: Which materials have only one known producing organisation or facility, or reach a customer from only one supplier, and which end uses hang on them?
// Parameters:
//   stage  restrict to one stage of the chain ('' for every stage)
:param stage => '';

CALL () {
  MATCH (producer:Entity)-[p:PRODUCES]->(m:Material)
  WHERE NOT producer:Country AND NOT producer:Place
  WITH m, collect(DISTINCT producer) AS producers, collect(p.sources) AS cited
  WHERE size(producers) = 1
  RETURN m AS mat, producers[0] AS src, 'only producer' AS kind,
         reduce(acc = [], s IN cited | acc + coalesce(s, [])) AS sources
  UNION
  MATCH (supplier:Entity)-[s:SUPPLIES]->(customer:Entity)
  WITH customer, s.material AS material_id, collect(DISTINCT supplier) AS suppliers, collect(s.sources) AS cited
  WHERE size(suppliers) = 1
  OPTIONAL MATCH (m:Material {id: material_id})
  RETURN m AS mat, suppliers[0] AS src, 'only supplier of ' + customer.name AS kind,
         reduce(acc = [], x IN cited | acc + coalesce(x, [])) AS sources
}
WITH mat, src, kind, sources
WHERE $stage = '' OR mat.stage = $stage
RETURN mat.id AS material_id,
       mat.name AS material,
       mat.stage AS stage,
       src.name AS supplier,
       kind,
       COLLECT {
         MATCH (mat)-[:INPUT_TO*0..8]->(:Material)-[:USED_IN]->(e:EndUse)
         RETURN DISTINCT e.name
       } AS end_uses,
       sources
ORDER BY stage, material

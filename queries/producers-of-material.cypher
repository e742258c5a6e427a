// Who produces a material
//
// Question: Which organisations, facilities and countries produce a given material, where are they, and who owns or operates them?
// Parameters:
//   material  id of a Material node
:param material => 'material:separated-rare-earth-oxides';

MATCH (producer:Entity)-[p:PRODUCES]->(m:Material {id: $material})
RETURN producer.id AS id,
       producer.name AS producer,
       [l IN labels(producer) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       coalesce(producer.country, producer.iso2) AS country,
       p.share AS share,
       p.volume_t AS volume_t,
       p.capacity_t AS capacity_t,
       p.year AS year,
       COLLECT { MATCH (producer)-[:SUBSIDIARY_OF]->(owner:Organization) RETURN owner.name } AS owned_by,
       COLLECT { MATCH (operator:Organization)-[:OPERATES]->(producer) RETURN operator.name } AS operated_by,
       p.sources AS sources
ORDER BY label, share DESC, producer

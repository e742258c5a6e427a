// Country shares of production of a material
//
// Question: Which countries produce a given material, with what share of world output and volume, in each edition and year of the sources?
// Parameters:
//   material  id of a Material node
:param material => 'material:rare-earth-mine-production';

MATCH (c:Country)-[p:PRODUCES]->(m:Material {id: $material})
RETURN p.edition AS edition,
       p.year AS year,
       c.name AS country,
       p.share AS share,
       p.volume_t AS volume_t,
       p.estimate AS estimate,
       p.sources AS sources
ORDER BY edition DESC, year DESC, share DESC, volume_t DESC, country

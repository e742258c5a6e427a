// Single-country dependencies
//
// Question: For which materials does one country hold at least a given share of world production or of a dependant's supply?
// Parameters:
//   min_share  the share (0..1) above which a country counts as dominant
:param min_share => 0.5;

CALL () {
  MATCH (c:Country)-[p:PRODUCES]->(m:Material)
  WHERE p.share >= $min_share
  RETURN m.id AS subject_id, m.name AS subject, c.name AS country, 'share of world production' AS measure,
         p.share AS share, p.year AS year, p.edition AS edition, p.sources AS sources
  UNION
  MATCH (dependant:Entity)-[d:DEPENDS_ON]->(c:Country)
  WHERE d.share >= $min_share
  RETURN dependant.id AS subject_id, dependant.name + coalesce(' (' + d.material + ')', '') AS subject, c.name AS country,
         coalesce(d.measure, 'dependence') AS measure, d.share AS share, d.year AS year, d.edition AS edition, d.sources AS sources
}
RETURN subject_id, subject, country, measure, share, year, edition, sources
ORDER BY share DESC, year DESC, subject

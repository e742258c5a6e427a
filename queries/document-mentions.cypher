// Entities mentioned in a document
//
// Question: Which entities does a given document mention or support facts about, and how many facts does it back for each?
// Parameters:
//   doc  id of a Document node
:param doc => 'doc:reex-baogang-alloys-2025';

MATCH (d:Document {id: $doc})
CALL (d) {
  MATCH (e:Entity)-[:MENTIONED_IN]->(d)
  RETURN e, 0 AS facts
  UNION ALL
  MATCH (e:Entity)-[r]-(:Entity)
  WHERE type(r) <> 'MENTIONED_IN' AND d.id IN r.sources
  RETURN e, 1 AS facts
}
WITH d, e, sum(facts) AS facts
RETURN e.id AS id,
       e.name AS name,
       [l IN labels(e) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       EXISTS { MATCH (e)-[:MENTIONED_IN]->(d) } AS mentioned,
       facts
ORDER BY facts DESC, label, name

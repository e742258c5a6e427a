// Find an entity by name or alias
//
// Question: Which nodes are called something like this (any spelling a document may use, full-text search over names and aliases)?
// Parameters:
//   term  words to search for (Lucene syntax: Baogang, Bao*, "rare earth")
:param term => 'Baogang';

CALL db.index.fulltext.queryNodes('entity_names', $term) YIELD node, score
RETURN node.id AS id,
       node.name AS name,
       [l IN labels(node) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       node.aliases AS aliases,
       round(score, 3) AS score
ORDER BY score DESC, id
LIMIT 25

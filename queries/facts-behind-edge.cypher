// The facts behind an edge, with their sources and evidence
//
// Question: What exactly does the graph say connects two entities, on whose authority (documents, evidence sentences) and with what confidence?
// Parameters:
//   source  id of one end
//   target  id of the other end (either direction is shown)
:param source => 'org:china-northern-rare-earth';
:param target => 'org:baogang-group';

MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
RETURN type(r) AS type,
       startNode(r).id AS from_id,
       endNode(r).id AS to_id,
       r.key AS key,
       properties(r) AS properties,
       r.evidence AS evidence,
       r.confidence AS confidence,
       COLLECT {
         MATCH (d:Document)
         WHERE d.id IN r.sources
         RETURN d.id + ': ' + coalesce(d.title, d.name) + coalesce(' (' + d.publisher + ')', '') + coalesce(' ' + d.url, '')
       } AS documents
ORDER BY type, key

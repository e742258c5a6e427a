// Corporate family of a state-owned enterprise
//
// Question: Which group does an organisation belong to, who are the group's members at each level of control, and which state bodies own the group?
// Control is SUBSIDIARY_OF (a majority, a joint venture's parents, or control a source states); minority stakes
// (HOLDS_STAKE_IN) are listed per member as shareholders and do not make a company part of a group.
// Parameters:
//   org  id of an Organization node (for example a StateOwnedEnterprise)
:param org => 'org:china-northern-rare-earth';

MATCH (o:Organization {id: $org})
MATCH (o)-[:SUBSIDIARY_OF*0..6]->(root:Organization)
WHERE NOT root:GovernmentBody
  AND NOT EXISTS { MATCH (root)-[:SUBSIDIARY_OF]->(parent:Organization) WHERE NOT parent:GovernmentBody }
MATCH path = (member:Organization)-[:SUBSIDIARY_OF*0..6]->(root)
WHERE none(n IN nodes(path) WHERE n:GovernmentBody)
WITH o, root, member, min(length(path)) AS depth
OPTIONAL MATCH (member)-[s:SUBSIDIARY_OF]->(owner:Organization)
WITH o, root, member, depth,
     collect(owner.name + CASE WHEN s.stake IS NULL THEN '' ELSE ' ' + toString(round(s.stake * 100, 1)) + '%' END) AS owners
RETURN root.name AS `group`,
       COLLECT { MATCH (root)-[:SUBSIDIARY_OF]->(state:GovernmentBody) RETURN state.name } AS state_owners,
       depth,
       member.id AS id,
       member.name AS name,
       [l IN labels(member) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       owners,
       COLLECT { MATCH (holder:Entity)-[h:HOLDS_STAKE_IN]->(member)
                 RETURN holder.name + CASE WHEN h.stake IS NULL THEN '' ELSE ' ' + toString(round(h.stake * 100, 1)) + '%' END } AS shareholders,
       member = o AS queried
ORDER BY `group`, depth, name

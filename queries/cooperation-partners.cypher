// Who cooperates with an organisation, and through which agreements
//
// Question: Which organisations cooperate with a given organisation or its subsidiaries, through which agreements and events, and who else took part in the events it hosted?
// Parameters:
//   org  id of an Organization node
:param org => 'org:baogang-group';

MATCH (o:Organization {id: $org})
CALL (o) {
  MATCH (unit:Organization)-[:SUBSIDIARY_OF*0..4]->(o)
  MATCH (unit)-[c:COOPERATES_WITH]-(other:Organization)
  WHERE other <> o
  OPTIONAL MATCH (ev:Event {id: c.event})
  RETURN other, unit, c.agreement AS agreement, c.date AS date, ev.name AS event, c.sources AS sources
  UNION
  MATCH (unit:Organization)-[:SUBSIDIARY_OF*0..4]->(o)
  MATCH (unit)-[:PARTICIPATED_IN]->(ev:Event)<-[took:PARTICIPATED_IN]-(other:Organization)
  WHERE other <> o AND NOT EXISTS { MATCH (other)-[:SUBSIDIARY_OF*1..4]->(o) }
  RETURN other, unit, 'took part as ' + coalesce(took.role, 'participant') AS agreement, ev.date AS date,
         ev.name AS event, took.sources AS sources
}
RETURN other.id AS partner_id,
       other.name AS partner,
       [l IN labels(other) WHERE NOT l IN ['Entity', 'Organization']][0] AS label,
       CASE WHEN unit = o THEN o.name ELSE unit.name + ' (subsidiary)' END AS through,
       agreement,
       date,
       event,
       sources
ORDER BY date, partner, agreement

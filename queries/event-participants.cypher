// Who took part in an event, and what was agreed there
//
// Question: Which organisations and countries took part in a given event, in which role, and which cooperation agreements were made at it?
// Parameters:
//   event  id of an Event node
:param event => 'event:baogang-alloy-collaboration-2025-02-28';

MATCH (ev:Event {id: $event})
MATCH (who:Entity)-[t:PARTICIPATED_IN]->(ev)
RETURN ev.name AS event,
       ev.date AS date,
       who.id AS id,
       who.name AS participant,
       t.role AS role,
       COLLECT {
         MATCH (who)-[c:COOPERATES_WITH]-(partner:Organization)
         WHERE c.event = ev.id
         RETURN partner.name + ': ' + coalesce(c.agreement, 'cooperation')
       } AS agreements,
       t.sources AS sources
ORDER BY role, participant

-- The routes each bin is a stop of, for the rule that a bin still on a route is not removed; kept
-- like the other lookups, in the transaction of the events.
CREATE TABLE lookup_route_stops (
    route_id VARCHAR(255) NOT NULL,
    bin_id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (route_id, bin_id)
);
CREATE INDEX lookup_route_stops_bin_idx ON lookup_route_stops (bin_id);

COMMENT ON TABLE lookup_route_stops IS 'Which bins are stops of which routes, so that a bin still on a route is not removed.';

-- Stops made before this table existed, read from their own events: a pair is a stop when its
-- newest assignment event assigns it and its route is not deleted.
INSERT INTO lookup_route_stops (route_id, bin_id)
SELECT route_id, bin_id
  FROM (SELECT DISTINCT ON (event.aggregate_identifier, convert_from(event.payload, 'UTF8')::jsonb ->> 'binId')
               event.aggregate_identifier AS route_id,
               convert_from(event.payload, 'UTF8')::jsonb ->> 'binId' AS bin_id,
               event.payload_type AS payload_type
          FROM domain_event_entry event
         WHERE event.payload_type IN ('io.haulstream.events.BinAssignedToRoute',
                                      'io.haulstream.events.BinUnassignedFromRoute')
         ORDER BY event.aggregate_identifier, convert_from(event.payload, 'UTF8')::jsonb ->> 'binId',
                  event.sequence_number DESC) newest
 WHERE newest.payload_type = 'io.haulstream.events.BinAssignedToRoute'
   AND NOT EXISTS (SELECT 1
                     FROM lookup_routes route
                    WHERE route.route_id = newest.route_id
                      AND route.deleted);

-- Routes for the rule that a bin is serviced only on a route of its own organization; kept like
-- the other lookups, in the transaction of the events.
CREATE TABLE lookup_routes (
    route_id        VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255) NOT NULL,
    deleted         BOOLEAN      NOT NULL
);

COMMENT ON TABLE lookup_routes IS 'Which routes exist, their organization and whether deleted, for the rules of services and stops.';

-- Routes created before this table existed, read from their own events.
INSERT INTO lookup_routes (route_id, organization_id, deleted)
SELECT created.aggregate_identifier,
       convert_from(created.payload, 'UTF8')::jsonb ->> 'organizationId',
       EXISTS (SELECT 1
                 FROM domain_event_entry deleted
                WHERE deleted.aggregate_identifier = created.aggregate_identifier
                  AND deleted.payload_type = 'io.haulstream.events.RouteDeleted')
  FROM domain_event_entry created
 WHERE created.payload_type = 'io.haulstream.events.RouteCreated';

-- Who changed a bin or a route, and when: one row per bin or route event, with the actor and the
-- correlation id the relay read from the event's metadata (the haulstream.actor-* and
-- haulstream.correlation-id headers). A new, empty table, so its index is built here with it, not
-- CONCURRENTLY. The analyst role reads it through V1's default privileges.
CREATE TABLE read_model.audit_trail (
    aggregate_id    TEXT        NOT NULL,
    sequence_number BIGINT      NOT NULL,
    organization_id TEXT        NOT NULL,
    aggregate_type  TEXT        NOT NULL CHECK (aggregate_type IN ('bin', 'route')),
    event_type      TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    actor_subject   TEXT,
    actor_client    TEXT,
    actor_role      TEXT,
    correlation_id  TEXT,
    event_id        TEXT,
    global_position BIGINT      NOT NULL,
    -- An aggregate's trail newest first, keyset-paged by sequence_number: the key is that index.
    PRIMARY KEY (aggregate_id, sequence_number)
) WITH (fillfactor = 100);
COMMENT ON TABLE read_model.audit_trail IS 'One row per event of a bin or a route, never changed once written: who caused it (the actor of the command, or the fleet system of a fleet record) and when. The audit trail an organization reads per bin and per route.';
COMMENT ON COLUMN read_model.audit_trail.aggregate_id IS 'The bin (read_model.bins.bin_id) or route (read_model.routes.route_id) the event changed.';
COMMENT ON COLUMN read_model.audit_trail.sequence_number IS 'The event''s sequence in its aggregate''s event stream: with aggregate_id, the event''s identity (a replayed event is not written twice) and the trail''s order.';
COMMENT ON COLUMN read_model.audit_trail.organization_id IS 'Organization (tenant) that owns the bin or route.';
COMMENT ON COLUMN read_model.audit_trail.aggregate_type IS 'bin or route: which kind of aggregate aggregate_id names.';
COMMENT ON COLUMN read_model.audit_trail.event_type IS 'The event''s wire name, e.g. BinPlaced, BinMoved, RouteStatusChanged (events/asyncapi.yaml).';
COMMENT ON COLUMN read_model.audit_trail.occurred_at IS 'When the event was stored in the event store (the haulstream.occurred-at header): when the change was made.';
COMMENT ON COLUMN read_model.audit_trail.actor_subject IS 'Who caused the event: the bearer token''s subject of the command over HTTP, or the fleet system''s name for a fleet record from Kafka; null for events stored before actors were recorded.';
COMMENT ON COLUMN read_model.audit_trail.actor_client IS 'The OAuth2 client the actor''s token was issued to (the fleet system''s name for a fleet record from Kafka); null when no actor was recorded.';
COMMENT ON COLUMN read_model.audit_trail.actor_role IS 'The actor''s roles that haulstream knows, sorted and comma-separated (e.g. dispatcher; fleet-system for a fleet record from Kafka); null when no actor was recorded.';
COMMENT ON COLUMN read_model.audit_trail.correlation_id IS 'The id of the command that caused the event: the events of one command share it. Null when not recorded.';
COMMENT ON COLUMN read_model.audit_trail.event_id IS 'The event''s id in the event store (the haulstream.event-id header).';
COMMENT ON COLUMN read_model.audit_trail.global_position IS 'Position of the event in the event store.';

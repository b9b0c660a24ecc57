-- Who changed a bin or a route last, and when, on their rows, and who recorded each service.
-- Nullable columns without a default change only the catalogue, so they take no time on big tables;
-- rows written before them stay null until their next change.
ALTER TABLE read_model.bins ADD COLUMN changed_by TEXT, ADD COLUMN changed_at TIMESTAMPTZ;
COMMENT ON COLUMN read_model.bins.changed_by IS 'Who made the bin''s newest change: the subject of the caller''s token, or the fleet system''s name for a fleet record; null when that event recorded no actor.';
COMMENT ON COLUMN read_model.bins.changed_at IS 'When the bin''s newest change was stored in the event store; null for rows not changed since this column was added.';
ALTER TABLE read_model.routes ADD COLUMN changed_by TEXT, ADD COLUMN changed_at TIMESTAMPTZ;
COMMENT ON COLUMN read_model.routes.changed_by IS 'Who made the route''s newest change (its path, status or stops): the subject of the caller''s token, or the fleet system''s name for a fleet record; null when that event recorded no actor.';
COMMENT ON COLUMN read_model.routes.changed_at IS 'When the route''s newest change was stored in the event store; null for rows not changed since this column was added.';
ALTER TABLE read_model.service_history ADD COLUMN recorded_by TEXT;
COMMENT ON COLUMN read_model.service_history.recorded_by IS 'Who recorded the service: the fleet system''s name for a record from Kafka, else the subject of the caller''s token; null for services projected before actors were recorded.';

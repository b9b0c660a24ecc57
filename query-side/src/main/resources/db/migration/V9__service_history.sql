-- Every service of a bin (BinServiced), kept as it happened: the bins table keeps only the last
-- one and a count. A new, empty table, so its indexes are built here with it, not CONCURRENTLY.
-- The analyst role reads it through V1's default privileges.
CREATE TABLE read_model.service_history (
    bin_id          TEXT             NOT NULL,
    sequence_number BIGINT           NOT NULL,
    organization_id TEXT             NOT NULL,
    route_id        TEXT,
    outcome         TEXT             NOT NULL,
    weight_kg       DOUBLE PRECISION,
    fleet_record_id TEXT,
    serviced_at     TIMESTAMPTZ      NOT NULL,
    global_position BIGINT           NOT NULL,
    PRIMARY KEY (bin_id, sequence_number)
) WITH (fillfactor = 100);
COMMENT ON TABLE read_model.service_history IS 'One row per service of a bin (a BinServiced event), never changed once written: the history dispatchers read per bin and per route.';
COMMENT ON COLUMN read_model.service_history.bin_id IS 'The bin serviced (read_model.bins.bin_id).';
COMMENT ON COLUMN read_model.service_history.sequence_number IS 'The BinServiced event''s sequence in its bin''s event stream: with bin_id, the event''s identity, so a replayed event is not written twice.';
COMMENT ON COLUMN read_model.service_history.organization_id IS 'Organization (tenant) that owns the bin.';
COMMENT ON COLUMN read_model.service_history.route_id IS 'The route the service was made on; null for a service on no route.';
COMMENT ON COLUMN read_model.service_history.outcome IS 'What the crew found: EMPTIED, MISSED, BLOCKED, CONTAMINATED or NOT_OUT.';
COMMENT ON COLUMN read_model.service_history.weight_kg IS 'Weight lifted in kilograms, when the truck''s scale knew it.';
COMMENT ON COLUMN read_model.service_history.fleet_record_id IS 'The fleet system''s own id of the service record, when it came from one.';
COMMENT ON COLUMN read_model.service_history.serviced_at IS 'When the bin was serviced.';
COMMENT ON COLUMN read_model.service_history.global_position IS 'Position of the event in the event store.';

-- A bin's history newest first, keyset-paged by (serviced_at, sequence_number).
CREATE INDEX service_history_bin_time_idx ON read_model.service_history (bin_id, serviced_at DESC, sequence_number DESC);
COMMENT ON INDEX read_model.service_history_bin_time_idx IS 'A bin''s services newest first: bin_id = ? ORDER BY serviced_at DESC, sequence_number DESC, and a bin''s latest service.';
-- A route's history newest first, keyset-paged by (serviced_at, bin_id, sequence_number).
CREATE INDEX service_history_route_time_idx ON read_model.service_history (route_id, serviced_at DESC, bin_id DESC, sequence_number DESC) WHERE route_id IS NOT NULL;
COMMENT ON INDEX read_model.service_history_route_time_idx IS 'A route''s services newest first: route_id = ? ORDER BY serviced_at DESC, bin_id DESC, sequence_number DESC.';

-- Cache entries a committed batch changed and Redis has not taken yet. Written in the batch's own
-- transaction and cleared once Redis has the new versions, so a crash between the commit and the
-- Redis write, or Redis being down, can never leave a cache entry stale for good.
CREATE TABLE read_model.cache_outbox (
    key       TEXT        PRIMARY KEY,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE read_model.cache_outbox IS 'Cache keys (bin:<id>, stats:<key>) changed by committed batches and not yet written to Redis.';
COMMENT ON COLUMN read_model.cache_outbox.key IS 'The Redis key to refresh from PostgreSQL.';
COMMENT ON COLUMN read_model.cache_outbox.queued_at IS 'When the change was committed.';

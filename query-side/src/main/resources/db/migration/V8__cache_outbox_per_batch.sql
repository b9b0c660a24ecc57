-- The cache outbox held one row per changed key: a batch of 2,000 events inserted and then deleted
-- about as many rows, and replaying the full city spent most of its database time on that churn
-- (inserts checking a primary key index full of dead entries). One row per committed batch, with its
-- keys as an array, is one insert and one delete per batch. Keys still queued move over.
CREATE TABLE read_model.cache_outbox_batches (
    id        BIGSERIAL   PRIMARY KEY,
    keys      TEXT[]      NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO read_model.cache_outbox_batches (keys)
SELECT array_agg(key ORDER BY queued_at) FROM read_model.cache_outbox HAVING count(*) > 0;

DROP TABLE read_model.cache_outbox;

COMMENT ON TABLE read_model.cache_outbox_batches IS 'Cache keys changed by committed batches and not yet written to Redis, one row per batch; cleared once Redis has them.';
COMMENT ON COLUMN read_model.cache_outbox_batches.id IS 'Order in which the batches committed.';
COMMENT ON COLUMN read_model.cache_outbox_batches.keys IS 'The Redis keys (bin:<id>, stats:<key>) to refresh from PostgreSQL.';
COMMENT ON COLUMN read_model.cache_outbox_batches.queued_at IS 'When the batch committed.';

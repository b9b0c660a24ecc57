-- Which fleet dead letters an operator replayed, so that "replay all" never sends one twice.
CREATE TABLE fleet_dead_letter_replays (
    dlt_partition INT NOT NULL,
    dlt_offset BIGINT NOT NULL,
    replayed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dlt_partition, dlt_offset)
);
COMMENT ON TABLE fleet_dead_letter_replays IS 'Fleet dead letters published to the inbound topic again by an operator, one row per dead letter.';
COMMENT ON COLUMN fleet_dead_letter_replays.dlt_partition IS 'Partition of the dead letter in the dead-letter topic.';
COMMENT ON COLUMN fleet_dead_letter_replays.dlt_offset IS 'Offset of the dead letter in that partition.';
COMMENT ON COLUMN fleet_dead_letter_replays.replayed_at IS 'When it was last replayed.';

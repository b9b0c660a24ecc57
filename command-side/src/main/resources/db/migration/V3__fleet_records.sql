-- Fleet record ids already applied. A record is applied in the same transaction that inserts its
-- id here, so a record delivered again (a redelivery, or the fleet sending it twice, even after
-- later records) changes nothing: route status records carry no id the aggregate could check.
CREATE TABLE fleet_records_applied (
    record_id   VARCHAR(255) PRIMARY KEY,
    record_type VARCHAR(64)  NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL
);
COMMENT ON TABLE fleet_records_applied IS 'Ids of fleet inbound records applied, so a repeated record changes nothing.';
COMMENT ON COLUMN fleet_records_applied.record_id IS 'The fleet system''s own record id.';
COMMENT ON COLUMN fleet_records_applied.record_type IS 'Kind of record: BinServicedRecord, FillLevelReportedRecord, RouteStartedRecord or RouteCompletedRecord.';
COMMENT ON COLUMN fleet_records_applied.applied_at IS 'When the record was applied.';

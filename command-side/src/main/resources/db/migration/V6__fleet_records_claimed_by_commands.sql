-- Fleet record ids move out of the Bin aggregate, which kept every id of its history in memory
-- (rebuilt on each load) next to this table. From now on this table alone says which records were
-- applied: the aggregate claims a record's id here in the command's own transaction, whether the
-- record came over the fleet topic or the command API, so a repeat changes nothing either way.
--
-- Records do not name their fleet system yet, so record_id stays the key, compared across all
-- fleet systems (each prefixes its own ids, as in truck-3:991); a fleet system column joins the
-- key once records carry one.
ALTER TABLE fleet_records_applied ADD COLUMN aggregate_id VARCHAR(255);

COMMENT ON TABLE fleet_records_applied IS 'Ids of fleet records applied, over the fleet inbound topic or the command API, so a repeated record changes nothing; an id is claimed in the transaction that stores the record''s events.';
COMMENT ON COLUMN fleet_records_applied.aggregate_id IS 'The bin or route the record was applied to; null for route records applied before it was kept.';

-- Ids that only the aggregates knew: services sent over the command API, which never went
-- through this table. Ids of records from the topic are here already; they gain their bin.
INSERT INTO fleet_records_applied (record_id, record_type, aggregate_id, applied_at)
SELECT DISTINCT ON (record_id) record_id, record_type, aggregate_identifier, now()
  FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'fleetRecordId' AS record_id,
               CASE payload_type WHEN 'io.haulstream.events.BinServiced' THEN 'BinServicedRecord'
                                 ELSE 'FillLevelReportedRecord' END AS record_type,
               aggregate_identifier,
               global_index
          FROM domain_event_entry
         WHERE payload_type IN ('io.haulstream.events.BinServiced',
                                'io.haulstream.events.BinFillLevelReported')) applied
 WHERE record_id IS NOT NULL
 ORDER BY record_id, global_index
ON CONFLICT (record_id) DO UPDATE SET aggregate_id = excluded.aggregate_id
 WHERE fleet_records_applied.aggregate_id IS NULL;

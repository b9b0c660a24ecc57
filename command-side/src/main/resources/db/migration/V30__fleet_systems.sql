-- Fleet records now name their fleet system. Which organizations a fleet system may touch is an
-- operator's binding (the management port's /fleet/systems), kept here so that every command-side
-- instance reads the same answer in the command's own transaction.
CREATE TABLE fleet_system_bindings (
    fleet_system    VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    bound_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (fleet_system, organization_id)
);
COMMENT ON TABLE fleet_system_bindings IS 'Which organizations each fleet system may touch: its records about bins and routes of any other organization are set aside on the dead-letter topic.';
COMMENT ON COLUMN fleet_system_bindings.fleet_system IS 'The fleet system''s name, as its records give it in fleetSystem (in production also its Kafka principal).';
COMMENT ON COLUMN fleet_system_bindings.organization_id IS 'An organization whose bins and routes the fleet system may report on.';
COMMENT ON COLUMN fleet_system_bindings.bound_at IS 'When an operator bound them.';

-- Record ids are each fleet system's own, so two systems' ids may be equal: the key becomes the
-- pair. Ids applied before records named their system keep the name 'unnamed' as a history of
-- what was applied; a record that names no fleet system is no longer accepted at all.
ALTER TABLE fleet_records_applied ADD COLUMN fleet_system VARCHAR(64) NOT NULL DEFAULT 'unnamed';
ALTER TABLE fleet_records_applied ALTER COLUMN fleet_system DROP DEFAULT;
ALTER TABLE fleet_records_applied DROP CONSTRAINT fleet_records_applied_pkey;
ALTER TABLE fleet_records_applied ADD PRIMARY KEY (fleet_system, record_id);

COMMENT ON TABLE fleet_records_applied IS 'Fleet records applied, over the fleet inbound topic or the command API, known by fleet system and record id, so a repeated record changes nothing; a record is claimed in the transaction that stores its events.';
COMMENT ON COLUMN fleet_records_applied.fleet_system IS 'The fleet system that sent the record; ''unnamed'' for records applied before records named their system.';
COMMENT ON COLUMN fleet_records_applied.record_id IS 'The fleet system''s own record id, unique within that fleet system.';

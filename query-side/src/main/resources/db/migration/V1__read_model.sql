-- The read model that dispatchers' queries and analysts' SQL read. Every table and column is
-- commented because analysts read them directly.

CREATE TABLE read_model.organizations (
    organization_id TEXT        PRIMARY KEY,
    name            TEXT        NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
COMMENT ON TABLE read_model.organizations IS 'One row per organization (tenant) that registered with haulstream.';
COMMENT ON COLUMN read_model.organizations.organization_id IS 'Identifier of the organization, as in every event that names it.';
COMMENT ON COLUMN read_model.organizations.name IS 'Current name of the organization.';
COMMENT ON COLUMN read_model.organizations.registered_at IS 'When the organization was registered.';
COMMENT ON COLUMN read_model.organizations.version IS 'Row version: grows by one with every change to the row.';

CREATE TABLE read_model.bins (
    bin_id            TEXT                   PRIMARY KEY,
    organization_id   TEXT                   NOT NULL,
    organization_name TEXT,
    tag               TEXT                   NOT NULL,
    container_type    TEXT                   NOT NULL,
    waste_stream      TEXT                   NOT NULL,
    capacity_litres   INTEGER                NOT NULL,
    status            TEXT                   NOT NULL,
    location          public.geography(Point, 4326) NOT NULL,
    placed_at         TIMESTAMPTZ            NOT NULL,
    deleted           BOOLEAN                NOT NULL DEFAULT FALSE,
    version           BIGINT                 NOT NULL,
    updated_at        TIMESTAMPTZ            NOT NULL
);
COMMENT ON TABLE read_model.bins IS 'One row per bin, denormalized so a page of bins with organization needs no join.';
COMMENT ON COLUMN read_model.bins.bin_id IS 'Identifier of the bin.';
COMMENT ON COLUMN read_model.bins.organization_id IS 'Organization (tenant) that owns the bin.';
COMMENT ON COLUMN read_model.bins.organization_name IS 'Current name of the owning organization; NULL until its registration is projected.';
COMMENT ON COLUMN read_model.bins.tag IS 'The hauler''s own label on the container.';
COMMENT ON COLUMN read_model.bins.container_type IS 'CART, FRONT_LOAD, REAR_LOAD, ROLL_OFF or COMPACTOR.';
COMMENT ON COLUMN read_model.bins.waste_stream IS 'GENERAL, RECYCLING, ORGANIC, GLASS or HAZARDOUS.';
COMMENT ON COLUMN read_model.bins.capacity_litres IS 'Container capacity in litres.';
COMMENT ON COLUMN read_model.bins.status IS 'ACTIVE, INACTIVE, MAINTENANCE or RETIRED.';
COMMENT ON COLUMN read_model.bins.location IS 'Where the bin stands, WGS 84.';
COMMENT ON COLUMN read_model.bins.placed_at IS 'When the bin was placed.';
COMMENT ON COLUMN read_model.bins.deleted IS 'TRUE once the bin was removed; removed bins are kept for history.';
COMMENT ON COLUMN read_model.bins.version IS 'Row version: grows by one with every change to the row; the cache only ever replaces a lower version.';
COMMENT ON COLUMN read_model.bins.updated_at IS 'When the row last changed.';

-- Radius and nearest-neighbour queries repeat this predicate, so the planner can use the partial index.
CREATE INDEX bins_active_location_idx ON read_model.bins USING GIST (location) WHERE status = 'ACTIVE' AND NOT deleted;
CREATE INDEX bins_organization_idx ON read_model.bins (organization_id, bin_id);

CREATE TABLE read_model.aggregate_positions (
    aggregate_id    TEXT        PRIMARY KEY,
    sequence_number BIGINT      NOT NULL,
    global_position BIGINT      NOT NULL,
    projected_at    TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE read_model.aggregate_positions IS 'The last projected event of every aggregate: drops duplicated and replayed events and answers consistency tokens.';
COMMENT ON COLUMN read_model.aggregate_positions.aggregate_id IS 'Identifier of the aggregate (organization, bin, ...).';
COMMENT ON COLUMN read_model.aggregate_positions.sequence_number IS 'Sequence number, within its aggregate, of the last event projected.';
COMMENT ON COLUMN read_model.aggregate_positions.global_position IS 'Position of that event in the event store.';
COMMENT ON COLUMN read_model.aggregate_positions.projected_at IS 'When that event was projected.';

CREATE TABLE read_model.projection_offsets (
    consumer_group       TEXT        NOT NULL,
    topic                TEXT        NOT NULL,
    partition            INTEGER     NOT NULL,
    next_offset          BIGINT      NOT NULL,
    last_global_position BIGINT      NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition)
);
COMMENT ON TABLE read_model.projection_offsets IS 'How far each projection has read each Kafka partition, written in the same transaction as the rows it produced.';
COMMENT ON COLUMN read_model.projection_offsets.consumer_group IS 'Kafka consumer group of the projection.';
COMMENT ON COLUMN read_model.projection_offsets.topic IS 'Kafka topic read.';
COMMENT ON COLUMN read_model.projection_offsets.partition IS 'Kafka partition read.';
COMMENT ON COLUMN read_model.projection_offsets.next_offset IS 'Offset of the next record to project: everything before it is applied.';
COMMENT ON COLUMN read_model.projection_offsets.last_global_position IS 'Event-store position of the last event projected from this partition.';
COMMENT ON COLUMN read_model.projection_offsets.updated_at IS 'When this partition last advanced.';

-- Analysts read every read-model table, now and in later migrations, and write none.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${analystRole}') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA read_model TO ${analystRole}';
        EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA read_model TO ${analystRole}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT ON TABLES TO ${analystRole}';
    END IF;
END
$$;

-- Statistics kept by counters as events arrive, never by GROUP BY at read time. Each count row
-- belongs to a scope: an organization's id, or '*' for all organizations together.

CREATE TABLE read_model.route_statistics (
    scope     TEXT   NOT NULL,
    dimension TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (scope, dimension, value)
);
COMMENT ON TABLE read_model.route_statistics IS 'Routes not deleted, counted by status, type and service day, per organization and overall (scope *).';
COMMENT ON COLUMN read_model.route_statistics.scope IS 'Organization id, or * for all organizations.';
COMMENT ON COLUMN read_model.route_statistics.dimension IS 'status, type or service_day.';
COMMENT ON COLUMN read_model.route_statistics.value IS 'The status, type or day of week counted.';
COMMENT ON COLUMN read_model.route_statistics.count IS 'How many routes have that value now.';

CREATE TABLE read_model.bin_statistics (
    scope     TEXT   NOT NULL,
    dimension TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (scope, dimension, value)
);
COMMENT ON TABLE read_model.bin_statistics IS 'Bins not removed, counted by status, waste stream, container type and fill band, per organization and overall (scope *).';
COMMENT ON COLUMN read_model.bin_statistics.scope IS 'Organization id, or * for all organizations.';
COMMENT ON COLUMN read_model.bin_statistics.dimension IS 'status, waste_stream, container_type or fill_band.';
COMMENT ON COLUMN read_model.bin_statistics.value IS 'The value counted; fill bands are UNKNOWN, 0-24, 25-49, 50-74 and 75-100 percent.';
COMMENT ON COLUMN read_model.bin_statistics.count IS 'How many bins have that value now.';

CREATE TABLE read_model.bin_service_daily (
    scope      TEXT   NOT NULL,
    day        DATE   NOT NULL,
    serviced   BIGINT NOT NULL DEFAULT 0,
    missed     BIGINT NOT NULL DEFAULT 0,
    exceptions BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, day)
);
COMMENT ON TABLE read_model.bin_service_daily IS 'Service records per day (UTC) and scope: emptied, missed, and exceptions (blocked, contaminated, not out).';
COMMENT ON COLUMN read_model.bin_service_daily.scope IS 'Organization id, or * for all organizations.';
COMMENT ON COLUMN read_model.bin_service_daily.day IS 'Day of service, UTC.';
COMMENT ON COLUMN read_model.bin_service_daily.serviced IS 'Bins emptied that day.';
COMMENT ON COLUMN read_model.bin_service_daily.missed IS 'Bins missed that day.';
COMMENT ON COLUMN read_model.bin_service_daily.exceptions IS 'Bins blocked, contaminated or not put out that day.';

CREATE TABLE read_model.daily_route_performance (
    route_id         TEXT             NOT NULL,
    day              DATE             NOT NULL,
    organization_id  TEXT             NOT NULL,
    scheduled_stops  INTEGER          NOT NULL,
    serviced         INTEGER          NOT NULL DEFAULT 0,
    missed           INTEGER          NOT NULL DEFAULT 0,
    exceptions       INTEGER          NOT NULL DEFAULT 0,
    weight_kg        DOUBLE PRECISION NOT NULL DEFAULT 0,
    first_service_at TIMESTAMPTZ,
    last_service_at  TIMESTAMPTZ,
    version          BIGINT           NOT NULL,
    PRIMARY KEY (route_id, day)
);
COMMENT ON TABLE read_model.daily_route_performance IS 'What each route did each day (UTC): stops scheduled and serviced, weight, first and last service.';
COMMENT ON COLUMN read_model.daily_route_performance.route_id IS 'The route.';
COMMENT ON COLUMN read_model.daily_route_performance.day IS 'Day of service, UTC.';
COMMENT ON COLUMN read_model.daily_route_performance.organization_id IS 'Organization that owns the route.';
COMMENT ON COLUMN read_model.daily_route_performance.scheduled_stops IS 'Stops on the route when its first service record of the day arrived.';
COMMENT ON COLUMN read_model.daily_route_performance.serviced IS 'Stops emptied.';
COMMENT ON COLUMN read_model.daily_route_performance.missed IS 'Stops missed.';
COMMENT ON COLUMN read_model.daily_route_performance.exceptions IS 'Stops blocked, contaminated or not put out.';
COMMENT ON COLUMN read_model.daily_route_performance.weight_kg IS 'Weight collected, where the truck weighed it.';
COMMENT ON COLUMN read_model.daily_route_performance.first_service_at IS 'First service record of the day.';
COMMENT ON COLUMN read_model.daily_route_performance.last_service_at IS 'Last service record of the day.';
COMMENT ON COLUMN read_model.daily_route_performance.version IS 'Row version: grows by one with every change to the row.';
CREATE INDEX daily_route_performance_organization_idx ON read_model.daily_route_performance (organization_id, day);

-- One version per cached statistics entry (routes or bins of a scope): it grows with every batch
-- that changes any count of the entry, and the cache only ever replaces a lower version.
CREATE TABLE read_model.statistics_versions (
    key     TEXT   PRIMARY KEY,
    version BIGINT NOT NULL
);
COMMENT ON TABLE read_model.statistics_versions IS 'Version of each statistics entry (routes:<scope>, bins:<scope>), raised once per batch that changes it.';
COMMENT ON COLUMN read_model.statistics_versions.key IS 'routes:<scope> or bins:<scope>.';
COMMENT ON COLUMN read_model.statistics_versions.version IS 'Grows with every change; the Redis entry carries it.';

-- What the statistics projector needs to know of each bin and route to move its counts when it
-- changes, kept by that projector alone so it depends on no other projector's order.
CREATE TABLE read_model.statistics_bin_state (
    bin_id          TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    status          TEXT NOT NULL,
    waste_stream    TEXT NOT NULL,
    container_type  TEXT NOT NULL,
    fill_band       TEXT NOT NULL,
    removed         BOOLEAN NOT NULL DEFAULT FALSE
);
COMMENT ON TABLE read_model.statistics_bin_state IS 'Internal to the statistics projector: the counted values of each bin.';
COMMENT ON COLUMN read_model.statistics_bin_state.bin_id IS 'The bin.';
COMMENT ON COLUMN read_model.statistics_bin_state.organization_id IS 'Its organization.';
COMMENT ON COLUMN read_model.statistics_bin_state.status IS 'Counted status.';
COMMENT ON COLUMN read_model.statistics_bin_state.waste_stream IS 'Counted waste stream.';
COMMENT ON COLUMN read_model.statistics_bin_state.container_type IS 'Counted container type.';
COMMENT ON COLUMN read_model.statistics_bin_state.fill_band IS 'Counted fill band.';
COMMENT ON COLUMN read_model.statistics_bin_state.removed IS 'TRUE once removed: no longer counted.';

CREATE TABLE read_model.statistics_route_state (
    route_id        TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    status          TEXT NOT NULL,
    type            TEXT NOT NULL,
    service_day     TEXT NOT NULL,
    stops           INTEGER NOT NULL DEFAULT 0,
    deleted         BOOLEAN NOT NULL DEFAULT FALSE
);
COMMENT ON TABLE read_model.statistics_route_state IS 'Internal to the statistics projector: the counted values of each route.';
COMMENT ON COLUMN read_model.statistics_route_state.route_id IS 'The route.';
COMMENT ON COLUMN read_model.statistics_route_state.organization_id IS 'Its organization.';
COMMENT ON COLUMN read_model.statistics_route_state.status IS 'Counted status.';
COMMENT ON COLUMN read_model.statistics_route_state.type IS 'Counted type.';
COMMENT ON COLUMN read_model.statistics_route_state.service_day IS 'Counted service day.';
COMMENT ON COLUMN read_model.statistics_route_state.stops IS 'Stops now on the route.';
COMMENT ON COLUMN read_model.statistics_route_state.deleted IS 'TRUE once deleted: no longer counted.';

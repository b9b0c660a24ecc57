-- Territories, an organization's named service areas, and the territory of every bin and route,
-- derived from geometry by TerritoryMembershipProjector. The analyst role reads the new table
-- through V1's default privileges. Their indexes on the big tables come in V15 and V16, built
-- CONCURRENTLY so a deploy on a live store does not block the projection's writes.

CREATE TABLE read_model.territories (
    territory_id    TEXT                          PRIMARY KEY,
    organization_id TEXT                          NOT NULL,
    name            TEXT                          NOT NULL,
    boundary        public.geometry(Polygon, 4326) NOT NULL,
    created_at      TIMESTAMPTZ                   NOT NULL,
    retired         BOOLEAN                       NOT NULL DEFAULT FALSE,
    version         BIGINT                        NOT NULL,
    updated_at      TIMESTAMPTZ                   NOT NULL
);
COMMENT ON TABLE read_model.territories IS 'One row per territory: a named service area of an organization, a polygon on the map. Retired territories are kept for history and hold no bins or routes.';
COMMENT ON COLUMN read_model.territories.territory_id IS 'Identifier of the territory.';
COMMENT ON COLUMN read_model.territories.organization_id IS 'Organization (tenant) whose service area it is.';
COMMENT ON COLUMN read_model.territories.name IS 'Name of the territory, unique (ignoring case) among the organization''s active territories.';
COMMENT ON COLUMN read_model.territories.boundary IS 'The area: one closed ring without holes, WGS 84, edges straight in longitude and latitude (planar, as in GeoJSON), so membership is ST_Covers(boundary, point) on geometry.';
COMMENT ON COLUMN read_model.territories.created_at IS 'When the territory was created; where active territories overlap, a point belongs to the earliest created (then lowest territory_id).';
COMMENT ON COLUMN read_model.territories.retired IS 'TRUE once the territory was retired.';
COMMENT ON COLUMN read_model.territories.version IS 'Row version: grows by one with every change to the row.';
COMMENT ON COLUMN read_model.territories.updated_at IS 'When the row last changed.';

-- Which active territories of an organization cover a point: organization_id = ? AND NOT retired
-- AND ST_Covers(boundary, point). Small table; btree_gist gives the text column its operator class.
CREATE INDEX territories_organization_boundary_idx ON read_model.territories
    USING GIST (organization_id, boundary) WHERE NOT retired;
COMMENT ON INDEX read_model.territories_organization_boundary_idx IS 'The active territories of one organization that cover a point: organization_id = ? AND NOT retired AND ST_Covers(boundary, ?).';

-- Nullable without a default: PostgreSQL adds such a column without rewriting the table.
ALTER TABLE read_model.bins ADD COLUMN territory_id TEXT;
COMMENT ON COLUMN read_model.bins.territory_id IS 'The active territory of the bin''s organization whose boundary covers the bin''s location (the earliest created where several do); NULL for a bin in none and for a removed bin. Kept current when the bin moves and when territories are created, reshaped or retired.';

ALTER TABLE read_model.routes ADD COLUMN territory_id TEXT;
COMMENT ON COLUMN read_model.routes.territory_id IS 'The active territory of the route''s organization whose boundary covers the route''s first point, where its trucks start (the earliest created where several do); NULL for a route starting in none and for a deleted route. Not to be confused with territory, the free-text label given when the route was created.';

-- What the territory counters of bin_statistics and route_statistics have counted each bin and
-- route under, kept by TerritoryStatisticsProjector alone: the difference to the derived
-- territory_id of bins and routes is what a batch moves between counters.
CREATE TABLE read_model.statistics_territory_state (
    member_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    territory       TEXT NOT NULL,
    PRIMARY KEY (member_id, kind)
);
COMMENT ON TABLE read_model.statistics_territory_state IS 'The territory each bin not removed and each route not deleted is counted under in the territory counters of bin_statistics and route_statistics; no row for one not counted.';
COMMENT ON COLUMN read_model.statistics_territory_state.member_id IS 'The bin''s or route''s id.';
COMMENT ON COLUMN read_model.statistics_territory_state.kind IS 'bin or route.';
COMMENT ON COLUMN read_model.statistics_territory_state.organization_id IS 'Organization that owns the bin or route: the scope of its counter.';
COMMENT ON COLUMN read_model.statistics_territory_state.territory IS 'The territory_id counted, or NONE for a bin or route in no territory.';
CREATE INDEX statistics_territory_state_territory_idx ON read_model.statistics_territory_state (territory);
COMMENT ON INDEX read_model.statistics_territory_state_territory_idx IS 'Who is counted under a territory that a batch reshaped or retired: territory = ANY(?).';

COMMENT ON COLUMN read_model.bin_statistics.dimension IS 'status, waste_stream, container_type, fill_band, or territory (organization scopes only).';
COMMENT ON COLUMN read_model.bin_statistics.value IS 'The value counted; fill bands are UNKNOWN, 0-24, 25-49, 50-74 and 75-100 percent; territories are a territory_id or NONE.';
COMMENT ON COLUMN read_model.route_statistics.dimension IS 'status, type, service_day, or territory (organization scopes only).';
COMMENT ON COLUMN read_model.route_statistics.value IS 'The status, type or day of week counted, or a territory_id or NONE.';

-- Routes and their ordered stops. The stops have their own table, rather than only bins.route_id,
-- because an assignment is a route event and may be projected before its bin's BinPlaced (another
-- partition): the stop is kept here either way, and the bin's row takes its route from it when placed.
-- The analyst role reads these tables through V1's default privileges.

CREATE TABLE read_model.routes (
    route_id        TEXT                               PRIMARY KEY,
    organization_id TEXT                               NOT NULL,
    name            TEXT                               NOT NULL,
    type            TEXT                               NOT NULL,
    status          TEXT                               NOT NULL,
    service_day     TEXT                               NOT NULL,
    territory       TEXT                               NOT NULL,
    geometry        public.geography(LineString, 4326) NOT NULL,
    stop_count      INTEGER                            NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ                        NOT NULL,
    deleted         BOOLEAN                            NOT NULL DEFAULT FALSE,
    version         BIGINT                             NOT NULL,
    updated_at      TIMESTAMPTZ                        NOT NULL
);
COMMENT ON TABLE read_model.routes IS 'One row per route: a path through a territory, driven on a service day, with ordered stops (read_model.route_stops).';
COMMENT ON COLUMN read_model.routes.route_id IS 'Identifier of the route.';
COMMENT ON COLUMN read_model.routes.organization_id IS 'Organization (tenant) that owns the route.';
COMMENT ON COLUMN read_model.routes.name IS 'Name of the route.';
COMMENT ON COLUMN read_model.routes.type IS 'RESIDENTIAL, COMMERCIAL, ROLL_OFF or RECYCLING.';
COMMENT ON COLUMN read_model.routes.status IS 'PLANNED, ACTIVE, IN_PROGRESS, COMPLETED or SUSPENDED; PLANNED when created.';
COMMENT ON COLUMN read_model.routes.service_day IS 'Day of the week the route is driven: MONDAY to SUNDAY.';
COMMENT ON COLUMN read_model.routes.territory IS 'The territory (service area) the route runs through, as the hauler names it.';
COMMENT ON COLUMN read_model.routes.geometry IS 'The path driven, in driving order, WGS 84.';
COMMENT ON COLUMN read_model.routes.stop_count IS 'Stops now on the route: the number of its rows in read_model.route_stops; 0 once deleted.';
COMMENT ON COLUMN read_model.routes.created_at IS 'When the route was created.';
COMMENT ON COLUMN read_model.routes.deleted IS 'TRUE once the route was deleted; deleted routes are kept for history, without their stops.';
COMMENT ON COLUMN read_model.routes.version IS 'Row version: grows by one with every change to the route, its path, status or stops.';
COMMENT ON COLUMN read_model.routes.updated_at IS 'When the row last changed.';

-- The unique stop order is checked at the end of each statement (DEFERRABLE), not row by row:
-- inserting or removing a stop shifts every later stop_index by one in a single UPDATE, which
-- would collide with its neighbour halfway through under a row-by-row check.
CREATE TABLE read_model.route_stops (
    route_id        TEXT        NOT NULL,
    bin_id          TEXT        NOT NULL,
    stop_index      INTEGER     NOT NULL,
    organization_id TEXT        NOT NULL,
    assigned_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (route_id, bin_id),
    CONSTRAINT route_stops_order_key UNIQUE (route_id, stop_index) DEFERRABLE INITIALLY IMMEDIATE
);
COMMENT ON TABLE read_model.route_stops IS 'The stops of each route that is not deleted: one row per bin assigned to the route, in driving order.';
COMMENT ON COLUMN read_model.route_stops.route_id IS 'The route.';
COMMENT ON COLUMN read_model.route_stops.bin_id IS 'The bin served at this stop (read_model.bins.bin_id); its bin row may arrive later than the stop.';
COMMENT ON COLUMN read_model.route_stops.stop_index IS 'Place of the stop in the driving order, from 0, without gaps.';
COMMENT ON COLUMN read_model.route_stops.organization_id IS 'Organization (tenant) that owns the route and the bin.';
COMMENT ON COLUMN read_model.route_stops.assigned_at IS 'When the bin was assigned to the route.';
COMMENT ON CONSTRAINT route_stops_order_key ON read_model.route_stops IS 'One stop per place in the order; checked at the end of each statement, so a stop can be inserted or removed by shifting the later ones in one UPDATE.';

-- Which routes a bin is a stop of: a bin placed after its assignment looks its route up here.
CREATE INDEX route_stops_bin_idx ON read_model.route_stops (bin_id);
COMMENT ON INDEX read_model.route_stops_bin_idx IS 'The stops of one bin: bin_id = ?.';

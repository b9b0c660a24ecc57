-- "Routes crossing a bounding box" is a box in longitude and latitude, as a map's viewport is: a
-- geography box would have great-circle edges instead. So the box test runs on the path as
-- geometry, and needs its own index on that expression; partial and led by organization_id like
-- V10's. CONCURRENTLY, outside a transaction (see the .conf), so it does not block writes.
CREATE INDEX CONCURRENTLY IF NOT EXISTS routes_organization_active_box_idx ON read_model.routes
    USING GIST (organization_id, (geometry::public.geometry)) WHERE status = 'ACTIVE' AND NOT deleted;
COMMENT ON INDEX read_model.routes_organization_active_box_idx IS 'Routes of one organization crossing a longitude/latitude box: organization_id = ? AND status = ''ACTIVE'' AND NOT deleted AND geometry::geometry && box AND ST_Intersects(geometry::geometry, box).';

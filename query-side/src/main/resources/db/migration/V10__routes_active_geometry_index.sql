-- Routes on the map: "routes within a radius of a point" and "routes crossing a box" always name one
-- organization and read active routes only, like the bins' radius queries (V5), so the index is
-- partial on the same kind of predicate and leads with organization_id (btree_gist). Built
-- CONCURRENTLY (this script runs outside a transaction, see its .conf) so that a deploy on a live
-- store does not block the projection's writes to read_model.routes while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS routes_organization_active_geometry_idx ON read_model.routes
    USING GIST (organization_id, geometry) WHERE status = 'ACTIVE' AND NOT deleted;
COMMENT ON INDEX read_model.routes_organization_active_geometry_idx IS 'Routes of one organization within a radius of a point: organization_id = ? AND status = ''ACTIVE'' AND NOT deleted AND ST_DWithin(geometry, point, metres). Queries must repeat the predicate for the planner to use this partial index.';

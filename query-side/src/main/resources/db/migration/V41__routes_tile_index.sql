-- Vector tiles look routes up by organization and a longitude/latitude rectangle, every status but
-- deleted; like the bins' tile index, on the geometry cast. Built CONCURRENTLY (see the .conf).
CREATE INDEX CONCURRENTLY IF NOT EXISTS routes_organization_tile_idx ON read_model.routes
    USING GIST (organization_id, (geometry::geometry)) WHERE NOT deleted;
COMMENT ON INDEX read_model.routes_organization_tile_idx IS 'Routes of one organization crossing a map tile: organization_id = ? AND NOT deleted AND geometry::geometry && envelope. Queries must repeat NOT deleted and the cast.';

-- Vector tiles look bins up by organization and a longitude/latitude rectangle (a tile's envelope in
-- WGS 84), every status but removed. The geography indexes answer distances on the spheroid; a
-- tile's rectangle is planar in longitude/latitude, so it gets an index on the geometry cast.
-- Built CONCURRENTLY (see the .conf beside this file) so a deploy does not block the projection.
CREATE INDEX CONCURRENTLY IF NOT EXISTS bins_organization_tile_idx ON read_model.bins
    USING GIST (organization_id, (location::geometry)) WHERE NOT deleted;
COMMENT ON INDEX read_model.bins_organization_tile_idx IS 'Bins of one organization in a map tile: organization_id = ? AND NOT deleted AND location::geometry && envelope. Queries must repeat NOT deleted and the cast for the planner to use it.';

-- The seed's idx_routes_spatial_territory_composite, led by the organization every query names:
-- routes of a territory (organization_id = ? AND territory_id = ?) and the routes of an
-- organization whose territory a reshape may change. Built CONCURRENTLY (see the .conf beside this
-- file) so that a deploy on a live store does not block the projection's writes to routes.
CREATE INDEX CONCURRENTLY IF NOT EXISTS routes_organization_territory_geometry_idx ON read_model.routes
    USING GIST (organization_id, territory_id, geometry) WHERE NOT deleted;
COMMENT ON INDEX read_model.routes_organization_territory_geometry_idx IS 'Routes of one organization and territory, with or without a spatial condition: organization_id = ? AND territory_id = ? AND NOT deleted. Queries must repeat NOT deleted for the planner to use this partial index.';

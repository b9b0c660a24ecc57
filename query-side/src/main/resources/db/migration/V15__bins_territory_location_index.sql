-- The seed's composite (territory, geometry) index for bins, led by the organization every query
-- names: territory filters on the bin lists (organization_id = ? AND territory_id = ?, with
-- ST_DWithin or ORDER BY location <-> point) and the membership's own lookups (the bins a territory
-- holds; the bins of an organization under a reshaped boundary, any status). btree_gist gives the
-- text columns their operator class. Built CONCURRENTLY (see the .conf beside this file) so that a
-- deploy on a live store does not block the projection's writes to bins.
CREATE INDEX CONCURRENTLY IF NOT EXISTS bins_organization_territory_location_idx ON read_model.bins
    USING GIST (organization_id, territory_id, location) WHERE NOT deleted;
COMMENT ON INDEX read_model.bins_organization_territory_location_idx IS 'Bins of one organization and territory near a point, and a territory''s members: organization_id = ? AND territory_id = ? AND NOT deleted, with ST_DWithin or ORDER BY location <-> point; also organization_id = ? AND location && box for the bins under a new boundary. Queries must repeat NOT deleted for the planner to use this partial index.';

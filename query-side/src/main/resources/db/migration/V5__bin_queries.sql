-- The dispatchers' "bins within a radius" and "nearest bins" always name one organization. With only
-- bins_active_location_idx, the scan walks outward through every organization's bins and drops the
-- others' one by one. Measured on 200,000 bins of 50 organizations (PostgreSQL 15, PostGIS 3.3, 2 cores,
-- jit off, generic plans as JDBC runs them): 3-4 ms for an organization with bins around the point,
-- 600-715 ms for one whose bins are all elsewhere. With organization_id as the index's first column the
-- scan stays inside the organization: 0.1-0.6 ms in both cases, for the nearest 10 and for a 2 km radius,
-- and the KNN ordering (location <-> point) is still served by the index. btree_gist provides the GIST
-- operator class for the text column; infra/servers.sh and infra/docker/init-databases.sh create it as
-- superuser, like postgis. bins_active_location_idx stays for queries over all organizations.
CREATE INDEX bins_organization_active_location_idx ON read_model.bins
    USING GIST (organization_id, location) WHERE status = 'ACTIVE' AND NOT deleted;
COMMENT ON INDEX read_model.bins_organization_active_location_idx IS 'Radius and nearest-bin queries of one organization: organization_id = ? AND status = ''ACTIVE'' AND NOT deleted, with ST_DWithin or ORDER BY location <-> point. Keeps the scan inside the organization (btree_gist on the first column). Queries must repeat the predicate for the planner to use this partial index.';

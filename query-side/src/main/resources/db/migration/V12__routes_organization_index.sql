-- The routes list of one organization, keyset-paged in route_id order with optional filters: the
-- filters are few values each (status, type, day), so the scan walks the organization's routes in
-- order and drops the others. CONCURRENTLY, outside a transaction (see the .conf).
CREATE INDEX CONCURRENTLY IF NOT EXISTS routes_organization_idx ON read_model.routes (organization_id, route_id);
COMMENT ON INDEX read_model.routes_organization_idx IS 'An organization''s routes in id order: organization_id = ? AND route_id > ? ORDER BY route_id.';

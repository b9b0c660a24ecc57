-- The board's search box finds bins by the start of their tag within an organization:
-- organization_id = ? AND NOT deleted AND tag LIKE 'prefix%'. text_pattern_ops lets LIKE with a fixed
-- prefix use the b-tree whatever the database's collation. Built CONCURRENTLY (see the .conf).
CREATE INDEX CONCURRENTLY IF NOT EXISTS bins_organization_tag_idx ON read_model.bins
    (organization_id, tag text_pattern_ops) WHERE NOT deleted;
COMMENT ON INDEX read_model.bins_organization_tag_idx IS 'Bins of one organization by the start of their tag: organization_id = ? AND NOT deleted AND tag LIKE ''prefix%''. Queries must repeat NOT deleted.';

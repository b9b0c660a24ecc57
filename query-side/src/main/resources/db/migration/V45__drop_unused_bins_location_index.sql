-- bins_active_location_idx (GIST on location, active bins of every organization) serves no query:
-- every read of bins by place names its organization and uses bins_organization_active_location_idx,
-- and the full-city benchmark of 2026-12-04 (every query family, both ways) left it at 0 scans
-- (pg_stat_user_indexes) while it took 124 MB. Each bin the projection writes outside a HOT update
-- (a placement, a move, a status change, a route assignment) paid a GIST insertion into it.
-- Dropped CONCURRENTLY (see the .conf beside this file) so a deploy does not block the projection.
DROP INDEX CONCURRENTLY IF EXISTS read_model.bins_active_location_idx;

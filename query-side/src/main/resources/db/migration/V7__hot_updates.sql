-- The projectors rewrite the same rows batch after batch (a bin's fill level and services, a bin's
-- and an aggregate's projected position, the counters). Leaving room on each page lets PostgreSQL
-- keep an update on the row's page without touching its indexes (a HOT update), as long as no
-- indexed column changes, which is the common case: fill levels, services, counts and versions
-- are not indexed. Applies to pages written from now on; a store loaded before gains it as its
-- pages are rewritten (VACUUM FULL or a rebuild).
ALTER TABLE read_model.bins SET (fillfactor = 85);
ALTER TABLE read_model.aggregate_positions SET (fillfactor = 80);
ALTER TABLE read_model.statistics_bin_state SET (fillfactor = 80);
ALTER TABLE read_model.statistics_route_state SET (fillfactor = 70);
ALTER TABLE read_model.routes SET (fillfactor = 70);
ALTER TABLE read_model.daily_route_performance SET (fillfactor = 70);
ALTER TABLE read_model.bin_statistics SET (fillfactor = 50);
ALTER TABLE read_model.route_statistics SET (fillfactor = 50);
ALTER TABLE read_model.bin_service_daily SET (fillfactor = 50);
ALTER TABLE read_model.statistics_versions SET (fillfactor = 50);
ALTER TABLE read_model.projection_offsets SET (fillfactor = 50);

COMMENT ON COLUMN read_model.daily_route_performance.scheduled_stops IS 'Stops on the route when the first batch with a service of the route that day was projected.';

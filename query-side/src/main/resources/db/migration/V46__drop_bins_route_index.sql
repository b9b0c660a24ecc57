-- bins_route_idx (route_id of bins on a route) kept every route assignment out of a HOT update: a
-- bin given its route, or moved to another, changed an indexed column, so PostgreSQL wrote a new
-- row version into all of bins' indexes, three of them GIST. Assigning 1,500 bins of the medium
-- city took 178 ms with the index and 57 ms without it, 97 % of them HOT updates
-- (infra/benchmark/results/2026-12-05-epyc-route-hot). Its one reader is the projection finding the
-- bins of a deleted route, a rare event: that batch now reads bins whole instead. Dropped
-- CONCURRENTLY (see the .conf beside this file) so a deploy does not block the projection.
DROP INDEX CONCURRENTLY IF EXISTS read_model.bins_route_idx;

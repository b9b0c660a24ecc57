-- Keys and indexes of the seed's schema, added after the data is loaded (as one restores a dump,
-- far faster than checking row by row), then ANALYZE. B-tree indexes on every foreign key; the
-- spatial indexes are what the seed has today: GIST on the geography alone, no status or
-- deleted_at predicate.
ALTER TABLE seed_baseline.organizations ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.customers ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.bins ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.routes ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.route_stops ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.service_events ADD PRIMARY KEY (id);
ALTER TABLE seed_baseline.customers ADD FOREIGN KEY (organization_id) REFERENCES seed_baseline.organizations (id);
ALTER TABLE seed_baseline.bins ADD FOREIGN KEY (customer_id) REFERENCES seed_baseline.customers (id);
ALTER TABLE seed_baseline.bins ADD FOREIGN KEY (organization_id) REFERENCES seed_baseline.organizations (id);
ALTER TABLE seed_baseline.routes ADD FOREIGN KEY (organization_id) REFERENCES seed_baseline.organizations (id);
ALTER TABLE seed_baseline.route_stops ADD FOREIGN KEY (route_id) REFERENCES seed_baseline.routes (id);
ALTER TABLE seed_baseline.route_stops ADD FOREIGN KEY (bin_id) REFERENCES seed_baseline.bins (id);
ALTER TABLE seed_baseline.service_events ADD FOREIGN KEY (bin_id) REFERENCES seed_baseline.bins (id);
ALTER TABLE seed_baseline.service_events ADD FOREIGN KEY (route_id) REFERENCES seed_baseline.routes (id);
CREATE INDEX customers_organization_id_idx ON seed_baseline.customers (organization_id);
CREATE INDEX bins_customer_id_idx ON seed_baseline.bins (customer_id);
CREATE INDEX bins_organization_id_idx ON seed_baseline.bins (organization_id);
CREATE INDEX routes_organization_id_idx ON seed_baseline.routes (organization_id);
CREATE INDEX route_stops_route_id_idx ON seed_baseline.route_stops (route_id);
CREATE INDEX route_stops_bin_id_idx ON seed_baseline.route_stops (bin_id);
CREATE INDEX service_events_bin_id_idx ON seed_baseline.service_events (bin_id);
CREATE INDEX service_events_route_id_idx ON seed_baseline.service_events (route_id);
CREATE INDEX service_events_serviced_at_idx ON seed_baseline.service_events (serviced_at);
CREATE INDEX customers_location_idx ON seed_baseline.customers USING GIST (location);
CREATE INDEX bins_location_idx ON seed_baseline.bins USING GIST (location);
CREATE INDEX routes_route_geometry_idx ON seed_baseline.routes USING GIST (route_geometry);
ANALYZE seed_baseline.organizations;
ANALYZE seed_baseline.customers;
ANALYZE seed_baseline.bins;
ANALYZE seed_baseline.routes;
ANALYZE seed_baseline.route_stops;
ANALYZE seed_baseline.service_events;

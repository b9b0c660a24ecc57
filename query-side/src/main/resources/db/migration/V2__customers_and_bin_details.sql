CREATE TABLE read_model.customers (
    customer_id     TEXT                          PRIMARY KEY,
    organization_id TEXT                          NOT NULL,
    name            TEXT                          NOT NULL,
    service_address TEXT                          NOT NULL,
    location        public.geography(Point, 4326) NOT NULL,
    closed          BOOLEAN                       NOT NULL DEFAULT FALSE,
    version         BIGINT                        NOT NULL
);
COMMENT ON TABLE read_model.customers IS 'One row per customer: a place an organization serves.';
COMMENT ON COLUMN read_model.customers.customer_id IS 'Identifier of the customer.';
COMMENT ON COLUMN read_model.customers.organization_id IS 'Organization (tenant) the customer belongs to.';
COMMENT ON COLUMN read_model.customers.name IS 'Current name of the customer.';
COMMENT ON COLUMN read_model.customers.service_address IS 'Address where the customer is served.';
COMMENT ON COLUMN read_model.customers.location IS 'Where the service address is, WGS 84.';
COMMENT ON COLUMN read_model.customers.closed IS 'TRUE once the customer was closed.';
COMMENT ON COLUMN read_model.customers.version IS 'Row version: grows by one with every change to the row.';
CREATE INDEX customers_organization_idx ON read_model.customers (organization_id, customer_id);

ALTER TABLE read_model.bins
    ADD COLUMN customer_id      TEXT,
    ADD COLUMN customer_name    TEXT,
    ADD COLUMN service_address  TEXT,
    ADD COLUMN fill_percent     INTEGER,
    ADD COLUMN fill_reported_at TIMESTAMPTZ,
    ADD COLUMN last_serviced_at TIMESTAMPTZ,
    ADD COLUMN service_count    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN route_id         TEXT;
COMMENT ON COLUMN read_model.bins.customer_id IS 'Customer the bin serves; NULL for bins placed before customers existed.';
COMMENT ON COLUMN read_model.bins.customer_name IS 'Current name of the customer; NULL until its registration is projected.';
COMMENT ON COLUMN read_model.bins.service_address IS 'Current service address of the customer.';
COMMENT ON COLUMN read_model.bins.fill_percent IS 'Last reported fill level, 0 to 100; NULL if never reported.';
COMMENT ON COLUMN read_model.bins.fill_reported_at IS 'When the last fill level was reported.';
COMMENT ON COLUMN read_model.bins.last_serviced_at IS 'When the bin was last emptied.';
COMMENT ON COLUMN read_model.bins.service_count IS 'How many times the bin was emptied.';
COMMENT ON COLUMN read_model.bins.route_id IS 'Route the bin is a stop of; NULL if none.';
CREATE INDEX bins_customer_idx ON read_model.bins (customer_id);
CREATE INDEX bins_route_idx ON read_model.bins (route_id) WHERE route_id IS NOT NULL;

ALTER TABLE read_model.organizations ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
COMMENT ON COLUMN read_model.organizations.active IS 'FALSE once the organization was deactivated.';

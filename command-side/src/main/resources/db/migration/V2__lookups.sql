-- Command-side lookups for set-based rules, written by a subscribing processor in the same
-- transaction as the events they follow, so a rule checked against them is never stale.
CREATE TABLE lookup_organizations (
    organization_id VARCHAR(255) PRIMARY KEY,
    active          BOOLEAN      NOT NULL
);

CREATE TABLE lookup_customers (
    customer_id     VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255) NOT NULL,
    closed          BOOLEAN      NOT NULL
);

CREATE TABLE lookup_bins (
    bin_id          VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255) NOT NULL,
    tag             VARCHAR(64)  NOT NULL,
    removed         BOOLEAN      NOT NULL
);
-- The last line of defence for tag uniqueness: two concurrent placements with one tag cannot
-- both commit, even on two command-side instances.
CREATE UNIQUE INDEX lookup_bins_tag_unique ON lookup_bins (organization_id, tag) WHERE NOT removed;

CREATE TABLE command_idempotency (
    idempotency_key VARCHAR(255) PRIMARY KEY,
    fingerprint     VARCHAR(64)  NOT NULL,
    status          INTEGER,
    location        TEXT,
    token           TEXT,
    content_type    TEXT,
    body            TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

COMMENT ON TABLE lookup_organizations IS 'Which organizations exist and are active, for rules of other aggregates.';
COMMENT ON TABLE lookup_customers IS 'Which customers exist, their organization and whether closed.';
COMMENT ON TABLE lookup_bins IS 'Which bins exist, their organization and tag; keeps tags unique per organization.';
COMMENT ON TABLE command_idempotency IS 'First answer to each Idempotency-Key, replayed to retries of the same request.';

-- Event stores written before this migration: the lookups start from what is already stored.
INSERT INTO lookup_organizations (organization_id, active)
SELECT aggregate_identifier, true FROM domain_event_entry
WHERE payload_type = 'io.haulstream.events.OrganizationRegistered';

INSERT INTO lookup_bins (bin_id, organization_id, tag, removed)
SELECT aggregate_identifier,
       convert_from(payload, 'UTF8')::jsonb ->> 'organizationId',
       convert_from(payload, 'UTF8')::jsonb ->> 'tag',
       false
FROM domain_event_entry
WHERE payload_type = 'io.haulstream.events.BinPlaced'
ON CONFLICT DO NOTHING;

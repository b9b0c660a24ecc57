-- Territories for the rule that an organization's active territories have different names, kept
-- like the other lookups in the transaction of the events. The unique index is the last line of
-- defence: two concurrent creations with one name cannot both commit, even on two instances.
CREATE TABLE lookup_territories (
    territory_id    VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    retired         BOOLEAN      NOT NULL
);
CREATE UNIQUE INDEX lookup_territories_name_unique ON lookup_territories (organization_id, lower(name)) WHERE NOT retired;

COMMENT ON TABLE lookup_territories IS 'Which territories exist, their organization and name, and whether retired; keeps names unique (ignoring case) among an organization''s active territories.';

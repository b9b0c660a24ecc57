package io.haulstream.command.lookup;

import io.haulstream.command.bin.Organizations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers from the event store itself, which is always current for the command side; the
 * aggregate type is part of the question so that a bin's id never passes for an organization's.
 */
@Component
class EventStoreOrganizations implements Organizations {

    private final JdbcTemplate jdbc;

    EventStoreOrganizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isRegistered(String organizationId) {
        if (organizationId == null) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from domain_event_entry"
                        + " where aggregate_identifier = ? and sequence_number = 0 and type = 'Organization')",
                Boolean.class,
                organizationId));
    }
}

package io.haulstream.command.api;

import io.haulstream.events.ConsistencyToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Names the newest stored event of an aggregate, for the reply to a command that applied no event
 * of its own (a repeated fleet record): the client may still read its earlier write with it. If a
 * concurrent command on the same aggregate committed after, the token names that later event,
 * which is still correct: the query side projects an aggregate's events in order.
 */
@Component
class ConsistencyTokens {

    private final JdbcTemplate jdbc;

    ConsistencyTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String after(String aggregateId) {
        return jdbc.queryForObject(
                "select sequence_number from domain_event_entry"
                        + " where aggregate_identifier = ? order by sequence_number desc limit 1",
                (rs, row) -> new ConsistencyToken(aggregateId, rs.getLong(1)).encode(),
                aggregateId);
    }
}

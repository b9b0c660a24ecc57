package io.haulstream.command.api;

import io.haulstream.events.ConsistencyToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Names the newest stored event of an aggregate once its command has committed. If a concurrent
 * command on the same aggregate committed after ours, the token names that later event, which is
 * still correct: the query side projects an aggregate's events in order.
 */
@Component
class ConsistencyTokens {

    private final JdbcTemplate jdbc;

    ConsistencyTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String after(String aggregateId) {
        return jdbc.queryForObject(
                "select sequence_number, global_index from domain_event_entry"
                        + " where aggregate_identifier = ? order by sequence_number desc limit 1",
                (rs, row) -> new ConsistencyToken(aggregateId, rs.getLong(1), rs.getLong(2)).encode(),
                aggregateId);
    }
}

package io.haulstream.query.consistency;

import io.haulstream.events.ConsistencyToken;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds a query until the event its token names is projected. It polls PostgreSQL rather than
 * waiting for an in-process signal, because the instance answering may not be the one that owns
 * the aggregate's partition.
 */
@Component
public class ConsistencyGate {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final JdbcTemplate jdbc;
    private final Duration maxWait;

    ConsistencyGate(JdbcTemplate jdbc, ConsistencyProperties properties) {
        this.jdbc = jdbc;
        this.maxWait = properties.consistencyWait();
    }

    /** @throws NotYetConsistent when the wait runs out */
    public void awaitProjected(ConsistencyToken token) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!isProjected(token)) {
            if (System.nanoTime() >= deadline) {
                throw new NotYetConsistent(token, maxWait);
            }
            sleep(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    private boolean isProjected(ConsistencyToken token) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from read_model.aggregate_positions"
                        + " where aggregate_id = ? and sequence_number >= ?)",
                Boolean.class,
                token.aggregateId(),
                token.sequence()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the projection", e);
        }
    }
}

package io.haulstream.query.consistency;

import io.haulstream.events.ConsistencyToken;
import io.haulstream.query.projection.BatchCommitted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds a query until the event its token names is projected. The truth is PostgreSQL, because the
 * instance answering may not be the one that owns the aggregate's partition; a batch committed on
 * this instance wakes the waiting queries at once to look again, and a short poll covers batches
 * committed by other instances.
 */
@Component
public class ConsistencyGate implements BatchCommitted {

    /** The longest a waiting query goes without looking, for batches other instances committed. */
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(10).toNanos();

    private final JdbcTemplate jdbc;
    private final Duration maxWait;
    private final Timer waited;
    private final Object commits = new Object();
    private long committedBatches;

    ConsistencyGate(JdbcTemplate jdbc, ConsistencyProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.maxWait = properties.consistencyWait();
        this.waited = Timer.builder("haulstream.consistency.wait")
                .description("How long queries with a consistency token waited for their event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    /** @throws NotYetConsistent when the wait runs out */
    public void awaitProjected(ConsistencyToken token) {
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        try {
            while (true) {
                long seen = committedBatches();
                if (isProjected(token)) {
                    return;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new NotYetConsistent(token, maxWait);
                }
                awaitCommitAfter(seen, Math.min(LONGEST_PAUSE_NANOS, deadline - now));
            }
        } finally {
            waited.record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void batchCommitted() {
        synchronized (commits) {
            committedBatches++;
            commits.notifyAll();
        }
    }

    private long committedBatches() {
        synchronized (commits) {
            return committedBatches;
        }
    }

    /** Returns when a batch committed here after the one counted as {@code seen}, or the pause ran out. */
    private void awaitCommitAfter(long seen, long pauseNanos) {
        long until = System.nanoTime() + pauseNanos;
        synchronized (commits) {
            while (committedBatches == seen) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    commits.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the projection", e);
                }
            }
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
}

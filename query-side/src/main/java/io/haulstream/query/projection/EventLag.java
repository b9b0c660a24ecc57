package io.haulstream.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The lag of each event on its way through the query side, one histogram per hop, so that an
 * operator (and the benchmark) can tell where the milliseconds between a write and its visibility
 * go. The command side records the hops before Kafka under the same name.
 */
@Component
class EventLag {

    static final String NAME = "haulstream.event.lag";

    private final Timer relayedToConsumed;
    private final Timer consumedToCommitted;
    private final Timer committedToCached;
    private final Timer storedToCommitted;

    EventLag(MeterRegistry meters) {
        relayedToConsumed = timer(meters, "relayed-to-consumed");
        consumedToCommitted = timer(meters, "consumed-to-committed");
        committedToCached = timer(meters, "committed-to-cached");
        storedToCommitted = timer(meters, "stored-to-committed");
    }

    /** Histograms rather than averages: the p99 is what a dispatcher waits for. */
    static Timer timer(MeterRegistry meters, String hop) {
        return Timer.builder(NAME)
                .description("How long events took from one stage of the write path to the next")
                .tag("hop", hop)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    void consumed(List<ProjectedEvent> events, Instant consumedAt) {
        for (ProjectedEvent event : events) {
            if (event.relayedAt() != null) {
                record(relayedToConsumed, event.relayedAt(), consumedAt);
            }
        }
    }

    void committed(List<ProjectedEvent> events, Instant consumedAt, Instant committedAt) {
        for (ProjectedEvent event : events) {
            record(consumedToCommitted, consumedAt, committedAt);
            record(storedToCommitted, event.occurredAt(), committedAt);
        }
    }

    void cached(int events, Instant committedAt, Instant cachedAt) {
        Duration lag = nonNegative(committedAt, cachedAt);
        for (int i = 0; i < events; i++) {
            committedToCached.record(lag);
        }
    }

    private static void record(Timer timer, Instant from, Instant to) {
        timer.record(nonNegative(from, to));
    }

    /** Two processes' clocks on one machine may disagree by a hair; a negative lag is none. */
    private static Duration nonNegative(Instant from, Instant to) {
        Duration lag = Duration.between(from, to);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}

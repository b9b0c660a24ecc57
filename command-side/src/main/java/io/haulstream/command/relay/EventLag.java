package io.haulstream.command.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The timers of the hops an event's way takes through the command side ({@value #METRIC}, tag
 * {@code hop}); the query side times the later hops under the same name, so one histogram family
 * takes the lag from a write to a visible read apart.
 */
public final class EventLag {

    public static final String METRIC = "haulstream.event.lag";

    /** From the moment a fleet system sent a record (its Kafka timestamp) until the command side stored its events. */
    public static final String HOP_SENT_TO_STORED = "sent-to-stored";

    static final String HOP_STORED_TO_RELAYED = "stored-to-relayed";
    static final String HOP_RELAYED_TO_ACKNOWLEDGED = "relayed-to-acknowledged";

    private EventLag() {}

    /** A histogram, not an average: the lag that matters is the p99, and buckets can be summed across instances. */
    public static Timer timer(MeterRegistry meters, String hop) {
        return Timer.builder(METRIC)
                .description("Time an event spends on one hop of its way from the event store to a visible read")
                .tag("hop", hop)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }
}

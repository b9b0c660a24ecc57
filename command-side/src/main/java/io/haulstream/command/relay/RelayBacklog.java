package io.haulstream.command.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The events stored but not yet handed to Kafka, as the gauge {@code haulstream.relay.backlog.events}:
 * the event store's highest position less the relay's. Read in the background, so a scrape costs
 * no query; the query side's monitoring endpoint reads it from this application's Prometheus page.
 */
@Component
class RelayBacklog {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final AtomicLong backlog = new AtomicLong();

    RelayBacklog(JdbcTemplate jdbc, EventProcessingConfiguration processing, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processing = processing;
        Gauge.builder("haulstream.relay.backlog", backlog, AtomicLong::get)
                .baseUnit("events")
                .description("Events stored in the event store that the relay has not yet published")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${haulstream.relay.backlog-interval:2s}")
    void measure() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        long relayed = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class).stream()
                .flatMap(processor -> processor.processingStatus().values().stream())
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .orElse(-1);
        backlog.set(Math.max(0, (head == null ? -1 : head) - relayed));
    }
}

package io.haulstream.command.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class FleetInboundConfiguration {

    static final String REASON_HEADER = "haulstream.dlt.reason";

    /**
     * Where a record that cannot be used goes, at once, with the reason in a header of its own
     * besides Spring's exception headers (original topic, partition, offset). The send waits for
     * the broker's acknowledgement, so the record is on the dead-letter topic before its offset is
     * committed.
     */
    @Bean
    DeadLetterPublishingRecoverer fleetDeadLetters(
            KafkaTemplate<String, byte[]> kafka, FleetProperties properties, MeterRegistry meters) {
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, failure) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, failure) -> {
            meters.counter("haulstream.fleet.records", "outcome", "dead-lettered")
                    .increment();
            return new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))
            });
        });
        return recoverer;
    }

    /**
     * The listener sorts out each record itself (applied, repeated or dead-lettered); a batch that
     * still fails as a whole (the application stopping, a lane failing unexpectedly) is delivered
     * again with a growing pause and without end, never skipped: what it applied only repeats.
     */
    @Bean
    CommonErrorHandler fleetErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(backOff);
        handler.setClassifications(Map.of(), true);
        return handler;
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnusableFleetRecord unusable) {
                return unusable.getMessage();
            }
        }
        return failure.getMessage();
    }
}

package io.haulstream.command.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.common.AxonTransientException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.TransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class FleetInboundConfiguration {

    static final String REASON_HEADER = "haulstream.dlt.reason";

    /**
     * Failures of the servers behind the command side (database, broker) are retried with a
     * growing pause and without end: the record is fine and will pass once they are back. Every
     * other failure means the record cannot be used as it is: it goes to the dead-letter topic at
     * once, with the reason in a header of its own besides Spring's exception headers, and the
     * consumer moves on. Nothing is dropped either way.
     */
    @Bean
    CommonErrorHandler fleetErrorHandler(
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
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.defaultFalse();
        handler.addRetryableExceptions(
                DataAccessException.class,
                TransactionException.class,
                SQLException.class,
                AxonTransientException.class,
                RetriableException.class);
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

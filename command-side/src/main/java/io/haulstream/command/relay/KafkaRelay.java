package io.haulstream.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to Kafka, keyed by aggregate id so a partition keeps each
 * aggregate's events in order. Sends of one batch run concurrently, and the batch's unit of work
 * only commits (and with it the processor's token) once the broker acknowledged all of them: a
 * crash or a broker outage re-sends, it never skips. Consumers drop the resulting duplicates by
 * aggregate sequence.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";

    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final RelayProperties properties;

    KafkaRelay(KafkaTemplate<String, byte[]> kafka, ObjectMapper json, RelayProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    @EventHandler
    void on(HaulstreamEvent event, DomainEventMessage<?> message, TrackingToken token) throws JsonProcessingException {
        var record = new ProducerRecord<>(
                properties.topic(), message.getAggregateIdentifier(), json.writeValueAsBytes(event));
        Headers headers = record.headers();
        header(headers, Topics.HEADER_EVENT_ID, message.getIdentifier());
        header(headers, Topics.HEADER_EVENT_TYPE, HaulstreamEvent.typeName(event.getClass()));
        header(headers, Topics.HEADER_REVISION, HaulstreamEvent.revisionOf(event.getClass()));
        header(headers, Topics.HEADER_AGGREGATE_ID, message.getAggregateIdentifier());
        header(headers, Topics.HEADER_SEQUENCE, Long.toString(message.getSequenceNumber()));
        header(
                headers,
                Topics.HEADER_GLOBAL_POSITION,
                Long.toString(token.position().orElseThrow()));
        header(headers, Topics.HEADER_OCCURRED_AT, message.getTimestamp().toString());
        pendingSends().add(kafka.send(record));
    }

    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(uow -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailed("the broker did not acknowledge the batch", e);
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

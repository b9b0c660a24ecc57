package io.haulstream.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.command.access.ActorMetaData;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.axonframework.messaging.MetaData;
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
 *
 * <p>Each record names, where the event's metadata does, who caused it and the command it came
 * from (the actor and correlation headers of {@link Topics}), so readers can keep an audit trail.
 *
 * <p>Each record carries the moment it was handed to the producer, and the relay times its two
 * hops of an event's way ({@link EventLag}), so the lag from a command's
 * reply to a visible read can be taken apart hop by hop.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";

    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final RelayProperties properties;
    private final Timer storedToRelayed;
    private final Timer relayedToAcknowledged;

    KafkaRelay(
            KafkaTemplate<String, byte[]> kafka, ObjectMapper json, RelayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.storedToRelayed = EventLag.timer(meters, EventLag.HOP_STORED_TO_RELAYED);
        this.relayedToAcknowledged = EventLag.timer(meters, EventLag.HOP_RELAYED_TO_ACKNOWLEDGED);
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
        MetaData metaData = message.getMetaData();
        optionalHeader(headers, Topics.HEADER_ACTOR_SUBJECT, metaData.get(ActorMetaData.SUBJECT));
        optionalHeader(headers, Topics.HEADER_ACTOR_CLIENT, metaData.get(ActorMetaData.CLIENT));
        optionalHeader(headers, Topics.HEADER_ACTOR_ROLES, metaData.get(ActorMetaData.ROLES));
        optionalHeader(headers, Topics.HEADER_CORRELATION_ID, metaData.get(ActorMetaData.CORRELATION_ID));
        Instant relayedAt = Instant.now();
        header(headers, Topics.HEADER_RELAYED_AT, relayedAt.toString());
        storedToRelayed.record(Duration.between(message.getTimestamp(), relayedAt));
        pendingSends().add(new PendingSend(System.nanoTime(), kafka.send(record).thenApply(sent -> System.nanoTime())));
    }

    /**
     * @param acknowledgedNanos completes with the moment the broker's acknowledgement arrived; the
     *     producer's thread takes it, as the batch may only look at its sends when the last is in
     */
    private record PendingSend(long relayedNanos, CompletableFuture<Long> acknowledgedNanos) {}

    private List<PendingSend> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<PendingSend> sends = new ArrayList<>();
            batch.onPrepareCommit(uow -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<PendingSend> sends) {
        try {
            CompletableFuture.allOf(
                            sends.stream().map(PendingSend::acknowledgedNanos).toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailed("the broker did not acknowledge the batch", e);
        }
        for (PendingSend send : sends) {
            relayedToAcknowledged.record(send.acknowledgedNanos().join() - send.relayedNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Left out, not sent empty, for an event stored without it (before actors were recorded). */
    private static void optionalHeader(Headers headers, String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            header(headers, name, value.toString());
        }
    }

    static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

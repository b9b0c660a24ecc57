package io.haulstream.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.Topics;
import io.haulstream.events.upcasting.Upcasters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Turns a record of the events topic back into an event. An unknown type is for other readers
 * and is skipped; an older revision is upcast with the events module's upcasters (the same ones
 * the command side applies to its event store); a revision with no way to the current one stops
 * the projection, because skipping it would silently corrupt the read model.
 */
@Component
class EventDecoder {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final ObjectMapper json;

    EventDecoder(ObjectMapper json) {
        this.json = json;
    }

    Optional<ProjectedEvent> decode(ConsumerRecord<String, byte[]> record) {
        String typeName = header(record, Topics.HEADER_EVENT_TYPE);
        Optional<Class<? extends HaulstreamEvent>> type = HaulstreamEvent.typeNamed(typeName);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String revision = header(record, Topics.HEADER_REVISION);
        String relayedAt = header(record, Topics.HEADER_RELAYED_AT);
        String current = HaulstreamEvent.revisionOf(type.get());
        try {
            HaulstreamEvent event = Objects.equals(revision, current)
                    ? json.readValue(record.value(), type.get())
                    : json.convertValue(
                            Upcasters.upcast(typeName, revision, current, json.readValue(record.value(), JSON_OBJECT)),
                            type.get());
            return Optional.of(new ProjectedEvent(
                    event,
                    header(record, Topics.HEADER_AGGREGATE_ID),
                    Long.parseLong(header(record, Topics.HEADER_SEQUENCE)),
                    Long.parseLong(header(record, Topics.HEADER_GLOBAL_POSITION)),
                    Instant.parse(header(record, Topics.HEADER_OCCURRED_AT)),
                    relayedAt == null ? null : Instant.parse(relayedAt),
                    header(record, Topics.HEADER_EVENT_ID),
                    actor(record),
                    header(record, Topics.HEADER_CORRELATION_ID)));
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEvent(record, e.getMessage());
        }
    }

    /** The actor headers are optional: an event stored before actors were recorded has none. */
    private static ProjectedEvent.Actor actor(ConsumerRecord<?, ?> record) {
        String subject = header(record, Topics.HEADER_ACTOR_SUBJECT);
        String client = header(record, Topics.HEADER_ACTOR_CLIENT);
        String roles = header(record, Topics.HEADER_ACTOR_ROLES);
        return subject == null && client == null && roles == null
                ? null
                : new ProjectedEvent.Actor(subject, client, roles);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static class UndecodableEvent extends RuntimeException {
        UndecodableEvent(ConsumerRecord<?, ?> record, String reason) {
            super("cannot read " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason);
        }
    }
}

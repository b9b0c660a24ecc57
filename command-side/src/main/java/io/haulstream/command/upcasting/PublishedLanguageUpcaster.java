package io.haulstream.command.upcasting;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.upcasting.Upcasters;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Applies the events module's upcasters, which the query side applies to Kafka records too, to
 * events read from the event store: one definition of every shape change for both sides.
 */
@Component
class PublishedLanguageUpcaster extends SingleEventUpcaster {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final ObjectMapper json;

    PublishedLanguageUpcaster(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return currentRevision(representation)
                .filter(current ->
                        !Objects.equals(current, representation.getType().getRevision()))
                .isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String typeName = wireName(representation);
        String current = currentRevision(representation).orElseThrow();
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), current),
                JsonNode.class,
                payload -> json.valueToTree(Upcasters.upcast(
                        typeName,
                        representation.getType().getRevision(),
                        current,
                        json.convertValue(payload, JSON_OBJECT))));
    }

    private static Optional<String> currentRevision(IntermediateEventRepresentation representation) {
        return HaulstreamEvent.typeNamed(wireName(representation)).map(HaulstreamEvent::revisionOf);
    }

    private static String wireName(IntermediateEventRepresentation representation) {
        String className = representation.getType().getName();
        return className.substring(className.lastIndexOf('.') + 1);
    }
}

package io.haulstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freezes the wire form of every event. A failure here means a published shape changed: give the
 * event a new revision and an upcaster instead of editing the snapshot.
 */
class EventJsonSnapshotTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static Stream<HaulstreamEvent> samples() {
        return EventSamples.all().stream();
    }

    @Test
    void everyEventTypeHasASample() {
        var sampled = samples().map(Object::getClass).collect(Collectors.toSet());
        assertThat(HaulstreamEvent.allTypes())
                .allSatisfy(type -> assertThat(sampled).contains(type));
    }

    @Test
    void everyEventTypeHasARevision() {
        assertThat(HaulstreamEvent.allTypes()).allSatisfy(type -> assertThat(HaulstreamEvent.revisionOf(type))
                .as(type.getSimpleName())
                .isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serializesToItsFrozenJson(HaulstreamEvent event) throws IOException {
        JsonNode actual = JSON.valueToTree(event);
        assertThat(actual).isEqualTo(snapshotOf(event.getClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsItsFrozenJsonBackToTheSameEvent(HaulstreamEvent event) throws IOException {
        assertThat(JSON.treeToValue(snapshotOf(event.getClass()), event.getClass()))
                .isEqualTo(event);
    }

    @Test
    void findsEveryTypeByItsWireName() {
        assertThat(HaulstreamEvent.typeNamed("BinPlaced")).contains(BinPlaced.class);
        assertThat(HaulstreamEvent.typeNamed("NoSuchEvent")).isEmpty();
    }

    private static JsonNode snapshotOf(Class<?> type) throws IOException {
        String path = "/snapshots/" + type.getSimpleName() + ".v" + HaulstreamEvent.revisionOf(type) + ".json";
        try (InputStream in = EventJsonSnapshotTest.class.getResourceAsStream(path)) {
            assertThat(in).as("snapshot " + path).isNotNull();
            return JSON.readTree(in);
        }
    }
}

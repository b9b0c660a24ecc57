package io.haulstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import io.haulstream.events.upcasting.Upcasters;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps {@code events/asyncapi.yaml} level with the code: a new event or fleet record, a changed field, revision,
 * enum constant, topic or header name fails here until the document says so.
 */
class AsyncApiDocumentTest {

    private static final String EVENT_TYPES = "io.haulstream.events.AsyncApiDocumentTest#eventTypes";
    private static final String FLEET_SUBTYPES = "io.haulstream.events.AsyncApiDocumentTest#fleetSubtypes";

    /** The mapping of the snapshots and the applications: record component names as they are, ISO-8601 instants. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        document = new ObjectMapper(new YAMLFactory()).readTree(documentPath().toFile());
    }

    /** Every event record: the leaves of the sealed hierarchy under {@link HaulstreamEvent}. */
    static Stream<Named<Class<?>>> eventTypes() {
        return leaves(HaulstreamEvent.class).map(type -> Named.of(type.getSimpleName(), type));
    }

    static Stream<Named<JsonSubTypes.Type>> fleetSubtypes() {
        return Arrays.stream(FleetRecord.class.getAnnotation(JsonSubTypes.class).value())
                .map(subtype -> Named.of(subtype.name(), subtype));
    }

    @Nested
    class Channels {

        @Test
        void publishesEventsOnTheEventsTopic() {
            assertThat(operation("sendEvents").path("action").asText()).isEqualTo("send");
            assertThat(channelOf("sendEvents").path("address").asText()).isEqualTo(Topics.EVENTS);
        }

        @Test
        void receivesFleetRecordsFromTheFleetInboundTopic() {
            assertThat(operation("receiveFleetRecords").path("action").asText()).isEqualTo("receive");
            assertThat(channelOf("receiveFleetRecords").path("address").asText())
                    .isEqualTo(Topics.FLEET_INBOUND);
        }

        @Test
        void sendsUnusableFleetRecordsToTheDeadLetterTopic() {
            assertThat(operation("sendDeadLetters").path("action").asText()).isEqualTo("send");
            assertThat(channelOf("sendDeadLetters").path("address").asText()).isEqualTo(Topics.FLEET_INBOUND_DLT);
        }

        @Test
        void documentsEveryTopic() {
            Set<String> addresses = document.path("channels")
                    .valueStream()
                    .map(channel -> channel.path("address").asText())
                    .collect(Collectors.toSet());

            assertThat(addresses)
                    .containsExactlyInAnyOrderElementsOf(topicConstants(name -> !name.startsWith("HEADER_")));
        }

        @Test
        void documentsEveryHeaderTheRelaySets() {
            JsonNode headers = schema("EventHeaders");
            List<String> headerNames = topicConstants(name -> name.startsWith("HEADER_"));

            assertThat(propertyNames(headers)).containsExactlyInAnyOrderElementsOf(headerNames);
            assertThat(texts(headers.path("required")))
                    .containsExactlyInAnyOrderElementsOf(headerNames.stream()
                            .filter(name -> !Topics.OPTIONAL_HEADERS.contains(name))
                            .toList());
            assertThat(headerNames).containsAll(Topics.OPTIONAL_HEADERS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"sendEvents", "receiveFleetRecords", "sendDeadLetters"})
        void listsEveryMessageOfItsChannel(String operationId) {
            String channelRef =
                    operation(operationId).path("channel").path("$ref").asText();
            List<String> channelMessages = fieldNames(channelOf(operationId).path("messages")).stream()
                    .map(key -> channelRef + "/messages/" + key)
                    .toList();

            assertThat(operation(operationId).path("messages").findValuesAsText("$ref"))
                    .containsExactlyInAnyOrderElementsOf(channelMessages);
        }
    }

    @Nested
    class Events {

        @ParameterizedTest(name = "{0}")
        @MethodSource(EVENT_TYPES)
        void documentsEveryEventAsAMessageOfTheEventsChannel(Class<?> type) {
            assertThat(eventMessage(type).path("name").asText()).isEqualTo(type.getSimpleName());
            assertThat(channelOf("sendEvents").path("messages").findValuesAsText("$ref"))
                    .contains("#/components/messages/" + type.getSimpleName());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(EVENT_TYPES)
        void describesEveryEventWithTheFieldsOfItsJson(Class<?> type) {
            JsonNode schema = payloadSchema(eventMessage(type));
            Set<String> jsonFields = fieldNames(JSON.valueToTree(sampleOf(type)));

            assertThat(propertyNames(schema)).containsExactlyInAnyOrderElementsOf(jsonFields);
            assertThat(texts(schema.path("required")))
                    .as("required: Jackson writes null fields too")
                    .containsExactlyInAnyOrderElementsOf(jsonFields);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(EVENT_TYPES)
        void documentsEveryEventWithItsRevision(Class<?> type) {
            String revision = HaulstreamEvent.revisionOf(type);
            JsonNode message = eventMessage(type);

            assertThat(message.path("x-revision").asText()).isEqualTo(revision);
            assertThat(message.path("description").asText()).startsWith("Revision " + revision + ".");
            assertThat(headerConstant(message, Topics.HEADER_REVISION)).isEqualTo(revision);
            assertThat(headerConstant(message, Topics.HEADER_EVENT_TYPE))
                    .isEqualTo(HaulstreamEvent.typeName(type.asSubclass(HaulstreamEvent.class)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(EVENT_TYPES)
        void showsTheSampleOfEveryEventAsItsExample(Class<?> type) {
            JsonNode example = eventMessage(type).path("examples").path(0);

            assertThat(example.path("payload")).isEqualTo(JSON.valueToTree(sampleOf(type)));
            assertThat(example.path("headers").path(Topics.HEADER_EVENT_TYPE).asText())
                    .isEqualTo(type.getSimpleName());
            assertThat(example.path("headers").path(Topics.HEADER_REVISION).asText())
                    .isEqualTo(HaulstreamEvent.revisionOf(type));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(EVENT_TYPES)
        void keysEveryEventByItsAggregate(Class<?> type) {
            Class<?> aggregateEvents = Arrays.stream(type.getInterfaces())
                    .filter(HaulstreamEvent.class::isAssignableFrom)
                    .findFirst()
                    .orElseThrow();
            String traitRef = "#/components/messageTraits/" + aggregateEvents.getSimpleName();

            assertThat(eventMessage(type).path("traits").findValuesAsText("$ref"))
                    .contains(traitRef);
            assertThat(target(traitRef).path("bindings").path("kafka").has("key"))
                    .isTrue();
        }

        @Test
        void documentsOnlyEventsAndOlderRevisionsThatCanBeUpcast() {
            channelOf("sendEvents").path("messages").properties().forEach(entry -> {
                JsonNode message = resolve(entry.getValue());
                String type = message.path("name").asText();
                String revision = message.path("x-revision").asText();
                Class<? extends HaulstreamEvent> eventType = HaulstreamEvent.typeNamed(type)
                        .orElseThrow(() -> new AssertionError(entry.getKey() + " is named after no event: " + type));

                if (!revision.equals(HaulstreamEvent.revisionOf(eventType))) {
                    assertThat(Upcasters.from(type, revision))
                            .as("an upcaster of %s from revision %s", type, revision)
                            .isPresent();
                    assertThat(propertyNames(payloadSchema(message)))
                            .as(entry.getKey())
                            .containsExactlyInAnyOrderElementsOf(fieldNames(snapshot(type, revision)));
                }
            });
        }

        private JsonNode eventMessage(Class<?> type) {
            JsonNode message = document.path("components").path("messages").path(type.getSimpleName());
            assertThat(message.isObject())
                    .as("components.messages.%s", type.getSimpleName())
                    .isTrue();
            return message;
        }

        /** The constant a message's own part of its headers gives a header, as in {@code allOf: [common, own]}. */
        private String headerConstant(JsonNode message, String header) {
            return message.path("headers")
                    .path("allOf")
                    .valueStream()
                    .map(part -> part.path("properties").path(header).path("const"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .findFirst()
                    .orElse(null);
        }
    }

    @Nested
    class FleetRecords {

        @Test
        void hasASampleOfEveryFleetRecord() {
            assertThat(fleetSamples())
                    .extracting(sample -> sample.getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(simpleNames(FleetRecord.class.getPermittedSubclasses()));
        }

        @Test
        void namesEveryFleetRecordInItsJsonSubtypes() {
            assertThat(fleetSubtypes().map(Named::getPayload))
                    .extracting(subtype -> subtype.value().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(simpleNames(FleetRecord.class.getPermittedSubclasses()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(FLEET_SUBTYPES)
        void documentsEveryFleetRecordTypeAsAMessageOfTheInboundChannel(JsonSubTypes.Type subtype) {
            JsonNode schema = payloadSchema(fleetMessage(subtype));

            assertThat(schema.path("properties").path("type").path("const").asText())
                    .isEqualTo(subtype.name());
            assertThat(texts(schema.path("required"))).contains("type");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(FLEET_SUBTYPES)
        void describesEveryFleetRecordWithTheFieldsOfItsJson(JsonSubTypes.Type subtype) throws IOException {
            Set<String> jsonFields = fieldNames(fleetJson(subtype.value()));

            assertThat(jsonFields).contains("type").containsAll(componentNames(subtype.value()));
            assertThat(propertyNames(payloadSchema(fleetMessage(subtype))))
                    .containsExactlyInAnyOrderElementsOf(jsonFields);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource(FLEET_SUBTYPES)
        void showsTheSampleOfEveryFleetRecordAsItsExample(JsonSubTypes.Type subtype) throws IOException {
            assertThat(fleetMessage(subtype).path("examples").path(0).path("payload"))
                    .isEqualTo(fleetJson(subtype.value()));
        }

        /** A fleet system reads its limits here, so they must be the ones the command side enforces. */
        @ParameterizedTest(name = "{0}")
        @MethodSource(FLEET_SUBTYPES)
        void requiresTheFleetSystemAndTheRecordIdWithTheirLimits(JsonSubTypes.Type subtype) {
            JsonNode schema = payloadSchema(fleetMessage(subtype));

            assertThat(texts(schema.path("required"))).contains("fleetSystem", "recordId");
            assertThat(schema.path("properties")
                            .path("fleetSystem")
                            .path("pattern")
                            .asText())
                    .isEqualTo("^" + FleetRecord.FLEET_SYSTEM.pattern() + "$");
            assertThat(schema.path("properties")
                            .path("recordId")
                            .path("maxLength")
                            .asInt())
                    .isEqualTo(FleetRecord.MAX_RECORD_ID_LENGTH);
        }

        /** The message of the fleet channel named by the record's {@code type} value. */
        private JsonNode fleetMessage(JsonSubTypes.Type subtype) {
            List<JsonNode> named = channelOf("receiveFleetRecords")
                    .path("messages")
                    .valueStream()
                    .map(AsyncApiDocumentTest::resolve)
                    .filter(message -> message.path("name").asText().equals(subtype.name()))
                    .toList();
            assertThat(named).as("messages named %s", subtype.name()).hasSize(1);
            return named.get(0);
        }

        /** The sample as a fleet system writes it: through the base type, so with its {@code type} property. */
        private JsonNode fleetJson(Class<?> type) throws IOException {
            FleetRecord sample = fleetSamples().stream()
                    .filter(type::isInstance)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no fleet sample of " + type.getSimpleName()));
            return JSON.readTree(JSON.writerFor(FleetRecord.class).writeValueAsBytes(sample));
        }
    }

    @Nested
    class SharedSchemas {

        @Test
        void describesEveryEnumWithItsConstants() {
            Set<Class<?>> enums = recordTypes()
                    .flatMap(type -> Arrays.stream(type.getRecordComponents()))
                    .map(RecordComponent::getType)
                    .filter(Class::isEnum)
                    .collect(Collectors.toSet());

            assertThat(enums).isNotEmpty();
            enums.forEach(type -> assertThat(texts(schema(type.getSimpleName()).path("enum")))
                    .as(type.getSimpleName())
                    .containsExactlyElementsOf(constantNames(type)));
        }

        @Test
        void describesGeoPointWithTheFieldsOfItsJson() {
            assertThat(propertyNames(schema("GeoPoint")))
                    .containsExactlyInAnyOrderElementsOf(fieldNames(JSON.valueToTree(EventSamples.BERLIN)));
        }
    }

    private static Stream<Class<?>> leaves(Class<?> type) {
        return type.isSealed()
                ? Arrays.stream(type.getPermittedSubclasses()).flatMap(AsyncApiDocumentTest::leaves)
                : Stream.of(type);
    }

    /** Every record whose JSON the document describes: the events and the fleet records. */
    private static Stream<Class<?>> recordTypes() {
        return Stream.concat(leaves(HaulstreamEvent.class), leaves(FleetRecord.class));
    }

    /** One fixed instance of every fleet record, as the messages' examples show them. */
    private static List<FleetRecord> fleetSamples() {
        return List.of(
                new BinServicedRecord(
                        "city-trucks",
                        "truck-3:991",
                        "bin-1",
                        "route-1",
                        ServiceOutcome.EMPTIED,
                        14.5,
                        "truck-3",
                        EventSamples.AT),
                new FillLevelReportedRecord("bin-sensors", "sensor-7:1234", "bin-1", 80, EventSamples.AT),
                new RouteStartedRecord("city-trucks", "truck-3:990", "route-1", Instant.parse("2026-11-24T06:00:00Z")),
                new RouteCompletedRecord(
                        "city-trucks", "truck-3:999", "route-1", Instant.parse("2026-11-24T13:40:00Z")));
    }

    private static HaulstreamEvent sampleOf(Class<?> type) {
        return EventSamples.all().stream()
                .filter(type::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError("EventSamples has no " + type.getSimpleName()));
    }

    private static JsonNode snapshot(String type, String revision) {
        String path = "/snapshots/" + type + ".v" + revision + ".json";
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(path)) {
            assertThat(in).as("snapshot " + path).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static JsonNode operation(String id) {
        JsonNode operation = document.path("operations").path(id);
        assertThat(operation.isObject()).as("operations.%s", id).isTrue();
        return operation;
    }

    private static JsonNode channelOf(String operationId) {
        return resolve(operation(operationId).path("channel"));
    }

    private static JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isObject()).as("components.schemas.%s", name).isTrue();
        return schema;
    }

    private static JsonNode payloadSchema(JsonNode message) {
        assertThat(message.path("payload").path("$ref").asText()).startsWith("#/components/schemas/");
        return resolve(message.path("payload"));
    }

    /** Follows {@code $ref}s within the document until it reaches what they point at. */
    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(target(node.get("$ref").asText())) : node;
    }

    private static JsonNode target(String ref) {
        assertThat(ref).as("a reference within the document").startsWith("#/");
        JsonNode target = document.at(ref.substring(1));
        assertThat(target.isMissingNode()).as("%s points at nothing", ref).isFalse();
        return target;
    }

    private static Set<String> propertyNames(JsonNode schema) {
        return fieldNames(schema.path("properties"));
    }

    private static Set<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    private static List<String> constantNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name())
                .toList();
    }

    private static List<String> simpleNames(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).toList();
    }

    /** The values of {@link Topics}' constants whose names pass the filter. */
    private static List<String> topicConstants(Predicate<String> nameFilter) {
        return Arrays.stream(Topics.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> nameFilter.test(field.getName()))
                .map(AsyncApiDocumentTest::valueOf)
                .toList();
    }

    private static String valueOf(Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Maven runs the tests in the module's directory; an IDE may run them in the repository's. */
    private static Path documentPath() {
        return Stream.of(Path.of("asyncapi.yaml"), Path.of("events", "asyncapi.yaml"))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no events/asyncapi.yaml from " + Path.of("").toAbsolutePath()));
    }
}

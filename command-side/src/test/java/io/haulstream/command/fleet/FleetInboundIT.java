package io.haulstream.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fleet records through a real broker: good, repeated and broken ones. Every record ends either
 * applied once or on the dead-letter topic with its reason, and a broken record never blocks the
 * ones behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class FleetInboundIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String RUN = UUID.randomUUID().toString();
    private static final String FLEET = "it-" + RUN;
    private static final String OTHER_FLEET = "other-" + RUN;
    private static final String BOUND_TEST_KEYS = "bound-";
    private static final String EVENTS = "it.fleet.events." + RUN;
    private static final String INBOUND = "it.fleet.inbound." + RUN;
    private static final String DEAD_LETTERS = "it.fleet.inbound.DLT." + RUN;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        registry.add("haulstream.relay.topic", () -> EVENTS);
        registry.add("haulstream.fleet.topic", () -> INBOUND);
        registry.add("haulstream.fleet.dead-letter-topic", () -> DEAD_LETTERS);
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
    }

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(
                            new NewTopic(EVENTS, 3, (short) 1),
                            new NewTopic(INBOUND, 3, (short) 1),
                            new NewTopic(DEAD_LETTERS, 3, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Test
    void appliesGoodRecordsOnceAndDeadLettersTheUnusableWithTheirReasons() throws Exception {
        String organizationId = post("/api/v1/organizations", Map.of("name", "Fleet Co"));
        String customerId = post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Shop", "serviceAddress", "Main St 1", "location", point()));
        String binId = placeBin(organizationId, customerId, "F-1");
        bind(FLEET, organizationId);
        String retiredBinId = placeBin(organizationId, customerId, "F-2");
        http.exchange(
                RequestEntity.put("/api/v1/organizations/" + organizationId + "/bins/" + retiredBinId + "/status")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "RETIRED")),
                JsonNode.class);
        String routeId = post(
                "/api/v1/organizations/" + organizationId + "/routes",
                Map.of(
                        "name", "Monday",
                        "type", "RESIDENTIAL",
                        "serviceDay", "MONDAY",
                        "territory", "NORTH",
                        "path", List.of(point(), Map.of("latitude", 52.53, "longitude", 13.41))));
        http.exchange(
                RequestEntity.put("/api/v1/organizations/" + organizationId + "/routes/" + routeId + "/status")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "ACTIVE")),
                JsonNode.class);

        String serviced = serviced("rec-1", binId, routeId);
        publish(binId, serviced);
        publish(binId, serviced);
        publish(binId, "{not json");
        publish("nobody", serviced("rec-2", "no-such-bin", routeId));
        publish(retiredBinId, serviced("rec-3", retiredBinId, routeId));
        publish(binId, serviced("rec-9", binId, "no-such-route"));
        publish(
                binId,
                "{\"type\":\"FILL_LEVEL_REPORTED\",\"fleetSystem\":\"" + FLEET + "\",\"recordId\":\"" + RUN
                        + "rec-4\",\"binId\":\"" + binId + "\",\"occurredAt\":\"2026-11-24T08:00:00Z\"}");
        publish(
                binId,
                "{\"type\":\"FILL_LEVEL_REPORTED\",\"fleetSystem\":\"" + FLEET + "\",\"recordId\":\"" + RUN
                        + "rec-5\",\"binId\":\"" + binId
                        + "\",\"fillPercent\":35,\"occurredAt\":\"2026-11-24T08:01:00Z\"}");
        publish(routeId, route("ROUTE_STARTED", "rec-6", routeId));
        publish(routeId, route("ROUTE_STARTED", "rec-6", routeId));
        publish(routeId, route("ROUTE_COMPLETED", "rec-7", routeId));
        // Repeated after the route completed, when starting it again would be a legal transition;
        // the record behind it on the same partition shows when the repeat was consumed.
        publish(routeId, route("ROUTE_STARTED", "rec-6", routeId));
        publish(routeId, serviced("rec-8", binId, routeId));

        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(5, false);
        assertThat(deadLetters).hasSize(5);
        assertThat(deadLetters)
                .extracting(r -> header(r, "haulstream.dlt.reason"))
                .anySatisfy(reason -> assertThat(reason).startsWith("not a fleet record"))
                .anySatisfy(reason -> assertThat(reason).startsWith("unknown aggregate"))
                .anySatisfy(reason -> assertThat(reason).contains("retired"))
                .anySatisfy(reason -> assertThat(reason).contains("no route no-such-route"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("fillPercent is required"));
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, "kafka_dlt-original-topic"))
                .isEqualTo(INBOUND));

        awaitEvents(binId, "BinFillLevelReported", 1);
        awaitEvents(binId, "BinServiced", 2);
        assertThat(countEvents(binId, "BinServiced")).isEqualTo(2);
        assertThat(countEvents(retiredBinId, "BinServiced")).isZero();
        assertThat(jdbc.queryForList(
                        "select convert_from(payload, 'UTF8')::jsonb ->> 'vehicleId' from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%BinServiced'",
                        String.class, binId))
                .containsExactly("truck-7", "truck-7");
        // No HTTP caller behind a record from the topic: its fleet system is the actor.
        assertThat(jdbc.queryForList(
                        "select convert_from(meta_data, 'UTF8')::jsonb ->> 'actorSubject' from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%BinServiced'",
                        String.class, binId))
                .containsExactly(FLEET, FLEET);
        assertThat(jdbc.queryForObject(
                        "select convert_from(meta_data, 'UTF8')::jsonb ->> 'actorRoles' from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%BinFillLevelReported'",
                        String.class, binId))
                .isEqualTo("fleet-system");
        awaitEvents(routeId, "RouteStatusChanged", 3);
        assertThat(jdbc.queryForList(
                        "select convert_from(payload, 'UTF8')::jsonb ->> 'to' from domain_event_entry"
                                + " where aggregate_identifier = ? and payload_type like '%RouteStatusChanged'"
                                + " order by sequence_number",
                        String.class, routeId))
                .containsExactly("ACTIVE", "IN_PROGRESS", "COMPLETED");
    }

    /**
     * The command API and the topic claim record ids in one table: a record applied over HTTP and
     * then repeated on the topic (or the other way round) changes nothing the second time.
     */
    @Test
    void changesNothingForARecordRepeatedAcrossTheApiAndTheTopic() throws Exception {
        String organizationId = post("/api/v1/organizations", Map.of("name", "Both Ways Co"));
        String customerId = post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Shop", "serviceAddress", "Main St 1", "location", point()));
        String binId = placeBin(organizationId, customerId, "B-1");
        String services = "/api/v1/organizations/" + organizationId + "/bins/" + binId + "/services";
        bind(FLEET, organizationId);
        post(services, Map.of("outcome", "EMPTIED", "fleetSystem", FLEET, "fleetRecordId", RUN + "http-1"));

        publish(binId, serviced("http-1", binId, null));
        publish(binId, serviced("topic-1", binId, null));
        awaitEvents(binId, "BinServiced", 2);
        post(services, Map.of("outcome", "EMPTIED", "fleetSystem", FLEET, "fleetRecordId", RUN + "topic-1"));

        assertThat(countEvents(binId, "BinServiced")).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select record_id from fleet_records_applied where aggregate_id = ? order by record_id",
                        String.class,
                        binId))
                .containsExactly(RUN + "http-1", RUN + "topic-1");
    }

    /**
     * A fleet system touches only its organizations' bins: another's record about the bin is set
     * aside with the reason, claims nothing, and its record id (equal to a bound system's) does not
     * stop the bound system's record from being applied.
     */
    @Test
    void setsAsideARecordOfAFleetSystemNotBoundToTheBinsOrganization() throws Exception {
        String organizationId = post("/api/v1/organizations", Map.of("name", "Bound Co"));
        String elsewhere = post("/api/v1/organizations", Map.of("name", "Elsewhere Co"));
        String customerId = post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Shop", "serviceAddress", "Main St 1", "location", point()));
        String binId = placeBin(organizationId, customerId, "O-1");
        bind(FLEET, organizationId);
        bind(OTHER_FLEET, elsewhere);

        // Keyed apart from the other test's records, which share the dead-letter topic.
        String key = BOUND_TEST_KEYS + binId;
        publish(key, serviced(OTHER_FLEET, "same-1", binId, null));
        publish(key, serviced(FLEET, "same-1", binId, null));
        publish(
                key,
                "{\"type\":\"FILL_LEVEL_REPORTED\",\"recordId\":\"" + RUN + "x\",\"binId\":\"" + binId
                        + "\",\"fillPercent\":35,\"occurredAt\":\"2026-11-24T08:01:00Z\"}");

        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(2, true);
        assertThat(deadLetters)
                .extracting(r -> header(r, "haulstream.dlt.reason"))
                .containsExactlyInAnyOrder(
                        "no bin " + binId + " among the organizations of fleet system " + OTHER_FLEET,
                        "fleetSystem is required");
        awaitEvents(binId, "BinServiced", 1);
        assertThat(jdbc.queryForList(
                        "select fleet_system from fleet_records_applied where aggregate_id = ?", String.class, binId))
                .containsExactly(FLEET);
    }

    private void bind(String fleetSystem, String organizationId) {
        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values (?, ?, now())",
                fleetSystem,
                organizationId);
    }

    private static Map<String, Object> point() {
        return Map.of("latitude", 52.52, "longitude", 13.40);
    }

    private static String serviced(String recordId, String binId, String routeId) {
        return serviced(FLEET, recordId, binId, routeId);
    }

    private static String serviced(String fleetSystem, String recordId, String binId, String routeId) {
        return "{\"type\":\"BIN_SERVICED\",\"fleetSystem\":\"" + fleetSystem + "\",\"recordId\":\"" + RUN + recordId
                + "\",\"binId\":\"" + binId
                + (routeId == null ? "" : "\",\"routeId\":\"" + routeId)
                + "\",\"outcome\":\"EMPTIED\",\"weightKg\":9.5,\"vehicleId\":\"truck-7\","
                + "\"occurredAt\":\"2026-11-24T07:30:00Z\"}";
    }

    private static String route(String type, String recordId, String routeId) {
        return "{\"type\":\"" + type + "\",\"fleetSystem\":\"" + FLEET + "\",\"recordId\":\"" + RUN + recordId
                + "\",\"routeId\":\"" + routeId + "\",\"occurredAt\":\"2026-11-24T06:00:00Z\"}";
    }

    private String placeBin(String organizationId, String customerId, String tag) {
        return post(
                "/api/v1/organizations/" + organizationId + "/bins",
                Map.of(
                        "customerId",
                        customerId,
                        "tag",
                        tag,
                        "containerType",
                        "CART",
                        "wasteStream",
                        "GENERAL",
                        "capacityLitres",
                        240,
                        "location",
                        point()));
    }

    private String post(String path, Object body) {
        JsonNode reply = http.exchange(
                        RequestEntity.post(path)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(body),
                        JsonNode.class)
                .getBody();
        return reply.get("id").asText();
    }

    private static void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(INBOUND, key, value)).get();
        }
    }

    private long countEvents(String aggregateId, String type) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type = ?",
                Long.class,
                aggregateId,
                "io.haulstream.events." + type);
    }

    private void awaitEvents(String aggregateId, String type, long count) throws InterruptedException {
        for (int attempt = 0; attempt < 200 && countEvents(aggregateId, type) < count; attempt++) {
            Thread.sleep(50);
        }
        assertThat(countEvents(aggregateId, type)).isEqualTo(count);
    }

    /** The dead letters of the binding test ({@code bound}) or of the other test. */
    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(int expected, boolean bound) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BOOTSTRAP,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                records.removeIf(r -> isBindingTests(r) != bound);
            }
            // Anything beyond the expected ones would be a record dead-lettered by mistake.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            records.removeIf(r -> isBindingTests(r) != bound);
        }
        return records;
    }

    private static boolean isBindingTests(ConsumerRecord<String, ?> record) {
        return record.key() != null && record.key().startsWith(BOUND_TEST_KEYS);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

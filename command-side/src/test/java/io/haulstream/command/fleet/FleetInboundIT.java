package io.haulstream.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    private static final String BATCH_TEST_KEYS = "batch-";
    private static final String EVENTS = "it.fleet.events." + RUN;
    private static final String INBOUND = "it.fleet.inbound." + RUN;
    private static final String DEAD_LETTERS = "it.fleet.inbound.DLT." + RUN;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

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

    /**
     * A poll's records for one bin are applied in few transactions, not one each: the events of a
     * batch share PostgreSQL's transaction id (xmin). A record repeated within the batch still
     * changes nothing the second time.
     */
    @Test
    void appliesALanesRecordsTogetherAndARepeatWithinThemOnce() throws Exception {
        String binId = boundBin("Batch Co", "T-1");
        List<String> records = new ArrayList<>();
        for (int n = 0; n < RECORDS_IN_A_BATCH; n++) {
            records.add(serviced("batch-a-" + n, binId, null));
        }
        records.add(serviced("batch-a-0", binId, null));
        Timer sentToStored = meters.timer("haulstream.event.lag", "hop", "sent-to-stored");
        long timedBefore = sentToStored.count();
        double secondsBefore = sentToStored.totalTime(TimeUnit.SECONDS);
        long started = System.nanoTime();
        publishTogether(BATCH_TEST_KEYS + binId, records);

        awaitEvents(binId, "BinServiced", RECORDS_IN_A_BATCH);
        await().atMost(Duration.ofSeconds(5)).until(() -> sentToStored.count() - timedBefore >= records.size());
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        long timed = sentToStored.count() - timedBefore;
        assertThat(sentToStored.totalTime(TimeUnit.SECONDS) - secondsBefore)
                .as(
                        "seconds from send to stored of %d records, none longer than the test's %.1f s",
                        timed, elapsedSeconds)
                .isBetween(0.0, timed * elapsedSeconds);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> countEvents(binId, "BinServiced") == RECORDS_IN_A_BATCH);
        assertThat(jdbc.queryForObject(
                        "select count(distinct xmin::text) from domain_event_entry where aggregate_identifier = ?"
                                + " and payload_type like '%BinServiced'",
                        Long.class, binId))
                .as("transactions that stored %d records' events", RECORDS_IN_A_BATCH)
                .isLessThanOrEqualTo(RECORDS_IN_A_BATCH / 5);
    }

    /**
     * A refused record in the middle of a batch undoes the batch, and its records are applied one
     * by one: every good record is applied exactly once, in order, and only the refused one is set
     * aside, with its own reason.
     */
    @Test
    void appliesTheRestOfABatchOnceWhenOneOfItsRecordsIsRefused() throws Exception {
        String binId = boundBin("Refused Co", "R-1");
        List<String> records = new ArrayList<>();
        for (int n = 0; n < RECORDS_IN_A_BATCH; n++) {
            records.add(
                    n == RECORDS_IN_A_BATCH / 2
                            ? serviced("batch-r-refused", binId, "no-such-route")
                            : serviced("batch-r-" + n, binId, null));
        }
        publishTogether(BATCH_TEST_KEYS + binId, records);

        List<ConsumerRecord<String, byte[]>> deadLetters =
                readDeadLetters(1, record -> hasKeyPrefix(record, BATCH_TEST_KEYS + binId));
        assertThat(deadLetters)
                .extracting(r -> header(r, "haulstream.dlt.reason"))
                .singleElement()
                .asString()
                .contains("no route no-such-route in this organization");
        awaitEvents(binId, "BinServiced", RECORDS_IN_A_BATCH - 1);
        assertThat(jdbc.queryForList(
                        "select record_id from fleet_records_applied where aggregate_id = ? order by applied_at,"
                                + " record_id",
                        String.class,
                        binId))
                .hasSize(RECORDS_IN_A_BATCH - 1)
                .doesNotContain(RUN + "batch-r-refused");
    }

    private static final int RECORDS_IN_A_BATCH = 30;

    private String boundBin(String organization, String tag) {
        String organizationId = post("/api/v1/organizations", Map.of("name", organization));
        String customerId = post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Shop", "serviceAddress", "Main St 1", "location", point()));
        bind(FLEET, organizationId);
        return placeBin(organizationId, customerId, tag);
    }

    /** One producer, sent in one go: the records reach the broker together and come in one poll. */
    private static void publishTogether(String key, List<String> values) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.LINGER_MS_CONFIG, 200),
                new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(INBOUND, key, value)));
            }
            producer.flush();
            for (var send : sent) {
                send.get();
            }
        }
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

    private void awaitEvents(String aggregateId, String type, long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> countEvents(aggregateId, type) >= count);
        assertThat(countEvents(aggregateId, type)).isEqualTo(count);
    }

    /** The dead letters of the binding test ({@code bound}) or of the first test. */
    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(int expected, boolean bound) {
        return readDeadLetters(
                expected,
                record -> bound
                        ? isBindingTests(record)
                        : !isBindingTests(record) && !hasKeyPrefix(record, BATCH_TEST_KEYS));
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(
            int expected, java.util.function.Predicate<ConsumerRecord<String, ?>> ofTest) {
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
                records.removeIf(ofTest.negate());
            }
            // Anything beyond the expected ones would be a record dead-lettered by mistake.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            records.removeIf(ofTest.negate());
        }
        return records;
    }

    private static boolean isBindingTests(ConsumerRecord<String, ?> record) {
        return hasKeyPrefix(record, BOUND_TEST_KEYS);
    }

    private static boolean hasKeyPrefix(ConsumerRecord<String, ?> record, String prefix) {
        return record.key() != null && record.key().startsWith(prefix);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

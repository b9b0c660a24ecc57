package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command side on the real servers: HTTP in, PostgreSQL event store, the relay out to a real
 * Kafka broker. Each run publishes to a topic of its own, so runs never see each other's records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("it")
class CommandPathIT {

    private static final String TRUCKS = "it-trucks";

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "it.command-side.events." + UUID.randomUUID();

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Cache aggregateCache;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        registry.add("haulstream.relay.topic", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("haulstream.aggregates.snapshot-threshold", () -> SNAPSHOT_THRESHOLD);
    }

    private static final int SNAPSHOT_THRESHOLD = 5;

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @Test
    void storesCommandsAndRelaysTheirEventsToKafkaKeyedByAggregate() throws Exception {
        ResponseEntity<JsonNode> organization = post("/api/v1/organizations", Map.of("name", "Northside Hauling"));
        assertThat(organization.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String organizationId = organization.getBody().get("id").asText();

        String customerId = customer(organizationId);
        ResponseEntity<JsonNode> bin =
                post("/api/v1/organizations/" + organizationId + "/bins", placeBin(customerId, 52.52, 13.40));
        assertThat(bin.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String binId = bin.getBody().get("id").asText();
        assertThat(bin.getHeaders().getLocation())
                .hasPath("/api/v1/organizations/" + organizationId + "/bins/" + binId);
        ConsistencyToken token = ConsistencyToken.decode(bin.getHeaders().getFirst("Consistency-Token"));
        assertThat(token.aggregateId()).isEqualTo(binId);
        assertThat(token.sequence()).isZero();
        assertThat(token.hasGlobalPosition()).isFalse();
        assertThat(bin.getBody().get("consistencyToken").asText()).isEqualTo(token.encode());

        List<ConsumerRecord<String, byte[]>> records = readTopicFor(Set.of(organizationId, binId));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(organizationId, binId);
        ConsumerRecord<String, byte[]> placed =
                records.stream().filter(r -> r.key().equals(binId)).findFirst().orElseThrow();
        assertThat(header(placed, Topics.HEADER_EVENT_TYPE)).isEqualTo("BinPlaced");
        assertThat(header(placed, Topics.HEADER_REVISION)).isEqualTo("2");
        assertThat(header(placed, Topics.HEADER_SEQUENCE)).isEqualTo(Long.toString(token.sequence()));
        assertThat(header(placed, Topics.HEADER_AGGREGATE_ID)).isEqualTo(token.aggregateId());
        assertThat(Long.parseLong(header(placed, Topics.HEADER_GLOBAL_POSITION)))
                .isEqualTo(jdbc.queryForObject(
                        "select global_index from domain_event_entry where aggregate_identifier = ?",
                        Long.class,
                        binId));
        Instant occurredAt = Instant.parse(header(placed, Topics.HEADER_OCCURRED_AT));
        assertThat(Instant.parse(header(placed, Topics.HEADER_RELAYED_AT)))
                .isAfterOrEqualTo(occurredAt)
                .isBefore(occurredAt.plusSeconds(30));
        // The tests' default caller (PathOrganizationCaller) is the actor, and the command's id its correlation.
        assertThat(header(placed, Topics.HEADER_ACTOR_SUBJECT)).isEqualTo("test-caller");
        assertThat(header(placed, Topics.HEADER_ACTOR_CLIENT)).isEqualTo("haulstream-tests");
        assertThat(header(placed, Topics.HEADER_ACTOR_ROLES)).isEqualTo("dispatcher,org-admin,platform-admin");
        assertThat(header(placed, Topics.HEADER_CORRELATION_ID))
                .isEqualTo(jdbc.queryForObject(
                        "select convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' from domain_event_entry"
                                + " where aggregate_identifier = ?",
                        String.class,
                        binId))
                .isNotBlank();
        JsonNode payload = json.readTree(placed.value());
        assertThat(payload.get("organizationId").asText()).isEqualTo(organizationId);
        assertThat(payload.get("customerId").asText()).isEqualTo(customerId);
        assertThat(payload.get("location").get("latitude").asDouble()).isEqualTo(52.52);
    }

    @Test
    void storesPayloadsAsByteaWithoutLargeObjectsAndWithoutGapsInTheGlobalIndex() {
        post("/api/v1/organizations", Map.of("name", "One"));
        post("/api/v1/organizations", Map.of("name", "Two"));

        List<Long> lastTwo = jdbc.queryForList(
                "select global_index from domain_event_entry order by global_index desc limit 2", Long.class);
        assertThat(lastTwo.get(0) - lastTwo.get(1)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select data_type from information_schema.columns"
                                + " where table_name = 'domain_event_entry' and column_name = 'payload'",
                        String.class))
                .isEqualTo("bytea");
        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class))
                .isZero();
    }

    @Test
    void refusesALatitudeOutOfRangeNamingTheField() {
        String organizationId = organization("Range Test");

        ResponseEntity<JsonNode> refused = post(
                "/api/v1/organizations/" + organizationId + "/bins", placeBin(customer(organizationId), 95.0, 13.40));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("location.latitude");
        assertThat(refused.getBody().get("errors").get(0).get("reason").asText())
                .contains("90");
    }

    @Test
    void refusesAnUnknownWasteStreamListingTheKnownOnes() {
        Map<String, Object> request = new java.util.HashMap<>(placeBin("c", 52.5, 13.4));
        request.put("wasteStream", "PLUTONIUM");

        ResponseEntity<JsonNode> refused = post("/api/v1/organizations/any/bins", request);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("wasteStream");
        assertThat(refused.getBody().get("errors").get(0).get("reason").asText())
                .contains("RECYCLING");
    }

    @Test
    void refusesABinOfAnUnregisteredOrganization() {
        ResponseEntity<JsonNode> refused = post("/api/v1/organizations/nobody/bins", placeBin("c", 52.5, 13.4));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("organizationId");
    }

    @Test
    void answersARetriedRequestWithTheFirstAnswerAndAppliesItOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("name", "Retry Hauling " + key);

        ResponseEntity<JsonNode> first = post("/api/v1/organizations", body, key);
        ResponseEntity<JsonNode> retry = post("/api/v1/organizations", body, key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation())
                .isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
                        Long.class,
                        "%Retry Hauling " + key + "%"))
                .isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForADifferentRequest() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/organizations", Map.of("name", "First"), key);

        ResponseEntity<JsonNode> reused = post("/api/v1/organizations", Map.of("name", "Second"), key);

        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(reused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void servesItsOpenApiDocument() {
        ResponseEntity<JsonNode> document = http.getForEntity("/api/openapi", JsonNode.class);

        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(document.getBody().get("paths").has("/api/v1/organizations/{organizationId}/bins/{binId}/services"))
                .isTrue();
    }

    @Test
    void takesAServiceRecordOnceAndRefusesServicingARetiredBin() {
        String organizationId = organization("Service Co");
        String bin = "/api/v1/organizations/" + organizationId + "/bins/"
                + post(
                                "/api/v1/organizations/" + organizationId + "/bins",
                                placeBin(customer(organizationId), 52.5, 13.4))
                        .getBody()
                        .get("id")
                        .asText();
        Map<String, Object> service = Map.of(
                "outcome",
                "EMPTIED",
                "weightKg",
                12.5,
                "fleetSystem",
                TRUCKS,
                "fleetRecordId",
                "truck-1:" + UUID.randomUUID());

        assertThat(post(bin + "/services", service).getStatusCode()).isEqualTo(HttpStatus.OK);
        ConsistencyToken afterRepeat = ConsistencyToken.decode(post(bin + "/services", service)
                .getBody()
                .get("consistencyToken")
                .asText());
        assertThat(afterRepeat.sequence()).isEqualTo(1);

        http.exchange(
                RequestEntity.put(bin + "/status")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "RETIRED")),
                JsonNode.class);
        ResponseEntity<JsonNode> refused = post(
                bin + "/services",
                Map.of("outcome", "EMPTIED", "fleetSystem", TRUCKS, "fleetRecordId", "truck-1:" + UUID.randomUUID()));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("detail").asText()).contains("retired");
    }

    @Test
    void loadsABinWhoseHistoryBeganInRevisionOneOfBinPlaced() {
        String organizationId = organization("Old Timer");
        String binId = UUID.randomUUID().toString();
        String revisionOne = "{\"binId\":\"" + binId + "\",\"organizationId\":\"" + organizationId
                + "\",\"tag\":\"OLD-1\",\"containerType\":\"CART\",\"wasteStream\":\"GENERAL\","
                + "\"capacityLitres\":240,\"location\":{\"longitude\":13.4,\"latitude\":52.5},"
                + "\"placedAt\":\"2026-11-01T07:00:00Z\"}";
        jdbc.update(
                "insert into domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,"
                        + " time_stamp, aggregate_identifier, sequence_number, type)"
                        + " values (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1',"
                        + " 'io.haulstream.events.BinPlaced', '2026-11-01T07:00:00Z', ?, 0, 'Bin')",
                UUID.randomUUID().toString(),
                revisionOne,
                binId);

        ResponseEntity<JsonNode> moved = http.exchange(
                RequestEntity.put("/api/v1/organizations/" + organizationId + "/bins/" + binId + "/location")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("latitude", 52.51, "longitude", 13.41)),
                JsonNode.class);

        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ConsistencyToken.decode(
                                moved.getBody().get("consistencyToken").asText())
                        .sequence())
                .isEqualTo(1);
    }

    @Test
    void appliesConcurrentCommandsOnOneBinEachOnceAndInSequence() throws Exception {
        String organizationId = organization("Busy");
        String binId = post(
                        "/api/v1/organizations/" + organizationId + "/bins",
                        placeBin(customer(organizationId), 52.5, 13.4))
                .getBody()
                .get("id")
                .asText();
        String services = "/api/v1/organizations/" + organizationId + "/bins/" + binId + "/services";
        String run = UUID.randomUUID().toString();
        List<Callable<HttpStatusCode>> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String recordId = "truck-" + run + ":" + i;
            requests.add(
                    () -> post(services, Map.of("outcome", "EMPTIED", "fleetSystem", TRUCKS, "fleetRecordId", recordId))
                            .getStatusCode());
        }
        for (int i = 0; i < 10; i++) {
            requests.add(() -> post(
                            services,
                            Map.of(
                                    "outcome",
                                    "EMPTIED",
                                    "fleetSystem",
                                    TRUCKS,
                                    "fleetRecordId",
                                    "truck-" + run + ":repeated"))
                    .getStatusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (Future<HttpStatusCode> reply : pool.invokeAll(requests)) {
                assertThat(reply.get()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            pool.shutdown();
        }

        List<Long> sequences = jdbc.queryForList(
                "select sequence_number from domain_event_entry where aggregate_identifier = ? order by 1",
                Long.class,
                binId);
        assertThat(sequences).hasSize(32);
        assertThat(sequences).isEqualTo(LongStream.range(0, 32).boxed().toList());
    }

    @Test
    void refusesRemovingABinWhileItIsAStopOfARoute() {
        String organizationId = organization("Stop Co");
        String base = "/api/v1/organizations/" + organizationId;
        String binId = post(base + "/bins", placeBin(customer(organizationId), 52.5, 13.4))
                .getBody()
                .get("id")
                .asText();
        String routeId = route(base);
        String stop = base + "/routes/" + routeId + "/stops/" + binId;
        assertThat(exchange(RequestEntity.put(stop)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(Map.of()))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> refused =
                exchange(RequestEntity.delete(base + "/bins/" + binId).build());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("detail").asText()).contains("stop of route " + routeId);

        assertThat(exchange(RequestEntity.delete(stop).build()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange(RequestEntity.delete(base + "/bins/" + binId).build())
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * The assignment is checked by the route and the removal by the bin, two aggregates that do not
     * wait for each other; each pair is released at once, and never may both win.
     */
    @Test
    void neverRemovesABinThatAnAssignmentAtTheSameMomentMakesAStop() throws Exception {
        String organizationId = organization("Race Co");
        String base = "/api/v1/organizations/" + organizationId;
        String customerId = customer(organizationId);
        String routeId = route(base);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < 40; pair++) {
                String binId = post(base + "/bins", placeBin(customerId, 52.5, 13.4))
                        .getBody()
                        .get("id")
                        .asText();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpStatusCode> assign = pool.submit(() -> {
                    start.await();
                    return exchange(RequestEntity.put(base + "/routes/" + routeId + "/stops/" + binId)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .body(Map.of()))
                            .getStatusCode();
                });
                Future<HttpStatusCode> remove = pool.submit(() -> {
                    start.await();
                    return exchange(RequestEntity.delete(base + "/bins/" + binId)
                                    .build())
                            .getStatusCode();
                });
                boolean assignWon = assign.get().is2xxSuccessful();
                boolean removeWon = remove.get().is2xxSuccessful();
                assertThat(assignWon && removeWon)
                        .as("bin %s both assigned and removed", binId)
                        .isFalse();
                assertThat(assignWon || removeWon)
                        .as("bin %s neither assigned nor removed", binId)
                        .isTrue();
                assertThat(jdbc.queryForObject(
                                "select count(*) from lookup_route_stops where bin_id = ?", Integer.class, binId))
                        .isEqualTo(assignWon ? 1 : 0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void answersNotFoundForTheBinOfAnotherOrganization() {
        String owner = organization("Owner");
        String other = organization("Other");
        String binId = post("/api/v1/organizations/" + owner + "/bins", placeBin(customer(owner), 52.5, 13.4))
                .getBody()
                .get("id")
                .asText();

        ResponseEntity<JsonNode> refused = http.exchange(
                RequestEntity.delete("/api/v1/organizations/" + other + "/bins/" + binId)
                        .build(),
                JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void timesBothHopsOfTheRelayAsPrometheusHistograms() throws Exception {
        String organizationId = organization("Timed");
        readTopicFor(Set.of(organizationId));
        // The acknowledgement hop is recorded when the batch commits, a moment after the broker has the record.
        await().atMost(Duration.ofSeconds(2))
                .until(() -> lag("relayed-to-acknowledged").count() > 0);

        assertThat(lag("stored-to-relayed").count()).isPositive();
        assertThat(lag("relayed-to-acknowledged").count()).isPositive();
        String scraped = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scraped)
                .contains("haulstream_event_lag_seconds_bucket{hop=\"stored-to-relayed\",le=")
                .contains("haulstream_event_lag_seconds_bucket{hop=\"relayed-to-acknowledged\",le=");
    }

    /**
     * Each reply names the event its own command applied, not whatever the aggregate's newest
     * event was when the reply was written: concurrent commands on one bin get distinct sequences,
     * and the relayed record at that sequence is this command's.
     */
    @Test
    void namesTheEventEachCommandAppliedInItsToken() throws Exception {
        String organizationId = organization("Token Co");
        String base = "/api/v1/organizations/" + organizationId + "/bins/";
        String binId = post(base.substring(0, base.length() - 1), placeBin(customer(organizationId), 52.5, 13.4))
                .getBody()
                .get("id")
                .asText();
        List<Callable<ConsistencyToken>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int fill = i;
            requests.add(() -> ConsistencyToken.decode(post(base + binId + "/fill-levels", Map.of("fillPercent", fill))
                    .getHeaders()
                    .getFirst("Consistency-Token")));
        }
        List<ConsistencyToken> tokens = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<ConsistencyToken> reply : pool.invokeAll(requests)) {
                tokens.add(reply.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(tokens).extracting(ConsistencyToken::aggregateId).containsOnly(binId);
        assertThat(tokens)
                .extracting(ConsistencyToken::sequence)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 20).boxed().toList());
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(jdbc.queryForObject(
                            "select convert_from(payload, 'UTF8')::jsonb ->> 'fillPercent' from domain_event_entry"
                                    + " where aggregate_identifier = ? and sequence_number = ?",
                            Integer.class,
                            binId,
                            tokens.get(i).sequence()))
                    .as("the event named by the token of fill level %d", i)
                    .isEqualTo(i);
        }
    }

    /** The bin no longer remembers record ids: the repeat is refused by the table, however long ago the record was. */
    @Test
    void changesNothingForAServiceRecordRepeatedOverHttpAfterOtherCommands() {
        String organizationId = organization("Repeat Co");
        String bin = "/api/v1/organizations/" + organizationId + "/bins/"
                + post(
                                "/api/v1/organizations/" + organizationId + "/bins",
                                placeBin(customer(organizationId), 52.5, 13.4))
                        .getBody()
                        .get("id")
                        .asText();
        String binId = bin.substring(bin.lastIndexOf('/') + 1);
        String recordId = "truck-7:" + UUID.randomUUID();
        Map<String, Object> service = Map.of("outcome", "EMPTIED", "fleetSystem", TRUCKS, "fleetRecordId", recordId);

        assertThat(post(bin + "/services", service).getStatusCode()).isEqualTo(HttpStatus.OK);
        post(bin + "/fill-levels", Map.of("fillPercent", 40));
        aggregateCache.removeAll();
        ResponseEntity<JsonNode> repeat = post(bin + "/services", service);

        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ConsistencyToken.decode(
                        repeat.getBody().get("consistencyToken").asText()))
                .isEqualTo(new ConsistencyToken(binId, 2));
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, binId))
                .isEqualTo(3);
        assertThat(jdbc.queryForMap(
                        "select record_type, aggregate_id from fleet_records_applied where fleet_system = ? and record_id = ?",
                        TRUCKS,
                        recordId))
                .containsEntry("record_type", "BinServicedRecord")
                .containsEntry("aggregate_id", binId);
    }

    @Test
    void refusesAFleetRecordIdWithoutItsFleetSystemNamingTheField() {
        String organizationId = organization("Nameless Co");
        String bin = "/api/v1/organizations/" + organizationId + "/bins/"
                + post(
                                "/api/v1/organizations/" + organizationId + "/bins",
                                placeBin(customer(organizationId), 52.5, 13.4))
                        .getBody()
                        .get("id")
                        .asText();

        ResponseEntity<JsonNode> refused =
                post(bin + "/services", Map.of("outcome", "EMPTIED", "fleetRecordId", "t:1"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("fleetSystem");
    }

    /** A refused command keeps no claim, so the record can be sent again once the cause is fixed. */
    @Test
    void keepsNoClaimOfARecordWhoseCommandWasRefused() {
        String organizationId = organization("Refused Co");
        String bin = "/api/v1/organizations/" + organizationId + "/bins/"
                + post(
                                "/api/v1/organizations/" + organizationId + "/bins",
                                placeBin(customer(organizationId), 52.5, 13.4))
                        .getBody()
                        .get("id")
                        .asText();
        String recordId = "truck-8:" + UUID.randomUUID();

        ResponseEntity<JsonNode> refused = post(
                bin + "/services",
                Map.of(
                        "outcome",
                        "EMPTIED",
                        "routeId",
                        "no-such-route",
                        "fleetSystem",
                        TRUCKS,
                        "fleetRecordId",
                        recordId));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(jdbc.queryForObject(
                        "select count(*) from fleet_records_applied where fleet_system = ? and record_id = ?",
                        Long.class,
                        TRUCKS,
                        recordId))
                .isZero();
        assertThat(post(
                                bin + "/services",
                                Map.of("outcome", "EMPTIED", "fleetSystem", TRUCKS, "fleetRecordId", recordId))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * A long-lived bin is snapshotted, and a bin loaded from its snapshot (the cache emptied, as
     * after a restart) still knows its state: a retired bin still refuses a service.
     */
    @Test
    void loadsALongLivedBinFromItsSnapshotWithItsState() {
        String organizationId = organization("Snapshot Co");
        String base = "/api/v1/organizations/" + organizationId + "/bins/";
        String binId = post(base.substring(0, base.length() - 1), placeBin(customer(organizationId), 52.5, 13.4))
                .getBody()
                .get("id")
                .asText();
        http.exchange(
                RequestEntity.put(base + binId + "/status")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "RETIRED")),
                JsonNode.class);
        for (int i = 0; i < 3 * SNAPSHOT_THRESHOLD; i++) {
            post(base + binId + "/fill-levels", Map.of("fillPercent", i));
        }

        assertThat(jdbc.queryForObject(
                        "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Long.class, binId))
                .isPositive();
        aggregateCache.removeAll();
        ResponseEntity<JsonNode> refused = post(base + binId + "/services", Map.of("outcome", "EMPTIED"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("detail").asText()).contains("retired");
        ResponseEntity<JsonNode> moved = http.exchange(
                RequestEntity.put(base + binId + "/location")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("latitude", 52.51, "longitude", 13.41)),
                JsonNode.class);
        assertThat(ConsistencyToken.decode(
                                moved.getBody().get("consistencyToken").asText())
                        .sequence())
                .isEqualTo(2 + 3 * SNAPSHOT_THRESHOLD);
    }

    /** Weakly held aggregates vanished at the next collection, and most commands paid a full reload. */
    @Test
    void keepsALoadedAggregateAcrossGarbageCollections() {
        String organizationId = organization("Cached Co");

        System.gc();
        System.gc();

        assertThat(aggregateCache.containsKey(organizationId)).isTrue();
    }

    private Timer lag(String hop) {
        Timer timer = meters.find("haulstream.event.lag").tag("hop", hop).timer();
        assertThat(timer).as("timer of hop %s", hop).isNotNull();
        return timer;
    }

    /** Every organization of these tests lets the tests' fleet system report on its bins, as an operator would. */
    private String organization(String name) {
        String organizationId = post("/api/v1/organizations", Map.of("name", name))
                .getBody()
                .get("id")
                .asText();
        jdbc.update(
                "insert into fleet_system_bindings (fleet_system, organization_id, bound_at) values (?, ?, now())",
                TRUCKS,
                organizationId);
        return organizationId;
    }

    private String route(String organizationPath) {
        return post(
                        organizationPath + "/routes",
                        Map.of(
                                "name", "Mitte Monday",
                                "type", "RESIDENTIAL",
                                "serviceDay", "MONDAY",
                                "territory", "Mitte",
                                "path",
                                        List.of(
                                                Map.of("latitude", 52.5, "longitude", 13.4),
                                                Map.of("latitude", 52.51, "longitude", 13.41))))
                .getBody()
                .get("id")
                .asText();
    }

    private String customer(String organizationId) {
        return post(
                        "/api/v1/organizations/" + organizationId + "/customers",
                        Map.of(
                                "name", "Bakery",
                                "serviceAddress", "Main St 1",
                                "location", Map.of("latitude", 52.5, "longitude", 13.4)))
                .getBody()
                .get("id")
                .asText();
    }

    private static Map<String, Object> placeBin(String customerId, double latitude, double longitude) {
        return Map.of(
                "customerId",
                customerId,
                "tag",
                "NS-" + UUID.randomUUID().toString().substring(0, 8),
                "containerType",
                "CART",
                "wasteStream",
                "RECYCLING",
                "capacityLitres",
                240,
                "location",
                Map.of("latitude", latitude, "longitude", longitude));
    }

    private ResponseEntity<JsonNode> exchange(RequestEntity<?> request) {
        return http.exchange(request, JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.exchange(
                RequestEntity.post(path).contentType(MediaType.APPLICATION_JSON).body(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body, String idempotencyKey) {
        return http.exchange(
                RequestEntity.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", idempotencyKey)
                        .body(body),
                JsonNode.class);
    }

    /** Other tests of this class write to the same topic, so it reads until it has these keys' records. */
    private static List<ConsumerRecord<String, byte[]>> readTopicFor(Set<String> keys) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < keys.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (keys.contains(record.key())) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

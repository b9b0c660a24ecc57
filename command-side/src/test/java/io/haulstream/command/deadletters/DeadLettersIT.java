package io.haulstream.command.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.testtokens.TokenMint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator's round with the fleet dead letters on a real broker: a service record for a retired
 * bin is dead-lettered and listed with its reason; replayed before the fix it fails the same check
 * and comes back naming the dead letter it came from; once the bin is active again, "replay all"
 * sends only what was not replayed yet, and the bin is serviced exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class DeadLettersIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String RUN = UUID.randomUUID().toString();
    private static final String FLEET = "it-" + RUN;
    private static final String INBOUND = "it.dead-letters.inbound." + RUN;
    private static final String DEAD_LETTERS = "it.dead-letters.DLT." + RUN;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ManagementConnector management;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        registry.add("haulstream.relay.topic", () -> "it.dead-letters.events." + RUN);
        registry.add("haulstream.fleet.topic", () -> INBOUND);
        registry.add("haulstream.fleet.dead-letter-topic", () -> DEAD_LETTERS);
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("haulstream.dead-letters.count-interval", () -> "200ms");
    }

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(
                            new NewTopic("it.dead-letters.events." + RUN, 3, (short) 1),
                            new NewTopic(INBOUND, 3, (short) 1),
                            new NewTopic(DEAD_LETTERS, 2, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Test
    void listsReplaysAndCountsDeadLettersThroughTheSameChecks() throws Exception {
        String root = "http://127.0.0.1:" + management.port();
        TestRestTemplate operator = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri(root)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION, "Bearer " + TokenMint.test().operator()));
        // Only operators: no token is asked for one, a dispatcher is refused.
        TestRestTemplate anonymous = new TestRestTemplate(new RestTemplateBuilder().rootUri(root));
        var unauthenticated = anonymous.getForEntity(ManagementConnector.PATH, JsonNode.class);
        assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unauthenticated.getBody().at("/errors/0/reason").asText()).isEqualTo("a bearer token is required");
        TestRestTemplate dispatcher = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri(root)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer "
                                + TokenMint.test().dispatcher(UUID.randomUUID().toString())));
        var forbidden = dispatcher.postForEntity(ManagementConnector.PATH + "/replay", null, JsonNode.class);
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forbidden.getBody().at("/errors/0/field").asText()).isEqualTo("roles");
        assertThat(operator.getForEntity(ManagementConnector.PATH, JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String organizationId = post("/api/v1/organizations", Map.of("name", "Dead Letter Co"));
        String customerId = post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Shop", "serviceAddress", "Main St 1", "location", point()));
        String binId = placeBin(organizationId, customerId);
        String binding = "/fleet/systems/" + FLEET + "/organizations/" + organizationId;
        assertThat(http.exchange(RequestEntity.put(binding).build(), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(operator.exchange(RequestEntity.put(binding).build(), String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(operator.getForObject("/fleet/systems", JsonNode.class).get(FLEET))
                .extracting(JsonNode::asText)
                .containsExactly(organizationId);
        String status = "/api/v1/organizations/" + organizationId + "/bins/" + binId + "/status";
        put(status, Map.of("status", "RETIRED"));

        publish(binId, serviced(binId));
        JsonNode first = await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(operator, binId, null), letter -> letter != null);
        assertThat(first.get("reason").asText()).contains("retired");
        assertThat(first.get("replayedAt").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("haulstream.fleet.dead_letters.last_hour") == 1);
        // On the API's port the endpoints do not exist.
        assertThat(http.getForEntity(ManagementConnector.PATH, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String id = first.get("partition").asInt() + ":" + first.get("offset").asLong();
        var replayed = operator.postForEntity(
                ManagementConnector.PATH + "/" + first.get("partition").asInt() + "/"
                        + first.get("offset").asLong() + "/replay",
                null,
                JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        // The bin is still retired: the replay fails the same check and is dead-lettered again.
        JsonNode again = await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(operator, binId, id), letter -> letter != null);
        assertThat(again.get("reason").asText()).contains("retired");
        assertThat(countServiced(binId)).isZero();
        assertThat(operator.postForEntity(ManagementConnector.PATH + "/0/999999/replay", null, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        put(status, Map.of("status", "ACTIVE"));
        JsonNode all = operator.postForObject(ManagementConnector.PATH + "/replay", null, JsonNode.class);
        // The first dead letter was replayed already; only the one that came back is sent.
        assertThat(all.get("replayed").asInt()).isEqualTo(1);
        assertThat(all.get("deadLetters").get(0).get("replayOf").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> countServiced(binId) == 1);
        assertThat(operator.postForObject(ManagementConnector.PATH + "/replay", null, JsonNode.class)
                        .get("replayed")
                        .asInt())
                .isZero();
        assertThat(meters.get("haulstream.fleet.dead_letters.replayed")
                        .counter()
                        .count())
                .isEqualTo(2);
        JsonNode listing = operator.getForObject(ManagementConnector.PATH, JsonNode.class);
        assertThat(listing.get("count").asInt()).isEqualTo(2);
        assertThat(listing.get("notReplayed").asInt()).isZero();
        // Nothing further arrives: the bin stays serviced once for a whole second.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> countServiced(binId) == 1);
    }

    @Test
    void bindsOnlyAWellNamedFleetSystemToAnActiveOrganization() {
        TestRestTemplate operator = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://127.0.0.1:" + management.port())
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION, "Bearer " + TokenMint.test().operator()));
        String organizationId = post("/api/v1/organizations", Map.of("name", "Binding Co"));

        ResponseEntity<JsonNode> badName = operator.exchange(
                RequestEntity.put("/fleet/systems/-trucks/organizations/" + organizationId)
                        .build(),
                JsonNode.class);
        ResponseEntity<JsonNode> noOrganization = operator.exchange(
                RequestEntity.put("/fleet/systems/" + FLEET + "/organizations/no-such-organization")
                        .build(),
                JsonNode.class);

        assertThat(badName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badName.getBody().get("errors").get(0).get("field").asText()).isEqualTo("fleetSystem");
        assertThat(noOrganization.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(noOrganization.getBody().get("errors").get(0).get("field").asText())
                .isEqualTo("organizationId");
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    /** The newest dead letter about the bin (replayed from that id, when given), or null. */
    private static JsonNode letterOf(TestRestTemplate operator, String binId, String replayOf) {
        JsonNode listing = operator.getForObject(ManagementConnector.PATH, JsonNode.class);
        for (JsonNode letter : listing.get("deadLetters")) {
            boolean fromReplay =
                    replayOf != null && replayOf.equals(letter.get("replayOf").asText(null));
            if (letter.get("record").asText().contains(binId) && (replayOf == null || fromReplay)) {
                return letter;
            }
        }
        return null;
    }

    private long countServiced(String binId) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?"
                        + " and payload_type = 'io.haulstream.events.BinServiced'",
                Long.class,
                binId);
    }

    private static void publish(String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(INBOUND, key, value)).get();
        }
    }

    private static String serviced(String binId) {
        return "{\"type\":\"BIN_SERVICED\",\"fleetSystem\":\"" + FLEET + "\",\"recordId\":\"" + RUN
                + "-1\",\"binId\":\"" + binId
                + "\",\"outcome\":\"EMPTIED\",\"weightKg\":9.5,\"occurredAt\":\"2026-11-24T07:30:00Z\"}";
    }

    private static Map<String, Object> point() {
        return Map.of("latitude", 52.52, "longitude", 13.40);
    }

    private String placeBin(String organizationId, String customerId) {
        return post(
                "/api/v1/organizations/" + organizationId + "/bins",
                Map.of(
                        "customerId",
                        customerId,
                        "tag",
                        "DL-1",
                        "containerType",
                        "CART",
                        "wasteStream",
                        "GENERAL",
                        "capacityLitres",
                        240,
                        "location",
                        point()));
    }

    private void put(String path, Object body) {
        var reply = http.exchange(
                RequestEntity.put(path).contentType(MediaType.APPLICATION_JSON).body(body), JsonNode.class);
        assertThat(reply.getStatusCode().is2xxSuccessful()).isTrue();
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
}

package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Territory commands over HTTP on the real servers, through the event store and the relay. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TerritoryCommandsIT {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "it.command-side.territories." + UUID.randomUUID();

    /** Small, so a test can cross it; the application's default is far larger. */
    private static final int MAX_VERTICES = 12;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("haulstream.relay.topic", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("haulstream.territories.max-vertices", () -> MAX_VERTICES);
    }

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @Test
    void createsReshapesAndRetiresATerritoryAndRelaysEachEventKeyedByTheTerritory() {
        String organizationId = organization();
        String path = "/api/v1/organizations/" + organizationId + "/territories";

        ResponseEntity<JsonNode> created =
                post(path, Map.of("name", "Mitte North", "boundary", ring(13.39, 52.51, 13.42, 52.53)), null);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String territoryId = created.getBody().get("id").asText();
        assertThat(created.getHeaders().getLocation()).hasPath(path + "/" + territoryId);
        assertThat(ConsistencyToken.decode(created.getHeaders().getFirst("Consistency-Token"))
                        .aggregateId())
                .isEqualTo(territoryId);

        ResponseEntity<JsonNode> reshaped = exchange(RequestEntity.put(path + "/" + territoryId + "/boundary")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("boundary", ring(13.38, 52.50, 13.43, 52.54))));
        assertThat(reshaped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ConsistencyToken.decode(
                                reshaped.getBody().get("consistencyToken").asText())
                        .sequence())
                .isEqualTo(1);

        ResponseEntity<JsonNode> retired =
                exchange(RequestEntity.delete(path + "/" + territoryId).build());
        assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> afterRetirement = exchange(RequestEntity.put(path + "/" + territoryId + "/boundary")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("boundary", ring(13.37, 52.50, 13.43, 52.54))));
        assertThat(afterRetirement.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        List<ConsumerRecord<String, byte[]>> records = readTopicFor(territoryId, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(territoryId);
        assertThat(records)
                .extracting(record -> header(record, Topics.HEADER_EVENT_TYPE))
                .containsExactly("TerritoryCreated", "TerritoryReshaped", "TerritoryRetired");
    }

    @Test
    void refusesASelfIntersectingBoundaryNamingTheFieldAndStoresNothing() {
        String organizationId = organization();
        List<Map<String, Double>> bowTie = List.of(
                point(52.51, 13.39),
                point(52.53, 13.42),
                point(52.51, 13.42),
                point(52.53, 13.39),
                point(52.51, 13.39));

        ResponseEntity<JsonNode> refused = post(
                "/api/v1/organizations/" + organizationId + "/territories",
                Map.of("name", "Bow Tie", "boundary", bowTie),
                UUID.randomUUID().toString());

        assertRefused(refused, HttpStatus.UNPROCESSABLE_ENTITY, "boundary", "self-intersection");
        assertThat(territoryEventsOf(organizationId)).isZero();
    }

    @Test
    void refusesAnOpenRingAndOneOverTheConfiguredVertices() {
        String organizationId = organization();
        String path = "/api/v1/organizations/" + organizationId + "/territories";
        List<Map<String, Double>> open = ring(13.39, 52.51, 13.42, 52.53).subList(0, 4);
        List<Map<String, Double>> many = new ArrayList<>();
        for (int i = 0; i < MAX_VERTICES; i++) {
            double angle = 2 * Math.PI * i / MAX_VERTICES;
            many.add(point(52.5 + 0.01 * Math.sin(angle), 13.4 + 0.01 * Math.cos(angle)));
        }
        many.add(many.get(0));

        assertRefused(
                post(path, Map.of("name", "Open", "boundary", open), null),
                HttpStatus.UNPROCESSABLE_ENTITY,
                "boundary",
                "closed");
        assertRefused(
                post(path, Map.of("name", "Many", "boundary", many), null),
                HttpStatus.UNPROCESSABLE_ENTITY,
                "boundary",
                "at most " + MAX_VERTICES);
        assertThat(territoryEventsOf(organizationId)).isZero();
    }

    @Test
    void refusesAnUnknownOrganizationAndANameTakenInAnotherCase() {
        assertRefused(
                post(
                        "/api/v1/organizations/nobody/territories",
                        Map.of("name", "Mitte", "boundary", ring(13.39, 52.51, 13.42, 52.53)),
                        null),
                HttpStatus.UNPROCESSABLE_ENTITY,
                "organizationId",
                "nobody");

        String organizationId = organization();
        String path = "/api/v1/organizations/" + organizationId + "/territories";
        assertThat(post(path, Map.of("name", "Wedding", "boundary", ring(13.30, 52.54, 13.37, 52.56)), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertRefused(
                post(path, Map.of("name", "WEDDING", "boundary", ring(13.39, 52.51, 13.42, 52.53)), null),
                HttpStatus.UNPROCESSABLE_ENTITY,
                "name",
                "WEDDING");
        assertThat(territoryEventsOf(organizationId)).isEqualTo(1);
    }

    @Test
    void refusesALongitudeOffTheMapBeforeTheAggregateSeesIt() {
        List<Map<String, Double>> off = new ArrayList<>(ring(13.39, 52.51, 13.42, 52.53));
        off.set(1, point(52.51, 190.0));

        assertRefused(
                post(
                        "/api/v1/organizations/" + organization() + "/territories",
                        Map.of("name", "Off", "boundary", off),
                        null),
                HttpStatus.BAD_REQUEST,
                "boundary[1].longitude",
                "180");
    }

    private static void assertRefused(ResponseEntity<JsonNode> refused, HttpStatus status, String field, String says) {
        assertThat(refused.getStatusCode()).isEqualTo(status);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode error = refused.getBody().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("reason").asText()).contains(says);
    }

    private long territoryEventsOf(String organizationId) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type like 'io.haulstream.events.Territory%'"
                        + " and convert_from(payload, 'UTF8')::jsonb ->> 'organizationId' = ?",
                Long.class, organizationId);
    }

    /** A rectangle as the API takes it: latitude and longitude, closed. */
    private static List<Map<String, Double>> ring(double west, double south, double east, double north) {
        return List.of(
                point(south, west), point(south, east), point(north, east), point(north, west), point(south, west));
    }

    private static Map<String, Double> point(double latitude, double longitude) {
        return Map.of("latitude", latitude, "longitude", longitude);
    }

    private String organization() {
        return post("/api/v1/organizations", Map.of("name", "Territory Hauling"), null)
                .getBody()
                .get("id")
                .asText();
    }

    private ResponseEntity<JsonNode> exchange(RequestEntity<?> request) {
        return http.exchange(request, JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body, String idempotencyKey) {
        RequestEntity.BodyBuilder request = RequestEntity.post(path).contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request.body(body));
    }

    private static List<ConsumerRecord<String, byte[]>> readTopicFor(String key, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(key)) {
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

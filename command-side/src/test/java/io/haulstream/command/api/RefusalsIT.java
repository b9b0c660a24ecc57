package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * Refusals found by trying the API as a new user would: each one answers problem+json naming the
 * field, and none of them changes anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RefusalsIT {

    private static final int RACERS = 8;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void answersEveryLoserOfARaceForOneTagAsASingleDuplicateIsAnswered() throws Exception {
        String organizationId = organization();
        String customerId = customer(organizationId);
        String tag = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        var start = new CyclicBarrier(RACERS);
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            answers.add(racers.submit(() -> {
                start.await();
                return post("/api/v1/organizations/" + organizationId + "/bins", bin(customerId, tag, 240));
            }));
        }
        racers.shutdown();
        List<ResponseEntity<JsonNode>> replies = new ArrayList<>();
        for (var answer : answers) {
            replies.add(answer.get());
        }

        assertThat(replies)
                .filteredOn(r -> r.getStatusCode() == HttpStatus.CREATED)
                .hasSize(1);
        assertThat(replies)
                .filteredOn(r -> r.getStatusCode() != HttpStatus.CREATED)
                .allSatisfy(refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                    assertThat(refused.getBody()
                                    .get("errors")
                                    .get(0)
                                    .get("field")
                                    .asText())
                            .isEqualTo("tag");
                    assertThat(refused.getBody()
                                    .get("errors")
                                    .get(0)
                                    .get("reason")
                                    .asText())
                            .contains("already used");
                });
        assertThat(binEventsWithTag(tag)).isEqualTo(1);
    }

    @Test
    void refusesAFractionalCapacityInsteadOfTruncatingIt() {
        String organizationId = organization();
        String tag = "FRAC-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(bin(customer(organizationId), tag, 240));
        body.put("capacityLitres", 240.5);

        ResponseEntity<JsonNode> refused = post("/api/v1/organizations/" + organizationId + "/bins", body);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("capacityLitres");
        assertThat(refused.getBody().get("errors").get(0).get("reason").asText())
                .contains("whole number");
        assertThat(binEventsWithTag(tag)).isZero();
    }

    @Test
    void refusesAFractionalFillLevelInsteadOfTruncatingIt() {
        String organizationId = organization();
        String tag = "FILL-" + UUID.randomUUID().toString().substring(0, 8);
        String binId = post(
                        "/api/v1/organizations/" + organizationId + "/bins", bin(customer(organizationId), tag, 240))
                .getBody()
                .get("id")
                .asText();

        ResponseEntity<JsonNode> refused = post(
                "/api/v1/organizations/" + organizationId + "/bins/" + binId + "/fill-levels",
                Map.of("fillPercent", 50.7));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("fillPercent");
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, binId))
                .isEqualTo(1);
    }

    @Test
    void documentsCreatedRepliesIdempotencyKeysAndProblemRepliesInItsOpenApiDocument() {
        JsonNode paths = http.getForObject("/api/openapi", JsonNode.class).get("paths");

        for (String create : List.of(
                "/api/v1/organizations",
                "/api/v1/organizations/{organizationId}/customers",
                "/api/v1/organizations/{organizationId}/bins",
                "/api/v1/organizations/{organizationId}/routes")) {
            assertThat(paths.get(create).get("post").get("responses").has("201"))
                    .as(create)
                    .isTrue();
            assertThat(paths.get(create).get("post").get("responses").has("200"))
                    .as(create)
                    .isFalse();
        }
        List<JsonNode> commands = new ArrayList<>();
        paths.forEach(path -> path.fields().forEachRemaining(operation -> {
            if (!operation.getKey().equals("get")) {
                commands.add(operation.getValue());
            }
        }));
        assertThat(commands).hasSizeGreaterThan(10).allSatisfy(command -> {
            assertThat(command.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
            assertThat(command.get("responses").get("422").get("content").has("application/problem+json"))
                    .isTrue();
            assertThat(command.get("responses").get("400").get("content").has("application/problem+json"))
                    .isTrue();
        });
    }

    @Test
    void documentsTheBearerTokenAndItsRefusalsOnEveryOperation() {
        JsonNode document = http.getForObject("/api/openapi", JsonNode.class);

        JsonNode scheme = document.at("/components/securitySchemes/bearer");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("bearer")).isTrue();
        List<JsonNode> operations = new ArrayList<>();
        document.get("paths").forEach(path -> path.forEach(operations::add));
        assertThat(operations).hasSizeGreaterThan(10).allSatisfy(operation -> {
            for (String status : List.of("401", "403")) {
                assertThat(operation.at("/responses/" + status + "/content").has("application/problem+json"))
                        .as(status)
                        .isTrue();
            }
        });
    }

    private long binEventsWithTag(String tag) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type like '%BinPlaced'"
                        + " and convert_from(payload, 'UTF8')::jsonb ->> 'tag' = ?",
                Long.class, tag);
    }

    private static Map<String, Object> bin(String customerId, String tag, Object capacityLitres) {
        return Map.of(
                "customerId",
                customerId,
                "tag",
                tag,
                "containerType",
                "CART",
                "wasteStream",
                "RECYCLING",
                "capacityLitres",
                capacityLitres,
                "location",
                Map.of("latitude", 52.5, "longitude", 13.4));
    }

    private String organization() {
        return post("/api/v1/organizations", Map.of("name", "Refusals " + UUID.randomUUID()))
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

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.exchange(
                RequestEntity.post(path).contentType(MediaType.APPLICATION_JSON).body(body), JsonNode.class);
    }
}

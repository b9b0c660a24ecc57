package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.events.ConsistencyToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path through every server: HTTP command -> Axon aggregate -> PostgreSQL event store
 * -> relay -> Kafka -> projector -> PostGIS and Redis -> HTTP query with the command's token, and the
 * caller who sent the command named in the bin's audit trail.
 */
class HaulstreamPathIT {

    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.events." + UUID.randomUUID();
    // Fleet topics of its own, so the test's command side never takes a running system's records.
    private static final String FLEET = "e2e.fleet." + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Application commandSide;
    private static Application querySide;

    @BeforeAll
    static void startBothApplications() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(
                            new NewTopic(TOPIC, 3, (short) 1),
                            new NewTopic(FLEET, 1, (short) 1),
                            new NewTopic(FLEET + ".DLT", 1, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, String> environment = Map.of(
                "COMMAND_DB",
                env("COMMAND_TEST_DB", "haulstream_command_test"),
                "QUERY_DB",
                env("QUERY_TEST_DB", "haulstream_query_test"),
                "EVENTS_TOPIC",
                TOPIC,
                "PROJECTION_GROUP",
                "e2e-" + UUID.randomUUID(),
                "FLEET_TOPIC",
                FLEET,
                "FLEET_DLT_TOPIC",
                FLEET + ".DLT",
                "FLEET_GROUP",
                FLEET,
                "KAFKA_BOOTSTRAP_SERVERS",
                BOOTSTRAP);
        commandSide = Application.start("command-side", "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
        querySide = Application.start("query-side", "haulstream.querySideJar", "QUERY_SIDE_PORT", environment);
        commandSide.awaitReady(HTTP);
        querySide.awaitReady(HTTP);
    }

    @AfterAll
    static void stopBothApplications() throws InterruptedException {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void aBinPlacedOverHttpIsReadBackWithItsConsistencyToken() throws Exception {
        HttpResponse<String> organization =
                post(commandSide, "/api/v1/organizations", Map.of("name", "Eastside Waste " + UUID.randomUUID()));
        assertThat(organization.statusCode()).isEqualTo(201);
        String organizationId = JSON.readTree(organization.body()).get("id").asText();

        HttpResponse<String> customer = post(
                commandSide,
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of(
                        "name", "Viktualienmarkt Stand 7",
                        "serviceAddress", "Viktualienmarkt 3, Munich",
                        "location", Map.of("latitude", 48.1351, "longitude", 11.5762)));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(201);
        String customerId = JSON.readTree(customer.body()).get("id").asText();

        HttpResponse<String> placed = post(
                commandSide,
                "/api/v1/organizations/" + organizationId + "/bins",
                Map.of(
                        "customerId",
                        customerId,
                        "tag",
                        "ES-0001",
                        "containerType",
                        "FRONT_LOAD",
                        "wasteStream",
                        "ORGANIC",
                        "capacityLitres",
                        1100,
                        "location",
                        Map.of("latitude", 48.137154, "longitude", 11.576124)));
        assertThat(placed.statusCode()).isEqualTo(201);
        String token = placed.headers().firstValue("Consistency-Token").orElseThrow();
        String location = placed.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> read = Callers.send(
                HTTP,
                HttpRequest.newBuilder(querySide.uri(location + "?minPosition=" + token))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode bin = JSON.readTree(read.body());
        assertThat(bin.get("binId").asText())
                .isEqualTo(JSON.readTree(placed.body()).get("id").asText());
        assertThat(bin.get("organizationId").asText()).isEqualTo(organizationId);
        assertThat(bin.get("tag").asText()).isEqualTo("ES-0001");
        assertThat(bin.get("customerId").asText()).isEqualTo(customerId);
        assertThat(bin.get("wasteStream").asText()).isEqualTo("ORGANIC");
        assertThat(bin.get("capacityLitres").asInt()).isEqualTo(1100);
        assertThat(bin.get("location").get("latitude").asDouble()).isEqualTo(48.137154);
        assertThat(read.headers().firstValue("Projection-Position"))
                .hasValueSatisfying(position -> assertThat(position).matches("-?\\d+"));
        assertThat(ConsistencyToken.decode(token).aggregateId())
                .isEqualTo(bin.get("binId").asText());

        // The caller's token subject travels with the event through the relay into the audit trail.
        String caller = "test-caller";
        assertThat(bin.get("changedBy").asText()).isEqualTo(caller);
        HttpResponse<String> audit = Callers.send(
                HTTP,
                HttpRequest.newBuilder(querySide.uri(location + "/audit?minPosition=" + token))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode entry = JSON.readTree(audit.body()).get("entries").get(0);
        assertThat(entry.get("event").asText()).isEqualTo("BinPlaced");
        assertThat(entry.get("actor").get("subject").asText()).isEqualTo(caller);
        assertThat(entry.get("correlationId").asText()).isNotBlank();
    }

    private static HttpResponse<String> post(Application application, String path, Object body)
            throws IOException, InterruptedException {
        return Callers.send(
                HTTP,
                HttpRequest.newBuilder(application.uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}

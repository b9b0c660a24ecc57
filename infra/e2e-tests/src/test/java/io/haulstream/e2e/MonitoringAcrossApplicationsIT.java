package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monitoring across both packaged applications: the query side reads the command side's figures
 * over HTTP and they move with the commands sent; and every metric that an alert rule or a
 * dashboard panel names is one that the running applications expose.
 */
class MonitoringAcrossApplicationsIT {

    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.monitoring.events." + UUID.randomUUID();
    private static final String FLEET = "e2e.monitoring.fleet." + UUID.randomUUID();
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
        Map<String, String> environment = new HashMap<>(Map.of(
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
                BOOTSTRAP,
                "HAULSTREAM_DEAD_LETTERS_COUNT_INTERVAL",
                "500ms",
                "HAULSTREAM_MONITORING_COMMAND_SIDE_SCRAPE_INTERVAL",
                "500ms"));
        environment.put("HAULSTREAM_MONITORING_LAG_INTERVAL", "500ms");
        commandSide = Application.start(
                "monitoring-command-side", "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
        environment.put("COMMAND_SIDE_METRICS_URL", "http://127.0.0.1:" + commandSide.port + "/actuator/prometheus");
        querySide =
                Application.start("monitoring-query-side", "haulstream.querySideJar", "QUERY_SIDE_PORT", environment);
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
    void theCommandSidesFiguresMoveWithTheCommandsAndEveryWatchedMetricIsExposed() throws Exception {
        int commands = 0;
        String organizationId = id(post("/api/v1/organizations", Map.of("name", "Watched " + UUID.randomUUID())));
        commands++;
        String customerId = id(post(
                "/api/v1/organizations/" + organizationId + "/customers",
                Map.of("name", "Kiosk", "serviceAddress", "Platz 1", "location", point())));
        commands++;
        HttpResponse<String> placed = post(
                "/api/v1/organizations/" + organizationId + "/bins",
                Map.of(
                        "customerId",
                        customerId,
                        "tag",
                        "W-1",
                        "containerType",
                        "CART",
                        "wasteStream",
                        "GENERAL",
                        "capacityLitres",
                        240,
                        "location",
                        point()));
        commands++;
        String location = placed.headers().firstValue("Location").orElseThrow();
        String token = placed.headers().firstValue("Consistency-Token").orElseThrow();
        assertThat(get(querySide.uri(location + "?minPosition=" + token)).statusCode())
                .isEqualTo(200);
        assertThat(get(querySide.uri("/api/v1/organizations/" + organizationId
                                + "/bins/within?latitude=48.1&longitude=11.5&radiusMetres=5000"))
                        .statusCode())
                .isEqualTo(200);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(FLEET, "nobody", "{not a fleet record"))
                    .get();
        }

        int sent = commands;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode commandSideFigures = json(get(
                            querySide.managementUri("/health/database/performance/coordination")))
                    .get("commandSide");
            assertThat(commandSideFigures.get("available").asBoolean())
                    .as(commandSideFigures.toString())
                    .isTrue();
            assertThat(commandSideFigures.get("commands").get("total").asInt()).isEqualTo(sent);
            assertThat(commandSideFigures.get("commands").get("perSecond").isNumber())
                    .isTrue();
            assertThat(commandSideFigures.get("relayBacklogEvents").asDouble()).isZero();
            assertThat(commandSideFigures.get("deadLettersLastHour").asDouble()).isEqualTo(1);
            JsonNode pool = commandSideFigures.get("pools").elements().next();
            assertThat(pool.get("max").asDouble()).isEqualTo(20);
        });
        JsonNode deadLetters = json(get(commandSide.managementUri("/fleet/dead-letters")));
        assertThat(deadLetters.get("count").asInt()).isEqualTo(1);
        assertThat(deadLetters.get("deadLetters").get(0).get("reason").asText()).startsWith("not a fleet record");
        keep("dead-letters", deadLetters);
        keep("coordination", json(get(querySide.managementUri("/health/database/performance/coordination"))));
        keep("statistics", json(get(querySide.managementUri("/health/database/optimization/statistics"))));
        keep("spatial", json(get(querySide.managementUri("/health/database/spatial/performance"))));
        keep("health", JSON.readTree(get(querySide.uri("/actuator/health")).body()));
        HttpResponse<String> benchmark = Callers.send(
                HTTP,
                HttpRequest.newBuilder(querySide.managementUri("/health/database/performance/benchmark"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "families",
                                List.of("/api/v1/organizations/{organizationId}/bins/within"),
                                "seconds",
                                2))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        keep("benchmark", json(benchmark));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exposed = new TreeSet<>();
            exposed.addAll(names(get(commandSide.uri("/actuator/prometheus")).body()));
            exposed.addAll(names(get(querySide.uri("/actuator/prometheus")).body()));
            for (String expression : AlertRulesTest.expressions()) {
                assertThat(exposed).as(expression).containsAll(MetricNames.of(expression));
            }
        });
    }

    /** The replies as they were, in target/monitoring-samples, for the README's samples. */
    private static void keep(String name, JsonNode reply) throws IOException {
        java.nio.file.Path folder =
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "monitoring-samples"));
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(folder.resolve(name + ".json").toFile(), reply);
    }

    private static Set<String> names(String page) {
        Set<String> names = new TreeSet<>();
        for (String line : page.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Map<String, Object> point() {
        return Map.of("latitude", 48.1351, "longitude", 11.5762);
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static JsonNode json(HttpResponse<String> reply) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return Callers.send(HTTP, HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return Callers.send(
                HTTP,
                HttpRequest.newBuilder(commandSide.uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}

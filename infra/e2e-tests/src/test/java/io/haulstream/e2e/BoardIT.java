package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's board in a browser: the development issuer and both packaged applications on
 * the real servers, a small city made through the command API, then {@code board-test/board.test.mjs}
 * (playwright-core driving Debian's chromium, headless) signs in as the demo dispatcher on the
 * issuer's login form, loads the board the query side serves and checks it; its output is in
 * {@code target/board-test.log}, its screenshots land in {@code target/board-screenshots}.
 */
class BoardIT {

    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.board.events." + UUID.randomUUID();
    private static final String FLEET = "e2e.board.fleet." + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "board-screenshots");

    /** The demo dispatcher the browser signs in as, and the demo organization it acts for. */
    private static final String DISPATCHER = "spree-dispatcher";

    private static final String DISPATCHER_ORGANIZATION = "spree";

    /** The organization the demo dispatcher acts for in this run: its own id, see {@link DevIssuer#demoIdentitiesWith}. */
    private static final String ORGANIZATION = UUID.randomUUID().toString();

    private static DevIssuer issuer;
    private static Application commandSide;
    private static Application querySide;

    /** Machine clients of the demo: one registers the organization and its customer, one dispatches. */
    private static String administrator;

    private static String dispatcher;

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
        // The board's origin must be known to the issuer (which lets its page in) before the
        // query side starts (which trusts the issuer): its port is chosen first.
        int boardPort = Application.freePort();
        issuer = DevIssuer.start(
                "board-dev-issuer",
                DevIssuer.demoIdentitiesWith(DISPATCHER_ORGANIZATION, ORGANIZATION),
                "http://127.0.0.1:" + boardPort);
        Map<String, String> environment = new HashMap<>(issuer.trustedBy());
        environment.putAll(Map.of(
                "COMMAND_DB",
                env("COMMAND_TEST_DB", "haulstream_command_test"),
                "QUERY_DB",
                env("QUERY_TEST_DB", "haulstream_query_test"),
                "EVENTS_TOPIC",
                TOPIC,
                "PROJECTION_GROUP",
                "e2e-board-" + UUID.randomUUID(),
                "FLEET_TOPIC",
                FLEET,
                "FLEET_DLT_TOPIC",
                FLEET + ".DLT",
                "FLEET_GROUP",
                FLEET,
                "KAFKA_BOOTSTRAP_SERVERS",
                BOOTSTRAP));
        commandSide = Application.start("command-side", "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
        querySide =
                Application.start("query-side", "haulstream.querySideJar", "QUERY_SIDE_PORT", boardPort, environment);
        commandSide.awaitReady(HTTP);
        querySide.awaitReady(HTTP);
        administrator = issuer.clientToken("haulstream-demo-loader", "demo-loader-secret");
        dispatcher = issuer.clientToken("spree-dispatch", "spree-dispatch-secret");
    }

    @AfterAll
    static void stopBothApplications() throws InterruptedException {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void theBoardShowsTheApisNumbersFollowsACommandWithinASecondAndOpensABin() throws Exception {
        String organization = ORGANIZATION;
        String org = "/api/v1/organizations/" + organization;
        send("PUT", org, Map.of("name", DevIssuer.organizationName(DISPATCHER_ORGANIZATION)), administrator);
        String customer = id(send(
                "POST",
                org + "/customers",
                Map.of(
                        "name", "Corner Bakery",
                        "serviceAddress", "1 Main St",
                        "location", Map.of("latitude", 52.52, "longitude", 13.405)),
                administrator));
        String[] bands = {null, "10", "30", "60", "90"};
        String lastToken = null;
        List<String> bins = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> bin = new HashMap<>();
            bin.put("customerId", customer);
            bin.put("tag", "BRD-" + i);
            bin.put("containerType", "CART");
            bin.put("wasteStream", i % 2 == 0 ? "GENERAL" : "RECYCLING");
            bin.put("capacityLitres", 240);
            bin.put(
                    "location",
                    Map.of("latitude", 52.5200 + 0.0003 * (i / 5), "longitude", 13.4050 + 0.0005 * (i % 5)));
            JsonNode placed = post(org + "/bins", bin);
            bins.add(id(placed));
            lastToken = placed.get("consistencyToken").asText();
            if (bands[i % 5] != null) {
                lastToken = post(
                                org + "/bins/" + id(placed) + "/fill-levels",
                                Map.of("fillPercent", Integer.parseInt(bands[i % 5])))
                        .get("consistencyToken")
                        .asText();
            }
        }
        // A route along the first row of bins, driven today as far as its first stop.
        String route = id(post(
                org + "/routes",
                Map.of(
                        "name", "North 1",
                        "type", "RESIDENTIAL",
                        "serviceDay", "MONDAY",
                        "territory", "NORTH",
                        "path",
                                List.of(
                                        Map.of("latitude", 52.5199, "longitude", 13.4045),
                                        Map.of("latitude", 52.5201, "longitude", 13.4075)))));
        for (int stop = 0; stop < 5; stop++) {
            send("PUT", org + "/routes/" + route + "/stops/" + bins.get(stop), Map.of("stopIndex", stop));
        }
        send("PUT", org + "/routes/" + route + "/status", Map.of("status", "ACTIVE"));
        lastToken = post(
                        org + "/bins/" + bins.get(0) + "/services",
                        Map.of("routeId", route, "outcome", "EMPTIED", "weightKg", 12.5))
                .get("consistencyToken")
                .asText();
        // Everything above is projected before the page loads: the panel is compared with the API.
        HttpResponse<String> seen = HTTP.send(
                HttpRequest.newBuilder(querySide.uri(org + "/bins/" + bins.get(0) + "?minPosition=" + lastToken))
                        .header("Authorization", "Bearer " + dispatcher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seen.statusCode()).isEqualTo(200);

        Files.createDirectories(SCREENSHOTS);
        // Into a file of its own: writing to this JVM's own output would garble failsafe's channel.
        Path log = Path.of("target", "board-test.log");
        ProcessBuilder node = new ProcessBuilder("node", "board.test.mjs")
                .directory(Path.of("board-test").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("QUERY_URL", "http://127.0.0.1:" + querySide.port);
        node.environment().put("COMMAND_URL", "http://127.0.0.1:" + commandSide.port);
        node.environment().put("ORGANIZATION", organization);
        node.environment().put("CUSTOMER", customer);
        node.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        // The page signs in on the issuer's login form, as a person would; the browser test then
        // sends its own API calls with the token the page got, so its command is the dispatcher's.
        node.environment().put("SIGN_IN_USER", DISPATCHER);
        node.environment().put("SIGN_IN_PASSWORD", "demo");
        Process run = node.start();
        assertThat(run.waitFor(180, TimeUnit.SECONDS))
                .as("the browser test ends")
                .isTrue();
        assertThat(run.exitValue())
                .as("the browser test's exit code (its reason is printed above)")
                .isZero();
        assertThat(SCREENSHOTS.resolve("board.png")).exists();
        assertThat(SCREENSHOTS.resolve("bin-detail.png")).exists();
        assertThat(SCREENSHOTS.resolve("tablet.png")).exists();
    }

    /** As the demo's dispatcher client: bins and routes are a dispatcher's commands. */
    private static JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body, dispatcher);
    }

    private static JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        return send(method, path, body, dispatcher);
    }

    /** Sent as it is, not through {@link Callers}: these applications trust the issuer, not the test key. */
    private static JsonNode send(String method, String path, Object body, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(commandSide.uri(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as("%s answered %s", path, reply.body()).isBetween(200, 299);
        return JSON.readTree(reply.body());
    }

    private static String id(JsonNode reply) {
        return reply.get("id").asText();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

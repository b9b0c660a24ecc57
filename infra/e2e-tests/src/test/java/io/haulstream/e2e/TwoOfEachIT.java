package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command sides on one event store and two query sides in one consumer group, as packaged jars.
 * Bins are placed on one command side and at once made stops of routes on the other, while their
 * customers are renamed: a bin's events, its route's and its customer's travel on different
 * partitions and are projected by whichever query side holds each. Every read with a command's
 * token, answered by either query side, sees that command's write, and in the end both query
 * sides answer every bin with the route and customer name that the accepted commands gave it.
 */
class TwoOfEachIT {

    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.two.events." + UUID.randomUUID();
    private static final String FLEET = "e2e.two.fleet." + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BINS = 48;
    private static final int ROUTES = 4;
    private static final int CUSTOMERS = 4;

    private static final List<Application> commandSides = new ArrayList<>();
    private static final List<Application> querySides = new ArrayList<>();

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(
                            new NewTopic(TOPIC, 6, (short) 1),
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
                "e2e-two-" + UUID.randomUUID(),
                "FLEET_TOPIC",
                FLEET,
                "FLEET_DLT_TOPIC",
                FLEET + ".DLT",
                "FLEET_GROUP",
                FLEET,
                "KAFKA_BOOTSTRAP_SERVERS",
                BOOTSTRAP);
        // The first of each migrates its schema before the second starts.
        for (int i = 1; i <= 2; i++) {
            Application command = Application.start(
                    "two-command-side-" + i, "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
            command.awaitReady(HTTP);
            commandSides.add(command);
            Application query =
                    Application.start("two-query-side-" + i, "haulstream.querySideJar", "QUERY_SIDE_PORT", environment);
            query.awaitReady(HTTP);
            querySides.add(query);
        }
    }

    @AfterAll
    static void stopThem() throws InterruptedException {
        for (Application application : querySides) {
            application.close();
        }
        for (Application application : commandSides) {
            application.close();
        }
    }

    @Test
    void readsWithATokenOnEitherQuerySideSeeTheWriteAndBothEndWithTheTruth() throws Exception {
        String organization = "/api/v1/organizations/"
                + id(send(commandSides.get(0), post("/api/v1/organizations", Map.of("name", "Two Of Each"))));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(
                    id(send(commandSides.get(i % 2), post(organization + "/customers", customer("Customer " + i)))));
        }
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            routes.add(id(send(commandSides.get(i % 2), post(organization + "/routes", route("Route " + i)))));
        }
        Map<String, String> routeOfBin = new ConcurrentHashMap<>();
        Map<String, String> customerOfBin = new ConcurrentHashMap<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            int n = i;
            work.add(() -> {
                Application placing = commandSides.get(n % 2);
                Application assigning = commandSides.get((n + 1) % 2);
                String customer = customers.get(n % CUSTOMERS);
                HttpResponse<String> placed = send(placing, post(organization + "/bins", bin(customer, n)));
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
                String bin = id(placed);
                String route = routes.get(n % ROUTES);
                HttpResponse<String> assigned =
                        send(assigning, put(organization + "/routes/" + route + "/stops/" + bin, Map.of()));
                assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
                routeOfBin.put(bin, route);
                customerOfBin.put(bin, customer);
                // The bin's own token on one query side, then the assignment's on the other.
                JsonNode seen = read(querySides.get(n % 2), organization + "/bins/" + bin, token(placed));
                assertThat(seen.get("binId").asText()).isEqualTo(bin);
                JsonNode withRoute = read(querySides.get((n + 1) % 2), organization + "/bins/" + bin, token(assigned));
                assertThat(withRoute.path("routeId").asText(null))
                        .as("route of bin " + bin)
                        .isEqualTo(route);
                if (n % 6 == 5) {
                    String name = "Renamed " + n;
                    HttpResponse<String> renamed =
                            send(assigning, put(organization + "/customers/" + customer, customer(name)));
                    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, String> storedRoutes = truth(
                "select convert_from(payload, 'UTF8')::jsonb ->> 'binId', convert_from(payload, 'UTF8')::jsonb ->> 'routeId'"
                        + " from domain_event_entry where payload_type like '%.BinAssignedToRoute' and aggregate_identifier = any(?)",
                routes);
        assertThat(storedRoutes).as("every accepted assignment stored, once").isEqualTo(routeOfBin);
        // The renames raced each other: the customer's newest stored event names it.
        Map<String, String> storedNames = truth(
                "select distinct on (aggregate_identifier) aggregate_identifier,"
                        + " convert_from(payload, 'UTF8')::jsonb ->> 'name' from domain_event_entry"
                        + " where aggregate_identifier = any(?) order by aggregate_identifier, sequence_number desc",
                customers);

        for (Application querySide : querySides) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Map.Entry<String, String> bin : storedRoutes.entrySet()) {
                    JsonNode row = read(querySide, organization + "/bins/" + bin.getKey(), null);
                    assertThat(row.path("routeId").asText(null))
                            .as("route of bin " + bin.getKey())
                            .isEqualTo(bin.getValue());
                    assertThat(row.path("customerName").asText(null))
                            .as("customer name of bin " + bin.getKey())
                            .isEqualTo(storedNames.get(customerOfBin.get(bin.getKey())));
                }
            });
        }
    }

    /** Two columns of the event store, as the truth the read model is compared with. */
    private static Map<String, String> truth(String sql, List<String> aggregates) throws SQLException {
        Map<String, String> truth = new HashMap<>();
        try (Connection store = DriverManager.getConnection(
                        "jdbc:postgresql://" + env("PG_HOST", "127.0.0.1") + ":" + env("PG_PORT", "5432") + "/"
                                + env("COMMAND_TEST_DB", "haulstream_command_test"),
                        env("HAULSTREAM_DB_USER", "haulstream"),
                        env("HAULSTREAM_DB_PASSWORD", "haulstream"));
                PreparedStatement statement = store.prepareStatement(sql)) {
            statement.setArray(1, store.createArrayOf("text", aggregates.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assertThat(truth.put(rows.getString(1), rows.getString(2))).isNull();
                }
            }
        }
        return truth;
    }

    private static JsonNode read(Application querySide, String path, String token) throws Exception {
        HttpResponse<String> reply = send(querySide, get(path + (token == null ? "" : "?minPosition=" + token)));
        assertThat(reply.statusCode()).as(path + ": " + reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static Map<String, Object> customer(String name) {
        return Map.of(
                "name", name, "serviceAddress", "Main St 1", "location", Map.of("latitude", 52.5, "longitude", 13.4));
    }

    private static Map<String, Object> route(String name) {
        return Map.of(
                "name", name,
                "type", "RESIDENTIAL",
                "serviceDay", "MONDAY",
                "territory", "Mitte",
                "path",
                        List.of(
                                Map.of("latitude", 52.5, "longitude", 13.4),
                                Map.of("latitude", 52.51, "longitude", 13.41)));
    }

    private static Map<String, Object> bin(String customer, int n) {
        return Map.of(
                "customerId",
                customer,
                "tag",
                "TWO-" + n,
                "containerType",
                "CART",
                "wasteStream",
                "RECYCLING",
                "capacityLitres",
                240,
                "location",
                Map.of("latitude", 52.5 + n * 0.0001, "longitude", 13.4));
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static String token(HttpResponse<String> reply) {
        return reply.headers().firstValue("Consistency-Token").orElseThrow();
    }

    /** A request before it is sent to one instance or the other. */
    private record Request(String method, String path, String body) {}

    private static Request get(String path) {
        return new Request("GET", path, null);
    }

    private static Request post(String path, Object body) throws IOException {
        return new Request("POST", path, JSON.writeValueAsString(body));
    }

    private static Request put(String path, Object body) throws IOException {
        return new Request("PUT", path, JSON.writeValueAsString(body));
    }

    /** Every request of this class goes out here, so a header all of them need is added in one place. */
    private static HttpResponse<String> send(Application application, Request request)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(application.uri(request.path()));
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        }
        return Callers.send(HTTP, builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}

package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The fault suite of {@code infra/faults.sh}: two command sides and two query sides on the script's
 * private servers, under a steady load ({@link FaultLoad}), go through one fault after the other.
 * After each the suite waits until every instance reads fresh again, pauses the load, and waits
 * for the read model and Redis to equal the truth folded from the event store
 * ({@link StatisticsReadModel}); then it counts what was acknowledged, stored, projected, lost and
 * applied twice ({@link FaultLedger}). Only run when asked ({@code -Dfaults=short|full}).
 */
@EnabledIfSystemProperty(named = "faults", matches = "short|full")
class FaultSuiteIT {

    private static final boolean SHORT = "short".equals(System.getProperty("faults"));
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PG_PORT = env("PG_PORT", "none");
    private static final String BROKER = env("KAFKA_BOOTSTRAP_SERVERS", "none");
    private static final Duration RECOVERY = Duration.ofSeconds(180);

    private static final List<Application> commandSides = new ArrayList<>();
    private static final List<Application> querySides = new ArrayList<>();
    private static DelayingProxy proxy;
    private static RedissonClient redis;
    private static FaultLoad load;

    private final List<String> organizations = new ArrayList<>();
    private final Map<String, List<String>> customers = new HashMap<>();
    private final List<String> fleetBins = new ArrayList<>();

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        // Faults are injected into these servers: never the shared ones.
        assertThat(PG_PORT).isNotIn("none", "5432");
        assertThat(env("REDIS_PORT", "6379")).isNotEqualTo("6379");
        assertThat(BROKER).doesNotContain(":9092").isNotEqualTo("none");
        proxy = new DelayingProxy(
                Integer.parseInt(env("FAULTS_KAFKA_PROXY_PORT", "9194")),
                Integer.parseInt(env("FAULTS_KAFKA_CLIENT_PORT", "9195")));
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + env("FAULTS_KAFKA_PROXY_PORT", "9194"),
                "COMMAND_DB", env("COMMAND_DB", "haulstream_command"),
                "QUERY_DB", env("QUERY_DB", "haulstream_query"));
        for (int i = 1; i <= 2; i++) {
            commandSides.add(started(Application.start(
                    "fault-command-side-" + i, "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment)));
            querySides.add(started(Application.start(
                    "fault-query-side-" + i, "haulstream.querySideJar", "QUERY_SIDE_PORT", environment)));
        }
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + env("REDIS_PORT", "6379"));
        redis = Redisson.create(config);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (load != null) {
            load.close();
        }
        if (redis != null) {
            redis.shutdown();
        }
        for (Application application : querySides) {
            if (application.alive()) {
                application.signal("CONT");
            }
            application.close();
        }
        for (Application application : commandSides) {
            application.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void losesNothingDoublesNothingAndLeavesNothingStaleThroughEveryFault() throws Exception {
        setUp();
        StatisticsReadModel readModel = new StatisticsReadModel(
                env("PG_HOST", "127.0.0.1"),
                PG_PORT,
                env("COMMAND_DB", "haulstream_command"),
                env("QUERY_DB", "haulstream_query"),
                organizations);
        FaultLedger ledger = new FaultLedger(readModel);
        FaultReport report = new FaultReport(
                Path.of("target", "faults"), SHORT ? "short" : "full", env("FAULTS_NETEM_NOTE", "not probed"));
        load = new FaultLoad(
                commandSides,
                organizations.subList(0, 3),
                customers,
                fleetBins,
                BROKER,
                env("FLEET_TOPIC", "haulstream.fleet.inbound"));
        load.start();
        Duration steady = Duration.ofSeconds(SHORT ? 5 : 30);
        Duration session = Duration.ofSeconds(SHORT ? 15 : 30);
        Duration redisDown = Duration.ofSeconds(SHORT ? 10 : 30);
        Duration delayed = Duration.ofSeconds(SHORT ? 15 : 60);

        fault(report, ledger, readModel, steady, "kill -9 of query side 1", () -> {
            querySides.get(0).crash();
            return () -> restart(querySides.get(0));
        });
        fault(report, ledger, readModel, steady, "kill -9 of command side 1", () -> {
            commandSides.get(0).crash();
            return () -> restart(commandSides.get(0));
        });
        fault(report, ledger, readModel, steady, "SIGSTOP of query side 2 for " + session.toSeconds() + " s", () -> {
            querySides.get(1).signal("STOP");
            hold(session);
            return () -> querySides.get(1).signal("CONT");
        });
        fault(report, ledger, readModel, steady, "Kafka broker restart", () -> {
            server("kafka", "stop");
            return () -> server("kafka", "start");
        });
        fault(report, ledger, readModel, steady, "Redis down " + redisDown.toSeconds() + " s", () -> {
            server("redis", "stop");
            hold(redisDown);
            return () -> server("redis", "start");
        });
        fault(report, ledger, readModel, steady, "PostgreSQL restart", () -> {
            server("postgres", "stop");
            return () -> server("postgres", "start");
        });
        fault(
                report,
                ledger,
                readModel,
                steady,
                "200 ms each way on the broker for " + delayed.toSeconds() + " s",
                () -> {
                    proxy.delay(200);
                    hold(delayed);
                    return () -> proxy.delay(0);
                });

        for (FaultReport.Row row : report.rows()) {
            assertThat(row.acknowledged())
                    .as("commands acknowledged during " + row.fault())
                    .isPositive();
        }
        assertThat(report.rows())
                .as("faults with something lost, doubled or differing; see target/faults/fault-report.md")
                .allMatch(FaultReport.Row::clean);
    }

    /** Injects a fault, which returns how to heal it. */
    private interface Fault {
        Heal inject() throws Exception;
    }

    private interface Heal {
        void heal() throws Exception;
    }

    private void fault(
            FaultReport report,
            FaultLedger ledger,
            StatisticsReadModel readModel,
            Duration steady,
            String name,
            Fault fault)
            throws Exception {
        FaultLoad.Window window = load.window(name);
        hold(steady);
        long injected = System.nanoTime();
        Heal heal = fault.inject();
        double held = (System.nanoTime() - injected) / 1e9;
        heal.heal();
        long healed = System.nanoTime();
        awaitFresh();
        double fresh = (System.nanoTime() - healed) / 1e9;
        load.pause();
        try {
            long paused = System.nanoTime();
            List<String> differences = new ArrayList<>();
            int[] counts = new int[2];
            try {
                // Redis or PostgreSQL may still refuse the suite's own clients for a moment after a fault.
                await().atMost(RECOVERY)
                        .pollInterval(Duration.ofSeconds(2))
                        .ignoreExceptions()
                        .until(() -> {
                            StatisticsTruth truth = readModel.truth();
                            List<String> rows = readModel.rowDifferences(truth);
                            List<String> cache = readModel.cacheDifferences(redis, FaultSuiteIT::read, false);
                            differences.clear();
                            differences.addAll(rows);
                            differences.addAll(cache);
                            counts[0] = rows.size();
                            counts[1] = cache.size();
                            return differences.isEmpty() && ledger.settled(window);
                        });
            } catch (org.awaitility.core.ConditionTimeoutException stillDiffering) {
                // reported below with the differences
            }
            double equal = (System.nanoTime() - paused) / 1e9;
            FaultLedger.Count count = ledger.count(window);
            report.add(new FaultReport.Row(
                    name,
                    held,
                    count.acknowledged(),
                    count.stored(),
                    count.projected(),
                    count.lost(),
                    count.appliedTwice(),
                    counts[0],
                    counts[1],
                    window.errorCounts(),
                    fresh,
                    equal,
                    differences.stream().limit(10).toList()));
        } finally {
            load.resume();
        }
    }

    /**
     * Until each command side takes a write again and each query side answers it with its token:
     * a fill level reported for a fleet bin, read back as that bin.
     */
    private void awaitFresh() {
        await().atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    for (Application commandSide : commandSides) {
                        String bin = fleetBins.get(0);
                        HttpResponse<String> reported = send(
                                commandSide,
                                HttpRequest.newBuilder(commandSide.uri("/api/v1/organizations/" + organizations.get(3)
                                                + "/bins/" + bin + "/fill-levels"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"fillPercent\":50}")));
                        if (reported.statusCode() / 100 != 2) {
                            return false;
                        }
                        String token = reported.headers()
                                .firstValue("Consistency-Token")
                                .orElseThrow();
                        for (Application querySide : querySides) {
                            HttpResponse<String> read = send(
                                    querySide,
                                    HttpRequest.newBuilder(querySide.uri("/api/v1/organizations/" + organizations.get(3)
                                            + "/bins/" + bin + "?minPosition=" + token)));
                            if (read.statusCode() != 200) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
    }

    private static HttpResponse<String> send(Application application, HttpRequest.Builder request) throws IOException {
        try {
            return Callers.send(
                    HTTP, request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = Callers.send(
                HTTP,
                HttpRequest.newBuilder(querySides.get(0).uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return StatisticsExactnessIT.JSON.readTree(reply.body());
    }

    private void setUp() throws Exception {
        Application commandSide = commandSides.get(0);
        Random dice = new Random(15);
        for (int o = 0; o < 4; o++) {
            String organization = id(post(commandSide, "/api/v1/organizations", Map.of("name", "Faults " + o)));
            organizations.add(organization);
            for (String system : List.of(RandomCommands.FLEET_SYSTEM, FaultLoad.FLEET_SYSTEM)) {
                HttpResponse<String> bound = send(
                        commandSide,
                        HttpRequest.newBuilder(commandSide.managementUri(
                                        "/fleet/systems/" + system + "/organizations/" + organization))
                                .header("Authorization", "Bearer " + Callers.MINT.operator())
                                .PUT(HttpRequest.BodyPublishers.noBody()));
                assertThat(bound.statusCode()).as(bound.body()).isEqualTo(204);
            }
            List<String> ofOrganization = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                ofOrganization.add(id(post(
                        commandSide,
                        "/api/v1/organizations/" + organization + "/customers",
                        Map.of(
                                "name",
                                "Customer " + c,
                                "serviceAddress",
                                "Street " + c,
                                "location",
                                RandomCommands.point(dice)))));
            }
            customers.put(organization, ofOrganization);
        }
        // The fleet records' bins, in an organization the random commands leave alone.
        String fleet = organizations.get(3);
        for (int b = 0; b < 12; b++) {
            HttpResponse<String> placed = post(
                    commandSide,
                    "/api/v1/organizations/" + fleet + "/bins",
                    RandomCommands.bin(customers.get(fleet).get(0), "FLEET-" + b, dice));
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            fleetBins.add(id(placed));
        }
    }

    private static HttpResponse<String> post(Application commandSide, String path, Object body) throws IOException {
        HttpResponse<String> reply = send(
                commandSide,
                HttpRequest.newBuilder(commandSide.uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                StatisticsExactnessIT.JSON.writeValueAsString(body))));
        assertThat(reply.statusCode() / 100).as(path + ": " + reply.body()).isEqualTo(2);
        return reply;
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        return StatisticsExactnessIT.JSON.readTree(reply.body()).get("id").asText();
    }

    private static Application started(Application application) throws Exception {
        application.awaitReady(HTTP);
        writePid(application);
        return application;
    }

    private static void restart(Application application) throws Exception {
        application.restart();
        writePid(application);
        application.awaitReady(HTTP);
    }

    /** faults.sh kills whatever a failed run left behind by these pid files. */
    private static void writePid(Application application) throws IOException {
        Path apps = Files.createDirectories(Path.of(env("FAULTS_DIR", "target/faults-run"), "apps"));
        Files.writeString(apps.resolve(application.port + ".pid"), Long.toString(application.pid()));
    }

    /** The script's handle on its private servers: faults.sh server NAME ACTION. */
    private static void server(String name, String action) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(env("FAULTS_SCRIPT", "../faults.sh"), "server", name, action)
                .inheritIO()
                .start();
        assertThat(process.waitFor())
                .as("faults.sh server " + name + " " + action)
                .isZero();
    }

    /** Lets the load run (or a fault last) for the duration. */
    private static void hold(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}

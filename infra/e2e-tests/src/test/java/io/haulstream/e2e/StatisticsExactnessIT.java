package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Drives three thousand random commands (eight at a time) through both applications, crashes the
 * query side in the middle, then compares every route and bin statistic and every daily count,
 * in PostgreSQL and in Redis, with the truth recomputed from the event store. It then replays
 * the whole topic from the start and compares again: duplicates must change nothing. The commands
 * include territories created, reshaped and retired, bins moved and route paths changed, so bins
 * and routes move between territories both ways; their territory counts are checked against a
 * truth computed here with JTS (planar point in polygon, the earliest created territory where
 * several cover a point), apart from PostGIS.
 */
class StatisticsExactnessIT {

    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String TOPIC = "e2e.statistics.events." + UUID.randomUUID();
    // Fleet topics of its own, so the test's command side never takes a running system's records.
    private static final String FLEET = "e2e.statistics.fleet." + UUID.randomUUID();
    private static final String GROUP = "e2e-statistics-" + UUID.randomUUID();
    private static final String COMMAND_DB = env("COMMAND_TEST_DB", "haulstream_command_test");
    private static final String QUERY_DB = env("QUERY_TEST_DB", "haulstream_query_test");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final int COMMANDS = 3_000;

    private static Application commandSide;
    private static Application querySide;
    private static RedissonClient redis;

    private final Random random = new Random(42);
    private final List<String> organizations = new ArrayList<>();
    private final Map<String, List<String>> customers = new HashMap<>();
    private final Map<String, List<String>> bins = new ConcurrentHashMap<>();
    private final Map<String, List<String>> routes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> territories = new ConcurrentHashMap<>();
    private final RandomCommands randomCommands = new RandomCommands(
            new RandomCommands.Http() {
                @Override
                public HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
                    return StatisticsExactnessIT.post(path, body);
                }

                @Override
                public HttpResponse<String> put(String path, Object body) throws IOException, InterruptedException {
                    return StatisticsExactnessIT.put(path, body);
                }

                @Override
                public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
                    return send(HttpRequest.newBuilder(commandSide.uri(path)).DELETE());
                }
            },
            organizations,
            customers,
            bins,
            routes,
            territories);
    private final StatisticsReadModel readModel = new StatisticsReadModel(
            env("PG_HOST", "127.0.0.1"), env("PG_PORT", "5432"), COMMAND_DB, QUERY_DB, organizations);

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
                "COMMAND_DB", COMMAND_DB,
                "QUERY_DB", QUERY_DB,
                "EVENTS_TOPIC", TOPIC,
                "PROJECTION_GROUP", GROUP,
                "FLEET_TOPIC", FLEET,
                "FLEET_DLT_TOPIC", FLEET + ".DLT",
                "FLEET_GROUP", FLEET,
                "KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP);
        commandSide = Application.start(
                "statistics-command-side", "haulstream.commandSideJar", "COMMAND_SIDE_PORT", environment);
        querySide =
                Application.start("statistics-query-side", "haulstream.querySideJar", "QUERY_SIDE_PORT", environment);
        commandSide.awaitReady(HTTP);
        querySide.awaitReady(HTTP);
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + env("REDIS_PORT", "6379"));
        redis = Redisson.create(config);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (redis != null) {
            redis.shutdown();
        }
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void keepsEveryStatisticExactThroughConcurrencyACrashAndAReplay() throws Exception {
        setUp();
        AtomicInteger done = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<?>> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            long seed = random.nextLong();
            commands.add(load.submit(() -> {
                randomCommands.randomCommand(new Random(seed));
                done.incrementAndGet();
                return null;
            }));
            if (i % 5 == 0) {
                load.submit(() -> readABinWithoutToken(new Random(seed)));
            }
        }
        while (done.get() < COMMANDS / 2) {
            Thread.sleep(20);
        }
        querySide.crash();
        querySide.restart();
        for (Future<?> command : commands) {
            command.get();
        }
        load.shutdown();
        for (String kind : RandomCommands.KINDS) {
            assertThat(randomCommands.accepted(kind))
                    .as("accepted commands of kind '%s' (all: %s)", kind, randomCommands.acceptedByKind())
                    .isGreaterThanOrEqualTo(RandomCommands.MIN_ACCEPTED_OF_EACH_KIND);
        }
        querySide.awaitReady(HTTP);

        StatisticsTruth truth = readModel.truth();
        assertThat(truth.binsInTerritories())
                .as("bins the truth puts in some territory")
                .isPositive();
        awaitProjectionEquals(truth);
        assertThat(readModel.routePerformance()).isEqualTo(truth.routePerformance());
        assertRedisEqualsPostgres();

        querySide.crash();
        try (Connection query = readModel.query()) {
            query.createStatement()
                    .executeUpdate("delete from read_model.projection_offsets where consumer_group = '" + GROUP + "'");
        }
        querySide.restart();
        querySide.awaitReady(HTTP);
        awaitReplayed();
        assertThat(readModel.projected()).isEqualTo(truth.expected());
        assertThat(readModel.routePerformance()).isEqualTo(truth.routePerformance());
        assertRedisEqualsPostgres();
    }

    @Test
    void answersAQueryWithACommandsTokenWithThatCommandsEffect() throws Exception {
        HttpResponse<String> registered = post("/api/v1/organizations", Map.of("name", "Token Co"));
        String organization = id(registered);
        awaitPipelineWarm(
                organization,
                registered.headers().firstValue("Consistency-Token").orElseThrow());
        String customer = id(post(
                "/api/v1/organizations/" + organization + "/customers",
                Map.of("name", "C", "serviceAddress", "A 1", "location", RandomCommands.point(new Random(1)))));
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> placed = post(
                    "/api/v1/organizations/" + organization + "/bins",
                    RandomCommands.bin(customer, "T-" + i, new Random(i)));
            JsonNode statistics = get("/api/v1/organizations/" + organization + "/statistics/bins?minPosition="
                    + placed.headers().firstValue("Consistency-Token").orElseThrow());
            assertThat(statistics.get("bins").get("total").asLong()).isEqualTo(i);
            String binId = id(placed);
            HttpResponse<String> changed = put(
                    "/api/v1/organizations/" + organization + "/bins/" + binId + "/status",
                    Map.of("status", "MAINTENANCE"));
            statistics = get("/api/v1/organizations/" + organization + "/statistics/bins?minPosition="
                    + changed.headers().firstValue("Consistency-Token").orElseThrow());
            assertThat(statistics.get("bins").get("byStatus").get("MAINTENANCE").asLong())
                    .isEqualTo(i);
        }
    }

    /**
     * Right after start-up the relay's producer and the projection's consumer group are still
     * forming, which can outlast the query's bounded wait; that answer (503, retry) is the contract,
     * so the test waits it out once before asserting that every token is honoured within the wait.
     */
    private static void awaitPipelineWarm(String organization, String token) throws Exception {
        for (int attempt = 0; attempt < 60; attempt++) {
            HttpResponse<String> reply = Callers.send(
                    HTTP,
                    HttpRequest.newBuilder(querySide.uri(
                                    "/api/v1/organizations/" + organization + "/statistics/bins?minPosition=" + token))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 200) {
                return;
            }
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(503);
        }
        throw new AssertionError("the organization's registration was not projected within 60 waits");
    }

    private void setUp() throws Exception {
        for (int o = 0; o < 3; o++) {
            String organization = id(post("/api/v1/organizations", Map.of("name", "Stats " + o)));
            organizations.add(organization);
            // The services name their fleet system, which may touch only the organizations an operator bound it to.
            assertThat(send(HttpRequest.newBuilder(commandSide.managementUri("/fleet/systems/"
                                            + RandomCommands.FLEET_SYSTEM + "/organizations/" + organization))
                                    .header("Authorization", "Bearer " + Callers.MINT.operator())
                                    .PUT(HttpRequest.BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(204);
            bins.put(organization, new CopyOnWriteArrayList<>());
            routes.put(organization, new CopyOnWriteArrayList<>());
            territories.put(organization, new CopyOnWriteArrayList<>());
            List<String> ofOrganization = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                ofOrganization.add(id(post(
                        "/api/v1/organizations/" + organization + "/customers",
                        Map.of(
                                "name",
                                "Customer " + c,
                                "serviceAddress",
                                "Street " + c,
                                "location",
                                RandomCommands.point(random)))));
            }
            customers.put(organization, ofOrganization);
        }
    }

    private void awaitProjectionEquals(StatisticsTruth truth) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(readModel.projected()).isEqualTo(truth.expected()));
    }

    /**
     * Each organization's cached bin and route statistics equal what PostgreSQL answers. The cache
     * is written after the batch's commit, so both are awaited alike, not read once.
     */
    private void assertRedisEqualsPostgres() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(readModel.cacheDifferences(redis, StatisticsExactnessIT::get, true))
                        .isEmpty());
    }

    private void awaitReplayed() throws Exception {
        long end;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
            }
            end = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
        for (int attempt = 0; attempt < 240; attempt++) {
            try (Connection query = readModel.query();
                    var rows = query.createStatement()
                            .executeQuery("select coalesce(sum(next_offset), 0) from read_model.projection_offsets"
                                    + " where consumer_group = '" + GROUP + "'")) {
                rows.next();
                if (rows.getLong(1) >= end) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the replay did not reach the end of " + TOPIC);
    }

    private static String id(HttpResponse<String> reply) throws IOException {
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(commandSide.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static HttpResponse<String> put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(commandSide.uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return Callers.send(HTTP, request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * As a dispatcher's board does, so Redis holds some bins whose later changes each batch must
     * write to them. The bin may not be projected yet, or the query side down for its crash: the
     * answer does not matter here, what Redis holds afterwards is compared at the end.
     */
    private void readABinWithoutToken(Random dice) {
        String organization = organizations.get(dice.nextInt(organizations.size()));
        List<String> ofBins = bins.get(organization);
        if (ofBins.isEmpty()) {
            return;
        }
        try {
            send(HttpRequest.newBuilder(querySide.uri(
                    "/api/v1/organizations/" + organization + "/bins/" + ofBins.get(dice.nextInt(ofBins.size())))));
        } catch (IOException e) {
            // the query side is down for its crash
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = Callers.send(
                HTTP, HttpRequest.newBuilder(querySide.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}

package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
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
    private static final String FLEET_SYSTEM = "e2e-trucks";
    private static final String GROUP = "e2e-statistics-" + UUID.randomUUID();
    private static final String COMMAND_DB = env("COMMAND_TEST_DB", "haulstream_command_test");
    private static final String QUERY_DB = env("QUERY_TEST_DB", "haulstream_query_test");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
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
                randomCommand(new Random(seed));
                done.incrementAndGet();
                return null;
            }));
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
        querySide.awaitReady(HTTP);

        Truth truth = truthFromEventStore();
        assertThat(truth.binsInTerritories())
                .as("bins the truth puts in some territory")
                .isPositive();
        awaitProjectionEquals(truth);
        assertRedisEqualsPostgres();

        querySide.crash();
        try (Connection query = query()) {
            query.createStatement()
                    .executeUpdate("delete from read_model.projection_offsets where consumer_group = '" + GROUP + "'");
        }
        querySide.restart();
        querySide.awaitReady(HTTP);
        awaitReplayed();
        assertThat(projected()).isEqualTo(truth.expected());
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
                Map.of("name", "C", "serviceAddress", "A 1", "location", point(new Random(1)))));
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> placed =
                    post("/api/v1/organizations/" + organization + "/bins", bin(customer, "T-" + i, new Random(i)));
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
            // The services below name their fleet system, which may touch only the organizations it is bound to.
            assertThat(send(HttpRequest.newBuilder(commandSide.managementUri(
                                            "/fleet/systems/" + FLEET_SYSTEM + "/organizations/" + organization))
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
                        Map.of("name", "Customer " + c, "serviceAddress", "Street " + c, "location", point(random)))));
            }
            customers.put(organization, ofOrganization);
        }
    }

    /** One command, chosen at random; many are refused by the rules, which is part of the test. */
    private void randomCommand(Random dice) throws Exception {
        String organization = organizations.get(dice.nextInt(organizations.size()));
        String base = "/api/v1/organizations/" + organization;
        List<String> ofBins = bins.get(organization);
        List<String> ofRoutes = routes.get(organization);
        List<String> ofTerritories = territories.get(organization);
        if (dice.nextInt(100) < 8) {
            territoryCommand(dice, base, ofTerritories);
            return;
        }
        if (dice.nextInt(100) < 6 && !ofBins.isEmpty()) {
            put(base + "/bins/" + ofBins.get(dice.nextInt(ofBins.size())) + "/location", point(dice));
            return;
        }
        if (dice.nextInt(100) < 3 && !ofRoutes.isEmpty()) {
            put(
                    base + "/routes/" + ofRoutes.get(dice.nextInt(ofRoutes.size())) + "/geometry",
                    Map.of("path", List.of(point(dice), point(dice))));
            return;
        }
        int roll = dice.nextInt(100);
        if (roll < 30 || ofBins.isEmpty()) {
            String customer = customers.get(organization).get(dice.nextInt(2));
            HttpResponse<String> placed = post(base + "/bins", bin(customer, "R-" + UUID.randomUUID(), dice));
            if (placed.statusCode() == 201) {
                ofBins.add(id(placed));
            }
        } else if (roll < 38 || ofRoutes.isEmpty()) {
            HttpResponse<String> created = post(
                    base + "/routes",
                    Map.of(
                            "name", "Route",
                            "type", pick(dice, "RESIDENTIAL", "COMMERCIAL", "ROLL_OFF", "RECYCLING"),
                            "serviceDay", pick(dice, "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                            "territory", "T",
                            "path", List.of(point(dice), point(dice))));
            if (created.statusCode() == 201) {
                ofRoutes.add(id(created));
            }
        } else {
            String bin = ofBins.get(dice.nextInt(ofBins.size()));
            String route = ofRoutes.get(dice.nextInt(ofRoutes.size()));
            if (roll < 48) {
                put(
                        base + "/bins/" + bin + "/status",
                        Map.of("status", pick(dice, "ACTIVE", "INACTIVE", "MAINTENANCE", "RETIRED")));
            } else if (roll < 62) {
                post(base + "/bins/" + bin + "/fill-levels", Map.of("fillPercent", dice.nextInt(101)));
            } else if (roll < 82) {
                post(
                        base + "/bins/" + bin + "/services",
                        Map.of(
                                "routeId", route,
                                "outcome",
                                        pick(
                                                dice,
                                                "EMPTIED",
                                                "EMPTIED",
                                                "EMPTIED",
                                                "MISSED",
                                                "BLOCKED",
                                                "CONTAMINATED",
                                                "NOT_OUT"),
                                "weightKg", dice.nextInt(50),
                                "fleetSystem", FLEET_SYSTEM,
                                "fleetRecordId", UUID.randomUUID().toString()));
            } else if (roll < 85) {
                send(HttpRequest.newBuilder(commandSide.uri(base + "/bins/" + bin))
                        .DELETE());
            } else if (roll < 95) {
                put(
                        base + "/routes/" + route + "/status",
                        Map.of("status", pick(dice, "ACTIVE", "IN_PROGRESS", "COMPLETED", "SUSPENDED")));
            } else if (roll < 98) {
                put(base + "/routes/" + route + "/stops/" + bin, Map.of());
            } else {
                send(HttpRequest.newBuilder(commandSide.uri(base + "/routes/" + route))
                        .DELETE());
            }
        }
    }

    /**
     * Creates a territory (a random rectangle over part of the bins' area, often overlapping
     * another), reshapes one or retires one. Names repeat now and then, which the rule refuses.
     */
    private void territoryCommand(Random dice, String base, List<String> ofTerritories) throws Exception {
        int roll = dice.nextInt(10);
        if (roll < 5 || ofTerritories.isEmpty()) {
            HttpResponse<String> created = post(
                    base + "/territories",
                    Map.of("name", "Territory " + dice.nextInt(40), "boundary", rectangle(dice)));
            if (created.statusCode() == 201) {
                ofTerritories.add(id(created));
            }
        } else if (roll < 8) {
            put(
                    base + "/territories/" + ofTerritories.get(dice.nextInt(ofTerritories.size())) + "/boundary",
                    Map.of("boundary", rectangle(dice)));
        } else {
            send(HttpRequest.newBuilder(commandSide.uri(
                            base + "/territories/" + ofTerritories.get(dice.nextInt(ofTerritories.size()))))
                    .DELETE());
        }
    }

    /** A closed ring inside the bins' area: a tenth to a half of it in each direction. */
    private static List<Map<String, Object>> rectangle(Random dice) {
        double west = 13.3 + dice.nextDouble() * 0.15;
        double south = 52.4 + dice.nextDouble() * 0.15;
        double east = west + 0.02 + dice.nextDouble() * 0.08;
        double north = south + 0.02 + dice.nextDouble() * 0.08;
        return List.of(
                Map.of("latitude", south, "longitude", west),
                Map.of("latitude", south, "longitude", east),
                Map.of("latitude", north, "longitude", east),
                Map.of("latitude", north, "longitude", west),
                Map.of("latitude", south, "longitude", west));
    }

    /** The statistics as the event store says they must be, folded from every stored event. */
    private Truth truthFromEventStore() throws SQLException, IOException {
        Truth truth = new Truth(organizations);
        try (Connection store = DriverManager.getConnection(
                        "jdbc:postgresql://" + env("PG_HOST", "127.0.0.1") + ":" + env("PG_PORT", "5432") + "/"
                                + COMMAND_DB,
                        "haulstream",
                        "haulstream");
                var rows = store.createStatement()
                        .executeQuery("select payload_type, convert_from(payload, 'UTF8') from domain_event_entry"
                                + " order by global_index")) {
            while (rows.next()) {
                String type = rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1);
                var eventType = HaulstreamEvent.typeNamed(type).orElseThrow();
                truth.apply(JSON.readValue(rows.getString(2), eventType));
            }
        }
        return truth;
    }

    private void awaitProjectionEquals(Truth truth) throws Exception {
        Map<String, Object> projected = Map.of();
        for (int attempt = 0; attempt < 120; attempt++) {
            projected = projected();
            if (projected.equals(truth.expected())) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(projected).isEqualTo(truth.expected());
    }

    /** Every count of the test's organizations in the read model, shaped like {@link Truth#expected()}. */
    private Map<String, Object> projected() throws SQLException {
        Map<String, Object> all = new TreeMap<>();
        try (Connection query = query()) {
            for (String organization : organizations) {
                for (String table : List.of("bin", "route")) {
                    Map<String, Long> counts = new TreeMap<>();
                    try (var rows = query.createStatement()
                            .executeQuery("select dimension, value, count from read_model." + table
                                    + "_statistics where count <> 0 and scope = '" + organization + "'")) {
                        while (rows.next()) {
                            counts.put(rows.getString(1) + "=" + rows.getString(2), rows.getLong(3));
                        }
                    }
                    all.put(organization + "/" + table, counts);
                }
                Map<String, Long> daily = new TreeMap<>();
                try (var rows = query.createStatement()
                        .executeQuery("select day, serviced, missed, exceptions from read_model.bin_service_daily"
                                + " where scope = '" + organization + "'")) {
                    while (rows.next()) {
                        String day = rows.getString(1);
                        daily.put(day + "/serviced", rows.getLong(2));
                        daily.put(day + "/missed", rows.getLong(3));
                        daily.put(day + "/exceptions", rows.getLong(4));
                    }
                }
                daily.values().removeIf(count -> count == 0);
                all.put(organization + "/daily", daily);
            }
        }
        return all;
    }

    private void assertRedisEqualsPostgres() throws Exception {
        for (String organization : organizations) {
            JsonNode fromPostgres = get(
                    "/api/v1/organizations/" + organization + "/statistics/bins?minPosition=" + anyToken(organization));
            for (int attempt = 0; attempt < 50; attempt++) {
                String cached = redis.<String, String>getMap("stats:bins:" + organization, StringCodec.INSTANCE)
                        .get("body");
                if (cached != null && JSON.readTree(cached).equals(fromPostgres.get("bins"))) {
                    break;
                }
                Thread.sleep(100);
            }
            String cached = redis.<String, String>getMap("stats:bins:" + organization, StringCodec.INSTANCE)
                    .get("body");
            assertThat(JSON.readTree(cached)).isEqualTo(fromPostgres.get("bins"));
            String cachedRoutes = redis.<String, String>getMap("stats:routes:" + organization, StringCodec.INSTANCE)
                    .get("body");
            JsonNode routesFromPostgres = get("/api/v1/organizations/" + organization
                    + "/statistics/routes?minPosition=" + anyToken(organization));
            assertThat(JSON.readTree(cachedRoutes)).isEqualTo(routesFromPostgres);
        }
    }

    /** A token of the organization's registration: makes the query read PostgreSQL, not Redis. */
    private String anyToken(String organization) {
        return new io.haulstream.events.ConsistencyToken(organization, 0, 0).encode();
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
            try (Connection query = query();
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

    private static Connection query() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + env("PG_HOST", "127.0.0.1") + ":" + env("PG_PORT", "5432") + "/" + QUERY_DB,
                "haulstream",
                "haulstream");
    }

    private static Map<String, Object> bin(String customer, String tag, Random dice) {
        return Map.of(
                "customerId",
                customer,
                "tag",
                tag,
                "containerType",
                pick(dice, "CART", "FRONT_LOAD", "REAR_LOAD", "ROLL_OFF", "COMPACTOR"),
                "wasteStream",
                pick(dice, "GENERAL", "RECYCLING", "ORGANIC", "GLASS"),
                "capacityLitres",
                240,
                "location",
                point(dice));
    }

    private static Map<String, Object> point(Random dice) {
        return Map.of("latitude", 52.4 + dice.nextDouble() * 0.2, "longitude", 13.3 + dice.nextDouble() * 0.2);
    }

    private static String pick(Random dice, String... values) {
        return values[dice.nextInt(values.length)];
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

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = Callers.send(
                HTTP, HttpRequest.newBuilder(querySide.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }

    /** Bins and routes of the test's organizations as the events say they are, and their counts. */
    private static final class Truth {

        private final List<String> organizations;
        private final Map<String, String[]> bins = new HashMap<>();
        private final Map<String, String[]> routes = new HashMap<>();
        private final Map<String, Map<String, Long>> daily = new HashMap<>();
        private final Map<String, double[]> binPlaces = new HashMap<>();
        private final Map<String, double[]> routeStarts = new HashMap<>();
        private final Map<String, TerritoryTruth> territories = new HashMap<>();

        /** An active territory: its organization, when it was created, and its area. */
        private record TerritoryTruth(
                String organizationId, java.time.Instant createdAt, org.locationtech.jts.geom.Polygon area) {}

        private static final GeometryFactory PLANAR = new GeometryFactory();

        Truth(List<String> organizations) {
            this.organizations = organizations;
        }

        void apply(HaulstreamEvent event) {
            if (event instanceof BinPlaced placed) {
                binPlaces.put(placed.binId(), place(placed.location()));
                bins.put(placed.binId(), new String[] {
                    placed.organizationId(),
                    "ACTIVE",
                    placed.wasteStream().name(),
                    placed.containerType().name(),
                    "UNKNOWN"
                });
            } else if (event instanceof BinStatusChanged changed) {
                bins.get(changed.binId())[1] = changed.to().name();
            } else if (event instanceof BinFillLevelReported reported) {
                bins.get(reported.binId())[4] = band(reported.fillPercent());
            } else if (event instanceof BinServiced serviced) {
                String outcome =
                        switch (serviced.outcome()) {
                            case EMPTIED -> "serviced";
                            case MISSED -> "missed";
                            default -> "exceptions";
                        };
                String day = serviced.servicedAt().atOffset(ZoneOffset.UTC).toLocalDate() + "/" + outcome;
                daily.computeIfAbsent(serviced.organizationId(), key -> new TreeMap<>())
                        .merge(day, 1L, Long::sum);
                if (serviced.outcome() == ServiceOutcome.EMPTIED) {
                    bins.get(serviced.binId())[4] = "0-24";
                }
            } else if (event instanceof BinRemoved removed) {
                bins.remove(removed.binId());
            } else if (event instanceof BinMoved moved) {
                binPlaces.put(moved.binId(), place(moved.location()));
            } else if (event instanceof RouteGeometryChanged changed) {
                routeStarts.put(changed.routeId(), place(changed.path().get(0)));
            } else if (event instanceof TerritoryCreated created) {
                territories.put(
                        created.territoryId(),
                        new TerritoryTruth(created.organizationId(), created.createdAt(), area(created.boundary())));
            } else if (event instanceof TerritoryReshaped reshaped) {
                TerritoryTruth was = territories.get(reshaped.territoryId());
                territories.put(
                        reshaped.territoryId(),
                        new TerritoryTruth(was.organizationId(), was.createdAt(), area(reshaped.boundary())));
            } else if (event instanceof TerritoryRetired retired) {
                territories.remove(retired.territoryId());
            } else if (event instanceof RouteCreated created) {
                routeStarts.put(created.routeId(), place(created.path().get(0)));
                routes.put(created.routeId(), new String[] {
                    created.organizationId(),
                    "PLANNED",
                    created.type().name(),
                    created.serviceDay().name()
                });
            } else if (event instanceof RouteStatusChanged changed) {
                routes.get(changed.routeId())[1] = changed.to().name();
            } else if (event instanceof RouteDeleted deleted) {
                routes.remove(deleted.routeId());
            }
        }

        Map<String, Object> expected() {
            Map<String, Object> all = new TreeMap<>();
            for (String organization : organizations) {
                Map<String, Long> binCounts = new TreeMap<>();
                bins.entrySet().stream()
                        .filter(b -> b.getValue()[0].equals(organization))
                        .forEach(entry -> {
                            String[] b = entry.getValue();
                            binCounts.merge(
                                    "territory=" + territoryOf(organization, binPlaces.get(entry.getKey())),
                                    1L,
                                    Long::sum);
                            binCounts.merge("status=" + b[1], 1L, Long::sum);
                            binCounts.merge("waste_stream=" + b[2], 1L, Long::sum);
                            binCounts.merge("container_type=" + b[3], 1L, Long::sum);
                            binCounts.merge("fill_band=" + b[4], 1L, Long::sum);
                        });
                Map<String, Long> routeCounts = new TreeMap<>();
                routes.entrySet().stream()
                        .filter(r -> r.getValue()[0].equals(organization))
                        .forEach(entry -> {
                            String[] r = entry.getValue();
                            routeCounts.merge(
                                    "territory=" + territoryOf(organization, routeStarts.get(entry.getKey())),
                                    1L,
                                    Long::sum);
                            routeCounts.merge("status=" + r[1], 1L, Long::sum);
                            routeCounts.merge("type=" + r[2], 1L, Long::sum);
                            routeCounts.merge("service_day=" + r[3], 1L, Long::sum);
                        });
                all.put(organization + "/bin", binCounts);
                all.put(organization + "/route", routeCounts);
                all.put(organization + "/daily", new TreeMap<>(daily.getOrDefault(organization, Map.of())));
            }
            return all;
        }

        long binsInTerritories() {
            return bins.entrySet().stream()
                    .filter(entry -> !territoryOf(entry.getValue()[0], binPlaces.get(entry.getKey()))
                            .equals("NONE"))
                    .count();
        }

        /** Brute force: every active territory of the organization, the earliest created that covers the place. */
        private String territoryOf(String organization, double[] place) {
            var point = PLANAR.createPoint(new Coordinate(place[0], place[1]));
            return territories.entrySet().stream()
                    .filter(t -> t.getValue().organizationId().equals(organization))
                    .filter(t -> t.getValue().area().covers(point))
                    .min((a, b) -> {
                        int byTime =
                                a.getValue().createdAt().compareTo(b.getValue().createdAt());
                        return byTime != 0 ? byTime : a.getKey().compareTo(b.getKey());
                    })
                    .map(Map.Entry::getKey)
                    .orElse("NONE");
        }

        private static double[] place(io.haulstream.events.GeoPoint point) {
            return new double[] {point.longitude(), point.latitude()};
        }

        private static org.locationtech.jts.geom.Polygon area(List<io.haulstream.events.GeoPoint> ring) {
            return PLANAR.createPolygon(ring.stream()
                    .map(p -> new Coordinate(p.longitude(), p.latitude()))
                    .toArray(Coordinate[]::new));
        }

        private static String band(int fillPercent) {
            if (fillPercent < 25) {
                return "0-24";
            }
            if (fillPercent < 50) {
                return "25-49";
            }
            return fillPercent < 75 ? "50-74" : "75-100";
        }
    }
}

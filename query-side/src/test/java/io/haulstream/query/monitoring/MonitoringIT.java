package io.haulstream.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import io.haulstream.query.ScaleCity;
import io.haulstream.testtokens.TokenMint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitoring endpoints under real load on the real servers: events projected, queries sent,
 * and each figure checked against what the test itself sent or did (counts, rows from the replies,
 * an index created and never read, an index dropped). The command side is not running here: its
 * figures must say they are unavailable and why, not show numbers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "haulstream.monitoring.command-side-metrics=http://127.0.0.1:9/actuator/prometheus",
            "haulstream.monitoring.sample-interval=200ms",
            "haulstream.monitoring.lag-interval=200ms",
            "haulstream.monitoring.command-side-scrape-interval=200ms",
            // Any served query is over this p95, so health must turn degraded and name the cause.
            "haulstream.monitoring.thresholds.api-p95=0ms"
        })
@ActiveProfiles("it")
class MonitoringIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final String WITHIN = "/api/v1/organizations/{organizationId}/bins/within";
    private static final String NEAREST = "/api/v1/organizations/{organizationId}/bins/nearest";
    private static final String SPATIAL_INDEX = "bins_organization_active_location_idx";

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.monitoring");

    private static String organizationId;
    private static List<String> binIds;

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ManagementConnector management;

    @Autowired
    private JdbcTemplate jdbc;

    private TestRestTemplate operator;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    @BeforeEach
    void city() throws Exception {
        operator = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://127.0.0.1:" + management.port())
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION, "Bearer " + TokenMint.test().operator()));
        if (organizationId != null) {
            return;
        }
        String organization = UUID.randomUUID().toString();
        String customer = UUID.randomUUID().toString();
        List<ConsistencyToken> tokens = new ArrayList<>();
        tokens.add(events.publish(new OrganizationRegistered(organization, "Watched Co", AT), 0));
        tokens.add(events.publish(
                new CustomerRegistered(customer, organization, "Shop", "Main St 1", new GeoPoint(13.405, 52.52), AT),
                0));
        List<String> bins = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            String binId = UUID.randomUUID().toString();
            GeoPoint location = new GeoPoint(13.405 + n * 0.001, 52.52 + n * 0.0005);
            tokens.add(events.publish(
                    new BinPlaced(
                            binId,
                            organization,
                            customer,
                            "M-" + n,
                            ContainerType.CART,
                            WasteStream.GENERAL,
                            240,
                            location,
                            AT),
                    0));
            bins.add(binId);
        }
        for (ConsistencyToken token : tokens) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.getForEntity(
                                            "/api/v1/organizations/any/bins?size=1&minPosition={token}",
                                            String.class,
                                            token.encode())
                                    .getStatusCode()
                            == HttpStatus.OK);
        }
        organizationId = organization;
        binIds = List.copyOf(bins);
    }

    @Test
    void coordinationCountsEveryQuerySentWithItsRowsAndShowsTheCommandSideUnavailable() {
        JsonNode before = coordination();
        long withinBefore = count(before, WITHIN);
        double rowsBefore = rowsTotal(before, WITHIN);
        double cacheBefore = cacheRequests(before, "bin");

        long rows = 0;
        for (int n = 0; n < 25; n++) {
            JsonNode reply = within(500 + n * 40);
            rows += reply.get("bins").size();
        }
        for (String binId : binIds) {
            assertThat(http.getForEntity("/api/v1/organizations/{org}/bins/{bin}", String.class, organizationId, binId)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        long sentRows = rows;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode after = coordination();
            assertThat(count(after, WITHIN)).isEqualTo(withinBefore + 25);
            assertThat(rowsTotal(after, WITHIN)).isEqualTo(rowsBefore + sentRows);
            JsonNode family = after.get("queryFamilies").get(WITHIN);
            assertThat(family.get("p95Ms").asDouble()).isPositive();
            assertThat(family.get("p99Ms").asDouble())
                    .isGreaterThanOrEqualTo(family.get("p50Ms").asDouble());
            assertThat(family.get("windowCount").asDouble()).isGreaterThanOrEqualTo(25);
            assertThat(family.get("spatial").asBoolean()).isTrue();
            assertThat(cacheRequests(after, "bin")).isEqualTo(cacheBefore + binIds.size());
        });
        JsonNode after = coordination();
        JsonNode pool = after.get("pools").get("querySide").elements().next();
        assertThat(pool.get("max").asDouble()).isEqualTo(20);
        assertThat(pool.get("active").asDouble() + pool.get("idle").asDouble()).isPositive();
        assertThat(after.get("caches").get("outboxBacklogBatches").isNumber()).isTrue();

        // Everything published was projected: each partition is caught up, and events were applied.
        JsonNode projection = after.get("projection");
        assertThat(projection.get("available").asBoolean()).isTrue();
        assertThat(projection.get("partitions").size()).isEqualTo(3);
        long published = 0;
        for (JsonNode partition : projection.get("partitions")) {
            assertThat(partition.get("events").asLong()).isZero();
            published += partition.get("nextOffset").asLong();
        }
        assertThat(published).isGreaterThanOrEqualTo(2 + binIds.size());
        assertThat(projection.get("eventsPerSecond").asDouble()).isPositive();

        JsonNode commandSide = after.get("commandSide");
        assertThat(commandSide.get("available").asBoolean()).isFalse();
        assertThat(commandSide.get("reason").asText()).contains("127.0.0.1:9");
        assertThat(after.get("pools").get("commandSide").get("available").asBoolean())
                .isFalse();
    }

    @Test
    void statisticsReportAnIndexNoQueryReadsAsUnused() {
        jdbc.execute("create index if not exists monitoring_it_unused_idx on read_model.bins (capacity_litres)");
        try {
            within(1000);
            JsonNode statistics = operator.getForObject("/health/database/optimization/statistics", JsonNode.class);
            assertThat(texts(statistics.get("unusedIndexes"))).contains("monitoring_it_unused_idx");
            assertThat(statistics.get("recommendations").toString())
                    .contains("unused-index")
                    .contains("monitoring_it_unused_idx");
            assertThat(statistics.get("tables").toString()).contains("\"table_name\":\"bins\"");
            // infra/servers.sh turns it on wherever the tests run.
            assertThat(statistics.get("autovacuum").asBoolean()).isTrue();
            assertThat(statistics.get("recommendations").toString()).doesNotContain("autovacuum-off");
            JsonNode slowest = statistics.get("slowestStatements");
            if (!slowest.get("available").asBoolean()) {
                assertThat(slowest.get("reason").asText()).contains("pg_stat_statements");
            } else {
                assertThat(slowest.get("statements").size()).isPositive();
            }
            double ratio = statistics.get("bufferCache").get("hitRatio").asDouble();
            assertThat(ratio).isBetween(0.0, 1.0);
            // On a real city the radius queries of a large organization read the spatial index: its
            // scans are counted, so it is not unused.
            ScaleCity.load(jdbc);
            assertThat(http.getForEntity(
                                    "/api/v1/organizations/{org}/bins/within?latitude=52.5&longitude=13.4&radiusMetres=1000",
                                    JsonNode.class,
                                    ScaleCity.ORGANIZATION)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            texts(operator.getForObject("/health/database/optimization/statistics", JsonNode.class)
                                    .get("unusedIndexes")))
                    .doesNotContain(SPATIAL_INDEX));
        } finally {
            jdbc.execute("drop index if exists read_model.monitoring_it_unused_idx");
        }
    }

    @Test
    void aDroppedSpatialIndexTurnsItsPlanCheckRed() {
        // At a dozen rows any index is as good as another; the check is meant for a real city.
        ScaleCity.load(jdbc);
        JsonNode green = spatial(true);
        assertThat(check(green, WITHIN).get("usesIntendedIndex").asBoolean())
                .as("%s", check(green, WITHIN))
                .isTrue();
        assertThat(check(green, NEAREST).get("usesIntendedIndex").asBoolean())
                .as("%s", check(green, NEAREST))
                .isTrue();
        assertThat(green.get("gistIndexes").has(SPATIAL_INDEX)).isTrue();
        within(800);
        assertThat(spatial(false).get("families").has(WITHIN)).isTrue();

        String definition = jdbc.queryForObject(
                "select pg_get_indexdef('read_model." + SPATIAL_INDEX + "'::regclass)", String.class);
        jdbc.execute("drop index read_model." + SPATIAL_INDEX);
        try {
            JsonNode red = spatial(true);
            assertThat(check(red, WITHIN).get("usesIntendedIndex").asBoolean()).isFalse();
            assertThat(texts(check(red, WITHIN).get("indexesUsed"))).doesNotContain(SPATIAL_INDEX);
            assertThat(check(red, NEAREST).get("usesIntendedIndex").asBoolean()).isFalse();
        } finally {
            jdbc.execute(definition);
        }
        assertThat(check(spatial(true), WITHIN).get("usesIntendedIndex").asBoolean())
                .isTrue();
    }

    @Test
    void benchmarkReplaysRealRequestsOneRunAtATimeAndComparesWithThePreviousRun() throws Exception {
        within(1500);
        Map<String, Object> body = Map.of("families", List.of(WITHIN), "seconds", 2, "concurrency", 2);
        CompletableFuture<ResponseEntity<JsonNode>> first = CompletableFuture.supplyAsync(() -> benchmark(body));
        await().atMost(Duration.ofSeconds(5)).until(() -> benchmark(body).getStatusCode() == HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> run = first.get();
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode family = run.getBody().get("families").get(WITHIN);
        assertThat(family.get("requests").asLong()).isPositive();
        assertThat(family.get("errors").asLong()).isZero();
        assertThat(family.get("p95Ms").asDouble()).isPositive();

        JsonNode second = benchmark(body).getBody().get("families").get(WITHIN);
        assertThat(second.get("comparison").get("previousP95Ms").asDouble())
                .isEqualTo(family.get("p95Ms").asDouble());
        assertThat(second.get("comparison").has("regression")).isTrue();

        assertRefused(benchmark(Map.of("families", List.of(WITHIN), "seconds", 61)), "seconds");
        assertRefused(benchmark(Map.of("families", List.of("/api/v1/no/such/family"))), "families");
    }

    @Test
    void healthIsDegradedNamingTheCauseAndTheEndpointsStayOffTheApiPort() {
        within(700);
        ResponseEntity<JsonNode> health = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.getBody()
                        .get("components")
                        .get("thresholds")
                        .get("details")
                        .get("causes")
                        .toString())
                .contains("query p95")
                .contains(WITHIN);
        assertThat(http.getForEntity("/health/database/performance/coordination", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(operator.getForEntity("/api/v1/organizations/any/bins", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private JsonNode within(double radiusMetres) {
        ResponseEntity<JsonNode> reply = http.getForEntity(
                "/api/v1/organizations/{org}/bins/within?latitude=52.52&longitude=13.405&radiusMetres={r}",
                JsonNode.class,
                organizationId,
                radiusMetres);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        return reply.getBody();
    }

    private JsonNode coordination() {
        return operator.getForObject("/health/database/performance/coordination", JsonNode.class);
    }

    private JsonNode spatial(boolean recheck) {
        return operator.getForObject("/health/database/spatial/performance?recheck=" + recheck, JsonNode.class);
    }

    private ResponseEntity<JsonNode> benchmark(Map<String, Object> body) {
        return operator.postForEntity("/health/database/performance/benchmark", body, JsonNode.class);
    }

    private static JsonNode check(JsonNode spatial, String family) {
        for (JsonNode check : spatial.get("planChecks")) {
            if (check.get("family").asText().equals(family)) {
                return check;
            }
        }
        throw new AssertionError("no plan check of " + family + " in " + spatial);
    }

    private static long count(JsonNode coordination, String family) {
        JsonNode figures = coordination.get("queryFamilies").get(family);
        return figures == null ? 0 : figures.get("count").asLong();
    }

    private static double rowsTotal(JsonNode coordination, String family) {
        JsonNode figures = coordination.get("queryFamilies").get(family);
        return figures == null ? 0 : figures.get("rowsTotal").asDouble();
    }

    private static double cacheRequests(JsonNode coordination, String family) {
        JsonNode figures = coordination.get("caches").get("families").get(family);
        return figures == null
                ? 0
                : figures.get("hits").asDouble() + figures.get("misses").asDouble();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void assertRefused(ResponseEntity<JsonNode> reply, String field) {
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.getBody().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}

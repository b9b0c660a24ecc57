package io.haulstream.query.territories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Territories on the real servers. The territory of every bin and route, the territory counters,
 * the {@code territory=} filter and the territory reads are compared with a truth computed here,
 * by brute force with JTS (planar point in polygon, the earliest created territory where several
 * cover a point), after territory, bin and route events were published in random interleavings
 * over the partitions: in one batch or several, a territory's event before or after a bin's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TerritoryProjectionIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final GeometryFactory PLANAR = new GeometryFactory();
    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.territories");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    /** One aggregate's events in order, on a partition of its own choosing. */
    private record Script(String aggregateId, int partition, List<HaulstreamEvent> events) {}

    /** The world as its last events leave it: what the truth is computed from. */
    private static final class World {
        final String organizationId = UUID.randomUUID().toString();
        final Map<String, List<GeoPoint>> territories = new LinkedHashMap<>();
        final Map<String, Instant> createdAt = new HashMap<>();
        final Map<String, GeoPoint> bins = new TreeMap<>();
        final Map<String, GeoPoint> routeStarts = new TreeMap<>();
        final List<Script> scripts = new ArrayList<>();

        /** The earliest created active territory whose boundary covers the point, or null. */
        String territoryOf(GeoPoint point) {
            return territories.entrySet().stream()
                    .filter(entry -> polygon(entry.getValue())
                            .covers(PLANAR.createPoint(new Coordinate(point.longitude(), point.latitude()))))
                    .min((a, b) -> {
                        int byTime = createdAt.get(a.getKey()).compareTo(createdAt.get(b.getKey()));
                        return byTime != 0 ? byTime : a.getKey().compareTo(b.getKey());
                    })
                    .map(Map.Entry::getKey)
                    .orElse(null);
        }

        Map<String, String> binTerritories() {
            Map<String, String> truth = new TreeMap<>();
            bins.forEach((bin, location) -> truth.put(bin, location == null ? null : territoryOf(location)));
            return truth;
        }

        Map<String, String> routeTerritories() {
            Map<String, String> truth = new TreeMap<>();
            routeStarts.forEach((route, start) -> truth.put(route, start == null ? null : territoryOf(start)));
            return truth;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void derivesEveryBinsAndRoutesTerritoryAndCountsThemWhateverTheOrderOfArrival(long seed) throws Exception {
        World world = randomWorld(new Random(seed));

        publishInterleaved(world, new Random(seed * 31));

        Map<String, String> binTruth = world.binTerritories();
        Map<String, String> routeTruth = world.routeTerritories();
        assertThat(storedTerritories("bins", "bin_id", world.organizationId)).isEqualTo(binTruth);
        assertThat(storedTerritories("routes", "route_id", world.organizationId))
                .isEqualTo(routeTruth);
        assertThat(counters("bin_statistics", world.organizationId)).isEqualTo(counts(world.bins, binTruth));
        assertThat(counters("route_statistics", world.organizationId)).isEqualTo(counts(world.routeStarts, routeTruth));
        assertThat(binTruth.values())
                .as("the world puts some bins in territories")
                .anyMatch(t -> t != null);
    }

    @Test
    void filtersBinListsByTerritoryAndReadsTerritoriesWithTheirCounts() throws Exception {
        World world = randomWorld(new Random(99));
        publishInterleaved(world, new Random(7));
        Map<String, String> truth = world.binTerritories();
        String path = "/api/v1/organizations/" + world.organizationId;

        for (String territoryId : world.territories.keySet()) {
            List<String> expected = truth.entrySet().stream()
                    .filter(entry -> territoryId.equals(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            JsonNode page = http.getForObject(path + "/bins?size=500&territory=" + territoryId, JsonNode.class);
            assertThat(ids(page.get("bins"), "binId")).isEqualTo(expected);
            assertThat(page.get("bins").findValuesAsText("territoryId")).allMatch(territoryId::equals);

            JsonNode territory = http.getForObject(path + "/territories/" + territoryId, JsonNode.class);
            assertThat(territory.get("bins").asLong()).isEqualTo(expected.size());
            assertThat(territory.get("boundary"))
                    .hasSize(world.territories.get(territoryId).size());
        }
        List<String> inNone = truth.entrySet().stream()
                .filter(entry -> entry.getValue() == null && world.bins.get(entry.getKey()) != null)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(ids(
                        http.getForObject(path + "/bins?size=500&territory=none", JsonNode.class)
                                .get("bins"),
                        "binId"))
                .isEqualTo(inNone);
        Map<String, String> routeTruth = world.routeTerritories();
        for (String territoryId : world.territories.keySet()) {
            List<String> expected = routeTruth.entrySet().stream()
                    .filter(entry -> territoryId.equals(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            JsonNode routes = http.getForObject(path + "/routes?limit=500&territory=" + territoryId, JsonNode.class);
            assertThat(ids(routes.get("routes"), "routeId")).isEqualTo(expected);
        }
        assertThat(ids(http.getForObject(path + "/territories", JsonNode.class), "territoryId"))
                .containsExactlyInAnyOrderElementsOf(world.territories.keySet());
    }

    /**
     * The specification of {@code territory=} on the map reads: exactly the rows of the unfiltered
     * read whose bin or route the truth puts in that territory (or in none), in the same order.
     */
    @Test
    void filtersTheMapReadsByTerritoryKeepingTheirOrder() throws Exception {
        World world = randomWorld(new Random(5));
        publishInterleaved(world, new Random(11));
        Map<String, String> routeTruth = world.routeTerritories();
        Map<String, String> binTruth = world.binTerritories();
        String routes = "/api/v1/organizations/" + world.organizationId + "/routes";
        List<String> filters = new ArrayList<>(world.territories.keySet());
        filters.add(TerritoryFilter.NONE);
        String within = routes + "/within?latitude=52.5&longitude=13.4&radiusMetres=30000";
        String crossing = routes + "/crossing?west=13.2&south=52.4&east=13.6&north=52.6";
        int nonEmpty = 0;
        for (String filter : filters) {
            for (String read : List.of(within, crossing)) {
                List<String> all = ids(http.getForObject(read, JsonNode.class).get("routes"), "routeId");
                List<String> filtered = ids(
                        http.getForObject(read + "&territory=" + filter, JsonNode.class)
                                .get("routes"),
                        "routeId");
                assertThat(filtered).as(read + " in " + filter).isEqualTo(inTerritory(all, routeTruth, filter));
                nonEmpty += filtered.isEmpty() ? 0 : 1;
            }
            for (String routeId : routeTruth.keySet()) {
                if (world.routeStarts.get(routeId) == null) {
                    continue;
                }
                String along = routes + "/" + routeId + "/bins?withinMetres=1000";
                List<String> all = ids(http.getForObject(along, JsonNode.class).get("bins"), "binId");
                List<String> filtered = ids(
                        http.getForObject(along + "&territory=" + filter, JsonNode.class)
                                .get("bins"),
                        "binId");
                assertThat(filtered).as(along + " in " + filter).isEqualTo(inTerritory(all, binTruth, filter));
                nonEmpty += filtered.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("filtered reads that found something").isGreaterThan(filters.size());
    }

    private static List<String> inTerritory(List<String> ids, Map<String, String> truth, String filter) {
        String wanted = TerritoryFilter.NONE.equals(filter) ? null : filter;
        return ids.stream().filter(id -> Objects.equals(truth.get(id), wanted)).toList();
    }

    @Test
    void aBinMovedIntoATerritoryAndTheTerritoryRetiredAfterwardsFollowsBoth() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String territoryId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        List<GeoPoint> square = rectangle(13.40, 52.50, 13.42, 52.52);
        events.publishTo(0, placed(binId, organizationId, new GeoPoint(13.30, 52.40)), 0);
        events.publishTo(1, new TerritoryCreated(territoryId, organizationId, "Mitte", square, AT), 0);
        events.publishTo(0, new BinMoved(binId, organizationId, new GeoPoint(13.41, 52.51), AT), 1);
        String path = "/api/v1/organizations/" + organizationId;

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(http.getForObject(path + "/bins/" + binId, JsonNode.class)
                                .path("territoryId")
                                .asText())
                        .isEqualTo(territoryId));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(http.getForObject(path + "/statistics/bins", JsonNode.class)
                                .path("bins")
                                .path("byTerritory")
                                .path(territoryId)
                                .asLong())
                        .isEqualTo(1));

        events.publishTo(1, new TerritoryRetired(territoryId, organizationId, AT), 1);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(http.getForObject(path + "/bins/" + binId, JsonNode.class)
                                .path("territoryId")
                                .isNull())
                        .isTrue());
        ResponseEntity<JsonNode> retired = http.getForEntity(path + "/territories/" + territoryId, JsonNode.class);
        assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(counters("bin_statistics", organizationId)).isEqualTo(Map.of("NONE", 1L));
    }

    private World randomWorld(Random random) {
        World world = new World();
        int partitionOfTerritories = random.nextInt(PARTITIONS);
        for (int t = 0; t < 4; t++) {
            String id = UUID.randomUUID().toString();
            List<HaulstreamEvent> script = new ArrayList<>();
            List<GeoPoint> boundary = randomRectangle(random);
            Instant created = AT.plusSeconds(t);
            script.add(new TerritoryCreated(id, world.organizationId, "Territory " + t, boundary, created));
            if (random.nextBoolean()) {
                boundary = randomRectangle(random);
                script.add(new TerritoryReshaped(id, world.organizationId, boundary, AT));
            }
            boolean retired = random.nextInt(4) == 0;
            if (retired) {
                script.add(new TerritoryRetired(id, world.organizationId, AT));
            } else {
                world.territories.put(id, boundary);
                world.createdAt.put(id, created);
            }
            world.scripts.add(new Script(id, (partitionOfTerritories + t) % PARTITIONS, script));
        }
        for (int b = 0; b < 40; b++) {
            String id = UUID.randomUUID().toString();
            GeoPoint location = randomPoint(random);
            List<HaulstreamEvent> script = new ArrayList<>();
            script.add(placed(id, world.organizationId, location));
            if (random.nextInt(3) == 0) {
                location = randomPoint(random);
                script.add(new BinMoved(id, world.organizationId, location, AT));
            }
            if (random.nextInt(8) == 0) {
                script.add(new BinRemoved(id, world.organizationId, AT));
                location = null;
            }
            world.bins.put(id, location);
            world.scripts.add(new Script(id, random.nextInt(PARTITIONS), script));
        }
        for (int r = 0; r < 8; r++) {
            String id = UUID.randomUUID().toString();
            List<GeoPoint> path = List.of(randomPoint(random), randomPoint(random), randomPoint(random));
            List<HaulstreamEvent> script = new ArrayList<>();
            script.add(new RouteCreated(
                    id,
                    world.organizationId,
                    "Route " + r,
                    RouteType.RESIDENTIAL,
                    DayOfWeek.MONDAY,
                    "label",
                    path,
                    AT));
            if (random.nextInt(3) == 0) {
                path = List.of(randomPoint(random), randomPoint(random));
                script.add(new RouteGeometryChanged(id, world.organizationId, path, AT));
            }
            // The map reads (within, crossing, along) show active routes only.
            script.add(new RouteStatusChanged(id, world.organizationId, RouteStatus.PLANNED, RouteStatus.ACTIVE, AT));
            if (random.nextInt(6) == 0) {
                script.add(new RouteDeleted(id, world.organizationId, AT));
                path = null;
            }
            world.routeStarts.put(id, path == null ? null : path.get(0));
            world.scripts.add(new Script(id, random.nextInt(PARTITIONS), script));
        }
        return world;
    }

    /**
     * Publishes every script's events in its order, the scripts shuffled into each other, then waits
     * until each aggregate's last event is projected.
     */
    private void publishInterleaved(World world, Random random) throws Exception {
        List<int[]> cursors = new ArrayList<>();
        for (int i = 0; i < world.scripts.size(); i++) {
            cursors.add(new int[] {i, 0});
        }
        while (!cursors.isEmpty()) {
            int[] cursor = cursors.get(random.nextInt(cursors.size()));
            Script script = world.scripts.get(cursor[0]);
            events.publishTo(script.partition(), script.events().get(cursor[1]), cursor[1]);
            if (++cursor[1] == script.events().size()) {
                cursors.remove(cursor);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> world.scripts.stream()
                .allMatch(script -> Long.valueOf(script.events().size() - 1)
                        .equals(jdbc
                                .queryForList(
                                        "select sequence_number from read_model.aggregate_positions"
                                                + " where aggregate_id = ?",
                                        Long.class,
                                        script.aggregateId())
                                .stream()
                                .findFirst()
                                .orElse(-1L))));
    }

    private Map<String, String> storedTerritories(String table, String idColumn, String organizationId) {
        Map<String, String> stored = new TreeMap<>();
        jdbc.query(
                "select " + idColumn + ", territory_id from read_model." + table + " where organization_id = ?",
                rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                },
                organizationId);
        return stored;
    }

    private Map<String, Long> counters(String table, String organizationId) {
        Map<String, Long> counters = new TreeMap<>();
        jdbc.query(
                "select value, count from read_model." + table
                        + " where scope = ? and dimension = 'territory' and count <> 0",
                rs -> {
                    counters.put(rs.getString(1), rs.getLong(2));
                },
                organizationId);
        return counters;
    }

    /** The truth's counts: members not removed (a known place), by territory or NONE. */
    private static Map<String, Long> counts(Map<String, GeoPoint> places, Map<String, String> territories) {
        Map<String, Long> counts = new TreeMap<>();
        territories.forEach((member, territory) -> {
            if (places.get(member) != null) {
                counts.merge(territory == null ? "NONE" : territory, 1L, Long::sum);
            }
        });
        return counts;
    }

    private static List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.get(field).asText())
                .toList();
    }

    private static BinPlaced placed(String binId, String organizationId, GeoPoint location) {
        return new BinPlaced(
                binId,
                organizationId,
                null,
                "T-" + binId.substring(0, 8),
                ContainerType.CART,
                WasteStream.GENERAL,
                240,
                location,
                AT);
    }

    private static GeoPoint randomPoint(Random random) {
        return new GeoPoint(13.30 + 0.2 * random.nextDouble(), 52.45 + 0.1 * random.nextDouble());
    }

    private static List<GeoPoint> randomRectangle(Random random) {
        GeoPoint corner = randomPoint(random);
        return rectangle(
                corner.longitude(),
                corner.latitude(),
                corner.longitude() + 0.02 + 0.08 * random.nextDouble(),
                corner.latitude() + 0.01 + 0.04 * random.nextDouble());
    }

    private static List<GeoPoint> rectangle(double west, double south, double east, double north) {
        return List.of(
                new GeoPoint(west, south),
                new GeoPoint(east, south),
                new GeoPoint(east, north),
                new GeoPoint(west, north),
                new GeoPoint(west, south));
    }

    private static Polygon polygon(List<GeoPoint> ring) {
        return PLANAR.createPolygon(ring.stream()
                .map(point -> new Coordinate(point.longitude(), point.latitude()))
                .toArray(Coordinate[]::new));
    }
}

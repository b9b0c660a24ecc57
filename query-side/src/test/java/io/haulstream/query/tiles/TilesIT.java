package io.haulstream.query.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.ContainerType;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.RouteType;
import io.haulstream.events.WasteStream;
import io.haulstream.query.EventsTopic;
import io.haulstream.query.cache.TileKey;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tiles on the real servers: bins and routes projected from a real Kafka topic into PostGIS, their
 * tiles made by PostGIS, cached in Redis and read back over HTTP, checked against where the test
 * itself puts each bin on the tile grid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TilesIT {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @RegisterExtension
    static final EventsTopic events = new EventsTopic("it.query-side.tiles");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private RedissonClient redis;

    @DynamicPropertySource
    static void topic(DynamicPropertyRegistry registry) {
        events.register(registry);
    }

    /** The test's own tile arithmetic (the asinh form of web mercator), not the application's. */
    private static int[] tileOf(double longitude, double latitude, int z) {
        double n = Math.pow(2, z);
        int x = (int) Math.floor((longitude + 180) / 360 * n);
        int y = (int) Math.floor((1 - asinh(Math.tan(Math.toRadians(latitude))) / Math.PI) / 2 * n);
        return new int[] {x, y};
    }

    private static double asinh(double value) {
        return Math.log(value + Math.sqrt(value * value + 1));
    }

    @Test
    void aTileHoldsExactlyTheBinsInItsBoundsAndClustersCountThemAll() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        Random random = new Random(14);
        Map<String, GeoPoint> standing = new HashMap<>();
        ConsistencyToken last = null;
        for (int i = 0; i < 300; i++) {
            String binId = UUID.randomUUID().toString();
            GeoPoint at = new GeoPoint(13.38 + random.nextDouble() * 0.05, 52.50 + random.nextDouble() * 0.03);
            last = events.publish(placed(binId, organizationId, "T-" + i, at), 0);
            if (i % 15 == 0) {
                last = events.publish(new BinRemoved(binId, organizationId, AT), 1);
            } else {
                standing.put(binId, at);
            }
        }
        // Another organization's bins in the same streets are never in this one's tiles.
        events.publish(
                placed(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "X", new GeoPoint(13.4, 52.51)), 0);
        tile(organizationId, "bins", 0, 0, 0, last);

        for (int z : List.of(15, 16)) {
            Map<List<Integer>, Set<String>> truth = new HashMap<>();
            standing.forEach((binId, at) -> {
                int[] tile = tileOf(at.longitude(), at.latitude(), z);
                truth.computeIfAbsent(List.of(tile[0], tile[1]), key -> new HashSet<>())
                        .add(binId);
            });
            for (Map.Entry<List<Integer>, Set<String>> expected : truth.entrySet()) {
                int x = expected.getKey().get(0), y = expected.getKey().get(1);
                for (int round = 0; round < 2; round++) { // the second round is served from Redis
                    assertThat(binIds(tile(organizationId, "bins", z, x, y, null)))
                            .as("tile %d/%d/%d, round %d", z, x, y, round)
                            .isEqualTo(expected.getValue());
                }
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    tile(organizationId, "bins", z, x, y, null);
                    assertThat(redis.getBucket(TileKey.bins(organizationId, z, x, y)
                                            .redisKey())
                                    .isExists())
                            .isTrue();
                });
            }
        }

        int[] city = tileOf(13.405, 52.515, 13);
        Map<List<Integer>, Long> counted = standing.values().stream()
                .map(at -> tileOf(at.longitude(), at.latitude(), 13))
                .collect(Collectors.groupingBy(tile -> List.of(tile[0], tile[1]), Collectors.counting()));
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                int x = city[0] + dx, y = city[1] + dy;
                MvtReader.Layer clusters = MvtReader.read(tile(organizationId, "bins", 13, x, y, null))
                        .get("bins");
                long sum = clusters == null
                        ? 0
                        : clusters.features().stream()
                                .mapToLong(f -> ((Number) f.properties().get("count")).longValue())
                                .sum();
                assertThat(sum).as("clustered tile 13/%d/%d", x, y).isEqualTo(counted.getOrDefault(List.of(x, y), 0L));
                if (clusters != null) {
                    assertThat(clusters.features()).hasSizeLessThanOrEqualTo(33 * 33);
                }
            }
        }
    }

    @Test
    void aMovedBinLeavesItsOldTileAndEntersItsNewOneAfterOneBatchCacheIncluded() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String binId = UUID.randomUUID().toString();
        GeoPoint from = new GeoPoint(13.4050, 52.5200);
        GeoPoint to = new GeoPoint(13.4500, 52.5000);
        ConsistencyToken placedToken = events.publish(placed(binId, organizationId, "MOVER", from), 0);
        tile(organizationId, "bins", 0, 0, 0, placedToken);
        List<TileKey> oldTiles = new ArrayList<>();
        List<TileKey> newTiles = new ArrayList<>();
        for (int z = 10; z <= 16; z++) {
            int[] a = tileOf(from.longitude(), from.latitude(), z);
            int[] b = tileOf(to.longitude(), to.latitude(), z);
            if (a[0] == b[0] && a[1] == b[1]) {
                continue;
            }
            oldTiles.add(TileKey.bins(organizationId, z, a[0], a[1]));
            newTiles.add(TileKey.bins(organizationId, z, b[0], b[1]));
        }
        assertThat(oldTiles).isNotEmpty();
        // The placement's own drops follow its commit and may refuse a fill made before them (its
        // claim is dropped too), so the tiles are asked again until Redis holds them.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (int i = 0; i < oldTiles.size(); i++) {
                assertThat(showsBin(oldTiles.get(i), binId))
                        .as("before, old %s", oldTiles.get(i))
                        .isTrue();
                assertThat(showsBin(newTiles.get(i), binId))
                        .as("before, new %s", newTiles.get(i))
                        .isFalse();
                assertThat(redis.getBucket(oldTiles.get(i).redisKey()).isExists())
                        .isTrue();
                assertThat(redis.getBucket(newTiles.get(i).redisKey()).isExists())
                        .isTrue();
            }
        });

        ConsistencyToken moved = events.publish(new BinMoved(binId, organizationId, to, AT.plusSeconds(60)), 1);
        // Projected once the bin answers at the token; the batch's drops follow its commit.
        assertThat(http.getForEntity(
                                "/api/v1/organizations/{o}/bins/{b}?minPosition={t}",
                                String.class,
                                organizationId,
                                binId,
                                moved.encode())
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (int i = 0; i < oldTiles.size(); i++) {
                assertThat(showsBin(oldTiles.get(i), binId))
                        .as("old %s", oldTiles.get(i))
                        .isFalse();
                assertThat(showsBin(newTiles.get(i), binId))
                        .as("new %s", newTiles.get(i))
                        .isTrue();
            }
        });
    }

    @Test
    void aRouteTileShowsItsStatusAndFollowsItsChange() throws Exception {
        String organizationId = UUID.randomUUID().toString();
        String routeId = UUID.randomUUID().toString();
        List<GeoPoint> path =
                List.of(new GeoPoint(13.40, 52.52), new GeoPoint(13.41, 52.521), new GeoPoint(13.42, 52.519));
        ConsistencyToken created = events.publish(
                new RouteCreated(
                        routeId, organizationId, "North 1", RouteType.RESIDENTIAL, DayOfWeek.MONDAY, "NORTH", path, AT),
                0);
        int[] tile = tileOf(13.41, 52.521, 14);
        tile(organizationId, "routes", 0, 0, 0, created);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // Cached once the creation's own drops, which follow its commit, are done.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(routeStatus(organizationId, tile)).isEqualTo("PLANNED");
            assertThat(redis.getBucket(TileKey.routes(organizationId, 14, tile[0], tile[1], today)
                                    .redisKey())
                            .isExists())
                    .isTrue();
        });

        events.publish(new RouteStatusChanged(routeId, organizationId, RouteStatus.PLANNED, RouteStatus.ACTIVE, AT), 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> "ACTIVE".equals(routeStatus(organizationId, tile)));
    }

    private String routeStatus(String organizationId, int[] tile) {
        MvtReader.Layer routes = MvtReader.read(tile(organizationId, "routes", 14, tile[0], tile[1], null))
                .get("routes");
        return routes == null || routes.features().isEmpty()
                ? null
                : (String) routes.features().get(0).properties().get("status");
    }

    /** Deep tiles name the bin; clustered ones count it (the organization has this bin alone). */
    private boolean showsBin(TileKey key, String binId) {
        byte[] tile = tile(key.organizationId(), "bins", key.z(), key.x(), key.y(), null);
        if (key.z() >= 15) {
            return binIds(tile).contains(binId);
        }
        MvtReader.Layer clusters = MvtReader.read(tile).get("bins");
        return clusters != null
                && clusters.features().stream()
                                .mapToLong(f -> ((Number) f.properties().get("count")).longValue())
                                .sum()
                        == 1;
    }

    private static Set<String> binIds(byte[] tile) {
        MvtReader.Layer bins = MvtReader.read(tile).get("bins");
        if (bins == null) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (MvtReader.Feature feature : bins.features()) {
            ids.add((String) feature.properties().get("binId"));
            int[] point = feature.point();
            assertThat(point[0]).isBetween(0, bins.extent());
            assertThat(point[1]).isBetween(0, bins.extent());
        }
        return ids;
    }

    private byte[] tile(String organizationId, String layer, int z, int x, int y, ConsistencyToken token) {
        String url = "/api/v1/organizations/{o}/tiles/{l}/{z}/{x}/{y}.mvt"
                + (token == null ? "" : "?minPosition=" + token.encode());
        ResponseEntity<byte[]> reply = http.getForEntity(url, byte[].class, organizationId, layer, z, x, y);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reply.getHeaders().getContentType().toString()).isEqualTo("application/vnd.mapbox-vector-tile");
        return reply.getBody() == null ? new byte[0] : reply.getBody();
    }

    private static BinPlaced placed(String binId, String organizationId, String tag, GeoPoint at) {
        return new BinPlaced(binId, organizationId, null, tag, ContainerType.CART, WasteStream.GENERAL, 240, at, AT);
    }
}

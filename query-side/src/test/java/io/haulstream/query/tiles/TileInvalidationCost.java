package io.haulstream.query.tiles;

import io.haulstream.query.cache.TileArea;
import io.haulstream.query.cache.TileKey;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A manual measurement, not a test: what dropping a projected batch's tiles costs against the local
 * Redis ({@code REDIS_HOST}, {@code REDIS_PORT}). Each round caches the tiles a board would have
 * read (every zoom of a third of the batch's bins, the low zooms of all), then times
 * {@link TileCache#committed} for a batch of bins spread over a city (from its areas: the tiles are
 * worked out in the drop). Prints the median and p90.
 * Run with the test classpath: {@code java -cp ... io.haulstream.query.tiles.TileInvalidationCost}.
 */
public final class TileInvalidationCost {

    private static final int ROUNDS = 30;
    private static final int WARM_UP = 5;

    private TileInvalidationCost() {}

    public static void main(String[] args) {
        Config config = new Config();
        config.useSingleServer()
                .setAddress("redis://" + System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1") + ":"
                        + System.getenv().getOrDefault("REDIS_PORT", "6379"));
        RedissonClient redis = Redisson.create(config);
        try {
            TileCache cache = new TileCache(redis, new TileProperties(16, 15, 32, 4_096), new SimpleMeterRegistry());
            for (int bins : new int[] {50, 500, 2000}) {
                for (int organizations : new int[] {1, 4}) {
                    measure(redis, cache, bins, organizations);
                }
            }
        } finally {
            redis.shutdown();
        }
    }

    private static void measure(RedissonClient redis, TileCache cache, int bins, int organizations) {
        Random random = new Random(42);
        long[] nanos = new long[ROUNDS];
        int keys = 0;
        int cached = 0;
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            List<String> orgs = new ArrayList<>();
            for (int i = 0; i < organizations; i++) {
                orgs.add("measure-" + UUID.randomUUID());
            }
            Set<TileKey> batch = new HashSet<>();
            Set<TileArea> areas = new HashSet<>();
            Set<TileKey> shown = new HashSet<>();
            for (int bin = 0; bin < bins; bin++) {
                String org = orgs.get(bin % organizations);
                double longitude = 13.1 + random.nextDouble() * 0.6;
                double latitude = 52.35 + random.nextDouble() * 0.3;
                boolean looked = random.nextInt(3) == 0;
                areas.add(TileArea.bins(org, longitude, latitude, longitude, latitude));
                for (int z = 0; z <= 16; z++) {
                    for (TileGrid.Tile tile : TileGrid.covering(longitude, latitude, longitude, latitude, z, 0)) {
                        TileKey key = TileKey.bins(org, tile.z(), tile.x(), tile.y());
                        batch.add(key);
                        if (looked || z <= 11) {
                            shown.add(key);
                        }
                    }
                }
            }
            for (TileKey key : shown) {
                cache.claim(key).ifPresent(claim -> cache.store(key, claim, new byte[512]));
            }
            Changes changes = new Changes();
            changes.tileAreasChanged(areas);
            long start = System.nanoTime();
            if (!cache.committed(changes)) {
                throw new IllegalStateException("the drop failed");
            }
            long took = System.nanoTime() - start;
            long left = redis.getKeys()
                    .countExists(shown.stream().map(TileKey::redisKey).toArray(String[]::new));
            if (left != 0) {
                throw new IllegalStateException(left + " dropped tiles are still cached");
            }
            if (round >= WARM_UP) {
                nanos[round - WARM_UP] = took;
                keys = batch.size();
                cached = shown.size();
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "bins %5d  organizations %d  tile keys %6d  cached %6d  median %7.2f ms  p90 %7.2f ms%n",
                bins, organizations, keys, cached, nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 9 / 10] / 1e6);
    }
}

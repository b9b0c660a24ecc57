package io.haulstream.query.tiles;

import io.haulstream.query.cache.TileArea;
import io.haulstream.query.cache.TileKey;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tiles in Redis, kept until a batch changes what they show, never by TTL. A tile has no row
 * version to compare, so a fill after a miss is guarded by a claim instead: the filler puts its own
 * token beside the key before it reads PostgreSQL, and the tile is stored only if that token is
 * still there. Dropping a tile drops its claim too, so a fill that read the rows before a batch
 * committed can never store its tile after that batch's drop.
 *
 * <p>Only organizations whose board was ever shown have tiles to drop: a claim first adds its
 * organization to a set ({@link #SHOWN}), and a drop reads that set after the batch committed and
 * leaves the other organizations' tiles alone. Exact still: a tile or claim of an organization not
 * in the set when the drop read it was claimed after that, so its fill reads rows the batch had
 * already committed. Loading or replaying a city nobody looks at so costs Redis nothing for tiles.
 */
@Component
class TileCache implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(TileCache.class);

    /** The organizations with tiles or claims in Redis; never emptied but with Redis itself. */
    static final String SHOWN = "mvt-organizations";

    private static final String CLAIM =
            """
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], ARGV[2])
            return 1
            """;

    private static final String STORE_IF_CLAIMED =
            """
            if redis.call('GET', KEYS[2]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2])
              redis.call('DEL', KEYS[2])
              return 1
            end
            return 0
            """;

    /** Bounds one command's size (and so how long Redis is busy with it); a batch rarely names more. */
    static final int KEYS_PER_DELETE = 4_096;

    private final RedissonClient redis;
    private final TileProperties limits;
    private final Counter hits;
    private final Counter misses;
    private final Counter writes;
    private final Counter refused;
    private final Counter drops;
    private final Counter fallbacks;

    TileCache(RedissonClient redis, TileProperties limits, MeterRegistry meters) {
        this.redis = redis;
        this.limits = limits;
        this.hits = meters.counter("haulstream.cache.requests", "family", "tile", "result", "hit");
        this.misses = meters.counter("haulstream.cache.requests", "family", "tile", "result", "miss");
        this.writes = meters.counter("haulstream.cache.writes", "family", "tile", "result", "written");
        this.refused = meters.counter("haulstream.cache.writes", "family", "tile", "result", "refused-older");
        this.drops = meters.counter("haulstream.cache.invalidations", "family", "tile");
        this.fallbacks = meters.counter("haulstream.cache.fallbacks", "family", "tile");
    }

    static String claimKey(TileKey key) {
        return key.redisKey() + ":claim";
    }

    Optional<byte[]> get(TileKey key) {
        try {
            byte[] tile = redis.<byte[]>getBucket(key.redisKey(), ByteArrayCodec.INSTANCE)
                    .get();
            (tile == null ? misses : hits).increment();
            return Optional.ofNullable(tile);
        } catch (RuntimeException e) {
            fallback("read", key, e);
            return Optional.empty();
        }
    }

    /** @return the claim to pass to {@link #store}, or empty when Redis is unreachable */
    Optional<String> claim(TileKey key) {
        try {
            String token = UUID.randomUUID().toString();
            redis.getScript(StringCodec.INSTANCE)
                    .eval(
                            claimKey(key),
                            RScript.Mode.READ_WRITE,
                            CLAIM,
                            RScript.ReturnType.INTEGER,
                            List.of(SHOWN, claimKey(key)),
                            key.organizationId(),
                            token);
            return Optional.of(token);
        } catch (RuntimeException e) {
            fallback("claim", key, e);
            return Optional.empty();
        }
    }

    void store(TileKey key, String claim, byte[] tile) {
        try {
            Long stored = redis.getScript(ByteArrayCodec.INSTANCE)
                    .eval(
                            key.redisKey(),
                            RScript.Mode.READ_WRITE,
                            STORE_IF_CLAIMED,
                            RScript.ReturnType.INTEGER,
                            List.of(key.redisKey(), claimKey(key)),
                            claim.getBytes(StandardCharsets.UTF_8),
                            tile);
            (stored != null && stored == 1L ? writes : refused).increment();
        } catch (RuntimeException e) {
            fallback("write", key, e);
        }
    }

    /**
     * Drops the tiles of the batch's areas, at every served zoom, and their claims, for the
     * organizations whose board was shown: one {@code DEL} per {@link #KEYS_PER_DELETE} keys, all in
     * one pipeline, so one round trip for the set and one for the drop, however many organizations
     * the batch touched. Exact: the very tiles the areas touch, no scan, no pattern.
     */
    @Override
    public boolean committed(Changes changes) {
        if (changes.tileAreas().isEmpty()) {
            return true;
        }
        try {
            Set<String> shown =
                    redis.<String>getSet(SHOWN, StringCodec.INSTANCE).readAll();
            List<String> keys = keysToDrop(changes.tileAreas(), shown);
            if (!keys.isEmpty()) {
                RBatch batch = redis.createBatch();
                for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
                    batch.getKeys()
                            .deleteAsync(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE))
                                    .toArray(String[]::new));
                }
                batch.execute();
            }
            drops.increment(keys.size() / 2.0);
            return true;
        } catch (RuntimeException e) {
            fallbacks.increment();
            log.debug(
                    "redis drop of {} tile areas failed: {}",
                    changes.tileAreas().size(),
                    e.toString());
            return false;
        }
    }

    /** Each tile of the shown organizations' areas once, followed by its claim. */
    List<String> keysToDrop(Collection<TileArea> areas, Set<String> shown) {
        Set<TileKey> tiles = new HashSet<>();
        for (TileArea area : areas) {
            if (!shown.contains(area.organizationId())) {
                continue;
            }
            double margin = area.layer() == TileKey.Layer.ROUTES ? TileProperties.ROUTE_MARGIN : 0;
            for (int z = 0; z <= limits.maxZoom(); z++) {
                for (TileGrid.Tile tile :
                        TileGrid.covering(area.west(), area.south(), area.east(), area.north(), z, margin)) {
                    tiles.add(new TileKey(area.organizationId(), area.layer(), z, tile.x(), tile.y(), area.day()));
                }
            }
        }
        List<String> keys = new ArrayList<>(tiles.size() * 2);
        for (TileKey tile : tiles) {
            keys.add(tile.redisKey());
            keys.add(claimKey(tile));
        }
        return keys;
    }

    private void fallback(String operation, TileKey key, RuntimeException e) {
        fallbacks.increment();
        log.debug("redis {} of {} failed, answering without the cache: {}", operation, key.redisKey(), e.toString());
    }
}

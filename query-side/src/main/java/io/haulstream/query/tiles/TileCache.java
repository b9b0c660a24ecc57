package io.haulstream.query.tiles;

import io.haulstream.query.cache.TileKey;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tiles in Redis, kept until a batch changes what they show, never by TTL. A tile has no row
 * version to compare, so a fill after a miss is guarded by a claim instead: the filler puts its own
 * token beside the key before it reads PostgreSQL, and the tile is stored only if that token is
 * still there. Dropping a tile drops its claim too, so a fill that read the rows before a batch
 * committed can never store its tile after that batch's drop.
 */
@Component
class TileCache implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(TileCache.class);

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
    private final Counter hits;
    private final Counter misses;
    private final Counter writes;
    private final Counter refused;
    private final Counter drops;
    private final Counter fallbacks;

    TileCache(RedissonClient redis, MeterRegistry meters) {
        this.redis = redis;
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
            redis.<byte[]>getBucket(claimKey(key), ByteArrayCodec.INSTANCE).set(token.getBytes(StandardCharsets.UTF_8));
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
     * Drops the batch's tiles and their claims with one {@code DEL} per {@link #KEYS_PER_DELETE}
     * keys, all in one pipeline: one round trip for the batch, however many organizations it
     * touched, and one command for Redis to parse per few thousand keys rather than one per key.
     * Exact as before: the very keys the batch names, no scan, no pattern.
     */
    @Override
    public boolean committed(Changes changes) {
        if (changes.tiles().isEmpty()) {
            return true;
        }
        try {
            String[] keys = new String[changes.tiles().size() * 2];
            int next = 0;
            for (TileKey key : changes.tiles()) {
                keys[next++] = key.redisKey();
                keys[next++] = claimKey(key);
            }
            RBatch batch = redis.createBatch();
            for (int from = 0; from < keys.length; from += KEYS_PER_DELETE) {
                batch.getKeys()
                        .deleteAsync(Arrays.copyOfRange(keys, from, Math.min(keys.length, from + KEYS_PER_DELETE)));
            }
            batch.execute();
            drops.increment(changes.tiles().size());
            return true;
        } catch (RuntimeException e) {
            fallback("drop", changes.tiles().iterator().next(), e);
            return false;
        }
    }

    private void fallback(String operation, TileKey key, RuntimeException e) {
        fallbacks.increment();
        log.debug("redis {} of {} failed, answering without the cache: {}", operation, key.redisKey(), e.toString());
    }
}

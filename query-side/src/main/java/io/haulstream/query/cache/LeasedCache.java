package io.haulstream.query.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One family of entries too costly to rebuild on every change of what they show (a route's detail
 * reads every stop's bin, and any of them changes with each fill report): a change only
 * invalidates, and the next read fills the entry from PostgreSQL.
 *
 * <p>Each entry is a hash of a generation and a body. An invalidation raises the generation and
 * drops the body. A read that misses carries the generation it saw, and its fill lands only if the
 * generation is still that one. A reader looks in Redis before it reads PostgreSQL, and a change is
 * invalidated after it committed, so a fill of rows read before a change committed can never land
 * after that change's invalidation (the leases of memcache, without the lease ids). Every Redis
 * failure is counted and swallowed: the caller then reads PostgreSQL, slower but never wrong.
 */
public class LeasedCache {

    private static final String GENERATION = "generation";
    private static final String BODY = "body";

    /** A key never invalidated has no hash yet: its generation is the one a miss reports for it. */
    private static final String FIRST_GENERATION = "0";

    private static final String FILL =
            """
            local generation = redis.call('HGET', KEYS[1], 'generation') or '0'
            if generation ~= ARGV[1] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'generation', generation, 'body', ARGV[2])
            return 1
            """;

    private static final String INVALIDATE =
            """
            redis.call('HINCRBY', KEYS[1], 'generation', 1)
            redis.call('HDEL', KEYS[1], 'body')
            return 1
            """;

    /** What a read found: the body, or the generation a fill must still find. */
    public sealed interface Lookup {

        /** @param generation null when Redis could not be asked: such a read must not fill */
        record Miss(String generation) implements Lookup {}

        record Hit(String body) implements Lookup {}
    }

    private final RedissonClient redis;
    private final String family;
    private final CacheMeters meters;
    private final Counter invalidations;

    public LeasedCache(RedissonClient redis, String family, MeterRegistry meters) {
        this.redis = redis;
        this.family = family;
        this.meters = CacheMeters.of(meters, family);
        this.invalidations = meters.counter("haulstream.cache.writes", "family", family, "result", "invalidated");
    }

    public String key(String id) {
        return family + ":" + id;
    }

    public Lookup get(String id) {
        try {
            Map<String, String> hash =
                    redis.<String, String>getMap(key(id), StringCodec.INSTANCE).readAllMap();
            String body = hash.get(BODY);
            if (body != null) {
                meters.hits().increment();
                return new Lookup.Hit(body);
            }
            meters.misses().increment();
            return new Lookup.Miss(hash.getOrDefault(GENERATION, FIRST_GENERATION));
        } catch (RuntimeException e) {
            meters.fallback("read", id, e);
            return new Lookup.Miss(null);
        }
    }

    /**
     * Puts what a read that missed found in PostgreSQL, unless the entry was invalidated since. The
     * reply need not wait for it: it completes on Redis's answer.
     *
     * @return whether the fill landed
     */
    public CompletionStage<Boolean> fill(String id, Lookup.Miss miss, String body) {
        if (miss.generation() == null) {
            return CompletableFuture.completedFuture(false);
        }
        return redis.getScript(StringCodec.INSTANCE)
                .<Long>evalAsync(
                        RScript.Mode.READ_WRITE,
                        FILL,
                        RScript.ReturnType.INTEGER,
                        List.of(key(id)),
                        miss.generation(),
                        body)
                .handle((filled, failure) -> {
                    if (failure != null) {
                        meters.fallback("fill", id, failure);
                        return false;
                    }
                    boolean landed = filled != null && filled == 1L;
                    (landed ? meters.writes() : meters.refusedOlder()).increment();
                    return landed;
                });
    }

    /**
     * All in one round trip, as after a projected batch that touched the bins of hundreds of routes.
     *
     * @return whether Redis answered
     */
    public boolean invalidateAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return true;
        }
        try {
            RBatch batch = redis.createBatch();
            RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
            for (String id : ids) {
                script.evalAsync(RScript.Mode.READ_WRITE, INVALIDATE, RScript.ReturnType.INTEGER, List.of(key(id)));
            }
            batch.execute();
            invalidations.increment(ids.size());
            return true;
        } catch (RuntimeException e) {
            meters.fallback("invalidation", ids.size() + " entries", e);
            return false;
        }
    }
}

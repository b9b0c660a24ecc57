package io.haulstream.query.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One family of cache entries (bins, statistics, ...) in Redis. Each entry is a hash of a version
 * and a body; a write replaces it only if its version is higher, checked and set in one Lua call,
 * so a late cache fill after a miss can never put an older value over a newer one. Every Redis
 * failure is counted and swallowed: the caller then reads PostgreSQL, slower but never wrong.
 */
public class VersionedCache {

    private static final String PUT_IF_NEWER =
            """
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'body', ARGV[2])
            return 1
            """;

    public record Entry(long version, String body) {}

    private final RedissonClient redis;
    private final String family;
    private final CacheMeters meters;

    public VersionedCache(RedissonClient redis, String family, MeterRegistry meters) {
        this.redis = redis;
        this.family = family;
        this.meters = CacheMeters.of(meters, family);
    }

    public String key(String id) {
        return family + ":" + id;
    }

    public Optional<Entry> get(String id) {
        return getAll(List.of(id)).get(0);
    }

    /**
     * Several entries in one round trip, as a reply built from two entries needs them: a second
     * call would double the reply's time in Redis.
     *
     * @return one element per id, in the same order, empty for a miss or when Redis failed
     */
    public List<Optional<Entry>> getAll(List<String> ids) {
        try {
            RBatch batch = redis.createBatch();
            List<RFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
            for (String id : ids) {
                reads.add(batch.<String, String>getMap(key(id), StringCodec.INSTANCE)
                        .readAllMapAsync());
            }
            batch.execute();
            List<Optional<Entry>> entries = new ArrayList<>(ids.size());
            for (RFuture<Map<String, String>> read : reads) {
                Map<String, String> hash = read.getNow();
                if (hash == null || hash.isEmpty()) {
                    meters.misses().increment();
                    entries.add(Optional.empty());
                } else {
                    meters.hits().increment();
                    entries.add(Optional.of(new Entry(Long.parseLong(hash.get("version")), hash.get("body"))));
                }
            }
            return entries;
        } catch (RuntimeException e) {
            meters.fallback("read", String.join(", ", ids), e);
            return ids.stream().map(id -> Optional.<Entry>empty()).toList();
        }
    }

    /**
     * @return whether Redis answered: true when it took the entry or already held an equal or newer
     *     version, false when it could not be reached
     */
    public boolean putIfNewer(String id, Entry entry) {
        return putAllIfNewer(Map.of(id, entry));
    }

    /**
     * The same compare-and-set for many entries in one round trip, as after a projected batch that
     * changed hundreds of bins: one call per entry made Redis latency the projection's bottleneck.
     *
     * @return whether Redis answered
     */
    public boolean putAllIfNewer(Map<String, Entry> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        try {
            RBatch batch = redis.createBatch();
            RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
            List<RFuture<Long>> results = new ArrayList<>(entries.size());
            entries.forEach((id, entry) -> results.add(script.evalAsync(
                    RScript.Mode.READ_WRITE,
                    PUT_IF_NEWER,
                    RScript.ReturnType.INTEGER,
                    List.of(key(id)),
                    Long.toString(entry.version()),
                    entry.body())));
            batch.execute();
            for (RFuture<Long> result : results) {
                Long written = result.getNow();
                (written != null && written == 1L ? meters.writes() : meters.refusedOlder()).increment();
            }
            return true;
        } catch (RuntimeException e) {
            meters.fallback("write", entries.size() + " entries", e);
            return false;
        }
    }
}

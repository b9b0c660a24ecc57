package io.haulstream.query.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p>A family too large to keep whole (a city's million bins, of which dispatchers read a few
 * thousand) holds only what was read: a miss leaves a reservation (version 0, no body) before
 * the reader goes to PostgreSQL, a reader's fill lands only on its key's reservation or entry, and
 * after a batch commits only the keys Redis {@link #held} are written. A reader that missed before
 * a change committed reserved its key before that batch asked which keys are held, so the batch
 * writes the newer version and the reader's older fill is refused; a reservation nobody fills
 * expires, and a fill after that is refused too.
 */
public class VersionedCache {

    /**
     * The compare-and-set of every write. With ARGV[3] = 'held' it lands only on a key Redis holds
     * (a reader's fill after {@link #getOrReserve}); a batch's refresh may create the key.
     */
    private static final String PUT_IF_NEWER =
            """
            local current = redis.call('HGET', KEYS[1], 'version')
            if (not current and ARGV[3] == 'held') or (current and tonumber(current) >= tonumber(ARGV[1])) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'body', ARGV[2])
            redis.call('PERSIST', KEYS[1])
            return 1
            """;

    private static final String GET_OR_RESERVE =
            """
            local entry = redis.call('HMGET', KEYS[1], 'version', 'body')
            if entry[2] then
              return entry
            end
            if not entry[1] then
              redis.call('HSET', KEYS[1], 'version', '0')
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return false
            """;

    /**
     * Long beside a reader's trip to PostgreSQL after a miss (milliseconds), short enough that the
     * reservations of reads that failed midway do not pile up.
     */
    static final Duration RESERVATION = Duration.ofSeconds(30);

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
                if (hash == null || hash.get("body") == null) {
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

    /** A read of a family that {@link #held holds only what was read}: a miss reserves the key. */
    public Optional<Entry> getOrReserve(String id) {
        try {
            List<Object> entry = redis.getScript(StringCodec.INSTANCE)
                    .eval(
                            RScript.Mode.READ_WRITE,
                            GET_OR_RESERVE,
                            RScript.ReturnType.MULTI,
                            List.of(key(id)),
                            Long.toString(RESERVATION.toMillis()));
            if (entry == null || entry.size() < 2 || entry.get(1) == null) {
                meters.misses().increment();
                return Optional.empty();
            }
            meters.hits().increment();
            return Optional.of(new Entry(Long.parseLong((String) entry.get(0)), (String) entry.get(1)));
        } catch (RuntimeException e) {
            meters.fallback("read", id, e);
            return Optional.empty();
        }
    }

    /**
     * What a reader found in PostgreSQL after {@link #getOrReserve} missed: it lands only on the
     * key's reservation or an older entry, never on a key Redis does not hold.
     *
     * @return whether Redis answered
     */
    public boolean fillIfReserved(String id, Entry entry) {
        return write(Map.of(id, entry), "held");
    }

    /**
     * Which of the ids Redis holds an entry or a reservation for, in one round trip: the only keys
     * a committed batch needs to write in a family that holds only what was read.
     *
     * @return empty when Redis could not be reached
     */
    public Optional<List<String>> held(Collection<String> ids) {
        try {
            RBatch batch = redis.createBatch();
            List<RFuture<Boolean>> exists = new ArrayList<>(ids.size());
            for (String id : ids) {
                exists.add(batch.getMap(key(id), StringCodec.INSTANCE).isExistsAsync());
            }
            batch.execute();
            List<String> held = new ArrayList<>();
            int i = 0;
            for (String id : ids) {
                if (Boolean.TRUE.equals(exists.get(i++).getNow())) {
                    held.add(id);
                }
            }
            return Optional.of(held);
        } catch (RuntimeException e) {
            meters.fallback("read", ids.size() + " keys", e);
            return Optional.empty();
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
        return write(entries, "any");
    }

    /** @param where {@code held}: only on keys Redis holds; {@code any}: also creating them */
    private boolean write(Map<String, Entry> entries, String where) {
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
                    entry.body(),
                    where)));
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

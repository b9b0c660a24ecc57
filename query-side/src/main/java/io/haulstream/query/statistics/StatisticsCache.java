package io.haulstream.query.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.query.cache.VersionedCache;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/**
 * The {@code stats:*} entries. After each committed batch, exactly the entries it changed are
 * read back once and written with their version by compare-and-set, and the live stream is told.
 * A miss reads PostgreSQL and fills the entry the same way, so a late fill can never replace a
 * newer entry.
 */
@Component
class StatisticsCache implements ChangeListener {

    private final VersionedCache cache;
    private final StatisticsReader reader;
    private final StatisticsStream stream;
    private final ObjectMapper json;

    StatisticsCache(
            RedissonClient redis,
            MeterRegistry meters,
            StatisticsReader reader,
            StatisticsStream stream,
            ObjectMapper json) {
        this.cache = new VersionedCache(redis, "stats", meters);
        this.reader = reader;
        this.stream = stream;
        this.json = json;
    }

    RouteStatistics routes(String scope) {
        return read(StatisticsKeys.routes(scope), RouteStatistics.class);
    }

    /** A scope's bins and one day's service counts, both entries read in one round trip. */
    BinStatisticsReply bins(String scope, LocalDate day) {
        String bins = StatisticsKeys.bins(scope);
        String serviceDay = StatisticsKeys.binsOn(scope, day);
        List<Optional<VersionedCache.Entry>> cached = cache.getAll(List.of(bins, serviceDay));
        return new BinStatisticsReply(
                orLoad(bins, cached.get(0), BinStatistics.class), orLoad(serviceDay, cached.get(1), ServiceDay.class));
    }

    /** The batch's changed entries read back in a few statements and written to Redis in one round trip. */
    @Override
    public boolean committed(Changes changes) {
        if (changes.statistics().isEmpty()) {
            return true;
        }
        Map<String, VersionedCache.Entry> entries = new LinkedHashMap<>();
        reader.entries(changes.statistics()).forEach((key, value) -> {
            entries.put(key, new VersionedCache.Entry(versionOf(value), write(value)));
        });
        boolean written = cache.putAllIfNewer(entries);
        // Told after the cache is written: a board that subscribes between the two then reads the
        // new figures rather than missing them (the change went out before it listened, the cache
        // still held the old ones).
        entries.forEach((key, entry) -> stream.changed(scopeOf(key), key, entry.body()));
        return written;
    }

    private static long versionOf(Object value) {
        if (value instanceof RouteStatistics routes) {
            return routes.version();
        }
        if (value instanceof BinStatistics bins) {
            return bins.version();
        }
        return ((ServiceDay) value).version();
    }

    private <T> T read(String key, Class<T> type) {
        return orLoad(key, cache.get(key), type);
    }

    private <T> T orLoad(String key, Optional<VersionedCache.Entry> cached, Class<T> type) {
        if (cached.isPresent()) {
            return parse(cached.get().body(), type);
        }
        Versioned fresh = load(key);
        cache.putIfNewer(key, new VersionedCache.Entry(fresh.version(), write(fresh.value())));
        return type.cast(fresh.value());
    }

    private record Versioned(Object value, long version) {}

    private Versioned load(String key) {
        Object value = reader.entries(List.of(key)).get(key);
        return new Versioned(value, versionOf(value));
    }

    private static String scopeOf(String key) {
        return key.split(":", 3)[1];
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.haulstream.query.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.query.cache.VersionedCache;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
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

    @Override
    public boolean committed(Changes changes) {
        boolean all = true;
        for (String key : changes.statistics()) {
            Versioned fresh = load(key);
            String body = write(fresh.value());
            all &= cache.putIfNewer(key, new VersionedCache.Entry(fresh.version(), body));
            stream.changed(scopeOf(key), key, body);
        }
        return all;
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
        String[] parts = key.split(":", 3);
        if (parts[0].equals("routes")) {
            RouteStatistics routes = reader.routes(parts[1]);
            return new Versioned(routes, routes.version());
        }
        if (parts.length == 3) {
            ServiceDay day = reader.serviceDay(parts[1], LocalDate.parse(parts[2]));
            return new Versioned(day, day.version());
        }
        BinStatistics bins = reader.bins(parts[1]);
        return new Versioned(bins, bins.version());
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

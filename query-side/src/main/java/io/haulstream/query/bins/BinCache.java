package io.haulstream.query.bins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.query.cache.VersionedCache;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/**
 * The {@code bin:{id}} entries. After each committed batch the bins it changed are read back once
 * and written with their row version, so the cache follows the read model without TTLs.
 */
@Component
class BinCache implements ChangeListener {

    private final VersionedCache cache;
    private final BinQueries queries;
    private final ObjectMapper json;

    BinCache(RedissonClient redis, MeterRegistry meters, BinQueries queries, ObjectMapper json) {
        this.cache = new VersionedCache(redis, "bin", meters);
        this.queries = queries;
        this.json = json;
    }

    Optional<BinView> get(String binId) {
        return cache.get(binId).map(entry -> read(entry.body()));
    }

    boolean put(BinView view) {
        return cache.putIfNewer(view.binId(), new VersionedCache.Entry(view.version(), write(view)));
    }

    @Override
    public boolean committed(Changes changes) {
        if (changes.bins().isEmpty()) {
            return true;
        }
        Map<String, VersionedCache.Entry> entries = new LinkedHashMap<>();
        for (BinView view : queries.byIds(changes.bins().toArray(String[]::new))) {
            entries.put(view.binId(), new VersionedCache.Entry(view.version(), write(view)));
        }
        return cache.putAllIfNewer(entries);
    }

    private BinView read(String body) {
        try {
            return json.readValue(body, BinView.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(BinView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

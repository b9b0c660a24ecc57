package io.haulstream.query.bins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haulstream.query.cache.VersionedCache;
import io.haulstream.query.projection.ChangeListener;
import io.haulstream.query.projection.Changes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/**
 * The {@code bin:{id}} entries, of the bins someone read: a city has a million bins and dispatchers
 * read a few thousand, and reading back and writing every changed bin after each batch cost the
 * full city's first load 102 s of its 875 in PostgreSQL alone. After each committed batch the
 * changed bins Redis holds are read back once and written with their row version, so the cache
 * follows the read model without TTLs.
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

    /** A miss reserves the key, so the changes of the bin committed from now on are written to it. */
    Optional<BinView> get(String binId) {
        return cache.getOrReserve(binId).map(entry -> read(entry.body()));
    }

    /** Lands only where {@link #get} reserved or an older entry is held. */
    boolean put(BinView view) {
        return cache.fillIfReserved(view.binId(), new VersionedCache.Entry(view.version(), write(view)));
    }

    @Override
    public boolean committed(Changes changes) {
        if (changes.bins().isEmpty()) {
            return true;
        }
        Optional<List<String>> held = cache.held(changes.bins());
        if (held.isEmpty()) {
            return false;
        }
        if (held.get().isEmpty()) {
            return true;
        }
        Map<String, VersionedCache.Entry> entries = new LinkedHashMap<>();
        for (BinView view : queries.byIds(held.get().toArray(String[]::new))) {
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

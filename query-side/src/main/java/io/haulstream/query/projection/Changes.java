package io.haulstream.query.projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one batch changed: the bins and statistics entries whose cache entries are refreshed after
 * commit, and what projectors gather during the batch to write once at its end.
 */
public final class Changes {

    private final Set<String> bins = new HashSet<>();
    private final Set<String> statistics = new HashSet<>();
    private final Map<Class<?>, Object> gathered = new HashMap<>();

    public void binChanged(String binId) {
        bins.add(binId);
    }

    public void binsChanged(Collection<String> binIds) {
        bins.addAll(binIds);
    }

    public void statisticsChanged(String key) {
        statistics.add(key);
    }

    public Set<String> bins() {
        return bins;
    }

    public Set<String> statistics() {
        return statistics;
    }

    /** What a projector gathers over the batch, one object per type, made on first use. */
    public <T> T gathered(Class<T> type, Supplier<T> create) {
        return type.cast(gathered.computeIfAbsent(type, key -> create.get()));
    }

    public boolean isEmpty() {
        return bins.isEmpty() && statistics.isEmpty();
    }
}

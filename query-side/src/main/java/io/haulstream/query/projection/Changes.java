package io.haulstream.query.projection;

import io.haulstream.query.cache.TileKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What one batch changed: the bins and statistics entries whose cache entries are refreshed after
 * commit, and the map tiles that are dropped.
 */
public final class Changes {

    private final Set<String> bins = new HashSet<>();
    private final Set<String> statistics = new HashSet<>();
    private final Set<TileKey> tiles = new HashSet<>();

    public void binChanged(String binId) {
        bins.add(binId);
    }

    public void binsChanged(Collection<String> binIds) {
        bins.addAll(binIds);
    }

    public void statisticsChanged(String key) {
        statistics.add(key);
    }

    public void tilesChanged(Collection<TileKey> keys) {
        tiles.addAll(keys);
    }

    public Set<TileKey> tiles() {
        return tiles;
    }

    public Set<String> bins() {
        return bins;
    }

    public Set<String> statistics() {
        return statistics;
    }

    public boolean isEmpty() {
        return bins.isEmpty() && statistics.isEmpty() && tiles.isEmpty();
    }
}

package io.haulstream.query.projection;

import io.haulstream.query.cache.TileArea;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What one batch changed: the bins and statistics entries whose cache entries are refreshed after
 * commit, the routes whose cached detail is invalidated, and the areas whose map tiles are dropped.
 */
public final class Changes {

    private final Set<String> bins = new HashSet<>();
    private final Set<String> statistics = new HashSet<>();
    private final Set<TileArea> tileAreas = new HashSet<>();
    private final Set<String> routes = new HashSet<>();

    public void binChanged(String binId) {
        bins.add(binId);
    }

    public void binsChanged(Collection<String> binIds) {
        bins.addAll(binIds);
    }

    public void statisticsChanged(String key) {
        statistics.add(key);
    }

    /** A route whose detail (the route, its stops or a stop's bin) changed. */
    public void routesChanged(Collection<String> routeIds) {
        routes.addAll(routeIds);
    }

    public void tileAreasChanged(Collection<TileArea> areas) {
        tileAreas.addAll(areas);
    }

    public Set<TileArea> tileAreas() {
        return tileAreas;
    }

    public Set<String> bins() {
        return bins;
    }

    public Set<String> statistics() {
        return statistics;
    }

    public Set<String> routes() {
        return routes;
    }

    public boolean isEmpty() {
        return bins.isEmpty() && statistics.isEmpty() && tileAreas.isEmpty() && routes.isEmpty();
    }
}

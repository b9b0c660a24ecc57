package io.haulstream.query.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures of {@code GET /health/database/performance/coordination}: both applications' pools,
 * the query families, the caches, the projection's lag and rate, and the command side's commands,
 * relay backlog and dead letters. Each is read when asked (or from the last background reading of
 * a remote or costly one), never a constant.
 */
@Component
class Coordination {

    private final MeterRegistry meters;
    private final MeterWindow window;
    private final QueryFamilies families;
    private final ProjectionLag lag;
    private final CommandSideMetrics commandSide;
    private final JdbcTemplate jdbc;

    Coordination(
            MeterRegistry meters,
            MeterWindow window,
            QueryFamilies families,
            ProjectionLag lag,
            CommandSideMetrics commandSide,
            JdbcTemplate jdbc) {
        this.meters = meters;
        this.window = window;
        this.families = families;
        this.lag = lag;
        this.commandSide = commandSide;
        this.jdbc = jdbc;
    }

    Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("at", Instant.now());
        report.put("pools", Map.of("querySide", pools(), "commandSide", remote("pools")));
        report.put("queryFamilies", families.all());
        report.put("caches", caches());
        Map<String, Object> projection = new LinkedHashMap<>(lag.figures());
        projection.put("eventsPerSecond", eventsPerSecond());
        report.put("projection", projection);
        report.put("commandSide", commandSide.figures());
        return report;
    }

    private Object remote(String figure) {
        Map<String, Object> figures = commandSide.figures();
        return Boolean.TRUE.equals(figures.get("available"))
                ? figures.get(figure)
                : Map.of("available", false, "reason", figures.get("reason"));
    }

    Double eventsPerSecond() {
        return window.delta("haulstream.projection.events", id -> "applied".equals(id.getTag("outcome")))
                .rate();
    }

    /** The query side's own pools, by pool name. */
    Map<String, Map<String, Object>> pools() {
        Map<String, Map<String, Object>> pools = new TreeMap<>();
        for (Gauge max : meters.find("hikaricp.connections.max").gauges()) {
            String pool = max.getId().getTag("pool");
            double active = gauge("hikaricp.connections.active", pool);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("active", active);
            figures.put("idle", gauge("hikaricp.connections.idle", pool));
            figures.put("pending", gauge("hikaricp.connections.pending", pool));
            figures.put("max", max.value());
            figures.put("utilization", max.value() > 0 ? active / max.value() : null);
            figures.put("acquireP95Ms", acquireP95(pool));
            pools.put(pool, figures);
        }
        return pools;
    }

    private double gauge(String name, String pool) {
        Gauge gauge = meters.find(name).tag("pool", pool).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private Double acquireP95(String pool) {
        Timer acquire =
                meters.find("hikaricp.connections.acquire").tag("pool", pool).timer();
        if (acquire == null) {
            return null;
        }
        for (ValueAtPercentile percentile : acquire.takeSnapshot().percentileValues()) {
            if (percentile.percentile() == 0.95) {
                return percentile.value(TimeUnit.MILLISECONDS);
            }
        }
        return null;
    }

    /** Per cache family: hit ratio over the window and since start, writes, fallbacks; and the outbox's backlog. */
    Map<String, Object> caches() {
        Map<String, MeterWindow.Delta> hits = window.deltaBy("haulstream.cache.requests", "family", result("hit"));
        Map<String, MeterWindow.Delta> all = window.deltaBy("haulstream.cache.requests", "family", id -> true);
        Set<String> names = new TreeSet<>();
        meters.find("haulstream.cache.requests")
                .counters()
                .forEach(c -> names.add(c.getId().getTag("family")));
        Map<String, Object> caches = new LinkedHashMap<>();
        Map<String, Object> byFamily = new TreeMap<>();
        for (String family : names) {
            double hitTotal = counter("haulstream.cache.requests", family, "hit");
            double missTotal = counter("haulstream.cache.requests", family, "miss");
            Map<String, Object> figures = new LinkedHashMap<>();
            MeterWindow.Delta requests = all.getOrDefault(family, MeterWindow.Delta.NONE);
            figures.put(
                    "windowHitRatio",
                    requests.count() > 0
                            ? hits.getOrDefault(family, MeterWindow.Delta.NONE).count() / requests.count()
                            : null);
            figures.put("hits", hitTotal);
            figures.put("misses", missTotal);
            figures.put("hitRatio", hitTotal + missTotal > 0 ? hitTotal / (hitTotal + missTotal) : null);
            figures.put("writes", counter("haulstream.cache.writes", family, "written"));
            figures.put("refusedOlderWrites", counter("haulstream.cache.writes", family, "refused-older"));
            figures.put("fallbacks", counter("haulstream.cache.fallbacks", family, null));
            byFamily.put(family, figures);
        }
        caches.put("families", byFamily);
        caches.put(
                "outboxBacklogBatches",
                jdbc.queryForObject("select count(*) from read_model.cache_outbox_batches", Long.class));
        return caches;
    }

    private static java.util.function.Predicate<Meter.Id> result(String result) {
        return id -> result.equals(id.getTag("result"));
    }

    private double counter(String name, String family, String result) {
        var search = meters.find(name).tag("family", family);
        if (result != null) {
            search = search.tag("result", result);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }
}

package io.haulstream.query.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Turns {@code /actuator/health} to DEGRADED (still HTTP 200: the application serves, but worse
 * than it should) when a figure crosses the seed's thresholds, and names each cause. The same
 * thresholds are the alert rules of infra/monitoring/alerts.yml.
 */
@Component("thresholds")
class ThresholdsHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED");

    /** Fewer cache reads than this in the window say nothing about the hit ratio yet. */
    static final double MIN_CACHE_REQUESTS = 100;

    private final MonitoringProperties.Thresholds thresholds;
    private final QueryFamilies families;
    private final Coordination coordination;
    private final CommandSideMetrics commandSide;
    private final ProjectionLag lag;
    private final MeterRegistry meters;
    private final MeterWindow window;

    ThresholdsHealth(
            MonitoringProperties properties,
            QueryFamilies families,
            Coordination coordination,
            CommandSideMetrics commandSide,
            ProjectionLag lag,
            MeterRegistry meters,
            MeterWindow window) {
        this.window = window;
        this.thresholds = properties.thresholds();
        this.families = families;
        this.coordination = coordination;
        this.commandSide = commandSide;
        this.lag = lag;
        this.meters = meters;
    }

    @Override
    public Health health() {
        List<String> causes = new ArrayList<>();
        double apiP95 = thresholds.apiP95().toNanos() / 1e6;
        double spatialMean = thresholds.spatialAverage().toNanos() / 1e6;
        families.all().forEach((family, figures) -> {
            if (figures.get("p95Ms") instanceof Double p95 && p95 > apiP95) {
                causes.add(String.format("query p95: %s at %.1f ms, over %.0f ms", family, p95, apiP95));
            }
            if (Boolean.TRUE.equals(figures.get("spatial"))
                    && figures.get("windowMeanMs") instanceof Double mean
                    && mean > spatialMean) {
                causes.add(String.format("spatial average: %s at %.1f ms, over %.0f ms", family, mean, spatialMean));
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> caches =
                (Map<String, Map<String, Object>>) coordination.caches().get("families");
        caches.forEach((family, figures) -> {
            if (figures.get("windowHitRatio") instanceof Double ratio
                    && windowCacheRequests(family) >= MIN_CACHE_REQUESTS
                    && ratio < thresholds.cacheHitRatio()) {
                causes.add(String.format(
                        "cache hit ratio: %s at %.3f, under %.2f", family, ratio, thresholds.cacheHitRatio()));
            }
        });
        pools("query side", coordination.pools(), causes);
        PrometheusPage command = commandSide.page();
        if (command != null) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> pools =
                    (Map<String, Map<String, Object>>) (Map<String, ?>) CommandSideMetrics.pools(command);
            pools("command side", pools, causes);
        }
        double memory = meters.find("jvm.memory.used").gauges().stream()
                .mapToDouble(gauge -> gauge.value())
                .sum();
        if (memory > thresholds.memoryBytes()) {
            causes.add(String.format(
                    "memory: %.0f MB used, over %d MB", memory / 1e6, thresholds.memoryBytes() / 1_000_000));
        }
        long lagMillis = lag.partitions().values().stream()
                .mapToLong(ProjectionLag.PartitionLag::millis)
                .max()
                .orElse(0);
        if (lagMillis > thresholds.projectionLag().toMillis()) {
            causes.add(String.format(
                    "projection lag: %d ms behind, over %d ms",
                    lagMillis, thresholds.projectionLag().toMillis()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("causes", causes);
        details.put("thresholds", thresholds);
        if (command == null) {
            details.put("commandSide", commandSide.failure());
        }
        return Health.status(causes.isEmpty() ? Status.UP : DEGRADED)
                .withDetails(details)
                .build();
    }

    private double windowCacheRequests(String family) {
        return window.deltaBy("haulstream.cache.requests", "family", id -> true)
                .getOrDefault(family, MeterWindow.Delta.NONE)
                .count();
    }

    private void pools(String side, Map<String, Map<String, Object>> pools, List<String> causes) {
        pools.forEach((pool, figures) -> {
            if (figures.get("utilization") instanceof Double utilization
                    && utilization > thresholds.poolUtilization()) {
                causes.add(String.format(
                        "pool utilization: %s pool %s at %.0f%%, over %.0f%%",
                        side, pool, utilization * 100, thresholds.poolUtilization() * 100));
            }
        });
    }
}

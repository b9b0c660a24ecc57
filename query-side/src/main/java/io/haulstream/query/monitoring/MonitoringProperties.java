package io.haulstream.query.monitoring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param managementPort the port of the monitoring endpoints (0: any free one)
 * @param managementAddress where that port listens; loopback unless an operator opens it
 * @param commandSideMetrics the command side's Prometheus page, scraped for its pools and rates
 * @param window how far back rates and window averages reach
 * @param planCheckInterval how often each spatial query's plan is explained again
 * @param spatialFamilies the query families (URI templates) that are spatial, as regular expressions
 * @param benchmarkLimit the longest on-demand benchmark
 * @param regressionRatio a benchmark p95 this many times the previous run's is a regression
 * @param thresholds where health turns degraded
 */
@ConfigurationProperties("haulstream.monitoring")
public record MonitoringProperties(
        int managementPort,
        String managementAddress,
        URI commandSideMetrics,
        Duration window,
        Duration planCheckInterval,
        List<String> spatialFamilies,
        Duration benchmarkLimit,
        double regressionRatio,
        Thresholds thresholds) {

    /**
     * The seed's thresholds; the alert rules in infra/monitoring/alerts.yml hold the same numbers.
     *
     * @param apiP95 a query family's p95 above this
     * @param cacheHitRatio a cache family's hit ratio over the window below this
     * @param spatialAverage a spatial family's mean latency over the window above this
     * @param poolUtilization active connections over the pool's maximum above this
     * @param memoryBytes the JVM's used memory (heap and non-heap) above this
     * @param projectionLag the oldest unprojected event older than this
     */
    public record Thresholds(
            Duration apiP95,
            double cacheHitRatio,
            Duration spatialAverage,
            double poolUtilization,
            long memoryBytes,
            Duration projectionLag) {}
}

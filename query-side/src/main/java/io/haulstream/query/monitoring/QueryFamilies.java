package io.haulstream.query.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The query families as Spring MVC already times them: {@code http.server.requests} by its
 * {@code uri} tag, the URI template. Percentiles are Micrometer's over its sliding window (the
 * {@code management.metrics.distribution.expiry} of that timer), counts are since start, rates and
 * means are over the monitoring window.
 */
@Component
class QueryFamilies {

    static final String REQUESTS = "http.server.requests";

    private final MeterRegistry meters;
    private final MeterWindow window;
    private final List<Pattern> spatial;

    QueryFamilies(MeterRegistry meters, MeterWindow window, MonitoringProperties properties) {
        this.meters = meters;
        this.window = window;
        this.spatial =
                properties.spatialFamilies().stream().map(Pattern::compile).toList();
    }

    static boolean query(Meter.Id id) {
        String uri = id.getTag("uri");
        return uri != null && uri.startsWith("/api/");
    }

    boolean spatial(String family) {
        return spatial.stream().anyMatch(pattern -> pattern.matcher(family).matches());
    }

    /** Every query family served since start, by URI template. */
    Map<String, Map<String, Object>> all() {
        return families(family -> true);
    }

    Map<String, Map<String, Object>> spatialOnes() {
        return families(this::spatial);
    }

    private Map<String, Map<String, Object>> families(java.util.function.Predicate<String> which) {
        Map<String, MeterWindow.Delta> windowed = window.deltaBy(REQUESTS, "uri", QueryFamilies::query);
        Map<String, MeterWindow.Delta> rows = window.deltaBy(RequestsSeen.ROWS, "family", id -> true);
        Map<String, Map<String, Object>> families = new TreeMap<>();
        for (Timer timer : meters.find(REQUESTS).timers()) {
            if (!query(timer.getId()) || !which.test(timer.getId().getTag("uri"))) {
                continue;
            }
            String family = timer.getId().getTag("uri");
            Map<String, Object> figures = families.computeIfAbsent(family, f -> newFamily(f, windowed, rows));
            figures.merge("count", timer.count(), (a, b) -> (Long) a + (Long) b);
            if (!"SUCCESS".equals(timer.getId().getTag("outcome"))) {
                figures.merge("errors", timer.count(), (a, b) -> (Long) a + (Long) b);
            }
            // One timer per family answers 200; its percentiles are the family's successful replies.
            if ("200".equals(timer.getId().getTag("status"))) {
                for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
                    figures.put(
                            "p" + Math.round(percentile.percentile() * 100) + "Ms",
                            percentile.value(TimeUnit.MILLISECONDS));
                }
            }
        }
        return families;
    }

    private Map<String, Object> newFamily(
            String family, Map<String, MeterWindow.Delta> windowed, Map<String, MeterWindow.Delta> rows) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", 0L);
        figures.put("errors", 0L);
        figures.put("spatial", spatial(family));
        MeterWindow.Delta recent = windowed.getOrDefault(family, MeterWindow.Delta.NONE);
        figures.put("windowCount", recent.count());
        figures.put("perSecond", recent.rate());
        figures.put("windowMeanMs", recent.mean() == null ? null : recent.mean() * 1000);
        MeterWindow.Delta returned = rows.getOrDefault(family, MeterWindow.Delta.NONE);
        figures.put("windowMeanRows", returned.mean());
        figures.put(
                "rowsTotal",
                meters.find(RequestsSeen.ROWS).tag("family", family).summaries().stream()
                        .mapToDouble(summary -> summary.totalAmount())
                        .sum());
        return figures;
    }
}

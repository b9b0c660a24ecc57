package io.haulstream.query.monitoring;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The command side's own figures, read from its Prometheus page over HTTP rather than from its
 * database: its pool, its command rate and p95, its relay backlog and its dead letters. Scraped in
 * the background and kept with the previous scrape, so a rate is the difference of two real
 * readings. When the command side cannot be read, every figure says so and why.
 */
@Component
class CommandSideMetrics {

    private record Scrape(Instant at, PrometheusPage page) {}

    private final MonitoringProperties properties;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Scrape previous;
    private volatile Scrape latest;
    private volatile String failure = "not scraped yet";

    CommandSideMetrics(MonitoringProperties properties) {
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${haulstream.monitoring.command-side-scrape-interval:10s}")
    void scrape() {
        try {
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(properties.commandSideMetrics())
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                fail(properties.commandSideMetrics() + " answered " + reply.statusCode());
                return;
            }
            previous = latest;
            latest = new Scrape(Instant.now(), PrometheusPage.parse(reply.body()));
            failure = null;
        } catch (Exception e) {
            fail(properties.commandSideMetrics() + " could not be read: " + e);
        }
    }

    private void fail(String reason) {
        failure = reason;
        previous = null;
        latest = null;
    }

    /** The command side's figures, or available false with the reason. */
    Map<String, Object> figures() {
        Scrape now = latest;
        Scrape before = previous;
        Map<String, Object> figures = new LinkedHashMap<>();
        if (now == null) {
            figures.put("available", false);
            figures.put("reason", failure);
            return figures;
        }
        figures.put("available", true);
        figures.put("scrapedAt", now.at());
        figures.put("pools", pools(now.page()));
        figures.put("commands", commands(now, before));
        figures.put("relayBacklogEvents", gauge(now.page(), "haulstream_relay_backlog_events"));
        figures.put("deadLettersLastHour", gauge(now.page(), "haulstream_fleet_dead_letters_last_hour"));
        return figures;
    }

    /** The latest page, for the thresholds; null when the command side cannot be read. */
    PrometheusPage page() {
        Scrape now = latest;
        return now == null ? null : now.page();
    }

    String failure() {
        return failure;
    }

    private static Object gauge(PrometheusPage page, String name) {
        return page.has(name) ? page.sum(name, sample -> true) : "not exposed by the command side";
    }

    static Map<String, Object> pools(PrometheusPage page) {
        Map<String, Object> pools = new TreeMap<>();
        for (PrometheusPage.Sample max : page.named("hikaricp_connections_max", sample -> true)) {
            String pool = max.label("pool");
            Predicate<PrometheusPage.Sample> thisPool =
                    sample -> sample.label("pool").equals(pool);
            double active = page.sum("hikaricp_connections_active", thisPool);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("active", active);
            figures.put("idle", page.sum("hikaricp_connections_idle", thisPool));
            figures.put("pending", page.sum("hikaricp_connections_pending", thisPool));
            figures.put("max", max.value());
            figures.put("utilization", max.value() > 0 ? active / max.value() : null);
            List<PrometheusPage.Sample> p95 =
                    page.named("hikaricp_connections_acquire_seconds", thisPool.and(sample -> sample.label("quantile")
                            .equals("0.95")));
            figures.put("acquireP95Ms", p95.isEmpty() ? null : p95.get(0).value() * 1000);
            pools.put(pool, figures);
        }
        return pools;
    }

    /** Commands are the command API's writes: every request to /api/ that is not a GET. */
    private static boolean command(PrometheusPage.Sample sample) {
        return sample.label("uri").startsWith("/api/")
                && !sample.label("method").equals("GET");
    }

    private static Map<String, Object> commands(Scrape now, Scrape before) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double count = now.page().sum("http_server_requests_seconds_count", CommandSideMetrics::command);
        figures.put("total", count);
        if (before == null) {
            figures.put("perSecond", "needs a second scrape");
            figures.put("p95Ms", "needs a second scrape");
            return figures;
        }
        double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
        double previousCount = before.page().sum("http_server_requests_seconds_count", CommandSideMetrics::command);
        figures.put("perSecond", seconds > 0 ? (count - previousCount) / seconds : null);
        figures.put("windowSeconds", seconds);
        Double p95 = Histograms.quantile(
                0.95,
                Histograms.buckets(now.page(), "http_server_requests_seconds_bucket", CommandSideMetrics::command),
                Histograms.buckets(before.page(), "http_server_requests_seconds_bucket", CommandSideMetrics::command));
        figures.put("p95Ms", p95 == null ? "no command between the last two scrapes" : p95 * 1000);
        return figures;
    }
}

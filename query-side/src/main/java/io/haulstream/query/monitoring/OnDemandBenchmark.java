package io.haulstream.query.monitoring;

import io.haulstream.query.api.InvalidQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /health/database/performance/benchmark}: replays the last real requests of the
 * families asked for against this application's own API, so it measures the live read model with
 * parameters clients actually use, and needs no knowledge of any family. One run at a time, at most
 * the configured limit; each family's p95 is compared with the previous run's.
 */
@Component
class OnDemandBenchmark {

    /** The body: URI templates as in the coordination reply, seconds, and parallel clients. */
    record Request(List<String> families, Integer seconds, Integer concurrency) {}

    static final int MAX_CONCURRENCY = 8;

    private final RequestsSeen seen;
    private final WebServerApplicationContext server;
    private final MonitoringProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, Map<String, Object>> previous = new ConcurrentHashMap<>();

    OnDemandBenchmark(RequestsSeen seen, WebServerApplicationContext server, MonitoringProperties properties) {
        this.seen = seen;
        this.server = server;
        this.properties = properties;
    }

    Map<String, Object> run(Request request) throws InterruptedException {
        long limit = properties.benchmarkLimit().toSeconds();
        if (request.families() == null || request.families().isEmpty()) {
            throw new InvalidQuery("families", "name at least one query family (a URI template)");
        }
        int seconds = request.seconds() == null ? 10 : request.seconds();
        if (seconds < 1 || seconds > limit) {
            throw new InvalidQuery("seconds", "must be between 1 and " + limit);
        }
        int concurrency = request.concurrency() == null ? 1 : request.concurrency();
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new InvalidQuery("concurrency", "must be between 1 and " + MAX_CONCURRENCY);
        }
        Map<String, List<RequestsSeen.Seen>> targets = new LinkedHashMap<>();
        for (String family : request.families()) {
            List<RequestsSeen.Seen> recent = seen.recent(family);
            if (recent.isEmpty()) {
                throw new InvalidQuery(
                        "families", family + " has served no successful request since start: nothing to replay");
            }
            targets.put(family, recent);
        }
        if (!running.compareAndSet(false, true)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "a benchmark is already running");
        }
        try {
            return measure(targets, seconds, concurrency);
        } finally {
            running.set(false);
        }
    }

    private Map<String, Object> measure(Map<String, List<RequestsSeen.Seen>> targets, int seconds, int concurrency)
            throws InterruptedException {
        String base = "http://127.0.0.1:" + server.getWebServer().getPort();
        List<String> families = List.copyOf(targets.keySet());
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        families.forEach(family -> {
            latencies.put(family, java.util.Collections.synchronizedList(new ArrayList<>()));
            errors.put(family, new AtomicLong());
        });
        AtomicLong next = new AtomicLong();
        Instant started = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < concurrency; worker++) {
                running.add(workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long n = next.getAndIncrement();
                        String family = families.get((int) (n % families.size()));
                        List<RequestsSeen.Seen> requests = targets.get(family);
                        RequestsSeen.Seen target = requests.get((int) ((n / families.size()) % requests.size()));
                        long start = System.nanoTime();
                        try {
                            HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(base + target.target()))
                                    .timeout(Duration.ofSeconds(10));
                            if (target.authorization() != null) {
                                replay.header("Authorization", target.authorization());
                            }
                            HttpResponse<Void> reply =
                                    http.send(replay.build(), HttpResponse.BodyHandlers.discarding());
                            if (reply.statusCode() == 200) {
                                latencies.get(family).add(System.nanoTime() - start);
                            } else {
                                errors.get(family).incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.get(family).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a benchmark worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("startedAt", started);
        reply.put("seconds", seconds);
        reply.put("concurrency", concurrency);
        Map<String, Object> byFamily = new LinkedHashMap<>();
        for (String family : families) {
            Map<String, Object> figures = percentiles(latencies.get(family), seconds);
            figures.put("errors", errors.get(family).get());
            figures.put("comparison", compare(family, figures));
            previous.put(family, figures);
            byFamily.put(family, figures);
        }
        reply.put("families", byFamily);
        return reply;
    }

    static Map<String, Object> percentiles(List<Long> nanos, int seconds) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(sorted);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", sorted.length);
        figures.put("perSecond", (double) sorted.length / seconds);
        figures.put("p50Ms", at(sorted, 0.50));
        figures.put("p95Ms", at(sorted, 0.95));
        figures.put("p99Ms", at(sorted, 0.99));
        figures.put("maxMs", sorted.length == 0 ? null : sorted[sorted.length - 1] / 1e6);
        return figures;
    }

    /** The nearest-rank percentile: the smallest latency at or above that share of the requests. */
    private static Double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private Map<String, Object> compare(String family, Map<String, Object> figures) {
        Map<String, Object> before = previous.get(family);
        Map<String, Object> comparison = new LinkedHashMap<>();
        if (before == null || before.get("p95Ms") == null || figures.get("p95Ms") == null) {
            comparison.put("previousP95Ms", null);
            comparison.put("regression", false);
            return comparison;
        }
        double was = (Double) before.get("p95Ms");
        double now = (Double) figures.get("p95Ms");
        comparison.put("previousP95Ms", was);
        comparison.put("ratio", was > 0 ? now / was : null);
        comparison.put("regressionRatio", properties.regressionRatio());
        comparison.put("regression", was > 0 && now / was > properties.regressionRatio());
        return comparison;
    }
}

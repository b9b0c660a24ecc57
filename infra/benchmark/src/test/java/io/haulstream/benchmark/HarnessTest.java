package io.haulstream.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own parts, without servers: what CI can check of the harness in seconds. */
class HarnessTest {

    @Nested
    class FixedRate {

        @Test
        void chargesAStallToEveryRequestItDelayed() {
            // One worker, 50 ms per request, 100 requests due per second: most requests wait.
            Latency.Summary open =
                    Load.fixedRate("stalled", 100, 1, Duration.ZERO, Duration.ofSeconds(1), HarnessTest::fiftyMillis);
            Latency.Summary closed =
                    Load.closed("stalled", 1, Duration.ZERO, Duration.ofSeconds(1), HarnessTest::fiftyMillis);

            assertThat(open.max()).isGreaterThan(300);
            assertThat(closed.p50()).isLessThan(open.p50());
        }

        @Test
        void countsFailedRequestsApartFromLatencies() {
            Latency.Summary summary = Load.closed("failing", 2, Duration.ZERO, Duration.ofMillis(300), (worker, n) -> {
                if (n % 2 == 0) {
                    throw new IllegalStateException("refused");
                }
                return Load.NOT_TIMED;
            });

            assertThat(summary.errors()).isPositive();
            assertThat(summary.count()).isPositive();
            assertThat(summary.server()).isNull();
        }

        @Test
        void keepsTheServersOwnTimesApart() {
            Latency.Summary summary = Load.closed(
                    "timed", 1, Duration.ZERO, Duration.ofMillis(300), (worker, n) -> fiftyMillis(worker, n) / 50);

            assertThat(summary.p50()).isGreaterThanOrEqualTo(50);
            assertThat(summary.server().count()).isEqualTo(summary.count());
            assertThat(summary.server().p99()).isBetween(0.99, 1.01);
        }
    }

    private static long fiftyMillis(int worker, long sequence) throws InterruptedException {
        Thread.sleep(50);
        return 50_000_000L;
    }

    @Test
    void chargesEachProcessGroupItsShareOfProcessorTime() {
        // /proc/<pid>/stat of a process whose name has a space and a parenthesis; utime 250, stime 50.
        String stat = "42 (java (main)) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0";
        Map<String, Double> perCommand = CpuTime.perOperation(
                Map.of("command-side", 100L, "kafka", 10L),
                Map.of("command-side", 100L + CpuTime.processTicks(stat), "kafka", 10L),
                1_000);

        assertThat(CpuTime.processTicks(stat)).isEqualTo(300);
        assertThat(perCommand).containsExactly(Map.entry("command-side", 3.0));
        assertThat(CpuTime.busyTicks("cpu  100 5 50 1000 20 3 2 0 0 0")).isEqualTo(160);
        assertThat(CpuTime.snapshot()).containsKey(CpuTime.WHOLE_MACHINE);
    }

    /** The names are HotSpot's, read off this very JVM: a renamed thread would silently count as zero. */
    @Test
    void recognisesThisJvmsJitCompilerThreads() throws Exception {
        List<String> names = new ArrayList<>();
        try (var threads = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path thread : threads) {
                names.add(Files.readString(thread.resolve("comm")));
            }
        }

        assertThat(names.stream().filter(CpuTime::isCompilerThread)).isNotEmpty();
        assertThat(CpuTime.isCompilerThread("http-nio-8081-exec-1")).isFalse();
    }

    @Test
    void readsTheApplicationsDurationFromServerTiming() throws Exception {
        HttpHeaders timed = HttpHeaders.of(
                Map.of("Server-Timing", List.of("cache;desc=redis, app;dur=0.412")), (name, value) -> true);
        HttpHeaders untimed = HttpHeaders.of(Map.of(), (name, value) -> true);

        assertThat(Http.serverNanos(timed)).isEqualTo(412_000L);
        assertThat(Http.serverNanos(untimed)).isEqualTo(Load.NOT_TIMED);
    }

    @Test
    void reportsPercentilesInMilliseconds() {
        Latency latency = new Latency();
        for (int i = 1; i <= 1000; i++) {
            latency.recordNanos(i * 1_000_000L);
        }

        Latency.Summary summary = latency.summary("ramp", 1_000_000_000L, 0);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isBetween(499.0, 501.0);
        assertThat(summary.p99()).isBetween(989.0, 991.0);
        assertThat(summary.max()).isBetween(999.0, 1001.0);
        assertThat(summary.perSecond()).isEqualTo(1000.0);
    }

    @Test
    void showsRateAndEtaOnItsProgressLine() {
        var out = new ByteArrayOutputStream();
        Progress progress = new Progress("loading", 1000, "events", new PrintStream(out, true, StandardCharsets.UTF_8));

        String line = progress.line(250, 5_000_000_000L);

        assertThat(line).contains("25.0%", "250/1,000 events", "50 events/s", "eta 0:00:15");
    }

    @Test
    void sumsPrometheusSamplesByLabel() {
        Map<String, Double> samples = Resources.parse(
                """
                # HELP haulstream_cache_requests_total
                haulstream_cache_requests_total{family="stats",result="hit"} 90.0
                haulstream_cache_requests_total{family="stats",result="miss"} 10.0
                haulstream_cache_requests_total{family="bin",result="hit"} 5.0
                hikaricp_connections_usage_seconds_count{pool="HikariPool-1"} 7
                """);

        assertThat(Resources.sum(samples, "haulstream_cache_requests_total", "family=\"stats\"", "result=\"hit\""))
                .isEqualTo(90.0);
        assertThat(Resources.sum(samples, "haulstream_cache_requests_total", "result=\"hit\""))
                .isEqualTo(95.0);
        assertThat(Resources.sum(samples, "hikaricp_connections_usage_seconds_count"))
                .isEqualTo(7.0);
    }

    @Test
    void writesTheReportWithRatiosAndCharts(@TempDir Path folder) throws Exception {
        Latency.Summary atServer = new Latency.Summary("at server", 1000, 0, 5000, 0.1, 0.2, 0.3, 0.5, 0.9, null);
        Latency.Summary fast =
                new Latency.Summary("fast", 1000, 0, 5000, 0.5, 0.8, 1.0, 2.0, 3.0, null).withServer(atServer);
        Latency.Summary slow = new Latency.Summary("slow", 100, 0, 50, 40, 80, 150, 200, 250, null);
        Latency.Summary wholeCity =
                new Latency.Summary("all", 1000, 0, 5000, 0.6, 0.9, 1.2, 2.0, 3.0, null).withServer(atServer);
        Report.Run run = new Report.Run(
                Map.of("cores", 2),
                Map.of("queryConcurrency", 8),
                Map.of("bins", 10_000),
                List.of(
                        new Report.Family(
                                "route statistics", "GET /x", "seed SQL", fast, fast, slow, slow, 0.0, 0.5, 4.0, null),
                        new Report.Family(
                                "route detail",
                                null,
                                "seed SQL",
                                null,
                                null,
                                slow,
                                slow,
                                null,
                                null,
                                101,
                                "not served")),
                List.of(new Report.Scope("bins statistics", "one organization", fast, "all organizations", wholeCity)),
                fast,
                Map.of("stats hit ratio", "0.9990"),
                new WritePath.Figures(
                        fast,
                        fast,
                        slow,
                        fast,
                        Map.of("acceptedServices", 10L),
                        Map.of(CpuTime.WHOLE_MACHINE, 4.0, "command-side", 2.0),
                        slow,
                        0.5,
                        List.of(lagWindow())),
                new FleetInbound.Figures(
                        List.of(
                                new FleetInbound.Step(
                                        "500 records/s", 500, 2000, 500, 2000, 498, "metric", 0.1, true, fast, 0),
                                new FleetInbound.Step(
                                        "1,000 records/s", 1000, 4000, 1000, 4000, 400, "metric", 6.0, false, slow, 0)),
                        500.0,
                        new FleetInbound.Step(
                                "80%: 400 records/s", 400, 3200, 400, 3200, 399, "metric", 0.1, true, fast, 0),
                        lagWindow(),
                        Map.of("exactlyOnce", true)),
                List.of(new Resources.Memory("query-side", 200, 768, 400)),
                null);

        List<Path> written = new Report(folder, new ObjectMapper()).write(run);

        String markdown = Files.readString(folder.resolve("report.md"));
        assertThat(markdown).contains("**150×**", "not served", "0.9990", "acceptedServices 10");
        assertThat(markdown).as("seed p99 150 ms over 0.3 ms at the server").contains("**500×**");
        assertThat(markdown)
                .as("the share of the family's reads answered from Redis")
                .contains("**500×** | 0.500 |");
        assertThat(markdown).contains("command-side 2.0", "carry at most 500 commands per second");
        assertThat(markdown)
                .contains(
                        "Where the lag goes",
                        "| stored to relayed | command-side | not exposed | | | |",
                        "| relayed to consumed | query-side | 100 | 1.80 | 3.95 | 2.00 |",
                        "0.50 of the 5,000/s",
                        "on an idle system",
                        "Highest rate kept up: **500 records/s**",
                        "| 1,000 records/s | 4,000 | 1,000 | 4,000 | 400 | metric | 6.0 | **no** |",
                        "exactlyOnce true");
        assertThat(markdown)
                .contains("| bins statistics | **p99 ratio, whole city over one organization** | | | 1.20 | 1.00 |");
        assertThat(markdown)
                .as("the open model's row with the server's p50 and p99")
                .contains(
                        "| route statistics | haulstream | 1,000 | 5,000 | 0.50 | 0.80 | 1.00 | 2.00 | 3.00 | 0.10 | 0.30 |");
        assertEveryRowHasItsHeadersCells(markdown);
        assertThat(Report.times(0.42)).isEqualTo("0.4×");
        assertThat(new ObjectMapper()
                        .readTree(folder.resolve("report.json").toFile())
                        .get("families"))
                .hasSize(2);
        for (Path png : written.subList(2, written.size())) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).as(png.toString()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }

    /** A table's rows each have as many cells as its header (a row with more shifts every column after). */
    private static void assertEveryRowHasItsHeadersCells(String markdown) {
        int headerCells = -1;
        for (String line : markdown.lines().toList()) {
            if (!line.startsWith("|")) {
                headerCells = -1;
            } else if (headerCells < 0) {
                headerCells = cells(line);
            } else {
                assertThat(cells(line)).as(line).isEqualTo(headerCells);
            }
        }
    }

    private static int cells(String row) {
        return row.trim().split("\\|", -1).length - 2;
    }

    /** A histogram before and after: 100 events, 10 up to 1 ms, 50 more up to 2 ms, 40 more up to 4 ms. */
    private static final String BEFORE =
            """
            # HELP haulstream_event_lag_seconds How long events took from one stage of the write path to the next
            # TYPE haulstream_event_lag_seconds histogram
            haulstream_event_lag_seconds_bucket{application="query-side",hop="relayed-to-consumed",le="0.001"} 5
            haulstream_event_lag_seconds_bucket{application="query-side",hop="relayed-to-consumed",le="0.002"} 5
            haulstream_event_lag_seconds_bucket{application="query-side",hop="relayed-to-consumed",le="0.004"} 5
            haulstream_event_lag_seconds_bucket{application="query-side",hop="relayed-to-consumed",le="+Inf"} 5
            haulstream_event_lag_seconds_count{application="query-side",hop="relayed-to-consumed"} 5
            haulstream_event_lag_seconds_sum{application="query-side",hop="relayed-to-consumed"} 0.0025
            haulstream_event_lag_seconds_bucket{application="query-side",hop="committed-to-cached",le="0.001"} 3
            haulstream_event_lag_seconds_bucket{application="query-side",hop="committed-to-cached",le="+Inf"} 3
            haulstream_event_lag_seconds_count{application="query-side",hop="committed-to-cached"} 3
            haulstream_event_lag_seconds_sum{application="query-side",hop="committed-to-cached"} 0.001
            haulstream_event_lag_seconds_max{application="query-side",hop="committed-to-cached"} 0.0
            http_server_requests_seconds_count{method="GET",uri="/a\\"b,c}",status="200"} 1.0E-4
            """;

    private static final String AFTER = BEFORE.replace("le=\"0.001\"} 5", "le=\"0.001\"} 15")
            .replace("le=\"0.002\"} 5", "le=\"0.002\"} 65")
            .replace("le=\"0.004\"} 5", "le=\"0.004\"} 105")
            .replace("le=\"+Inf\"} 5", "le=\"+Inf\"} 105")
            .replace("hop=\"relayed-to-consumed\"} 5", "hop=\"relayed-to-consumed\"} 105")
            .replace("} 0.0025", "} 0.2025");

    private static Hops.Window lagWindow() {
        return Hops.between(
                "steady writes",
                new Hops.Snapshot(Prometheus.empty(), Prometheus.parse(BEFORE)),
                new Hops.Snapshot(Prometheus.empty(), Prometheus.parse(AFTER)));
    }

    @Test
    void parsesThePrometheusTextFormat() {
        Prometheus page = Prometheus.parse(BEFORE);

        assertThat(page.samples()).hasSize(12);
        assertThat(page.samples().get(11).labels()).containsEntry("uri", "/a\"b,c}");
        assertThat(page.samples().get(11).value()).isEqualTo(1.0E-4);
        assertThat(page.sum("haulstream_event_lag_seconds_count", Map.of("application", "query-side")))
                .isEqualTo(8);
        assertThat(page.histograms("haulstream_event_lag_seconds", "hop"))
                .containsOnlyKeys("relayed-to-consumed", "committed-to-cached");
    }

    @Test
    void estimatesPercentilesOfWhatHappenedBetweenTwoScrapesWithinTheirBuckets() {
        Prometheus.Histogram before = Prometheus.parse(BEFORE)
                .histograms("haulstream_event_lag_seconds", "hop")
                .get("relayed-to-consumed");
        Prometheus.Histogram after = Prometheus.parse(AFTER)
                .histograms("haulstream_event_lag_seconds", "hop")
                .get("relayed-to-consumed");

        Prometheus.Histogram delta = after.minus(before);

        assertThat(delta.count()).isEqualTo(100);
        assertThat(delta.mean()).isCloseTo(0.002, org.assertj.core.api.Assertions.within(1e-9));
        // The 50th of 100 is the 40th of the 50 between 1 and 2 ms; the 99th the 39th of the 40 between 2 and 4.
        assertThat(delta.quantile(0.50)).isCloseTo(0.0018, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(delta.quantile(0.99)).isCloseTo(0.00395, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(delta.quantile(0.05)).isCloseTo(0.0005, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void saysWhichHopsAreNotExposedAndWhichSawNoEvents() {
        Hops.Window window = lagWindow();

        assertThat(window.hops()).hasSize(Hops.ALL.size());
        Hops.Hop relayed = window.hops().stream()
                .filter(hop -> hop.hop().equals("relayed to consumed"))
                .findFirst()
                .orElseThrow();
        assertThat(relayed.events()).isEqualTo(100);
        assertThat(relayed.p50Millis()).isCloseTo(1.8, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(window.hops())
                .filteredOn(hop -> hop.application().equals("command-side"))
                .allMatch(hop -> !hop.exposed());
        assertThat(window.hops())
                .filteredOn(hop -> hop.hop().equals("committed to cached"))
                .singleElement()
                .matches(hop -> hop.exposed() && hop.events() == 0 && hop.p99Millis() == null);
        assertThat(window.hops())
                .filteredOn(hop -> hop.hop().equals("token query waited"))
                .singleElement()
                .matches(hop -> !hop.exposed());
    }

    @Test
    void statesTheProjectionRateAndTheFullCitysTime() {
        String projection = Benchmark.projection(
                "4,693,377 events sent in 59 s and projected in 2851 s (1,646 events/s end to end)");

        assertThat(projection).contains("2,851 s", "**1,646 events/s**", "4,693,377 events", "**47.5 min**");
        assertThat(Benchmark.projection("loaded some other way")).isNull();
    }

    @Test
    void runsTheFleetPhaseByDefaultAndReadsItsRates() {
        Settings settings = Settings.from("smoke", Map.of("BENCHMARK_FLEET_RATES", "100, 200"));

        assertThat(settings.phases()).containsExactly("queries", "writes", "mix", "fleet");
        assertThat(settings.fleetRates()).containsExactly(100, 200);
        assertThat(settings.steadyWriteRate())
                .as("half the measured throughput")
                .isZero();
        assertThat(settings.jfr()).isFalse();
    }

    @Test
    void measuresEveryFamilyUnlessSomeAreNamed() {
        Settings every = Settings.from("smoke", Map.of());
        Settings some = Settings.from("smoke", Map.of("BENCHMARK_FAMILIES", "bins within, Nearest"));

        assertThat(every.measures("route detail with its stops")).isTrue();
        assertThat(every.measuresEverything()).isTrue();
        assertThat(some.measures("bins within 1 km")).isTrue();
        assertThat(some.measures("bins within 5 km")).isTrue();
        assertThat(some.measures("nearest 10 bins")).as("named in another case").isTrue();
        assertThat(some.measures("routes within 1 km")).as("holds neither part").isFalse();
        assertThat(some.measuresEverything())
                .as("no scopes nor tiles in a run of some families")
                .isFalse();
    }

    @Test
    void summarizesAFlightRecordingByLeafAndInclusiveFrames(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("test.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until && burn() != 42) {
                // burning processor time where the sampler will find it
            }
            recording.stop();
            recording.dump(file);
        }

        String summary = Jfr.summary("test", file, java.time.Instant.EPOCH, "over the test");

        assertThat(summary).contains("Top 15 leaf frames", "Top 15 frames by inclusive samples");
        assertThat(summary).contains("io.haulstream.benchmark.HarnessTest.burn");
    }

    private static double burn() {
        double x = 0;
        for (int i = 1; i < 100_000; i++) {
            x += Math.sqrt(i) / i;
        }
        return x;
    }
}

package io.haulstream.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The path a fleet system uses: records published straight to {@code haulstream.fleet.inbound}
 * with kafka-clients, no HTTP, at rising rates, on bins the benchmark placed through the command
 * API. Each step reports the records sent and applied per second, and how long a sample of them
 * took from being sent until the query API showed them; the highest rate the command side kept up
 * with is then driven at 80% for twice as long. {@link FleetAccounting} checks afterwards that
 * every record was applied exactly once.
 */
final class FleetInbound {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(60);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(5);
    private static final int SAMPLERS = 8;
    /** Between two reads of a sampled record's bin: the resolution of record to visible, and a light load. */
    private static final long POLL_PAUSE_MILLIS = 5;

    /**
     * One rate held for a while.
     *
     * @param drainSeconds from the last record sent until the consumer group had committed all, NaN
     *     when it had not within the drain limit
     * @param appliedFrom {@code metric} when the applied count is the command side's
     *     {@code haulstream_fleet_records_total{outcome="applied"}}, else {@code consumer offsets}
     */
    record Step(
            String name,
            double targetPerSecond,
            long sent,
            double sentPerSecond,
            long applied,
            double appliedPerSecond,
            String appliedFrom,
            double drainSeconds,
            boolean keptUp,
            Latency.Summary recordToVisible,
            long notVisibleWithin60s) {}

    record Figures(
            List<Step> steps,
            Double highestRateKeptUp,
            Step atEightyPercent,
            Hops.Window hops,
            Map<String, Object> accounting) {}

    /** What a sampled record's bin must show once the record is applied and projected. */
    private record Expected(FleetRecord record, String bin, int serviceCount, Instant fillReportedAt) {}

    private final Settings settings;
    private final Http http;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private List<String> bins;
    private String organizationId;
    private int[] servicedPerBin;
    private long sequence;
    private long servicesSent;
    private final List<FleetRecord> resendable = new ArrayList<>();

    FleetInbound(Settings settings, Http http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * Binds the benchmark's fleet system to an organization, as an operator binds a fleet system to
     * its hauler: records, and services naming a fleet record, for any other would be set aside.
     */
    static void bindFleetSystem(Http http, Settings settings, String organizationId) throws Exception {
        http.send(
                "PUT",
                settings.commandManagementUrl() + "/fleet/systems/" + settings.fleetSystem() + "/organizations/"
                        + organizationId,
                Map.of());
    }

    Figures run() throws Exception {
        Placement.Placed placed =
                new Placement(http, settings).place("Benchmark Fleet " + runId, "FLEET-" + runId, settings.fleetBins());
        organizationId = placed.organizationId();
        bindFleetSystem(http, settings, organizationId);
        bins = placed.bins();
        servicedPerBin = new int[bins.size()];
        try (FleetTopic topic = new FleetTopic(settings)) {
            FleetAccounting accounting = new FleetAccounting(settings, http, topic, bins, organizationId);
            accounting.start(awaitDrained(topic, SETTLE_WITHIN, "records left on the topic before the phase"));
            List<Step> steps = new ArrayList<>();
            Double highest = null;
            double bestApplied = 0;
            for (int rate : settings.fleetRates()) {
                Step step = step(topic, String.format(Locale.ROOT, "%,d records/s", rate), rate, settings.fleetStep());
                steps.add(step);
                bestApplied = Math.max(bestApplied, step.appliedPerSecond());
                if (!step.keptUp()) {
                    break;
                }
                highest = (double) rate;
            }
            // With no step kept up, 80% of the best the command side applied.
            double eighty = 0.8 * (highest != null ? highest : bestApplied);
            Hops hops = new Hops(http, settings);
            Hops.Snapshot before = hops.scrape();
            Step atEighty = step(
                    topic,
                    String.format(Locale.ROOT, "80%%: %,.0f records/s", eighty),
                    eighty,
                    settings.fleetStep().multipliedBy(2));
            Hops.Window window =
                    Hops.between(String.format(Locale.ROOT, "fleet records at %,.0f/s", eighty), before, hops.scrape());
            Map<String, Object> accounted = accounting.account(
                    sequence, servicesSent, resendable, () -> awaitDrained(topic, SETTLE_WITHIN, "re-sent records"));
            return new Figures(steps, highest, atEighty, window, accounted);
        }
    }

    /** Sends at a fixed rate for the duration, then waits until the consumer group committed every record. */
    private Step step(FleetTopic topic, String name, double rate, Duration duration) throws Exception {
        awaitDrained(topic, SETTLE_WITHIN, "the backlog before " + name);
        Prometheus before = commandMetrics();
        long acknowledgedBefore = topic.acknowledged();
        Latency visible = new Latency();
        AtomicLong notVisible = new AtomicLong();
        ExecutorService samplers = Executors.newFixedThreadPool(SAMPLERS);
        long interval = (long) (1e9 / Math.max(rate, 1));
        long sampleEvery = Math.max(1, Math.round(rate / settings.fleetSamplesPerSecond()));
        long sent = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (Progress progress = new Progress("fleet records, " + name, duration.toSeconds(), "s")) {
            for (long i = 0; start + i * interval < end; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Expected expected = next();
                long sentAt = System.nanoTime();
                topic.send(expected.record());
                sent++;
                if (i % sampleEvery == 0) {
                    samplers.execute(() -> awaitVisible(expected, sentAt, visible, notVisible));
                }
                if (i % 100 == 0) {
                    progress.reached(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                }
            }
            progress.reached(duration.toSeconds());
        }
        long lastSent = System.nanoTime();
        topic.flush();
        Duration drainLimit = max(Duration.ofSeconds(30), duration.multipliedBy(3));
        double flushed = (System.nanoTime() - lastSent) / 1e9;
        double drain = flushed + awaitDrained(topic, drainLimit, null);
        double sendSeconds = (lastSent - start) / 1e9;
        samplers.shutdown();
        samplers.awaitTermination(VISIBLE_WITHIN.toSeconds() + 10, TimeUnit.SECONDS);
        samplers.shutdownNow();
        Prometheus after = commandMetrics();
        boolean metric = after.has(FleetAccounting.RECORDS);
        long applied = metric
                ? Math.round(FleetAccounting.applied(after) - FleetAccounting.applied(before))
                : topic.acknowledged() - acknowledgedBefore;
        double appliedSeconds = sendSeconds + (Double.isNaN(drain) ? drainLimit.toSeconds() : drain);
        double sentPerSecond = sent / sendSeconds;
        double appliedPerSecond = applied / appliedSeconds;
        boolean keptUp =
                !Double.isNaN(drain) && sentPerSecond >= 0.95 * rate && appliedPerSecond >= 0.9 * sentPerSecond;
        System.out.printf(
                Locale.ROOT,
                "  %s: sent %,.0f/s, applied %,.0f/s, drained %.1f s after the last, %s%n",
                name,
                sentPerSecond,
                appliedPerSecond,
                drain,
                keptUp ? "kept up" : "fell behind");
        return new Step(
                name,
                rate,
                sent,
                sentPerSecond,
                applied,
                appliedPerSecond,
                metric ? "metric" : "consumer offsets",
                drain,
                keptUp,
                visible.summary("record to visible, " + name, lastSent - start, notVisible.get()),
                notVisible.get());
    }

    /** Alternates, bin by bin, a service (EMPTIED, 12.5 kg) and a fill level; each with an id of its own. */
    private Expected next() {
        long n = sequence++;
        int b = (int) (n % bins.size());
        String bin = bins.get(b);
        String id = "benchmark-" + runId + ":" + n;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Expected next;
        if ((n / bins.size()) % 2 == 0) {
            servicesSent++;
            next = new Expected(
                    new BinServicedRecord(
                            settings.fleetSystem(), id, bin, null, ServiceOutcome.EMPTIED, 12.5, null, now),
                    bin,
                    ++servicedPerBin[b],
                    null);
        } else {
            // A bin's next fill level always differs from its last, so that no report is a no-op.
            int percent = (int) ((n / bins.size()) % 101);
            next = new Expected(
                    new FillLevelReportedRecord(settings.fleetSystem(), id, bin, percent, now), bin, 0, now);
        }
        if (resendable.size() < settings.fleetResends()) {
            resendable.add(next.record());
        }
        return next;
    }

    /**
     * Polls the query API's bin until it shows the record: its service counted, or its fill level
     * reported at the record's time or later (the records of one bin are applied in the order sent).
     */
    private void awaitVisible(Expected expected, long sentAt, Latency visible, AtomicLong notVisible) {
        String url = settings.queryUrl() + "/api/v1/organizations/" + organizationId + "/bins/" + expected.bin();
        long deadline = sentAt + VISIBLE_WITHIN.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (shows(http.getJson(url), expected)) {
                    visible.recordNanos(System.nanoTime() - sentAt);
                    return;
                }
                Thread.sleep(POLL_PAUSE_MILLIS);
            }
            notVisible.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            notVisible.incrementAndGet();
        }
    }

    private static boolean shows(JsonNode bin, Expected expected) {
        if (expected.fillReportedAt() == null) {
            return bin.path("serviceCount").asInt() >= expected.serviceCount();
        }
        JsonNode reportedAt = bin.path("fillReportedAt");
        return reportedAt.isTextual() && !Instant.parse(reportedAt.asText()).isBefore(expected.fillReportedAt());
    }

    /**
     * Waits until the command side's consumer group has committed every record on the topic.
     *
     * @param waitingFor shown on a progress line while waiting; null to wait quietly
     * @return seconds waited, NaN if the limit passed first
     */
    static double awaitDrained(FleetTopic topic, Duration limit, String waitingFor) throws Exception {
        long start = System.nanoTime();
        long backlog = topic.backlog();
        if (backlog == 0) {
            return 0;
        }
        try (Progress progress =
                waitingFor == null ? null : new Progress("draining " + waitingFor, backlog, "records")) {
            long first = backlog;
            while (System.nanoTime() - start < limit.toNanos()) {
                Thread.sleep(50);
                backlog = topic.backlog();
                if (progress != null) {
                    progress.reached(first - Math.min(first, backlog));
                }
                if (backlog <= 0) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
        }
        System.out.println("  the fleet consumer group still had " + backlog + " records to commit after " + limit);
        return Double.NaN;
    }

    private Prometheus commandMetrics() {
        return FleetAccounting.commandMetrics(http, settings);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

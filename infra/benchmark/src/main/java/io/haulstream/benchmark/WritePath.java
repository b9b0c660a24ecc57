package io.haulstream.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path over HTTP: sustained command throughput and latency, then the lag from a
 * command's reply until its effect shows on the query API, with and without its consistency
 * token. It places its own organization and bins through the command API, so every command it
 * sends can be accounted for afterwards in the event store and the read model: none lost, none
 * applied twice.
 */
final class WritePath {

    private final Settings settings;
    private final Http http;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong services = new AtomicLong();
    private final AtomicLong fillReports = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong notYetVisible = new AtomicLong();
    private volatile JsonNode lastReply;
    private String organizationId;

    String organizationId() {
        return organizationId;
    }

    private final List<String> loadBins = new ArrayList<>();
    private final List<String> probeBins = new ArrayList<>();
    /** Services sent to each probe bin so far: the count its read model row must reach. */
    private int[] probeServiceCounts;

    WritePath(Settings settings, Http http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * @param lagIdle reply to visible with the token, one command at a time and nothing else running
     * @param steadyShareOfThroughput the steady load's achieved rate over the fixed-concurrency
     *     throughput: 0.5 unless a rate was set
     * @param hops where the lag went, on the idle system and under the steady load
     */
    record Figures(
            Latency.Summary commands,
            Latency.Summary lagWithToken,
            Latency.Summary lagPolling,
            Latency.Summary loadDuringLag,
            Map<String, Long> accounting,
            Map<String, Double> cpuMillisPerCommand,
            Latency.Summary lagIdle,
            double steadyShareOfThroughput,
            List<Hops.Window> hops) {}

    Figures run() throws Exception {
        setUp();
        long sentBefore = services.get() + fillReports.get();
        Map<String, Long> cpuBefore = CpuTime.snapshot();
        Latency.Summary commands = Load.closed(
                "commands, " + settings.writeConcurrency() + " clients",
                settings.writeConcurrency(),
                settings.warmUp(),
                settings.writeDuration(),
                (worker, n) -> {
                    command(n);
                    return Load.NOT_TIMED;
                });
        // Until the last command is projected, so that relaying and projecting are charged too.
        awaitVisible(lastReply);
        Map<String, Double> cpu =
                CpuTime.perOperation(cpuBefore, CpuTime.snapshot(), services.get() + fillReports.get() - sentBefore);
        Hops hops = new Hops(http, settings);
        Hops.Snapshot idleBefore = hops.scrape();
        Latency.Summary idle = probeIdle();
        Hops.Window idleHops = Hops.between("idle: one command at a time", idleBefore, hops.scrape());
        Latency lagWithToken = new Latency();
        Latency lagPolling = new Latency();
        Thread probe = new Thread(() -> probeLag(lagWithToken, lagPolling), "lag-probe");
        // Lag is only meaningful at a load the system carries: half the throughput just measured,
        // or less when a rate is set.
        double half = 0.5 * commands.perSecond();
        double rate = settings.steadyWriteRate() > 0 ? Math.min(settings.steadyWriteRate(), half) : half;
        Hops.Snapshot steadyBefore = hops.scrape();
        long probeStart = System.nanoTime();
        probe.start();
        Latency.Summary steady = Load.fixedRate(
                String.format(Locale.ROOT, "steady writes at %.0f/s", rate),
                rate,
                settings.writeConcurrency(),
                Duration.ZERO,
                settings.writeDuration(),
                (worker, n) -> {
                    command(n);
                    return Load.NOT_TIMED;
                });
        probe.interrupt();
        probe.join();
        long probeNanos = System.nanoTime() - probeStart;
        Hops.Window steadyHops =
                Hops.between(String.format(Locale.ROOT, "steady writes at %.0f/s", rate), steadyBefore, hops.scrape());
        return new Figures(
                commands,
                lagWithToken.summary("reply to visible, query with token", probeNanos, 0),
                lagPolling.summary("reply to visible, polling without token", probeNanos, 0),
                steady,
                account(),
                cpu,
                idle,
                steady.perSecond() / Math.max(commands.perSecond(), 1e-9),
                List.of(idleHops, steadyHops));
    }

    /**
     * Reply to visible with nothing else running: one command at a time on the probe bins, each
     * followed by a query with its token, a short pause between them.
     */
    private Latency.Summary probeIdle() throws Exception {
        Latency lag = new Latency();
        long started = System.nanoTime();
        try (Progress progress = new Progress("reply to visible, idle", settings.idleProbes(), "commands")) {
            for (int i = 0; i < settings.idleProbes(); i++) {
                int b = i % probeBins.size();
                String bin = probeBins.get(b);
                JsonNode reply = service(bin, "idle-" + i);
                services.incrementAndGet();
                long replied = System.nanoTime();
                int expected = ++probeServiceCounts[b];
                JsonNode seen = readWithToken(binUrl(settings.queryUrl(), bin), reply);
                lag.recordNanos(System.nanoTime() - replied);
                if (seen.get("serviceCount").asInt() < expected) {
                    throw new IllegalStateException("a query with the token did not see its command: " + seen);
                }
                progress.step();
                Thread.sleep(settings.probePauseMillis());
            }
        }
        return lag.summary("reply to visible, query with token, idle", System.nanoTime() - started, 0);
    }

    private void setUp() throws Exception {
        Placement.Placed placed = new Placement(http, settings)
                .place("Benchmark Hauling " + runId, "BENCH-" + runId, settings.writeBins() + settings.probeBins());
        organizationId = placed.organizationId();
        // A service naming a fleet record names its fleet system too, bound to the bins' organization.
        FleetInbound.bindFleetSystem(http, settings, organizationId);
        loadBins.addAll(placed.bins().subList(0, settings.writeBins()));
        probeBins.addAll(
                placed.bins().subList(settings.writeBins(), placed.bins().size()));
        probeServiceCounts = new int[probeBins.size()];
    }

    /** Half the commands service a bin (with a fleet record id of their own), half report a fill level. */
    JsonNode command(long n) throws Exception {
        String bin = loadBins.get(ThreadLocalRandom.current().nextInt(loadBins.size()));
        JsonNode reply;
        if (n % 2 == 0) {
            reply = service(bin, "load-" + records.incrementAndGet());
            services.incrementAndGet();
        } else {
            reply = http.send("POST", binUrl(settings.commandUrl(), bin) + "/fill-levels", Map.of("fillPercent", (int)
                    (n % 101)));
            fillReports.incrementAndGet();
        }
        lastReply = reply;
        return reply;
    }

    private JsonNode service(String bin, String record) throws Exception {
        return http.send(
                "POST",
                binUrl(settings.commandUrl(), bin) + "/services",
                Map.of(
                        "outcome",
                        "EMPTIED",
                        "weightKg",
                        12.5,
                        "fleetSystem",
                        settings.fleetSystem(),
                        "fleetRecordId",
                        runId + "-" + record));
    }

    private String binUrl(String base, String bin) {
        return base + "/api/v1/organizations/" + organizationId + "/bins/" + bin;
    }

    /**
     * One probe at a time on bins the load does not touch, alternating the two ways of reading
     * one's own write, so both are measured under the same load.
     */
    private void probeLag(Latency withToken, Latency polling) {
        int[] serviceCounts = probeServiceCounts;
        try {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                int b = i % probeBins.size();
                String bin = probeBins.get(b);
                JsonNode reply = service(bin, "probe-" + i);
                services.incrementAndGet();
                long replied = System.nanoTime();
                int expected = ++serviceCounts[b];
                if (i % 2 == 0) {
                    JsonNode seen = readWithToken(binUrl(settings.queryUrl(), bin), reply);
                    if (seen.get("serviceCount").asInt() < expected) {
                        throw new IllegalStateException("a query with the token did not see its command: " + seen);
                    }
                    withToken.recordNanos(System.nanoTime() - replied);
                } else {
                    while (serviceCount(bin) < expected) {
                        Thread.onSpinWait();
                    }
                    polling.recordNanos(System.nanoTime() - replied);
                }
                Thread.sleep(settings.probePauseMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("lag probe failed", e);
        }
    }

    /**
     * A query with a token answers 503 when its event is not projected within the server's wait;
     * a dispatcher's client asks again, and so does the probe, counting how often it had to.
     */
    private JsonNode readWithToken(String url, JsonNode reply) throws Exception {
        String withToken = url + "?minPosition="
                + URLEncoder.encode(reply.get("consistencyToken").asText(), StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 60; attempt++) {
            if (http.status(withToken) == 200) {
                return http.getJson(withToken);
            }
            notYetVisible.incrementAndGet();
        }
        throw new IllegalStateException("not visible after 60 waits: " + withToken);
    }

    private void awaitVisible(JsonNode reply) throws Exception {
        if (reply != null) {
            readWithToken(binUrl(settings.queryUrl(), reply.get("id").asText()), reply);
        }
    }

    private int serviceCount(String bin) throws Exception {
        String url = binUrl(settings.queryUrl(), bin);
        return http.status(url) == 200 ? http.getJson(url).get("serviceCount").asInt() : -1;
    }

    /**
     * Every accepted command must be in the event store exactly once, and once projected, every
     * service must have counted once on its bin.
     */
    private Map<String, Long> account() throws Exception {
        try (Connection command = settings.commandDatabase();
                Connection query = settings.queryDatabase()) {
            List<String> bins = new ArrayList<>(loadBins);
            bins.addAll(probeBins);
            long storedServices = countEvents(command, bins, "BinServiced");
            long storedFills = countEvents(command, bins, "BinFillLevelReported");
            long projectedServices = awaitProjectedServices(query, services.get());
            return Map.of(
                    "acceptedServices",
                    services.get(),
                    "storedServices",
                    storedServices,
                    "projectedServices",
                    projectedServices,
                    "acceptedFillReports",
                    fillReports.get(),
                    "storedFillReports",
                    storedFills,
                    "tokenQueriesAnswered503",
                    notYetVisible.get());
        }
    }

    private static long countEvents(Connection db, List<String> bins, String type) throws SQLException {
        try (var statement = db.prepareStatement("select count(*) from domain_event_entry"
                + " where aggregate_identifier = any(?) and payload_type like ?")) {
            statement.setArray(1, db.createArrayOf("varchar", bins.toArray()));
            statement.setString(2, "%." + type);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long awaitProjectedServices(Connection query, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long projected;
        do {
            try (var statement = query.prepareStatement(
                    "select coalesce(sum(service_count), 0) from read_model.bins where organization_id = ?")) {
                statement.setString(1, organizationId);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    projected = rows.getLong(1);
                }
            }
            if (projected >= expected) {
                return projected;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return projected;
    }
}

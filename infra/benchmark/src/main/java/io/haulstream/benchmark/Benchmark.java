package io.haulstream.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.haulstream.benchmark.city.BulkLoader;
import io.haulstream.benchmark.city.City;
import io.haulstream.benchmark.city.CitySize;
import io.haulstream.benchmark.seed.SeedBaseline;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One benchmark run: generate and load a city through Kafka and the projectors, load the same city
 * into the seed's normalized schema, measure every query family both ways, then the write path,
 * and write the report. Each phase prints its progress.
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Settings settings = Settings.from(args.length > 0 ? args[0] : "smoke", System.getenv());
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Http http = new Http(json, settings.callers());
        Resources resources = new Resources(http, settings.runDir());
        Map<String, Object> machine = machine();
        System.out.println("haulstream benchmark, size " + settings.size() + " on " + machine);

        CitySize size = CitySize.named(settings.size());
        City city = City.generate(size, settings.seed());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("size", size.name());
        data.put("organizations", city.organizationCount());
        data.put("customers", city.customerCount());
        data.put("bins", city.binCount());
        data.put("binsOnRoutes", city.assignedBinCount());
        data.put("routes", city.routeCount());
        data.put("serviceEvents", city.serviceEventCount());
        data.put("events", city.eventCount());
        SeedBaseline baseline = new SeedBaseline(settings.queryJdbcUrl(), settings.dbUser(), settings.dbPassword());
        QueryFamilies families = new QueryFamilies(settings, http, resources, city, baseline);
        List<Report.Family> measured = new ArrayList<>();
        List<Report.Scope> scopes = new ArrayList<>();
        TileFamily.Figures tiles = null;
        if (settings.phases().contains("queries") || settings.phases().contains("mix")) {
            data.putAll(loadCity(settings, city));
        }
        if (settings.phases().contains("queries")) {
            data.putAll(loadBaseline(settings, baseline, city));
            data.putAll(settle(settings));
            measured.addAll(families.measureAll());
            if (settings.measuresEverything()) {
                scopes.addAll(families.scopes());
                tiles = new TileFamily(settings, http, resources, city).run();
            }
        }
        // The flight recordings are summarized from here: the write path, the mix and the fleet records.
        Instant writesFrom = Instant.now();
        WritePath writePath = new WritePath(settings, http);
        WritePath.Figures writes = null;
        QueryFamilies.Mix mix = null;
        FleetInbound.Figures fleet = null;
        // The phases after the queries: if one fails, the report still keeps everything measured
        // before and after it (a full run's queries take half an hour; one failing write lost them).
        Map<String, Object> failures = new LinkedHashMap<>();
        if (settings.phases().contains("writes") || settings.phases().contains("mix")) {
            writes = phase("writes", writePath::run, failures);
        }
        if (settings.phases().contains("mix") && writes != null) {
            mix = phase("mix", () -> families.readWriteMix(writePath), failures);
        }
        if (settings.phases().contains("fleet")) {
            fleet = phase("fleet", () -> new FleetInbound(settings, http).run(), failures);
        }
        if (settings.jfr()) {
            List<String> writePhases = settings.phases().stream()
                    .filter(phase -> !phase.equals("queries"))
                    .toList();
            try {
                System.out.println("jfr: "
                        + Jfr.dumpAndSummarize(
                                settings,
                                writePhases.isEmpty() ? Instant.EPOCH : writesFrom,
                                writePhases.isEmpty() ? "over the whole recording" : "over the phases " + writePhases));
            } catch (Exception failed) {
                failed.printStackTrace(System.out);
                failures.put("flightRecordingSummaryFailed", failed.toString());
            }
        }

        List<Resources.Memory> memory = List.of(
                resources.memory("command-side", settings.commandUrl()),
                resources.memory("query-side", settings.queryUrl()));
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("started", started.toString());
        conditions.put("queryConcurrency", settings.queryConcurrency());
        conditions.put("queryRatePerSecond", settings.queryRate());
        conditions.put("secondsPerMeasurement", settings.queryDuration().toSeconds());
        conditions.put("warmUpSeconds", settings.warmUp().toSeconds());
        conditions.put("writeConcurrency", settings.writeConcurrency());
        conditions.put(
                "steadyWriteRatePerSecond",
                settings.steadyWriteRate() > 0
                        ? settings.steadyWriteRate() + " or half the measured throughput, the lower"
                        : "half the measured throughput");
        if (settings.phases().contains("fleet")) {
            conditions.put("fleetRatesPerSecond", settings.fleetRates());
            conditions.put("fleetStepSeconds", settings.fleetStep().toSeconds());
            conditions.put("fleetBins", settings.fleetBins());
        }
        conditions.put("flightRecorder", settings.jfr() ? "on (jfr-<application>.md)" : "off");
        conditions.put("everythingOnOneMachine", "load generator, both applications, PostgreSQL, Redis, Kafka");
        conditions.put("phases", settings.phases());
        if (!settings.measuresEverything()) {
            conditions.put("onlyFamiliesNaming", settings.families());
        }
        conditions.putAll(failures);
        Report.Run run = new Report.Run(
                machine,
                conditions,
                data,
                measured,
                scopes,
                mix == null ? null : mix.latency(),
                mix == null ? Map.of() : mix.cache(),
                writes,
                fleet,
                memory,
                tiles);
        List<Path> written = new Report(settings.reportDir(), json).write(run);
        System.out.println();
        System.out.println(Files.readString(written.get(0)));
        System.out.println("report: " + written);
    }

    /** @return the phase's figures, or null when it failed (its failure then goes to the report's conditions) */
    private static <T> T phase(String name, Callable<T> measure, Map<String, Object> failures) {
        try {
            return measure.call();
        } catch (Exception failed) {
            failed.printStackTrace(System.out);
            failures.put(name + "PhaseFailed", failed.toString());
            return null;
        }
    }

    /** The city goes in once per size and seed: a second run measures what the first loaded. */
    private static Map<String, Object> loadCity(Settings settings, City city) throws Exception {
        Path marker = settings.runDir().resolve("benchmark-city-" + settings.size() + "-" + settings.seed());
        if (Files.exists(marker)) {
            String earlier = Files.readString(marker).trim();
            System.out.println("city: already loaded (" + earlier + ")");
            return withProjection(Map.of("cityLoad", "loaded by an earlier run: " + earlier), earlier);
        }
        long started = System.nanoTime();
        Map<Integer, Long> endOffsets =
                new BulkLoader(settings.kafkaBootstrapServers(), settings.eventsTopic()).load(city);
        long sent = System.nanoTime();
        long events = awaitProjected(settings, endOffsets, city.eventCount());
        double seconds = (System.nanoTime() - started) / 1e9;
        String summary = String.format(
                "%,d events sent in %.0f s and projected in %.0f s (%,.0f events/s end to end)",
                events, (sent - started) / 1e9, seconds, events / seconds);
        Files.createDirectories(settings.runDir());
        Files.writeString(marker, summary + "\n");
        System.out.println("city: " + summary);
        return withProjection(Map.of("cityLoad", summary), summary);
    }

    /** The full city's events with the default seed, to say how long the full city takes at any size's rate. */
    static final long FULL_CITY_EVENTS = 4_693_377;

    private static final java.util.regex.Pattern LOAD_SUMMARY = java.util.regex.Pattern.compile(
            "([0-9,]+) events sent in [0-9,]+ s and projected in ([0-9,]+) s \\(([0-9,]+) events/s end to end\\)");

    /**
     * The projection rate and what it means for the full city, from a load's summary line (this
     * run's or the one an earlier run left with the loaded city).
     */
    static String projection(String loadSummary) {
        java.util.regex.Matcher load = LOAD_SUMMARY.matcher(loadSummary);
        if (!load.find()) {
            return null;
        }
        long events = Long.parseLong(load.group(1).replace(",", ""));
        double seconds = Double.parseDouble(load.group(2).replace(",", ""));
        double rate = events / Math.max(seconds, 1);
        return String.format(
                java.util.Locale.ROOT,
                "%,d events projected in %,.0f s (**%,.0f events/s** end to end, from the first sent to the"
                        + " last committed); the full city (%,d events) at this rate: **%.1f min**",
                events,
                seconds,
                rate,
                FULL_CITY_EVENTS,
                FULL_CITY_EVENTS / rate / 60);
    }

    private static Map<String, Object> withProjection(Map<String, Object> load, String summary) {
        Map<String, Object> data = new LinkedHashMap<>(load);
        String projection = projection(summary);
        if (projection != null) {
            data.put("projection", projection);
        }
        return data;
    }

    /**
     * Waits until the projections' stored offsets reach the ends of the partitions the loader wrote.
     * The topic may hold earlier events, so progress counts from where the city's events begin.
     */
    private static long awaitProjected(Settings settings, Map<Integer, Long> endOffsets, long events) throws Exception {
        long target = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long before = target - events;
        try (Connection query = settings.queryDatabase();
                Progress progress = new Progress("projecting the city", events, "events")) {
            long stalledSince = System.nanoTime();
            long last = -1;
            while (true) {
                long projected = 0;
                try (var rows = query.createStatement()
                        .executeQuery("select partition, next_offset from read_model.projection_offsets"
                                + " where topic = '" + settings.eventsTopic() + "'")) {
                    while (rows.next()) {
                        projected += Math.min(rows.getLong(2), endOffsets.getOrDefault(rows.getInt(1), 0L));
                    }
                }
                progress.reached(Math.max(0, projected - before));
                if (projected >= target) {
                    return events;
                }
                if (projected != last) {
                    last = projected;
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince
                        > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("the projection made no progress for two minutes at " + projected
                            + " of " + target + "; see infra/.run/logs/query-side.log");
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * A freshly loaded city leaves dead rows and stale planner statistics that autovacuum would
     * clean up in the middle of the measurements, charging whichever family it hits; one vacuum of
     * the whole query database first measures both ways in the steady state an operator keeps.
     */
    private static Map<String, Object> settle(Settings settings) throws Exception {
        long started = System.nanoTime();
        System.out.println("settling: VACUUM (ANALYZE) of the query database, the read model and the seed's tables");
        try (Connection query = settings.queryDatabase();
                var vacuum = query.createStatement()) {
            vacuum.execute("vacuum (analyze)");
        }
        String summary = String.format("vacuumed and analyzed in %.0f s", (System.nanoTime() - started) / 1e9);
        System.out.println("settling: " + summary);
        return Map.of("settle", summary);
    }

    /** The seed's tables are filled again unless they hold this very city (same size and seed). */
    private static Map<String, Object> loadBaseline(Settings settings, SeedBaseline baseline, City city)
            throws Exception {
        Path marker = settings.runDir().resolve("benchmark-seed-" + settings.size() + "-" + settings.seed());
        String summary;
        if (Files.exists(marker) && holdsCity(baseline, city)) {
            summary = "loaded by an earlier run";
        } else {
            long started = System.nanoTime();
            baseline.create();
            baseline.load(city);
            summary = String.format("loaded in %.0f s", (System.nanoTime() - started) / 1e9);
            Files.writeString(marker, summary + "\n");
        }
        System.out.println("seed baseline: " + summary);
        return Map.of("baselineLoad", summary);
    }

    private static boolean holdsCity(SeedBaseline baseline, City city) {
        try (Connection db = baseline.connect();
                var rows = db.createStatement().executeQuery("select count(*) from seed_baseline.bins")) {
            rows.next();
            return rows.getLong(1) == city.binCount();
        } catch (java.sql.SQLException noSchemaYet) {
            return false;
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "memoryGb",
                Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        / 1e9));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("cpu", cpuModel());
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

package io.haulstream.benchmark;

import io.haulstream.testtokens.TokenMint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one benchmark run does, read from the environment that {@code infra/config/haulstream.env}
 * exports, with the size as the only argument. Durations shrink with the smoke size so that it
 * finishes in a few minutes.
 */
record Settings(
        String size,
        long seed,
        String commandUrl,
        String queryUrl,
        String commandJdbcUrl,
        String queryJdbcUrl,
        String dbUser,
        String dbPassword,
        String kafkaBootstrapServers,
        String eventsTopic,
        Path runDir,
        Path reportDir,
        Duration warmUp,
        Duration queryDuration,
        int queryConcurrency,
        double queryRate,
        Duration writeDuration,
        int writeConcurrency,
        double steadyWriteRate,
        int writeBins,
        int probeBins,
        long probePauseMillis,
        int idleProbes,
        String fleetTopic,
        String fleetDeadLetterTopic,
        String fleetGroup,
        List<Integer> fleetRates,
        Duration fleetStep,
        int fleetBins,
        double fleetSamplesPerSecond,
        int fleetResends,
        boolean jfr,
        Set<String> phases,
        List<String> families,
        String issuer,
        String signingKeyId,
        Path signingKey,
        String commandManagementUrl,
        String fleetSystem) {

    /** In the order they run. */
    static final List<String> ALL_PHASES = List.of("queries", "writes", "mix", "fleet");

    /**
     * Signs the benchmark's own callers with the issuer's key (the development issuer's by default):
     * its generated organizations exist in no issuer's user list, so it mints what an administrator
     * and dispatcher of each would hold.
     */
    TokenMint callers() {
        return TokenMint.fromKeyFile(issuer, signingKeyId, signingKey);
    }

    Connection queryDatabase() throws SQLException {
        return DriverManager.getConnection(queryJdbcUrl, dbUser, dbPassword);
    }

    Connection commandDatabase() throws SQLException {
        return DriverManager.getConnection(commandJdbcUrl, dbUser, dbPassword);
    }

    static Settings from(String size, Map<String, String> env) {
        boolean smoke = size.equals("smoke");
        String pg = "jdbc:postgresql://" + env.getOrDefault("PG_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("PG_PORT", "5432") + "/";
        Path runDir = Path.of(env.getOrDefault("RUN_DIR", "infra/.run"));
        return new Settings(
                size,
                Long.parseLong(env.getOrDefault("BENCHMARK_SEED", "20261125")),
                "http://127.0.0.1:" + env.getOrDefault("COMMAND_SIDE_PORT", "8081"),
                "http://127.0.0.1:" + env.getOrDefault("QUERY_SIDE_PORT", "8082"),
                pg + env.getOrDefault("COMMAND_DB", "haulstream_command"),
                pg + env.getOrDefault("QUERY_DB", "haulstream_query"),
                env.getOrDefault("HAULSTREAM_DB_USER", "haulstream"),
                env.getOrDefault("HAULSTREAM_DB_PASSWORD", "haulstream"),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("EVENTS_TOPIC", "haulstream.events"),
                runDir,
                Path.of(env.getOrDefault(
                        "BENCHMARK_REPORT_DIR",
                        runDir.resolve("benchmark/" + size).toString())),
                seconds(env, "BENCHMARK_WARMUP_SECONDS", smoke ? 3 : 5),
                seconds(env, "BENCHMARK_QUERY_SECONDS", smoke ? 8 : 20),
                Integer.parseInt(env.getOrDefault("BENCHMARK_QUERY_CONCURRENCY", "8")),
                Double.parseDouble(env.getOrDefault("BENCHMARK_QUERY_RATE", "500")),
                seconds(env, "BENCHMARK_WRITE_SECONDS", smoke ? 10 : 30),
                Integer.parseInt(env.getOrDefault("BENCHMARK_WRITE_CONCURRENCY", "32")),
                // 0: half the command throughput just measured at a fixed concurrency.
                Double.parseDouble(env.getOrDefault("BENCHMARK_STEADY_WRITE_RATE", "0")),
                Integer.parseInt(env.getOrDefault("BENCHMARK_WRITE_BINS", "500")),
                Integer.parseInt(env.getOrDefault("BENCHMARK_PROBE_BINS", "50")),
                Long.parseLong(env.getOrDefault("BENCHMARK_PROBE_PAUSE_MILLIS", "20")),
                Integer.parseInt(env.getOrDefault("BENCHMARK_IDLE_PROBES", smoke ? "100" : "300")),
                env.getOrDefault("FLEET_TOPIC", "haulstream.fleet.inbound"),
                env.getOrDefault("FLEET_DLT_TOPIC", "haulstream.fleet.inbound.DLT"),
                env.getOrDefault("FLEET_GROUP", "haulstream-fleet-inbound"),
                Stream.of(env.getOrDefault("BENCHMARK_FLEET_RATES", "500,1000,2000,3000,4000,5000")
                                .split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList(),
                seconds(env, "BENCHMARK_FLEET_STEP_SECONDS", smoke ? 4 : 10),
                Integer.parseInt(env.getOrDefault("BENCHMARK_FLEET_BINS", smoke ? "200" : "1000")),
                Double.parseDouble(env.getOrDefault("BENCHMARK_FLEET_SAMPLES_PER_SECOND", "10")),
                Integer.parseInt(env.getOrDefault("BENCHMARK_FLEET_RESENDS", "200")),
                env.getOrDefault("BENCHMARK_JFR", "off").equals("on"),
                phases(env.getOrDefault("BENCHMARK_PHASES", String.join(",", ALL_PHASES))),
                Stream.of(env.getOrDefault("BENCHMARK_FAMILIES", "").split(","))
                        .map(part -> part.strip().toLowerCase(Locale.ROOT))
                        .filter(part -> !part.isEmpty())
                        .toList(),
                env.getOrDefault("OIDC_ISSUER_URI", "http://127.0.0.1:9070"),
                env.getOrDefault("DEV_ISSUER_KEY_ID", "haulstream-dev"),
                Path.of(env.getOrDefault(
                        "BENCHMARK_SIGNING_KEY",
                        env.getOrDefault(
                                "DEV_ISSUER_KEY_FILE",
                                runDir.resolve("dev-issuer/signing-key.pem").toString()))),
                "http://127.0.0.1:" + env.getOrDefault("COMMAND_MANAGEMENT_PORT", "9081"),
                env.getOrDefault("BENCHMARK_FLEET_SYSTEM", "benchmark-fleet"));
    }

    /**
     * Whether the queries phase measures a family: every one by default; with BENCHMARK_FAMILIES,
     * those whose name holds one of its comma-separated parts (so an A/B run of one change measures
     * only the families it touches, minutes instead of half an hour, on one boot).
     */
    boolean measures(String family) {
        String name = family.toLowerCase(Locale.ROOT);
        return families.isEmpty() || families.stream().anyMatch(name::contains);
    }

    /** The statistics scopes and the tiles are not families: they run only when every family does. */
    boolean measuresEverything() {
        return families.isEmpty();
    }

    private static Set<String> phases(String list) {
        Set<String> phases = new LinkedHashSet<>(List.of(list.split(",")));
        if (!ALL_PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("BENCHMARK_PHASES takes a comma-separated list of " + ALL_PHASES);
        }
        return phases;
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds(Long.parseLong(env.getOrDefault(name, Integer.toString(fallback))));
    }
}

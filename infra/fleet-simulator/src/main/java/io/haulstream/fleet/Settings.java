package io.haulstream.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the simulator needs, read from the environment that {@code infra/run.sh} gives it; the defaults
 * fit a run from the repository's root against the servers of {@code infra/servers.sh}.
 *
 * @param interval the pause before each record, so the demo changes at a pace a person can follow
 * @param fleetSystem the name every record gives as its sender; the demo loader binds it to the demo's
 *     organizations, so haulstream lets it touch their bins and routes
 */
record Settings(String bootstrapServers, String topic, Path plan, Duration interval, String fleetSystem) {

    static Settings from(Map<String, String> env) {
        return new Settings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("FLEET_TOPIC", "haulstream.fleet.inbound"),
                Path.of(env.getOrDefault("FLEET_SIMULATOR_PLAN", "infra/.run/demo-fleet.tsv")),
                interval(env.getOrDefault("FLEET_SIMULATOR_INTERVAL_MILLIS", "2000")),
                env.getOrDefault("FLEET_SIMULATOR_SYSTEM", "demo-fleet"));
    }

    private static Duration interval(String millis) {
        String digits = millis.trim();
        // Nine digits at most (eleven days), so the number can never overflow.
        if (digits.matches("[0-9]{1,9}") && Long.parseLong(digits) > 0) {
            return Duration.ofMillis(Long.parseLong(digits));
        }
        throw new IllegalArgumentException(
                "FLEET_SIMULATOR_INTERVAL_MILLIS must be a positive number of milliseconds, not '" + millis + "'");
    }
}

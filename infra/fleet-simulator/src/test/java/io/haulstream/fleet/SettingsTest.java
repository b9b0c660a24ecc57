package io.haulstream.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void fallsBackToTheLocalBrokerTheFleetTopicAndTheRunFolder() {
        assertThat(Settings.from(Map.of()))
                .isEqualTo(new Settings(
                        "127.0.0.1:9092",
                        "haulstream.fleet.inbound",
                        Path.of("infra/.run/demo-fleet.tsv"),
                        Duration.ofMillis(2000),
                        "demo-fleet"));
    }

    @Test
    void takesTheIntervalFromTheEnvironment() {
        assertThat(Settings.from(Map.of("FLEET_SIMULATOR_INTERVAL_MILLIS", "250"))
                        .interval())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsAnIntervalThatIsNoPositiveNumber() {
        assertThatThrownBy(() -> Settings.from(Map.of("FLEET_SIMULATOR_INTERVAL_MILLIS", "0")))
                .hasMessageContaining("FLEET_SIMULATOR_INTERVAL_MILLIS");
        assertThatThrownBy(() -> Settings.from(Map.of("FLEET_SIMULATOR_INTERVAL_MILLIS", "2s")))
                .hasMessageContaining("FLEET_SIMULATOR_INTERVAL_MILLIS");
    }
}

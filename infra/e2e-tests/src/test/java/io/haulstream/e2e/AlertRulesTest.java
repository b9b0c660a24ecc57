package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring files are checked by the build: the alert rules by promtool (syntax, then their
 * unit tests in alerts-test.yml), the Prometheus, Grafana and docker-compose files for syntax and
 * the references between them, since no Docker engine runs them here. promtool comes with
 * Debian's prometheus package, which infra/test.sh installs; without it this test fails rather
 * than pass unchecked.
 */
class AlertRulesTest {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    static final Path MONITORING = REPO.resolve("infra/monitoring");

    @Test
    void promtoolChecksTheRulesAndPassesTheirUnitTests() throws Exception {
        assertThat(run("promtool", "check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(run("promtool", "test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasItsUnitTest() throws IOException {
        String tests = Files.readString(MONITORING.resolve("alerts-test.yml"));
        for (Map<String, Object> rule : rules()) {
            assertThat(tests).as("a test of %s", rule.get("alert")).contains("alertname: " + rule.get("alert"));
        }
    }

    @Test
    void composeAndProvisioningFilesParseAndPointAtEachOther() throws IOException {
        Map<String, Object> compose = yaml(REPO.resolve("docker-compose.yml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("prometheus", "grafana");
        assertThat(services.get("postgres").toString()).contains("shared_preload_libraries=pg_stat_statements");
        for (String service : List.of("prometheus", "grafana")) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) ((Map<String, Object>) services.get(service)).get("volumes");
            for (String volume : volumes) {
                if (volume.startsWith("./")) {
                    assertThat(REPO.resolve(volume.substring(2, volume.indexOf(':'))))
                            .as(volume)
                            .exists();
                }
            }
        }
        assertThat(yaml(MONITORING.resolve("prometheus.yml")).get("rule_files").toString())
                .contains("/etc/prometheus/alerts.yml");
        yaml(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml"));
        yaml(MONITORING.resolve("grafana/provisioning/dashboards/haulstream.yml"));
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        MONITORING.resolve("grafana/dashboards/haulstream.json").toFile());
        assertThat(dashboard.get("panels").size()).isPositive();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("prometheus");
        }
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(
                        MetricNames.of(
                                "histogram_quantile(0.95, sum by (job, uri, le) (rate(http_server_requests_seconds_bucket{job=\"query-side\", uri=~\"/api/.*\"}[5m]))) > 0.2"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(MetricNames.of("max by (job, pool) (hikaricp_connections_active / hikaricp_connections_max) > 2e9"
                        + " and sum(increase(x_total[$__range])) >= 100"))
                .containsExactly("hikaricp_connections_active", "hikaricp_connections_max", "x_total");
    }

    /** Every expression of the alert rules and the dashboard. */
    static List<String> expressions() throws IOException {
        List<String> expressions = new java.util.ArrayList<>();
        rules().forEach(rule -> expressions.add((String) rule.get("expr")));
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        MONITORING.resolve("grafana/dashboards/haulstream.json").toFile());
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(t -> expressions.add(t.get("expr").asText())));
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> groups = (List<Map<String, Object>>)
                yaml(MONITORING.resolve("alerts.yml")).get("groups");
        return groups.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .toList();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(MONITORING.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException missing) {
            throw new AssertionError(
                    "promtool is not installed: infra/test.sh installs it (apt-get install prometheus)", missing);
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ":\n" + output)
                .isZero();
        return output;
    }
}

package io.haulstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as {@code docker-compose config} validates it (Debian's docker-compose, which
 * infra/test.sh installs; {@code config} needs no Docker engine, and there is none here), and what
 * it resolves to: two command sides and two query sides, each built from a Dockerfile on the jar
 * the build makes, each with a healthcheck, and each given every variable that infra/run.sh exports
 * to the applications.
 */
class ComposeFileTest {

    private static final Path REPO = AlertRulesTest.REPO;
    private static final List<String> COMMAND_SIDES = List.of("command-side-1", "command-side-2");
    private static final List<String> QUERY_SIDES = List.of("query-side-1", "query-side-2");

    @Test
    void dockerComposeConfigAcceptsTheFile() throws IOException, InterruptedException {
        // Output to a file, not a pipe: the timeout below holds even if the tool never ends.
        Path output = Files.createTempFile("docker-compose-config", ".log");
        Process config = new ProcessBuilder(
                        "docker-compose",
                        "-f",
                        REPO.resolve("docker-compose.yml").toString(),
                        "config",
                        "--quiet")
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = config.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            config.destroyForcibly();
        }
        assertThat(finished).as("docker-compose config finished").isTrue();
        assertThat(config.exitValue()).as(Files.readString(output)).isZero();
    }

    @Test
    void runsTwoOfEachApplicationOnItsBuiltJarWithAHealthcheck() throws IOException {
        Map<String, Object> services = services();
        for (String service : concat(COMMAND_SIDES, QUERY_SIDES)) {
            Map<String, Object> definition = map(services.get(service));
            assertThat(definition).as(service).containsKeys("build", "healthcheck", "environment", "ports");
            Map<String, Object> build = map(definition.get("build"));
            Path dockerfile = REPO.resolve(build.get("context").toString())
                    .resolve(build.get("dockerfile").toString())
                    .normalize();
            String application = service.substring(0, service.lastIndexOf('-'));
            assertThat(Files.readString(dockerfile))
                    .as(dockerfile.toString())
                    .contains("COPY target/haulstream-" + application + "-*.jar");
            assertThat(map(definition.get("healthcheck")).get("test").toString())
                    .contains("/actuator/health/readiness");
        }
        assertThat(hostPorts(services, COMMAND_SIDES)).doesNotHaveDuplicates();
        assertThat(hostPorts(services, QUERY_SIDES)).doesNotHaveDuplicates();
    }

    @Test
    void givesEveryApplicationTheVariablesThatRunShExports() throws IOException {
        Set<String> exported = exportedByRunSh();
        assertThat(exported).contains("KAFKA_BOOTSTRAP_SERVERS", "COMMAND_DB", "QUERY_DB", "OIDC_ISSUER_URI");
        // The development issuer's own settings are for the issuer run.sh starts; the containers'
        // applications trust Keycloak through OIDC_ISSUER_URI instead.
        exported.removeIf(variable -> variable.startsWith("DEV_ISSUER_"));
        Map<String, Object> services = services();
        for (String service : concat(COMMAND_SIDES, QUERY_SIDES)) {
            assertThat(map(map(services.get(service)).get("environment")).keySet())
                    .as(service)
                    .containsAll(exported);
        }
    }

    /**
     * Each application listens on every interface inside its container (published on the host's
     * loopback only), or neither the published port nor Prometheus would reach it; and Prometheus
     * scrapes every one of the four on its API port, where the metrics page needs no token.
     */
    @Test
    void prometheusScrapesEveryApplicationContainer() throws IOException {
        Map<String, Object> services = services();
        for (String service : concat(COMMAND_SIDES, QUERY_SIDES)) {
            assertThat(map(map(services.get(service)).get("environment")))
                    .as(service)
                    .containsEntry("API_ADDRESS", "0.0.0.0");
            assertThat((List<?>) map(services.get(service)).get("ports"))
                    .as(service)
                    .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
        }
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(REPO.resolve("infra/monitoring/prometheus.yml")));
        Map<String, List<String>> targetsByJob = ((List<?>) prometheus.get("scrape_configs"))
                .stream()
                        .map(ComposeFileTest::map)
                        .collect(Collectors.toMap(job -> job.get("job_name").toString(), job -> targets(job)));
        assertThat(targetsByJob.get("command-side"))
                .containsExactlyInAnyOrder("command-side-1:8081", "command-side-2:8081");
        assertThat(targetsByJob.get("query-side")).containsExactlyInAnyOrder("query-side-1:8082", "query-side-2:8082");
    }

    private static List<String> targets(Map<String, Object> job) {
        return ((List<?>) job.get("static_configs"))
                .stream()
                        .flatMap(config -> ((List<?>) map(config).get("targets")).stream())
                        .map(Object::toString)
                        .toList();
    }

    private static Set<String> exportedByRunSh() throws IOException {
        String environment = Files.readString(REPO.resolve("infra/config/haulstream.env"));
        Matcher exports =
                Pattern.compile("(?m)^export ((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(environment);
        assertThat(exports.find()).as("an export line in haulstream.env").isTrue();
        return Arrays.stream(exports.group(1).replace("\\\n", " ").trim().split("\\s+"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> hostPorts(Map<String, Object> services, List<String> names) {
        return names.stream()
                .flatMap(name -> ((List<?>) map(services.get(name)).get("ports")).stream())
                .map(port -> port.toString().split(":")[1])
                .toList();
    }

    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPO.resolve("docker-compose.yml")));
        return map(compose.get("services"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}

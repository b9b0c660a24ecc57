package io.haulstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the applications say about themselves: heap from their actuator, resident memory
 * from {@code /proc} (the pid files that {@code infra/run.sh} writes), and counters from the
 * Prometheus endpoint, whose differences over a phase give cache hits and connection use.
 */
final class Resources {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+([0-9.eE+-]+|NaN)");

    private final Http http;
    private final Path runDir;

    Resources(Http http, Path runDir) {
        this.http = http;
        this.runDir = runDir;
    }

    record Memory(String application, double heapUsedMb, double heapMaxMb, double rssMb) {}

    Memory memory(String application, String baseUrl) throws Exception {
        return new Memory(
                application,
                metric(baseUrl, "jvm.memory.used?tag=area:heap") / 1e6,
                metric(baseUrl, "jvm.memory.max?tag=area:heap") / 1e6,
                rssMb(application));
    }

    private double metric(String baseUrl, String query) throws Exception {
        return http.getJson(baseUrl + "/actuator/metrics/" + query)
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    private double rssMb(String application) throws IOException {
        Path pidFile = runDir.resolve(application + ".pid");
        if (!Files.exists(pidFile)) {
            return Double.NaN;
        }
        Path status = Path.of("/proc", Files.readString(pidFile).trim(), "status");
        if (!Files.exists(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Every sample of the Prometheus page, keyed by name and labels as printed. */
    Map<String, Double> scrape(String baseUrl) throws Exception {
        return parse(http.getText(baseUrl + "/actuator/prometheus"));
    }

    static Map<String, Double> parse(String page) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : page.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                String labels = sample.group(2) == null ? "" : sample.group(2);
                samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    /** The sum of the samples of one name whose labels contain all the given fragments, e.g. {@code result="hit"}. */
    static double sum(Map<String, Double> samples, String name, String... labelFragments) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            if (!key.equals(name) && !key.startsWith(name + "{")) {
                continue;
            }
            boolean matches = true;
            for (String fragment : labelFragments) {
                matches &= key.contains(fragment);
            }
            if (matches && !sample.getValue().isNaN()) {
                total += sample.getValue();
            }
        }
        return total;
    }
}

package io.haulstream.query.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a Prometheus text page: each sample's name, labels and value. */
record PrometheusPage(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {

        String label(String label) {
            return labels.getOrDefault(label, "");
        }
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static PrometheusPage parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.trim());
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(
                            label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, parseValue(matcher.group(4))));
        }
        return new PrometheusPage(List.copyOf(samples));
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    List<Sample> named(String name, Predicate<Sample> which) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && which.test(sample))
                .toList();
    }

    double sum(String name, Predicate<Sample> which) {
        return named(name, which).stream().mapToDouble(Sample::value).sum();
    }

    /** Whether any sample of that name exists: a missing metric is "not exposed", not zero. */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }
}

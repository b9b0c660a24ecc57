package io.haulstream.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few parts of the Prometheus text format the benchmark reads: samples of counters and the
 * buckets of histograms, from an application's {@code /actuator/prometheus}. Two scrapes taken
 * around a measurement give, by difference, the histogram of only what happened in between, and
 * its percentiles are estimated by interpolating within a bucket, as Prometheus's own
 * {@code histogram_quantile} does: their resolution is the bucket's width.
 */
final class Prometheus {

    /** One line of the exposition: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = samples;
    }

    static Prometheus empty() {
        return new Prometheus(List.of());
    }

    static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Prometheus(samples);
    }

    List<Sample> samples() {
        return samples;
    }

    /** @return the sum of the samples of that name whose labels include all of {@code labels} */
    double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * The histograms of one metric, one per value of {@code byLabel}, other labels summed.
     *
     * @param base the metric's name without {@code _bucket}, {@code _count} or {@code _sum}
     */
    Map<String, Histogram> histograms(String base, String byLabel) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        Map<String, double[]> countAndSum = new TreeMap<>();
        for (Sample s : samples) {
            String key = s.labels().getOrDefault(byLabel, "");
            if (s.name().equals(base + "_bucket") && s.labels().containsKey("le")) {
                buckets.computeIfAbsent(key, k -> new TreeMap<>())
                        .merge(bound(s.labels().get("le")), s.value(), Double::sum);
            } else if (s.name().equals(base + "_count")) {
                countAndSum.computeIfAbsent(key, k -> new double[2])[0] += s.value();
            } else if (s.name().equals(base + "_sum")) {
                countAndSum.computeIfAbsent(key, k -> new double[2])[1] += s.value();
            }
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        buckets.forEach((key, cumulative) -> {
            double[] cs = countAndSum.getOrDefault(key, new double[2]);
            histograms.put(key, new Histogram(cumulative, cs[0], cs[1]));
        });
        return histograms;
    }

    /**
     * Cumulative bucket counts by upper bound (seconds, the last {@code +Inf}), with the count and
     * sum of all observations.
     */
    record Histogram(TreeMap<Double, Double> cumulative, double count, double sum) {

        /** What was observed after {@code before} was taken; a bucket missing before counted from 0. */
        Histogram minus(Histogram before) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((le, n) ->
                    delta.put(le, n - (before == null ? 0 : before.cumulative().getOrDefault(le, 0.0))));
            return before == null ? this : new Histogram(delta, count - before.count(), sum - before.sum());
        }

        double mean() {
            return count <= 0 ? Double.NaN : sum / count;
        }

        /**
         * The q-quantile in seconds, interpolated linearly within the bucket it falls in (the lowest
         * bucket from 0); in the {@code +Inf} bucket, the highest finite bound. NaN when empty.
         */
        double quantile(double q) {
            double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
            if (total <= 0) {
                return Double.NaN;
            }
            double rank = q * total;
            double lower = 0;
            double below = 0;
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                double upper = bucket.getKey();
                double atOrBelow = bucket.getValue();
                if (atOrBelow >= rank) {
                    if (Double.isInfinite(upper)) {
                        return lower;
                    }
                    double inBucket = atOrBelow - below;
                    return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
                }
                lower = upper;
                below = atOrBelow;
            }
            return lower;
        }
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTime = line.substring(rest).strip().split("\\s+");
        return new Sample(name, labels, value(valueAndTime[0]));
    }

    /** @return the index after the closing brace */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals).strip();
            i = line.indexOf('"', equals) + 1;
            StringBuilder value = new StringBuilder();
            while (line.charAt(i) != '"') {
                char v = line.charAt(i++);
                if (v == '\\') {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(v);
                }
            }
            labels.put(key, value.toString());
            i++;
        }
        throw new IllegalArgumentException("no closing brace in: " + line);
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}

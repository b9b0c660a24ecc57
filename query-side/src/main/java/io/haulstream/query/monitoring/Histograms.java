package io.haulstream.query.monitoring;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Quantiles from the cumulative buckets of Prometheus histograms, interpolated as histogram_quantile does. */
final class Histograms {

    private Histograms() {}

    /** Cumulative counts by upper bound, summed over the series the filter accepts. */
    static TreeMap<Double, Double> buckets(PrometheusPage page, String name, Predicate<PrometheusPage.Sample> which) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusPage.Sample sample : page.named(name, which)) {
            String le = sample.label("le");
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            buckets.merge(bound, sample.value(), Double::sum);
        }
        return buckets;
    }

    /**
     * The quantile of what was counted between two scrapes, or null when nothing was.
     *
     * @param now cumulative buckets of the later scrape
     * @param before cumulative buckets of the earlier scrape
     */
    static Double quantile(double q, TreeMap<Double, Double> now, TreeMap<Double, Double> before) {
        TreeMap<Double, Double> counts = new TreeMap<>();
        now.forEach((bound, count) -> counts.put(bound, count - before.getOrDefault(bound, 0.0)));
        Double total = counts.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : counts.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0
                        ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}

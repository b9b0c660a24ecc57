package io.haulstream.benchmark;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one measured load, recorded from many threads into an HdrHistogram (1 µs to
 * 1 min, three significant digits) so that percentiles up to p99.9 and the maximum are exact
 * rather than averaged away.
 */
final class Latency {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1_000)));
    }

    /** @param elapsedNanos how long the load ran, for the throughput */
    Summary summary(String name, long elapsedNanos, long errors) {
        total.add(recorder.getIntervalHistogram());
        return Summary.of(name, total, elapsedNanos, errors);
    }

    /**
     * Percentiles in milliseconds, the rate achieved, and the errors seen while measuring.
     *
     * @param server the same requests as the server timed them (its {@code Server-Timing}
     *     header), or null where the server does not say
     */
    record Summary(
            String name,
            long count,
            long errors,
            double perSecond,
            double p50,
            double p95,
            double p99,
            double p999,
            double max,
            Summary server) {

        Summary withServer(Summary atServer) {
            return new Summary(name, count, errors, perSecond, p50, p95, p99, p999, max, atServer);
        }

        static Summary of(String name, Histogram micros, long elapsedNanos, long errors) {
            return new Summary(
                    name,
                    micros.getTotalCount(),
                    errors,
                    micros.getTotalCount() / Math.max(elapsedNanos / 1e9, 1e-9),
                    millis(micros, 50),
                    millis(micros, 95),
                    millis(micros, 99),
                    millis(micros, 99.9),
                    micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0,
                    null);
        }

        private static double millis(Histogram micros, double percentile) {
            return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}

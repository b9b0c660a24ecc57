package io.haulstream.query.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts and totals of every counter, timer and summary in the registry, sampled every few seconds
 * and kept for the configured window, so that rates and averages cover the last minutes rather
 * than everything since start. Every meter is sampled, so a query family or cache family
 * registered later appears without a change here.
 */
@Component
class MeterWindow {

    /** What a meter counted between the window's first and last sample. */
    record Delta(double count, double total, double seconds) {

        static final Delta NONE = new Delta(0, 0, 0);

        /** Per second, or null until two samples exist: a rate over no time is no figure. */
        Double rate() {
            return seconds > 0 ? count / seconds : null;
        }

        /** The total per count (seconds per request for a timer), or null when nothing was counted. */
        Double mean() {
            return count > 0 ? total / count : null;
        }

        Delta plus(Delta other) {
            return new Delta(count + other.count, total + other.total, Math.max(seconds, other.seconds));
        }
    }

    private record Sample(long nanos, Map<Meter.Id, double[]> values) {}

    private final MeterRegistry meters;
    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    MeterWindow(MeterRegistry meters, MonitoringProperties properties) {
        this.meters = meters;
        this.windowNanos = properties.window().toNanos();
    }

    @Scheduled(fixedDelayString = "${haulstream.monitoring.sample-interval:5s}")
    void sample() {
        Map<Meter.Id, double[]> values = new HashMap<>();
        for (Meter meter : meters.getMeters()) {
            double[] value = countAndTotal(meter);
            if (value != null) {
                values.put(meter.getId(), value);
            }
        }
        long now = System.nanoTime();
        synchronized (samples) {
            samples.addLast(new Sample(now, values));
            // Keep one sample at or beyond the window's start, so the window is always covered.
            while (samples.size() > 2) {
                Iterator<Sample> oldest = samples.iterator();
                oldest.next();
                if (now - oldest.next().nanos() < windowNanos) {
                    break;
                }
                samples.removeFirst();
            }
        }
    }

    private static double[] countAndTotal(Meter meter) {
        if (meter instanceof Counter counter) {
            return new double[] {counter.count(), counter.count()};
        } else if (meter instanceof Timer timer) {
            return new double[] {timer.count(), timer.totalTime(TimeUnit.SECONDS)};
        } else if (meter instanceof DistributionSummary summary) {
            return new double[] {summary.count(), summary.totalAmount()};
        } else if (meter instanceof FunctionCounter counter) {
            return new double[] {counter.count(), counter.count()};
        } else if (meter instanceof FunctionTimer timer) {
            return new double[] {timer.count(), timer.totalTime(TimeUnit.SECONDS)};
        }
        return null;
    }

    /** The sum over the meters of this name that the filter accepts. */
    Delta delta(String name, Predicate<Meter.Id> which) {
        return deltaBy(name, null, which).values().stream().reduce(Delta.NONE, Delta::plus);
    }

    /** Per value of the tag (all under "" when tag is null), summed over the meters the filter accepts. */
    Map<String, Delta> deltaBy(String name, String tag, Predicate<Meter.Id> which) {
        Sample first;
        Sample last;
        synchronized (samples) {
            if (samples.isEmpty()) {
                return Map.of();
            }
            first = samples.getFirst();
            last = samples.getLast();
        }
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        Map<String, Delta> deltas = new TreeMap<>();
        last.values().forEach((id, value) -> {
            if (!id.getName().equals(name) || !which.test(id)) {
                return;
            }
            String key = tag == null ? "" : String.valueOf(id.getTag(tag));
            // A meter first seen after the window's start counted everything it has within the window.
            double[] before = first == last ? value : first.values().getOrDefault(id, new double[2]);
            Delta delta = new Delta(value[0] - before[0], value[1] - before[1], seconds);
            deltas.merge(key, delta, Delta::plus);
        });
        return deltas;
    }
}

package io.haulstream.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one operation at a fixed concurrency (closed model: each worker sends its next request
 * when the last answered) or at a fixed arrival rate (open model). The open model measures each
 * request from when it was due, not from when a worker got round to it, so a stall shows up in
 * the latencies of every request it delayed instead of hiding them (no coordinated omission).
 */
final class Load {

    /** What an operation returns when the server did not say how long it took. */
    static final long NOT_TIMED = -1;

    /** One request; throws when it failed. The worker index lets an operation keep per-thread state. */
    @FunctionalInterface
    interface Operation {
        /** @return the server's own time for the request in nanoseconds, or {@link #NOT_TIMED} */
        long run(int worker, long sequence) throws Exception;
    }

    private Load() {}

    static Latency.Summary closed(String name, int concurrency, Duration warmUp, Duration duration, Operation op) {
        return run(name, concurrency, warmUp, duration, op, 0);
    }

    /**
     * @param workers enough threads that waiting for answers never holds back the schedule; if
     *     they are all busy, the delay is still charged to the requests that waited
     */
    static Latency.Summary fixedRate(
            String name, double perSecond, int workers, Duration warmUp, Duration duration, Operation op) {
        return run(name, workers, warmUp, duration, op, perSecond);
    }

    private static Latency.Summary run(
            String name, int threads, Duration warmUp, Duration duration, Operation op, double perSecond) {
        if (!warmUp.isZero()) {
            measure(name + " (warm-up)", threads, warmUp, op, perSecond, false);
        }
        return measure(name, threads, duration, op, perSecond, true);
    }

    private static Latency.Summary measure(
            String name, int threads, Duration duration, Operation op, double perSecond, boolean show) {
        Latency latency = new Latency();
        Latency atServer = new Latency();
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong firstError = new AtomicLong(-1);
        List<String> errorSamples = new ArrayList<>();
        long intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Progress progress = show ? new Progress(name, duration.toSeconds(), "s") : null) {
            for (int t = 0; t < threads; t++) {
                int worker = t;
                pool.execute(() -> {
                    while (true) {
                        long n = sequence.getAndIncrement();
                        long due = intervalNanos > 0 ? start + n * intervalNanos : System.nanoTime();
                        if (due >= end || System.nanoTime() >= end) {
                            return;
                        }
                        if (intervalNanos > 0) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        try {
                            long serverNanos = op.run(worker, n);
                            latency.recordNanos(System.nanoTime() - due);
                            if (serverNanos != NOT_TIMED) {
                                atServer.recordNanos(serverNanos);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (firstError.compareAndSet(-1, n)) {
                                synchronized (errorSamples) {
                                    errorSamples.add(e.toString());
                                }
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
                if (progress != null) {
                    progress.reached(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                }
            }
            if (progress != null) {
                progress.reached(duration.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + name, e);
        } finally {
            pool.shutdownNow();
        }
        if (!errorSamples.isEmpty()) {
            System.out.println(
                    "  " + name + ": " + errors.get() + " failed requests, the first: " + errorSamples.get(0));
        }
        long elapsed = System.nanoTime() - start;
        Latency.Summary summary = latency.summary(name, elapsed, errors.get());
        Latency.Summary server = atServer.summary(name + ", at the server", elapsed, 0);
        return server.count() == 0 ? summary : summary.withServer(server);
    }
}

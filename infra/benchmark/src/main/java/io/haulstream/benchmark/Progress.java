package io.haulstream.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar with rate and ETA on one terminal line, redrawn at most a few times a second so
 * that printing never slows the work it reports on. Thread-safe: load threads call {@link #step}.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDrawn = new AtomicLong();

    public Progress(String label, long total, String unit) {
        this(label, total, unit, System.out);
    }

    Progress(String label, long total, String unit, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
    }

    public void step() {
        advance(1);
    }

    public void advance(long count) {
        done.addAndGet(count);
        long now = System.nanoTime();
        long last = lastDrawn.get();
        if (now - last >= REDRAW_NANOS && lastDrawn.compareAndSet(last, now)) {
            draw(now, false);
        }
    }

    /** Sets the count outright, for work measured from outside (rows projected so far). */
    public void reached(long count) {
        done.set(count);
        advance(0);
    }

    public long done() {
        return done.get();
    }

    @Override
    public void close() {
        draw(System.nanoTime(), true);
    }

    synchronized void draw(long now, boolean last) {
        out.print("\r" + line(done.get(), now - started) + (last ? "\n" : ""));
        out.flush();
    }

    String line(long count, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        double rate = count / seconds;
        double fraction = total <= 0 ? 1 : Math.min(1.0, (double) count / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate <= 0 || count >= total ? "--" : format(Duration.ofSeconds((long) ((total - count) / rate)));
        return String.format(
                "%-28s [%s%s] %5.1f%% %,d/%,d %s  %,.0f %s/s  elapsed %s  eta %s   ",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                fraction * 100,
                count,
                total,
                unit,
                rate,
                unit,
                format(Duration.ofNanos(elapsedNanos)),
                eta);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}

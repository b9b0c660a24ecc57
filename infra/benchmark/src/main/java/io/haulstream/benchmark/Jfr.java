package io.haulstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * With {@code BENCHMARK_JFR=on}, {@code infra/benchmark.sh} starts both applications with a flight
 * recording named {@value #RECORDING}; at the end of the run this dumps each one with {@code jcmd}
 * into the report folder as {@code <application>.jfr} and writes {@code jfr-<application>.md}: the
 * methods most often on top of the stack in {@code jdk.ExecutionSample} (where the processor time
 * goes) and those most often anywhere on it (what the time is spent under), counted from the start
 * of the measured window.
 */
final class Jfr {

    static final String RECORDING = "benchmark";
    static final List<String> APPLICATIONS = List.of("command-side", "query-side");
    private static final int TOP = 15;

    private Jfr() {}

    /** @return the files written; nothing when an application is not running or jcmd fails */
    static List<Path> dumpAndSummarize(Settings settings, Instant from, String window) throws Exception {
        List<Path> written = new java.util.ArrayList<>();
        Files.createDirectories(settings.reportDir());
        for (String application : APPLICATIONS) {
            Path pidFile = settings.runDir().resolve(application + ".pid");
            if (!Files.exists(pidFile)) {
                System.out.println("jfr: " + application + " has no pid file, not dumped");
                continue;
            }
            Path recording = settings.reportDir().resolve(application + ".jfr").toAbsolutePath();
            Files.deleteIfExists(recording);
            Process jcmd = new ProcessBuilder(
                            "jcmd",
                            Files.readString(pidFile).trim(),
                            "JFR.dump",
                            "name=" + RECORDING,
                            "filename=" + recording)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0 || !Files.exists(recording)) {
                System.out.println("jfr: dumping " + application + " failed: " + output.strip());
                continue;
            }
            Path summary = settings.reportDir().resolve("jfr-" + application + ".md");
            Files.writeString(summary, summary(application, recording, from, window));
            written.add(recording);
            written.add(summary);
        }
        return written;
    }

    /** Execution samples from {@code from} on, by leaf method and by every method on the stack. */
    static String summary(String application, Path recording, Instant from, String window) throws IOException {
        Map<String, Long> leaf = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long samples = 0;
        long truncated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().isBefore(from)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                truncated += stack.isTruncated() ? 1 : 0;
                List<RecordedFrame> frames = stack.getFrames();
                leaf.merge(name(frames.get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (seen.add(name(frame))) {
                        inclusive.merge(name(frame), 1L, Long::sum);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("# " + application + ": where the processor time went (JFR)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%,d execution samples (`jdk.ExecutionSample`, the `profile` settings) %s, from %s.%s%n",
                samples,
                window,
                from,
                truncated > 0
                        ? String.format(
                                Locale.ROOT,
                                " %,d stacks were deeper than the recorded depth, so frames near their roots are"
                                        + " undercounted in the inclusive table.",
                                truncated)
                        : ""));
        md.append(table("Top " + TOP + " leaf frames (the method running when sampled)", leaf, samples));
        md.append(table("Top " + TOP + " frames by inclusive samples (anywhere on the stack)", inclusive, samples));
        return md.toString();
    }

    private static String table(String title, Map<String, Long> counts, long samples) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| frame | samples | share |\n|---|---:|---:|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(entry -> md.append(String.format(
                        Locale.ROOT,
                        "| `%s` | %,d | %.1f%% |%n",
                        entry.getKey(),
                        entry.getValue(),
                        100.0 * entry.getValue() / Math.max(samples, 1))));
        return md.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}

package io.haulstream.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Processor time by process, read from {@code /proc}: everything here shares one machine, so what
 * a command costs the load generator, PostgreSQL or Kafka is as much a limit on throughput as what
 * it costs the command side.
 */
final class CpuTime {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double MILLIS_PER_TICK = 10;

    static final String WHOLE_MACHINE = "whole machine";
    static final String COMMAND_SIDE = "command-side";
    static final String QUERY_SIDE = "query-side";

    /**
     * Appended to a Java process's group for the part of its time its JIT compiler threads took: an
     * application started minutes before a phase is still compiling its hot paths, which a
     * long-running deployment has long finished, so the report shows that share apart (it is
     * included in the process's own figure).
     */
    static final String COMPILING = " compiling";

    private CpuTime() {}

    /** @return ticks used so far, by process group, and the machine's busy ticks over all cores */
    static Map<String, Long> snapshot() {
        Map<String, Long> ticks = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String group = group(process, self);
                    ticks.merge(group, processTicks(Files.readString(process.resolve("stat"))), Long::sum);
                    if (group.equals(COMMAND_SIDE) || group.equals(QUERY_SIDE)) {
                        ticks.merge(group + COMPILING, compilerTicks(process), Long::sum);
                    }
                } catch (IOException exited) {
                    // A process that ended between listing and reading took its time with it.
                }
            }
            ticks.put(
                    WHOLE_MACHINE,
                    busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0)));
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** @return processor milliseconds per operation, by group, largest first; empty without /proc */
    static Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
        Map<String, Double> perOperation = new LinkedHashMap<>();
        if (operations <= 0 || before.isEmpty() || after.isEmpty()) {
            return perOperation;
        }
        after.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(),
                        (entry.getValue() - before.getOrDefault(entry.getKey(), 0L)) * MILLIS_PER_TICK / operations))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> perOperation.put(entry.getKey(), Math.round(entry.getValue() * 100) / 100.0));
        return perOperation;
    }

    /** utime and stime, fields 14 and 15 of {@code /proc/<pid>/stat}, counted after the command name. */
    static long processTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The ticks of a JVM's C1 and C2 compiler threads, which HotSpot names "C1 CompilerThre(ad)" and "C2 ...". */
    private static long compilerTicks(Path process) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    if (isCompilerThread(Files.readString(thread.resolve("comm")))) {
                        ticks += processTicks(Files.readString(thread.resolve("stat")));
                    }
                } catch (IOException ended) {
                    // A thread that ended between listing and reading: its time stays with the process.
                }
            }
        }
        return ticks;
    }

    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** The first line of {@code /proc/stat}: every state but idle and iowait is busy. */
    static long busyTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int field = 1; field < Math.min(fields.length, 9); field++) {
            if (field != 4 && field != 5) {
                busy += Long.parseLong(fields[field]);
            }
        }
        return busy;
    }

    private static String group(Path process, long self) throws IOException {
        if (process.getFileName().toString().equals(Long.toString(self))) {
            return "load generator (this benchmark)";
        }
        String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        if (command.contains("haulstream-command-side")) {
            return COMMAND_SIDE;
        }
        if (command.contains("haulstream-query-side")) {
            return QUERY_SIDE;
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka";
        }
        String name = Files.readString(process.resolve("comm")).trim();
        if (name.startsWith("postgres")) {
            return "postgresql";
        }
        if (name.startsWith("redis")) {
            return "redis";
        }
        return "other processes";
    }
}

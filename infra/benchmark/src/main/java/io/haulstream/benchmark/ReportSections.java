package io.haulstream.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's sections on where the lag goes and on the fleet inbound path. */
final class ReportSections {

    private ReportSections() {}

    /** One table per measurement: hop, application, events, p50, p99, mean. */
    static String whereTheLagGoes(List<Hops.Window> windows) {
        StringBuilder md = new StringBuilder("\n### Where the lag goes\n\n");
        md.append("Each hop as the applications measure it (`haulstream.event.lag` by `hop`, and the query"
                + " side's `haulstream.consistency.wait`), from their Prometheus histograms scraped before and"
                + " after each measurement. The percentiles are histogram estimates, interpolated within a"
                + " bucket: their resolution is the bucket's width. Hops measured by two processes compare"
                + " two clocks of one machine.\n");
        for (Hops.Window window : windows) {
            md.append("\n").append(window.name()).append(":\n\n");
            md.append("| hop | application | events | p50 ms | p99 ms | mean ms |\n");
            md.append("|---|---|---:|---:|---:|---:|\n");
            for (Hops.Hop hop : window.hops()) {
                md.append("| ")
                        .append(hop.hop())
                        .append(" | ")
                        .append(hop.application())
                        .append(" | ");
                if (!hop.exposed()) {
                    md.append("not exposed | | | |\n");
                } else if (hop.events() == 0) {
                    md.append("0 | | | |\n");
                } else {
                    md.append(String.format(
                            Locale.ROOT,
                            "%,d | %.2f | %.2f | %.2f |%n",
                            hop.events(),
                            hop.p50Millis(),
                            hop.p99Millis(),
                            hop.meanMillis()));
                }
            }
        }
        return md.toString();
    }

    static String fleet(FleetInbound.Figures fleet) {
        StringBuilder md = new StringBuilder("\n## Fleet inbound: records straight to Kafka\n\n");
        md.append("Records published to the fleet inbound topic with kafka-clients (`acks=all`, idempotent),"
                + " as a fleet system sends them, half BIN_SERVICED and half FILL_LEVEL_REPORTED, on bins the"
                + " benchmark placed through the command API, at rising rates. Applied per second counts from"
                + " the first record sent until the command side's consumer group had committed the last;"
                + " a step kept up when it sent at least 95% of its rate and applied at least 90% of what"
                + " it sent per second. Record to visible: a sample of the records, from the moment each was"
                + " sent until the query API's bin showed it (its service counted, or its fill level"
                + " reported), read every 5 ms.\n\n");
        md.append("| step | sent | sent/s | applied | applied/s | applied counted by | drained after the last s"
                + " | kept up | visible samples | p50 ms | p99 ms | max ms | not visible in 60 s |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (FleetInbound.Step step : fleet.steps()) {
            md.append(stepRow(step));
        }
        md.append(stepRow(fleet.atEightyPercent()));
        md.append(
                fleet.highestRateKeptUp() == null
                        ? "\nNo step kept up; the last row ran at 80% of the best rate applied.\n"
                        : String.format(
                                Locale.ROOT,
                                "%nHighest rate kept up: **%,.0f records/s**; at 80%% of it (%s), record to"
                                        + " visible p50 **%.1f ms**, p99 **%.1f ms**.%n",
                                fleet.highestRateKeptUp(),
                                fleet.atEightyPercent().name(),
                                fleet.atEightyPercent().recordToVisible().p50(),
                                fleet.atEightyPercent().recordToVisible().p99()));
        md.append("\nExactly once (every record sent once is in the event store once, records sent again"
                        + " change nothing, nothing dead-lettered): ")
                .append(inline(fleet.accounting()))
                .append("\n");
        md.append(whereTheLagGoes(List.of(fleet.hops()))
                .replace("### Where the lag goes", "### Where the lag goes, fleet records"));
        return md.toString();
    }

    private static String stepRow(FleetInbound.Step step) {
        Latency.Summary visible = step.recordToVisible();
        return String.format(
                Locale.ROOT,
                "| %s | %,d | %,.0f | %,d | %,.0f | %s | %s | %s | %,d | %.1f | %.1f | %.1f | %,d |%n",
                step.name(),
                step.sent(),
                step.sentPerSecond(),
                step.applied(),
                step.appliedPerSecond(),
                step.appliedFrom(),
                Double.isNaN(step.drainSeconds())
                        ? "not drained"
                        : String.format(Locale.ROOT, "%.1f", step.drainSeconds()),
                step.keptUp() ? "yes" : "**no**",
                visible.count(),
                visible.p50(),
                visible.p99(),
                visible.max(),
                step.notVisibleWithin60s());
    }

    static String inline(Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append(" ").append(value));
        return text.toString();
    }
}

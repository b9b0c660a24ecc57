package io.haulstream.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's section on where the lag goes. */
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

    static String inline(Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append(" ").append(value));
        return text.toString();
    }
}

package io.haulstream.e2e;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fault suite's report: one row per fault, as markdown and JSON, rewritten after every fault. */
final class FaultReport {

    /** What one fault did to the commands, the records, the read model and the cache. */
    record Row(
            String fault,
            double heldSeconds,
            int acknowledged,
            int stored,
            int projected,
            int lost,
            int appliedTwice,
            int rowsDiffering,
            int cacheEntriesDiffering,
            Map<String, Integer> clientErrors,
            double secondsUntilFresh,
            double secondsUntilEqual,
            List<String> firstDifferences) {

        boolean clean() {
            return lost == 0 && appliedTwice == 0 && rowsDiffering == 0 && cacheEntriesDiffering == 0;
        }
    }

    private final Path directory;
    private final String form;
    private final String netemNote;
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();

    FaultReport(Path directory, String form, String netemNote) {
        this.directory = directory;
        this.form = form;
        this.netemNote = netemNote;
    }

    List<Row> rows() {
        return rows;
    }

    void add(Row row) throws IOException {
        rows.add(row);
        write();
    }

    private void write() throws IOException {
        Files.createDirectories(directory);
        StatisticsExactnessIT.JSON
                .copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValue(
                        directory.resolve("fault-report.json").toFile(),
                        Map.of("form", form, "started", started.toString(), "network", netemNote, "faults", rows));
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite (")
                .append(form)
                .append("), started ")
                .append(started)
                .append("\n\n");
        md.append("Two command sides and two query sides on private servers; steady random commands over HTTP and")
                .append(" fleet records on the inbound topic. After each fault the load pauses and every statistic,")
                .append(" daily count, route day, live bin row and Redis entry (statistics, bins) is compared with")
                .append(" the truth folded from the event store.\n\n");
        md.append("Network delay: ").append(netemNote).append("\n\n");
        md.append("| fault | held s | acknowledged | stored | projected | lost | applied twice | rows differing |")
                .append(" cache entries differing | client errors | s until fresh | s until equal |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %d | %d | %d | %d | %d | %d | %d | %s | %.1f | %.1f |%n",
                    row.fault(),
                    row.heldSeconds(),
                    row.acknowledged(),
                    row.stored(),
                    row.projected(),
                    row.lost(),
                    row.appliedTwice(),
                    row.rowsDiffering(),
                    row.cacheEntriesDiffering(),
                    errors(row.clientErrors()),
                    row.secondsUntilFresh(),
                    row.secondsUntilEqual()));
        }
        md.append("\nacknowledged: HTTP commands answered 2xx (their consistency tokens) plus fleet records the broker")
                .append(
                        " took; stored: found in the event store (the token's aggregate and sequence, the record's id);")
                .append(" projected: the read model's position of the aggregate reached it; lost: acknowledged but not")
                .append(" stored or not projected; applied twice: fleet record ids with more than one event or service")
                .append(" row in the whole run so far; s until fresh: from the fault's end until a new write on each")
                .append(
                        " command side was read with its token on each query side; s until equal: from the pause of the")
                .append(" load until the read model and Redis equalled the truth. Client errors include the rules'")
                .append(" refusals of random commands (HTTP 404/409/422).\n");
        for (Row row : rows) {
            if (!row.firstDifferences().isEmpty()) {
                md.append("\n## Differences after ").append(row.fault()).append("\n\n");
                row.firstDifferences().forEach(d -> md.append("- ").append(d).append('\n'));
            }
        }
        Files.writeString(directory.resolve("fault-report.md"), md);
    }

    private static String errors(Map<String, Integer> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        errors.forEach((what, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(what)
                .append(": ")
                .append(count));
        return text.toString();
    }
}

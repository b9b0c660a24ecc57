package io.haulstream.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Writes one run as {@code report.json}, {@code report.md} and PNG charts into the report folder. */
final class Report {

    private static final Color HAULSTREAM = new Color(0x1b7f5f);
    private static final Color BASELINE = new Color(0xc0504d);

    record Family(
            String name,
            String haulstreamRequest,
            String baselineRequest,
            Latency.Summary haulstreamClosed,
            Latency.Summary haulstreamFixedRate,
            Latency.Summary baselineClosed,
            Latency.Summary baselineFixedRate,
            Double haulstreamConnectionsPerRequest,
            Double haulstreamCacheHitRatio,
            double baselineStatementsPerRequest,
            String note) {

        boolean served() {
            return haulstreamClosed != null;
        }

        /** baseline p99 over haulstream p99 at the same concurrency: the headline. */
        @JsonProperty
        Double ratioP99() {
            return served() ? ratio(baselineClosed.p99(), haulstreamClosed.p99()) : null;
        }

        @JsonProperty
        Double ratioP50() {
            return served() ? ratio(baselineClosed.p50(), haulstreamClosed.p50()) : null;
        }

        /**
         * The seed's SQL as the benchmark timed it over JDBC against haulstream's time at the server:
         * both without the HTTP hop between a client and an application.
         */
        @JsonProperty
        Double ratioP99AtServer() {
            return served() && haulstreamClosed.server() != null
                    ? ratio(baselineClosed.p99(), haulstreamClosed.server().p99())
                    : null;
        }
    }

    /** One statistic read for a small scope and for the whole city, one after the other in the same run. */
    record Scope(String name, String smallScope, Latency.Summary small, String largeScope, Latency.Summary large) {

        /** The whole city's p99 over the small scope's: 1.0 is perfectly flat. */
        @JsonProperty
        double ratioP99() {
            return ratio(large.p99(), small.p99());
        }

        @JsonProperty
        Double ratioP99AtServer() {
            return small.server() != null && large.server() != null
                    ? ratio(large.server().p99(), small.server().p99())
                    : null;
        }
    }

    /** The board's map tiles: latency at the server against the 30 ms, and what a tile weighs. */
    static String tiles(TileFamily.Figures tiles) {
        Latency.Summary latency = tiles.latency();
        Latency.Summary server = latency.server();
        Map<String, Double> size = tiles.sizeBytes();
        return String.format(
                Locale.ROOT,
                "%n## Map tiles%n%nRandom bin (4 in 5) and route tiles at zoom %d to %d around random bins, %s.%n%n"
                        + "| requests | per s | p50 | p99 | p99 at the server | tile p50 | tile p99 | tile max | cache hit ratio |%n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
                        + "| %d | %.1f | %.2f ms | %.2f ms | %s | %s | %s | %s | %.3f |%n",
                TileFamily.MIN_ZOOM,
                TileFamily.MAX_ZOOM,
                tiles.request(),
                latency.count(),
                latency.perSecond(),
                latency.p50(),
                latency.p99(),
                server == null ? "" : String.format(Locale.ROOT, "%.2f ms", server.p99()),
                bytes(size.get("p50")),
                bytes(size.get("p99")),
                bytes(size.get("max")),
                tiles.hitRatio());
    }

    private static String bytes(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%,.0f B", value);
    }

    private static double ratio(double numerator, double denominator) {
        return numerator / Math.max(denominator, 0.001);
    }

    record Run(
            Map<String, Object> machine,
            Map<String, Object> conditions,
            Map<String, Object> data,
            List<Family> families,
            List<Scope> scopes,
            Latency.Summary readWriteMix,
            Map<String, Object> cache,
            WritePath.Figures writePath,
            FleetInbound.Figures fleet,
            List<Resources.Memory> memory,
            TileFamily.Figures tiles) {}

    private final Path folder;
    private final ObjectMapper json;

    Report(Path folder, ObjectMapper json) {
        this.folder = folder;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    List<Path> write(Run run) throws IOException {
        Files.createDirectories(folder);
        Path jsonFile = folder.resolve("report.json");
        json.writeValue(jsonFile.toFile(), run);
        Path markdown = folder.resolve("report.md");
        Files.writeString(markdown, markdown(run));
        List<Path> written = new ArrayList<>(List.of(markdown, jsonFile));
        if (!run.families().isEmpty()) {
            written.add(chart(folder.resolve("query-latency.png"), latencyChart(run)));
            written.add(chart(folder.resolve("p99-by-family.png"), p99Bars(run.families())));
        }
        if (run.writePath() != null) {
            written.add(chart(folder.resolve("write-lag.png"), lagChart(run.writePath())));
        }
        return written;
    }

    static String markdown(Run run) {
        StringBuilder md = new StringBuilder("# haulstream benchmark\n\n");
        md.append("Machine: ").append(inline(run.machine())).append("\n\n");
        md.append("Conditions: ").append(inline(run.conditions())).append("\n\n");
        Map<String, Object> data = new java.util.LinkedHashMap<>(run.data());
        data.remove("projection");
        md.append("Data: ").append(inline(data)).append("\n\n");
        if (run.data().get("projection") != null) {
            md.append("Projection: ").append(run.data().get("projection")).append("\n\n");
        }
        md.append("## Queries: the seed's way and haulstream's, same data, same run\n\n");
        md.append("Latency in ms at a fixed concurrency (closed model). haulstream is measured over HTTP"
                + " through its query API; the seed's way runs its SQL over JDBC from the benchmark itself,"
                + " with no HTTP in between, which favours the baseline.\n\n");
        md.append("| family | way | requests | per s | p50 | p95 | p99 | p99.9 | max | DB work per request |"
                + " p99 ratio | p50 ratio |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Family family : run.families()) {
            if (family.served()) {
                md.append(row(
                        family.name(),
                        "haulstream",
                        family.haulstreamClosed(),
                        String.format(Locale.ROOT, "%.2f connections", family.haulstreamConnectionsPerRequest()),
                        "**" + times(family.ratioP99()) + "**",
                        times(family.ratioP50())));
            }
            md.append(row(
                    family.name(),
                    "seed",
                    family.baselineClosed(),
                    String.format(Locale.ROOT, "%.1f statements", family.baselineStatementsPerRequest()),
                    family.served() ? "" : family.note(),
                    ""));
        }
        if (run.families().stream().anyMatch(family -> family.ratioP99AtServer() != null)) {
            md.append("\nhaulstream at the server (its `Server-Timing` header: from the request entering the"
                    + " application until its body is written) against the seed's SQL as timed above:\n\n");
            md.append("| family | requests | p50 | p95 | p99 | p99.9 | max | seed p99 over server p99"
                    + " | Redis cache hit ratio |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Family family : run.families()) {
                if (family.ratioP99AtServer() != null) {
                    Latency.Summary s = family.haulstreamClosed().server();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.3f | %.3f | %.3f | %.3f | %.3f | **%s** | %s |%n",
                            family.name(),
                            s.count(),
                            s.p50(),
                            s.p95(),
                            s.p99(),
                            s.p999(),
                            s.max(),
                            times(family.ratioP99AtServer()),
                            family.haulstreamCacheHitRatio() == null
                                    ? "no cache read"
                                    : String.format(Locale.ROOT, "%.3f", family.haulstreamCacheHitRatio())));
                }
            }
        }
        if (!run.scopes().isEmpty()) {
            md.append("\n## Statistics read cost by scope\n\n");
            md.append("The same reads for the smallest organization and for the whole city, one after the other"
                    + " at the same concurrency. A ratio of 1.0 is perfectly flat.\n\n");
            md.append("| statistics | scope | requests | p50 | p99 | p99 at the server |\n");
            md.append("|---|---|---:|---:|---:|---:|\n");
            for (Scope scope : run.scopes()) {
                md.append(scopeRow(scope.name(), scope.smallScope(), scope.small()));
                md.append(scopeRow(scope.name(), scope.largeScope(), scope.large()));
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | **p99 ratio, whole city over one organization** | | | %.2f | %s |%n",
                        scope.name(),
                        scope.ratioP99(),
                        scope.ratioP99AtServer() == null
                                ? ""
                                : String.format(Locale.ROOT, "%.2f", scope.ratioP99AtServer())));
            }
        }
        if (run.tiles() != null) {
            md.append(tiles(run.tiles()));
        }
        md.append("\nAt a fixed arrival rate (open model; latency counted from when each request was due, at the"
                + " client; the server's own p50 and p99 from its `Server-Timing`). haulstream runs at the"
                + " configured rate; the seed's way at the same rate, or at half its closed-model throughput"
                + " where it cannot carry that:\n\n");
        md.append("| family | way | requests | per s | p50 | p95 | p99 | p99.9 | max | server p50 | server p99 |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Family family : run.families()) {
            if (family.served()) {
                md.append(openRow(family.name(), "haulstream", family.haulstreamFixedRate()));
            }
            md.append(openRow(family.name(), "seed", family.baselineFixedRate()));
        }
        if (run.readWriteMix() != null) {
            md.append("\n## 90/10 read/write mix and the cache\n\n");
            md.append(
                    run.readWriteMix().server() == null
                            ? openTable(run.readWriteMix())
                            : openTable(run.readWriteMix(), run.readWriteMix().server()));
            md.append("\nCache: ").append(inline(run.cache())).append("\n");
        }
        WritePath.Figures writes = run.writePath();
        if (writes != null) {
            md.append("\n## Write path over HTTP\n\n");
            md.append(openTable(writes.commands(), writes.loadDuringLag()));
            md.append(String.format(
                    Locale.ROOT,
                    "%nThe steady load ran at %,.0f commands/s, %.2f of the %,.0f/s measured at %s.%n",
                    writes.loadDuringLag().perSecond(),
                    writes.steadyShareOfThroughput(),
                    writes.commands().perSecond(),
                    writes.commands().name()));
            md.append("\nFrom a command's reply until its effect is visible on the query API: on an idle system"
                    + " (one command at a time, each followed by a query with its token, nothing else running),"
                    + " and under the steady load above (a probe alternating a query with the token and polling"
                    + " without it):\n\n");
            md.append(
                    writes.lagIdle() == null
                            ? openTable(writes.lagWithToken(), writes.lagPolling())
                            : openTable(writes.lagIdle(), writes.lagWithToken(), writes.lagPolling()));
            if (writes.hops() != null && !writes.hops().isEmpty()) {
                md.append(ReportSections.whereTheLagGoes(writes.hops()));
            }
            md.append("\nAccounting (every accepted command stored and projected exactly once): ")
                    .append(inline(writes.accounting()))
                    .append("\n");
            Double machine = writes.cpuMillisPerCommand().get(CpuTime.WHOLE_MACHINE);
            if (machine != null) {
                md.append("\nProcessor time per command in milliseconds, by process, over the fixed-concurrency run"
                                + " until its last command was projected (an application's \"compiling\" is the part"
                                + " of its figure its JIT compiler threads took, which a long-running deployment no"
                                + " longer spends): ")
                        .append(inline(writes.cpuMillisPerCommand()))
                        .append(String.format(
                                Locale.ROOT,
                                ". At that cost the machine's %d cores carry at most %,.0f commands per second.%n",
                                Runtime.getRuntime().availableProcessors(),
                                Runtime.getRuntime().availableProcessors() * 1000 / machine));
            }
        }
        if (run.fleet() != null) {
            md.append(ReportSections.fleet(run.fleet()));
        }
        md.append("\n## Memory\n\n| application | heap used MB | heap max MB | RSS MB |\n|---|---:|---:|---:|\n");
        for (Resources.Memory memory : run.memory()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.0f |\n",
                    memory.application(),
                    memory.heapUsedMb(),
                    memory.heapMaxMb(),
                    memory.rssMb()));
        }
        if (!run.families().isEmpty()) {
            md.append("\n![p99 by family](p99-by-family.png)\n\n![query latency](query-latency.png)\n");
        }
        if (writes != null) {
            md.append("\n![write lag](write-lag.png)\n");
        }
        return md.toString();
    }

    /** Below 10 a whole number hides too much: 0.4× (the seed faster) must not read as 0×. */
    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.1f×" : "%.0f×", ratio);
    }

    private static String row(String family, String way, Latency.Summary s, String work, String r99, String r50) {
        return latencyCells(family, way, s) + " " + work + " | " + r99 + " | " + r50 + " |\n";
    }

    private static String scopeRow(String name, String scope, Latency.Summary s) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %.2f | %.2f | %s |%n",
                name,
                scope,
                s.count(),
                s.p50(),
                s.p99(),
                s.server() == null
                        ? ""
                        : String.format(Locale.ROOT, "%.3f", s.server().p99()));
    }

    /** A row's first cells, from the family to the maximum, ending in a cell separator. */
    private static String latencyCells(String family, String way, Latency.Summary s) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |",
                family,
                way,
                s.count(),
                s.perSecond(),
                s.p50(),
                s.p95(),
                s.p99(),
                s.p999(),
                s.max());
    }

    private static String openRow(String family, String way, Latency.Summary s) {
        return latencyCells(family, way, s)
                + (s.server() == null
                        ? " | |\n"
                        : String.format(
                                Locale.ROOT,
                                " %.2f | %.2f |%n",
                                s.server().p50(),
                                s.server().p99()));
    }

    private static String openTable(Latency.Summary... summaries) {
        StringBuilder table = new StringBuilder(
                "| measured | requests | errors | per s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Latency.Summary s : summaries) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
                    s.name(),
                    s.count(),
                    s.errors(),
                    s.perSecond(),
                    s.p50(),
                    s.p95(),
                    s.p99(),
                    s.p999(),
                    s.max()));
        }
        return table.toString();
    }

    private static String inline(Map<String, ?> values) {
        return ReportSections.inline(values);
    }

    private static JFreeChart latencyChart(Run run) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Family family : run.families()) {
            if (family.served()) {
                add(data, "haulstream " + family.name(), family.haulstreamClosed());
            }
            add(data, "seed " + family.name(), family.baselineClosed());
        }
        JFreeChart chart = percentileChart("Query latency by percentile, fixed concurrency (log scale)", data);
        LineAndShapeRenderer renderer =
                (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
        List<String> families = run.families().stream().map(Family::name).toList();
        for (int series = 0; series < data.getRowCount(); series++) {
            String key = data.getRowKey(series).toString();
            boolean seed = key.startsWith("seed");
            // One colour per family, solid for haulstream and dashed for the seed, so pairs read together.
            int family = families.indexOf(key.substring(key.indexOf(' ') + 1));
            renderer.setSeriesPaint(series, Color.getHSBColor(family / (float) families.size(), 0.8f, 0.75f));
            renderer.setSeriesStroke(
                    series,
                    seed
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(2.5f));
        }
        return chart;
    }

    private static JFreeChart lagChart(WritePath.Figures writes) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        add(data, "query with consistency token", writes.lagWithToken());
        add(data, "polling without token", writes.lagPolling());
        add(data, "command reply (steady load)", writes.loadDuringLag());
        if (writes.lagIdle() != null && writes.lagIdle().count() > 0) {
            add(data, "query with consistency token, idle system", writes.lagIdle());
        }
        JFreeChart chart = percentileChart("Write path: command latency and reply-to-visible lag (log scale)", data);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, HAULSTREAM);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(1, BASELINE);
        return chart;
    }

    private static JFreeChart percentileChart(String title, DefaultCategoryDataset data) {
        LogarithmicAxis millis = new LogarithmicAxis("milliseconds");
        millis.setAllowNegativesFlag(false);
        millis.setStrictValuesFlag(false);
        CategoryAxis percentiles = new CategoryAxis("percentile");
        percentiles.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        CategoryPlot plot = new CategoryPlot(data, percentiles, millis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void add(DefaultCategoryDataset data, String series, Latency.Summary s) {
        data.addValue(Math.max(s.p50(), 0.001), series, "p50");
        data.addValue(Math.max(s.p95(), 0.001), series, "p95");
        data.addValue(Math.max(s.p99(), 0.001), series, "p99");
        data.addValue(Math.max(s.p999(), 0.001), series, "p99.9");
        data.addValue(Math.max(s.max(), 0.001), series, "max");
    }

    private static Path chart(Path file, JFreeChart chart) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 700);
        return file;
    }

    private static JFreeChart p99Bars(List<Family> families) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Family family : families) {
            if (family.served()) {
                data.addValue(Math.max(family.haulstreamClosed().p99(), 0.001), "haulstream", family.name());
            }
            data.addValue(Math.max(family.baselineClosed().p99(), 0.001), "seed", family.name());
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        // Bars grow from a base; on a log axis it must be above zero and stay out of the range.
        renderer.setBase(0.001);
        renderer.setIncludeBaseInRange(false);
        if (data.getRowIndex("haulstream") >= 0) {
            renderer.setSeriesPaint(data.getRowIndex("haulstream"), HAULSTREAM);
        }
        renderer.setSeriesPaint(data.getRowIndex("seed"), BASELINE);
        LogarithmicAxis millis = new LogarithmicAxis("p99 milliseconds (log scale)");
        millis.setAllowNegativesFlag(false);
        millis.setStrictValuesFlag(false);
        CategoryAxis axis = new CategoryAxis("query family");
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        CategoryPlot plot = new CategoryPlot(data, axis, millis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        return new JFreeChart("p99 per query family, both ways", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }
}

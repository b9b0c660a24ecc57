package io.haulstream.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the lag between a write and its visibility goes, hop by hop, from the histograms the two
 * applications publish: {@code haulstream.event.lag} (tag {@code hop}) and the query side's
 * {@code haulstream.consistency.wait}. Both applications are scraped before and after a
 * measurement, so each hop counts only the events of that measurement. A hop whose metric an
 * application does not expose is reported as such, not as zero.
 */
final class Hops {

    static final String LAG = "haulstream_event_lag_seconds";
    static final String CONSISTENCY_WAIT = "haulstream_consistency_wait_seconds";

    /** One hop: the application that measures it, its metric, and the value of its {@code hop} tag. */
    record Definition(String hop, String application, String metric, String tag) {}

    static final List<Definition> ALL = List.of(
            new Definition("fleet record sent to stored", "command-side", LAG, "sent-to-stored"),
            new Definition("stored to relayed", "command-side", LAG, "stored-to-relayed"),
            new Definition("relayed to acknowledged by Kafka", "command-side", LAG, "relayed-to-acknowledged"),
            new Definition("relayed to consumed", "query-side", LAG, "relayed-to-consumed"),
            new Definition("consumed to committed", "query-side", LAG, "consumed-to-committed"),
            new Definition("committed to cached", "query-side", LAG, "committed-to-cached"),
            new Definition("stored to committed (end to end)", "query-side", LAG, "stored-to-committed"),
            new Definition("token query waited", "query-side", CONSISTENCY_WAIT, ""));

    /**
     * One hop over one measurement, in milliseconds; {@code exposed} false when the application
     * publishes no such histogram, and the figures null when it saw no event.
     */
    record Hop(
            String hop,
            String application,
            boolean exposed,
            long events,
            Double p50Millis,
            Double p99Millis,
            Double meanMillis) {}

    /** The hops over one measurement, named for the report. */
    record Window(String name, List<Hop> hops) {}

    /** Both applications' Prometheus pages at one moment; an application that does not answer is empty. */
    record Snapshot(Prometheus commandSide, Prometheus querySide) {

        Prometheus of(String application) {
            return application.equals("command-side") ? commandSide : querySide;
        }
    }

    private final Http http;
    private final Settings settings;

    Hops(Http http, Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    Snapshot scrape() {
        return new Snapshot(page(settings.commandUrl()), page(settings.queryUrl()));
    }

    private Prometheus page(String baseUrl) {
        try {
            return Prometheus.parse(http.getText(baseUrl + "/actuator/prometheus"));
        } catch (Exception unavailable) {
            return Prometheus.empty();
        }
    }

    /** The hops of what happened between two scrapes. */
    static Window between(String name, Snapshot before, Snapshot after) {
        List<Hop> hops = new ArrayList<>();
        for (Definition definition : ALL) {
            Map<String, Prometheus.Histogram> then =
                    before.of(definition.application()).histograms(definition.metric(), "hop");
            Map<String, Prometheus.Histogram> now =
                    after.of(definition.application()).histograms(definition.metric(), "hop");
            Prometheus.Histogram last = now.get(definition.tag());
            if (last == null) {
                hops.add(new Hop(definition.hop(), definition.application(), false, 0, null, null, null));
                continue;
            }
            Prometheus.Histogram delta = last.minus(then.get(definition.tag()));
            long events = Math.round(delta.count());
            hops.add(
                    events <= 0
                            ? new Hop(definition.hop(), definition.application(), true, 0, null, null, null)
                            : new Hop(
                                    definition.hop(),
                                    definition.application(),
                                    true,
                                    events,
                                    delta.quantile(0.50) * 1000,
                                    delta.quantile(0.99) * 1000,
                                    delta.mean() * 1000));
        }
        return new Window(name, hops);
    }
}

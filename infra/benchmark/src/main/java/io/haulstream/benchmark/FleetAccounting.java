package io.haulstream.benchmark;

import io.haulstream.events.fleet.FleetRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The fleet phase's exactly-once account: every record sent once is in the command side's event
 * store once (the events on the phase's bins that carry the records' ids, counted and counted
 * distinct), a sample of records sent again changes nothing, none went to the dead-letter topic,
 * and every service reached the read model once.
 */
final class FleetAccounting {

    static final String RECORDS = "haulstream_fleet_records_total";

    private final Settings settings;
    private final Http http;
    private final FleetTopic topic;
    private final List<String> bins;
    private final String organizationId;
    private long deadLettersBefore;
    private Prometheus metricsBefore;
    private double backlogBeforeSeconds;

    FleetAccounting(Settings settings, Http http, FleetTopic topic, List<String> bins, String organizationId) {
        this.settings = settings;
        this.http = http;
        this.topic = topic;
        this.bins = bins;
        this.organizationId = organizationId;
    }

    /** @param backlogSeconds how long records left on the topic by others took to drain first */
    void start(double backlogSeconds) throws Exception {
        backlogBeforeSeconds = backlogSeconds;
        deadLettersBefore = topic.deadLetters();
        metricsBefore = metrics();
    }

    static double applied(Prometheus metrics) {
        return metrics.sum(RECORDS, Map.of("outcome", "applied"));
    }

    /**
     * @param sent distinct records sent, each with an id of its own
     * @param servicesSent how many of them were BIN_SERVICED
     * @param resend records already sent and applied, sent again
     * @param drain waits until the consumer group has committed everything on the topic
     */
    Map<String, Object> account(long sent, long servicesSent, List<FleetRecord> resend, Callable<Double> drain)
            throws Exception {
        drain.call();
        Map<String, Object> account = new LinkedHashMap<>();
        Prometheus applied = metrics();
        long[] stored = stored();
        long projected = awaitProjectedServices(servicesSent);
        for (FleetRecord record : resend) {
            topic.send(record);
        }
        topic.flush();
        drain.call();
        Prometheus repeated = metrics();
        long[] storedAfter = stored();
        long deadLettered = topic.deadLetters() - deadLettersBefore;
        account.put("recordsSent", sent);
        account.put("sendFailures", topic.failed());
        account.put("eventsCarryingTheirIds", stored[0]);
        account.put("distinctIdsInEventStore", stored[1]);
        account.put(
                "appliedByMetric",
                applied.has(RECORDS) ? Math.round(applied(applied) - applied(metricsBefore)) : "not exposed");
        account.put("servicesSent", servicesSent);
        account.put("servicesProjected", projected);
        account.put("recordsSentAgain", resend.size());
        account.put("eventsAfterSendingAgain", storedAfter[0]);
        account.put(
                "repeatsRecognisedByMetric",
                repeated.has(RECORDS) ? Math.round(repeatedCount(repeated) - repeatedCount(applied)) : "not exposed");
        account.put("deadLettered", deadLettered);
        account.put(
                "exactlyOnce",
                stored[0] == sent
                        && stored[1] == sent
                        && storedAfter[0] == stored[0]
                        && projected == servicesSent
                        && deadLettered == 0
                        && topic.failed() == 0);
        if (backlogBeforeSeconds > 0) {
            account.put("secondsDrainingOthersRecordsFirst", Math.round(backlogBeforeSeconds));
        }
        if (topic.firstFailure() != null) {
            account.put("firstSendFailure", topic.firstFailure().toString());
        }
        return account;
    }

    private static double repeatedCount(Prometheus metrics) {
        return metrics.sum(RECORDS, Map.of("outcome", "repeated"));
    }

    /** @return the events on the phase's bins carrying one of its record ids, and how many distinct ids */
    private long[] stored() throws SQLException {
        try (Connection command = settings.commandDatabase();
                var statement = command.prepareStatement("select count(*), count(distinct record_id) from ("
                        + " select convert_from(payload, 'UTF8')::jsonb ->> 'fleetRecordId' as record_id"
                        + " from domain_event_entry where aggregate_identifier = any(?)) events"
                        + " where record_id like 'benchmark-%'")) {
            statement.setArray(1, command.createArrayOf("varchar", bins.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private long awaitProjectedServices(long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long projected;
        try (Connection query = settings.queryDatabase();
                var statement = query.prepareStatement(
                        "select coalesce(sum(service_count), 0) from read_model.bins where organization_id = ?")) {
            statement.setString(1, organizationId);
            do {
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    projected = rows.getLong(1);
                }
                if (projected >= expected) {
                    return projected;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
        }
        return projected;
    }

    private Prometheus metrics() {
        return commandMetrics(http, settings);
    }

    /** The command side's Prometheus page; empty when it does not answer. */
    static Prometheus commandMetrics(Http http, Settings settings) {
        try {
            return Prometheus.parse(http.getText(settings.commandUrl() + "/actuator/prometheus"));
        } catch (Exception unavailable) {
            return Prometheus.empty();
        }
    }
}

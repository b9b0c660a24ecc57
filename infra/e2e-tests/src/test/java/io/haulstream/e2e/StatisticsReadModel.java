package io.haulstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.events.ConsistencyToken;
import io.haulstream.events.HaulstreamEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The read model and Redis of some organizations set beside the truth folded from the event store:
 * the statistics, the daily counts, the routes' days, the bins' rows and the cache entries of both.
 * Shared by {@link StatisticsExactnessIT} and {@link FaultSuiteIT}, so both compare alike.
 */
final class StatisticsReadModel {

    /** Reads a path of the query API (a read with a consistency token answers from PostgreSQL). */
    interface QueryApi {
        JsonNode get(String path) throws IOException, InterruptedException;
    }

    private final String storeUrl;
    private final String queryUrl;
    private final String user;
    private final String password;
    private final List<String> organizations;

    StatisticsReadModel(String host, String port, String commandDb, String queryDb, List<String> organizations) {
        this.storeUrl = "jdbc:postgresql://" + host + ":" + port + "/" + commandDb;
        this.queryUrl = "jdbc:postgresql://" + host + ":" + port + "/" + queryDb;
        this.user = System.getenv().getOrDefault("HAULSTREAM_DB_USER", "haulstream");
        this.password = System.getenv().getOrDefault("HAULSTREAM_DB_PASSWORD", "haulstream");
        this.organizations = organizations;
    }

    Connection store() throws SQLException {
        return DriverManager.getConnection(storeUrl, user, password);
    }

    Connection query() throws SQLException {
        return DriverManager.getConnection(queryUrl, user, password);
    }

    /** The statistics as the event store says they must be, folded from every stored event. */
    StatisticsTruth truth() throws SQLException, IOException {
        StatisticsTruth truth = new StatisticsTruth(organizations);
        try (Connection store = store();
                var rows = store.createStatement()
                        .executeQuery("select payload_type, convert_from(payload, 'UTF8') from domain_event_entry"
                                + " order by global_index")) {
            while (rows.next()) {
                String type = rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1);
                var eventType = HaulstreamEvent.typeNamed(type).orElseThrow();
                truth.apply(StatisticsExactnessIT.JSON.readValue(rows.getString(2), eventType));
            }
        }
        return truth;
    }

    /** Every count of the organizations in the read model, shaped like {@link StatisticsTruth#expected()}. */
    Map<String, Object> projected() throws SQLException {
        Map<String, Object> all = new TreeMap<>();
        try (Connection query = query()) {
            for (String organization : organizations) {
                for (String table : List.of("bin", "route")) {
                    Map<String, Long> counts = new TreeMap<>();
                    try (var rows = query.createStatement()
                            .executeQuery("select dimension, value, count from read_model." + table
                                    + "_statistics where count <> 0 and scope = '" + organization + "'")) {
                        while (rows.next()) {
                            counts.put(rows.getString(1) + "=" + rows.getString(2), rows.getLong(3));
                        }
                    }
                    all.put(organization + "/" + table, counts);
                }
                Map<String, Long> daily = new TreeMap<>();
                try (var rows = query.createStatement()
                        .executeQuery("select day, serviced, missed, exceptions from read_model.bin_service_daily"
                                + " where scope = '" + organization + "'")) {
                    while (rows.next()) {
                        String day = rows.getString(1);
                        daily.put(day + "/serviced", rows.getLong(2));
                        daily.put(day + "/missed", rows.getLong(3));
                        daily.put(day + "/exceptions", rows.getLong(4));
                    }
                }
                daily.values().removeIf(count -> count == 0);
                all.put(organization + "/daily", daily);
            }
        }
        return all;
    }

    /** The organizations' rows of {@code daily_route_performance}, shaped like the truth's. */
    Map<String, String> routePerformance() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection query = query();
                PreparedStatement statement = query.prepareStatement(
                        "select route_id, day, serviced, missed, exceptions, weight_kg, first_service_at,"
                                + " last_service_at from read_model.daily_route_performance"
                                + " where organization_id = any(?)")) {
            statement.setArray(1, query.createArrayOf("text", organizations.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.put(
                            row.getString(1) + "/" + row.getString(2),
                            StatisticsTruth.routePerformanceFigures(
                                    row.getLong(3),
                                    row.getLong(4),
                                    row.getLong(5),
                                    row.getDouble(6),
                                    row.getTimestamp(7).toInstant(),
                                    row.getTimestamp(8).toInstant()));
                }
            }
        }
        return rows;
    }

    /** The organizations' live bins as {@code read_model.bins} holds them, shaped like {@link StatisticsTruth#binRows()}. */
    Map<String, String> binRows() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection query = query();
                PreparedStatement statement = query.prepareStatement(
                        "select bin_id, organization_id, status, waste_stream, container_type from read_model.bins"
                                + " where not deleted and organization_id = any(?)")) {
            statement.setArray(1, query.createArrayOf("text", organizations.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.put(
                            row.getString(1),
                            StatisticsTruth.binRow(
                                    row.getString(2), row.getString(3), row.getString(4), row.getString(5)));
                }
            }
        }
        return rows;
    }

    /**
     * The read model's rows that differ from the truth, one line each: statistics and daily counts,
     * the routes' days and the bins' rows.
     */
    List<String> rowDifferences(StatisticsTruth truth) throws SQLException {
        List<String> differences = new ArrayList<>();
        Map<String, Object> expected = truth.expected();
        Map<String, Object> projected = projected();
        for (String table : new TreeSet<>(expected.keySet())) {
            differences.addAll(differences(
                    table + " ", asMap(expected.get(table)), asMap(projected.getOrDefault(table, Map.of()))));
        }
        differences.addAll(differences("route day ", truth.routePerformance(), routePerformance()));
        differences.addAll(differences("bin ", truth.binRows(), binRows()));
        return differences;
    }

    /**
     * Redis entries that differ from PostgreSQL, one line each: the organizations' statistics
     * ({@code stats:bins|routes:{org}}, compared with the API's answer from PostgreSQL) and their live
     * bins' entries ({@code bin:{id}}, whose version must be the row's and body the API's answer). A
     * missing entry counts only when {@code requirePresent}: a miss is read from PostgreSQL, never
     * stale; Redis holds only the bins that were read, and then at least one must be held.
     */
    List<String> cacheDifferences(RedissonClient redis, QueryApi api, boolean requirePresent) throws Exception {
        List<String> differences = new ArrayList<>();
        for (String organization : organizations) {
            String token = new ConsistencyToken(organization, 0, 0).encode();
            for (String family : List.of("bins", "routes")) {
                String key = "stats:" + family + ":" + organization;
                String cached =
                        redis.<String, String>getMap(key, StringCodec.INSTANCE).get("body");
                if (cached == null) {
                    if (requirePresent) {
                        differences.add(key + " missing");
                    }
                    continue;
                }
                JsonNode fromPostgres = api.get(
                        "/api/v1/organizations/" + organization + "/statistics/" + family + "?minPosition=" + token);
                // The bins' reply wraps the counts with the day's figures; the cache holds the counts.
                JsonNode expected = family.equals("bins") ? fromPostgres.get("bins") : fromPostgres;
                if (!StatisticsExactnessIT.JSON.readTree(cached).equals(expected)) {
                    differences.add(key + " cached " + cached + " but PostgreSQL answers " + expected);
                }
            }
        }
        int binsHeld = 0;
        for (Map.Entry<LiveBin, Long> bin : binVersions().entrySet()) {
            LiveBin row = bin.getKey();
            Map<String, String> cached = redis.<String, String>getMap("bin:" + row.binId(), StringCodec.INSTANCE)
                    .readAllMap();
            // Redis holds only the bins read without a token, and a reservation has no body yet.
            if (cached.get("body") == null) {
                continue;
            }
            binsHeld++;
            long version = Long.parseLong(cached.get("version"));
            if (version != bin.getValue()) {
                differences.add("bin:" + row.binId() + " version " + version + " but the row's is " + bin.getValue());
                continue;
            }
            JsonNode fromPostgres = api.get("/api/v1/organizations/" + row.organizationId() + "/bins/" + row.binId()
                    + "?minPosition=" + new ConsistencyToken(row.binId(), 0, 0).encode());
            if (!Objects.equals(StatisticsExactnessIT.JSON.readTree(cached.get("body")), fromPostgres)) {
                differences.add("bin:" + row.binId() + " cached " + cached.get("body") + " but PostgreSQL answers "
                        + fromPostgres);
            }
        }
        if (requirePresent && binsHeld == 0) {
            differences.add("no bin:{id} entry held, though the run read bins without a token");
        }
        return differences;
    }

    /** A live bin of the run's organizations; the cache's key is its bin id alone. */
    private record LiveBin(String organizationId, String binId) {}

    /** Each live bin's row version. */
    private Map<LiveBin, Long> binVersions() throws SQLException {
        Map<LiveBin, Long> versions = new LinkedHashMap<>();
        try (Connection query = query();
                PreparedStatement statement = query.prepareStatement("select organization_id, bin_id, version"
                        + " from read_model.bins where not deleted and organization_id = any(?) order by 1, 2")) {
            statement.setArray(1, query.createArrayOf("text", organizations.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    versions.put(new LiveBin(row.getString(1), row.getString(2)), row.getLong(3));
                }
            }
        }
        return versions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object value) {
        return (Map<String, ?>) value;
    }

    /** One line per key whose value differs, or that only one side has. */
    static List<String> differences(String prefix, Map<String, ?> expected, Map<String, ?> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences.add(prefix + key + ": truth " + expected.get(key) + ", read model " + actual.get(key));
            }
        }
        return differences;
    }
}

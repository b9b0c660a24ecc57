package io.haulstream.benchmark.seed;

import static io.haulstream.benchmark.seed.SeedBaseline.SCHEMA;

import io.haulstream.benchmark.seed.SeedBaseline.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The seed's statistics: GROUP BY over the tables on every request. */
public final class SeedStatistics {

    private static final String FILL_BAND = "CASE WHEN fill_level IS NULL THEN 'UNKNOWN'"
            + " WHEN fill_level < 25 THEN '0-24' WHEN fill_level < 50 THEN '25-49'"
            + " WHEN fill_level < 75 THEN '50-74' ELSE '75-100' END";

    SeedStatistics() {}

    /**
     * The seed's {@code Route.getRouteStatistics()}: three GROUP BY queries over the routes table,
     * on every request (the seed runs them with {@code Promise.all}; one connection runs them in turn).
     *
     * @param organizationId null for the seed's own form, over all organizations
     */
    public Result routeStatistics(Connection connection, String organizationId) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        int rows = 0;
        int statements = 0;
        for (String dimension : List.of("status", "type", "service_day")) {
            String sql = "SELECT " + dimension + ", COUNT(id) AS count FROM " + SCHEMA + ".routes"
                    + " WHERE deleted_at IS NULL"
                    + (organizationId == null ? "" : " AND organization_id = ?")
                    + " GROUP BY " + dimension;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (organizationId != null) {
                    statement.setString(1, organizationId);
                }
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        counts.put(dimension + "=" + result.getString(1), result.getLong(2));
                        rows++;
                    }
                }
            }
        }
        return new Result(rows, statements, counts);
    }

    /** {@link #binStatistics(Connection, String, LocalDate)} for today (UTC, as the read model counts days). */
    public Result binStatistics(Connection connection, String organizationId) throws SQLException {
        return binStatistics(connection, organizationId, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * The seed's {@code Bin.getBinStatistics()}: a GROUP BY per dimension over the bins table, and
     * the day's service counts by joining service events to bins and customers, on every request.
     */
    public Result binStatistics(Connection connection, String organizationId, LocalDate day) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        int rows = 0;
        int statements = 0;
        Map<String, String> dimensions = new TreeMap<>();
        dimensions.put("status", "status");
        dimensions.put("waste_stream", "waste_stream");
        dimensions.put("container_type", "container_type");
        dimensions.put("fill_band", FILL_BAND);
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            String sql = "SELECT " + dimension.getValue() + " AS value, COUNT(id) AS count FROM " + SCHEMA + ".bins"
                    + " WHERE deleted_at IS NULL AND organization_id = ? GROUP BY 1";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, organizationId);
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        counts.put(dimension.getKey() + "=" + result.getString(1), result.getLong(2));
                        rows++;
                    }
                }
            }
        }
        String sql = "SELECT COUNT(se.id) FILTER (WHERE se.outcome = 'EMPTIED'),"
                + " COUNT(se.id) FILTER (WHERE se.outcome = 'MISSED'),"
                + " COUNT(se.id) FILTER (WHERE se.outcome NOT IN ('EMPTIED', 'MISSED'))"
                + " FROM " + SCHEMA + ".service_events se"
                + " JOIN " + SCHEMA + ".bins b ON b.id = se.bin_id"
                + " JOIN " + SCHEMA + ".customers c ON c.id = b.customer_id"
                + " WHERE c.organization_id = ? AND c.deleted_at IS NULL AND b.deleted_at IS NULL"
                + " AND se.serviced_at >= ? AND se.serviced_at < ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, organizationId);
            statement.setTimestamp(
                    2, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            statement.setTimestamp(
                    3,
                    Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    counts.put("serviced", result.getLong(1));
                    counts.put("missed", result.getLong(2));
                    counts.put("exceptions", result.getLong(3));
                    rows++;
                }
            }
        }
        return new Result(rows, statements, counts);
    }
}

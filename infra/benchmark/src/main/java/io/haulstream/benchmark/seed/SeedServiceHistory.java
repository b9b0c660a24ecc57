package io.haulstream.benchmark.seed;

import static io.haulstream.benchmark.seed.Rows.BIN_COLUMNS;
import static io.haulstream.benchmark.seed.Rows.read;
import static io.haulstream.benchmark.seed.Rows.readAll;
import static io.haulstream.benchmark.seed.SeedBaseline.SCHEMA;

import io.haulstream.benchmark.seed.SeedBaseline.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A bin's and a route's service history as the seed's ORM reads them: the owner, its newest
 * service events, then each event's other end one row at a time (Bin -> ServiceEvent -> Route,
 * Route -> ServiceEvent -> Bin), each distinct entity once, as a session's first-level cache would.
 */
public final class SeedServiceHistory {

    private static final String EVENT_COLUMNS =
            "id, bin_id, route_id, outcome, weight_kg, fleet_record_id, serviced_at, created_at";

    private static final String ROUTE_COLUMNS = "id, organization_id, name, status, type, service_day, territory,"
            + " ST_AsGeoJSON(route_geometry) AS geometry, created_at, updated_at";

    SeedServiceHistory() {}

    /** The bin, its newest {@code size} services, and each service's route: 2 + distinct routes statements. */
    public Result ofBin(Connection connection, String binId, int size) throws SQLException {
        return history(
                connection,
                "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b WHERE b.id = ? AND b.deleted_at IS NULL",
                "SELECT " + EVENT_COLUMNS + " FROM " + SCHEMA + ".service_events WHERE bin_id = ?"
                        + " ORDER BY serviced_at DESC LIMIT ?",
                "route_id",
                "SELECT " + ROUTE_COLUMNS + " FROM " + SCHEMA + ".routes WHERE id = ?",
                binId,
                size);
    }

    /** The route, its newest {@code size} services, and each service's bin: 2 + distinct bins statements. */
    public Result ofRoute(Connection connection, String routeId, int size) throws SQLException {
        return history(
                connection,
                "SELECT " + ROUTE_COLUMNS + " FROM " + SCHEMA + ".routes WHERE id = ? AND deleted_at IS NULL",
                "SELECT " + EVENT_COLUMNS + " FROM " + SCHEMA + ".service_events WHERE route_id = ?"
                        + " ORDER BY serviced_at DESC LIMIT ?",
                "bin_id",
                "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b WHERE b.id = ?",
                routeId,
                size);
    }

    private static Result history(
            Connection connection,
            String ownerSql,
            String eventsSql,
            String otherEnd,
            String otherSql,
            String id,
            int size)
            throws SQLException {
        int rows = 0;
        int statements = 0;
        try (PreparedStatement statement = connection.prepareStatement(ownerSql)) {
            statement.setString(1, id);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                rows += readAll(result);
            }
        }
        Set<String> others = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(eventsSql)) {
            statement.setString(1, id);
            statement.setInt(2, size);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    read(result, columns);
                    String other = result.getString(otherEnd);
                    if (other != null) {
                        others.add(other);
                    }
                    rows++;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(otherSql)) {
            for (String other : others) {
                statement.setString(1, other);
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    rows += readAll(result);
                }
            }
        }
        return Result.of(rows, statements);
    }
}

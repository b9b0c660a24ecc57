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
import java.util.ArrayList;
import java.util.List;

/** The seed's route reads: a route with its stops loaded one bin at a time, and routes near a point. */
public final class SeedRouteReads {

    SeedRouteReads() {}

    /**
     * A route with its stops as lazy loading does it: the route, then its stop list, then every
     * stop's bin with its own SELECT: 2 + n statements.
     */
    public Result routeDetail(Connection connection, String routeId) throws SQLException {
        int rows = 0;
        int statements = 0;
        String routeSql = "SELECT id, organization_id, name, status, type, service_day, territory,"
                + " ST_AsGeoJSON(route_geometry) AS geometry, created_at, updated_at FROM " + SCHEMA + ".routes"
                + " WHERE id = ? AND deleted_at IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(routeSql)) {
            statement.setString(1, routeId);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int found = readAll(result);
                if (found == 0) {
                    return Result.of(0, statements);
                }
                rows += found;
            }
        }
        List<String> binIds = new ArrayList<>();
        String stopsSql = "SELECT id, route_id, bin_id, position, created_at, updated_at FROM " + SCHEMA
                + ".route_stops WHERE route_id = ? ORDER BY position";
        try (PreparedStatement statement = connection.prepareStatement(stopsSql)) {
            statement.setString(1, routeId);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    read(result, columns);
                    binIds.add(result.getString("bin_id"));
                    rows++;
                }
            }
        }
        String binSql = "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b WHERE b.id = ? AND b.deleted_at IS NULL";
        try (PreparedStatement statement = connection.prepareStatement(binSql)) {
            for (String binId : binIds) {
                statement.setString(1, binId);
                statements++;
                try (ResultSet result = statement.executeQuery()) {
                    rows += readAll(result);
                }
            }
        }
        return Result.of(rows, statements);
    }

    /**
     * Routes within a radius the seed's way: {@code ST_DWithin} served by the plain GIST index on
     * the whole routes table, so status and tenant are filtered after it, ordered by
     * {@code ST_Distance} computed for every route in the radius.
     */
    public Result routesWithin(
            Connection connection, String organizationId, double longitude, double latitude, double metres)
            throws SQLException {
        String point = "ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography";
        String sql = "SELECT id, organization_id, name, status, type, service_day, territory,"
                + " ST_AsGeoJSON(route_geometry) AS geometry, created_at, updated_at,"
                + " ST_Distance(route_geometry, " + point + ") AS distance_metres"
                + " FROM " + SCHEMA + ".routes"
                + " WHERE organization_id = ? AND deleted_at IS NULL AND status = 'ACTIVE'"
                + " AND ST_DWithin(route_geometry, " + point + ", ?) ORDER BY distance_metres";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, longitude);
            statement.setDouble(2, latitude);
            statement.setString(3, organizationId);
            statement.setDouble(4, longitude);
            statement.setDouble(5, latitude);
            statement.setDouble(6, metres);
            try (ResultSet result = statement.executeQuery()) {
                return Result.of(readAll(result), 1);
            }
        }
    }
}

package io.haulstream.benchmark.seed;

import static io.haulstream.benchmark.seed.Rows.BIN_COLUMNS;
import static io.haulstream.benchmark.seed.Rows.read;
import static io.haulstream.benchmark.seed.Rows.readAll;
import static io.haulstream.benchmark.seed.SeedBaseline.DEFAULT_PAGE_SIZE;
import static io.haulstream.benchmark.seed.SeedBaseline.SCHEMA;

import io.haulstream.benchmark.seed.SeedBaseline.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's bin reads: radius with the plain GIST index, nearest by sorting on
 * {@code ST_Distance}, and pages that load each bin's customer and organization one row at a time.
 */
public final class SeedBinReads {

    SeedBinReads() {}

    /** {@link #binsWithin(Connection, String, double, double, double, int)} without a limit. */
    public Result binsWithin(
            Connection connection, String organizationId, double longitude, double latitude, double metres)
            throws SQLException {
        return binsWithin(connection, organizationId, longitude, latitude, metres, 0);
    }

    /**
     * The seed's {@code findWithinRadius()}: {@code ST_DWithin} on geography. The only spatial
     * index is the plain GIST on location, so the status and tenant are filtered after it.
     *
     * @param limit at most this many rows; 0 for all
     */
    public Result binsWithin(
            Connection connection, String organizationId, double longitude, double latitude, double metres, int limit)
            throws SQLException {
        String sql = "SELECT " + BIN_COLUMNS + ","
                + " ST_Distance(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS distance_metres"
                + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL AND b.status = 'ACTIVE'"
                + " AND ST_DWithin(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)"
                + (limit > 0 ? " LIMIT " + limit : "");
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

    /**
     * Nearest bins the way code without the KNN operator does it: compute {@code ST_Distance} to
     * every active bin of the organization, sort, keep the first {@code k}.
     */
    public Result nearestBins(Connection connection, String organizationId, double longitude, double latitude, int k)
            throws SQLException {
        String sql = "SELECT " + BIN_COLUMNS + ","
                + " ST_Distance(b.location, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS distance_metres"
                + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL AND b.status = 'ACTIVE'"
                + " ORDER BY distance_metres LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, longitude);
            statement.setDouble(2, latitude);
            statement.setString(3, organizationId);
            statement.setInt(4, k);
            try (ResultSet result = statement.executeQuery()) {
                return Result.of(readAll(result), 1);
            }
        }
    }

    /** {@link #pageOfBins(Connection, String, int, int)} with {@value #DEFAULT_PAGE_SIZE} bins a page. */
    public Result pageOfBins(Connection connection, String organizationId, int page) throws SQLException {
        return pageOfBins(connection, organizationId, page, DEFAULT_PAGE_SIZE);
    }

    /**
     * A page of bins "with customer and organization" as lazy loading does it: one SELECT for the
     * page, then for every bin a SELECT of its customer and a SELECT of that customer's
     * organization (Bin, Customer, Organization, one row at a time): 1 + 2n statements.
     *
     * @param page from 0
     */
    public Result pageOfBins(Connection connection, String organizationId, int page, int size) throws SQLException {
        int rows = 0;
        int statements = 0;
        List<String> customerIds = new ArrayList<>(size);
        String pageSql = "SELECT " + BIN_COLUMNS + " FROM " + SCHEMA + ".bins b"
                + " WHERE b.organization_id = ? AND b.deleted_at IS NULL ORDER BY b.id LIMIT ? OFFSET ?";
        try (PreparedStatement statement = connection.prepareStatement(pageSql)) {
            statement.setString(1, organizationId);
            statement.setInt(2, size);
            statement.setLong(3, (long) page * size);
            statements++;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    read(result, columns);
                    customerIds.add(result.getString("customer_id"));
                    rows++;
                }
            }
        }
        String customerSql = "SELECT id, organization_id, name, service_address, ST_X(location::geometry) AS longitude,"
                + " ST_Y(location::geometry) AS latitude, created_at, updated_at FROM " + SCHEMA + ".customers"
                + " WHERE id = ? AND deleted_at IS NULL";
        String organizationSql = "SELECT id, name, created_at, updated_at FROM " + SCHEMA + ".organizations"
                + " WHERE id = ? AND deleted_at IS NULL";
        try (PreparedStatement customers = connection.prepareStatement(customerSql);
                PreparedStatement organizations = connection.prepareStatement(organizationSql)) {
            for (String customerId : customerIds) {
                String customerOrganization = null;
                customers.setString(1, customerId);
                statements++;
                try (ResultSet result = customers.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    if (result.next()) {
                        read(result, columns);
                        customerOrganization = result.getString("organization_id");
                        rows++;
                    }
                }
                if (customerOrganization != null) {
                    organizations.setString(1, customerOrganization);
                    statements++;
                    try (ResultSet result = organizations.executeQuery()) {
                        rows += readAll(result);
                    }
                }
            }
        }
        return Result.of(rows, statements);
    }
}

package io.haulstream.query.directory;

import io.haulstream.query.api.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Organizations and customers, keyset-paged in id order. A page of customers is two SELECTs
 * whatever its size: the customers, then all their bins at once, each with its latest service taken
 * from the service history's (bin, time) index by a lateral join, where the seed's ORM read each
 * customer's bins and then each bin's services.
 */
@Component
class DirectoryQueries {

    static final String ORGANIZATIONS_FIRST = "select organization_id, name, active, registered_at"
            + " from read_model.organizations order by organization_id limit :limit";

    static final String ORGANIZATIONS_AFTER = "select organization_id, name, active, registered_at"
            + " from read_model.organizations where organization_id > :after order by organization_id limit :limit";

    static final String ORGANIZATION = "select organization_id, name, active, registered_at"
            + " from read_model.organizations where organization_id = :organizationId";

    private static final String CUSTOMER_COLUMNS = "select customer_id, name, service_address, closed,"
            + " ST_Y(location::geometry) as latitude, ST_X(location::geometry) as longitude from read_model.customers";

    /**
     * Served by customers_organization_idx (organization_id, customer_id). The cursor is compared as
     * a row of both columns, the same condition for one organization, because only that index can
     * start at it: with customer_id > cursor alone the generic plan walked the primary key from the
     * cursor and dropped other organizations' customers one by one, a scan of the whole table's tail.
     */
    static final String CUSTOMERS_FIRST = CUSTOMER_COLUMNS
            + " where organization_id = :organizationId order by organization_id, customer_id limit :limit";

    static final String CUSTOMERS_AFTER = CUSTOMER_COLUMNS
            + " where organization_id = :organizationId"
            + " and (organization_id, customer_id) > (:organizationId, :after)"
            + " order by organization_id, customer_id limit :limit";

    /** Served by bins_customer_idx, then service_history_bin_time_idx once per bin for its newest row. */
    static final String BINS = "select b.customer_id, b.bin_id, b.tag, b.status, b.container_type, b.waste_stream,"
            + " b.fill_percent, b.route_id, s.outcome, s.weight_kg, s.route_id as service_route_id, s.serviced_at"
            + " from read_model.bins b left join lateral (select h.outcome, h.weight_kg, h.route_id, h.serviced_at"
            + " from read_model.service_history h where h.bin_id = b.bin_id"
            + " order by h.serviced_at desc, h.sequence_number desc limit 1) s on true"
            + " where b.customer_id = any(:customers) and b.organization_id = :organizationId and not b.deleted"
            + " order by b.customer_id, b.bin_id";

    private final NamedParameterJdbcTemplate jdbc;

    DirectoryQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Directory.Organizations organizations(String after, int size) {
        List<String> cursor = Cursor.decode(after, 1);
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("limit", size + 1);
        if (cursor != null) {
            parameters.addValue("after", cursor.get(0));
        }
        List<Directory.Organization> rows = jdbc.query(
                cursor == null ? ORGANIZATIONS_FIRST : ORGANIZATIONS_AFTER, parameters, DirectoryQueries::organization);
        if (rows.size() <= size) {
            return new Directory.Organizations(rows, null);
        }
        List<Directory.Organization> page = List.copyOf(rows.subList(0, size));
        return new Directory.Organizations(
                page, Cursor.encode(page.get(size - 1).organizationId()));
    }

    Optional<Directory.Organization> organization(String organizationId) {
        return jdbc
                .query(
                        ORGANIZATION,
                        new MapSqlParameterSource("organizationId", organizationId),
                        DirectoryQueries::organization)
                .stream()
                .findFirst();
    }

    Directory.Customers customers(String organizationId, String after, int size) {
        List<String> cursor = Cursor.decode(after, 1);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("limit", size + 1);
        if (cursor != null) {
            parameters.addValue("after", cursor.get(0));
        }
        Map<String, CustomerRow> customers = new LinkedHashMap<>();
        jdbc.query(cursor == null ? CUSTOMERS_FIRST : CUSTOMERS_AFTER, parameters, rs -> {
            customers.put(rs.getString("customer_id"), customer(rs));
        });
        List<CustomerRow> rows = new ArrayList<>(customers.values());
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = Cursor.encode(rows.get(size - 1).customerId());
        }
        if (!rows.isEmpty()) {
            MapSqlParameterSource binParameters = new MapSqlParameterSource()
                    .addValue("organizationId", organizationId)
                    .addValue(
                            "customers",
                            rows.stream().map(CustomerRow::customerId).toArray(String[]::new));
            jdbc.query(BINS, binParameters, rs -> {
                customers.get(rs.getString("customer_id")).bins().add(bin(rs));
            });
        }
        return new Directory.Customers(
                rows.stream().map(CustomerRow::toCustomer).toList(), next);
    }

    private record CustomerRow(
            String customerId,
            String name,
            String serviceAddress,
            Directory.Location location,
            boolean closed,
            List<Directory.Bin> bins) {

        Directory.Customer toCustomer() {
            return new Directory.Customer(customerId, name, serviceAddress, location, closed, List.copyOf(bins));
        }
    }

    private static CustomerRow customer(ResultSet rs) throws SQLException {
        return new CustomerRow(
                rs.getString("customer_id"),
                rs.getString("name"),
                rs.getString("service_address"),
                new Directory.Location(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getBoolean("closed"),
                new ArrayList<>());
    }

    private static Directory.Bin bin(ResultSet rs) throws SQLException {
        Instant serviced = instant(rs, "serviced_at");
        Directory.Service latest = serviced == null
                ? null
                : new Directory.Service(
                        rs.getString("outcome"),
                        rs.getObject("weight_kg", Double.class),
                        rs.getString("service_route_id"),
                        serviced);
        return new Directory.Bin(
                rs.getString("bin_id"),
                rs.getString("tag"),
                rs.getString("status"),
                rs.getString("container_type"),
                rs.getString("waste_stream"),
                rs.getObject("fill_percent", Integer.class),
                rs.getString("route_id"),
                latest);
    }

    private static Directory.Organization organization(ResultSet rs, int row) throws SQLException {
        return new Directory.Organization(
                rs.getString("organization_id"),
                rs.getString("name"),
                rs.getBoolean("active"),
                instant(rs, "registered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

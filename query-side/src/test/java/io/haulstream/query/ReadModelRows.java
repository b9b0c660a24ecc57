package io.haulstream.query;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes read-model rows straight into the tables, for tests of the queries alone: what the
 * projectors would have written, without the events. Every row is of the organization given, so a
 * test removes its own with {@link #deleteOrganization}.
 */
public final class ReadModelRows {

    private ReadModelRows() {}

    /** A bin row; status ACTIVE, INACTIVE or MAINTENANCE, deleted or not. */
    public record Bin(String binId, String organizationId, Geodesy.Point location, String status, boolean deleted) {}

    /** A route row; status PLANNED, ACTIVE, ... deleted or not. */
    public record Route(
            String routeId, String organizationId, List<Geodesy.Point> path, String status, boolean deleted) {}

    public static void bins(JdbcTemplate jdbc, List<Bin> bins) {
        if (bins.isEmpty()) {
            return;
        }
        jdbc.update(
                "insert into read_model.bins (bin_id, organization_id, organization_name, tag, container_type,"
                        + " waste_stream, capacity_litres, status, location, placed_at, deleted, version, updated_at,"
                        + " customer_id, customer_name, service_address)"
                        + " select b, o, 'Org', 'T-' || b, 'CART', 'GENERAL', 240, s,"
                        + " ST_SetSRID(ST_MakePoint(x, y), 4326)::geography, now(), d, 1, now(), 'c-' || o, 'C', 'A'"
                        + " from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::float8[], ?::float8[])"
                        + " as t(b, o, s, d, x, y)",
                bins.stream().map(Bin::binId).toArray(String[]::new),
                bins.stream().map(Bin::organizationId).toArray(String[]::new),
                bins.stream().map(Bin::status).toArray(String[]::new),
                bins.stream().map(Bin::deleted).toArray(Boolean[]::new),
                bins.stream().map(bin -> bin.location().longitude()).toArray(Double[]::new),
                bins.stream().map(bin -> bin.location().latitude()).toArray(Double[]::new));
    }

    public static void routes(JdbcTemplate jdbc, List<Route> routes) {
        for (Route route : routes) {
            String wkt = route.path().stream()
                    .map(point -> point.longitude() + " " + point.latitude())
                    .collect(Collectors.joining(", ", "LINESTRING(", ")"));
            jdbc.update(
                    "insert into read_model.routes (route_id, organization_id, name, type, status, service_day,"
                            + " territory, geometry, created_at, deleted, version, updated_at)"
                            + " values (?, ?, 'Route ' || ?, 'RESIDENTIAL', ?, 'MONDAY', 'North',"
                            + " ST_GeogFromText('SRID=4326;' || ?), now(), ?, 1, now())",
                    route.routeId(),
                    route.organizationId(),
                    route.routeId(),
                    route.status(),
                    wkt,
                    route.deleted());
        }
    }

    public static void deleteOrganization(JdbcTemplate jdbc, String organizationId) {
        jdbc.update("delete from read_model.bins where organization_id = ?", organizationId);
        jdbc.update("delete from read_model.routes where organization_id = ?", organizationId);
        jdbc.update("delete from read_model.route_stops where organization_id = ?", organizationId);
        jdbc.update("delete from read_model.service_history where organization_id = ?", organizationId);
        jdbc.update("delete from read_model.customers where organization_id = ?", organizationId);
        jdbc.update("delete from read_model.organizations where organization_id = ?", organizationId);
    }
}

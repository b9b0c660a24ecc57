package io.haulstream.query.routes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A route with its stops in one SELECT, whatever the number of stops: the route's row joined with
 * every stop and its bin's row, one row per stop (or one row with no stop). One statement reads one
 * snapshot, so the stops are exactly those the row's {@code stop_count} and {@code version}
 * describe, without the transaction (and its BEGIN, isolation level and COMMIT round trips) that two
 * statements needed for that. The route's columns repeat on every row, but its path, the one large
 * value, is sent on the first row only.
 */
@Component
class RouteQueries {

    /** A left join: a stop's assignment may be projected before its bin's BinPlaced. */
    static final String ROUTE = "select r.route_id, r.organization_id, r.name, r.type, r.status, r.service_day,"
            + " r.territory, r.territory_id, r.stop_count, r.created_at, r.version,"
            + " r.changed_by, r.changed_at,"
            + " case when s.stop_index is null or s.stop_index = 0 then ST_AsBinary(r.geometry) end as path,"
            + " s.stop_index, s.bin_id, b.tag, b.customer_name, b.service_address, b.status as bin_status,"
            + " ST_Y(b.location::geometry) as latitude, ST_X(b.location::geometry) as longitude,"
            + " b.fill_percent, b.last_serviced_at"
            + " from read_model.routes r"
            + " left join read_model.route_stops s on s.route_id = r.route_id"
            + " left join read_model.bins b on b.bin_id = s.bin_id"
            + " where r.route_id = ? and r.organization_id = ? and not r.deleted"
            + " order by s.stop_index";

    private final JdbcTemplate jdbc;

    RouteQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return empty for a missing or deleted route, and for another organization's */
    public Optional<RouteView> route(String organizationId, String routeId) {
        List<RouteView.Stop> stops = new ArrayList<>();
        RouteView[] route = {null};
        jdbc.query(
                ROUTE,
                rs -> {
                    if (route[0] == null) {
                        route[0] = withoutStops(rs);
                    }
                    if (rs.getString("bin_id") != null) {
                        stops.add(stop(rs));
                    }
                },
                routeId,
                organizationId);
        if (route[0] == null) {
            return Optional.empty();
        }
        RouteView found = route[0];
        return Optional.of(new RouteView(
                found.routeId(),
                found.organizationId(),
                found.name(),
                found.type(),
                found.status(),
                found.serviceDay(),
                found.territory(),
                found.territoryId(),
                found.path(),
                found.stopCount(),
                List.copyOf(stops),
                found.createdAt(),
                found.version(),
                found.changedBy(),
                found.changedAt()));
    }

    private static RouteView withoutStops(ResultSet rs) throws SQLException {
        return new RouteView(
                rs.getString("route_id"),
                rs.getString("organization_id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("service_day"),
                rs.getString("territory"),
                rs.getString("territory_id"),
                Wkb.lineString(rs.getBytes("path")),
                rs.getInt("stop_count"),
                List.of(),
                instant(rs, "created_at"),
                rs.getLong("version"),
                rs.getString("changed_by"),
                instant(rs, "changed_at"));
    }

    private static RouteView.Stop stop(ResultSet rs) throws SQLException {
        Double latitude = rs.getObject("latitude", Double.class);
        Double longitude = rs.getObject("longitude", Double.class);
        return new RouteView.Stop(
                rs.getInt("stop_index"),
                rs.getString("bin_id"),
                rs.getString("tag"),
                rs.getString("customer_name"),
                rs.getString("service_address"),
                rs.getString("bin_status"),
                latitude == null || longitude == null ? null : new RouteView.Location(latitude, longitude),
                rs.getObject("fill_percent", Integer.class),
                instant(rs, "last_serviced_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.haulstream.query.routes;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A route with its stops in two SELECTs, whatever the number of stops: the route row, then every
 * stop joined with its bin's row. Both read one snapshot, so the stops are exactly those the row's
 * {@code stop_count} and {@code version} describe.
 */
@Component
class RouteQueries {

    /**
     * The path's points as two arrays in driving order: exact doubles with nothing to parse, where
     * {@code ST_AsGeoJSON} would round them to 9 decimals and still need a JSON parser.
     */
    private static final String ROUTE = "select route_id, organization_id, name, type, status, service_day, territory,"
            + " stop_count, created_at, version,"
            + " array(select ST_Y(p.geom) from ST_DumpPoints(geometry::geometry) p order by p.path[1]) as latitudes,"
            + " array(select ST_X(p.geom) from ST_DumpPoints(geometry::geometry) p order by p.path[1]) as longitudes"
            + " from read_model.routes where route_id = ? and organization_id = ? and not deleted";

    /** A left join: a stop's assignment may be projected before its bin's BinPlaced. */
    private static final String STOPS = "select s.stop_index, s.bin_id, b.tag, b.customer_name, b.service_address,"
            + " b.status, ST_Y(b.location::geometry) as latitude, ST_X(b.location::geometry) as longitude,"
            + " b.fill_percent, b.last_serviced_at"
            + " from read_model.route_stops s left join read_model.bins b on b.bin_id = s.bin_id"
            + " where s.route_id = ? order by s.stop_index";

    private final JdbcTemplate jdbc;

    RouteQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return empty for a missing or deleted route, and for another organization's */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<RouteView> route(String organizationId, String routeId) {
        List<RouteView> routes = jdbc.query(ROUTE, RouteQueries::withoutStops, routeId, organizationId);
        if (routes.isEmpty()) {
            return Optional.empty();
        }
        RouteView route = routes.get(0);
        List<RouteView.Stop> stops = jdbc.query(STOPS, RouteQueries::stop, routeId);
        return Optional.of(new RouteView(
                route.routeId(),
                route.organizationId(),
                route.name(),
                route.type(),
                route.status(),
                route.serviceDay(),
                route.territory(),
                route.path(),
                route.stopCount(),
                stops,
                route.createdAt(),
                route.version()));
    }

    private static RouteView withoutStops(ResultSet rs, int row) throws SQLException {
        return new RouteView(
                rs.getString("route_id"),
                rs.getString("organization_id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("service_day"),
                rs.getString("territory"),
                path(rs.getArray("latitudes"), rs.getArray("longitudes")),
                rs.getInt("stop_count"),
                List.of(),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private static List<RouteView.Location> path(Array latitudeArray, Array longitudeArray) throws SQLException {
        Double[] latitudes = (Double[]) latitudeArray.getArray();
        Double[] longitudes = (Double[]) longitudeArray.getArray();
        List<RouteView.Location> path = new ArrayList<>(latitudes.length);
        for (int i = 0; i < latitudes.length; i++) {
            path.add(new RouteView.Location(latitudes[i], longitudes[i]));
        }
        return List.copyOf(path);
    }

    private static RouteView.Stop stop(ResultSet rs, int row) throws SQLException {
        Double latitude = rs.getObject("latitude", Double.class);
        Double longitude = rs.getObject("longitude", Double.class);
        return new RouteView.Stop(
                rs.getInt("stop_index"),
                rs.getString("bin_id"),
                rs.getString("tag"),
                rs.getString("customer_name"),
                rs.getString("service_address"),
                rs.getString("status"),
                latitude == null || longitude == null ? null : new RouteView.Location(latitude, longitude),
                rs.getObject("fill_percent", Integer.class),
                instant(rs, "last_serviced_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

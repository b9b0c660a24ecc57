package io.haulstream.query.routes;

import io.haulstream.query.territories.TerritoryFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Routes on the map, one SELECT each: routes within a radius of a point, routes crossing a
 * longitude/latitude box, and the active bins along a route's line. Distances are great-circle
 * metres on the sphere of the WGS 84 mean radius (geography {@code ST_Distance} and
 * {@code ST_DWithin} with {@code use_spheroid} false), the one the bins' nearest-first reads report
 * too, and results are ordered by exactly the distance reported, then by id, so a client sorting by
 * the field sees the same order.
 */
@Component
class RouteMapQueries {

    /** The predicate of the partial indexes of V10 and V11 word for word, which the planner needs to use them. */
    private static final String ACTIVE = "status = 'ACTIVE' AND NOT deleted";

    private static final String POINT = "ST_SetSRID(ST_MakePoint(:longitude, :latitude), 4326)::geography";

    private static final String BOX = "ST_MakeEnvelope(:west, :south, :east, :north, 4326)";

    private static final String COLUMNS =
            "route_id, name, type, status, service_day, territory, stop_count, ST_AsBinary(geometry) as path";

    /** Served by routes_organization_active_geometry_idx; the sort is over the routes in the radius only. */
    static final String WITHIN = withinSql(null);

    /** Served by routes_organization_active_box_idx. */
    static final String CROSSING = crossingSql(null);

    /** Unfiltered, as {@link #WITHIN}; with a territory, routes_organization_territory_geometry_idx (V16) can serve it. */
    static String withinSql(String territory) {
        return "select " + COLUMNS + ", ST_Distance(geometry, " + POINT + ", false) as distance_metres"
                + " from read_model.routes where organization_id = :organizationId and " + ACTIVE
                + inTerritory(territory, "territory_id")
                + " and ST_DWithin(geometry, " + POINT + ", :radiusMetres, false)"
                + " order by distance_metres, route_id limit :limit";
    }

    static String crossingSql(String territory) {
        return "select " + COLUMNS + ", null::float8 as distance_metres"
                + " from read_model.routes where organization_id = :organizationId and " + ACTIVE
                + inTerritory(territory, "territory_id")
                + " and geometry::geometry && " + BOX + " and ST_Intersects(geometry::geometry, " + BOX + ")"
                + " order by route_id limit :limit";
    }

    /** A territory's id, {@value TerritoryFilter#NONE} for those in none, or null for no filter. */
    private static String inTerritory(String territory, String column) {
        return TerritoryFilter.sql(territory, column, ":territory");
    }

    /**
     * The route's row with the bins within the corridor joined laterally: one row per bin, or one
     * row with no bin for a route with none near it, and no row for a missing route. Each bin is
     * found through bins_organization_active_location_idx with the route's own line as the probe.
     */
    static final String ALONG = alongSql(null);

    /** The bins along the route, only those of one territory (or of none) when one is given. */
    static String alongSql(String territory) {
        return "select r.route_id, b.bin_id, b.tag, b.customer_id, b.customer_name,"
                + " b.service_address, b.waste_stream, b.latitude, b.longitude, b.fill_percent, b.last_serviced_at,"
                + " b.route_id as stop_of, b.distance_metres, b.fraction_along"
                + " from read_model.routes r left join lateral ("
                + " select bin_id, tag, customer_id, customer_name, service_address, waste_stream,"
                + " ST_Y(location::geometry) as latitude, ST_X(location::geometry) as longitude,"
                + " fill_percent, last_serviced_at, route_id, ST_Distance(location, r.geometry, false) as distance_metres,"
                + " ST_LineLocatePoint(r.geometry::geometry, location::geometry) as fraction_along"
                + " from read_model.bins where organization_id = r.organization_id and " + ACTIVE
                + inTerritory(territory, "territory_id")
                + " and ST_DWithin(location, r.geometry, :metres, false)) b on true"
                + " where r.route_id = :routeId and r.organization_id = :organizationId and not r.deleted"
                + " order by b.fraction_along, b.bin_id limit :limit";
    }

    private final NamedParameterJdbcTemplate jdbc;

    RouteMapQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param territory a territory's id, {@value TerritoryFilter#NONE}, or null for all */
    MapRoute.Routes within(
            String organizationId,
            String territory,
            double latitude,
            double longitude,
            double radiusMetres,
            int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("territory", territory)
                .addValue("latitude", latitude)
                .addValue("longitude", longitude)
                .addValue("radiusMetres", radiusMetres)
                .addValue("limit", limit);
        return new MapRoute.Routes(jdbc.query(withinSql(territory), parameters, RouteMapQueries::route));
    }

    MapRoute.Routes crossing(
            String organizationId, String territory, double west, double south, double east, double north, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("territory", territory)
                .addValue("west", west)
                .addValue("south", south)
                .addValue("east", east)
                .addValue("north", north)
                .addValue("limit", limit);
        return new MapRoute.Routes(jdbc.query(crossingSql(territory), parameters, RouteMapQueries::route));
    }

    /** @return empty for a missing or deleted route, and for another organization's */
    Optional<RouteBin.Bins> along(String organizationId, String routeId, String territory, double metres, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("territory", territory)
                .addValue("routeId", routeId)
                .addValue("metres", metres)
                .addValue("limit", limit);
        List<RouteBin> bins = new ArrayList<>();
        boolean[] found = {false};
        jdbc.query(alongSql(territory), parameters, rs -> {
            found[0] = true;
            if (rs.getString("bin_id") != null) {
                bins.add(bin(rs));
            }
        });
        return found[0] ? Optional.of(new RouteBin.Bins(routeId, List.copyOf(bins))) : Optional.empty();
    }

    private static MapRoute route(ResultSet rs, int row) throws SQLException {
        return new MapRoute(
                rs.getString("route_id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("service_day"),
                rs.getString("territory"),
                rs.getInt("stop_count"),
                Wkb.lineString(rs.getBytes("path")),
                rs.getObject("distance_metres", Double.class));
    }

    private static RouteBin bin(ResultSet rs) throws SQLException {
        Timestamp serviced = rs.getTimestamp("last_serviced_at");
        return new RouteBin(
                rs.getString("bin_id"),
                rs.getString("tag"),
                rs.getString("customer_id"),
                rs.getString("customer_name"),
                rs.getString("service_address"),
                rs.getString("waste_stream"),
                new RouteView.Location(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getObject("fill_percent", Integer.class),
                serviced == null ? null : serviced.toInstant(),
                rs.getString("stop_of"),
                rs.getDouble("distance_metres"),
                rs.getDouble("fraction_along"));
    }
}

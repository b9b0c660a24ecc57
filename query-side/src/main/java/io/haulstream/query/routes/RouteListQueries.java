package io.haulstream.query.routes;

import io.haulstream.query.api.Cursor;
import io.haulstream.query.territories.TerritoryFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An organization's routes in id order, optionally only those of one status, type or service day,
 * keyset-paged: one SELECT per page, served by routes_organization_idx. Each filter is written into
 * the statement only when asked for, so each combination has its own plan instead of one generic
 * plan with "parameter is null or" in every condition.
 */
@Component
class RouteListQueries {

    private static final String COLUMNS = "select route_id, name, type, status, service_day, territory, stop_count,"
            + " ST_AsBinary(geometry) as path, null::float8 as distance_metres from read_model.routes";

    private final NamedParameterJdbcTemplate jdbc;

    RouteListQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The filters a dispatcher combines; null is "any". */
    /** @param territory a territory's id, or {@value TerritoryFilter#NONE} for the routes that start in none */
    record Filter(String status, String type, String serviceDay, String territory) {

        Filter(String status, String type, String serviceDay) {
            this(status, type, serviceDay, null);
        }
    }

    record Page(List<MapRoute> routes, String next) {}

    static String sql(Filter filter, boolean after) {
        return COLUMNS + " where organization_id = :organizationId and not deleted"
                + (filter.status() != null ? " and status = :status" : "")
                + (filter.type() != null ? " and type = :type" : "")
                + (filter.serviceDay() != null ? " and service_day = :serviceDay" : "")
                + TerritoryFilter.sql(filter.territory(), "territory_id", ":territory")
                // As a row of both columns, which only routes_organization_idx can start at.
                + (after ? " and (organization_id, route_id) > (:organizationId, :after)" : "")
                + " order by route_id limit :limit";
    }

    Page page(String organizationId, Filter filter, String after, int size) {
        List<String> cursor = Cursor.decode(after, 1);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("status", filter.status())
                .addValue("type", filter.type())
                .addValue("serviceDay", filter.serviceDay())
                .addValue("territory", filter.territory())
                .addValue("after", cursor == null ? null : cursor.get(0))
                .addValue("limit", size + 1);
        List<MapRoute> rows = jdbc.query(sql(filter, cursor != null), parameters, RouteListQueries::route);
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        List<MapRoute> page = List.copyOf(rows.subList(0, size));
        return new Page(page, Cursor.encode(page.get(size - 1).routeId()));
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
                null);
    }
}

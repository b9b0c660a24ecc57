package io.haulstream.query.bins;

import io.haulstream.query.territories.TerritoryFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lists of bins straight from {@code read_model.bins}: one SELECT each, no join, because the row
 * already carries its customer's and organization's names. Plain SQL rather than Hibernate, so the
 * PostGIS calls and the partial indexes' predicate are written exactly as the indexes need them.
 */
@Component
class BinQueries {

    /**
     * The predicate of the partial GIST indexes on {@code location}, word for word: PostgreSQL only
     * uses a partial index when the query's WHERE clause implies the index's, and a bound parameter
     * in its place would not do.
     */
    private static final String ACTIVE = "status = 'ACTIVE' AND NOT deleted";

    private static final String POINT = "ST_SetSRID(ST_MakePoint(:longitude, :latitude), 4326)::geography";

    private static final String COLUMNS = "bin_id, organization_id, organization_name, customer_id, customer_name,"
            + " service_address, tag, container_type, waste_stream, capacity_litres, status,"
            + " ST_Y(location::geometry) as latitude, ST_X(location::geometry) as longitude,"
            + " fill_percent, fill_reported_at, last_serviced_at, service_count, route_id, territory_id, placed_at, deleted,"
            + " version, changed_by, changed_at";

    /**
     * The distance reported is the great circle's on PostGIS's sphere (the WGS 84 mean radius), which
     * is what the index's KNN operator {@code <->} measures: the index hands the bins out in exactly
     * the order reported, so one scan stops at the limit. The spheroid's distance differs by up to
     * 0.5 %; sorting by it took a second scan of the band around the limit, five times the work of
     * the nearest 10 on the full city.
     */
    private static final String DISTANCE = "location <-> " + POINT;

    private static final String NEAR_COLUMNS = "bin_id, tag, customer_id, customer_name, service_address,"
            + " container_type, waste_stream, capacity_litres,"
            + " ST_Y(location::geometry) as latitude, ST_X(location::geometry) as longitude,"
            + " fill_percent, fill_reported_at, last_serviced_at, route_id,"
            + " " + DISTANCE + " as distance_metres";

    /** {@code ST_DWithin} on the same sphere as {@link #DISTANCE} (its fourth argument), so the radius and the distance agree. */
    private static final String IN_RADIUS = " and ST_DWithin(location, " + POINT + ", :radiusMetres, false)";

    /** Bins as far as {@link #DISTANCE} as the last one of a page tied with the one after it: see {@link #nearestFirst}. */
    private static final String IN_BAND = " and ST_DWithin(location, " + POINT + ", :bandMetres, false)";

    /**
     * Bins at the same spot (a customer's paper, glass and residual waste bins) are equally far and
     * come out of the index in no set order; the page orders them by id. Rounding of the two sphere
     * formulas (the operator's and {@code ST_DWithin}'s) is far below a millimetre.
     */
    private static final double BAND_SLACK_METRES = 0.001;

    /** Parameters: organizationId, latitude, longitude, radiusMetres, limit. */
    static final String WITHIN = withinSql(null);

    /** Parameters: organizationId, latitude, longitude, limit. */
    static final String NEAREST = nearestSql(null);

    private final NamedParameterJdbcTemplate jdbc;

    BinQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads one row more than asked: whether it exists says if there is a next page, without a count.
     *
     * @param after the last bin of the previous page, or null to start from the first (or at {@code offset})
     */
    BinPage page(String organizationId, String after, long offset, int size) {
        return page(organizationId, null, after, offset, size);
    }

    /** @param territory a territory's id, {@value TerritoryFilter#NONE}, or null for all the organization's bins */
    BinPage page(String organizationId, String territory, String after, long offset, int size) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("territory", territory)
                .addValue("after", after)
                .addValue("offset", offset)
                .addValue("limit", size + 1);
        // Served by bins_organization_idx (organization_id, bin_id): the keyset form starts right at
        // the cursor, where an offset has to step over every earlier row first.
        List<BinView> rows = jdbc.query(pageSql(after != null, offset > 0, territory), parameters, BinQueries::view);
        if (rows.size() <= size) {
            return new BinPage(rows, null);
        }
        List<BinView> page = List.copyOf(rows.subList(0, size));
        return new BinPage(page, page.get(size - 1).binId());
    }

    /**
     * The current rows of the given bins in one statement, for the cache's refresh after each
     * projected batch: through Hibernate the same read cost more than the rest of that refresh, most
     * of it in building entities and decoding their points.
     */
    List<BinView> byIds(String[] binIds) {
        return jdbc.getJdbcTemplate()
                .query("select " + COLUMNS + " from read_model.bins where bin_id = any(?)", BinQueries::view, (Object)
                        binIds);
    }

    static String pageSql(boolean after, boolean offset) {
        return pageSql(after, offset, null);
    }

    static String pageSql(boolean after, boolean offset, String territory) {
        return "select " + COLUMNS + " from read_model.bins"
                + " where organization_id = :organizationId and not deleted"
                + inTerritory(territory)
                + (after ? " and bin_id > :after" : "")
                + " order by bin_id limit :limit"
                + (offset ? " offset :offset" : "");
    }

    BinsNear within(String organizationId, double latitude, double longitude, double radiusMetres, int limit) {
        return within(organizationId, null, latitude, longitude, radiusMetres, limit);
    }

    BinsNear within(
            String organizationId,
            String territory,
            double latitude,
            double longitude,
            double radiusMetres,
            int limit) {
        MapSqlParameterSource parameters = point(organizationId, latitude, longitude, limit)
                .addValue("radiusMetres", radiusMetres)
                .addValue("territory", territory);
        return nearestFirst(territory, IN_RADIUS, parameters, limit);
    }

    BinsNear nearest(String organizationId, double latitude, double longitude, int limit) {
        return nearest(organizationId, null, latitude, longitude, limit);
    }

    BinsNear nearest(String organizationId, String territory, double latitude, double longitude, int limit) {
        return nearestFirst(
                territory,
                "",
                point(organizationId, latitude, longitude, limit).addValue("territory", territory),
                limit);
    }

    /**
     * One index scan reads the {@code limit} nearest and one more, sorted by distance then id. Where
     * that one more is farther than the last of the page, no bin left unread can belong on it: the
     * answer. Where the two are tied (bins at one spot across the page's end), more bins at that
     * distance may sit beyond what was read, and the id order among them decides; a second statement
     * reads every bin up to that distance. The city of the benchmark has no two bins at one spot.
     */
    private BinsNear nearestFirst(String territory, String filter, MapSqlParameterSource parameters, int limit) {
        List<NearBin> read = jdbc.query(nearestFirstSql(territory, filter), parameters, BinQueries::near);
        if (read.size() <= limit) {
            return new BinsNear(read);
        }
        double last = read.get(limit - 1).distanceMetres();
        if (read.get(limit).distanceMetres() > last) {
            return new BinsNear(List.copyOf(read.subList(0, limit)));
        }
        parameters.addValue("bandMetres", last + BAND_SLACK_METRES);
        return new BinsNear(jdbc.query(tiedSql(territory, filter), parameters, BinQueries::near));
    }

    /** The bins within the radius, nearest first (as {@link #nearestFirst}). */
    static String withinSql(String territory) {
        return nearestFirstSql(territory, IN_RADIUS);
    }

    /** The nearest bins, nearest first (as {@link #nearestFirst}). */
    static String nearestSql(String territory) {
        return nearestFirstSql(territory, "");
    }

    /**
     * The index's KNN order, up to one bin past the limit; the outer sort only puts bins at one
     * distance in id order, over those few rows.
     */
    private static String nearestFirstSql(String territory, String filter) {
        return "select * from (" + nearSelect(territory, filter)
                + " order by " + DISTANCE + " limit :limit + 1) nearest"
                + " order by distance_metres, bin_id";
    }

    /** Every bin up to the band's distance, sorted in full: only read when bins are tied at a page's end. */
    private static String tiedSql(String territory, String filter) {
        return nearSelect(territory, filter + IN_BAND) + " order by distance_metres, bin_id limit :limit";
    }

    /** The organization's active bins, in the territory if one is named, that pass {@code filter}. */
    private static String nearSelect(String territory, String filter) {
        return "select " + NEAR_COLUMNS + " from read_model.bins"
                + " where organization_id = :organizationId and " + ACTIVE
                + inTerritory(territory)
                + filter;
    }

    /**
     * The optional territory filter: a territory's id, or {@value TerritoryFilter#NONE} for the bins in
     * none. With it, bins_organization_territory_location_idx (organization_id, territory_id, location)
     * can keep the scan inside the territory.
     */
    private static String inTerritory(String territory) {
        return TerritoryFilter.sql(territory, "territory_id", ":territory");
    }

    private static MapSqlParameterSource point(String organizationId, double latitude, double longitude, int limit) {
        return new MapSqlParameterSource()
                .addValue("organizationId", organizationId)
                .addValue("latitude", latitude)
                .addValue("longitude", longitude)
                .addValue("limit", limit);
    }

    private static BinView view(ResultSet rs, int row) throws SQLException {
        return new BinView(
                rs.getString("bin_id"),
                rs.getString("organization_id"),
                rs.getString("organization_name"),
                rs.getString("customer_id"),
                rs.getString("customer_name"),
                rs.getString("service_address"),
                rs.getString("tag"),
                rs.getString("container_type"),
                rs.getString("waste_stream"),
                rs.getInt("capacity_litres"),
                rs.getString("status"),
                new BinView.Location(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getObject("fill_percent", Integer.class),
                instant(rs, "fill_reported_at"),
                instant(rs, "last_serviced_at"),
                rs.getInt("service_count"),
                rs.getString("route_id"),
                rs.getString("territory_id"),
                instant(rs, "placed_at"),
                rs.getBoolean("deleted"),
                rs.getLong("version"),
                rs.getString("changed_by"),
                instant(rs, "changed_at"));
    }

    private static NearBin near(ResultSet rs, int row) throws SQLException {
        return new NearBin(
                rs.getString("bin_id"),
                rs.getString("tag"),
                rs.getString("customer_id"),
                rs.getString("customer_name"),
                rs.getString("service_address"),
                rs.getString("container_type"),
                rs.getString("waste_stream"),
                rs.getInt("capacity_litres"),
                new BinView.Location(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getObject("fill_percent", Integer.class),
                instant(rs, "fill_reported_at"),
                instant(rs, "last_serviced_at"),
                rs.getString("route_id"),
                rs.getDouble("distance_metres"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

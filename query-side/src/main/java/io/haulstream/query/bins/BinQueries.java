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

    private static final String NEAR_COLUMNS = "bin_id, tag, customer_id, customer_name, service_address,"
            + " container_type, waste_stream, capacity_litres,"
            + " ST_Y(location::geometry) as latitude, ST_X(location::geometry) as longitude,"
            + " fill_percent, fill_reported_at, last_serviced_at, route_id,"
            + " ST_Distance(location, " + POINT + ") as distance_metres";

    /**
     * Ordered by the distance reported, the spheroid one that {@code ST_DWithin} tests, then by id,
     * so a client sorting by {@code distanceMetres} sees this order. The index's KNN ({@code <->})
     * orders by a spherical distance, which differs by up to about 0.5 %: ordering by it showed
     * inversions of a few metres at a few kilometres.
     */
    private static final String BY_DISTANCE = " order by distance_metres, bin_id limit :limit";

    /**
     * Served by bins_organization_active_location_idx twice: its KNN up to the limit, then the band
     * that holds the limit nearest on the spheroid, sorted by that distance.
     */
    static final String WITHIN = withinSql(null);

    /**
     * The index's KNN finds the {@code limit} nearest on the sphere; the nearest on the spheroid are
     * then all within 1 % more than the farthest of those (the two distances differ by less than
     * 0.6 % anywhere), so a second index scan within that radius, sorted by the spheroid distance,
     * holds them all. Two index scans of about {@code limit} rows each, in one statement.
     */
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
        return new BinsNear(jdbc.query(withinSql(territory), parameters, BinQueries::near));
    }

    BinsNear nearest(String organizationId, double latitude, double longitude, int limit) {
        return nearest(organizationId, null, latitude, longitude, limit);
    }

    BinsNear nearest(String organizationId, String territory, double latitude, double longitude, int limit) {
        return new BinsNear(jdbc.query(
                nearestSql(territory),
                point(organizationId, latitude, longitude, limit).addValue("territory", territory),
                BinQueries::near));
    }

    /**
     * The nearest (as {@link #nearestSql}) that are also within the radius: where the radius holds
     * more bins than the limit, the index's KNN stops after {@code limit} of them instead of every
     * bin in the radius having its spheroid distance computed and sorted (a 1 km radius in a dense
     * district held thousands). The second scan's radius is the smaller of the asked one and the
     * band that holds the spheroid's nearest; when the radius holds fewer bins than the limit, the
     * first scan found them all and the band holds them too.
     */
    static String withinSql(String territory) {
        return nearestFirst(
                territory,
                " and ST_DWithin(location, " + POINT + ", :radiusMetres)",
                "least(:radiusMetres, (select max(sphere) * 1.01 + 1 from knn))");
    }

    /**
     * The index's KNN finds the {@code limit} nearest on the sphere; the nearest on the spheroid are
     * then all within 1 % more than the farthest of those (the two distances differ by less than
     * 0.6 % anywhere), so a second index scan within that radius, sorted by the spheroid distance,
     * holds them all. Two index scans of about {@code limit} rows each, in one statement; a territory
     * filter is repeated in both.
     */
    static String nearestSql(String territory) {
        return nearestFirst(territory, "", "(select max(sphere) * 1.01 + 1 from knn)");
    }

    /**
     * The two scans of {@link #nearestSql} and {@link #withinSql}: the KNN up to the limit (with
     * {@code knnFilter} beside the organization's and territory's), then the bins within {@code band}
     * metres, sorted by the distance reported.
     */
    private static String nearestFirst(String territory, String knnFilter, String band) {
        return "with knn as (select location <-> " + POINT + " as sphere from read_model.bins"
                + " where organization_id = :organizationId and " + ACTIVE
                + inTerritory(territory)
                + knnFilter
                + " order by location <-> " + POINT + " limit :limit)"
                + " select " + NEAR_COLUMNS + " from read_model.bins"
                + " where organization_id = :organizationId and " + ACTIVE
                + inTerritory(territory)
                + " and ST_DWithin(location, " + POINT + ", " + band + ")"
                + BY_DISTANCE;
    }

    /**
     * The optional territory filter: a territory's id, or {@value TerritoryFilter#NONE} for the bins in
     * none. With it, bins_organization_territory_location_idx (organization_id, territory_id, location)
     * can keep the scan inside the territory.
     */
    private static String inTerritory(String territory) {
        return TerritoryFilter.sql(territory, "territory_id", ":territory");
    }

    /** Parameters: organizationId, latitude, longitude, radiusMetres, limit. */
    static String withinSql() {
        return WITHIN;
    }

    /** Parameters: organizationId, latitude, longitude, limit. */
    static String nearestSql() {
        return NEAREST;
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

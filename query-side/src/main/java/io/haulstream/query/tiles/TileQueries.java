package io.haulstream.query.tiles;

import io.haulstream.query.cache.TileKey;
import io.haulstream.query.statistics.FillBand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes a tile in PostGIS with {@code ST_AsMVT}, in one statement. Rows are found by the
 * organization's geometry indexes on longitude/latitude (a tile's envelope transformed to WGS 84 is
 * still a longitude/latitude rectangle, so the test is exact), then projected into the tile. Bins
 * below {@link TileProperties#clusterBelowZoom()} become clusters, one per cell of a square grid,
 * each with its count, how many are 75 % full or more, and its most common fill band; deeper, each
 * bin is a feature. The bound is in {@link TileProperties}: at most {@code clusterCells²} clusters,
 * or {@code maxFeatures} bins or routes (the first by id), per tile.
 */
@Component
class TileQueries {

    private static final String ENVELOPE = "with envelope as (select st_tileenvelope(?, ?, ?) as tile,"
            + " st_transform(st_tileenvelope(?, ?, ?, margin => ?), 4326) as lonlat)";

    private static final String BINS = ENVELOPE
            + " select st_asmvt(f, 'bins', " + TileProperties.EXTENT + ", 'geom') from ("
            + " select b.bin_id as \"binId\", b.tag, b.status, b.waste_stream as stream, "
            + FillBand.sql("b.fill_percent") + " as \"fillBand\", b.fill_percent as \"fillPercent\","
            + " to_char(b.last_serviced_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as \"lastServiced\","
            + " st_asmvtgeom(st_transform(b.location::geometry, 3857), e.tile, " + TileProperties.EXTENT
            + ", 0, false) as geom"
            + " from read_model.bins b, envelope e"
            + " where b.organization_id = ? and not b.deleted and st_intersects(b.location::geometry, e.lonlat)"
            + " order by b.bin_id limit ?) f";

    private static final String CLUSTERS = ENVELOPE
            + " select st_asmvt(f, 'bins', " + TileProperties.EXTENT + ", 'geom') from ("
            + " select c.count, c.full, c.\"fillBand\","
            + " st_asmvtgeom(st_setsrid(st_makepoint(c.x, c.y), 3857), e.tile, " + TileProperties.EXTENT
            + ", 0, false) as geom from envelope e, ("
            + " select count(*) as count, count(*) filter (where band = '75-100') as full,"
            + " mode() within group (order by band) as \"fillBand\", avg(st_x(p)) as x, avg(st_y(p)) as y"
            + " from (select p, band,"
            + " floor((st_x(p) - st_xmin(e.tile)) / (st_xmax(e.tile) - st_xmin(e.tile)) * ?) as cx,"
            + " floor((st_y(p) - st_ymin(e.tile)) / (st_ymax(e.tile) - st_ymin(e.tile)) * ?) as cy"
            + " from (select st_transform(b.location::geometry, 3857) as p, " + FillBand.sql("b.fill_percent")
            + " as band from read_model.bins b, envelope e"
            + " where b.organization_id = ? and not b.deleted and st_intersects(b.location::geometry, e.lonlat)) q,"
            + " envelope e) cells group by cx, cy) c) f";

    private static final String ROUTES = ENVELOPE
            + " select st_asmvt(f, 'routes', " + TileProperties.EXTENT + ", 'geom') from ("
            + " select * from (select r.route_id as \"routeId\", r.name, r.status, r.stop_count as stops,"
            + " coalesce(p.serviced, 0) as serviced, coalesce(p.missed, 0) as missed,"
            + " coalesce(p.exceptions, 0) as exceptions,"
            + " st_asmvtgeom(st_transform(r.geometry::geometry, 3857), e.tile, " + TileProperties.EXTENT + ", "
            + (int) (TileProperties.EXTENT * TileProperties.ROUTE_MARGIN) + ", true) as geom"
            + " from read_model.routes r cross join envelope e"
            + " left join read_model.daily_route_performance p on p.route_id = r.route_id and p.day = ?"
            + " where r.organization_id = ? and not r.deleted and r.geometry::geometry && e.lonlat"
            + " order by r.route_id limit ?) drawn where geom is not null) f";

    private final JdbcTemplate jdbc;
    private final TileProperties limits;

    TileQueries(JdbcTemplate jdbc, TileProperties limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    byte[] tile(TileKey key) {
        int z = key.z(), x = key.x(), y = key.y();
        byte[] tile =
                switch (key.layer()) {
                    case BINS ->
                        key.z() < limits.clusterBelowZoom()
                                ? jdbc.queryForObject(
                                        CLUSTERS,
                                        byte[].class,
                                        z,
                                        x,
                                        y,
                                        z,
                                        x,
                                        y,
                                        0.0,
                                        limits.clusterCells(),
                                        limits.clusterCells(),
                                        key.organizationId())
                                : jdbc.queryForObject(
                                        BINS,
                                        byte[].class,
                                        z,
                                        x,
                                        y,
                                        z,
                                        x,
                                        y,
                                        0.0,
                                        key.organizationId(),
                                        limits.maxFeatures());
                    case ROUTES ->
                        jdbc.queryForObject(
                                ROUTES,
                                byte[].class,
                                z,
                                x,
                                y,
                                z,
                                x,
                                y,
                                TileProperties.ROUTE_MARGIN,
                                java.sql.Date.valueOf(key.day()),
                                key.organizationId(),
                                limits.maxFeatures());
                };
        return tile == null ? new byte[0] : tile;
    }
}

package io.haulstream.query.territories;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An organization's active territories in one SELECT, each with its bin and route counts taken by
 * key from the territory counters (never counted at read time).
 */
@Component
class TerritoryQueries {

    private static final String TERRITORIES = "select t.territory_id, t.organization_id, t.name, t.created_at,"
            + " t.version,"
            + " array(select ST_Y(p.geom) from ST_DumpPoints(t.boundary) p order by p.path) as latitudes,"
            + " array(select ST_X(p.geom) from ST_DumpPoints(t.boundary) p order by p.path) as longitudes,"
            + " coalesce((select s.count from read_model.bin_statistics s where s.scope = t.organization_id"
            + " and s.dimension = 'territory' and s.value = t.territory_id), 0) as bins,"
            + " coalesce((select s.count from read_model.route_statistics s where s.scope = t.organization_id"
            + " and s.dimension = 'territory' and s.value = t.territory_id), 0) as routes"
            + " from read_model.territories t where t.organization_id = ? and not t.retired";

    private final JdbcTemplate jdbc;

    TerritoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The organization's active territories, by name. */
    List<TerritoryView> territories(String organizationId) {
        return jdbc.query(TERRITORIES + " order by t.name, t.territory_id", TerritoryQueries::view, organizationId);
    }

    /** @return empty for a missing or retired territory, and for another organization's */
    List<TerritoryView> territory(String organizationId, String territoryId) {
        return jdbc.query(TERRITORIES + " and t.territory_id = ?", TerritoryQueries::view, organizationId, territoryId);
    }

    private static TerritoryView view(ResultSet rs, int row) throws SQLException {
        return new TerritoryView(
                rs.getString("territory_id"),
                rs.getString("organization_id"),
                rs.getString("name"),
                ring(rs.getArray("latitudes"), rs.getArray("longitudes")),
                rs.getLong("bins"),
                rs.getLong("routes"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }

    private static List<TerritoryView.Location> ring(Array latitudeArray, Array longitudeArray) throws SQLException {
        Double[] latitudes = (Double[]) latitudeArray.getArray();
        Double[] longitudes = (Double[]) longitudeArray.getArray();
        List<TerritoryView.Location> ring = new ArrayList<>(latitudes.length);
        for (int i = 0; i < latitudes.length; i++) {
            ring.add(new TerritoryView.Location(latitudes[i], longitudes[i]));
        }
        return List.copyOf(ring);
    }
}

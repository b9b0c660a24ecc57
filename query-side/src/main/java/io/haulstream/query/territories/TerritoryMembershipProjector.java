package io.haulstream.query.territories;

import io.haulstream.events.HaulstreamEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code territory_id} of {@code read_model.bins} and {@code read_model.routes}: the earliest
 * created active territory of the same organization whose boundary covers the bin's location, or
 * the route's first point (where its trucks start, so a route crossing several territories belongs
 * to the one it leaves from); NULL in none and once removed or deleted.
 *
 * <p>A territory's events and a bin's or route's are on different partitions and arrive in any
 * order, in one batch or in two. So nothing is carried from event to event: it runs after the
 * territories, routes and bins projectors, and computes every value in SQL from those tables as
 * the batch left them, for every bin and route the batch may have changed: the bins and routes
 * with events of their own, and for each territory created, reshaped or retired, those it held and
 * those under its new boundary. Whichever event came first, the second one's batch computes the
 * same value. Batches of one organization on two instances run one after the other (the batch holds
 * its organizations' locks), so neither computes from a snapshot that misses the other's writes.
 */
@Component
@Order(45)
class TerritoryMembershipProjector implements Projector {

    /**
     * The territory of each bin named by the array, or NULL. Planar (geometry) covering, as the
     * command side's JTS checked the polygon: edges are straight in longitude and latitude.
     */
    static final String BIN_TERRITORY = "case when c.deleted then null else (select t.territory_id"
            + " from read_model.territories t where t.organization_id = c.organization_id and not t.retired"
            + " and ST_Covers(t.boundary, c.location::geometry) order by t.created_at, t.territory_id limit 1) end";

    static final String ROUTE_TERRITORY = "case when c.deleted then null else (select t.territory_id"
            + " from read_model.territories t where t.organization_id = c.organization_id and not t.retired"
            + " and ST_Covers(t.boundary, ST_StartPoint(c.geometry::geometry))"
            + " order by t.created_at, t.territory_id limit 1) end";

    /**
     * The bins a territory held, and the bins of its organization near its boundary. The bins'
     * index is on geography, where a box's edges are great circles that bow towards the pole
     * between their corners; the planar boundary is widened by a tenth of its size (and a
     * hundredth of a millidegree) before the index compares boxes, far more than that bow for any
     * territory short of tens of degrees across. Candidates only: {@link #BIN_TERRITORY} decides.
     */
    private static final String BINS_OF_TERRITORIES = "select b.bin_id from read_model.territories t"
            + " join read_model.bins b on b.organization_id = t.organization_id and b.territory_id = t.territory_id"
            + " and not b.deleted where t.territory_id = any(?)"
            + " union select b.bin_id from read_model.territories t"
            + " join read_model.bins b on b.organization_id = t.organization_id and not b.deleted"
            + " and b.location && ST_Expand(t.boundary, 0.00001 + 0.1 * greatest("
            + "ST_XMax(t.boundary) - ST_XMin(t.boundary), ST_YMax(t.boundary) - ST_YMin(t.boundary)))::geography"
            + " where t.territory_id = any(?) and not t.retired";

    private static final String ROUTES_OF_TERRITORIES = "select r.route_id from read_model.territories t"
            + " join read_model.routes r on r.organization_id = t.organization_id and not r.deleted"
            + " where t.territory_id = any(?)"
            + " and (r.territory_id = t.territory_id"
            + " or (not t.retired and ST_Covers(t.boundary, ST_StartPoint(r.geometry::geometry))))";

    private final JdbcTemplate jdbc;

    TerritoryMembershipProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return TerritoryMembership.EVENTS;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        TerritoryMembership.Touched touched = TerritoryMembership.Touched.by(events);
        Set<String> bins = new TreeSet<>(touched.bins());
        Set<String> routes = new TreeSet<>(touched.routes());
        if (!touched.territories().isEmpty()) {
            String[] territories = touched.territories().toArray(String[]::new);
            bins.addAll(jdbc.queryForList(BINS_OF_TERRITORIES, String.class, territories, territories));
            routes.addAll(jdbc.queryForList(ROUTES_OF_TERRITORIES, String.class, (Object) territories));
        }
        if (!bins.isEmpty()) {
            String[] ids = bins.toArray(String[]::new);
            changes.binsChanged(jdbc.queryForList(
                    "update read_model.bins b set territory_id = m.territory_id, version = b.version + 1,"
                            + " updated_at = now()"
                            + " from (select c.bin_id, " + BIN_TERRITORY + " as territory_id"
                            + " from read_model.bins c where c.bin_id = any(?)) m"
                            + " where b.bin_id = any(?) and b.bin_id = m.bin_id"
                            + " and b.territory_id is distinct from m.territory_id returning b.bin_id",
                    String.class,
                    ids,
                    ids));
        }
        if (!routes.isEmpty()) {
            String[] ids = routes.toArray(String[]::new);
            changes.routesChanged(jdbc.queryForList(
                    "update read_model.routes r set territory_id = m.territory_id, version = r.version + 1,"
                            + " updated_at = now()"
                            + " from (select c.route_id, " + ROUTE_TERRITORY + " as territory_id"
                            + " from read_model.routes c where c.route_id = any(?)) m"
                            + " where r.route_id = any(?) and r.route_id = m.route_id"
                            + " and r.territory_id is distinct from m.territory_id returning r.route_id",
                    String.class,
                    ids,
                    ids));
        }
    }
}

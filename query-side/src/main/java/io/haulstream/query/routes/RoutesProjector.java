package io.haulstream.query.routes;

import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.routes} and {@code read_model.route_stops}. The stop order follows the
 * Route aggregate's list exactly: an assignment inserts at its index and pushes the later stops one
 * down, an unassignment closes the gap. All of a route's events share its partition, so they arrive
 * in order; the stops are kept even while their bins are not projected yet, which is what lets
 * {@code BinsProjector} give a bin placed later its route. Routes are not cached: nothing to report
 * in {@link Changes}.
 */
@Component
class RoutesProjector implements Projector {

    private static final String TOUCH = ", version = version + 1, updated_at = now()";

    /**
     * The path as two arrays in driving order, rather than WKT built by hand: no number formatting
     * (Java writes small values as {@code 1.0E-5}) and no string of 10,000 points to assemble.
     */
    private static final String PATH = "(select ST_SetSRID(ST_MakeLine(ST_MakePoint(p.longitude, p.latitude)"
            + " order by p.n), 4326)::geography"
            + " from unnest(?::float8[], ?::float8[]) with ordinality as p(longitude, latitude, n))";

    private final JdbcTemplate jdbc;

    RoutesProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        HaulstreamEvent event = projected.event();
        if (event instanceof RouteCreated created) {
            create(created);
        } else if (event instanceof RouteGeometryChanged changed) {
            jdbc.update(
                    "update read_model.routes set geometry = " + PATH + TOUCH + " where route_id = ?",
                    longitudes(changed.path()),
                    latitudes(changed.path()),
                    changed.routeId());
        } else if (event instanceof RouteStatusChanged changed) {
            jdbc.update(
                    "update read_model.routes set status = ?" + TOUCH + " where route_id = ?",
                    changed.to().name(),
                    changed.routeId());
        } else if (event instanceof BinAssignedToRoute assigned) {
            assign(assigned);
        } else if (event instanceof BinUnassignedFromRoute unassigned) {
            unassign(unassigned);
        } else if (event instanceof RouteDeleted deleted) {
            jdbc.update("delete from read_model.route_stops where route_id = ?", deleted.routeId());
            jdbc.update(
                    "update read_model.routes set deleted = true, stop_count = 0" + TOUCH + " where route_id = ?",
                    deleted.routeId());
        }
    }

    private void create(RouteCreated created) {
        // The aggregate starts every route PLANNED; the event does not repeat it.
        jdbc.update(
                "insert into read_model.routes (route_id, organization_id, name, type, status, service_day,"
                        + " territory, geometry, stop_count, created_at, deleted, version, updated_at)"
                        + " values (?, ?, ?, ?, 'PLANNED', ?, ?, " + PATH + ", 0, ?, false, 1, now())",
                created.routeId(),
                created.organizationId(),
                created.name(),
                created.type().name(),
                created.serviceDay().name(),
                created.territory(),
                longitudes(created.path()),
                latitudes(created.path()),
                Timestamp.from(created.createdAt()));
    }

    /**
     * Shift first, then insert: the unique order constraint is checked at the end of each statement,
     * so the shift itself may pass through duplicates, and the insert lands in the gap it left.
     */
    private void assign(BinAssignedToRoute assigned) {
        jdbc.update(
                "update read_model.route_stops set stop_index = stop_index + 1 where route_id = ? and stop_index >= ?",
                assigned.routeId(),
                assigned.stopIndex());
        jdbc.update(
                "insert into read_model.route_stops (route_id, bin_id, stop_index, organization_id, assigned_at)"
                        + " values (?, ?, ?, ?, ?)",
                assigned.routeId(),
                assigned.binId(),
                assigned.stopIndex(),
                assigned.organizationId(),
                Timestamp.from(assigned.assignedAt()));
        jdbc.update(
                "update read_model.routes set stop_count = stop_count + 1" + TOUCH + " where route_id = ?",
                assigned.routeId());
    }

    private void unassign(BinUnassignedFromRoute unassigned) {
        List<Integer> removed = jdbc.queryForList(
                "delete from read_model.route_stops where route_id = ? and bin_id = ? returning stop_index",
                Integer.class,
                unassigned.routeId(),
                unassigned.binId());
        if (removed.isEmpty()) {
            return;
        }
        jdbc.update(
                "update read_model.route_stops set stop_index = stop_index - 1 where route_id = ? and stop_index > ?",
                unassigned.routeId(),
                removed.get(0));
        jdbc.update(
                "update read_model.routes set stop_count = stop_count - 1" + TOUCH + " where route_id = ?",
                unassigned.routeId());
    }

    private static double[] longitudes(List<GeoPoint> path) {
        return path.stream().mapToDouble(GeoPoint::longitude).toArray();
    }

    private static double[] latitudes(List<GeoPoint> path) {
        return path.stream().mapToDouble(GeoPoint::latitude).toArray();
    }
}

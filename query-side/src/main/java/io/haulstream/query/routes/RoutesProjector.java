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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.routes} and {@code read_model.route_stops}. The stop order follows the
 * Route aggregate's list exactly: the batch's stop lists are loaded once, assignments inserted at
 * their index and unassignments removed in memory in event order, and only the stops that moved,
 * arrived or left are written. All of a route's events share its partition, so they arrive in
 * order; the stops are kept even while their bins are not projected yet, which is what lets
 * {@code BinsProjector} give a bin placed later its route. Runs before it for that reason. Every
 * route it writes is reported in {@link Changes}, as its cached detail is then stale.
 */
@Component
@Order(30)
class RoutesProjector implements Projector {

    private final JdbcTemplate jdbc;

    RoutesProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(
                RouteCreated.class,
                RouteGeometryChanged.class,
                RouteStatusChanged.class,
                BinAssignedToRoute.class,
                BinUnassignedFromRoute.class,
                RouteDeleted.class);
    }

    private record Stop(String binId, String organizationId, Instant assignedAt) {}

    /** What the batch did to one route; {@code null} is "unchanged". */
    private static final class Change {
        RouteCreated created;
        List<GeoPoint> path;
        String status;
        boolean deleted;
        List<Stop> stops;
        boolean touchesStops;
        int versions;
        /** Who made the batch's newest change to the route, and when it was stored. */
        String changedBy;

        Instant changedAt;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, Change> byRoute = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            Change touched = byRoute.computeIfAbsent(projected.aggregateId(), id -> new Change());
            touched.versions++;
            touched.changedBy = projected.actorSubject();
            touched.changedAt = projected.occurredAt();
            touched.touchesStops |= projected.event() instanceof BinAssignedToRoute
                    || projected.event() instanceof BinUnassignedFromRoute
                    || projected.event() instanceof RouteDeleted;
            if (projected.event() instanceof RouteCreated created) {
                Change change = byRoute.get(created.routeId());
                change.created = created;
                change.path = created.path();
                change.stops = new ArrayList<>();
            }
        }
        Map<String, List<Stop>> stored = storedStops(byRoute);
        for (ProjectedEvent projected : events) {
            Change change = byRoute.get(projected.aggregateId());
            HaulstreamEvent event = projected.event();
            if (event instanceof RouteGeometryChanged changed) {
                change.path = changed.path();
            } else if (event instanceof RouteStatusChanged changed) {
                change.status = changed.to().name();
            } else if (event instanceof BinAssignedToRoute assigned) {
                List<Stop> stops = stops(change, stored, assigned.routeId());
                stops.removeIf(stop -> stop.binId().equals(assigned.binId()));
                stops.add(
                        Math.min(assigned.stopIndex(), stops.size()),
                        new Stop(assigned.binId(), assigned.organizationId(), assigned.assignedAt()));
            } else if (event instanceof BinUnassignedFromRoute unassigned) {
                stops(change, stored, unassigned.routeId())
                        .removeIf(stop -> stop.binId().equals(unassigned.binId()));
            } else if (event instanceof RouteDeleted) {
                change.deleted = true;
                change.stops = new ArrayList<>();
            }
        }
        writeStops(byRoute, stored);
        writeRoutes(byRoute);
        changes.routesChanged(byRoute.keySet());
    }

    private static List<Stop> stops(Change change, Map<String, List<Stop>> stored, String routeId) {
        if (change.stops == null) {
            change.stops = new ArrayList<>(stored.getOrDefault(routeId, List.of()));
        }
        return change.stops;
    }

    /** The stop lists, in order, of the routes whose stops the batch changes and that existed before it. */
    private Map<String, List<Stop>> storedStops(Map<String, Change> byRoute) {
        String[] routes = byRoute.entrySet().stream()
                .filter(entry -> entry.getValue().created == null && entry.getValue().touchesStops)
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        Map<String, List<Stop>> stops = new HashMap<>();
        if (routes.length > 0) {
            jdbc.query(
                    "select route_id, bin_id, organization_id, assigned_at from read_model.route_stops"
                            + " where route_id = any(?) order by route_id, stop_index",
                    rs -> {
                        stops.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                                .add(new Stop(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getTimestamp(4).toInstant()));
                    },
                    (Object) routes);
        }
        return stops;
    }

    /**
     * Deletes the stops that left and upserts the ones whose index changed or that arrived. The order
     * constraint is deferred to the commit, because a stop may take an index another still holds
     * until its own row is written in the same statement.
     */
    private void writeStops(Map<String, Change> byRoute, Map<String, List<Stop>> stored) {
        List<String> leftRoutes = new ArrayList<>();
        List<String> leftBins = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        List<Stop> stops = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        byRoute.forEach((routeId, change) -> {
            if (change.stops == null) {
                return;
            }
            Map<String, Integer> before = new HashMap<>();
            List<Stop> old = stored.getOrDefault(routeId, List.of());
            for (int i = 0; i < old.size(); i++) {
                before.put(old.get(i).binId(), i);
            }
            for (int i = 0; i < change.stops.size(); i++) {
                Stop stop = change.stops.get(i);
                Integer was = before.remove(stop.binId());
                if (was == null || was != i) {
                    routes.add(routeId);
                    stops.add(stop);
                    indexes.add(i);
                }
            }
            before.keySet().forEach(binId -> {
                leftRoutes.add(routeId);
                leftBins.add(binId);
            });
        });
        if (!leftRoutes.isEmpty()) {
            jdbc.update(
                    "delete from read_model.route_stops s using unnest(?::text[], ?::text[]) as l(route_id, bin_id)"
                            + " where s.route_id = any(?) and s.route_id = l.route_id and s.bin_id = l.bin_id",
                    leftRoutes.toArray(String[]::new),
                    leftBins.toArray(String[]::new),
                    leftRoutes.stream().distinct().toArray(String[]::new));
        }
        if (!routes.isEmpty()) {
            jdbc.execute("set constraints read_model.route_stops_order_key deferred");
            jdbc.update(
                    "insert into read_model.route_stops (route_id, bin_id, stop_index, organization_id, assigned_at)"
                            + " select * from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::timestamptz[])"
                            + " on conflict (route_id, bin_id) do update set stop_index = excluded.stop_index",
                    routes.toArray(String[]::new),
                    stops.stream().map(Stop::binId).toArray(String[]::new),
                    indexes.toArray(Integer[]::new),
                    stops.stream().map(Stop::organizationId).toArray(String[]::new),
                    stops.stream().map(stop -> stop.assignedAt().toString()).toArray(String[]::new));
        }
    }

    private void writeRoutes(Map<String, Change> byRoute) {
        List<Map.Entry<String, Change>> created = byRoute.entrySet().stream()
                .filter(entry -> entry.getValue().created != null)
                .toList();
        List<Map.Entry<String, Change>> changed = byRoute.entrySet().stream()
                .filter(entry -> entry.getValue().created == null)
                .toList();
        if (!created.isEmpty()) {
            // The aggregate starts every route PLANNED; the event does not repeat it.
            jdbc.update(
                    "insert into read_model.routes (route_id, organization_id, name, type, status, service_day,"
                            + " territory, geometry, stop_count, created_at, deleted, version, updated_at, changed_by,"
                            + " changed_at)"
                            + " select r.id, r.organization_id, r.name, r.type, coalesce(r.status, 'PLANNED'), r.day,"
                            + " r.territory, ST_GeomFromEWKB(decode(r.path, 'hex'))::geography, r.stops, r.created_at,"
                            + " r.deleted, r.versions, now(), r.changed_by, r.changed_at"
                            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::text[], ?::int[], ?::timestamptz[], ?::boolean[], ?::bigint[], ?::text[],"
                            + " ?::timestamptz[]) as r(id, organization_id, name, type, status, day, territory, path,"
                            + " stops, created_at, deleted, versions, changed_by, changed_at)",
                    created.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.organizationId())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.name())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.type().name())
                            .toArray(String[]::new),
                    created.stream().map(entry -> entry.getValue().status).toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.serviceDay().name())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.territory())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> lineString(entry.getValue().path))
                            .toArray(String[]::new),
                    created.stream().map(entry -> entry.getValue().stops.size()).toArray(Integer[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.createdAt().toString())
                            .toArray(String[]::new),
                    created.stream().map(entry -> entry.getValue().deleted).toArray(Boolean[]::new),
                    created.stream()
                            .map(entry -> (long) entry.getValue().versions)
                            .toArray(Long[]::new),
                    created.stream().map(entry -> entry.getValue().changedBy).toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().changedAt.toString())
                            .toArray(String[]::new));
        }
        if (!changed.isEmpty()) {
            jdbc.update(
                    "update read_model.routes u set"
                            + " geometry = coalesce(ST_GeomFromEWKB(decode(c.path, 'hex'))::geography, u.geometry),"
                            + " status = coalesce(c.status, u.status), deleted = u.deleted or c.deleted,"
                            + " stop_count = coalesce(c.stops, u.stop_count), version = u.version + c.versions,"
                            + " updated_at = now(), changed_by = c.changed_by, changed_at = c.changed_at"
                            + " from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::int[], ?::bigint[],"
                            + " ?::text[], ?::timestamptz[]) as c(id, path, status, deleted, stops, versions,"
                            + " changed_by, changed_at)"
                            + " where u.route_id = any(?) and u.route_id = c.id",
                    changed.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    changed.stream()
                            .map(entry -> entry.getValue().path == null ? null : lineString(entry.getValue().path))
                            .toArray(String[]::new),
                    changed.stream().map(entry -> entry.getValue().status).toArray(String[]::new),
                    changed.stream().map(entry -> entry.getValue().deleted).toArray(Boolean[]::new),
                    changed.stream()
                            .map(entry -> entry.getValue().stops == null
                                    ? null
                                    : entry.getValue().stops.size())
                            .toArray(Integer[]::new),
                    changed.stream()
                            .map(entry -> (long) entry.getValue().versions)
                            .toArray(Long[]::new),
                    changed.stream().map(entry -> entry.getValue().changedBy).toArray(String[]::new),
                    changed.stream()
                            .map(entry -> entry.getValue().changedAt.toString())
                            .toArray(String[]::new),
                    changed.stream().map(Map.Entry::getKey).toArray(String[]::new));
        }
    }

    /**
     * The path as extended WKB (little-endian LineString with SRID 4326) in hex: exact doubles with
     * no number formatting (Java writes small values as {@code 1.0E-5}), one text value per route.
     */
    static String lineString(List<GeoPoint> path) {
        ByteBuffer wkb = ByteBuffer.allocate(1 + 4 + 4 + 4 + 16 * path.size()).order(ByteOrder.LITTLE_ENDIAN);
        wkb.put((byte) 1).putInt(0x20000002).putInt(4326).putInt(path.size());
        path.forEach(point -> wkb.putDouble(point.longitude()).putDouble(point.latitude()));
        return HexFormat.of().formatHex(wkb.array());
    }
}

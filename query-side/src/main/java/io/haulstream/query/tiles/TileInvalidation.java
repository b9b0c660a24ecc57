package io.haulstream.query.tiles;

import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.query.cache.TileArea;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tiles' step of the projection: names every cached tile that the batch's bins and routes were
 * in or come into. It runs before every projector, so the bins and routes tables still hold where
 * they stood before the batch (one statement each); every place the batch's own events put them
 * (placed, moved, a new path) is added to that. Each such place is named as an area, which the
 * cache turns into its tiles at every served zoom after commit ({@link TileCache}), so a moved bin's
 * old and new tiles are both dropped. Routes also change when their
 * stops are serviced (today's progress): a service drops its route's tiles of that service's day.
 */
@Component
@Order(1)
class TileInvalidation implements Projector {

    /** A bin's or route's organization and where it is: a point is a box of no size. */
    record Place(String organizationId, double west, double south, double east, double north) {

        static Place of(String organizationId, List<GeoPoint> path) {
            double west = 180, south = 90, east = -180, north = -90;
            for (GeoPoint point : path) {
                west = Math.min(west, point.longitude());
                east = Math.max(east, point.longitude());
                south = Math.min(south, point.latitude());
                north = Math.max(north, point.latitude());
            }
            return new Place(organizationId, west, south, east, north);
        }

        /** A path without points is nowhere: it shows on no tile. */
        boolean isNowhere() {
            return west > east || south > north;
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    TileInvalidation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(
                BinPlaced.class,
                BinMoved.class,
                BinStatusChanged.class,
                BinFillLevelReported.class,
                BinServiced.class,
                BinRemoved.class,
                RouteCreated.class,
                RouteGeometryChanged.class,
                RouteStatusChanged.class,
                BinAssignedToRoute.class,
                BinUnassignedFromRoute.class,
                RouteDeleted.class);
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Set<String> bins = new HashSet<>();
        List<Place> binPlaces = new ArrayList<>();
        Map<String, Set<LocalDate>> routeDays = new HashMap<>();
        for (ProjectedEvent projected : events) {
            HaulstreamEvent event = projected.event();
            if (event instanceof BinPlaced placed) {
                binPlaces.add(Place.of(placed.organizationId(), List.of(placed.location())));
            } else if (event instanceof BinMoved moved) {
                bins.add(moved.binId());
                binPlaces.add(Place.of(moved.organizationId(), List.of(moved.location())));
            } else if (event instanceof BinServiced serviced) {
                bins.add(serviced.binId());
                if (serviced.routeId() != null) {
                    routeDays
                            .computeIfAbsent(serviced.routeId(), id -> new HashSet<>())
                            .add(serviced.servicedAt().atOffset(ZoneOffset.UTC).toLocalDate());
                }
            } else if (event instanceof BinStatusChanged changed) {
                bins.add(changed.binId());
            } else if (event instanceof BinFillLevelReported reported) {
                bins.add(reported.binId());
            } else if (event instanceof BinRemoved removed) {
                bins.add(removed.binId());
            } else if (event instanceof RouteCreated created) {
                everyShownDay(routeDays, created.routeId());
            } else if (event instanceof RouteGeometryChanged changed) {
                everyShownDay(routeDays, changed.routeId());
            } else if (event instanceof RouteStatusChanged changed) {
                everyShownDay(routeDays, changed.routeId());
            } else if (event instanceof BinAssignedToRoute assigned) {
                everyShownDay(routeDays, assigned.routeId());
            } else if (event instanceof BinUnassignedFromRoute unassigned) {
                everyShownDay(routeDays, unassigned.routeId());
            } else if (event instanceof RouteDeleted deleted) {
                everyShownDay(routeDays, deleted.routeId());
            }
        }
        binPlaces.addAll(binsBefore(bins));
        Set<TileArea> areas = new HashSet<>();
        for (Place place : binPlaces) {
            areas.add(TileArea.bins(place.organizationId(), place.west(), place.south(), place.east(), place.north()));
        }
        Map<String, Place> routesBefore = routesBefore(routeDays.keySet());
        for (Map.Entry<String, Set<LocalDate>> route : routeDays.entrySet()) {
            List<Place> places = new ArrayList<>();
            if (routesBefore.containsKey(route.getKey())) {
                places.add(routesBefore.get(route.getKey()));
            }
            for (ProjectedEvent projected : events) {
                if (projected.event() instanceof RouteCreated created
                        && created.routeId().equals(route.getKey())) {
                    places.add(Place.of(created.organizationId(), created.path()));
                } else if (projected.event() instanceof RouteGeometryChanged changed
                        && changed.routeId().equals(route.getKey())) {
                    places.add(Place.of(changed.organizationId(), changed.path()));
                }
            }
            for (Place place : places) {
                if (place.isNowhere()) {
                    continue;
                }
                for (LocalDate day : route.getValue()) {
                    areas.add(TileArea.routes(
                            place.organizationId(), place.west(), place.south(), place.east(), place.north(), day));
                }
            }
        }
        changes.tileAreasChanged(areas);
    }

    /**
     * A route's status, stops or path show on its tiles of any day the board may ask for while this
     * batch is passed on, and instances' clocks and midnight do not wait for each other: yesterday,
     * today and tomorrow (UTC).
     */
    private void everyShownDay(Map<String, Set<LocalDate>> routeDays, String routeId) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        routeDays
                .computeIfAbsent(routeId, id -> new HashSet<>())
                .addAll(List.of(today.minusDays(1), today, today.plusDays(1)));
    }

    private List<Place> binsBefore(Set<String> bins) {
        if (bins.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select organization_id, st_x(location::geometry) as x, st_y(location::geometry) as y"
                        + " from read_model.bins where bin_id = any(?)",
                (rs, row) ->
                        new Place(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(2), rs.getDouble(3)),
                (Object) bins.toArray(String[]::new));
    }

    private Map<String, Place> routesBefore(Set<String> routes) {
        Map<String, Place> places = new HashMap<>();
        if (routes.isEmpty()) {
            return places;
        }
        jdbc.query(
                "select route_id, organization_id, st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)"
                        + " from (select route_id, organization_id, box2d(geometry::geometry) as box"
                        + " from read_model.routes where route_id = any(?)) r",
                rs -> {
                    places.put(
                            rs.getString(1),
                            new Place(
                                    rs.getString(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5),
                                    rs.getDouble(6)));
                },
                (Object) routes.toArray(String[]::new));
        return places;
    }
}

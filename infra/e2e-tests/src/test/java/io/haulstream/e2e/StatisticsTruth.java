package io.haulstream.e2e;

import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Bins, routes and services of the test's organizations as the event store's events say they are,
 * folded in store order with {@link StatisticsRules} alone, and the figures the read model must
 * hold for them. A territory's cover is JTS's planar one, apart from PostGIS.
 */
final class StatisticsTruth {

    private static final GeometryFactory PLANAR = new GeometryFactory();

    private final List<String> organizations;
    private final Map<String, String[]> bins = new HashMap<>();
    private final Map<String, String[]> routes = new HashMap<>();
    private final Map<String, Map<String, Long>> daily = new HashMap<>();
    private final Map<String, RouteDay> routeDays = new TreeMap<>();
    private final Map<String, double[]> binPlaces = new HashMap<>();
    private final Map<String, double[]> routeStarts = new HashMap<>();
    private final Map<String, Territory> territories = new HashMap<>();

    /** An active territory: its organization, when it was created, and its area. */
    private record Territory(String id, String organizationId, Instant createdAt, Polygon area)
            implements StatisticsRules.Candidate {

        @Override
        public boolean covers(double longitude, double latitude) {
            return area.covers(PLANAR.createPoint(new Coordinate(longitude, latitude)));
        }
    }

    /** One route's services of one day. */
    private static final class RouteDay {
        final String organizationId;
        final Map<StatisticsRules.Tally, Long> tallies = new TreeMap<>();
        double weightKg;
        Instant first;
        Instant last;

        RouteDay(String organizationId) {
            this.organizationId = organizationId;
        }

        String figures() {
            return routePerformanceFigures(
                    tallies.getOrDefault(StatisticsRules.Tally.SERVICED, 0L),
                    tallies.getOrDefault(StatisticsRules.Tally.MISSED, 0L),
                    tallies.getOrDefault(StatisticsRules.Tally.EXCEPTIONS, 0L),
                    weightKg,
                    first,
                    last);
        }
    }

    StatisticsTruth(List<String> organizations) {
        this.organizations = organizations;
    }

    void apply(HaulstreamEvent event) {
        if (event instanceof BinPlaced placed) {
            binPlaces.put(placed.binId(), place(placed.location()));
            bins.put(placed.binId(), new String[] {
                placed.organizationId(),
                StatisticsRules.PLACED_BIN_STATUS,
                placed.wasteStream().name(),
                placed.containerType().name(),
                StatisticsRules.UNREPORTED_FILL_BAND
            });
        } else if (event instanceof BinStatusChanged changed) {
            bins.get(changed.binId())[1] = changed.to().name();
        } else if (event instanceof BinFillLevelReported reported) {
            bins.get(reported.binId())[4] = StatisticsRules.fillBand(reported.fillPercent());
        } else if (event instanceof BinServiced serviced) {
            service(serviced);
        } else if (event instanceof BinRemoved removed) {
            bins.remove(removed.binId());
        } else if (event instanceof BinMoved moved) {
            binPlaces.put(moved.binId(), place(moved.location()));
        } else if (event instanceof RouteGeometryChanged changed) {
            routeStarts.put(changed.routeId(), place(changed.path().get(0)));
        } else if (event instanceof TerritoryCreated created) {
            territories.put(
                    created.territoryId(),
                    new Territory(
                            created.territoryId(),
                            created.organizationId(),
                            created.createdAt(),
                            area(created.boundary())));
        } else if (event instanceof TerritoryReshaped reshaped) {
            Territory was = territories.get(reshaped.territoryId());
            territories.put(
                    reshaped.territoryId(),
                    new Territory(was.id(), was.organizationId(), was.createdAt(), area(reshaped.boundary())));
        } else if (event instanceof TerritoryRetired retired) {
            territories.remove(retired.territoryId());
        } else if (event instanceof RouteCreated created) {
            routeStarts.put(created.routeId(), place(created.path().get(0)));
            routes.put(created.routeId(), new String[] {
                created.organizationId(),
                StatisticsRules.CREATED_ROUTE_STATUS,
                created.type().name(),
                created.serviceDay().name()
            });
        } else if (event instanceof RouteStatusChanged changed) {
            routes.get(changed.routeId())[1] = changed.to().name();
        } else if (event instanceof RouteDeleted deleted) {
            routes.remove(deleted.routeId());
        }
    }

    private void service(BinServiced serviced) {
        StatisticsRules.Tally tally = StatisticsRules.Tally.of(serviced.outcome());
        String day = StatisticsRules.dayOf(serviced.servicedAt()).toString();
        daily.computeIfAbsent(serviced.organizationId(), key -> new TreeMap<>())
                .merge(day + "/" + tally.column(), 1L, Long::sum);
        String[] bin = bins.get(serviced.binId());
        bin[4] = StatisticsRules.fillBandAfter(serviced.outcome(), bin[4]);
        if (serviced.routeId() == null) {
            return;
        }
        RouteDay routeDay = routeDays.computeIfAbsent(
                serviced.routeId() + "/" + day, key -> new RouteDay(serviced.organizationId()));
        routeDay.tallies.merge(tally, 1L, Long::sum);
        routeDay.weightKg += StatisticsRules.weightOf(serviced.weightKg());
        Instant at = StatisticsRules.stored(serviced.servicedAt());
        routeDay.first = routeDay.first == null || at.isBefore(routeDay.first) ? at : routeDay.first;
        routeDay.last = routeDay.last == null || at.isAfter(routeDay.last) ? at : routeDay.last;
    }

    /** Every count of the test's organizations, by organization and table. */
    Map<String, Object> expected() {
        Map<String, Object> all = new TreeMap<>();
        for (String organization : organizations) {
            Map<String, Long> binCounts = new TreeMap<>();
            bins.entrySet().stream()
                    .filter(b -> b.getValue()[0].equals(organization))
                    .forEach(entry -> {
                        String[] b = entry.getValue();
                        binCounts.merge(
                                "territory=" + territoryOf(organization, binPlaces.get(entry.getKey())), 1L, Long::sum);
                        binCounts.merge("status=" + b[1], 1L, Long::sum);
                        binCounts.merge("waste_stream=" + b[2], 1L, Long::sum);
                        binCounts.merge("container_type=" + b[3], 1L, Long::sum);
                        binCounts.merge("fill_band=" + b[4], 1L, Long::sum);
                    });
            Map<String, Long> routeCounts = new TreeMap<>();
            routes.entrySet().stream()
                    .filter(r -> r.getValue()[0].equals(organization))
                    .forEach(entry -> {
                        String[] r = entry.getValue();
                        routeCounts.merge(
                                "territory=" + territoryOf(organization, routeStarts.get(entry.getKey())),
                                1L,
                                Long::sum);
                        routeCounts.merge("status=" + r[1], 1L, Long::sum);
                        routeCounts.merge("type=" + r[2], 1L, Long::sum);
                        routeCounts.merge("service_day=" + r[3], 1L, Long::sum);
                    });
            all.put(organization + "/bin", binCounts);
            all.put(organization + "/route", routeCounts);
            all.put(organization + "/daily", new TreeMap<>(daily.getOrDefault(organization, Map.of())));
        }
        return all;
    }

    /**
     * Each route's day as {@code daily_route_performance} must hold it, keyed "route/day". Its
     * scheduled stops are left out: they are the stops the projection knew at the day's first
     * service, an arrival order across partitions that the event store does not record.
     */
    Map<String, String> routePerformance() {
        Map<String, String> expected = new TreeMap<>();
        routeDays.forEach((key, day) -> {
            if (organizations.contains(day.organizationId)) {
                expected.put(key, day.figures());
            }
        });
        return expected;
    }

    /** Each live bin of the organizations, keyed by its id, shaped by {@link #binRow}. */
    Map<String, String> binRows() {
        Map<String, String> rows = new TreeMap<>();
        bins.forEach((id, b) -> {
            if (organizations.contains(b[0])) {
                rows.put(id, binRow(b[0], b[1], b[2], b[3]));
            }
        });
        return rows;
    }

    static String binRow(String organization, String status, String wasteStream, String containerType) {
        return organization + " status=" + status + " stream=" + wasteStream + " type=" + containerType;
    }

    static String routePerformanceFigures(
            long serviced, long missed, long exceptions, double weightKg, Instant first, Instant last) {
        return String.format(
                Locale.ROOT,
                "serviced=%d missed=%d exceptions=%d weight=%.3f first=%s last=%s",
                serviced,
                missed,
                exceptions,
                weightKg,
                first,
                last);
    }

    long binsInTerritories() {
        return bins.entrySet().stream()
                .filter(entry -> !territoryOf(entry.getValue()[0], binPlaces.get(entry.getKey()))
                        .equals(StatisticsRules.NO_TERRITORY))
                .count();
    }

    private String territoryOf(String organization, double[] place) {
        return StatisticsRules.territoryOf(
                territories.values().stream()
                        .filter(t -> t.organizationId().equals(organization))
                        .toList(),
                place[0],
                place[1]);
    }

    private static double[] place(GeoPoint point) {
        return new double[] {point.longitude(), point.latitude()};
    }

    private static Polygon area(List<GeoPoint> ring) {
        return PLANAR.createPolygon(ring.stream()
                .map(p -> new Coordinate(p.longitude(), p.latitude()))
                .toArray(Coordinate[]::new));
    }
}

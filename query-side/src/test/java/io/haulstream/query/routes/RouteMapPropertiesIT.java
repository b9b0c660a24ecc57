package io.haulstream.query.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.Geodesy;
import io.haulstream.query.RankedTruth;
import io.haulstream.query.ReadModelRows;
import io.haulstream.query.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Routes on the map against a brute-force truth on random cities anywhere on the globe, computed
 * here in Java: the distance to a line as the great-circle distance (on the WGS 84 mean sphere) to the
 * nearest point of each great-circle segment, boxes and the fraction along a line in plain longitude/latitude. The same
 * routes or bins in the same order; planned, suspended and deleted routes, inactive and removed
 * bins and another organization's are mixed in and must never come back.
 */
class RouteMapPropertiesIT {

    /**
     * The nearest point of a segment is found on the sphere here and in PostGIS alike; PostGIS
     * locates that point by its own arithmetic, which landed a few millimetres from this code's at
     * most (5.3 mm seen on 16.5 m, when both measured on the spheroid), so distances agree to 5 cm
     * and ties closer than that may go either way.
     */
    private static final double TOLERANCE_METRES = 0.05;

    private final TestDatabase database = TestDatabase.get();
    private final RouteMapQueries queries = new RouteMapQueries(database.named());

    record Line(List<Geodesy.Point> path, int kind) {}

    record Spot(Geodesy.Point location, int kind) {}

    record City(List<Line> routes, List<Spot> bins, Geodesy.Point asked) {}

    @Property(tries = 50)
    void withinReturnsTheActiveRoutesInTheRadiusNearestFirst(
            @ForAll("cities") City city,
            @ForAll @DoubleRange(min = 50, max = 6000) double radius,
            @ForAll @IntRange(min = 1, max = 40) int limit) {
        withCity(city, (organizationId, ids) -> {
            Map<String, Double> truth = new HashMap<>();
            ids.routes().forEach((id, line) -> {
                if (line.kind() <= 5) {
                    truth.put(id, Geodesy.metresToLine(city.asked(), line.path()));
                }
            });
            MapRoute.Routes routes = queries.within(
                    organizationId, null, city.asked().latitude(), city.asked().longitude(), radius, limit);
            RankedTruth.check(
                    routes.routes().stream()
                            .map(route -> new RankedTruth.Row(route.routeId(), route.distanceMetres()))
                            .toList(),
                    truth,
                    radius,
                    limit,
                    RouteMapPropertiesIT::lineTolerance);
        });
    }

    @Property(tries = 50)
    void crossingReturnsTheActiveRoutesThatMeetTheBoxInIdOrder(
            @ForAll("cities") City city,
            @ForAll @DoubleRange(min = 0.001, max = 0.06) @Scale(4) double width,
            @ForAll @DoubleRange(min = 0.001, max = 0.06) @Scale(4) double height) {
        withCity(city, (organizationId, ids) -> {
            double west = city.asked().longitude() - width / 2, east = west + width;
            double south = city.asked().latitude() - height / 2, north = south + height;
            List<String> expected = ids.routes().entrySet().stream()
                    .filter(entry -> entry.getValue().kind() <= 5)
                    .filter(entry -> Geodesy.crosses(entry.getValue().path(), west, south, east, north))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            MapRoute.Routes routes = queries.crossing(organizationId, null, west, south, east, north, 2000);
            assertThat(routes.routes()).extracting(MapRoute::routeId).containsExactlyElementsOf(expected);
        });
    }

    @Property(tries = 50)
    void alongReturnsTheActiveBinsNearTheLineInOrderAlongIt(
            @ForAll("cities") City city, @ForAll @DoubleRange(min = 20, max = 1000) double corridor) {
        withCity(city, (organizationId, ids) -> {
            for (Map.Entry<String, Line> route : ids.routes().entrySet()) {
                List<Geodesy.Point> path = route.getValue().path();
                Map<String, Double> metres = new HashMap<>();
                ids.bins().forEach((id, spot) -> {
                    if (spot.kind() <= 5) {
                        metres.put(id, Geodesy.metresToLine(spot.location(), path));
                    }
                });
                var found = queries.along(organizationId, route.getKey(), null, corridor, 2000);
                if (route.getValue().kind() == 8) {
                    assertThat(found).as("a deleted route").isEmpty();
                    continue;
                }
                List<RouteBin> bins = found.orElseThrow().bins();
                for (RouteBin bin : bins) {
                    assertThat(metres).containsKey(bin.binId());
                    assertThat(bin.distanceMetres())
                            .isCloseTo(
                                    metres.get(bin.binId()),
                                    org.assertj.core.data.Offset.offset(lineTolerance(metres.get(bin.binId()))));
                    assertThat(metres.get(bin.binId())).isLessThanOrEqualTo(corridor + lineTolerance(corridor));
                    assertThat(Geodesy.fractionsAlong(
                                    ids.bins().get(bin.binId()).location(), path))
                            .as("the places along the line nearest to bin %s", bin.binId())
                            .anySatisfy(truth -> assertThat(bin.fractionAlong())
                                    .isCloseTo(truth, org.assertj.core.data.Offset.offset(1e-9)));
                }
                List<String> returned = bins.stream().map(RouteBin::binId).toList();
                metres.forEach((id, distance) -> {
                    if (distance < corridor - lineTolerance(corridor)) {
                        assertThat(returned)
                                .as("bin %s at %.3f m", id, distance)
                                .contains(id);
                    }
                });
                // In order along the line, ties by id: the fractions reported, each checked above
                // against the truth, compared with a hair's tolerance.
                for (int i = 0; i + 1 < bins.size(); i++) {
                    double here = bins.get(i).fractionAlong();
                    double next = bins.get(i + 1).fractionAlong();
                    assertThat(here).isLessThanOrEqualTo(next + 1e-9);
                    if (Math.abs(here - next) < 1e-12) {
                        assertThat(bins.get(i).binId())
                                .isLessThan(bins.get(i + 1).binId());
                    }
                }
            }
        });
    }

    /**
     * A point's distance to a line, as PostGIS reports it, strays from the truth: when the API still
     * measured on the spheroid, the same bin and line came out a few centimetres apart from one run
     * to the next when one line was measured row after row (16.526, 16.571 and 16.587 m for a truth
     * of 16.521 m: PostGIS then measures against a tree it caches for the line), and near the equator
     * one read 0.64 % long (seed 853600992626291910). So route distances are held to 1 %, and orders
     * and cut-offs to that blur; on the sphere it may well be tighter, which no run has measured yet.
     */
    private static double lineTolerance(double metres) {
        return Math.max(TOLERANCE_METRES, 0.01 * metres);
    }

    record Ids(Map<String, Line> routes, Map<String, Spot> bins) {}

    interface Check {
        void run(String organizationId, Ids ids);
    }

    /**
     * kinds of routes: 0-5 active, 6 planned, 7 suspended, 8 deleted, 9 another organization's;
     * of bins: 0-5 active, 6 inactive, 7 removed, 8-9 another organization's.
     */
    private void withCity(City city, Check check) {
        String organizationId = "prop-" + UUID.randomUUID();
        String otherOrganizationId = "prop-" + UUID.randomUUID();
        Map<String, Line> routeIds = new HashMap<>();
        List<ReadModelRows.Route> routes = new ArrayList<>();
        int n = 0;
        for (Line line : city.routes()) {
            String id = String.format("%s-r%03d", organizationId, n++);
            String status = line.kind() == 6 ? "PLANNED" : line.kind() == 7 ? "SUSPENDED" : "ACTIVE";
            String owner = line.kind() == 9 ? otherOrganizationId : organizationId;
            routes.add(new ReadModelRows.Route(id, owner, line.path(), status, line.kind() == 8));
            if (line.kind() != 9) {
                routeIds.put(id, line);
            }
        }
        Map<String, Spot> binIds = new HashMap<>();
        List<ReadModelRows.Bin> bins = new ArrayList<>();
        for (Spot spot : city.bins()) {
            String id = String.format("%s-b%03d", organizationId, n++);
            String owner = spot.kind() >= 8 ? otherOrganizationId : organizationId;
            bins.add(new ReadModelRows.Bin(
                    id, owner, spot.location(), spot.kind() == 6 ? "INACTIVE" : "ACTIVE", spot.kind() == 7));
            binIds.put(id, spot);
        }
        var jdbc = database.jdbc();
        try {
            ReadModelRows.routes(jdbc, routes);
            ReadModelRows.bins(jdbc, bins);
            check.run(organizationId, new Ids(routeIds, binIds));
        } finally {
            ReadModelRows.deleteOrganization(jdbc, organizationId);
            ReadModelRows.deleteOrganization(jdbc, otherOrganizationId);
        }
    }

    /** Street-like routes of 2 to 8 points (at least two apart) and bins, all within about 5 km of a centre anywhere between 70°S and 70°N. */
    @Provide
    Arbitrary<City> cities() {
        Arbitrary<Geodesy.Point> centres = Combinators.combine(
                        Arbitraries.doubles().between(-170, 170).ofScale(4),
                        Arbitraries.doubles().between(-70, 70).ofScale(4))
                .as(Geodesy.Point::new);
        return centres.flatMap(centre -> {
            Arbitrary<Geodesy.Point> near = Combinators.combine(
                            Arbitraries.doubles().between(-0.04, 0.04).ofScale(6),
                            Arbitraries.doubles().between(-0.04, 0.04).ofScale(6))
                    .as((dx, dy) -> new Geodesy.Point(centre.longitude() + dx, centre.latitude() + dy));
            // The command side refuses a route whose points are all the same (Locations); on such a
            // line every fraction names the same place, and PostGIS says 1 where this truth says 0.
            Arbitrary<Line> lines = Combinators.combine(
                            near.list()
                                    .ofMinSize(2)
                                    .ofMaxSize(8)
                                    .filter(path -> path.stream().distinct().count() >= 2),
                            Arbitraries.integers().between(0, 9))
                    .as(Line::new);
            Arbitrary<Spot> spots = Combinators.combine(
                            near, Arbitraries.integers().between(0, 9))
                    .as(Spot::new);
            return Combinators.combine(lines.list().ofMaxSize(12), spots.list().ofMaxSize(40), near)
                    .as(City::new);
        });
    }

    static Comparator<String> byId() {
        return Comparator.naturalOrder();
    }
}

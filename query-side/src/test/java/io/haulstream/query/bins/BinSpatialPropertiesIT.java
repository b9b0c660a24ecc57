package io.haulstream.query.bins;

import io.haulstream.query.Geodesy;
import io.haulstream.query.RankedTruth;
import io.haulstream.query.ReadModelRows;
import io.haulstream.query.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Radius and nearest-bin queries against a brute-force truth on random cities anywhere on the globe
 * (the great circle on the WGS 84 mean sphere, here in Java): the same bins in the same order, with the
 * distance reported being the one the order follows. Other organizations' bins, inactive and
 * removed ones are mixed in; none may come back.
 */
class BinSpatialPropertiesIT {

    /** PostGIS's sphere and this one agree far better than this; ties closer than it may go either way. */
    private static final double TOLERANCE_METRES = 0.001;

    private final TestDatabase database = TestDatabase.get();
    private final BinQueries queries = new BinQueries(database.named());

    record Placed(Geodesy.Point location, int kind) {}

    record City(Geodesy.Point centre, List<Placed> bins, Geodesy.Point asked) {}

    @Property(tries = 60)
    void withinReturnsTheActiveBinsInTheRadiusNearestFirst(
            @ForAll("cities") City city,
            @ForAll @DoubleRange(min = 50, max = 8000) double radius,
            @ForAll @IntRange(min = 1, max = 80) int limit) {
        withCity(city, (organizationId, truth) -> {
            BinsNear near = queries.within(
                    organizationId, city.asked().latitude(), city.asked().longitude(), radius, limit);
            RankedTruth.check(rows(near), truth, radius, limit, TOLERANCE_METRES);
        });
    }

    @Property(tries = 60)
    void nearestReturnsTheNearestActiveBinsInOrder(
            @ForAll("cities") City city, @ForAll @IntRange(min = 1, max = 30) int limit) {
        withCity(city, (organizationId, truth) -> {
            BinsNear near = queries.nearest(
                    organizationId, city.asked().latitude(), city.asked().longitude(), limit);
            RankedTruth.check(rows(near), truth, Double.POSITIVE_INFINITY, limit, TOLERANCE_METRES);
            org.assertj.core.api.Assertions.assertThat(near.bins()).hasSize(Math.min(limit, truth.size()));
        });
    }

    /**
     * Five bins at one spot (a customer's containers) straddle the end of a page of four: which two
     * of them make the page is the id order's choice, not the index's. They are written highest id
     * first, so the index would hand out the wrong two if nothing put them in order.
     */
    @Example
    void binsAtOneSpotAcrossTheEndOfAPageAreTakenInIdOrder() {
        String organizationId = "prop-" + UUID.randomUUID();
        Geodesy.Point asked = new Geodesy.Point(13.4, 52.5);
        Geodesy.Point spot = new Geodesy.Point(13.4, 52.501);
        List<ReadModelRows.Bin> rows = new ArrayList<>();
        for (int n = 5; n >= 1; n--) {
            rows.add(new ReadModelRows.Bin(organizationId + "-spot-" + n, organizationId, spot, "ACTIVE", false));
        }
        rows.add(new ReadModelRows.Bin(
                organizationId + "-near-1", organizationId, new Geodesy.Point(13.4, 52.5002), "ACTIVE", false));
        rows.add(new ReadModelRows.Bin(
                organizationId + "-near-2", organizationId, new Geodesy.Point(13.4, 52.5005), "ACTIVE", false));
        rows.add(new ReadModelRows.Bin(
                organizationId + "-far", organizationId, new Geodesy.Point(13.4, 52.503), "ACTIVE", false));
        List<String> expected = List.of(
                organizationId + "-near-1",
                organizationId + "-near-2",
                organizationId + "-spot-1",
                organizationId + "-spot-2");
        var jdbc = database.jdbc();
        try {
            ReadModelRows.bins(jdbc, rows);
            BinsNear nearest = queries.nearest(organizationId, asked.latitude(), asked.longitude(), 4);
            BinsNear within = queries.within(organizationId, asked.latitude(), asked.longitude(), 150, 4);
            org.assertj.core.api.Assertions.assertThat(nearest.bins())
                    .extracting(NearBin::binId)
                    .containsExactlyElementsOf(expected);
            org.assertj.core.api.Assertions.assertThat(within.bins())
                    .extracting(NearBin::binId)
                    .containsExactlyElementsOf(expected);
            org.assertj.core.api.Assertions.assertThat(nearest.bins().get(3).distanceMetres())
                    .isCloseTo(
                            Geodesy.sphereMetres(asked, spot), org.assertj.core.data.Offset.offset(TOLERANCE_METRES));
        } finally {
            ReadModelRows.deleteOrganization(jdbc, organizationId);
        }
    }

    interface Check {
        void run(String organizationId, Map<String, Double> truth);
    }

    /** Writes the city's bins, checks, and removes them again, whatever the outcome. */
    private void withCity(City city, Check check) {
        String organizationId = "prop-" + UUID.randomUUID();
        String otherOrganizationId = "prop-" + UUID.randomUUID();
        List<ReadModelRows.Bin> rows = new ArrayList<>();
        Map<String, Double> truth = new HashMap<>();
        int n = 0;
        for (Placed placed : city.bins()) {
            String binId = String.format("%s-%03d", organizationId, n++);
            // kind: 0-5 active, 6 inactive, 7 removed, 8-9 another organization's
            String owner = placed.kind() >= 8 ? otherOrganizationId : organizationId;
            String status = placed.kind() == 6 ? "INACTIVE" : "ACTIVE";
            boolean deleted = placed.kind() == 7;
            rows.add(new ReadModelRows.Bin(binId, owner, placed.location(), status, deleted));
            if (placed.kind() <= 5) {
                truth.put(binId, Geodesy.sphereMetres(city.asked(), placed.location()));
            }
        }
        var jdbc = database.jdbc();
        try {
            ReadModelRows.bins(jdbc, rows);
            check.run(organizationId, truth);
        } finally {
            ReadModelRows.deleteOrganization(jdbc, organizationId);
            ReadModelRows.deleteOrganization(jdbc, otherOrganizationId);
        }
    }

    private static List<RankedTruth.Row> rows(BinsNear near) {
        return near.bins().stream()
                .map(bin -> new RankedTruth.Row(bin.binId(), bin.distanceMetres()))
                .toList();
    }

    /**
     * A centre anywhere between 70°S and 70°N, up to 60 bins within about 5 km of it (some on the
     * very same spot, to make ties), and a point asked about near the centre.
     */
    @Provide
    Arbitrary<City> cities() {
        Arbitrary<Geodesy.Point> centres = Combinators.combine(
                        Arbitraries.doubles().between(-170, 170).ofScale(4),
                        Arbitraries.doubles().between(-70, 70).ofScale(4))
                .as(Geodesy.Point::new);
        return centres.flatMap(centre -> {
            Arbitrary<Geodesy.Point> near = Combinators.combine(
                            Arbitraries.doubles().between(-0.05, 0.05).ofScale(6),
                            Arbitraries.doubles().between(-0.05, 0.05).ofScale(6))
                    .as((dx, dy) -> new Geodesy.Point(centre.longitude() + dx, centre.latitude() + dy));
            Arbitrary<Placed> placed = Combinators.combine(
                            near, Arbitraries.integers().between(0, 9))
                    .as(Placed::new);
            return Combinators.combine(placed.list().ofMaxSize(60), near).as((bins, asked) -> {
                List<Placed> withTwins = new ArrayList<>(bins);
                if (bins.size() > 2) {
                    withTwins.add(new Placed(bins.get(0).location(), 0));
                }
                return new City(centre, withTwins, asked);
            });
        });
    }
}

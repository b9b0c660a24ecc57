package io.haulstream.query.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.ScaleCity;
import io.haulstream.query.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routes' reads on a realistic city ({@link ScaleCity}): each statement's generic plan reads the
 * index meant for it and no big table in full, and a route's detail, the bins along it and a page of
 * routes cost the same number of statements at 1, 50 and 500 rows.
 */
class RouteReadsAtScaleIT {

    private static final TestDatabase database = TestDatabase.get();
    private final RouteQueries detail = new RouteQueries(database.jdbc());
    private final RouteMapQueries map = new RouteMapQueries(database.named());
    private final RouteListQueries list = new RouteListQueries(database.named());

    @BeforeAll
    static void city() {
        ScaleCity.load(database.jdbc());
    }

    @Test
    void withinReadsThePartialGeometryIndex() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                RouteMapQueries.WITHIN,
                Map.of(
                        "organizationId", "'scale-org-00'",
                        "latitude", "52.5",
                        "longitude", "13.4",
                        "radiusMetres", "1000",
                        "limit", "500"));
        assertThat(ScaleCity.indexes(plan)).containsExactly("routes_organization_active_geometry_idx");
    }

    @Test
    void crossingReadsThePartialBoxIndex() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                RouteMapQueries.CROSSING,
                Map.of(
                        "organizationId", "'scale-org-00'",
                        "west", "13.38",
                        "south", "52.49",
                        "east", "13.42",
                        "north", "52.51",
                        "limit", "500"));
        assertThat(ScaleCity.indexes(plan)).containsExactly("routes_organization_active_box_idx");
    }

    @Test
    void alongProbesTheBinsLocationIndexWithTheRoutesLine() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                RouteMapQueries.ALONG,
                Map.of(
                        "organizationId", "'scale-org-00'",
                        "routeId", "'scale-r-0001'",
                        "metres", "100",
                        "limit", "500"));
        assertThat(ScaleCity.indexes(plan)).contains("bins_organization_active_location_idx");
        assertThat(ScaleCity.indexes(plan)).anyMatch(index -> index.startsWith("routes_"));
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
    }

    @Test
    void detailReadsTheRouteItsStopsAndTheirBinsByKey() {
        var plan = ScaleCity.genericPlan(database.jdbc(), RouteQueries.ROUTE.replace("?", ":p"), Map.of("p", "'x'"));
        // Both ? became one parameter here; the plan's shape is what matters: keys, no full scans.
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
        assertThat(ScaleCity.indexes(plan)).contains("bins_pkey");
        assertThat(ScaleCity.indexes(plan)).anyMatch(index -> index.startsWith("route_stops_"));
    }

    @Test
    void aFilteredPageWalksTheOrganizationsRoutesInOrder() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                RouteListQueries.sql(new RouteListQueries.Filter("ACTIVE", "COMMERCIAL", null), true),
                Map.of(
                        "organizationId", "'scale-org-00'",
                        "status", "'ACTIVE'",
                        "type", "'COMMERCIAL'",
                        "after", "'scale-r-0100'",
                        "limit", "101"));
        assertThat(ScaleCity.indexes(plan)).containsExactly("routes_organization_idx");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aRouteWithItsStopsIsOneStatementWhateverTheirNumber(int stops) {
        long before = database.statements();
        RouteView route =
                detail.route("scale-org-00", "scale-route-stops-" + stops).orElseThrow();
        assertThat(route.stops()).hasSize(stops);
        assertThat(route.stops().get(stops - 1).tag()).isNotNull();
        assertThat(route.path()).hasSize(3);
        assertThat(database.statements() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void binsAlongARouteAreOneStatementWhateverTheirNumber(int limit) {
        long before = database.statements();
        RouteBin.Bins bins = map.along("scale-org-00", "scale-route-stops-1", null, 1000, limit)
                .orElseThrow();
        assertThat(bins.bins()).hasSize(limit);
        assertThat(database.statements() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aPageOfRoutesIsOneStatementWhateverItsSize(int size) {
        long before = database.statements();
        RouteListQueries.Page page =
                list.page("scale-org-00", new RouteListQueries.Filter(null, null, null), null, size);
        assertThat(page.routes()).hasSize(size);
        assertThat(page.next()).isNotNull();
        assertThat(database.statements() - before).isEqualTo(1);
    }
}

package io.haulstream.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.ScaleCity;
import io.haulstream.query.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Service history on a realistic city ({@link ScaleCity}): a later page starts at its cursor in the
 * (bin or route, time) index, and a page is one statement at 1, 50 and 500 services.
 */
class ServiceHistoryAtScaleIT {

    private static final TestDatabase database = TestDatabase.get();
    private final ServiceHistoryQueries queries = new ServiceHistoryQueries(database.named());

    @BeforeAll
    static void city() {
        ScaleCity.load(database.jdbc());
    }

    @Test
    void aBinsLaterPageStartsAtItsCursorInTheBinIndex() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                ServiceHistoryQueries.BIN_AFTER,
                Map.of(
                        "binId", "'scale-b-000000'",
                        "organizationId", "'scale-org-00'",
                        "afterTime", "'2026-01-01T10:00:00Z'",
                        "afterSequence", "500",
                        "limit", "101"));
        assertThat(ScaleCity.indexes(plan)).contains("service_history_bin_time_idx");
        assertThat(plan.findValues("Index Cond").toString()).contains("serviced_at");
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
    }

    @Test
    void aRoutesLaterPageStartsAtItsCursorInTheRouteIndex() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                ServiceHistoryQueries.ROUTE_AFTER,
                Map.of(
                        "routeId", "'scale-r-0000'",
                        "organizationId", "'scale-org-00'",
                        "afterTime", "'2026-06-01T10:00:00Z'",
                        "afterBin", "'scale-b-005000'",
                        "afterSequence", "5000",
                        "limit", "101"));
        assertThat(ScaleCity.indexes(plan)).contains("service_history_route_time_idx");
        assertThat(plan.findValues("Index Cond").toString()).contains("serviced_at");
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aPageIsOneStatementWhateverItsSize(int size) {
        long before = database.statements();
        ServiceHistoryPage first = queries.ofBin("scale-org-00", ScaleCity.BIN_HOT, null, size);
        ServiceHistoryPage second = queries.ofBin("scale-org-00", ScaleCity.BIN_HOT, first.next(), size);
        ServiceHistoryPage route = queries.ofRoute("scale-org-00", ScaleCity.ROUTE_BUSY, null, size);
        ServiceHistoryPage routeNext = queries.ofRoute("scale-org-00", ScaleCity.ROUTE_BUSY, route.next(), size);
        assertThat(first.services()).hasSize(size);
        assertThat(second.services()).hasSize(size);
        assertThat(route.services()).hasSize(size);
        assertThat(routeNext.services()).hasSize(size);
        assertThat(route.services().get(0).tag()).isNotNull();
        assertThat(database.statements() - before).isEqualTo(4);
    }
}

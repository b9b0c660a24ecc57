package io.haulstream.query.bins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.haulstream.query.ScaleCity;
import io.haulstream.query.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bins' reads on a realistic city ({@link ScaleCity}): each statement's generic plan reads the
 * index meant for it and no big table in full, and a page costs the same number of statements at
 * 1, 50 and 500 rows.
 */
class BinReadsAtScaleIT {

    private static final TestDatabase database = TestDatabase.get();
    private final BinQueries queries = new BinQueries(database.named());

    private static final Map<String, String> NEAR = Map.of(
            "organizationId", "'scale-org-00'",
            "latitude", "52.5",
            "longitude", "13.4",
            "radiusMetres", "1000",
            "limit", "10");

    @BeforeAll
    static void city() {
        ScaleCity.load(database.jdbc());
    }

    /** Once, nearest-first in the index's own KNN order, so the scan stops one past the limit. */
    @Test
    void radiusReadsTheOrganizationsActiveLocationIndexOnceNearestFirst() {
        var plan = ScaleCity.genericPlan(database.jdbc(), BinQueries.WITHIN, NEAR);
        assertThat(ScaleCity.indexes(plan)).containsExactly("bins_organization_active_location_idx");
        assertThat(plan.findValues("Order By")).extracting(JsonNode::asText).anySatisfy(order -> assertThat(order)
                .contains("<->"));
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
    }

    @Test
    void nearestReadsTheOrganizationsActiveLocationIndexOnceNearestFirst() {
        var plan = ScaleCity.genericPlan(database.jdbc(), BinQueries.NEAREST, NEAR);
        assertThat(ScaleCity.indexes(plan)).containsExactly("bins_organization_active_location_idx");
        assertThat(plan.findValues("Order By")).extracting(JsonNode::asText).anySatisfy(order -> assertThat(order)
                .contains("<->"));
        assertThat(ScaleCity.sequentialScans(plan)).isEmpty();
    }

    @Test
    void keysetPageStartsAtItsCursorInTheOrganizationIndex() {
        var plan = ScaleCity.genericPlan(
                database.jdbc(),
                BinQueries.pageSql(true, false),
                Map.of("organizationId", "'scale-org-00'", "after", "'scale-b-005000'", "limit", "101"));
        assertThat(ScaleCity.indexes(plan)).containsExactly("bins_organization_idx");
        assertThat(plan.toString()).contains("bin_id > $2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aPageIsOneStatementWhateverItsSize(int size) {
        long before = database.statements();
        BinPage page = queries.page("scale-org-00", "scale-b-001000", 0, size);
        assertThat(page.bins()).hasSize(size);
        assertThat(database.statements() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void radiusAndNearestAreOneStatementEach(int limit) {
        long before = database.statements();
        BinsNear within = queries.within("scale-org-00", 52.5, 13.4, 5000, limit);
        BinsNear nearest = queries.nearest("scale-org-00", 52.5, 13.4, Math.min(limit, 100));
        assertThat(within.bins()).hasSize(limit);
        assertThat(nearest.bins()).hasSize(Math.min(limit, 100));
        assertThat(database.statements() - before).isEqualTo(2);
    }
}

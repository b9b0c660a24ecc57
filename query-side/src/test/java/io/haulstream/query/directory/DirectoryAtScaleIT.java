package io.haulstream.query.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.ScaleCity;
import io.haulstream.query.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The directory on a realistic city ({@link ScaleCity}): a page of customers with all their bins and
 * each bin's latest service is two statements at 1, 50 and 500 customers, read through the indexes
 * meant for it.
 */
class DirectoryAtScaleIT {

    private static final TestDatabase database = TestDatabase.get();
    private final DirectoryQueries queries = new DirectoryQueries(database.named());

    @BeforeAll
    static void city() {
        ScaleCity.load(database.jdbc());
    }

    @Test
    void customersAndTheirBinsAreReadByIndex() {
        var customers = ScaleCity.genericPlan(
                database.jdbc(),
                DirectoryQueries.CUSTOMERS_AFTER,
                Map.of("organizationId", "'scale-org-00'", "after", "'scale-c-00100'", "limit", "101"));
        var bins = ScaleCity.genericPlan(
                database.jdbc(),
                DirectoryQueries.BINS,
                Map.of("organizationId", "'scale-org-00'", "customers", "array['scale-c-00001', 'scale-c-00002']"));
        assertThat(ScaleCity.indexes(customers)).containsExactly("customers_organization_idx");
        assertThat(ScaleCity.indexes(bins)).contains("bins_customer_idx", "service_history_bin_time_idx");
        assertThat(ScaleCity.sequentialScans(bins)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aPageOfCustomersIsTwoStatementsWhateverItsSize(int size) {
        long before = database.statements();
        Directory.Customers page = queries.customers("scale-org-00", null, size);
        assertThat(page.customers()).hasSize(size);
        assertThat(page.customers().get(0).bins()).hasSizeGreaterThan(500);
        assertThat(page.customers().get(0).bins()).anyMatch(bin -> bin.latestService() != null);
        assertThat(database.statements() - before).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 500})
    void aPageOfOrganizationsIsOneStatement(int size) {
        long before = database.statements();
        Directory.Organizations page = queries.organizations(null, size);
        assertThat(page.organizations()).hasSizeGreaterThanOrEqualTo(Math.min(size, 50));
        assertThat(database.statements() - before).isEqualTo(1);
    }
}

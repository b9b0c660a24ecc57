package io.haulstream.query.bins;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.Geodesy;
import io.haulstream.query.ReadModelRows;
import io.haulstream.query.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bin given a route, or moved to another, is rewritten on its page without touching any of bins'
 * indexes (a HOT update), which PostgreSQL does only while no index covers {@code route_id}: with
 * bins_route_idx, every assignment of the city's bins wrote into all of bins' indexes, three of them
 * GIST, at three times the cost (V46).
 */
class RouteAssignmentHotIT {

    @Test
    void assigningAndChangingABinsRouteAreHotUpdates() {
        JdbcTemplate jdbc = TestDatabase.get().jdbc();
        TransactionTemplate transaction =
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        transaction.executeWithoutResult(status -> {
            String bin = UUID.randomUUID().toString();
            ReadModelRows.bins(
                    jdbc,
                    List.of(new ReadModelRows.Bin(
                            bin, UUID.randomUUID().toString(), new Geodesy.Point(13.40, 52.52), "ACTIVE", false)));
            jdbc.update("update read_model.bins set route_id = ?, version = version + 1 where bin_id = ?", "r-1", bin);
            jdbc.update("update read_model.bins set route_id = ?, version = version + 1 where bin_id = ?", "r-2", bin);

            // This transaction's own counts, so no other test's writes can blur them.
            Map<String, Object> updates = jdbc.queryForMap("select n_tup_upd as updates, n_tup_hot_upd as hot"
                    + " from pg_stat_xact_user_tables where schemaname = 'read_model' and relname = 'bins'");
            assertThat(updates.get("updates")).isEqualTo(2L);
            assertThat(updates.get("hot"))
                    .as("route assignments that stayed on their page without index writes; an index covering"
                            + " route_id forces each into every index of bins")
                    .isEqualTo(2L);
            status.setRollbackOnly();
        });
    }
}

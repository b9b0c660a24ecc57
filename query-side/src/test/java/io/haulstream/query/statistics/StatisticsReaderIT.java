package io.haulstream.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.haulstream.query.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statistics a batch's cache refresh reads back, on the real read model: rows written here by
 * hand, in scopes of this test's own, read as the three kinds of entry at once.
 */
class StatisticsReaderIT {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    private final TestDatabase database = TestDatabase.get();
    private final JdbcTemplate jdbc = database.jdbc();
    private final StatisticsReader reader = new StatisticsReader(jdbc);

    @Test
    void readsRoutesBinsAndADayWithTheirVersionsInOneStatement() {
        String scope = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        count("route_statistics", scope, "status", "ACTIVE", 3);
        count("route_statistics", scope, "status", "PAUSED", 1);
        count("route_statistics", scope, "status", "RETIRED", 0);
        count("route_statistics", scope, "type", "RESIDENTIAL", 4);
        count("route_statistics", scope, "service_day", "MONDAY", 4);
        count("route_statistics", scope, "territory", "north", 2);
        count("bin_statistics", scope, "status", "ACTIVE", 7);
        count("bin_statistics", scope, "waste_stream", "PAPER", 7);
        count("bin_statistics", scope, "container_type", "ROLL_CART_240", 7);
        count("bin_statistics", scope, "fill_band", "0-25", 7);
        // Another scope's counts and a neighbouring day are not read with these.
        count("bin_statistics", other, "status", "ACTIVE", 99);
        jdbc.update(
                "insert into read_model.bin_service_daily (scope, day, serviced, missed, exceptions) values (?, ?, 5, 2, 1),"
                        + " (?, ?, 40, 40, 40)",
                scope,
                DAY,
                scope,
                DAY.plusDays(1));
        version(StatisticsKeys.routes(scope), 11);
        version(StatisticsKeys.bins(scope), 12);
        version(StatisticsKeys.binsOn(scope, DAY), 13);

        long before = database.statements();
        Map<String, Object> entries = reader.entries(List.of(
                StatisticsKeys.routes(scope),
                StatisticsKeys.bins(scope),
                StatisticsKeys.binsOn(scope, DAY),
                StatisticsKeys.routes(other)));
        long statements = database.statements() - before;

        assertThat(entries)
                .containsExactly(
                        Map.entry(
                                StatisticsKeys.routes(scope),
                                new RouteStatistics(
                                        scope,
                                        4,
                                        Map.of("ACTIVE", 3L, "PAUSED", 1L),
                                        Map.of("RESIDENTIAL", 4L),
                                        Map.of("MONDAY", 4L),
                                        Map.of("north", 2L),
                                        11)),
                        Map.entry(
                                StatisticsKeys.bins(scope),
                                new BinStatistics(
                                        scope,
                                        7,
                                        Map.of("ACTIVE", 7L),
                                        Map.of("PAPER", 7L),
                                        Map.of("ROLL_CART_240", 7L),
                                        Map.of("0-25", 7L),
                                        Map.of(),
                                        12)),
                        Map.entry(StatisticsKeys.binsOn(scope, DAY), new ServiceDay(scope, DAY, 5, 2, 1, 13)),
                        Map.entry(
                                StatisticsKeys.routes(other),
                                new RouteStatistics(other, 0, Map.of(), Map.of(), Map.of(), Map.of(), 0)));
        // One statement is one snapshot: the versions name exactly the counts read with them.
        assertThat(statements).isEqualTo(1);
    }

    @Test
    void answersADayWithNoServicesAsZeroes() {
        String scope = UUID.randomUUID().toString();

        assertThat(reader.binsWithDay(scope, DAY).serviceDay()).isEqualTo(new ServiceDay(scope, DAY, 0, 0, 0, 0));
    }

    private void count(String table, String scope, String dimension, String value, long count) {
        jdbc.update(
                "insert into read_model." + table + " (scope, dimension, value, count) values (?, ?, ?, ?)",
                scope,
                dimension,
                value,
                count);
    }

    private void version(String key, long version) {
        jdbc.update("insert into read_model.statistics_versions (key, version) values (?, ?)", key, version);
    }
}

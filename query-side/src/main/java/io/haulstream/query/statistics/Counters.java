package io.haulstream.query.statistics;

import static io.haulstream.query.statistics.StatisticsKeys.ALL;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch's counter deltas for one statistics table, summed per row and written in one statement,
 * so a hot counter such as the overall one is written once per batch, not once per event. Every
 * delta counts for the organization and for all organizations together.
 */
final class Counters {

    private final String table;
    private final UnaryOperator<String> cacheKeyOfScope;
    private final Map<CountKey, Long> deltas = new HashMap<>();
    private final Set<String> changedEntries = new LinkedHashSet<>();

    /**
     * @param table {@code bin_statistics} or {@code route_statistics}
     * @param cacheKeyOfScope the cached entry a scope's counts belong to
     */
    Counters(String table, UnaryOperator<String> cacheKeyOfScope) {
        this.table = table;
        this.cacheKeyOfScope = cacheKeyOfScope;
    }

    void add(String organizationId, String dimension, String value, long delta) {
        for (String scope : List.of(organizationId, ALL)) {
            deltas.merge(new CountKey(scope, dimension, value), delta, Long::sum);
            changedEntries.add(cacheKeyOfScope.apply(scope));
        }
    }

    /**
     * A count of the organization alone, not of all organizations together: for a dimension whose
     * values belong to one organization (its territories).
     */
    void addToOrganization(String organizationId, String dimension, String value, long delta) {
        deltas.merge(new CountKey(organizationId, dimension, value), delta, Long::sum);
        changedEntries.add(cacheKeyOfScope.apply(organizationId));
    }

    /** One thing moved from one value of a dimension to another: -1 for the old, +1 for the new. */
    void move(String organizationId, String dimension, String from, String to) {
        add(organizationId, dimension, from, -1);
        add(organizationId, dimension, to, +1);
    }

    Set<String> changedEntries() {
        return changedEntries;
    }

    void write(JdbcTemplate jdbc) {
        // In one order in every batch: the rows of all organizations together are shared by batches
        // running at once on several instances, and locked in a different order they deadlock.
        List<Map.Entry<CountKey, Long>> rows = deltas.entrySet().stream()
                .filter(entry -> entry.getValue() != 0)
                .sorted(Map.Entry.comparingByKey(CountKey.ORDER))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(
                "insert into read_model." + table + " (scope, dimension, value, count)"
                        + " select * from unnest(?::text[], ?::text[], ?::text[], ?::bigint[])"
                        + " on conflict (scope, dimension, value) do update set count = " + table
                        + ".count + excluded.count",
                rows.stream().map(entry -> entry.getKey().scope()).toArray(String[]::new),
                rows.stream().map(entry -> entry.getKey().dimension()).toArray(String[]::new),
                rows.stream().map(entry -> entry.getKey().value()).toArray(String[]::new),
                rows.stream().map(Map.Entry::getValue).toArray(Long[]::new));
    }
}

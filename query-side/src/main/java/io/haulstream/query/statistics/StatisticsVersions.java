package io.haulstream.query.statistics;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Raises the version of each statistics entry a batch changed, once per batch, in one statement:
 * the cache only ever replaces an entry with a higher version.
 */
final class StatisticsVersions {

    private StatisticsVersions() {}

    static void raise(JdbcTemplate jdbc, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.update(
                "insert into read_model.statistics_versions (key, version) select unnest(?::text[]), 1"
                        + " on conflict (key) do update set version = statistics_versions.version + 1",
                // Distinct and sorted here, so that every batch locks the shared entries of all
                // organizations in one order (a hashed DISTINCT in SQL gave no order at all).
                (Object) new java.util.TreeSet<>(keys).toArray(String[]::new));
    }
}

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
                "insert into read_model.statistics_versions (key, version) select distinct unnest(?::text[]), 1"
                        + " on conflict (key) do update set version = statistics_versions.version + 1",
                (Object) keys.toArray(String[]::new));
    }
}

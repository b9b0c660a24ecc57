package io.haulstream.query.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures of {@code GET /health/database/optimization/statistics}, read from PostgreSQL's
 * statistics views of the read model's database when asked, and the recommendations that follow
 * from them by fixed rules, each with the figures it rests on.
 */
@Component
class DatabaseStatistics {

    /** Below this many rows, reading a table whole is as cheap as any index. */
    static final long LARGE_TABLE_ROWS = 10_000;

    static final double HIT_RATIO_FLOOR = 0.99;

    /** Fewer block reads than this say nothing yet about the cache. */
    static final long HIT_RATIO_MIN_BLOCKS = 10_000;

    private final JdbcTemplate jdbc;

    DatabaseStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Object> report() {
        List<Map<String, Object>> indexes = indexes();
        List<Map<String, Object>> tables = tables();
        Map<String, Object> bufferCache = bufferCache();
        boolean autovacuum = "on".equals(jdbc.queryForObject("select current_setting('autovacuum')", String.class));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(
                "statisticsSince",
                jdbc.queryForObject(
                        "select stats_reset from pg_stat_database where datname = current_database()", Object.class));
        report.put("indexes", indexes);
        report.put(
                "unusedIndexes",
                indexes.stream()
                        .filter(index -> Boolean.TRUE.equals(index.get("unused")))
                        .map(index -> index.get("index_name"))
                        .toList());
        report.put("tables", tables);
        report.put("slowestStatements", slowestStatements());
        report.put("bufferCache", bufferCache);
        report.put("autovacuum", autovacuum);
        report.put("recommendations", recommendations(indexes, tables, bufferCache, autovacuum));
        return report;
    }

    private List<Map<String, Object>> indexes() {
        return jdbc.queryForList("select s.relname as table_name, s.indexrelname as index_name, s.idx_scan as scans,"
                + " s.idx_tup_read as tuples_read, pg_relation_size(s.indexrelid) as size_bytes,"
                + " am.amname as method, i.indisunique as is_unique,"
                // A unique index keeps a rule even when no query reads it: never call it unused.
                + " (s.idx_scan = 0 and not i.indisunique) as unused"
                + " from pg_stat_user_indexes s join pg_index i on i.indexrelid = s.indexrelid"
                + " join pg_class c on c.oid = s.indexrelid join pg_am am on am.oid = c.relam"
                + " where s.schemaname = 'read_model' order by s.relname, s.indexrelname");
    }

    private List<Map<String, Object>> tables() {
        return jdbc.queryForList("select relname as table_name, n_live_tup as live_tuples, n_dead_tup as dead_tuples,"
                + " seq_scan as sequential_scans, seq_tup_read as sequential_tuples_read,"
                + " coalesce(idx_scan, 0) as index_scans, pg_total_relation_size(relid) as total_bytes,"
                + " greatest(last_vacuum, last_autovacuum) as last_vacuum,"
                + " greatest(last_analyze, last_autoanalyze) as last_analyze"
                + " from pg_stat_user_tables where schemaname = 'read_model' order by relname");
    }

    /**
     * The statements with the highest mean time. pg_stat_statements counts only when the server
     * preloads it (shared_preload_libraries, set by infra/servers.sh and docker-compose); until then
     * the reply says so instead of failing.
     */
    Map<String, Object> slowestStatements() {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            reply.put(
                    "statements",
                    jdbc.queryForList("select query, calls, total_exec_time as total_ms,"
                            + " mean_exec_time as mean_ms, max_exec_time as max_ms, rows"
                            + " from pg_stat_statements"
                            + " where dbid = (select oid from pg_database where datname = current_database())"
                            + " order by mean_exec_time desc limit 10"));
            reply.put("available", true);
        } catch (DataAccessException e) {
            reply.put("available", false);
            Throwable cause = e.getMostSpecificCause();
            reply.put("reason", "pg_stat_statements cannot be read: " + cause.getMessage());
        }
        return reply;
    }

    private Map<String, Object> bufferCache() {
        Map<String, Object> figures = jdbc.queryForMap(
                "select blks_hit as hits, blks_read as reads from pg_stat_database where datname = current_database()");
        long hits = ((Number) figures.get("hits")).longValue();
        long reads = ((Number) figures.get("reads")).longValue();
        Map<String, Object> reply = new LinkedHashMap<>(figures);
        reply.put("hitRatio", hits + reads > 0 ? (double) hits / (hits + reads) : null);
        return reply;
    }

    static List<Map<String, Object>> recommendations(
            List<Map<String, Object>> indexes,
            List<Map<String, Object>> tables,
            Map<String, Object> bufferCache,
            boolean autovacuum) {
        List<Map<String, Object>> recommendations = new ArrayList<>();
        if (!autovacuum) {
            // The projection prepares its lookups by key while the tables are small; without
            // ANALYZE their plans stay sequential scans as the tables grow (a fifth of the rate).
            recommendations.add(recommendation(
                    "autovacuum-off",
                    "the server's autovacuum is off: the read model's tables are never analyzed, so plans made while"
                            + " they were small stay in use as they grow; turn it on (alter system set autovacuum = on)",
                    Map.of("autovacuum", false)));
        }
        for (Map<String, Object> index : indexes) {
            if (Boolean.TRUE.equals(index.get("unused"))) {
                recommendations.add(recommendation(
                        "unused-index",
                        "index " + index.get("index_name") + " on " + index.get("table_name")
                                + " was never scanned since the statistics were reset: drop it if no rare query needs it",
                        Map.of("scans", index.get("scans"), "sizeBytes", index.get("size_bytes"))));
            }
        }
        for (Map<String, Object> table : tables) {
            long live = ((Number) table.get("live_tuples")).longValue();
            long sequential = ((Number) table.get("sequential_scans")).longValue();
            long indexed = ((Number) table.get("index_scans")).longValue();
            if (live >= LARGE_TABLE_ROWS && sequential > indexed) {
                recommendations.add(recommendation(
                        "sequential-scans-on-large-table",
                        "table " + table.get("table_name") + " has " + live
                                + " rows and is read whole more often than by index: a query lacks an index",
                        Map.of(
                                "liveTuples", live,
                                "sequentialScans", sequential,
                                "sequentialTuplesRead", table.get("sequential_tuples_read"),
                                "indexScans", indexed)));
            }
        }
        Object ratio = bufferCache.get("hitRatio");
        long blocks = ((Number) bufferCache.get("hits")).longValue() + ((Number) bufferCache.get("reads")).longValue();
        if (ratio instanceof Double hitRatio && blocks >= HIT_RATIO_MIN_BLOCKS && hitRatio < HIT_RATIO_FLOOR) {
            recommendations.add(recommendation(
                    "low-buffer-cache-hit-ratio",
                    "the buffer cache answers " + String.format("%.4f", hitRatio) + " of block reads, under "
                            + HIT_RATIO_FLOOR + ": raise shared_buffers or the machine's memory",
                    Map.of("hitRatio", hitRatio, "hits", bufferCache.get("hits"), "reads", bufferCache.get("reads"))));
        }
        return recommendations;
    }

    private static Map<String, Object> recommendation(String rule, String advice, Map<String, Object> evidence) {
        Map<String, Object> recommendation = new LinkedHashMap<>();
        recommendation.put("rule", rule);
        recommendation.put("advice", advice);
        recommendation.put("evidence", evidence);
        return recommendation;
    }
}

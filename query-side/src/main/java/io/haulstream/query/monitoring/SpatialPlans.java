package io.haulstream.query.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether each spatial query's plan uses the index meant for it, from EXPLAIN on start and every
 * few minutes: a dropped or changed index, or statistics that turn the planner away, show here
 * before they show as latency. On a table too small for the planner to prefer any index over
 * reading it whole, sequential scans are switched off for the EXPLAIN, so the check still tells
 * whether the index can serve the query; the reply says so.
 */
@Component
class SpatialPlans {

    /** One query's last check. */
    record Check(
            String family,
            String intendedIndex,
            boolean usesIntendedIndex,
            Set<String> indexesUsed,
            Set<String> nodes,
            String mode,
            Instant checkedAt,
            String failure) {}

    private final List<SpatialQuery> queries;
    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private volatile List<Check> latest = List.of();

    SpatialPlans(
            List<SpatialQuery> queries,
            NamedParameterJdbcTemplate named,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ObjectMapper json) {
        this.queries = queries;
        this.named = named;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        check();
    }

    @Scheduled(
            initialDelayString = "${haulstream.monitoring.plan-check-interval}",
            fixedDelayString = "${haulstream.monitoring.plan-check-interval}")
    void recheck() {
        check();
    }

    synchronized List<Check> check() {
        List<Check> checks = new ArrayList<>();
        for (SpatialQuery query : queries) {
            checks.add(check(query));
        }
        latest = List.copyOf(checks);
        return latest;
    }

    List<Check> latest() {
        return latest;
    }

    private Check check(SpatialQuery query) {
        try {
            Long rows = jdbc.queryForObject(
                    "select greatest(reltuples, 0)::bigint from pg_class where oid = ?::regclass",
                    Long.class,
                    query.table());
            boolean small = rows == null || rows < DatabaseStatistics.LARGE_TABLE_ROWS;
            JsonNode plan = explain(query, false);
            String mode = "as planned";
            Set<String> indexes = new TreeSet<>();
            Set<String> nodes = new TreeSet<>();
            walk(plan, indexes, nodes);
            if (!indexes.contains(query.intendedIndex()) && small) {
                indexes.clear();
                nodes.clear();
                walk(explain(query, true), indexes, nodes);
                mode = "sequential scans off: " + query.table() + " has about " + rows
                        + " rows, too few for the planner to prefer an index";
            }
            return new Check(
                    query.family(),
                    query.intendedIndex(),
                    indexes.contains(query.intendedIndex()),
                    indexes,
                    nodes,
                    mode,
                    Instant.now(),
                    null);
        } catch (RuntimeException e) {
            return new Check(
                    query.family(),
                    query.intendedIndex(),
                    false,
                    Set.of(),
                    Set.of(),
                    null,
                    Instant.now(),
                    e.toString());
        }
    }

    private JsonNode explain(SpatialQuery query, boolean withoutSequentialScans) {
        String plan = transaction.execute(status -> {
            if (withoutSequentialScans) {
                jdbc.execute("set local enable_seqscan = off");
            }
            return named.queryForObject("explain (format json) " + query.sql(), realistic(query), String.class);
        });
        try {
            return json.readTree(plan);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("EXPLAIN answered no JSON: " + plan, e);
        }
    }

    /**
     * The sample with its organization replaced by the table's largest one, as the statistics know
     * it: explained for an organization with no rows, the planner rightly prefers any btree on the
     * organization over the spatial index, and a healthy plan would be reported red.
     */
    private Map<String, Object> realistic(SpatialQuery query) {
        if (!query.sample().containsKey("organizationId")) {
            return query.sample();
        }
        String[] name = query.table().split("\\.");
        List<String> largest = jdbc.queryForList(
                "select (most_common_vals::text::text[])[1] from pg_stats"
                        + " where schemaname = ? and tablename = ? and attname = 'organization_id'"
                        + " and most_common_vals is not null",
                String.class,
                name[0],
                name[1]);
        if (largest.isEmpty() || largest.get(0) == null) {
            largest = jdbc.queryForList("select organization_id from " + query.table() + " limit 1", String.class);
        }
        if (largest.isEmpty()) {
            return query.sample();
        }
        Map<String, Object> sample = new java.util.HashMap<>(query.sample());
        sample.put("organizationId", largest.get(0));
        return sample;
    }

    private static void walk(JsonNode node, Set<String> indexes, Set<String> nodes) {
        if (node.isArray()) {
            node.forEach(child -> walk(child, indexes, nodes));
            return;
        }
        if (node.has("Node Type")) {
            nodes.add(node.get("Node Type").asText());
        }
        if (node.has("Index Name")) {
            indexes.add(node.get("Index Name").asText());
        }
        node.elements().forEachRemaining(child -> {
            if (child.isContainerNode()) {
                walk(child, indexes, nodes);
            }
        });
    }

    /** The figures of the spatial endpoint besides the families: GIST indexes and the plan checks. */
    Map<String, Object> gistIndexes() {
        Map<String, Object> reply = new LinkedHashMap<>();
        for (Map<String, Object> index : jdbc.queryForList("select s.indexrelname as index_name,"
                + " s.relname as table_name, s.idx_scan as scans, s.idx_tup_read as tuples_read,"
                + " pg_relation_size(s.indexrelid) as size_bytes"
                + " from pg_stat_user_indexes s join pg_class c on c.oid = s.indexrelid"
                + " join pg_am am on am.oid = c.relam"
                + " where am.amname = 'gist' and s.schemaname = 'read_model' order by s.indexrelname")) {
            reply.put((String) index.remove("index_name"), index);
        }
        return reply;
    }
}

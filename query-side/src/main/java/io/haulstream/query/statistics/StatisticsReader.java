package io.haulstream.query.statistics;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads statistics from PostgreSQL: a handful of rows by primary key, never an aggregation over
 * bins or routes. Counts and version are read in one snapshot so the version names exactly them.
 */
@Component
class StatisticsReader {

    private static final String TERRITORY = TerritoryStatisticsProjector.DIMENSION;

    /**
     * Versions, route counts, bin counts and day counts in one statement, so one snapshot: a version
     * names exactly the counts read with it, without a REPEATABLE READ transaction (whose isolation
     * level PgJDBC sets and resets in round trips of their own on every refresh after a batch).
     * Each row's {@code part} says which of the four it is; a day row carries its three counts.
     */
    private static final String ENTRIES = "select 'version' as part, key as scope, null as dimension, null as value,"
            + " version as count, null::date as day, 0::bigint as missed, 0::bigint as exceptions"
            + " from read_model.statistics_versions where key = any(?)"
            + " union all select 'routes', scope, dimension, value, count, null, 0, 0"
            + " from read_model.route_statistics where scope = any(?) and count <> 0"
            + " union all select 'bins', scope, dimension, value, count, null, 0, 0"
            + " from read_model.bin_statistics where scope = any(?) and count <> 0"
            + " union all select 'day', d.scope, null, null, d.serviced, d.day, d.missed, d.exceptions"
            + " from read_model.bin_service_daily d"
            + " join unnest(?::text[], ?::date[]) as k(scope, day) on d.scope = k.scope and d.day = k.day";

    private final JdbcTemplate jdbc;

    StatisticsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RouteStatistics routes(String scope) {
        return (RouteStatistics) entries(List.of(StatisticsKeys.routes(scope))).get(StatisticsKeys.routes(scope));
    }

    /** The scope's bins and one day's services, in the one statement of {@link #entries}. */
    public BinStatisticsReply binsWithDay(String scope, LocalDate day) {
        String bins = StatisticsKeys.bins(scope);
        String serviceDay = StatisticsKeys.binsOn(scope, day);
        Map<String, Object> read = entries(List.of(bins, serviceDay));
        return new BinStatisticsReply((BinStatistics) read.get(bins), (ServiceDay) read.get(serviceDay));
    }

    /**
     * The entries named by their cache keys ({@code routes:{scope}}, {@code bins:{scope}},
     * {@code bins:{scope}:{day}}), each with its version, in one statement however many are asked
     * for: a batch's changed entries are read back at once.
     *
     * @return a {@link RouteStatistics}, {@link BinStatistics} or {@link ServiceDay} for each key
     */
    public Map<String, Object> entries(Collection<String> keys) {
        List<String> routeScopes = new ArrayList<>();
        List<String> binScopes = new ArrayList<>();
        List<String> dayScopes = new ArrayList<>();
        List<String> days = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split(":", 3);
            if (parts[0].equals("routes")) {
                routeScopes.add(parts[1]);
            } else if (parts.length == 3) {
                dayScopes.add(parts[1]);
                days.add(parts[2]);
            } else {
                binScopes.add(parts[1]);
            }
        }
        Map<String, Long> versions = new HashMap<>();
        Map<String, Map<String, Map<String, Long>>> routeCounts = new HashMap<>();
        Map<String, Map<String, Map<String, Long>>> binCounts = new HashMap<>();
        Map<String, long[]> dayCounts = new HashMap<>();
        jdbc.query(
                ENTRIES,
                rs -> {
                    String scope = rs.getString(2);
                    switch (rs.getString(1)) {
                        case "version" -> versions.put(scope, rs.getLong(5));
                        case "routes" -> count(routeCounts, scope, rs.getString(3), rs.getString(4), rs.getLong(5));
                        case "bins" -> count(binCounts, scope, rs.getString(3), rs.getString(4), rs.getLong(5));
                        default ->
                            dayCounts.put(
                                    StatisticsKeys.binsOn(scope, rs.getDate(6).toLocalDate()),
                                    new long[] {rs.getLong(5), rs.getLong(7), rs.getLong(8)});
                    }
                },
                keys.toArray(String[]::new),
                routeScopes.toArray(String[]::new),
                binScopes.toArray(String[]::new),
                dayScopes.toArray(String[]::new),
                days.toArray(String[]::new));
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String key : keys) {
            String[] parts = key.split(":", 3);
            long version = versions.getOrDefault(key, 0L);
            if (parts[0].equals("routes")) {
                Map<String, Map<String, Long>> counts = routeCounts.getOrDefault(parts[1], Map.of());
                Map<String, Long> byStatus = counts.getOrDefault("status", Map.of());
                entries.put(
                        key,
                        new RouteStatistics(
                                parts[1],
                                total(byStatus),
                                byStatus,
                                counts.getOrDefault("type", Map.of()),
                                counts.getOrDefault("service_day", Map.of()),
                                counts.getOrDefault(TERRITORY, Map.of()),
                                version));
            } else if (parts.length == 3) {
                long[] counts = dayCounts.getOrDefault(key, new long[3]);
                entries.put(
                        key,
                        new ServiceDay(parts[1], LocalDate.parse(parts[2]), counts[0], counts[1], counts[2], version));
            } else {
                Map<String, Map<String, Long>> counts = binCounts.getOrDefault(parts[1], Map.of());
                Map<String, Long> byStatus = counts.getOrDefault("status", Map.of());
                entries.put(
                        key,
                        new BinStatistics(
                                parts[1],
                                total(byStatus),
                                byStatus,
                                counts.getOrDefault("waste_stream", Map.of()),
                                counts.getOrDefault("container_type", Map.of()),
                                counts.getOrDefault("fill_band", Map.of()),
                                counts.getOrDefault(TERRITORY, Map.of()),
                                version));
            }
        }
        return entries;
    }

    private static long total(Map<String, Long> byStatus) {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<RoutePerformance> performance(String organizationId, String routeId, LocalDate from, LocalDate to) {
        return jdbc.query(
                "select route_id, day, scheduled_stops, serviced, missed, exceptions, weight_kg,"
                        + " first_service_at, last_service_at, version from read_model.daily_route_performance"
                        + " where route_id = ? and organization_id = ? and day between ? and ? order by day",
                (rs, row) -> {
                    var first = rs.getTimestamp(8).toInstant();
                    var last = rs.getTimestamp(9).toInstant();
                    int stops = rs.getInt(4) + rs.getInt(5) + rs.getInt(6);
                    double hours = Duration.between(first, last).toSeconds() / 3600.0;
                    return new RoutePerformance(
                            rs.getString(1),
                            rs.getDate(2).toLocalDate(),
                            rs.getInt(3),
                            rs.getInt(4),
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getDouble(7),
                            first,
                            last,
                            hours > 0 ? stops / hours : null,
                            rs.getLong(10));
                },
                routeId,
                organizationId,
                Date.valueOf(from),
                Date.valueOf(to));
    }

    private static void count(
            Map<String, Map<String, Map<String, Long>>> counts,
            String scope,
            String dimension,
            String value,
            long count) {
        counts.computeIfAbsent(scope, key -> new TreeMap<>())
                .computeIfAbsent(dimension, key -> new TreeMap<>())
                .put(value, count);
    }
}

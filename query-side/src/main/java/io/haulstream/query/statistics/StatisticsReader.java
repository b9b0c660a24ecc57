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
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads statistics from PostgreSQL: a handful of rows by primary key, never an aggregation over
 * bins or routes. Counts and version are read in one snapshot so the version names exactly them.
 */
@Component
class StatisticsReader {

    private static final String TERRITORY = TerritoryStatisticsProjector.DIMENSION;

    private final JdbcTemplate jdbc;

    StatisticsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RouteStatistics routes(String scope) {
        return (RouteStatistics) entries(List.of(StatisticsKeys.routes(scope))).get(StatisticsKeys.routes(scope));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public BinStatistics bins(String scope) {
        return (BinStatistics) entries(List.of(StatisticsKeys.bins(scope))).get(StatisticsKeys.bins(scope));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ServiceDay serviceDay(String scope, LocalDate day) {
        String key = StatisticsKeys.binsOn(scope, day);
        return (ServiceDay) entries(List.of(key)).get(key);
    }

    /**
     * The entries named by their cache keys ({@code routes:{scope}}, {@code bins:{scope}},
     * {@code bins:{scope}:{day}}), each with its version, in at most four statements however many
     * are asked for: a batch's changed entries are read back at once.
     *
     * @return a {@link RouteStatistics}, {@link BinStatistics} or {@link ServiceDay} for each key
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<String, Object> entries(Collection<String> keys) {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query(
                "select key, version from read_model.statistics_versions where key = any(?)",
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                },
                (Object) keys.toArray(String[]::new));
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
        Map<String, Map<String, Map<String, Long>>> routeCounts = counts("route_statistics", routeScopes);
        Map<String, Map<String, Map<String, Long>>> binCounts = counts("bin_statistics", binScopes);
        Map<String, long[]> dayCounts = new HashMap<>();
        if (!days.isEmpty()) {
            jdbc.query(
                    "select d.scope, d.day, d.serviced, d.missed, d.exceptions from read_model.bin_service_daily d"
                            + " join unnest(?::text[], ?::date[]) as k(scope, day) on d.scope = k.scope and d.day = k.day",
                    rs -> {
                        dayCounts.put(
                                StatisticsKeys.binsOn(
                                        rs.getString(1), rs.getDate(2).toLocalDate()),
                                new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    },
                    dayScopes.toArray(String[]::new),
                    days.toArray(String[]::new));
        }
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

    /** Counts by scope, then dimension, then value, of the scopes asked for, in one statement. */
    private Map<String, Map<String, Map<String, Long>>> counts(String table, List<String> scopes) {
        Map<String, Map<String, Map<String, Long>>> counts = new HashMap<>();
        if (scopes.isEmpty()) {
            return counts;
        }
        jdbc.query(
                "select scope, dimension, value, count from read_model." + table
                        + " where scope = any(?) and count <> 0",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), key -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), key -> new TreeMap<>())
                            .put(rs.getString(3), rs.getLong(4));
                },
                (Object) scopes.toArray(String[]::new));
        return counts;
    }
}

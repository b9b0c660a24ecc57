package io.haulstream.query.statistics;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
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

    private final JdbcTemplate jdbc;

    StatisticsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RouteStatistics routes(String scope) {
        Map<String, Map<String, Long>> counts = counts("route_statistics", scope);
        Map<String, Long> byStatus = counts.getOrDefault("status", Map.of());
        return new RouteStatistics(
                scope,
                byStatus.values().stream().mapToLong(Long::longValue).sum(),
                byStatus,
                counts.getOrDefault("type", Map.of()),
                counts.getOrDefault("service_day", Map.of()),
                version(StatisticsKeys.routes(scope)));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public BinStatistics bins(String scope) {
        Map<String, Map<String, Long>> counts = counts("bin_statistics", scope);
        Map<String, Long> byStatus = counts.getOrDefault("status", Map.of());
        return new BinStatistics(
                scope,
                byStatus.values().stream().mapToLong(Long::longValue).sum(),
                byStatus,
                counts.getOrDefault("waste_stream", Map.of()),
                counts.getOrDefault("container_type", Map.of()),
                counts.getOrDefault("fill_band", Map.of()),
                version(StatisticsKeys.bins(scope)));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ServiceDay serviceDay(String scope, LocalDate day) {
        List<ServiceDay> rows = jdbc.query(
                "select serviced, missed, exceptions from read_model.bin_service_daily where scope = ? and day = ?",
                (rs, row) -> new ServiceDay(scope, day, rs.getLong(1), rs.getLong(2), rs.getLong(3), 0),
                scope,
                Date.valueOf(day));
        long version = version(StatisticsKeys.binsOn(scope, day));
        ServiceDay counts = rows.isEmpty() ? new ServiceDay(scope, day, 0, 0, 0, 0) : rows.get(0);
        return new ServiceDay(scope, day, counts.serviced(), counts.missed(), counts.exceptions(), version);
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

    private Map<String, Map<String, Long>> counts(String table, String scope) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.query(
                "select dimension, value, count from read_model." + table + " where scope = ? and count <> 0",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), key -> new TreeMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                },
                scope);
        return counts;
    }

    private long version(String key) {
        List<Long> versions =
                jdbc.queryForList("select version from read_model.statistics_versions where key = ?", Long.class, key);
        return versions.isEmpty() ? 0 : versions.get(0);
    }
}

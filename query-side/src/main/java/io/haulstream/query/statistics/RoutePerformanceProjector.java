package io.haulstream.query.statistics;

import io.haulstream.events.BinServiced;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code daily_route_performance}: each route's services of a day summed over the batch and
 * added to its row in one statement. A route's scheduled stops are its stop count when its first
 * service of the day is projected, read from the route statistics' state, which is why this
 * projector runs after that one. Not cached: read from PostgreSQL by primary key.
 */
@Component
@Order(70)
class RoutePerformanceProjector implements Projector {

    private final JdbcTemplate jdbc;

    RoutePerformanceProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(BinServiced.class);
    }

    private record RouteDay(String routeId, LocalDate day) {}

    /** One route's services of one day in this batch. */
    private static final class Tally {
        final String organizationId;
        int serviced;
        int missed;
        int exceptions;
        double weightKg;
        Instant first;
        Instant last;

        Tally(String organizationId) {
            this.organizationId = organizationId;
        }
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<RouteDay, Tally> tallies = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            BinServiced serviced = (BinServiced) projected.event();
            if (serviced.routeId() == null) {
                continue;
            }
            LocalDate day = serviced.servicedAt().atOffset(ZoneOffset.UTC).toLocalDate();
            Tally tally = tallies.computeIfAbsent(
                    new RouteDay(serviced.routeId(), day), key -> new Tally(serviced.organizationId()));
            switch (serviced.outcome()) {
                case EMPTIED -> tally.serviced++;
                case MISSED -> tally.missed++;
                default -> tally.exceptions++;
            }
            tally.weightKg += serviced.weightKg() == null ? 0 : serviced.weightKg();
            Instant at = serviced.servicedAt();
            tally.first = tally.first == null || at.isBefore(tally.first) ? at : tally.first;
            tally.last = tally.last == null || at.isAfter(tally.last) ? at : tally.last;
        }
        if (tallies.isEmpty()) {
            return;
        }
        List<Map.Entry<RouteDay, Tally>> rows = List.copyOf(tallies.entrySet());
        jdbc.update(
                "insert into read_model.daily_route_performance (route_id, day, organization_id, scheduled_stops,"
                        + " serviced, missed, exceptions, weight_kg, first_service_at, last_service_at, version)"
                        + " select t.route_id, t.day, t.organization_id, coalesce((select s.stops"
                        + " from read_model.statistics_route_state s where s.route_id = t.route_id), 0),"
                        + " t.serviced, t.missed, t.exceptions, t.weight_kg, t.first_at, t.last_at, 1"
                        + " from unnest(?::text[], ?::date[], ?::text[], ?::int[], ?::int[], ?::int[], ?::float8[],"
                        + " ?::timestamptz[], ?::timestamptz[]) as t(route_id, day, organization_id, serviced,"
                        + " missed, exceptions, weight_kg, first_at, last_at)"
                        + " on conflict (route_id, day) do update set"
                        + " serviced = daily_route_performance.serviced + excluded.serviced,"
                        + " missed = daily_route_performance.missed + excluded.missed,"
                        + " exceptions = daily_route_performance.exceptions + excluded.exceptions,"
                        + " weight_kg = daily_route_performance.weight_kg + excluded.weight_kg,"
                        + " first_service_at = least(daily_route_performance.first_service_at, excluded.first_service_at),"
                        + " last_service_at = greatest(daily_route_performance.last_service_at, excluded.last_service_at),"
                        + " version = daily_route_performance.version + 1",
                rows.stream().map(row -> row.getKey().routeId()).toArray(String[]::new),
                rows.stream().map(row -> row.getKey().day().toString()).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().organizationId).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().serviced).toArray(Integer[]::new),
                rows.stream().map(row -> row.getValue().missed).toArray(Integer[]::new),
                rows.stream().map(row -> row.getValue().exceptions).toArray(Integer[]::new),
                rows.stream().map(row -> row.getValue().weightKg).toArray(Double[]::new),
                rows.stream().map(row -> row.getValue().first.toString()).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().last.toString()).toArray(String[]::new));
    }
}

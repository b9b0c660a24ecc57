package io.haulstream.query.statistics;

import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the route statistics ({@code route_statistics}, by status, type and service day) as
 * counters, and in {@code statistics_route_state} what it needs of each route to move them (and the
 * stop count that daily route performance schedules by). The batch's routes are read in one
 * statement, their events applied in memory in order, and states, counters and entry versions
 * written back in one statement each.
 */
@Component
@Order(50)
class RouteStatisticsProjector implements Projector {

    private final JdbcTemplate jdbc;

    RouteStatisticsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(
                RouteCreated.class,
                RouteStatusChanged.class,
                BinAssignedToRoute.class,
                BinUnassignedFromRoute.class,
                RouteDeleted.class);
    }

    /** A route as the counts see it; a deleted route is no longer counted. */
    private static final class RouteState {
        final String organizationId;
        String status;
        final String type;
        final String serviceDay;
        int stops;
        boolean deleted;

        RouteState(String organizationId, String status, String type, String serviceDay) {
            this.organizationId = organizationId;
            this.status = status;
            this.type = type;
            this.serviceDay = serviceDay;
        }
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, RouteState> states = storedStates(events);
        Map<String, RouteState> changedStates = new LinkedHashMap<>();
        Counters counters = new Counters("route_statistics", StatisticsKeys::routes);
        for (ProjectedEvent projected : events) {
            HaulstreamEvent event = projected.event();
            String routeId = projected.aggregateId();
            RouteState state = states.get(routeId);
            if (event instanceof RouteCreated created) {
                // The aggregate starts every route PLANNED; the event does not repeat it.
                state = new RouteState(
                        created.organizationId(),
                        "PLANNED",
                        created.type().name(),
                        created.serviceDay().name());
                states.put(routeId, state);
                count(counters, state, +1);
            } else if (event instanceof RouteStatusChanged changed) {
                counters.move(
                        changed.organizationId(),
                        "status",
                        changed.from().name(),
                        changed.to().name());
                if (state != null) {
                    state.status = changed.to().name();
                }
            } else if (event instanceof BinAssignedToRoute && state != null) {
                state.stops++;
            } else if (event instanceof BinUnassignedFromRoute && state != null) {
                state.stops--;
            } else if (event instanceof RouteDeleted && state != null && !state.deleted) {
                count(counters, state, -1);
                state.deleted = true;
            }
            if (state != null) {
                changedStates.put(routeId, state);
            }
        }
        writeStates(changedStates);
        counters.write(jdbc);
        StatisticsVersions.raise(jdbc, counters.changedEntries());
        counters.changedEntries().forEach(changes::statisticsChanged);
    }

    private static void count(Counters counters, RouteState state, long delta) {
        counters.add(state.organizationId, "status", state.status, delta);
        counters.add(state.organizationId, "type", state.type, delta);
        counters.add(state.organizationId, "service_day", state.serviceDay, delta);
    }

    private Map<String, RouteState> storedStates(List<ProjectedEvent> events) {
        String[] routes =
                events.stream().map(ProjectedEvent::aggregateId).distinct().toArray(String[]::new);
        Map<String, RouteState> states = new HashMap<>();
        jdbc.query(
                "select route_id, organization_id, status, type, service_day, stops, deleted"
                        + " from read_model.statistics_route_state where route_id = any(?)",
                rs -> {
                    RouteState state =
                            new RouteState(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    state.stops = rs.getInt(6);
                    state.deleted = rs.getBoolean(7);
                    states.put(rs.getString(1), state);
                },
                (Object) routes);
        return states;
    }

    private void writeStates(Map<String, RouteState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<Map.Entry<String, RouteState>> rows = List.copyOf(changed.entrySet());
        jdbc.update(
                "insert into read_model.statistics_route_state"
                        + " (route_id, organization_id, status, type, service_day, stops, deleted)"
                        + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],"
                        + " ?::boolean[]) on conflict (route_id) do update set status = excluded.status,"
                        + " stops = excluded.stops, deleted = excluded.deleted",
                rows.stream().map(Map.Entry::getKey).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().organizationId).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().status).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().type).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().serviceDay).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().stops).toArray(Integer[]::new),
                rows.stream().map(row -> row.getValue().deleted).toArray(Boolean[]::new));
    }
}

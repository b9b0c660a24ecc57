package io.haulstream.query.statistics;

import static io.haulstream.query.statistics.StatisticsKeys.ALL;

import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the route and bin statistics and daily route performance as counters. Each event moves
 * counts by its own delta (a status change is -1 for the old status and +1 for the new one);
 * deltas are summed over the batch and written once at its end, so a hot counter such as the
 * overall one is written once per batch, not once per event.
 */
@Component
class StatisticsProjector implements Projector {

    private final JdbcTemplate jdbc;

    StatisticsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The counter deltas of one batch, keyed by table, scope, dimension and value. */
    static final class Deltas {
        final Map<List<String>, Long> counts = new HashMap<>();
        final Map<List<Object>, long[]> daily = new HashMap<>();
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        HaulstreamEvent event = projected.event();
        Deltas deltas = changes.gathered(Deltas.class, Deltas::new);
        if (event instanceof BinPlaced placed) {
            jdbc.update(
                    "insert into read_model.statistics_bin_state"
                            + " (bin_id, organization_id, status, waste_stream, container_type, fill_band)"
                            + " values (?, ?, 'ACTIVE', ?, ?, ?)",
                    placed.binId(),
                    placed.organizationId(),
                    placed.wasteStream().name(),
                    placed.containerType().name(),
                    FillBand.UNKNOWN);
            bins(
                    deltas,
                    changes,
                    placed.organizationId(),
                    +1,
                    "ACTIVE",
                    placed.wasteStream().name(),
                    placed.containerType().name(),
                    FillBand.UNKNOWN);
        } else if (event instanceof BinStatusChanged changed) {
            binState(changed.binId()).ifCounted(state -> {
                move(
                        deltas,
                        changes,
                        "bins",
                        state.organizationId,
                        "status",
                        state.status,
                        changed.to().name());
                jdbc.update(
                        "update read_model.statistics_bin_state set status = ? where bin_id = ?",
                        changed.to().name(),
                        changed.binId());
            });
        } else if (event instanceof BinFillLevelReported reported) {
            fillBand(deltas, changes, reported.binId(), FillBand.of(reported.fillPercent()));
        } else if (event instanceof BinServiced serviced) {
            serviced(deltas, changes, serviced);
        } else if (event instanceof BinRemoved removed) {
            binState(removed.binId()).ifCounted(state -> {
                bins(
                        deltas,
                        changes,
                        state.organizationId,
                        -1,
                        state.status,
                        state.wasteStream,
                        state.containerType,
                        state.fillBand);
                jdbc.update(
                        "update read_model.statistics_bin_state set removed = true where bin_id = ?", removed.binId());
            });
        } else if (event instanceof RouteCreated created) {
            jdbc.update(
                    "insert into read_model.statistics_route_state"
                            + " (route_id, organization_id, status, type, service_day) values (?, ?, 'PLANNED', ?, ?)",
                    created.routeId(),
                    created.organizationId(),
                    created.type().name(),
                    created.serviceDay().name());
            routes(
                    deltas,
                    changes,
                    created.organizationId(),
                    +1,
                    "PLANNED",
                    created.type().name(),
                    created.serviceDay().name());
        } else if (event instanceof RouteStatusChanged changed) {
            move(
                    deltas,
                    changes,
                    "routes",
                    changed.organizationId(),
                    "status",
                    changed.from().name(),
                    changed.to().name());
            jdbc.update(
                    "update read_model.statistics_route_state set status = ? where route_id = ?",
                    changed.to().name(),
                    changed.routeId());
        } else if (event instanceof BinAssignedToRoute assigned) {
            jdbc.update(
                    "update read_model.statistics_route_state set stops = stops + 1 where route_id = ?",
                    assigned.routeId());
        } else if (event instanceof BinUnassignedFromRoute unassigned) {
            jdbc.update(
                    "update read_model.statistics_route_state set stops = stops - 1 where route_id = ?",
                    unassigned.routeId());
        } else if (event instanceof RouteDeleted deleted) {
            jdbc.queryForList(
                            "update read_model.statistics_route_state set deleted = true"
                                    + " where route_id = ? and not deleted returning status, type, service_day",
                            deleted.routeId())
                    .forEach(row -> routes(
                            deltas,
                            changes,
                            deleted.organizationId(),
                            -1,
                            (String) row.get("status"),
                            (String) row.get("type"),
                            (String) row.get("service_day")));
        }
    }

    @Override
    public void batchDone(Changes changes) {
        Deltas deltas = changes.gathered(Deltas.class, Deltas::new);
        deltas.counts.forEach((key, delta) -> {
            if (delta != 0) {
                String table = key.get(0).equals("bins") ? "bin_statistics" : "route_statistics";
                jdbc.update(
                        "insert into read_model." + table + " (scope, dimension, value, count) values (?, ?, ?, ?)"
                                + " on conflict (scope, dimension, value) do update set count = " + table
                                + ".count + excluded.count",
                        key.get(1),
                        key.get(2),
                        key.get(3),
                        delta);
            }
        });
        deltas.daily.forEach((key, counts) -> jdbc.update(
                "insert into read_model.bin_service_daily (scope, day, serviced, missed, exceptions)"
                        + " values (?, ?, ?, ?, ?) on conflict (scope, day) do update set"
                        + " serviced = bin_service_daily.serviced + excluded.serviced,"
                        + " missed = bin_service_daily.missed + excluded.missed,"
                        + " exceptions = bin_service_daily.exceptions + excluded.exceptions",
                key.get(0),
                key.get(1),
                counts[0],
                counts[1],
                counts[2]));
        changes.statistics()
                .forEach(key -> jdbc.update(
                        "insert into read_model.statistics_versions (key, version) values (?, 1)"
                                + " on conflict (key) do update set version = statistics_versions.version + 1",
                        key));
    }

    private void serviced(Deltas deltas, Changes changes, BinServiced serviced) {
        LocalDate day = serviced.servicedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        int outcome =
                switch (serviced.outcome()) {
                    case EMPTIED -> 0;
                    case MISSED -> 1;
                    default -> 2;
                };
        for (String scope : List.of(serviced.organizationId(), ALL)) {
            deltas.daily.computeIfAbsent(List.of(scope, day), key -> new long[3])[outcome]++;
            changes.statisticsChanged(StatisticsKeys.binsOn(scope, day));
        }
        if (serviced.outcome() == ServiceOutcome.EMPTIED) {
            fillBand(deltas, changes, serviced.binId(), FillBand.of(0));
        }
        if (serviced.routeId() != null) {
            routePerformance(serviced, day, outcome);
        }
    }

    private void routePerformance(BinServiced serviced, LocalDate day, int outcome) {
        Timestamp at = Timestamp.from(serviced.servicedAt());
        double weight = serviced.weightKg() == null ? 0 : serviced.weightKg();
        jdbc.update(
                "insert into read_model.daily_route_performance (route_id, day, organization_id, scheduled_stops,"
                        + " serviced, missed, exceptions, weight_kg, first_service_at, last_service_at, version)"
                        + " values (?, ?, ?, coalesce((select stops from read_model.statistics_route_state"
                        + " where route_id = ?), 0), ?, ?, ?, ?, ?, ?, 1)"
                        + " on conflict (route_id, day) do update set"
                        + " serviced = daily_route_performance.serviced + excluded.serviced,"
                        + " missed = daily_route_performance.missed + excluded.missed,"
                        + " exceptions = daily_route_performance.exceptions + excluded.exceptions,"
                        + " weight_kg = daily_route_performance.weight_kg + excluded.weight_kg,"
                        + " first_service_at = least(daily_route_performance.first_service_at, excluded.first_service_at),"
                        + " last_service_at = greatest(daily_route_performance.last_service_at, excluded.last_service_at),"
                        + " version = daily_route_performance.version + 1",
                serviced.routeId(),
                day,
                serviced.organizationId(),
                serviced.routeId(),
                outcome == 0 ? 1 : 0,
                outcome == 1 ? 1 : 0,
                outcome == 2 ? 1 : 0,
                weight,
                at,
                at);
    }

    private void fillBand(Deltas deltas, Changes changes, String binId, String band) {
        binState(binId).ifCounted(state -> {
            if (!state.fillBand.equals(band)) {
                move(deltas, changes, "bins", state.organizationId, "fill_band", state.fillBand, band);
                jdbc.update("update read_model.statistics_bin_state set fill_band = ? where bin_id = ?", band, binId);
            }
        });
    }

    private void bins(
            Deltas deltas,
            Changes changes,
            String organizationId,
            long delta,
            String status,
            String wasteStream,
            String containerType,
            String fillBand) {
        count(deltas, changes, "bins", organizationId, "status", status, delta);
        count(deltas, changes, "bins", organizationId, "waste_stream", wasteStream, delta);
        count(deltas, changes, "bins", organizationId, "container_type", containerType, delta);
        count(deltas, changes, "bins", organizationId, "fill_band", fillBand, delta);
    }

    private void routes(
            Deltas deltas,
            Changes changes,
            String organizationId,
            long delta,
            String status,
            String type,
            String serviceDay) {
        count(deltas, changes, "routes", organizationId, "status", status, delta);
        count(deltas, changes, "routes", organizationId, "type", type, delta);
        count(deltas, changes, "routes", organizationId, "service_day", serviceDay, delta);
    }

    private void move(
            Deltas deltas,
            Changes changes,
            String table,
            String organizationId,
            String dimension,
            String from,
            String to) {
        count(deltas, changes, table, organizationId, dimension, from, -1);
        count(deltas, changes, table, organizationId, dimension, to, +1);
    }

    private void count(
            Deltas deltas,
            Changes changes,
            String table,
            String organizationId,
            String dimension,
            String value,
            long delta) {
        for (String scope : List.of(organizationId, ALL)) {
            deltas.counts.merge(List.of(table, scope, dimension, value), delta, Long::sum);
            changes.statisticsChanged(table.equals("bins") ? StatisticsKeys.bins(scope) : StatisticsKeys.routes(scope));
        }
    }

    private BinState binState(String binId) {
        List<BinState> states = jdbc.query(
                "select organization_id, status, waste_stream, container_type, fill_band, removed"
                        + " from read_model.statistics_bin_state where bin_id = ?",
                (rs, row) -> new BinState(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)),
                binId);
        return states.isEmpty() ? BinState.NONE : states.get(0);
    }

    /** A bin as the counts see it; removed and unknown bins are no longer counted. */
    private record BinState(
            String organizationId,
            String status,
            String wasteStream,
            String containerType,
            String fillBand,
            boolean removed) {

        static final BinState NONE = new BinState(null, null, null, null, null, true);

        void ifCounted(java.util.function.Consumer<BinState> action) {
            if (!removed) {
                action.accept(this);
            }
        }
    }
}

package io.haulstream.query.statistics;

import static io.haulstream.query.statistics.StatisticsKeys.ALL;

import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the bin statistics ({@code bin_statistics}, by status, waste stream, container type and
 * fill band) and the daily service counts ({@code bin_service_daily}) as counters. What it needs to
 * know of each bin to move its counts is kept in {@code statistics_bin_state}, by this projector
 * alone: the batch's bins are read in one statement, their events applied in memory in order, and
 * states, counters, day counts and entry versions written back in one statement each.
 */
@Component
@Order(60)
class BinStatisticsProjector implements Projector {

    private final JdbcTemplate jdbc;

    BinStatisticsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(
                BinPlaced.class,
                BinStatusChanged.class,
                BinFillLevelReported.class,
                BinServiced.class,
                BinRemoved.class);
    }

    /** A bin as the counts see it; a removed bin is no longer counted. */
    private static final class BinState {
        final String organizationId;
        String status;
        final String wasteStream;
        final String containerType;
        String fillBand;
        boolean removed;

        BinState(String organizationId, String status, String wasteStream, String containerType, String fillBand) {
            this.organizationId = organizationId;
            this.status = status;
            this.wasteStream = wasteStream;
            this.containerType = containerType;
            this.fillBand = fillBand;
        }
    }

    private record DayKey(String scope, LocalDate day) {}

    /** One scope's services of one day by outcome. */
    private static final class DayCounts {
        long serviced;
        long missed;
        long exceptions;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, BinState> states = storedStates(events);
        Map<String, BinState> changedStates = new LinkedHashMap<>();
        Counters counters = new Counters("bin_statistics", StatisticsKeys::bins);
        Map<DayKey, DayCounts> days = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            HaulstreamEvent event = projected.event();
            if (event instanceof BinPlaced placed) {
                BinState state = new BinState(
                        placed.organizationId(),
                        "ACTIVE",
                        placed.wasteStream().name(),
                        placed.containerType().name(),
                        FillBand.UNKNOWN);
                states.put(placed.binId(), state);
                changedStates.put(placed.binId(), state);
                count(counters, state, +1);
            } else if (event instanceof BinStatusChanged changed) {
                BinState state = counted(states, changed.binId());
                if (state != null) {
                    counters.move(
                            state.organizationId,
                            "status",
                            state.status,
                            changed.to().name());
                    state.status = changed.to().name();
                    changedStates.put(changed.binId(), state);
                }
            } else if (event instanceof BinFillLevelReported reported) {
                fillBand(states, changedStates, counters, reported.binId(), FillBand.of(reported.fillPercent()));
            } else if (event instanceof BinServiced serviced) {
                LocalDate day = serviced.servicedAt().atOffset(ZoneOffset.UTC).toLocalDate();
                for (String scope : List.of(serviced.organizationId(), ALL)) {
                    DayCounts counts = days.computeIfAbsent(new DayKey(scope, day), key -> new DayCounts());
                    switch (serviced.outcome()) {
                        case EMPTIED -> counts.serviced++;
                        case MISSED -> counts.missed++;
                        default -> counts.exceptions++;
                    }
                }
                if (serviced.outcome() == ServiceOutcome.EMPTIED) {
                    fillBand(states, changedStates, counters, serviced.binId(), FillBand.of(0));
                }
            } else if (event instanceof BinRemoved removed) {
                BinState state = counted(states, removed.binId());
                if (state != null) {
                    count(counters, state, -1);
                    state.removed = true;
                    changedStates.put(removed.binId(), state);
                }
            }
        }
        writeStates(changedStates);
        counters.write(jdbc);
        writeDays(days);
        Set<String> entries = new LinkedHashSet<>(counters.changedEntries());
        days.keySet().forEach(key -> entries.add(StatisticsKeys.binsOn(key.scope(), key.day())));
        StatisticsVersions.raise(jdbc, entries);
        entries.forEach(changes::statisticsChanged);
    }

    private static BinState counted(Map<String, BinState> states, String binId) {
        BinState state = states.get(binId);
        return state == null || state.removed ? null : state;
    }

    private static void count(Counters counters, BinState state, long delta) {
        counters.add(state.organizationId, "status", state.status, delta);
        counters.add(state.organizationId, "waste_stream", state.wasteStream, delta);
        counters.add(state.organizationId, "container_type", state.containerType, delta);
        counters.add(state.organizationId, "fill_band", state.fillBand, delta);
    }

    private static void fillBand(
            Map<String, BinState> states,
            Map<String, BinState> changedStates,
            Counters counters,
            String binId,
            String band) {
        BinState state = counted(states, binId);
        if (state != null && !state.fillBand.equals(band)) {
            counters.move(state.organizationId, "fill_band", state.fillBand, band);
            state.fillBand = band;
            changedStates.put(binId, state);
        }
    }

    /** The stored states of the batch's bins that were placed before it. */
    private Map<String, BinState> storedStates(List<ProjectedEvent> events) {
        Set<String> bins = new LinkedHashSet<>();
        events.forEach(projected -> bins.add(projected.aggregateId()));
        Map<String, BinState> states = new HashMap<>();
        jdbc.query(
                "select bin_id, organization_id, status, waste_stream, container_type, fill_band, removed"
                        + " from read_model.statistics_bin_state where bin_id = any(?)",
                rs -> {
                    BinState state = new BinState(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                    state.removed = rs.getBoolean(7);
                    states.put(rs.getString(1), state);
                },
                (Object) bins.toArray(String[]::new));
        return states;
    }

    private void writeStates(Map<String, BinState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<Map.Entry<String, BinState>> rows = List.copyOf(changed.entrySet());
        jdbc.update(
                "insert into read_model.statistics_bin_state"
                        + " (bin_id, organization_id, status, waste_stream, container_type, fill_band, removed)"
                        + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::boolean[]) on conflict (bin_id) do update set status = excluded.status,"
                        + " fill_band = excluded.fill_band, removed = excluded.removed",
                rows.stream().map(Map.Entry::getKey).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().organizationId).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().status).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().wasteStream).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().containerType).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().fillBand).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().removed).toArray(Boolean[]::new));
    }

    private void writeDays(Map<DayKey, DayCounts> days) {
        if (days.isEmpty()) {
            return;
        }
        // One order in every batch, as the counters: the days of all organizations are shared rows.
        List<Map.Entry<DayKey, DayCounts>> rows = days.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(DayKey::scope).thenComparing(DayKey::day)))
                .toList();
        jdbc.update(
                "insert into read_model.bin_service_daily (scope, day, serviced, missed, exceptions)"
                        + " select * from unnest(?::text[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[])"
                        + " on conflict (scope, day) do update set"
                        + " serviced = bin_service_daily.serviced + excluded.serviced,"
                        + " missed = bin_service_daily.missed + excluded.missed,"
                        + " exceptions = bin_service_daily.exceptions + excluded.exceptions",
                rows.stream().map(row -> row.getKey().scope()).toArray(String[]::new),
                rows.stream().map(row -> row.getKey().day().toString()).toArray(String[]::new),
                rows.stream().map(row -> row.getValue().serviced).toArray(Long[]::new),
                rows.stream().map(row -> row.getValue().missed).toArray(Long[]::new),
                rows.stream().map(row -> row.getValue().exceptions).toArray(Long[]::new));
    }
}

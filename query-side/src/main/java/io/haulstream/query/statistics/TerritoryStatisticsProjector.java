package io.haulstream.query.statistics;

import io.haulstream.events.HaulstreamEvent;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import io.haulstream.query.territories.TerritoryMembership;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts an organization's bins (not removed) and routes (not deleted) by territory, as the
 * dimension {@value #DIMENSION} of {@code bin_statistics} and {@code route_statistics}. A bin's
 * territory is derived, not told by an event, and changes when the bin moves or a territory is
 * created, reshaped or retired, so the counts are not moved event by event: after the membership
 * projector has brought {@code territory_id} up to the batch's end, every bin and route the batch
 * may have moved is compared with what it is counted under ({@code statistics_territory_state}),
 * and exactly the differences are moved between counters. The same comparison made twice moves
 * nothing the second time, so the counts stay exact in whatever order the events arrive.
 */
@Component
@Order(65)
class TerritoryStatisticsProjector implements Projector {

    static final String DIMENSION = "territory";

    /** The value counted for a bin or route in no territory. */
    static final String NONE = "NONE";

    private final JdbcTemplate jdbc;

    TerritoryStatisticsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return TerritoryMembership.EVENTS;
    }

    /** Where a bin or route is counted: its organization and territory. */
    private record Counted(String organizationId, String territory) {}

    /** Bins or routes, as the two tables name their columns. */
    private record Kind(String name, String table, String id, String counters) {}

    private static final Kind BINS = new Kind("bin", "bins", "bin_id", "bin_statistics");
    private static final Kind ROUTES = new Kind("route", "routes", "route_id", "route_statistics");

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        TerritoryMembership.Touched touched = TerritoryMembership.Touched.by(events);
        Set<String> entries = new LinkedHashSet<>();
        entries.addAll(recount(BINS, touched.bins(), touched.territories()));
        entries.addAll(recount(ROUTES, touched.routes(), touched.territories()));
        StatisticsVersions.raise(jdbc, entries);
        entries.forEach(changes::statisticsChanged);
    }

    /** @return the statistics entries whose counts moved */
    private Set<String> recount(Kind kind, Set<String> named, Set<String> territories) {
        Set<String> members = new TreeSet<>(named);
        if (!territories.isEmpty()) {
            String[] ids = territories.toArray(String[]::new);
            members.addAll(jdbc.queryForList(
                    "select member_id from read_model.statistics_territory_state where territory = any(?)"
                            + " and kind = ?",
                    String.class,
                    ids,
                    kind.name()));
            members.addAll(jdbc.queryForList(
                    "select m." + kind.id() + " from read_model.territories t join read_model." + kind.table()
                            + " m on m.organization_id = t.organization_id and m.territory_id = t.territory_id"
                            + " and not m.deleted where t.territory_id = any(?)",
                    String.class,
                    (Object) ids));
        }
        if (members.isEmpty()) {
            return Set.of();
        }
        String[] ids = members.toArray(String[]::new);
        Map<String, Counted> now = new HashMap<>();
        jdbc.query(
                "select " + kind.id() + ", organization_id, territory_id from read_model." + kind.table() + " where "
                        + kind.id() + " = any(?) and not deleted",
                rs -> {
                    now.put(
                            rs.getString(1),
                            new Counted(rs.getString(2), Objects.requireNonNullElse(rs.getString(3), NONE)));
                },
                (Object) ids);
        Map<String, Counted> before = new HashMap<>();
        jdbc.query(
                "select member_id, organization_id, territory from read_model.statistics_territory_state"
                        + " where member_id = any(?) and kind = ?",
                rs -> {
                    before.put(rs.getString(1), new Counted(rs.getString(2), rs.getString(3)));
                },
                ids,
                kind.name());
        Counters counters = new Counters(kind.counters(), kind == BINS ? StatisticsKeys::bins : StatisticsKeys::routes);
        Map<String, Counted> moved = new HashMap<>();
        for (String member : ids) {
            Counted was = before.get(member);
            Counted is = now.get(member);
            if (Objects.equals(was, is)) {
                continue;
            }
            if (was != null) {
                counters.addToOrganization(was.organizationId(), DIMENSION, was.territory(), -1);
            }
            if (is != null) {
                counters.addToOrganization(is.organizationId(), DIMENSION, is.territory(), +1);
            }
            moved.put(member, is);
        }
        writeStates(kind, moved);
        counters.write(jdbc);
        return counters.changedEntries();
    }

    /** Upserts the members now counted, deletes those no longer counted. */
    private void writeStates(Kind kind, Map<String, Counted> moved) {
        List<Map.Entry<String, Counted>> counted = moved.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .toList();
        String[] gone = moved.entrySet().stream()
                .filter(entry -> entry.getValue() == null)
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        if (!counted.isEmpty()) {
            jdbc.update(
                    "insert into read_model.statistics_territory_state (member_id, kind, organization_id, territory)"
                            + " select m.id, ?, m.organization_id, m.territory"
                            + " from unnest(?::text[], ?::text[], ?::text[]) as m(id, organization_id, territory)"
                            + " on conflict (member_id, kind) do update set territory = excluded.territory",
                    kind.name(),
                    counted.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    counted.stream()
                            .map(entry -> entry.getValue().organizationId())
                            .toArray(String[]::new),
                    counted.stream().map(entry -> entry.getValue().territory()).toArray(String[]::new));
        }
        if (gone.length > 0) {
            jdbc.update(
                    "delete from read_model.statistics_territory_state where member_id = any(?) and kind = ?",
                    gone,
                    kind.name());
        }
    }
}

package io.haulstream.query.territories;

import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.TerritoryCreated;
import io.haulstream.events.TerritoryReshaped;
import io.haulstream.events.TerritoryRetired;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.territories}: the batch's events are folded per territory, then the
 * territories created in the batch are inserted in one statement and the others changed in one.
 * Which bins and routes they hold is {@link TerritoryMembershipProjector}'s, which runs after this
 * one and after the bins and routes, so it sees all three brought up to the batch's end.
 */
@Component
@Order(25)
class TerritoriesProjector implements Projector {

    private final JdbcTemplate jdbc;

    TerritoriesProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(TerritoryCreated.class, TerritoryReshaped.class, TerritoryRetired.class);
    }

    /** What the batch did to one territory; {@code null} is "unchanged". */
    private static final class Change {
        TerritoryCreated created;
        List<GeoPoint> boundary;
        boolean retired;
        int versions;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, Change> byTerritory = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            Change change = byTerritory.computeIfAbsent(projected.aggregateId(), id -> new Change());
            change.versions++;
            if (projected.event() instanceof TerritoryCreated created) {
                change.created = created;
                change.boundary = created.boundary();
            } else if (projected.event() instanceof TerritoryReshaped reshaped) {
                change.boundary = reshaped.boundary();
            } else if (projected.event() instanceof TerritoryRetired) {
                change.retired = true;
            }
        }
        List<Map.Entry<String, Change>> created = byTerritory.entrySet().stream()
                .filter(entry -> entry.getValue().created != null)
                .toList();
        List<Map.Entry<String, Change>> changed = byTerritory.entrySet().stream()
                .filter(entry -> entry.getValue().created == null)
                .toList();
        if (!created.isEmpty()) {
            jdbc.update(
                    "insert into read_model.territories (territory_id, organization_id, name, boundary, created_at,"
                            + " retired, version, updated_at)"
                            + " select t.id, t.organization_id, t.name, ST_GeomFromEWKB(decode(t.boundary, 'hex')),"
                            + " t.created_at, t.retired, t.versions, now()"
                            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[],"
                            + " ?::bigint[]) as t(id, organization_id, name, boundary, created_at, retired, versions)"
                            + " on conflict (territory_id) do nothing",
                    ids(created),
                    created.stream()
                            .map(entry -> entry.getValue().created.organizationId())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.name())
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> polygon(entry.getValue().boundary))
                            .toArray(String[]::new),
                    created.stream()
                            .map(entry -> entry.getValue().created.createdAt().toString())
                            .toArray(String[]::new),
                    created.stream().map(entry -> entry.getValue().retired).toArray(Boolean[]::new),
                    versions(created));
        }
        if (!changed.isEmpty()) {
            jdbc.update(
                    "update read_model.territories u set"
                            + " boundary = coalesce(ST_GeomFromEWKB(decode(c.boundary, 'hex')), u.boundary),"
                            + " retired = u.retired or c.retired, version = u.version + c.versions, updated_at = now()"
                            + " from unnest(?::text[], ?::text[], ?::boolean[], ?::bigint[])"
                            + " as c(id, boundary, retired, versions)"
                            + " where u.territory_id = any(?) and u.territory_id = c.id",
                    ids(changed),
                    changed.stream()
                            .map(entry -> entry.getValue().boundary == null ? null : polygon(entry.getValue().boundary))
                            .toArray(String[]::new),
                    changed.stream().map(entry -> entry.getValue().retired).toArray(Boolean[]::new),
                    versions(changed),
                    ids(changed));
        }
    }

    private static String[] ids(List<Map.Entry<String, Change>> rows) {
        return rows.stream().map(Map.Entry::getKey).toArray(String[]::new);
    }

    private static Long[] versions(List<Map.Entry<String, Change>> rows) {
        return rows.stream().map(entry -> (long) entry.getValue().versions).toArray(Long[]::new);
    }

    /**
     * The ring as extended WKB (little-endian Polygon of one ring, SRID 4326) in hex: exact doubles
     * with no number formatting, as the routes' paths are written.
     */
    static String polygon(List<GeoPoint> ring) {
        ByteBuffer wkb =
                ByteBuffer.allocate(1 + 4 + 4 + 4 + 4 + 16 * ring.size()).order(ByteOrder.LITTLE_ENDIAN);
        wkb.put((byte) 1).putInt(0x20000003).putInt(4326).putInt(1).putInt(ring.size());
        ring.forEach(point -> wkb.putDouble(point.longitude()).putDouble(point.latitude()));
        return HexFormat.of().formatHex(wkb.array());
    }
}

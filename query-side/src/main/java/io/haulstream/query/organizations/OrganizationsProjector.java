package io.haulstream.query.organizations;

import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationDeactivated;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.organizations}: the batch's events are folded per organization, then
 * organizations registered in the batch are inserted in one statement and the others changed in one.
 */
@Component
@Order(10)
class OrganizationsProjector implements Projector {

    private final JdbcTemplate jdbc;

    OrganizationsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(OrganizationRegistered.class, OrganizationRenamed.class, OrganizationDeactivated.class);
    }

    /** What the batch did to one organization; {@code null} is "unchanged". */
    private static final class Change {
        OrganizationRegistered registered;
        String name;
        boolean deactivated;
        int versions;
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, Change> byOrganization = new LinkedHashMap<>();
        for (ProjectedEvent projected : events) {
            Change change = byOrganization.computeIfAbsent(projected.aggregateId(), id -> new Change());
            change.versions++;
            if (projected.event() instanceof OrganizationRegistered registered) {
                change.registered = registered;
                change.name = registered.name();
            } else if (projected.event() instanceof OrganizationRenamed renamed) {
                change.name = renamed.name();
            } else if (projected.event() instanceof OrganizationDeactivated) {
                change.deactivated = true;
            }
        }
        List<Map.Entry<String, Change>> registered = byOrganization.entrySet().stream()
                .filter(entry -> entry.getValue().registered != null)
                .toList();
        List<Map.Entry<String, Change>> changed = byOrganization.entrySet().stream()
                .filter(entry -> entry.getValue().registered == null)
                .toList();
        if (!registered.isEmpty()) {
            jdbc.update(
                    "insert into read_model.organizations (organization_id, name, registered_at, active, version)"
                            + " select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::bigint[])",
                    ids(registered),
                    registered.stream().map(entry -> entry.getValue().name).toArray(String[]::new),
                    registered.stream()
                            .map(entry ->
                                    entry.getValue().registered.registeredAt().toString())
                            .toArray(String[]::new),
                    registered.stream()
                            .map(entry -> !entry.getValue().deactivated)
                            .toArray(Boolean[]::new),
                    registered.stream()
                            .map(entry -> (long) entry.getValue().versions)
                            .toArray(Long[]::new));
        }
        if (!changed.isEmpty()) {
            jdbc.update(
                    "update read_model.organizations o set name = coalesce(c.name, o.name),"
                            + " active = o.active and not c.deactivated, version = o.version + c.versions"
                            + " from unnest(?::text[], ?::text[], ?::boolean[], ?::bigint[])"
                            + " as c(id, name, deactivated, versions) where o.organization_id = c.id",
                    ids(changed),
                    changed.stream().map(entry -> entry.getValue().name).toArray(String[]::new),
                    changed.stream().map(entry -> entry.getValue().deactivated).toArray(Boolean[]::new),
                    changed.stream()
                            .map(entry -> (long) entry.getValue().versions)
                            .toArray(Long[]::new));
        }
    }

    private static String[] ids(List<Map.Entry<String, Change>> entries) {
        return entries.stream().map(Map.Entry::getKey).toArray(String[]::new);
    }
}

package io.haulstream.query.bins;

import static io.haulstream.query.projection.Columns.column;
import static io.haulstream.query.projection.Columns.ids;

import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.CustomerRegistered;
import io.haulstream.events.CustomerUpdated;
import io.haulstream.events.GeoPoint;
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.bins}. A bin's own events are folded per bin, then bins placed in the
 * batch are inserted in one statement and the others changed in one. Organization, customer and
 * route events reach it too because their names and the route are copied into every bin row;
 * events of different aggregates arrive in any order across partitions, so the copies are taken
 * from the organizations, customers and route stops tables, which the projectors ordered before
 * this one have already brought up to the batch's end: whichever event comes second fills them
 * in. A bin's route is the route of its newest stop. Every statement returns the bins it touched,
 * which are exactly the cache entries to refresh. A bin's row names who made its newest change and
 * when ({@code changed_by}, {@code changed_at}); copies of other aggregates' names change neither.
 */
@Component
@Order(40)
class BinsProjector implements Projector {

    private static final String NEWEST_ROUTE = "(select s.route_id from read_model.route_stops s"
            + " where s.bin_id = %s order by s.assigned_at desc, s.route_id limit 1)";

    private final JdbcTemplate jdbc;

    BinsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Class<? extends HaulstreamEvent>> handles() {
        return Set.of(
                BinPlaced.class,
                BinMoved.class,
                BinStatusChanged.class,
                BinFillLevelReported.class,
                BinServiced.class,
                BinRemoved.class,
                OrganizationRegistered.class,
                OrganizationRenamed.class,
                CustomerRegistered.class,
                CustomerUpdated.class,
                BinAssignedToRoute.class,
                BinUnassignedFromRoute.class,
                RouteDeleted.class);
    }

    /** What the batch did to one bin's own columns; {@code null} is "unchanged". */
    private static final class Change {
        BinPlaced placed;
        GeoPoint location;
        String status;
        Integer fillPercent;
        Instant fillReportedAt;
        Instant lastServicedAt;
        int services;
        boolean deleted;
        int versions;
        /** Who made the newest of the batch's changes to the bin, and when it was stored. */
        String changedBy;

        Instant changedAt;
    }

    /** The copies the batch made stale: whose names and which bins' routes to take again. */
    private static final class Copies {
        final Set<String> organizations = new LinkedHashSet<>();
        final Set<String> customers = new LinkedHashSet<>();
        final Set<String> binsOnRoutes = new LinkedHashSet<>();
        final Set<String> deletedRoutes = new LinkedHashSet<>();
    }

    @Override
    public void project(List<ProjectedEvent> events, Changes changes) {
        Map<String, Change> byBin = new LinkedHashMap<>();
        Copies copies = new Copies();
        for (ProjectedEvent projected : events) {
            Change touched = fold(projected.event(), byBin, copies);
            if (touched != null) {
                touched.changedBy = projected.actorSubject();
                touched.changedAt = projected.occurredAt();
            }
        }
        List<Map.Entry<String, Change>> placed = byBin.entrySet().stream()
                .filter(entry -> entry.getValue().placed != null)
                .toList();
        List<Map.Entry<String, Change>> changed = byBin.entrySet().stream()
                .filter(entry -> entry.getValue().placed == null)
                .toList();
        if (!placed.isEmpty()) {
            changes.binsChanged(insert(placed));
        }
        if (!changed.isEmpty()) {
            changes.binsChanged(update(changed));
        }
        if (!copies.organizations.isEmpty()) {
            changes.binsChanged(jdbc.queryForList(
                    "update read_model.bins b set organization_name = o.name, version = b.version + 1,"
                            + " updated_at = now() from read_model.organizations o"
                            + " where b.organization_id = any(?) and o.organization_id = b.organization_id"
                            + " and b.organization_name is distinct from o.name returning b.bin_id",
                    String.class,
                    (Object) copies.organizations.toArray(String[]::new)));
        }
        if (!copies.customers.isEmpty()) {
            changes.binsChanged(jdbc.queryForList(
                    "update read_model.bins b set customer_name = c.name, service_address = c.service_address,"
                            + " version = b.version + 1, updated_at = now() from read_model.customers c"
                            + " where b.customer_id = any(?) and c.customer_id = b.customer_id"
                            + " and (b.customer_name is distinct from c.name"
                            + " or b.service_address is distinct from c.service_address) returning b.bin_id",
                    String.class,
                    (Object) copies.customers.toArray(String[]::new)));
        }
        if (!copies.binsOnRoutes.isEmpty() || !copies.deletedRoutes.isEmpty()) {
            changes.binsChanged(newestRoutes(copies));
        }
    }

    /**
     * Gives the bins whose stops the batch changed, and the bins of the routes it deleted, the route
     * of their newest stop. One table, selected by index on its own columns: written as a join with a
     * list of bins, the generic plan PostgreSQL settles on for repeated statements hashed the whole
     * bins table per batch (1.7 s at a million bins). The bins of a deleted route are found by
     * reading bins whole: no index on {@code route_id}, so that a route assignment stays a HOT update
     * (V46), and a route is deleted far more rarely than its stops change.
     */
    private List<String> newestRoutes(Copies copies) {
        String newest = NEWEST_ROUTE.formatted("b.bin_id");
        List<String> conditions = new java.util.ArrayList<>();
        List<Object> arguments = new java.util.ArrayList<>();
        if (!copies.binsOnRoutes.isEmpty()) {
            conditions.add("b.bin_id = any(?)");
            arguments.add(copies.binsOnRoutes.toArray(String[]::new));
        }
        if (!copies.deletedRoutes.isEmpty()) {
            conditions.add("b.route_id = any(?)");
            arguments.add(copies.deletedRoutes.toArray(String[]::new));
        }
        return jdbc.queryForList(
                "update read_model.bins b set route_id = " + newest + ", version = b.version + 1, updated_at = now()"
                        + " where (" + String.join(" or ", conditions) + ") and b.route_id is distinct from " + newest
                        + " returning b.bin_id",
                String.class,
                arguments.toArray());
    }

    /** @return the change of the bin whose own columns the event changed, null for a copy or no change */
    private static Change fold(HaulstreamEvent event, Map<String, Change> byBin, Copies copies) {
        if (event instanceof BinPlaced placed) {
            Change change = change(byBin, placed.binId());
            change.placed = placed;
            change.location = placed.location();
            change.status = "ACTIVE";
            return change;
        } else if (event instanceof BinMoved moved) {
            Change change = change(byBin, moved.binId());
            change.location = moved.location();
            return change;
        } else if (event instanceof BinStatusChanged changed) {
            Change change = change(byBin, changed.binId());
            change.status = changed.to().name();
            return change;
        } else if (event instanceof BinFillLevelReported reported) {
            Change change = change(byBin, reported.binId());
            change.fillPercent = reported.fillPercent();
            change.fillReportedAt = reported.reportedAt();
            return change;
        } else if (event instanceof BinServiced serviced && serviced.outcome() == ServiceOutcome.EMPTIED) {
            Change change = change(byBin, serviced.binId());
            change.lastServicedAt = serviced.servicedAt();
            change.services++;
            change.fillPercent = 0;
            return change;
        } else if (event instanceof BinRemoved removed) {
            Change change = change(byBin, removed.binId());
            change.deleted = true;
            return change;
        } else if (event instanceof OrganizationRegistered registered) {
            copies.organizations.add(registered.organizationId());
        } else if (event instanceof OrganizationRenamed renamed) {
            copies.organizations.add(renamed.organizationId());
        } else if (event instanceof CustomerRegistered registered) {
            copies.customers.add(registered.customerId());
        } else if (event instanceof CustomerUpdated updated) {
            copies.customers.add(updated.customerId());
        } else if (event instanceof BinAssignedToRoute assigned) {
            copies.binsOnRoutes.add(assigned.binId());
        } else if (event instanceof BinUnassignedFromRoute unassigned) {
            copies.binsOnRoutes.add(unassigned.binId());
        } else if (event instanceof RouteDeleted deleted) {
            copies.deletedRoutes.add(deleted.routeId());
        }
        return null;
    }

    private static Change change(Map<String, Change> byBin, String binId) {
        Change change = byBin.computeIfAbsent(binId, id -> new Change());
        change.versions++;
        return change;
    }

    private List<String> insert(List<Map.Entry<String, Change>> placed) {
        return jdbc.queryForList(
                "insert into read_model.bins (bin_id, organization_id, organization_name, customer_id, customer_name,"
                        + " service_address, tag, container_type, waste_stream, capacity_litres, status, location,"
                        + " placed_at, fill_percent, fill_reported_at, last_serviced_at, service_count, deleted,"
                        + " route_id, version, updated_at, changed_by, changed_at)"
                        + " select p.id, p.organization_id, o.name, p.customer_id, c.name, c.service_address, p.tag,"
                        + " p.container_type, p.waste_stream, p.capacity, p.status,"
                        + " ST_SetSRID(ST_MakePoint(p.longitude, p.latitude), 4326)::geography, p.placed_at, p.fill,"
                        + " p.fill_at, p.serviced_at, p.services, p.deleted, " + NEWEST_ROUTE.formatted("p.id") + ","
                        + " p.versions, now(), p.changed_by, p.changed_at"
                        + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],"
                        + " ?::text[], ?::float8[], ?::float8[], ?::timestamptz[], ?::int[], ?::timestamptz[],"
                        + " ?::timestamptz[], ?::int[], ?::boolean[], ?::bigint[], ?::text[], ?::timestamptz[])"
                        + " as p(id, organization_id, customer_id, tag, container_type, waste_stream, capacity, status,"
                        + " longitude, latitude, placed_at, fill, fill_at, serviced_at, services, deleted, versions,"
                        + " changed_by, changed_at)"
                        + " left join read_model.organizations o on o.organization_id = p.organization_id"
                        + " left join read_model.customers c on c.customer_id = p.customer_id"
                        + " returning bin_id",
                String.class,
                ids(placed),
                column(placed, change -> change.placed.organizationId()),
                column(placed, change -> change.placed.customerId()),
                column(placed, change -> change.placed.tag()),
                column(placed, change -> change.placed.containerType().name()),
                column(placed, change -> change.placed.wasteStream().name()),
                placed.stream()
                        .map(entry -> entry.getValue().placed.capacityLitres())
                        .toArray(Integer[]::new),
                column(placed, change -> change.status),
                placed.stream()
                        .map(entry -> entry.getValue().location.longitude())
                        .toArray(Double[]::new),
                placed.stream()
                        .map(entry -> entry.getValue().location.latitude())
                        .toArray(Double[]::new),
                column(placed, change -> change.placed.placedAt().toString()),
                placed.stream().map(entry -> entry.getValue().fillPercent).toArray(Integer[]::new),
                column(placed, change -> text(change.fillReportedAt)),
                column(placed, change -> text(change.lastServicedAt)),
                placed.stream().map(entry -> entry.getValue().services).toArray(Integer[]::new),
                placed.stream().map(entry -> entry.getValue().deleted).toArray(Boolean[]::new),
                versions(placed),
                column(placed, change -> change.changedBy),
                column(placed, change -> text(change.changedAt)));
    }

    private List<String> update(List<Map.Entry<String, Change>> changed) {
        return jdbc.queryForList(
                "update read_model.bins b set"
                        + " location = coalesce(ST_SetSRID(ST_MakePoint(p.longitude, p.latitude), 4326)::geography,"
                        + " b.location), status = coalesce(p.status, b.status),"
                        + " fill_percent = coalesce(p.fill, b.fill_percent),"
                        + " fill_reported_at = coalesce(p.fill_at, b.fill_reported_at),"
                        + " last_serviced_at = coalesce(p.serviced_at, b.last_serviced_at),"
                        + " service_count = b.service_count + p.services, deleted = b.deleted or p.deleted,"
                        + " version = b.version + p.versions, updated_at = now(),"
                        // Every folded change has its newest event's time; its actor may be null on purpose.
                        + " changed_by = p.changed_by, changed_at = p.changed_at"
                        + " from unnest(?::text[], ?::float8[], ?::float8[], ?::text[], ?::int[], ?::timestamptz[],"
                        + " ?::timestamptz[], ?::int[], ?::boolean[], ?::bigint[], ?::text[], ?::timestamptz[])"
                        + " as p(id, longitude, latitude, status, fill, fill_at, serviced_at, services, deleted,"
                        + " versions, changed_by, changed_at)"
                        + " where b.bin_id = any(?) and b.bin_id = p.id returning b.bin_id",
                String.class,
                ids(changed),
                changed.stream()
                        .map(entry -> entry.getValue().location == null
                                ? null
                                : entry.getValue().location.longitude())
                        .toArray(Double[]::new),
                changed.stream()
                        .map(entry -> entry.getValue().location == null
                                ? null
                                : entry.getValue().location.latitude())
                        .toArray(Double[]::new),
                column(changed, change -> change.status),
                changed.stream().map(entry -> entry.getValue().fillPercent).toArray(Integer[]::new),
                column(changed, change -> text(change.fillReportedAt)),
                column(changed, change -> text(change.lastServicedAt)),
                changed.stream().map(entry -> entry.getValue().services).toArray(Integer[]::new),
                changed.stream().map(entry -> entry.getValue().deleted).toArray(Boolean[]::new),
                versions(changed),
                column(changed, change -> change.changedBy),
                column(changed, change -> text(change.changedAt)),
                ids(changed));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Long[] versions(List<Map.Entry<String, Change>> entries) {
        return entries.stream().map(entry -> (long) entry.getValue().versions).toArray(Long[]::new);
    }
}

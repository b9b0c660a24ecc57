package io.haulstream.query.bins;

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
import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.haulstream.events.OrganizationRenamed;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.ServiceOutcome;
import io.haulstream.query.projection.Changes;
import io.haulstream.query.projection.ProjectedEvent;
import io.haulstream.query.projection.Projector;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code read_model.bins}. Organization, customer and route events reach it too because
 * their names are copied into every bin row; events of different aggregates may arrive in any
 * order across partitions, so a copied name is filled in by whichever event comes second. Every
 * update returns the bins it touched, which are exactly the cache entries to refresh.
 */
@Component
class BinsProjector implements Projector {

    private static final String TOUCH = ", version = version + 1, updated_at = now()";

    /**
     * The route a bin falls back to when it leaves the route given as the parameter: the newest of
     * its other stops, or none. The leaving stop is excluded by id because the routes projector may
     * remove it before or after this update.
     */
    private static final String OTHER_ROUTE = "(select s.route_id from read_model.route_stops s"
            + " WHERE s.bin_id = bins.bin_id and s.route_id <> ? order by s.assigned_at desc, s.route_id limit 1)";

    private final JdbcTemplate jdbc;

    BinsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void project(ProjectedEvent projected, Changes changes) {
        HaulstreamEvent event = projected.event();
        if (event instanceof BinPlaced placed) {
            place(placed);
            changes.binChanged(placed.binId());
        } else if (event instanceof BinMoved moved) {
            changes.binsChanged(update(
                    "location = ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography where bin_id = ?",
                    moved.location().longitude(),
                    moved.location().latitude(),
                    moved.binId()));
        } else if (event instanceof BinStatusChanged changed) {
            changes.binsChanged(
                    update("status = ? where bin_id = ?", changed.to().name(), changed.binId()));
        } else if (event instanceof BinFillLevelReported reported) {
            changes.binsChanged(update(
                    "fill_percent = ?, fill_reported_at = ? where bin_id = ?",
                    reported.fillPercent(),
                    Timestamp.from(reported.reportedAt()),
                    reported.binId()));
        } else if (event instanceof BinServiced serviced && serviced.outcome() == ServiceOutcome.EMPTIED) {
            changes.binsChanged(update(
                    "last_serviced_at = ?, service_count = service_count + 1, fill_percent = 0 where bin_id = ?",
                    Timestamp.from(serviced.servicedAt()),
                    serviced.binId()));
        } else if (event instanceof BinRemoved removed) {
            changes.binsChanged(update("deleted = true where bin_id = ?", removed.binId()));
        } else if (event instanceof OrganizationRegistered registered) {
            changes.binsChanged(organizationName(registered.organizationId(), registered.name()));
        } else if (event instanceof OrganizationRenamed renamed) {
            changes.binsChanged(organizationName(renamed.organizationId(), renamed.name()));
        } else if (event instanceof CustomerRegistered registered) {
            changes.binsChanged(customer(registered.customerId(), registered.name(), registered.serviceAddress()));
        } else if (event instanceof CustomerUpdated updated) {
            changes.binsChanged(customer(updated.customerId(), updated.name(), updated.serviceAddress()));
        } else if (event instanceof BinAssignedToRoute assigned) {
            changes.binsChanged(update("route_id = ? where bin_id = ?", assigned.routeId(), assigned.binId()));
        } else if (event instanceof BinUnassignedFromRoute unassigned) {
            changes.binsChanged(update(
                    "route_id = " + OTHER_ROUTE + " where bin_id = ? and route_id = ?",
                    unassigned.routeId(),
                    unassigned.binId(),
                    unassigned.routeId()));
        } else if (event instanceof RouteDeleted deleted) {
            changes.binsChanged(
                    update("route_id = " + OTHER_ROUTE + " where route_id = ?", deleted.routeId(), deleted.routeId()));
        }
    }

    /**
     * A bin's assignment is a route event and may be projected before this one (another partition):
     * the stop is then already in {@code read_model.route_stops}, kept by the routes projector, and
     * the bin takes its route from there. A bin that is a stop of several routes takes the one it was
     * assigned to last.
     */
    private void place(BinPlaced placed) {
        jdbc.update(
                "insert into read_model.bins (bin_id, organization_id, organization_name, customer_id, customer_name,"
                        + " service_address, tag, container_type, waste_stream, capacity_litres, status, location,"
                        + " placed_at, route_id, version, updated_at)"
                        + " select ?, ?, (select name from read_model.organizations where organization_id = ?),"
                        + " ?, c.name, c.service_address, ?, ?, ?, ?, 'ACTIVE',"
                        + " ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?,"
                        + " (select route_id from read_model.route_stops where bin_id = ?"
                        + " order by assigned_at desc, route_id limit 1), 1, now()"
                        + " from (select 1) one left join read_model.customers c on c.customer_id = ?",
                placed.binId(),
                placed.organizationId(),
                placed.organizationId(),
                placed.customerId(),
                placed.tag(),
                placed.containerType().name(),
                placed.wasteStream().name(),
                placed.capacityLitres(),
                placed.location().longitude(),
                placed.location().latitude(),
                Timestamp.from(placed.placedAt()),
                placed.binId(),
                placed.customerId());
    }

    private List<String> organizationName(String organizationId, String name) {
        return update(
                "organization_name = ? where organization_id = ? and organization_name is distinct from ?",
                name,
                organizationId,
                name);
    }

    private List<String> customer(String customerId, String name, String serviceAddress) {
        return update("customer_name = ?, service_address = ? where customer_id = ?", name, serviceAddress, customerId);
    }

    /**
     * @param assignmentsAndWhere the SET list's own part and the WHERE clause, e.g. {@code "status = ? where bin_id = ?"};
     *     the last lower-case {@code " where "} starts the WHERE clause, so a subquery in the SET list keeps its own
     */
    private List<String> update(String assignmentsAndWhere, Object... arguments) {
        int where = assignmentsAndWhere.lastIndexOf(" where ");
        String sql = "update read_model.bins set " + assignmentsAndWhere.substring(0, where) + TOUCH
                + assignmentsAndWhere.substring(where) + " returning bin_id";
        return jdbc.queryForList(sql, String.class, arguments);
    }
}

package io.haulstream.command.route;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.haulstream.command.domain.Directory;
import io.haulstream.command.domain.Locations;
import io.haulstream.command.domain.Names;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinAssignedToRoute;
import io.haulstream.events.BinUnassignedFromRoute;
import io.haulstream.events.RouteCreated;
import io.haulstream.events.RouteDeleted;
import io.haulstream.events.RouteGeometryChanged;
import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteStatusChanged;
import io.haulstream.events.fleet.RouteCompletedRecord;
import io.haulstream.events.fleet.RouteStartedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A route: its status and its stops in driving order. Fields are read directly for snapshots; the
 * revision changes whenever they do, so an older snapshot is never used.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Route {

    static final int MAX_STOPS = 2_000;

    @AggregateIdentifier
    private String routeId;

    private String organizationId;
    private RouteStatus status;
    private boolean deleted;
    private final List<String> stops = new ArrayList<>();

    Route() {}

    @CommandHandler
    Route(CreateRoute command, Directory directory) {
        String name = Names.require("name", command.name());
        String territory = Names.require("territory", command.territory());
        if (command.type() == null) {
            throw new RuleViolation("type", "is required");
        }
        if (command.serviceDay() == null) {
            throw new RuleViolation("serviceDay", "is required");
        }
        Locations.requireValidPath("path", command.path());
        if (!directory.isActiveOrganization(command.organizationId())) {
            throw new RuleViolation(
                    "organizationId", "no active organization is registered with id " + command.organizationId());
        }
        apply(new RouteCreated(
                command.routeId(),
                command.organizationId(),
                name,
                command.type(),
                command.serviceDay(),
                territory,
                List.copyOf(command.path()),
                command.createdAt()));
    }

    @CommandHandler
    void handle(ChangeRouteGeometry command) {
        requireExistingIn(command.organizationId());
        Locations.requireValidPath("path", command.path());
        apply(new RouteGeometryChanged(routeId, organizationId, List.copyOf(command.path()), command.changedAt()));
    }

    @CommandHandler
    void handle(ChangeRouteStatus command, Directory directory) {
        NotInOrganization.checkFleetSystem(directory, command.fleetSystem(), "route", routeId, organizationId);
        requireExistingIn(command.organizationId());
        RouteStatus next = command.status();
        if (next == null) {
            throw new RuleViolation("status", "is required");
        }
        // A fleet record repeated after the route moved on (started again after it completed) must
        // still change nothing, which the route's status alone cannot tell.
        if (command.fleetRecordId() != null
                && !directory.claimFleetRecord(
                        command.fleetSystem(), command.fleetRecordId(), fleetRecordType(next), routeId)) {
            return;
        }
        if (next == status && command.repeatIsHarmless()) {
            return;
        }
        if (!RouteLifecycle.allows(status, next)) {
            throw new RuleViolation(
                    "status", "a " + status + " route can only become one of " + RouteLifecycle.after(status));
        }
        apply(new RouteStatusChanged(routeId, organizationId, status, next, command.changedAt()));
    }

    @CommandHandler
    void handle(AssignBinToRoute command, Directory directory) {
        requireExistingIn(command.organizationId());
        Optional<String> binOrganization = directory.organizationOfPlacedBin(command.binId());
        if (binOrganization.isEmpty() || !binOrganization.get().equals(organizationId)) {
            throw new RuleViolation("binId", "no placed bin " + command.binId() + " in this route's organization");
        }
        if (stops.contains(command.binId())) {
            throw new RuleViolation("binId", "the bin is already a stop of this route");
        }
        if (stops.size() >= MAX_STOPS) {
            throw new RuleViolation("binId", "a route has at most " + MAX_STOPS + " stops");
        }
        int index = command.stopIndex() == null ? stops.size() : command.stopIndex();
        if (index < 0 || index > stops.size()) {
            throw new RuleViolation("stopIndex", "must be between 0 and " + stops.size());
        }
        apply(new BinAssignedToRoute(routeId, organizationId, command.binId(), index, command.assignedAt()));
    }

    @CommandHandler
    void handle(UnassignBinFromRoute command) {
        requireExistingIn(command.organizationId());
        if (!stops.contains(command.binId())) {
            throw new RuleViolation("binId", "the bin is not a stop of this route");
        }
        apply(new BinUnassignedFromRoute(routeId, organizationId, command.binId(), command.unassignedAt()));
    }

    @CommandHandler
    void handle(DeleteRoute command) {
        requireExistingIn(command.organizationId());
        if (status == RouteStatus.IN_PROGRESS) {
            throw new RuleViolation("routeId", "a route in progress cannot be deleted");
        }
        apply(new RouteDeleted(routeId, organizationId, command.deletedAt()));
    }

    private static String fleetRecordType(RouteStatus reported) {
        return (reported == RouteStatus.COMPLETED ? RouteCompletedRecord.class : RouteStartedRecord.class)
                .getSimpleName();
    }

    private void requireExistingIn(String claimedOrganization) {
        NotInOrganization.check("route", routeId, organizationId, claimedOrganization);
        if (deleted) {
            throw new RuleViolation("routeId", "the route was deleted");
        }
    }

    @EventSourcingHandler
    void on(RouteCreated event) {
        routeId = event.routeId();
        organizationId = event.organizationId();
        status = RouteStatus.PLANNED;
    }

    @EventSourcingHandler
    void on(RouteStatusChanged event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(BinAssignedToRoute event) {
        stops.add(event.stopIndex(), event.binId());
    }

    @EventSourcingHandler
    void on(BinUnassignedFromRoute event) {
        stops.remove(event.binId());
    }

    @EventSourcingHandler
    void on(RouteDeleted event) {
        deleted = true;
    }
}

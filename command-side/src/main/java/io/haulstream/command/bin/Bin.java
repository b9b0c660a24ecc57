package io.haulstream.command.bin;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.haulstream.command.domain.Directory;
import io.haulstream.command.domain.InputLimits;
import io.haulstream.command.domain.Locations;
import io.haulstream.command.domain.NotInOrganization;
import io.haulstream.command.domain.RuleViolation;
import io.haulstream.events.BinFillLevelReported;
import io.haulstream.events.BinMoved;
import io.haulstream.events.BinPlaced;
import io.haulstream.events.BinRemoved;
import io.haulstream.events.BinServiced;
import io.haulstream.events.BinStatus;
import io.haulstream.events.BinStatusChanged;
import io.haulstream.events.fleet.BinServicedRecord;
import io.haulstream.events.fleet.FillLevelReportedRecord;
import io.haulstream.events.fleet.FleetRecord;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A bin: where it stands, whether it is in service. Fleet record ids are not kept here: a repeat is
 * recognised by claiming the id in the command-side table of applied records, in the command's
 * transaction, so the aggregate stays small however long the bin lives. Fields are read directly
 * for snapshots; the revision changes whenever they do, so an older snapshot is never used.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Bin {

    static final int MAX_CAPACITY_LITRES = 60_000;
    static final int MAX_TAG_LENGTH = 64;
    static final int MAX_VEHICLE_ID_LENGTH = InputLimits.VEHICLE_ID;
    static final double MAX_WEIGHT_KG = 40_000;

    @AggregateIdentifier
    private String binId;

    private String organizationId;
    private BinStatus status;
    private boolean removed;

    Bin() {}

    @CommandHandler
    Bin(PlaceBin command, Directory directory) {
        String tag = command.tag() == null ? "" : command.tag().strip();
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            throw new RuleViolation("tag", "must be 1 to " + MAX_TAG_LENGTH + " characters");
        }
        if (command.containerType() == null) {
            throw new RuleViolation("containerType", "is required");
        }
        if (command.wasteStream() == null) {
            throw new RuleViolation("wasteStream", "is required");
        }
        if (command.capacityLitres() <= 0 || command.capacityLitres() > MAX_CAPACITY_LITRES) {
            throw new RuleViolation("capacityLitres", "must be between 1 and " + MAX_CAPACITY_LITRES);
        }
        Locations.requireValid("location", command.location());
        if (!directory.isActiveOrganization(command.organizationId())) {
            throw new RuleViolation(
                    "organizationId", "no active organization is registered with id " + command.organizationId());
        }
        Optional<String> customerOrganization = directory.organizationOfOpenCustomer(command.customerId());
        if (customerOrganization.isEmpty() || !customerOrganization.get().equals(command.organizationId())) {
            throw new RuleViolation("customerId", "no open customer " + command.customerId() + " in this organization");
        }
        if (directory.isTagTaken(command.organizationId(), tag)) {
            throw Directory.tagTaken();
        }
        apply(new BinPlaced(
                command.binId(),
                command.organizationId(),
                command.customerId(),
                tag,
                command.containerType(),
                command.wasteStream(),
                command.capacityLitres(),
                command.location(),
                command.placedAt()));
    }

    @CommandHandler
    void handle(MoveBin command) {
        requirePlacedIn(command.organizationId());
        Locations.requireValid("location", command.location());
        apply(new BinMoved(binId, organizationId, command.location(), command.movedAt()));
    }

    @CommandHandler
    void handle(ChangeBinStatus command) {
        requirePlacedIn(command.organizationId());
        if (command.status() == null) {
            throw new RuleViolation("status", "is required");
        }
        if (command.status() == status) {
            throw new RuleViolation("status", "the bin is already " + status);
        }
        apply(new BinStatusChanged(binId, organizationId, status, command.status(), command.changedAt()));
    }

    @CommandHandler
    void handle(ReportFillLevel command, Directory directory) {
        NotInOrganization.checkFleetSystem(directory, command.fleetSystem(), "bin", binId, organizationId);
        requirePlacedIn(command.organizationId());
        if (command.fillPercent() == null || command.fillPercent() < 0 || command.fillPercent() > 100) {
            throw new RuleViolation("fillPercent", "must be between 0 and 100");
        }
        if (isRepeat(command.fleetSystem(), command.fleetRecordId(), FillLevelReportedRecord.class, directory)) {
            return;
        }
        apply(new BinFillLevelReported(
                binId, organizationId, command.fillPercent(), command.fleetRecordId(), command.reportedAt()));
    }

    @CommandHandler
    void handle(ServiceBin command, Directory directory) {
        NotInOrganization.checkFleetSystem(directory, command.fleetSystem(), "bin", binId, organizationId);
        requirePlacedIn(command.organizationId());
        if (isRepeat(command.fleetSystem(), command.fleetRecordId(), BinServicedRecord.class, directory)) {
            return;
        }
        if (status == BinStatus.RETIRED) {
            throw new RuleViolation("binId", "the bin is retired and cannot be serviced");
        }
        // A crew may empty a bin that is not one of the route's stops, but only on a route of its own hauler.
        if (command.routeId() != null
                && !directory.organizationOfRoute(command.routeId()).equals(Optional.of(organizationId))) {
            throw new RuleViolation("routeId", "no route " + command.routeId() + " in this organization");
        }
        if (command.outcome() == null) {
            throw new RuleViolation("outcome", "is required");
        }
        if (command.weightKg() != null
                && (!Double.isFinite(command.weightKg())
                        || command.weightKg() < 0
                        || command.weightKg() > MAX_WEIGHT_KG)) {
            throw new RuleViolation("weightKg", "must be between 0 and " + (int) MAX_WEIGHT_KG);
        }
        if (command.vehicleId() != null
                && (command.vehicleId().isBlank() || command.vehicleId().length() > MAX_VEHICLE_ID_LENGTH)) {
            throw new RuleViolation("vehicleId", "must be 1 to " + MAX_VEHICLE_ID_LENGTH + " characters, not blank");
        }
        apply(new BinServiced(
                binId,
                organizationId,
                command.routeId(),
                command.outcome(),
                command.weightKg(),
                command.fleetRecordId(),
                command.vehicleId(),
                command.servicedAt()));
    }

    @CommandHandler
    void handle(RemoveBin command, Directory directory) {
        requirePlacedIn(command.organizationId());
        // A stop whose bin is gone would send crews to an empty place; the dispatcher decides which route loses it.
        List<String> routes = directory.routesWithStop(binId);
        if (!routes.isEmpty()) {
            throw new RuleViolation(
                    "binId", "the bin is a stop of route " + String.join(", ", routes) + "; unassign it first");
        }
        apply(new BinRemoved(binId, organizationId, command.removedAt()));
    }

    private void requirePlacedIn(String claimedOrganization) {
        NotInOrganization.check("bin", binId, organizationId, claimedOrganization);
        if (removed) {
            throw new RuleViolation("binId", "the bin was removed");
        }
    }

    /**
     * Fleets resend, and a resent record must change nothing. The claim is undone with the
     * command's transaction if a rule below refuses the command, so a refused record can be sent
     * again once fixed.
     */
    private boolean isRepeat(
            String fleetSystem, String fleetRecordId, Class<? extends FleetRecord> recordType, Directory directory) {
        return fleetRecordId != null
                && !directory.claimFleetRecord(fleetSystem, fleetRecordId, recordType.getSimpleName(), binId);
    }

    @EventSourcingHandler
    void on(BinPlaced event) {
        binId = event.binId();
        organizationId = event.organizationId();
        status = BinStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(BinStatusChanged event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(BinRemoved event) {
        removed = true;
    }
}

package io.haulstream.command.bin;

import io.haulstream.events.ServiceOutcome;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param organizationId null when a fleet system reports, which knows only the bin
 * @param fleetSystem the fleet system that reports it, null when nobody claims a fleet record id;
 *     it must be bound to the bin's organization
 * @param fleetRecordId the fleet system's own id of the service record; a repeat changes nothing
 * @param vehicleId the truck that serviced the bin, if the reporter named it
 */
public record ServiceBin(
        @TargetAggregateIdentifier String binId,
        String organizationId,
        String routeId,
        ServiceOutcome outcome,
        Double weightKg,
        String fleetSystem,
        String fleetRecordId,
        String vehicleId,
        Instant servicedAt) {}

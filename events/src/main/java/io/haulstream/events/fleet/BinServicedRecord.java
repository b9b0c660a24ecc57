package io.haulstream.events.fleet;

import io.haulstream.events.ServiceOutcome;
import java.time.Instant;

/** @param vehicleId the truck, in the fleet system's own naming, if the record names one */
public record BinServicedRecord(
        String fleetSystem,
        String recordId,
        String binId,
        String routeId,
        ServiceOutcome outcome,
        Double weightKg,
        String vehicleId,
        Instant occurredAt)
        implements FleetRecord {}

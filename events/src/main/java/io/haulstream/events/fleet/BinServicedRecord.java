package io.haulstream.events.fleet;

import io.haulstream.events.ServiceOutcome;
import java.time.Instant;

public record BinServicedRecord(
        String fleetSystem,
        String recordId,
        String binId,
        String routeId,
        ServiceOutcome outcome,
        Double weightKg,
        Instant occurredAt)
        implements FleetRecord {}

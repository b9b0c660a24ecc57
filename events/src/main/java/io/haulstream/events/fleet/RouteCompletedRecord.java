package io.haulstream.events.fleet;

import java.time.Instant;

public record RouteCompletedRecord(String fleetSystem, String recordId, String routeId, Instant occurredAt)
        implements FleetRecord {}

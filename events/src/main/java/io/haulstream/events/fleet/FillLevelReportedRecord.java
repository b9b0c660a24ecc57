package io.haulstream.events.fleet;

import java.time.Instant;

public record FillLevelReportedRecord(
        String fleetSystem, String recordId, String binId, Integer fillPercent, Instant occurredAt)
        implements FleetRecord {}

package io.haulstream.events;

import java.time.Instant;

/** @param fleetRecordId the reporting sensor's own record id; null when reported over HTTP */
@Revision("1")
public record BinFillLevelReported(
        String binId, String organizationId, int fillPercent, String fleetRecordId, Instant reportedAt)
        implements BinEvent {}

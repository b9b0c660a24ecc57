package io.haulstream.command.bin;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param organizationId null when a fleet sensor reports, which knows only the bin
 * @param fleetSystem the fleet system whose sensor reports; it must be bound to the bin's organization.
 *     Null over HTTP.
 * @param fleetRecordId the sensor's record id; a repeat changes nothing. Null over HTTP.
 */
public record ReportFillLevel(
        @TargetAggregateIdentifier String binId,
        String organizationId,
        Integer fillPercent,
        String fleetSystem,
        String fleetRecordId,
        Instant reportedAt) {}

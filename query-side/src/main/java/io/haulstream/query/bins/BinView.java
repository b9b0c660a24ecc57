package io.haulstream.query.bins;

import java.time.Instant;

/**
 * A bin as dispatchers read it, with its customer's and organization's names, so a list needs
 * no second query.
 *
 * @param territoryId the active territory of the organization whose boundary covers the bin, null in none
 * @param version the row version: grows with every change, and the cache never goes back to a lower one
 */
public record BinView(
        String binId,
        String organizationId,
        String organizationName,
        String customerId,
        String customerName,
        String serviceAddress,
        String tag,
        String containerType,
        String wasteStream,
        int capacityLitres,
        String status,
        Location location,
        Integer fillPercent,
        Instant fillReportedAt,
        Instant lastServicedAt,
        int serviceCount,
        String routeId,
        String territoryId,
        Instant placedAt,
        boolean removed,
        long version) {

    public record Location(double latitude, double longitude) {}
}

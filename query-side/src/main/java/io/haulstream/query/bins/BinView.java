package io.haulstream.query.bins;

import java.time.Instant;

/**
 * A bin as dispatchers read it, with its customer's and organization's names, so a list needs
 * no second query.
 *
 * @param territoryId the active territory of the organization whose boundary covers the bin, null in none
 * @param version the row version: grows with every change, and the cache never goes back to a lower one
 * @param changedBy who made the bin's newest change: the caller's token subject, or the fleet system's name
 *     for a fleet record; null when that change recorded no actor (its whole trail: {@code .../audit})
 * @param changedAt when the bin's newest change was stored; null for a bin not changed since it was kept
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
        long version,
        String changedBy,
        Instant changedAt) {

    public record Location(double latitude, double longitude) {}
}

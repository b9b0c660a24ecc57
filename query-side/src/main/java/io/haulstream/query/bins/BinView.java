package io.haulstream.query.bins;

import java.time.Instant;

/**
 * A bin as dispatchers read it, with its organization's name, so a list needs no second query.
 *
 * @param version the row version: grows with every change, and the cache never goes back to a lower one
 */
public record BinView(
        String binId,
        String organizationId,
        String organizationName,
        String tag,
        String containerType,
        String wasteStream,
        int capacityLitres,
        String status,
        Location location,
        Instant placedAt,
        long version) {

    public record Location(double latitude, double longitude) {}
}

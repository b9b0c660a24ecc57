package io.haulstream.query.bins;

import java.time.Instant;

/**
 * An active bin near a point, with what a dispatcher needs to send a truck to it. Organization and
 * status are left out: they are the organization asked for and {@code ACTIVE}.
 *
 * @param distanceMetres great-circle distance from the point asked about, on the sphere of the WGS 84
 *     mean radius (6,371,008.8 m), as PostGIS's {@code <->} and {@code ST_Distance(..., false)} measure it
 */
public record NearBin(
        String binId,
        String tag,
        String customerId,
        String customerName,
        String serviceAddress,
        String containerType,
        String wasteStream,
        int capacityLitres,
        BinView.Location location,
        Integer fillPercent,
        Instant fillReportedAt,
        Instant lastServicedAt,
        String routeId,
        double distanceMetres) {}

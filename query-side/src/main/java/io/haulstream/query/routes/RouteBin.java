package io.haulstream.query.routes;

import java.time.Instant;

/**
 * An active bin along a route, stop or not, in order along the route's line.
 *
 * @param distanceMetres from the bin to the nearest point of the line, great-circle metres on the sphere
 *     of the WGS 84 mean radius; PostGIS measures it from a tree it caches for the line, to within a
 *     few tenths of a percent
 * @param fractionAlong where along the line the bin's nearest point lies, from 0 (start) to 1 (end),
 *     measured in longitude/latitude ({@code ST_LineLocatePoint})
 * @param routeId the route the bin is a stop of, if any: not necessarily this one
 */
public record RouteBin(
        String binId,
        String tag,
        String customerId,
        String customerName,
        String serviceAddress,
        String wasteStream,
        RouteView.Location location,
        Integer fillPercent,
        Instant lastServicedAt,
        String routeId,
        double distanceMetres,
        double fractionAlong) {

    /** The bins along one route. */
    public record Bins(String routeId, java.util.List<RouteBin> bins) {}
}

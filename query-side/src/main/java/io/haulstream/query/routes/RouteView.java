package io.haulstream.query.routes;

import java.time.Instant;
import java.util.List;

/**
 * A route as dispatchers read it, with its stops in driving order and what a driver needs of each
 * stop's bin.
 *
 * @param territory the free-text label given when the route was created
 * @param territoryId the active territory of the organization whose boundary covers the route's first
 *     point, null in none
 * @param path the route's line, in driving order
 * @param version the route row's version: grows with every change to the route, its path, status or
 *     stops, not with changes to the stops' bins
 */
public record RouteView(
        String routeId,
        String organizationId,
        String name,
        String type,
        String status,
        String serviceDay,
        String territory,
        String territoryId,
        List<Location> path,
        int stopCount,
        List<Stop> stops,
        Instant createdAt,
        long version) {

    public record Location(double latitude, double longitude) {}

    /**
     * @param stopIndex place in the driving order, from 0
     * @param tag null, like every field of the bin, while the bin's own events are not projected yet
     */
    public record Stop(
            int stopIndex,
            String binId,
            String tag,
            String customerName,
            String serviceAddress,
            String status,
            Location location,
            Integer fillPercent,
            Instant lastServicedAt) {}
}

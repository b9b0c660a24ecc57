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
 * @param changedBy who made the route's newest change (path, status or stops): the caller's token subject,
 *     or the fleet system's name for a fleet record; null when that change recorded no actor
 * @param changedAt when the route's newest change was stored; null for a route not changed since it was kept
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
        long version,
        String changedBy,
        Instant changedAt) {

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

package io.haulstream.query.territories;

import java.time.Instant;
import java.util.List;

/**
 * A territory as dispatchers read it, with how many bins and routes lie in it.
 *
 * @param boundary the closed ring, in order
 * @param bins bins not removed whose location it covers, from the territory counters
 * @param routes routes not deleted that start in it, from the territory counters
 * @param version the row version: grows with every change to the territory itself
 */
public record TerritoryView(
        String territoryId,
        String organizationId,
        String name,
        List<Location> boundary,
        long bins,
        long routes,
        Instant createdAt,
        long version) {

    public record Location(double latitude, double longitude) {}
}

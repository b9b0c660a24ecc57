package io.haulstream.events;

import java.time.Instant;
import java.util.List;

/**
 * @param boundary the area's outer ring, closed (its last point repeats its first), edges straight
 *     in longitude and latitude; no holes
 */
@Revision("1")
public record TerritoryCreated(
        String territoryId, String organizationId, String name, List<GeoPoint> boundary, Instant createdAt)
        implements TerritoryEvent {}

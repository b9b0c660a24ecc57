package io.haulstream.events;

import java.time.Instant;
import java.util.List;

/** @param boundary the whole new ring, closed, as in {@link TerritoryCreated} */
@Revision("1")
public record TerritoryReshaped(String territoryId, String organizationId, List<GeoPoint> boundary, Instant reshapedAt)
        implements TerritoryEvent {}

package io.haulstream.events;

import java.time.Instant;

/** The area is no longer served: it takes no more commands, and holds no bins or routes from now on. */
@Revision("1")
public record TerritoryRetired(String territoryId, String organizationId, Instant retiredAt)
        implements TerritoryEvent {}

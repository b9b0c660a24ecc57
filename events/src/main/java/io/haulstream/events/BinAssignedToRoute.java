package io.haulstream.events;

import java.time.Instant;

/** @param stopIndex the bin's place in the stop order, from 0; later stops move one down */
@Revision("1")
public record BinAssignedToRoute(String routeId, String organizationId, String binId, int stopIndex, Instant assignedAt)
        implements RouteEvent {}

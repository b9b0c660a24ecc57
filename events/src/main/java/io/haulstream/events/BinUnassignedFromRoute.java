package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record BinUnassignedFromRoute(String routeId, String organizationId, String binId, Instant unassignedAt)
        implements RouteEvent {}

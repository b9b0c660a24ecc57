package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record RouteStatusChanged(
        String routeId, String organizationId, RouteStatus from, RouteStatus to, Instant changedAt)
        implements RouteEvent {}

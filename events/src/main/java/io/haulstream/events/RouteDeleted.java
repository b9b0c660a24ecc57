package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record RouteDeleted(String routeId, String organizationId, Instant deletedAt) implements RouteEvent {}

package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record BinMoved(String binId, String organizationId, GeoPoint location, Instant movedAt) implements BinEvent {}

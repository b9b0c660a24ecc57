package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record BinRemoved(String binId, String organizationId, Instant removedAt) implements BinEvent {}

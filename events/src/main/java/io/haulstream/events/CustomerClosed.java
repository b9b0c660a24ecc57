package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record CustomerClosed(String customerId, String organizationId, Instant closedAt) implements CustomerEvent {}

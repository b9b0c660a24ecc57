package io.haulstream.events;

import java.time.Instant;

@Revision("1")
public record CustomerRegistered(
        String customerId,
        String organizationId,
        String name,
        String serviceAddress,
        GeoPoint location,
        Instant registeredAt)
        implements CustomerEvent {}

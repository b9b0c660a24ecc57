package io.haulstream.events;

import java.time.Instant;

/** Carries the whole new state of the customer's details, so a reader needs no earlier event. */
@Revision("1")
public record CustomerUpdated(
        String customerId,
        String organizationId,
        String name,
        String serviceAddress,
        GeoPoint location,
        Instant updatedAt)
        implements CustomerEvent {}

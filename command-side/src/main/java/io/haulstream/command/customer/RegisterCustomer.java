package io.haulstream.command.customer;

import io.haulstream.events.GeoPoint;
import java.time.Instant;

public record RegisterCustomer(
        String customerId,
        String organizationId,
        String name,
        String serviceAddress,
        GeoPoint location,
        Instant registeredAt) {}

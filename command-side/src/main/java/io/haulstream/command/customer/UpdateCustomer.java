package io.haulstream.command.customer;

import io.haulstream.events.GeoPoint;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateCustomer(
        @TargetAggregateIdentifier String customerId,
        String organizationId,
        String name,
        String serviceAddress,
        GeoPoint location,
        Instant updatedAt) {}

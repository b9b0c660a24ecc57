package io.haulstream.command.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseCustomer(@TargetAggregateIdentifier String customerId, String organizationId, Instant closedAt) {}

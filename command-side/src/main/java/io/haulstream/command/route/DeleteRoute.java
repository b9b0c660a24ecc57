package io.haulstream.command.route;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRoute(@TargetAggregateIdentifier String routeId, String organizationId, Instant deletedAt) {}

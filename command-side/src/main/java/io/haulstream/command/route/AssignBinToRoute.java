package io.haulstream.command.route;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param stopIndex where the stop goes in the order, from 0; null appends it */
public record AssignBinToRoute(
        @TargetAggregateIdentifier String routeId,
        String organizationId,
        String binId,
        Integer stopIndex,
        Instant assignedAt) {}

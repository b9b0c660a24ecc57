package io.haulstream.command.route;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnassignBinFromRoute(
        @TargetAggregateIdentifier String routeId, String organizationId, String binId, Instant unassignedAt) {}

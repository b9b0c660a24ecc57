package io.haulstream.command.territory;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetireTerritory(
        @TargetAggregateIdentifier String territoryId, String organizationId, Instant retiredAt) {}

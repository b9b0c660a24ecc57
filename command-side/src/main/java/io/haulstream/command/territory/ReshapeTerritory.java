package io.haulstream.command.territory;

import io.haulstream.events.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReshapeTerritory(
        @TargetAggregateIdentifier String territoryId,
        String organizationId,
        List<GeoPoint> boundary,
        Instant reshapedAt) {}

package io.haulstream.command.bin;

import io.haulstream.events.GeoPoint;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MoveBin(
        @TargetAggregateIdentifier String binId, String organizationId, GeoPoint location, Instant movedAt) {}

package io.haulstream.command.route;

import io.haulstream.events.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeRouteGeometry(
        @TargetAggregateIdentifier String routeId, String organizationId, List<GeoPoint> path, Instant changedAt) {}

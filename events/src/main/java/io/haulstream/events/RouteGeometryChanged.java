package io.haulstream.events;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record RouteGeometryChanged(String routeId, String organizationId, List<GeoPoint> path, Instant changedAt)
        implements RouteEvent {}

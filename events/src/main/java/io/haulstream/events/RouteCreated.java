package io.haulstream.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/** @param path the route's LineString, in driving order */
@Revision("1")
public record RouteCreated(
        String routeId,
        String organizationId,
        String name,
        RouteType type,
        DayOfWeek serviceDay,
        String territory,
        List<GeoPoint> path,
        Instant createdAt)
        implements RouteEvent {}

package io.haulstream.command.route;

import io.haulstream.events.GeoPoint;
import io.haulstream.events.RouteType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

public record CreateRoute(
        String routeId,
        String organizationId,
        String name,
        RouteType type,
        DayOfWeek serviceDay,
        String territory,
        List<GeoPoint> path,
        Instant createdAt) {}

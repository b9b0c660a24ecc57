package io.haulstream.command.route;

import static io.haulstream.events.RouteStatus.ACTIVE;
import static io.haulstream.events.RouteStatus.COMPLETED;
import static io.haulstream.events.RouteStatus.IN_PROGRESS;
import static io.haulstream.events.RouteStatus.PLANNED;
import static io.haulstream.events.RouteStatus.SUSPENDED;

import io.haulstream.events.RouteStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal status transitions of a route. A route is driven every week: a completed run goes
 * back to in progress on its next service day.
 */
final class RouteLifecycle {

    private static final Map<RouteStatus, Set<RouteStatus>> NEXT = Map.of(
            PLANNED, EnumSet.of(ACTIVE, SUSPENDED),
            ACTIVE, EnumSet.of(IN_PROGRESS, SUSPENDED),
            IN_PROGRESS, EnumSet.of(COMPLETED, SUSPENDED),
            COMPLETED, EnumSet.of(IN_PROGRESS, ACTIVE, SUSPENDED),
            SUSPENDED, EnumSet.of(ACTIVE));

    private RouteLifecycle() {}

    static boolean allows(RouteStatus from, RouteStatus to) {
        return NEXT.get(from).contains(to);
    }

    static Set<RouteStatus> after(RouteStatus from) {
        return NEXT.get(from);
    }
}

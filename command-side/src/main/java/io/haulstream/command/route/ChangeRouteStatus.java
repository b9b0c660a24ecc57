package io.haulstream.command.route;

import io.haulstream.events.RouteStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param organizationId null when a fleet system reports, which knows only the route
 * @param repeatIsHarmless true for fleet reports: a route reported started twice is simply started
 * @param fleetSystem the fleet system that reports it; it must be bound to the route's organization.
 *     Null over HTTP.
 * @param fleetRecordId the fleet system's id of the record that reported it; a repeat changes
 *     nothing. Null over HTTP.
 */
public record ChangeRouteStatus(
        @TargetAggregateIdentifier String routeId,
        String organizationId,
        RouteStatus status,
        boolean repeatIsHarmless,
        String fleetSystem,
        String fleetRecordId,
        Instant changedAt) {}

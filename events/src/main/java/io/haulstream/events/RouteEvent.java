package io.haulstream.events;

/** What happens to a route: a path through a territory, driven on a service day, with ordered stops. */
public sealed interface RouteEvent extends HaulstreamEvent
        permits RouteCreated,
                RouteGeometryChanged,
                RouteStatusChanged,
                BinAssignedToRoute,
                BinUnassignedFromRoute,
                RouteDeleted {

    String routeId();

    String organizationId();

    @Override
    default String aggregateId() {
        return routeId();
    }
}

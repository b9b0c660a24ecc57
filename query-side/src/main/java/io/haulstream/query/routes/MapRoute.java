package io.haulstream.query.routes;

import java.util.List;

/**
 * A route as the map draws it: its line and what a dispatcher reads beside it, without its stops.
 *
 * @param distanceMetres from the point asked about to the nearest point of the line, great-circle metres
 *     on the sphere of the WGS 84 mean radius; null where no point was asked about
 */
public record MapRoute(
        String routeId,
        String name,
        String type,
        String status,
        String serviceDay,
        String territory,
        int stopCount,
        List<RouteView.Location> path,
        Double distanceMetres) {

    /** Routes on the map, in the order the query names. */
    public record Routes(List<MapRoute> routes) {}
}

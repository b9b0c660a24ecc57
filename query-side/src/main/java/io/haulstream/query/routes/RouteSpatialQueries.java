package io.haulstream.query.routes;

import io.haulstream.query.monitoring.SpatialQuery;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route queries whose plans the monitoring checks, with the index each is written for (V10, V11, V5). */
@Configuration(proxyBeanMethods = false)
class RouteSpatialQueries {

    private static final String FAMILY = "/api/v1/organizations/{organizationId}/routes/";

    @Bean
    SpatialQuery routesWithin() {
        return new SpatialQuery(
                FAMILY + "within",
                "read_model.routes",
                "routes_organization_active_geometry_idx",
                RouteMapQueries.WITHIN,
                Map.of(
                        "organizationId", "plan-check",
                        "latitude", 52.52,
                        "longitude", 13.405,
                        "radiusMetres", 1000.0,
                        "limit", 500));
    }

    @Bean
    SpatialQuery routesCrossing() {
        return new SpatialQuery(
                FAMILY + "crossing",
                "read_model.routes",
                "routes_organization_active_box_idx",
                RouteMapQueries.CROSSING,
                Map.of(
                        "organizationId", "plan-check",
                        "west", 13.38,
                        "south", 52.51,
                        "east", 13.42,
                        "north", 52.53,
                        "limit", 500));
    }

    @Bean
    SpatialQuery binsAlongARoute() {
        return new SpatialQuery(
                FAMILY + "{routeId}/bins",
                "read_model.bins",
                "bins_organization_active_location_idx",
                RouteMapQueries.ALONG,
                Map.of("organizationId", "plan-check", "routeId", "plan-check", "metres", 50.0, "limit", 500));
    }
}

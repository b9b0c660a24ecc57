package io.haulstream.query.routes;

import io.haulstream.query.api.NotFound;
import io.haulstream.query.api.ReadConsistency;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A route with its stops, read from PostgreSQL (routes are not cached), honouring a consistency
 * token. Another organization's route is reported exactly like a missing or deleted one.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/routes")
class RouteQueryController {

    private final ReadConsistency consistency;
    private final RouteQueries queries;

    RouteQueryController(ReadConsistency consistency, RouteQueries queries) {
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/{routeId}")
    RouteView route(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.route(organizationId, routeId)
                .orElseThrow(() -> new NotFound("routeId", "no route " + routeId + " in this organization"));
    }
}

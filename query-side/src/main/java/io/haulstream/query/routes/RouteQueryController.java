package io.haulstream.query.routes;

import io.haulstream.events.RouteStatus;
import io.haulstream.events.RouteType;
import io.haulstream.query.api.Cursor;
import io.haulstream.query.api.InvalidQuery;
import io.haulstream.query.api.NotFound;
import io.haulstream.query.api.QueryLimits;
import io.haulstream.query.api.ReadConsistency;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes, each read honouring a consistency token: a route with its stops (from Redis where its
 * entry is current, see {@link RouteDetailCache}), and from PostgreSQL the organization's routes
 * listed with filters, routes on the map and the bins along a route. Another organization's route is reported exactly like a missing or deleted one.
 * Parameters are checked by Spring MVC's own method validation (no {@code @Validated}).
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/routes")
class RouteQueryController {

    private final ReadConsistency consistency;
    private final RouteDetailCache details;
    private final RouteMapQueries map;
    private final RouteListQueries list;

    RouteQueryController(
            ReadConsistency consistency, RouteDetailCache details, RouteMapQueries map, RouteListQueries list) {
        this.consistency = consistency;
        this.details = details;
        this.map = map;
        this.list = list;
    }

    /** Enum parameters bind to the enums, so an unknown value is refused naming its parameter. */
    @GetMapping
    RouteListQueries.Page routes(
            @PathVariable String organizationId,
            @RequestParam(name = "status", required = false) RouteStatus status,
            @RequestParam(name = "type", required = false) RouteType type,
            @RequestParam(name = "serviceDay", required = false) DayOfWeek serviceDay,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = Cursor.PARAMETER, required = false) String after,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        Cursor.decode(after, 1);
        consistency.await(minPosition, tokenHeader);
        var filter = new RouteListQueries.Filter(
                status == null ? null : status.name(),
                type == null ? null : type.name(),
                serviceDay == null ? null : serviceDay.name(),
                territory);
        return list.page(organizationId, filter, after, limit);
    }

    @GetMapping("/within")
    MapRoute.Routes within(
            @PathVariable String organizationId,
            @RequestParam(name = "latitude") @DecimalMin(QueryLimits.MIN_LATITUDE) @DecimalMax(QueryLimits.MAX_LATITUDE)
                    double latitude,
            @RequestParam(name = "longitude")
                    @DecimalMin(QueryLimits.MIN_LONGITUDE)
                    @DecimalMax(QueryLimits.MAX_LONGITUDE)
                    double longitude,
            @RequestParam(name = "radiusMetres")
                    @DecimalMin(QueryLimits.MIN_RADIUS_METRES)
                    @DecimalMax(QueryLimits.MAX_RADIUS_METRES)
                    double radiusMetres,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.WITHIN_LIMIT_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_WITHIN_LIMIT)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return map.within(organizationId, territory, latitude, longitude, radiusMetres, limit);
    }

    /** A box in longitude and latitude, west to east without crossing the antimeridian. */
    @GetMapping("/crossing")
    MapRoute.Routes crossing(
            @PathVariable String organizationId,
            @RequestParam(name = "west") @DecimalMin(QueryLimits.MIN_LONGITUDE) @DecimalMax(QueryLimits.MAX_LONGITUDE)
                    double west,
            @RequestParam(name = "south") @DecimalMin(QueryLimits.MIN_LATITUDE) @DecimalMax(QueryLimits.MAX_LATITUDE)
                    double south,
            @RequestParam(name = "east") @DecimalMin(QueryLimits.MIN_LONGITUDE) @DecimalMax(QueryLimits.MAX_LONGITUDE)
                    double east,
            @RequestParam(name = "north") @DecimalMin(QueryLimits.MIN_LATITUDE) @DecimalMax(QueryLimits.MAX_LATITUDE)
                    double north,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.WITHIN_LIMIT_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_WITHIN_LIMIT)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        if (east <= west) {
            throw new InvalidQuery("east", "must be east of west (a box across the antimeridian is two boxes)");
        }
        if (north <= south) {
            throw new InvalidQuery("north", "must be north of south");
        }
        consistency.await(minPosition, tokenHeader);
        return map.crossing(organizationId, territory, west, south, east, north, limit);
    }

    /** Sent as the JSON the cache holds, so a hit is neither parsed nor written again. */
    @GetMapping("/{routeId}")
    @ApiResponse(
            responseCode = "200",
            description = "The route with its stops, in driving order",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RouteView.class)))
    ResponseEntity<String> route(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        boolean fresh = consistency.await(minPosition, tokenHeader).isPresent();
        String detail = details.detail(organizationId, routeId, fresh).orElseThrow(() -> notFound(routeId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(detail);
    }

    /** Active bins within {@code withinMetres} of the route's line, stops or not, in order along it. */
    @GetMapping("/{routeId}/bins")
    RouteBin.Bins along(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @RequestParam(name = "withinMetres", defaultValue = "50")
                    @DecimalMin(QueryLimits.MIN_RADIUS_METRES)
                    @DecimalMax(QueryLimits.MAX_CORRIDOR_METRES)
                    double withinMetres,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.WITHIN_LIMIT_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_WITHIN_LIMIT)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return map.along(organizationId, routeId, territory, withinMetres, limit)
                .orElseThrow(() -> notFound(routeId));
    }

    private static NotFound notFound(String routeId) {
        return new NotFound("routeId", "no route " + routeId + " in this organization");
    }
}

package io.haulstream.query.history;

import io.haulstream.query.api.Cursor;
import io.haulstream.query.api.QueryLimits;
import io.haulstream.query.api.ReadConsistency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bin's and a route's service history, newest first, keyset-paged with the opaque {@code after}
 * cursor of the previous page's {@code next}; honours a consistency token. Another organization's
 * bin or route has no services here, exactly like an unknown one.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}")
class ServiceHistoryController {

    private final ReadConsistency consistency;
    private final ServiceHistoryQueries queries;

    ServiceHistoryController(ReadConsistency consistency, ServiceHistoryQueries queries) {
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/bins/{binId}/service-history")
    ServiceHistoryPage ofBin(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @RequestParam(name = Cursor.PARAMETER, required = false) String after,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.ofBin(organizationId, binId, after, limit);
    }

    @GetMapping("/routes/{routeId}/service-history")
    ServiceHistoryPage ofRoute(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @RequestParam(name = Cursor.PARAMETER, required = false) String after,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.ofRoute(organizationId, routeId, after, limit);
    }
}

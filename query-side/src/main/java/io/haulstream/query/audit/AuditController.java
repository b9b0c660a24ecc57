package io.haulstream.query.audit;

import io.haulstream.query.api.Cursor;
import io.haulstream.query.api.NotFound;
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
 * A bin's and a route's audit trail: every change, newest first, with who made it and the command it
 * came from, keyset-paged with the opaque {@code after} cursor of the previous page's {@code next};
 * honours a consistency token. Read by the organization's own readers (the rules of every
 * organization read, {@code AccessRules}); another organization's bin or route answers 404 exactly
 * like a missing one. A removed bin's or deleted route's trail stays readable: who removed it is
 * part of it.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}")
class AuditController {

    private final ReadConsistency consistency;
    private final AuditQueries queries;

    AuditController(ReadConsistency consistency, AuditQueries queries) {
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping("/bins/{binId}/audit")
    AuditPage ofBin(
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
        return queries.trail(organizationId, AuditProjector.BIN, binId, after, limit)
                .orElseThrow(() -> new NotFound("binId", "no bin " + binId + " in this organization"));
    }

    @GetMapping("/routes/{routeId}/audit")
    AuditPage ofRoute(
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
        return queries.trail(organizationId, AuditProjector.ROUTE, routeId, after, limit)
                .orElseThrow(() -> new NotFound("routeId", "no route " + routeId + " in this organization"));
    }
}

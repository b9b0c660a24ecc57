package io.haulstream.query.directory;

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
 * Organizations, one or a page of them, and an organization's customers with their bins, keyset-paged
 * with the opaque {@code after} cursor; each honours a consistency token.
 */
@RestController
@RequestMapping("/api/v1/organizations")
class DirectoryController {

    private final ReadConsistency consistency;
    private final DirectoryQueries queries;

    DirectoryController(ReadConsistency consistency, DirectoryQueries queries) {
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping
    Directory.Organizations organizations(
            @RequestParam(name = Cursor.PARAMETER, required = false) String after,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        Cursor.decode(after, 1);
        consistency.await(minPosition, tokenHeader);
        return queries.organizations(after, limit);
    }

    @GetMapping("/{organizationId}")
    Directory.Organization organization(
            @PathVariable String organizationId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.organization(organizationId)
                .orElseThrow(() -> new NotFound("organizationId", "no organization " + organizationId));
    }

    @GetMapping("/{organizationId}/customers")
    Directory.Customers customers(
            @PathVariable String organizationId,
            @RequestParam(name = Cursor.PARAMETER, required = false) String after,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int limit,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        Cursor.decode(after, 1);
        consistency.await(minPosition, tokenHeader);
        return queries.customers(organizationId, after, limit);
    }
}

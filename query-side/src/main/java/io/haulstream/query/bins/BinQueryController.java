package io.haulstream.query.bins;

import io.haulstream.events.ConsistencyToken;
import io.haulstream.query.api.InvalidQuery;
import io.haulstream.query.api.NotFound;
import io.haulstream.query.api.QueryLimits;
import io.haulstream.query.api.ReadConsistency;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bin by id (Redis first), and lists of an organization's bins read from PostgreSQL: a page in id
 * order, the active bins within a radius, the nearest active bins. Every one honours a consistency
 * token. Parameters are checked by Spring MVC's own method validation, which needs the class left
 * without {@code @Validated}: that annotation would hand the checks to an AOP proxy instead.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/bins")
class BinQueryController {

    private final ReadConsistency consistency;
    private final BinCache cache;
    private final BinRows rows;
    private final BinQueries queries;

    BinQueryController(ReadConsistency consistency, BinCache cache, BinRows rows, BinQueries queries) {
        this.consistency = consistency;
        this.cache = cache;
        this.rows = rows;
        this.queries = queries;
    }

    /**
     * {@code after} (keyset) is the way through long lists; {@code page} is there for clients that
     * jump to a page number, and costs a step over every row before it.
     */
    @GetMapping
    BinPage bins(
            @PathVariable String organizationId,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "page", required = false) @Min(0) Integer page,
            @RequestParam(name = "size", defaultValue = "" + QueryLimits.PAGE_SIZE_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_PAGE_SIZE)
                    int size,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        boolean keyset = after != null && !after.isEmpty();
        if (keyset && page != null) {
            throw new InvalidQuery("page", "cannot be combined with after: follow next with after alone");
        }
        long offset = keyset || page == null ? 0 : (long) page * size;
        if (offset > QueryLimits.MAX_OFFSET_ROWS) {
            throw new InvalidQuery(
                    "page",
                    "steps over " + offset + " bins, more than the " + QueryLimits.MAX_OFFSET_ROWS
                            + " a page number may: page on with after= (each page's next), which costs the same at any depth");
        }
        consistency.await(minPosition, tokenHeader);
        return queries.page(organizationId, territory, keyset ? after : null, offset, size);
    }

    @GetMapping("/within")
    BinsNear within(
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
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.WITHIN_LIMIT_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_WITHIN_LIMIT)
                    int limit,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.within(organizationId, territory, latitude, longitude, radiusMetres, limit);
    }

    @GetMapping("/nearest")
    BinsNear nearest(
            @PathVariable String organizationId,
            @RequestParam(name = "latitude") @DecimalMin(QueryLimits.MIN_LATITUDE) @DecimalMax(QueryLimits.MAX_LATITUDE)
                    double latitude,
            @RequestParam(name = "longitude")
                    @DecimalMin(QueryLimits.MIN_LONGITUDE)
                    @DecimalMax(QueryLimits.MAX_LONGITUDE)
                    double longitude,
            @RequestParam(name = "limit", defaultValue = "" + QueryLimits.NEAREST_LIMIT_DEFAULT)
                    @Min(1)
                    @Max(QueryLimits.MAX_NEAREST_LIMIT)
                    int limit,
            @RequestParam(name = "territory", required = false) @Size(min = 1, max = 255) String territory,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.nearest(organizationId, territory, latitude, longitude, limit);
    }

    @GetMapping("/{binId}")
    BinView bin(
            @PathVariable String organizationId,
            @PathVariable String binId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        Optional<ConsistencyToken> token = consistency.await(minPosition, tokenHeader);
        BinView bin = cached(binId, token).orElseGet(() -> load(binId));
        // Tenancy: another organization's bin is reported exactly like a missing one.
        if (!bin.organizationId().equals(organizationId) || bin.removed()) {
            throw notFound(binId);
        }
        return bin;
    }

    /**
     * The cache is written after the database commits, so right after a write it may trail the
     * token's event for a moment: a query with a token reads PostgreSQL, and refreshes the cache.
     */
    private Optional<BinView> cached(String binId, Optional<ConsistencyToken> token) {
        return token.isPresent() ? Optional.empty() : cache.get(binId);
    }

    private BinView load(String binId) {
        BinView view = rows.findByBinIdIn(List.of(binId)).stream()
                .findFirst()
                .map(BinRow::toView)
                .orElseThrow(() -> notFound(binId));
        cache.put(view);
        return view;
    }

    private static NotFound notFound(String binId) {
        return new NotFound("binId", "no bin " + binId + " in this organization");
    }
}

package io.haulstream.query.bins;

import io.haulstream.events.ConsistencyToken;
import io.haulstream.query.api.NotFound;
import io.haulstream.query.api.ReadConsistency;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/bins")
class BinQueryController {

    private final ReadConsistency consistency;
    private final BinCache cache;
    private final BinRows rows;

    BinQueryController(ReadConsistency consistency, BinCache cache, BinRows rows) {
        this.consistency = consistency;
        this.cache = cache;
        this.rows = rows;
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

package io.haulstream.query.territories;

import io.haulstream.query.api.NotFound;
import io.haulstream.query.api.ReadConsistency;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's territories, read from PostgreSQL, honouring a consistency token. A retired
 * territory, and another organization's, is reported exactly like a missing one.
 */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/territories")
class TerritoryQueryController {

    private final ReadConsistency consistency;
    private final TerritoryQueries queries;

    TerritoryQueryController(ReadConsistency consistency, TerritoryQueries queries) {
        this.consistency = consistency;
        this.queries = queries;
    }

    @GetMapping
    List<TerritoryView> territories(
            @PathVariable String organizationId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.territories(organizationId);
    }

    @GetMapping("/{territoryId}")
    TerritoryView territory(
            @PathVariable String organizationId,
            @PathVariable String territoryId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return queries.territory(organizationId, territoryId).stream()
                .findFirst()
                .orElseThrow(
                        () -> new NotFound("territoryId", "no territory " + territoryId + " in this organization"));
    }
}

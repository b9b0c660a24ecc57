package io.haulstream.query.statistics;

import io.haulstream.events.ConsistencyToken;
import io.haulstream.query.api.ReadConsistency;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Statistics per organization and over all organizations ({@code /api/v1/statistics}). Without a
 * token a read is a Redis lookup; with one it reads PostgreSQL once the token's event is projected.
 */
@RestController
@RequestMapping("/api/v1")
class StatisticsController {

    private final ReadConsistency consistency;
    private final StatisticsCache cache;
    private final StatisticsReader reader;
    private final StatisticsStream stream;
    private final Clock clock = Clock.systemUTC();

    StatisticsController(
            ReadConsistency consistency, StatisticsCache cache, StatisticsReader reader, StatisticsStream stream) {
        this.consistency = consistency;
        this.cache = cache;
        this.reader = reader;
        this.stream = stream;
    }

    @GetMapping("/organizations/{organizationId}/statistics/routes")
    RouteStatistics routes(
            @PathVariable String organizationId,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        return routeStatistics(organizationId, consistency.await(minPosition, tokenHeader));
    }

    @GetMapping("/statistics/routes")
    RouteStatistics allRoutes(
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        return routeStatistics(StatisticsKeys.ALL, consistency.await(minPosition, tokenHeader));
    }

    @GetMapping("/organizations/{organizationId}/statistics/bins")
    BinStatisticsReply bins(
            @PathVariable String organizationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        return binStatistics(organizationId, day, consistency.await(minPosition, tokenHeader));
    }

    @GetMapping("/statistics/bins")
    BinStatisticsReply allBins(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        return binStatistics(StatisticsKeys.ALL, day, consistency.await(minPosition, tokenHeader));
    }

    @GetMapping("/organizations/{organizationId}/routes/{routeId}/performance")
    List<RoutePerformance> performance(
            @PathVariable String organizationId,
            @PathVariable String routeId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = ReadConsistency.PARAMETER, required = false) String minPosition,
            @RequestHeader(name = ReadConsistency.HEADER, required = false) String tokenHeader) {
        consistency.await(minPosition, tokenHeader);
        return reader.performance(organizationId, routeId, from, to);
    }

    @GetMapping(
            path = "/organizations/{organizationId}/statistics/stream",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String organizationId) {
        return stream.subscribe(organizationId);
    }

    private RouteStatistics routeStatistics(String scope, Optional<ConsistencyToken> token) {
        return token.isPresent() ? reader.routes(scope) : cache.routes(scope);
    }

    private BinStatisticsReply binStatistics(String scope, LocalDate day, Optional<ConsistencyToken> token) {
        LocalDate serviceDay = day != null ? day : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return token.isPresent() ? reader.binsWithDay(scope, serviceDay) : cache.bins(scope, serviceDay);
    }
}

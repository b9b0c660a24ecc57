package io.haulstream.query.statistics;

import java.util.Map;

/**
 * The seed's {@code getRouteStatistics}, precomputed: routes not deleted, by status, type and service day.
 *
 * @param scope an organization id, or {@code *} for all organizations
 * @param version grows with every change of these counts
 */
public record RouteStatistics(
        String scope,
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byType,
        Map<String, Long> byServiceDay,
        long version) {}

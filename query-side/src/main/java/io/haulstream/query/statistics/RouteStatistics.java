package io.haulstream.query.statistics;

import java.util.Map;

/**
 * The seed's {@code getRouteStatistics}, precomputed: routes not deleted, by status, type and service day.
 *
 * @param scope an organization id, or {@code *} for all organizations
 * @param byTerritory by the id of the territory they lie in, {@code NONE} for none; empty for all
 *     organizations together, where one organization's territories mean nothing
 * @param version grows with every change of these counts
 */
public record RouteStatistics(
        String scope,
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byType,
        Map<String, Long> byServiceDay,
        Map<String, Long> byTerritory,
        long version) {}

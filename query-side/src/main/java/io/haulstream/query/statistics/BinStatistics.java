package io.haulstream.query.statistics;

import java.util.Map;

/**
 * The seed's {@code getBinStatistics}, precomputed: bins not removed, by status, waste stream,
 * container type and fill band.
 *
 * @param scope an organization id, or {@code *} for all organizations
 * @param byTerritory by the id of the territory they lie in, {@code NONE} for none; empty for all
 *     organizations together, where one organization's territories mean nothing
 * @param version grows with every change of these counts
 */
public record BinStatistics(
        String scope,
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byWasteStream,
        Map<String, Long> byContainerType,
        Map<String, Long> byFillBand,
        Map<String, Long> byTerritory,
        long version) {}

package io.haulstream.query.statistics;

import java.util.Map;

/**
 * The seed's {@code getBinStatistics}, precomputed: bins not removed, by status, waste stream,
 * container type and fill band.
 *
 * @param scope an organization id, or {@code *} for all organizations
 * @param version grows with every change of these counts
 */
public record BinStatistics(
        String scope,
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byWasteStream,
        Map<String, Long> byContainerType,
        Map<String, Long> byFillBand,
        long version) {}

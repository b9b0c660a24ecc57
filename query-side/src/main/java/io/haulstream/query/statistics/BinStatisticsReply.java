package io.haulstream.query.statistics;

/** Bin counts together with one day's service records, as a dispatch board shows them. */
public record BinStatisticsReply(BinStatistics bins, ServiceDay serviceDay) {}

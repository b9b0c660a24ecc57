package io.haulstream.query.statistics;

/** One counter row of {@code bin_statistics} or {@code route_statistics}. */
record CountKey(String scope, String dimension, String value) {}

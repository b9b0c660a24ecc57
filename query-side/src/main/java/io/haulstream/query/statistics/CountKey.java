package io.haulstream.query.statistics;

import java.util.Comparator;

/** One counter row of {@code bin_statistics} or {@code route_statistics}. */
record CountKey(String scope, String dimension, String value) {

    /** The order in which a batch writes its counters. */
    static final Comparator<CountKey> ORDER = Comparator.comparing(
                    CountKey::scope, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CountKey::dimension, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CountKey::value, Comparator.nullsFirst(Comparator.naturalOrder()));
}

package io.haulstream.query.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache family's counters, under the names and tags the monitoring reads for every family
 * ({@code haulstream.cache.requests}, {@code .writes}, {@code .fallbacks}), and how a Redis failure
 * is noted before the caller does without the cache.
 */
record CacheMeters(
        String family, Counter hits, Counter misses, Counter writes, Counter refusedOlder, Counter fallbacks) {

    private static final Logger log = LoggerFactory.getLogger(CacheMeters.class);

    static CacheMeters of(MeterRegistry meters, String family) {
        return new CacheMeters(
                family,
                meters.counter("haulstream.cache.requests", "family", family, "result", "hit"),
                meters.counter("haulstream.cache.requests", "family", family, "result", "miss"),
                meters.counter("haulstream.cache.writes", "family", family, "result", "written"),
                meters.counter("haulstream.cache.writes", "family", family, "result", "refused-older"),
                meters.counter("haulstream.cache.fallbacks", "family", family));
    }

    void fallback(String operation, String what, Throwable e) {
        fallbacks.increment();
        log.debug("redis {} of {}:{} failed, answering without the cache: {}", operation, family, what, e.toString());
    }
}

package io.haulstream.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** The compare-and-set entries on the real Redis the project's scripts start. */
class VersionedCacheIT {

    private static RedissonClient redis;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String family = "it-" + UUID.randomUUID();
    private final VersionedCache cache = new VersionedCache(redis, family, meters);

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    @Test
    void readsSeveralEntriesInOrderWithTheirMisses() {
        cache.putAllIfNewer(
                Map.of("a", new VersionedCache.Entry(3, "{\"a\":3}"), "c", new VersionedCache.Entry(1, "c")));

        List<Optional<VersionedCache.Entry>> read = cache.getAll(List.of("c", "b", "a"));

        assertThat(read)
                .containsExactly(
                        Optional.of(new VersionedCache.Entry(1, "c")),
                        Optional.empty(),
                        Optional.of(new VersionedCache.Entry(3, "{\"a\":3}")));
        assertThat(meters.counter("haulstream.cache.requests", "family", family, "result", "hit")
                        .count())
                .isEqualTo(2);
        assertThat(meters.counter("haulstream.cache.requests", "family", family, "result", "miss")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void neverReplacesANewerEntryWithAnOlderOne() {
        cache.putIfNewer("s", new VersionedCache.Entry(5, "five"));
        cache.putIfNewer("s", new VersionedCache.Entry(4, "four"));
        cache.putIfNewer("s", new VersionedCache.Entry(6, "six"));
        cache.putIfNewer("s", new VersionedCache.Entry(6, "six again"));

        assertThat(cache.get("s")).contains(new VersionedCache.Entry(6, "six"));
        assertThat(meters.counter("haulstream.cache.writes", "family", family, "result", "refused-older")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aMissReservesTheKeyForAWhileAndTheReadersFillLandsOnItForGood() {
        assertThat(cache.getOrReserve("r")).isEmpty();
        long reservedFor = redis.getMap(cache.key("r")).remainTimeToLive();

        assertThat(cache.fillIfReserved("r", new VersionedCache.Entry(2, "two")))
                .isTrue();

        assertThat(reservedFor).isPositive().isLessThanOrEqualTo(VersionedCache.RESERVATION.toMillis());
        assertThat(cache.getOrReserve("r")).contains(new VersionedCache.Entry(2, "two"));
        assertThat(redis.getMap(cache.key("r")).remainTimeToLive())
                .as("an entry with a body never expires")
                .isEqualTo(-1);
    }

    @Test
    void refusesAFillForAKeyNobodyReservedAndLeavesNoKeyBehind() {
        cache.fillIfReserved("never-read", new VersionedCache.Entry(1, "one"));

        assertThat(redis.getMap(cache.key("never-read")).isExists()).isFalse();
        assertThat(cache.held(List.of("never-read"))).contains(List.of());
    }

    /**
     * The race the reservation is for: a reader misses and reads the row before a change commits;
     * the batch then asks which keys are held, writes the newer row there, and only then does the
     * reader's fill arrive. It must not land.
     */
    @Test
    void aBatchWritesTheKeysHeldOrReservedAndAFillFromBeforeItIsRefused() {
        cache.getOrReserve("reserved");
        cache.putIfNewer("filled", new VersionedCache.Entry(1, "one"));

        List<String> held =
                cache.held(List.of("filled", "reserved", "never-read")).orElseThrow();
        cache.putAllIfNewer(Map.of(
                "filled", new VersionedCache.Entry(2, "filled two"),
                "reserved", new VersionedCache.Entry(2, "reserved two")));
        cache.fillIfReserved("reserved", new VersionedCache.Entry(1, "reserved one"));

        assertThat(held).containsExactly("filled", "reserved");
        assertThat(cache.getAll(List.of("filled", "reserved")))
                .containsExactly(
                        Optional.of(new VersionedCache.Entry(2, "filled two")),
                        Optional.of(new VersionedCache.Entry(2, "reserved two")));
        assertThat(redis.getMap(cache.key("reserved")).remainTimeToLive()).isEqualTo(-1);
    }

    @Test
    void answersEmptyAndCountsAFallbackWhenRedisCannotBeReached() {
        RedissonClient nowhere = TestRedis.unreachable();
        try {
            VersionedCache down = new VersionedCache(nowhere, family, meters);

            assertThat(down.getAll(List.of("a", "b"))).containsExactly(Optional.empty(), Optional.empty());
            assertThat(down.putIfNewer("a", new VersionedCache.Entry(1, "one"))).isFalse();
            assertThat(down.getOrReserve("a")).isEmpty();
            assertThat(down.fillIfReserved("a", new VersionedCache.Entry(1, "one")))
                    .isFalse();
            assertThat(down.held(List.of("a"))).isEmpty();
            assertThat(meters.counter("haulstream.cache.fallbacks", "family", family)
                            .count())
                    .isEqualTo(5);
        } finally {
            nowhere.shutdown();
        }
    }
}

package io.haulstream.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Invalidations and the fills they race with, on the real Redis the project's scripts start. */
class LeasedCacheIT {

    private static RedissonClient redis;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String family = "it-" + UUID.randomUUID();
    private final LeasedCache cache = new LeasedCache(redis, family, meters);

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    @Test
    void aMissFillsAndTheNextReadHits() {
        LeasedCache.Lookup first = cache.get("r");
        assertThat(first).isInstanceOf(LeasedCache.Lookup.Miss.class);

        assertThat(fill("r", (LeasedCache.Lookup.Miss) first, "{\"v\":1}")).isTrue();

        assertThat(cache.get("r")).isEqualTo(new LeasedCache.Lookup.Hit("{\"v\":1}"));
    }

    /**
     * The race the generation is for: a reader misses, reads the old rows, a change commits and is
     * invalidated, and only then does the reader's fill arrive. It must not land.
     */
    @Test
    void refusesAFillThatMissedBeforeAnInvalidation() {
        LeasedCache.Lookup.Miss beforeTheChange = (LeasedCache.Lookup.Miss) cache.get("r");
        cache.invalidateAll(List.of("r"));

        assertThat(fill("r", beforeTheChange, "old")).isFalse();

        assertThat(cache.get("r")).isInstanceOf(LeasedCache.Lookup.Miss.class);
        assertThat(meters.counter("haulstream.cache.writes", "family", family, "result", "refused-older")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anInvalidationDropsAFilledEntryAndAReadAfterItFillsAgain() {
        fill("r", (LeasedCache.Lookup.Miss) cache.get("r"), "old");
        fill("s", (LeasedCache.Lookup.Miss) cache.get("s"), "kept");

        cache.invalidateAll(List.of("r"));
        LeasedCache.Lookup afterTheChange = cache.get("r");
        assertThat(fill("r", (LeasedCache.Lookup.Miss) afterTheChange, "new")).isTrue();

        assertThat(cache.get("r")).isEqualTo(new LeasedCache.Lookup.Hit("new"));
        assertThat(cache.get("s")).isEqualTo(new LeasedCache.Lookup.Hit("kept"));
    }

    @Test
    void aReadWithoutRedisMissesAndItsFillChangesNothing() {
        RedissonClient nowhere = TestRedis.unreachable();
        try {
            LeasedCache down = new LeasedCache(nowhere, family, meters);

            LeasedCache.Lookup lookup = down.get("r");
            assertThat(down.fill("r", (LeasedCache.Lookup.Miss) lookup, "body")
                            .toCompletableFuture()
                            .join())
                    .isFalse();

            assertThat(lookup).isEqualTo(new LeasedCache.Lookup.Miss(null));
            assertThat(down.invalidateAll(List.of("r"))).isFalse();
            assertThat(meters.counter("haulstream.cache.fallbacks", "family", family)
                            .count())
                    .isEqualTo(2);
        } finally {
            nowhere.shutdown();
        }
    }

    private boolean fill(String id, LeasedCache.Lookup.Miss miss, String body) {
        return cache.fill(id, miss, body).toCompletableFuture().join();
    }
}

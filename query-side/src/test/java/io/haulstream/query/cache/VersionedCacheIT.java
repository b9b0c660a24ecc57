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
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The compare-and-set entries on the real Redis the project's scripts start. */
class VersionedCacheIT {

    private static RedissonClient redis;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String family = "it-" + UUID.randomUUID();
    private final VersionedCache cache = new VersionedCache(redis, family, meters);

    @BeforeAll
    static void connect() {
        redis = Redisson.create(config(env("REDIS_PORT", "6379")));
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
    void answersEmptyAndCountsAFallbackWhenRedisCannotBeReached() {
        // Lazily, as a running application whose Redis went away: the client exists, every call fails.
        Config unreachable = config("1").setLazyInitialization(true);
        unreachable.useSingleServer().setConnectTimeout(200).setRetryAttempts(0).setTimeout(200);
        RedissonClient nowhere = Redisson.create(unreachable);
        try {
            VersionedCache down = new VersionedCache(nowhere, family, meters);

            assertThat(down.getAll(List.of("a", "b"))).containsExactly(Optional.empty(), Optional.empty());
            assertThat(down.putIfNewer("a", new VersionedCache.Entry(1, "one"))).isFalse();
            assertThat(meters.counter("haulstream.cache.fallbacks", "family", family)
                            .count())
                    .isEqualTo(2);
        } finally {
            nowhere.shutdown();
        }
    }

    private static Config config(String port) {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + port);
        return config;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

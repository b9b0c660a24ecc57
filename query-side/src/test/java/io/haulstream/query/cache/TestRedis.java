package io.haulstream.query.cache;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Clients for the cache tests: the real Redis the project's scripts start, and one that is not there. */
final class TestRedis {

    private TestRedis() {}

    static RedissonClient connect() {
        return Redisson.create(config(env("REDIS_PORT", "6379")));
    }

    /** Lazily, as a running application whose Redis went away: the client exists, every call fails. */
    static RedissonClient unreachable() {
        Config unreachable = config("1").setLazyInitialization(true);
        unreachable.useSingleServer().setConnectTimeout(200).setRetryAttempts(0).setTimeout(200);
        return Redisson.create(unreachable);
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

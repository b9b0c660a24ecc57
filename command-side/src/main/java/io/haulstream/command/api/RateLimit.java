package io.haulstream.command.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@link ApiProperties#rateLimit} command requests per client ({@link ClientKeys}) per
 * {@link ApiProperties#rateInterval}; beyond it 429 with {@code Retry-After}. Counted by a Redisson
 * rate limiter in Redis, so the limit holds across command-side instances. Redis down lets requests
 * through (a limit that fails closed would turn a cache outage into an API outage) and stops asking
 * Redis for a few seconds, so that each command does not pay Redis's connect timeout.
 *
 * <p>Each instance takes a client's permits from Redis a few at a time ({@link #leaseSize}: a
 * twentieth of the rate, at most 50) and spends them locally, so a busy client costs one Redis round trip per
 * lease instead of two per command. The limit stays shared and can only be overshot by the permits
 * an instance holds when a window starts: at most {@code leaseSize - 1} per instance (none for a rate
 * under 40). A lease is given up after one interval, so permits cannot be saved up.
 *
 * <p>Runs after Spring Security's filter chain (order -100), which sets the principal it keys by.
 */
@Component
@Order(RateLimit.ORDER)
class RateLimit extends OncePerRequestFilter {

    static final int ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(RateLimit.class);
    private static final Duration PAUSE_AFTER_REDIS_FAILURE = Duration.ofSeconds(5);
    /** A client gone quiet this long loses its counter; it starts afresh when it comes back. */
    private static final Duration KEEP_ALIVE = Duration.ofHours(1);
    /** More clients than this at once and the leases are dropped (their permits are forgone). */
    private static final int MAX_LEASES = 10_000;

    private final RedissonClient redis;
    private final long permits;
    private final Duration interval;
    private final String retryAfter;
    private final Counter limited;
    private final Counter unavailable;
    private final int leaseSize;
    /** Per client key; a flood of keys (addresses of open requests) only empties it now and then. */
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    private volatile long askRedisAgainAt;

    RateLimit(RedissonClient redis, ApiProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.permits = properties.rateLimit();
        this.interval = properties.rateInterval();
        // The window slides: waiting one whole window always frees a permit.
        this.retryAfter = Long.toString(Math.max(1, (interval.toMillis() + 999) / 1000));
        this.limited = meters.counter("haulstream.api.rate_limited");
        this.unavailable = meters.counter("haulstream.api.rate_limit_unavailable");
        this.leaseSize = (int) Math.max(1, Math.min(50, permits / 20));
        this.askRedisAgainAt = System.nanoTime();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return permits <= 0 || !request.getRequestURI().startsWith("/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(ClientKeys.of(request))) {
            chain.doFilter(request, response);
            return;
        }
        limited.increment();
        response.setHeader("Retry-After", retryAfter);
        Problems.write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                List.of(new Problems.FieldError(
                        "client", "sent more than " + permits + " requests in " + interval + "; retry later")));
    }

    private boolean allowed(String client) {
        if (System.nanoTime() - askRedisAgainAt < 0) {
            return true;
        }
        try {
            if (leases.size() > MAX_LEASES) {
                leases.clear();
            }
            Lease lease = leases.computeIfAbsent(client, key -> new Lease());
            synchronized (lease) {
                long now = System.nanoTime();
                if (lease.left > 0 && now - lease.expiresAt < 0) {
                    lease.left--;
                    return true;
                }
                // Near the limit a whole lease is no longer free: then one permit at a time.
                int taken = acquire(client, leaseSize) ? leaseSize : acquire(client, 1) ? 1 : 0;
                lease.left = Math.max(0, taken - 1);
                lease.expiresAt = now + interval.toNanos();
                return taken > 0;
            }
        } catch (RuntimeException redisDown) {
            unavailable.increment();
            askRedisAgainAt = System.nanoTime() + PAUSE_AFTER_REDIS_FAILURE.toNanos();
            log.warn(
                    "rate limit not applied for {}: Redis did not answer ({})",
                    PAUSE_AFTER_REDIS_FAILURE,
                    redisDown.toString());
            return true;
        }
    }

    private boolean acquire(String client, int count) {
        RRateLimiter limiter = redis.getRateLimiter("ratelimit:command-api:" + client);
        // Sets the rate only when the limiter has none, so every instance shares the first one's.
        limiter.trySetRate(RateType.OVERALL, permits, interval, KEEP_ALIVE);
        return limiter.tryAcquire(count);
    }

    /** Permits of one client taken from Redis and not yet spent by this instance. */
    private static final class Lease {
        private int left;
        private long expiresAt;
    }
}

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

    private final RedissonClient redis;
    private final long permits;
    private final Duration interval;
    private final String retryAfter;
    private final Counter limited;
    private final Counter unavailable;
    private volatile long askRedisAgainAt;

    RateLimit(RedissonClient redis, ApiProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.permits = properties.rateLimit();
        this.interval = properties.rateInterval();
        // The window slides: waiting one whole window always frees a permit.
        this.retryAfter = Long.toString(Math.max(1, (interval.toMillis() + 999) / 1000));
        this.limited = meters.counter("haulstream.api.rate_limited");
        this.unavailable = meters.counter("haulstream.api.rate_limit_unavailable");
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
            RRateLimiter limiter = redis.getRateLimiter("ratelimit:command-api:" + client);
            // Sets the rate only when the limiter has none, so every instance shares the first one's.
            limiter.trySetRate(RateType.OVERALL, permits, interval, KEEP_ALIVE);
            return limiter.tryAcquire();
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
}

package io.haulstream.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RedissonClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The leases: a busy client asks Redis once per lease, not per command, and the shared limit (here a
 * Redis window that never slides, so every permit it grants counts) is overshot by at most one
 * lease less one permit.
 */
class RateLimitTest {

    private static final long RATE = 100;
    private static final long LEASE = RATE / 20;

    /** Redis's side: a window of {@link #RATE} permits, counting the round trips. */
    private final AtomicLong granted = new AtomicLong();

    private final AtomicInteger acquisitions = new AtomicInteger();

    @Test
    void aBusyClientAsksRedisOncePerLeaseAndStaysWithinTheRatePlusOneLease() throws Exception {
        RateLimit limit = rateLimit();

        int admitted = 0;
        for (int i = 0; i < 300; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            limit.doFilter(commandRequest(), response, new MockFilterChain());
            admitted += response.getStatus() == 200 ? 1 : 0;
        }

        assertThat(admitted).isBetween((int) RATE, (int) (RATE + LEASE - 1));
        // 20 leases of 5, then each refused command asks for a lease and for one permit.
        assertThat(acquisitions.get()).isLessThanOrEqualTo((int) (RATE / LEASE + 2 * (300 - RATE)));
        assertThat(acquisitions.get()).isGreaterThanOrEqualTo((int) (RATE / LEASE));
    }

    @Test
    void aClientWhoseRateIsSpentHears429() throws Exception {
        RateLimit limit = rateLimit();
        granted.set(RATE);

        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(commandRequest(), response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    }

    private RateLimit rateLimit() {
        RRateLimiter limiter = mock(RRateLimiter.class);
        when(limiter.tryAcquire(anyLong())).thenAnswer(call -> {
            acquisitions.incrementAndGet();
            long wanted = call.getArgument(0);
            if (granted.get() + wanted > RATE) {
                return false;
            }
            granted.addAndGet(wanted);
            return true;
        });
        RedissonClient redis = mock(RedissonClient.class);
        when(redis.getRateLimiter(anyString())).thenReturn(limiter);
        return new RateLimit(
                redis, new ApiProperties(1_000_000, RATE, Duration.ofSeconds(1)), new SimpleMeterRegistry());
    }

    private static MockHttpServletRequest commandRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organizations");
        request.setRequestURI("/api/v1/organizations");
        return request;
    }
}

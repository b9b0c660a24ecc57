package io.haulstream.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haulstream.command.domain.RuleViolation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

class FleetRetriesTest {

    private final FleetRetries retries = new FleetRetries(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void retriesWhileTheDatabaseFailsAndReturnsWhatTheLastAttemptGave() {
        var attempts = new AtomicInteger();

        String result = retries.untilDone(() -> {
            if (attempts.incrementAndGet() < 5) {
                throw new IllegalStateException("wrapped", new TransientDataAccessResourceException("database down"));
            }
            return "applied";
        });

        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void passesARefusalOnAtOnce() {
        var attempts = new AtomicInteger();

        assertThatThrownBy(() -> retries.untilDone(() -> {
                    attempts.incrementAndGet();
                    throw new RuleViolation("binId", "the bin is retired");
                }))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("retired");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void stopsRetryingWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> retries.untilDone(() -> {
                    throw new TransientDataAccessResourceException("database down");
                }))
                .isInstanceOf(FleetRetries.Interrupted.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}

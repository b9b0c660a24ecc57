package io.haulstream.command.fleet;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Retries a fleet record's command while the servers behind the command side fail (database,
 * broker), with a growing pause and without end: the record is fine and will pass once they are
 * back. Any other failure is the record's and is passed on at once.
 */
@Component
class FleetRetries {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            DataAccessException.class,
            TransactionException.class,
            SQLException.class,
            AxonTransientException.class,
            RetriableException.class);

    private final Duration firstPause;
    private final Duration longestPause;

    FleetRetries() {
        this(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    FleetRetries(Duration firstPause, Duration longestPause) {
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    <T> T untilDone(Supplier<T> attempt) {
        long pause = firstPause.toMillis();
        while (true) {
            try {
                return attempt.get();
            } catch (RuntimeException failure) {
                if (!isTransient(failure)) {
                    throw failure;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted();
            }
            pause = Math.min(pause * 2, longestPause.toMillis());
        }
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : TRANSIENT) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The application is stopping while a record waits for its servers: the batch is left unacknowledged. */
    static class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped while retrying a fleet record");
        }
    }
}

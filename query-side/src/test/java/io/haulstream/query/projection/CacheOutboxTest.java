package io.haulstream.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class CacheOutboxTest {

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

    /** Each listener waits until the other was told too: told one after the other, neither would pass. */
    @Test
    void tellsTheListenersOfABatchSideBySide() throws Exception {
        CountDownLatch bothTold = new CountDownLatch(2);
        ChangeListener waitsForTheOther = changes -> {
            bothTold.countDown();
            return await(bothTold);
        };
        CacheOutbox outbox = outbox(waitsForTheOther, waitsForTheOther);
        CountDownLatch passed = new CountDownLatch(1);

        outbox.passOn(7, changes(), passed::countDown);

        assertThat(passed.await(5, TimeUnit.SECONDS)).as("passed on").isTrue();
        verify(jdbc, timeout(5_000)).update("delete from read_model.cache_outbox_batches where id = ?", 7L);
        outbox.stop();
    }

    @Test
    void keepsTheBatchQueuedWhenOneListenerFails() throws Exception {
        CountDownLatch told = new CountDownLatch(2);
        CacheOutbox outbox = outbox(
                changes -> {
                    told.countDown();
                    return true;
                },
                changes -> {
                    told.countDown();
                    throw new IllegalStateException("redis is down");
                });
        CountDownLatch passed = new CountDownLatch(1);

        outbox.passOn(8, changes(), passed::countDown);

        assertThat(told.await(5, TimeUnit.SECONDS)).as("both told").isTrue();
        outbox.stop();
        assertThat(passed.getCount()).as("not passed on").isEqualTo(1);
        verify(jdbc, never()).update("delete from read_model.cache_outbox_batches where id = ?", 8L);
    }

    private CacheOutbox outbox(ChangeListener... listeners) {
        return new CacheOutbox(jdbc, mock(TransactionTemplate.class), List.of(listeners));
    }

    private static Changes changes() {
        Changes changes = new Changes();
        changes.binChanged("bin-1");
        return changes;
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.haulstream.query.projection;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the after-commit cache refresh as durable as the batch: the changed keys are queued in
 * the batch's own transaction and cleared only once every listener passed them on. Whatever a
 * crash or a Redis outage left queued is passed on again in the background, here or on any other
 * instance, so a cache entry is never left behind its row for good.
 */
@Component
class CacheOutbox {

    private static final Logger log = LoggerFactory.getLogger(CacheOutbox.class);
    private static final String BIN = "bin:";
    private static final String STATISTICS = "stats:";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<ChangeListener> listeners;

    CacheOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, List<ChangeListener> listeners) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.listeners = listeners;
    }

    /** Inside the batch's transaction. */
    void enqueue(Changes changes) {
        jdbc.update(
                "insert into read_model.cache_outbox (key) select unnest(?::text[]) on conflict (key) do nothing",
                (Object) keys(changes).toArray(String[]::new));
    }

    /** After the batch committed: pass the changes on, and clear them if every listener could. */
    void passOn(Changes changes) {
        if (tellListeners(changes)) {
            jdbc.update("delete from read_model.cache_outbox where key = any(?)", (Object)
                    keys(changes).toArray(String[]::new));
        }
    }

    @Scheduled(fixedDelayString = "${haulstream.projection.cache-retry:5s}")
    void retryLeftovers() {
        transactions.executeWithoutResult(status -> {
            List<String> keys = jdbc.queryForList(
                    "select key from read_model.cache_outbox order by queued_at limit 1000 for update skip locked",
                    String.class);
            if (keys.isEmpty()) {
                return;
            }
            Changes changes = new Changes();
            keys.forEach(key -> {
                if (key.startsWith(BIN)) {
                    changes.binChanged(key.substring(BIN.length()));
                } else if (key.startsWith(STATISTICS)) {
                    changes.statisticsChanged(key.substring(STATISTICS.length()));
                }
            });
            if (tellListeners(changes)) {
                jdbc.update(
                        "delete from read_model.cache_outbox where key = any(?)", (Object) keys.toArray(String[]::new));
            }
        });
    }

    private boolean tellListeners(Changes changes) {
        boolean all = true;
        for (ChangeListener listener : listeners) {
            try {
                all &= listener.committed(changes);
            } catch (RuntimeException e) {
                log.warn(
                        "change listener {} failed; its keys stay queued",
                        listener.getClass().getSimpleName(),
                        e);
                all = false;
            }
        }
        return all;
    }

    private static List<String> keys(Changes changes) {
        List<String> keys = new ArrayList<>();
        changes.bins().forEach(bin -> keys.add(BIN + bin));
        changes.statistics().forEach(key -> keys.add(STATISTICS + key));
        return keys;
    }
}

package io.haulstream.query.projection;

import io.haulstream.query.cache.TileArea;
import jakarta.annotation.PreDestroy;
import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the after-commit cache refresh as durable as the batch: the changed keys are queued in
 * the batch's own transaction, as one row for the batch, and cleared only once every listener
 * passed them on. Whatever a crash or a Redis outage left queued is passed on again in the
 * background, here or on any other instance, so a cache entry is never left behind its row for good.
 */
@Component
class CacheOutbox {

    private static final Logger log = LoggerFactory.getLogger(CacheOutbox.class);
    private static final String BIN = "bin:";
    private static final String STATISTICS = "stats:";
    private static final String ROUTE = "route:";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<ChangeListener> listeners;

    /**
     * Passes committed batches on beside the projection, so the consumer projects the next batch
     * while Redis takes the last one: one thread keeps them in commit order, and a short queue makes
     * the projection wait rather than run far ahead of the cache.
     */
    private final ThreadPoolExecutor passing = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(4),
            runnable -> new Thread(runnable, "cache-outbox"),
            new ThreadPoolExecutor.CallerRunsPolicy());

    /**
     * Tells the listeners of a batch side by side: each waits mostly on its own round trips to
     * PostgreSQL and Redis, so the batch is passed on when the slowest is done, not after the sum
     * of them (the committed-to-cached hop). The next batch waits for all, which keeps each listener
     * in commit order.
     */
    private final ExecutorService telling;

    CacheOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, List<ChangeListener> listeners) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.listeners = listeners;
        this.telling = Executors.newFixedThreadPool(
                Math.max(1, listeners.size() - 1), new CustomizableThreadFactory("cache-listener-"));
    }

    /** Batches still queued in memory at shutdown stay in the outbox table for the next start. */
    @PreDestroy
    void stop() throws InterruptedException {
        passing.shutdown();
        passing.awaitTermination(5, TimeUnit.SECONDS);
        telling.shutdown();
    }

    /**
     * Inside the batch's transaction.
     *
     * @return the queued batch's id, to clear it once passed on
     */
    long enqueue(Changes changes) {
        return jdbc.queryForObject(
                "insert into read_model.cache_outbox_batches (keys) values (?::text[]) returning id",
                Long.class,
                (Object) keys(changes).toArray(String[]::new));
    }

    /**
     * After the batch committed: pass the changes on, and clear them if every listener could. Runs
     * on the outbox's own thread; {@code passed} is told as soon as every listener took the
     * changes, which is when a reader sees them, before the bookkeeping that clears them.
     */
    void passOn(long queued, Changes changes, Runnable passed) {
        passing.execute(() -> {
            try {
                if (tellListeners(changes)) {
                    passed.run();
                    jdbc.update("delete from read_model.cache_outbox_batches where id = ?", queued);
                }
            } catch (RuntimeException e) {
                log.warn("passing on batch {} failed; its keys stay queued", queued, e);
            }
        });
    }

    /**
     * Batches whose keys are still queued a while after their commit: their own instance crashed or
     * could not reach Redis. The grace keeps this from racing every batch that is being passed on.
     */
    @Scheduled(fixedDelayString = "${haulstream.projection.cache-retry:5s}")
    void retryLeftovers() {
        transactions.executeWithoutResult(status -> {
            List<Long> ids = new ArrayList<>();
            Changes changes = new Changes();
            jdbc.query(
                    "select id, keys from read_model.cache_outbox_batches"
                            + " where queued_at < now() - interval '2 seconds' order by id limit 100"
                            + " for update skip locked",
                    rs -> {
                        ids.add(rs.getLong(1));
                        Array keys = rs.getArray(2);
                        for (String key : (String[]) keys.getArray()) {
                            if (key.startsWith(BIN)) {
                                changes.binChanged(key.substring(BIN.length()));
                            } else if (key.startsWith(ROUTE)) {
                                changes.routesChanged(List.of(key.substring(ROUTE.length())));
                            } else if (key.startsWith(STATISTICS)) {
                                changes.statisticsChanged(key.substring(STATISTICS.length()));
                            } else if (TileArea.isOutboxKey(key)) {
                                changes.tileAreasChanged(List.of(TileArea.ofOutboxKey(key)));
                            }
                        }
                    });
            if (!ids.isEmpty() && tellListeners(changes)) {
                jdbc.update("delete from read_model.cache_outbox_batches where id = any(?)", (Object)
                        ids.toArray(Long[]::new));
            }
        });
    }

    /** The first listener runs on the calling thread, the others beside it. */
    private boolean tellListeners(Changes changes) {
        List<CompletableFuture<Boolean>> others = new ArrayList<>(listeners.size());
        for (ChangeListener listener : listeners.subList(Math.min(1, listeners.size()), listeners.size())) {
            others.add(CompletableFuture.supplyAsync(() -> tell(listener, changes), telling));
        }
        boolean all = listeners.isEmpty() || tell(listeners.get(0), changes);
        for (CompletableFuture<Boolean> other : others) {
            all &= other.join();
        }
        return all;
    }

    private static boolean tell(ChangeListener listener, Changes changes) {
        try {
            return listener.committed(changes);
        } catch (RuntimeException e) {
            log.warn(
                    "change listener {} failed; its keys stay queued",
                    listener.getClass().getSimpleName(),
                    e);
            return false;
        }
    }

    private static List<String> keys(Changes changes) {
        List<String> keys = new ArrayList<>();
        changes.bins().forEach(bin -> keys.add(BIN + bin));
        changes.statistics().forEach(key -> keys.add(STATISTICS + key));
        changes.routes().forEach(route -> keys.add(ROUTE + route));
        changes.tileAreas().forEach(area -> keys.add(area.outboxKey()));
        return keys;
    }
}

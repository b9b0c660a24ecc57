package io.haulstream.query.projection;

import io.haulstream.events.HaulstreamEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies one polled batch in one transaction together with the offsets it consumed, so a crash
 * at any point either keeps both or neither. Records below the stored offset (redelivered after a
 * rebalance) and events at or below their aggregate's projected sequence (re-sent by the relay,
 * replayed) change nothing. Each projector gets the batch's new events of its types at once, so
 * the batch costs a few statements per read model however many events it holds. Before anything
 * else it takes the locks of the organizations it names ({@link OrganizationLocks}), so instances
 * projecting other partitions of the topic never join rows with a batch they cannot see yet.
 */
@Component
class ProjectionBatch {

    private final ProjectionStore store;
    private final EventDecoder decoder;
    private final List<Projector> projectors;
    private final CacheOutbox outbox;
    private final List<BatchCommitted> committedListeners;
    private final EventLag lag;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter unknown;

    ProjectionBatch(
            ProjectionStore store,
            EventDecoder decoder,
            List<Projector> projectors,
            CacheOutbox outbox,
            List<BatchCommitted> committedListeners,
            EventLag lag,
            MeterRegistry meters) {
        this.store = store;
        this.decoder = decoder;
        this.projectors = projectors;
        this.outbox = outbox;
        this.committedListeners = committedListeners;
        this.lag = lag;
        this.applied = meters.counter("haulstream.projection.events", "outcome", "applied");
        this.duplicates = meters.counter("haulstream.projection.events", "outcome", "duplicate");
        this.unknown = meters.counter("haulstream.projection.events", "outcome", "unknown-type");
    }

    @Transactional
    public void apply(String group, List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        Instant consumedAt = Instant.now();
        String topic = records.get(0).topic();
        List<Optional<ProjectedEvent>> decoded =
                records.stream().map(decoder::decode).toList();
        store.lockOrganizations(decoded.stream()
                .flatMap(Optional::stream)
                .map(event -> event.event().organizationId())
                .collect(Collectors.toSet()));
        Map<Integer, Long> next = store.lockNextOffsets(
                group,
                topic,
                records.stream().map(ConsumerRecord::partition).distinct().toList());
        Map<Integer, Long> nextOffsets = new LinkedHashMap<>();
        Map<Integer, Long> lastGlobalPosition = new LinkedHashMap<>();
        List<ProjectedEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            if (record.offset() < next.getOrDefault(record.partition(), 0L)) {
                duplicates.increment();
                continue;
            }
            nextOffsets.put(record.partition(), record.offset() + 1);
            Optional<ProjectedEvent> event = decoded.get(i);
            if (event.isEmpty()) {
                unknown.increment();
                continue;
            }
            lastGlobalPosition.merge(record.partition(), event.get().globalPosition(), Math::max);
            events.add(event.get());
        }
        lag.consumed(events, consumedAt);
        List<ProjectedEvent> fresh = firstSightings(events);
        Changes changes = new Changes();
        for (Projector projector : projectors) {
            Set<Class<? extends HaulstreamEvent>> types = projector.handles();
            List<ProjectedEvent> own = fresh.stream()
                    .filter(event -> types.contains(event.event().getClass()))
                    .toList();
            if (!own.isEmpty()) {
                projector.project(own, changes);
            }
        }
        if (!nextOffsets.isEmpty()) {
            store.saveNextOffsets(group, topic, nextOffsets, lastGlobalPosition);
        }
        long queued = changes.isEmpty() ? -1 : outbox.enqueue(changes);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Instant committedAt = Instant.now();
                lag.committed(fresh, consumedAt, committedAt);
                committedListeners.forEach(BatchCommitted::batchCommitted);
                if (!changes.isEmpty()) {
                    // The read model is committed: a listener failing (Redis down) must not replay
                    // the batch; its keys stay in the outbox and are passed on later.
                    outbox.passOn(queued, changes, () -> lag.cached(fresh.size(), committedAt, Instant.now()));
                }
            }
        });
    }

    /** The events not projected before, in order, with each aggregate's newest recorded in the same pass. */
    private List<ProjectedEvent> firstSightings(List<ProjectedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, Long> projectedUpTo = new HashMap<>(store.lockSequences(
                events.stream().map(ProjectedEvent::aggregateId).collect(Collectors.toSet())));
        Map<String, ProjectedEvent> newest = new LinkedHashMap<>();
        List<ProjectedEvent> fresh = new ArrayList<>(events.size());
        for (ProjectedEvent event : events) {
            if (event.sequence() > projectedUpTo.getOrDefault(event.aggregateId(), -1L)) {
                projectedUpTo.put(event.aggregateId(), event.sequence());
                newest.put(event.aggregateId(), event);
                fresh.add(event);
                applied.increment();
            } else {
                duplicates.increment();
            }
        }
        if (!newest.isEmpty()) {
            store.saveSequences(newest.values());
        }
        return fresh;
    }
}

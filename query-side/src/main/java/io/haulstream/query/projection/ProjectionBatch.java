package io.haulstream.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * replayed) change nothing.
 */
@Component
class ProjectionBatch {

    private final ProjectionStore store;
    private final EventDecoder decoder;
    private final List<Projector> projectors;
    private final CacheOutbox outbox;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter unknown;

    ProjectionBatch(
            ProjectionStore store,
            EventDecoder decoder,
            List<Projector> projectors,
            CacheOutbox outbox,
            MeterRegistry meters) {
        this.store = store;
        this.decoder = decoder;
        this.projectors = projectors;
        this.outbox = outbox;
        this.applied = meters.counter("haulstream.projection.events", "outcome", "applied");
        this.duplicates = meters.counter("haulstream.projection.events", "outcome", "duplicate");
        this.unknown = meters.counter("haulstream.projection.events", "outcome", "unknown-type");
    }

    @Transactional
    public void apply(String group, List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        Map<Integer, Long> next = store.lockNextOffsets(
                group,
                topic,
                records.stream().map(ConsumerRecord::partition).distinct().toList());
        Map<Integer, ConsumerRecord<String, byte[]>> lastOfPartition = new LinkedHashMap<>();
        Map<Integer, Long> lastGlobalPosition = new LinkedHashMap<>();
        List<ProjectedEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.offset() < next.getOrDefault(record.partition(), 0L)) {
                duplicates.increment();
                continue;
            }
            lastOfPartition.put(record.partition(), record);
            Optional<ProjectedEvent> event = decoder.decode(record);
            if (event.isEmpty()) {
                unknown.increment();
                continue;
            }
            lastGlobalPosition.merge(record.partition(), event.get().globalPosition(), Math::max);
            events.add(event.get());
        }
        Changes changes = new Changes();
        if (!events.isEmpty()) {
            Map<String, Long> projectedUpTo = new HashMap<>(store.lockSequences(
                    events.stream().map(ProjectedEvent::aggregateId).collect(Collectors.toSet())));
            Map<String, ProjectedEvent> newest = new LinkedHashMap<>();
            for (ProjectedEvent event : events) {
                if (event.sequence() > projectedUpTo.getOrDefault(event.aggregateId(), -1L)) {
                    projectedUpTo.put(event.aggregateId(), event.sequence());
                    newest.put(event.aggregateId(), event);
                    projectors.forEach(projector -> projector.project(event, changes));
                    applied.increment();
                } else {
                    duplicates.increment();
                }
            }
            if (!newest.isEmpty()) {
                store.saveSequences(newest.values());
            }
        }
        projectors.forEach(projector -> projector.batchDone(changes));
        lastOfPartition.forEach((partition, record) -> store.saveNextOffset(
                group, topic, partition, record.offset() + 1, lastGlobalPosition.getOrDefault(partition, -1L)));
        if (!changes.isEmpty()) {
            outbox.enqueue(changes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // The read model is committed: a listener failing (Redis down) must not replay
                    // the batch; its keys stay in the outbox and are passed on later.
                    outbox.passOn(changes);
                }
            });
        }
    }
}

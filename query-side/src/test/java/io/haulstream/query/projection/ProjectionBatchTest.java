package io.haulstream.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.haulstream.events.HaulstreamEvent;
import io.haulstream.events.OrganizationRegistered;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The batch's bookkeeping, with the store and decoder replaced: which records reach projectors. */
class ProjectionBatchTest {

    private static final String GROUP = "group";
    private static final String TOPIC = "events";

    private final ProjectionStore store = mock(ProjectionStore.class);
    private final EventDecoder decoder = mock(EventDecoder.class);
    private final List<ProjectedEvent> projected = new ArrayList<>();
    private ProjectionBatch batch;

    @AfterEach
    void endSynchronization() {
        TransactionSynchronizationManager.clearSynchronization();
    }

    @BeforeEach
    void setUp() {
        // What the batch's transaction provides in the application: somewhere to register after-commit work.
        TransactionSynchronizationManager.initSynchronization();
        Projector recording = new Projector() {
            @Override
            public Set<Class<? extends HaulstreamEvent>> handles() {
                return Set.of(OrganizationRegistered.class);
            }

            @Override
            public void project(List<ProjectedEvent> events, Changes changes) {
                projected.addAll(events);
            }
        };
        var meters = new SimpleMeterRegistry();
        batch = new ProjectionBatch(
                store, decoder, List.of(recording), mock(CacheOutbox.class), List.of(), new EventLag(meters), meters);
    }

    @Test
    void skipsRecordsBelowTheStoredOffset() {
        when(store.lockNextOffsets(GROUP, TOPIC, List.of(0))).thenReturn(Map.of(0, 2L));
        var old = record(0, 1, "org-1");
        var fresh = record(0, 2, "org-2");
        decodes(old, "org-1", 0, 10);
        decodes(fresh, "org-2", 0, 11);

        batch.apply(GROUP, List.of(old, fresh));

        assertThat(projected).extracting(ProjectedEvent::aggregateId).containsExactly("org-2");
        verify(store).saveNextOffsets(GROUP, TOPIC, Map.of(0, 3L), Map.of(0, 11L));
    }

    @Test
    void skipsEventsItsAggregateHasAlreadyProjectedButStillAdvancesTheOffset() {
        when(store.lockNextOffsets(anyString(), anyString(), anyList())).thenReturn(Map.of());
        var duplicate = record(1, 5, "org-1");
        decodes(duplicate, "org-1", 0, 10);
        when(store.lockSequences(Set.of("org-1"))).thenReturn(Map.of("org-1", 0L));

        batch.apply(GROUP, List.of(duplicate));

        assertThat(projected).isEmpty();
        verify(store, never()).saveSequences(anyCollection());
        verify(store).saveNextOffsets(GROUP, TOPIC, Map.of(1, 6L), Map.of(1, 10L));
    }

    @Test
    void appliesAnEventRepeatedWithinOneBatchOnceAndRecordsEachAggregatesNewest() {
        when(store.lockNextOffsets(anyString(), anyString(), anyList())).thenReturn(Map.of());
        var first = record(0, 0, "bin-1");
        var resent = record(0, 1, "bin-1");
        var second = record(0, 2, "bin-1");
        decodes(first, "bin-1", 0, 10);
        decodes(resent, "bin-1", 0, 10);
        decodes(second, "bin-1", 1, 12);

        batch.apply(GROUP, List.of(first, resent, second));

        assertThat(projected).extracting(ProjectedEvent::sequence).containsExactly(0L, 1L);
        verify(store)
                .saveSequences(argThat(
                        newest -> newest.size() == 1 && newest.iterator().next().sequence() == 1));
    }

    @Test
    void passesOverEventTypesItDoesNotKnow() {
        when(store.lockNextOffsets(anyString(), anyString(), anyList())).thenReturn(Map.of());
        var foreign = record(0, 0, "x");
        when(decoder.decode(foreign)).thenReturn(Optional.empty());

        batch.apply(GROUP, List.of(foreign));

        assertThat(projected).isEmpty();
        verify(store, never()).lockSequences(anyCollection());
        verify(store).saveNextOffsets(eq(GROUP), eq(TOPIC), eq(Map.of(0, 1L)), anyMap());
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String key) {
        return new ConsumerRecord<>(TOPIC, partition, offset, key, new byte[0]);
    }

    private void decodes(ConsumerRecord<String, byte[]> record, String aggregateId, long sequence, long position) {
        var event = new ProjectedEvent(
                new OrganizationRegistered(aggregateId, "name", Instant.EPOCH),
                aggregateId,
                sequence,
                position,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null);
        when(decoder.decode(record)).thenReturn(Optional.of(event));
    }
}

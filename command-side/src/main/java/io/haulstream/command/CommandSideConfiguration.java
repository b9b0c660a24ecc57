package io.haulstream.command;

import io.haulstream.events.HaulstreamEvent;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Keeps loaded aggregates between commands, so a busy bin is not rebuilt from its whole
     * history each time. Entries live as long as the JVM has memory for them; a stale entry cannot
     * be used because the event store rejects an append at an already used sequence number.
     */
    @Bean
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /**
     * Retries a command whose append lost a race with another instance (a concurrency conflict):
     * the retry reloads the aggregate and checks the rules again, so it is always safe. Rule
     * violations are non-transient and are never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor())
                        .retryInterval(20)
                        .maxRetryCount(3)
                        .build())
                .build();
    }

    /** Reads the revision from the events module's own annotation, which carries no Axon dependency. */
    @Bean
    RevisionResolver revisionResolver() {
        return HaulstreamEvent::revisionOf;
    }

    /** Axon's default names are camel case, which PostgreSQL folds; the Flyway schema uses snake case. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}

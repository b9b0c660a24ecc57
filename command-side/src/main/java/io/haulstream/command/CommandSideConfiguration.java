package io.haulstream.command;

import io.haulstream.command.access.ActorMetaData;
import io.haulstream.events.HaulstreamEvent;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.AnnotationRevisionResolver;
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
                .dispatchInterceptors(new ActorMetaData())
                .build();
    }

    /** Copies the actor of a command to its events (see {@link ActorMetaData}). */
    @Bean
    CorrelationDataProvider actorOnEvents() {
        return ActorMetaData.onEvents();
    }

    /**
     * Axon's own {@code correlationId} and {@code traceId}: its default provider steps back once any
     * other is declared.
     */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * Tells the event store that an append refused by the unique (aggregate, sequence) index lost a
     * race with another instance, so the gateway above retries it as a concurrency conflict (and the
     * API answers 409 once the retries run out). Axon's JDBC default looks for
     * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: a
     * second command-side instance's concurrent write was answered 500, never retried.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** PostgreSQL's SQLSTATE for a unique index refusing a row. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Reads an event's revision from the events module's own annotation, which carries no Axon
     * dependency; an aggregate snapshot's from Axon's {@code @Revision}, which also makes Axon skip
     * snapshots of an older shape of the aggregate.
     */
    @Bean
    RevisionResolver revisionResolver() {
        RevisionResolver axon = new AnnotationRevisionResolver();
        return type -> {
            String revision = HaulstreamEvent.revisionOf(type);
            return revision != null ? revision : axon.revisionOf(type);
        };
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

package io.haulstream.query.projection;

import io.haulstream.events.HaulstreamEvent;
import java.time.Instant;

/**
 * An event as a projector sees it: the payload, where it stands in the event store, when it was
 * stored and when the relay handed it to Kafka ({@code null} for records relayed before that header).
 */
public record ProjectedEvent(
        HaulstreamEvent event,
        String aggregateId,
        long sequence,
        long globalPosition,
        Instant occurredAt,
        Instant relayedAt) {}

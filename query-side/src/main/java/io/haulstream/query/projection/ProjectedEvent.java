package io.haulstream.query.projection;

import io.haulstream.events.HaulstreamEvent;
import java.time.Instant;

/** An event as a projector sees it: the payload and where it stands in the event store. */
public record ProjectedEvent(
        HaulstreamEvent event, String aggregateId, long sequence, long globalPosition, Instant occurredAt) {}

package io.haulstream.benchmark.city;

import io.haulstream.events.HaulstreamEvent;
import java.time.Instant;

/**
 * One event of the city, as the relay would have published it.
 *
 * @param sequence the event's place in its aggregate, from 0 without gaps: the projectors drop an
 *     event at or below the last sequence they applied for that aggregate
 * @param occurredAt when it happened in the city's history (the event's own time field)
 * @param phase the group the event is published in; see {@link City.Phase}
 */
public record GeneratedEvent(
        String aggregateId, long sequence, HaulstreamEvent event, Instant occurredAt, City.Phase phase) {}

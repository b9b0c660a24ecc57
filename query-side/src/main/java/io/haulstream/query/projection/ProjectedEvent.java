package io.haulstream.query.projection;

import io.haulstream.events.HaulstreamEvent;
import java.time.Instant;

/**
 * An event as a projector sees it: the payload, where it stands in the event store, when it was
 * stored and when the relay handed it to Kafka ({@code null} for records relayed before that header),
 * and who caused it.
 *
 * @param eventId the event's id in the event store; null only for records made without it
 * @param actor who caused the event; null for events stored before actors were recorded
 * @param correlationId the id of the command that caused the event; null when not recorded
 */
public record ProjectedEvent(
        HaulstreamEvent event,
        String aggregateId,
        long sequence,
        long globalPosition,
        Instant occurredAt,
        Instant relayedAt,
        String eventId,
        Actor actor,
        String correlationId) {

    /** The subject of the actor, or null when the event names none. */
    public String actorSubject() {
        return actor == null ? null : actor.subject();
    }

    /**
     * Who caused an event, as the relay's actor headers name it.
     *
     * @param subject the caller's token subject, or the fleet system's name for a fleet record
     * @param client the caller's OAuth2 client, or the fleet system's name
     * @param role the caller's roles, sorted and comma-separated
     */
    public record Actor(String subject, String client, String role) {}
}

package io.haulstream.query.audit;

import java.time.Instant;

/**
 * One change of a bin or a route: which event, when it was stored, who caused it.
 *
 * @param event the event's wire name, e.g. {@code BinPlaced}
 * @param sequence the event's place in its bin's or route's stream, from 0
 * @param actor null for an event stored before actors were recorded
 * @param correlationId the id of the command that caused it; the events of one command share it
 */
public record AuditEntry(
        Instant occurredAt, String event, long sequence, Actor actor, String correlationId, String eventId) {

    /**
     * @param subject the caller's token subject, or the fleet system's name for a fleet record from Kafka
     * @param client the caller's OAuth2 client, or the fleet system's name
     * @param role the caller's roles, sorted and comma-separated ({@code fleet-system} for a fleet record)
     */
    public record Actor(String subject, String client, String role) {}
}

package io.haulstream.events;

import java.util.Set;

/** Kafka topic names and record headers shared by the producers and consumers of events. */
public final class Topics {

    /** Every stored domain event, in order per aggregate, keyed by aggregate id. */
    public static final String EVENTS = "haulstream.events";

    /** Records from fleet systems: what trucks, sensors and routing software saw happen. */
    public static final String FLEET_INBOUND = "haulstream.fleet.inbound";

    /** Fleet records that could not be used, with the reason in headers. */
    public static final String FLEET_INBOUND_DLT = "haulstream.fleet.inbound.DLT";

    public static final String HEADER_EVENT_ID = "haulstream.event-id";
    public static final String HEADER_EVENT_TYPE = "haulstream.event-type";
    public static final String HEADER_REVISION = "haulstream.revision";
    public static final String HEADER_AGGREGATE_ID = "haulstream.aggregate-id";
    public static final String HEADER_SEQUENCE = "haulstream.sequence";
    public static final String HEADER_GLOBAL_POSITION = "haulstream.global-position";
    public static final String HEADER_OCCURRED_AT = "haulstream.occurred-at";

    /**
     * When the relay handed the event to the Kafka producer (ISO-8601 instant). With
     * {@link #HEADER_OCCURRED_AT} (set when the event was stored) it lets a consumer tell how long
     * each hop of the way from the event store took.
     */
    public static final String HEADER_RELAYED_AT = "haulstream.relayed-at";

    /**
     * The subject of whoever caused the event: a token's {@code sub} for a command over HTTP, the
     * fleet system's name for a fleet record from Kafka. Absent on events that name no actor
     * (stored before actors were recorded).
     */
    public static final String HEADER_ACTOR_SUBJECT = "haulstream.actor-subject";

    /** The OAuth2 client the actor's token was issued to; the fleet system's name for a fleet record. */
    public static final String HEADER_ACTOR_CLIENT = "haulstream.actor-client";

    /** The actor's roles this application knows, sorted and comma-separated ({@code fleet-system} for fleet records). */
    public static final String HEADER_ACTOR_ROLES = "haulstream.actor-roles";

    /** The id of the command that caused the event (Axon's {@code correlationId}): the events of one command share it. */
    public static final String HEADER_CORRELATION_ID = "haulstream.correlation-id";

    /** The headers a record may lack: the others are on every record of {@link #EVENTS}. */
    public static final Set<String> OPTIONAL_HEADERS =
            Set.of(HEADER_ACTOR_SUBJECT, HEADER_ACTOR_CLIENT, HEADER_ACTOR_ROLES, HEADER_CORRELATION_ID);

    private Topics() {}
}

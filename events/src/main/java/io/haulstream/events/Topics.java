package io.haulstream.events;

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

    private Topics() {}
}

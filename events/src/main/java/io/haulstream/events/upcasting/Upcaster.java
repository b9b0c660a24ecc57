package io.haulstream.events.upcasting;

import java.util.Map;

/** Turns one revision of one event type's JSON object into the next revision. */
public interface Upcaster {

    /** The event's wire name, as in {@code HaulstreamEvent.typeName}. */
    String type();

    String fromRevision();

    String toRevision();

    /** @param json the event's JSON object as a mutable map; returns the upcast object */
    Map<String, Object> upcast(Map<String, Object> json);
}

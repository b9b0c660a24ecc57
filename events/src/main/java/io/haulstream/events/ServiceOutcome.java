package io.haulstream.events;

/** What a crew found at a stop. */
public enum ServiceOutcome {
    EMPTIED,
    MISSED,
    BLOCKED,
    CONTAMINATED,
    NOT_OUT
}

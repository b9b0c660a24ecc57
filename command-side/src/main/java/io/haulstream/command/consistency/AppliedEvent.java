package io.haulstream.command.consistency;

/**
 * The last event a command applied.
 *
 * @param aggregateId the event's aggregate
 * @param sequence its sequence in that aggregate, which the query side waits for
 */
public record AppliedEvent(String aggregateId, long sequence) {}

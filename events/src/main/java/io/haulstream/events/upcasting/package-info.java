/**
 * Upcasters from older event revisions to current ones, on plain JSON maps, so the command side
 * (Axon, reading the event store) and the query side (reading Kafka) share one definition.
 */
package io.haulstream.events.upcasting;

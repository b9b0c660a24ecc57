/** The relay: the event store is the outbox, and this tracking processor empties it into Kafka in order. */
package io.haulstream.command.relay;

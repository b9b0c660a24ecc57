/**
 * Read-your-writes on the command side: each command's reply names the last event the command
 * applied, taken from Axon's unit of work as the event is applied rather than read back from the
 * event store after the commit.
 */
package io.haulstream.command.consistency;

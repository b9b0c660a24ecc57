/**
 * How aggregates are loaded for a command: from a bounded cache of recently used aggregates, and
 * on a miss from their newest snapshot plus the events after it, never from a whole long history.
 */
package io.haulstream.command.loading;

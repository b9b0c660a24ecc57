/** Command-side lookups that answer set-based questions aggregates cannot answer alone. */
package io.haulstream.command.lookup;

package io.haulstream.command.bin;

/**
 * What the bin aggregate may ask about organizations. A bin cannot see another aggregate's state,
 * so this set-based question is answered by a command-side lookup, never by the query side.
 */
public interface Organizations {

    boolean isRegistered(String organizationId);
}
